package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

func init() {
	register(&command{
		name:    "unit",
		summary: "list organisation units",
		usage: `Usage: papihub unit list [--json] [--closed] [--data DIR] [--db DSN]

Lists units in tree order. --closed includes units closed by a merger.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "unit", args, map[string]func(context.Context, *env, []string) error{"list": runUnitList})
		},
	})
	register(&command{
		name:    "user",
		summary: "create and list users",
		usage: `Usage: papihub user create --username U --role R[,R…] --unit CODE [--name "Full Name"] [--password-stdin]
       papihub user list [--json]

Roles: admin, leader, focal, manager, officer, reviewer, viewer. Without
--password-stdin a password is generated and printed once.
All subcommands take --data DIR and --db DSN.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "user", args, map[string]func(context.Context, *env, []string) error{
				"create": runUserCreate, "list": runUserList,
			})
		},
	})
	register(&command{
		name:    "token",
		summary: "issue API tokens",
		usage: `Usage: papihub token create --username U [--name N] [--data DIR] [--db DSN]

Prints a new API token once; only its hash is stored. Use it as
'Authorization: Bearer <token>'. Revoke tokens on the Administration page.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "token", args, map[string]func(context.Context, *env, []string) error{"create": runTokenCreate})
		},
	})
}

func printJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runUnitList(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("unit list")
	data := e.addDataFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	closed := fs.Bool("closed", false, "include closed units")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	units, err := org.NewStore(conn, nil).Units(ctx, org.UnitFilter{Scope: "/", IncludeClosed: *closed})
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]org.UnitJSON, len(units))
		for i, u := range units {
			out[i] = u.ToJSON()
		}
		return printJSON(e, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tKIND\tVALID")
	for _, u := range units {
		valid := vn.FormatDate(u.ValidFrom) + " –"
		if !u.ValidTo.IsZero() {
			valid += " " + vn.FormatDate(u.ValidTo)
		}
		fmt.Fprintf(tw, "%s\t%s%s\t%s\t%s\n", u.Code, strings.Repeat("  ", u.Level), u.Name, u.Kind, valid)
	}
	return tw.Flush()
}

func runUserCreate(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("user create")
	data := e.addDataFlags(fs)
	username := fs.String("username", "", "login name")
	roles := fs.String("role", "", "role or comma-separated roles")
	unitCode := fs.String("unit", "", "code of the user's unit")
	name := fs.String("name", "", "full name (default: the username)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of stdin")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *username == "" || *roles == "" || *unitCode == "" {
		return usagef("--username, --role and --unit are required")
	}
	in := org.UserInput{Username: *username, FullName: *name, Active: true}
	if in.FullName == "" {
		in.FullName = *username
	}
	for _, r := range strings.Split(*roles, ",") {
		role, ok := org.ParseRole(r)
		if !ok {
			return usagef("unknown role %q (one of: %s)", r, strings.Join(org.RoleNames(org.AllRoles...), ", "))
		}
		in.Roles = append(in.Roles, role)
	}
	generated := false
	if *fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password on stdin")
		}
		in.Password = strings.TrimRight(line, "\r\n")
	} else {
		in.Password, generated = web.RandomToken(12), true
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	store := org.NewStore(conn, nil)
	unit, err := store.UnitByCode(ctx, *unitCode)
	if errors.Is(err, db.ErrNotFound) {
		return fmt.Errorf("no unit with code %q (see papihub unit list)", *unitCode)
	}
	if err != nil {
		return err
	}
	in.UnitID = unit.ID
	id, err := store.CreateUser(ctx, audit.CLI(), in)
	if fe, ok := web.AsValidation(err); ok {
		return fieldErrorsToError(fe)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created user %s (id %d) in %s\n", in.Username, id, unit.Name)
	if generated {
		fmt.Fprintf(e.stdout, "password (shown once): %s\n", in.Password)
	}
	return nil
}

// fieldErrorsToError prints validation problems in Vietnamese, one a line,
// as the web form would show them.
func fieldErrorsToError(fe web.FieldErrors) error {
	var lines []string
	for _, f := range sortedKeys(fe) {
		lines = append(lines, fmt.Sprintf("%s: %s", f, web.T(web.LangVI, fe[f])))
	}
	return errors.New(strings.Join(lines, "\n"))
}

func runUserList(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("user list")
	data := e.addDataFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	store := org.NewStore(conn, nil)
	var all []*org.User
	for page := 1; ; page++ {
		users, more, err := store.Users(ctx, org.UserFilter{Scope: "/", Page: page, PerPage: 200})
		if err != nil {
			return err
		}
		all = append(all, users...)
		if !more {
			break
		}
	}
	if *asJSON {
		out := make([]org.UserJSON, len(all))
		for i, u := range all {
			out[i] = u.ToJSON()
		}
		return printJSON(e, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tUNIT\tROLES\tACTIVE")
	for _, u := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\n", u.Username, u.FullName, u.UnitName, strings.Join(org.RoleNames(u.Roles...), ","), u.Active)
	}
	return tw.Flush()
}

func runTokenCreate(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("token create")
	data := e.addDataFlags(fs)
	username := fs.String("username", "", "owner of the token")
	name := fs.String("name", "", "what the token is for")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *username == "" {
		return usagef("--username is required")
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	store := org.NewStore(conn, nil)
	u, err := store.UserByUsername(ctx, *username)
	if errors.Is(err, db.ErrNotFound) {
		return fmt.Errorf("no user %q", *username)
	}
	if err != nil {
		return err
	}
	token, err := store.CreateToken(ctx, audit.CLI(), u.ID, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, token)
	return nil
}
