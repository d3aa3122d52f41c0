package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/plan"
	"papihub/internal/platform/web"
)

func init() {
	planSubcommands["import"] = runPlanImport
	planSubcommands["remind"] = runPlanRemind
}

// runPlanImport parses a plan document and saves it as a draft plan of the
// unit in one step, printing the new plan's id on stdout.
func runPlanImport(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("plan import")
	data := e.addDataFlags(fs)
	unitCode := fs.String("unit", "", "electronic code of the issuing unit")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usagef("%v", err)
	}
	if len(files) != 1 || *unitCode == "" {
		return usagef("import: need FILE and --unit CODE")
	}
	in, err := e.openInput(files[0])
	if err != nil {
		return err
	}
	defer in.Close()
	body, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	unit, err := org.NewStore(conn, nil).UnitByCode(ctx, *unitCode)
	if err != nil {
		return fmt.Errorf("không có đơn vị mã %s", *unitCode)
	}
	d, err := deps{db: conn, dataDir: data.dir}.withSecret(e)
	if err != nil {
		return err
	}
	store := planStore(d.complete())
	id, probs, err := store.Import(ctx, audit.CLI(), body, files[0], unit.ID)
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			return validationError(fe)
		}
		if errors.Is(err, plan.ErrNotAPlan) {
			return err
		}
		return err
	}
	if len(probs) > 0 {
		printProblems(e.stderr, probs)
	}
	_, err = fmt.Fprintln(e.stdout, id)
	return err
}

// validationError lists field errors in Vietnamese, one per line.
func validationError(fe web.FieldErrors) error {
	keys := make([]string, 0, len(fe))
	for k := range fe {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("dữ liệu chưa hợp lệ, không lưu gì:")
	for _, k := range keys {
		fmt.Fprintf(&b, "\n  %s: %s", k, web.T(web.LangVI, fe[k]))
	}
	return errors.New(b.String())
}

// runPlanRemind creates the day's in-app notifications and sends the
// e-mail digest once.
func runPlanRemind(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("plan remind")
	data := e.addDataFlags(fs)
	days := fs.Int("days", plan.DueSoonDays, "remind of what falls due within this many days")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	d, err := deps{db: conn, dataDir: data.dir}.withSecret(e)
	if err != nil {
		return err
	}
	store := planStore(d.complete())
	added, err := store.Remind(ctx, *days)
	if err != nil {
		return err
	}
	cfg := plan.SMTPConfigFromEnv(e.getenv)
	sent, err := store.SendDigests(ctx, cfg, *days)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%d thông báo mới, %d thư đã gửi\n", added, sent)
	return err
}
