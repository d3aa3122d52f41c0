package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/survey"
)

func init() {
	register(&command{
		name:    "survey",
		summary: "import questionnaires and Kobo/ODK responses, export anonymous microdata",
		usage: `Usage: papihub survey import-form FILE.xlsx [--unit CODE] [--open]
       papihub survey import-form --builtin [--unit CODE] [--open]
       papihub survey import-responses --form ID [--unit-column COL] [--skip-invalid] FILE [FILE...]
       papihub survey export --form ID --format csv|xlsx [--out FILE]

import-form reads an XLSForm (sheets survey, choices, settings; the columns
indicator and indicator_rule bind questions to PAPI indicators), or takes the
built-in PAPI questionnaire with --builtin, and prints the new form's id. The
form belongs to the unit with --unit CODE (default: the top unit when there is
only one). It starts as a draft; --open opens it to invitation codes at once.
Every problem is printed with its sheet, row and column, and nothing is stored.

import-responses reads KoboToolbox or ODK exports of the form: CSV or XLSX,
the main table with any repeat tables, or ODK Central's zip. Responses already
stored (same instance id) are counted as duplicates. With --unit-column, the
column's value (a unit's code or name) says which unit a response counts for.
A file with rejected rows is refused whole unless --skip-invalid. Prints
"imported N, duplicates N, rejected N".

export writes the form's responses as anonymous microdata (to stdout, or to
--out): a running number, the unit code and the answers; no instance ids,
times, invitation codes, personal columns or identifiers in free text.
All subcommands take --data DIR and --db DSN.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "survey", args, map[string]func(context.Context, *env, []string) error{
				"import-form": runSurveyImportForm, "import-responses": runSurveyImportResponses, "export": runSurveyExport,
			})
		},
	})
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// surveyOwner finds the unit a new form belongs to: the one with the code, or
// the only top unit.
func surveyOwner(ctx context.Context, conn *db.DB, code string) (org.Unit, error) {
	store := org.NewStore(conn, nil)
	if code != "" {
		u, err := store.UnitByCode(ctx, code)
		if errors.Is(err, db.ErrNotFound) {
			return org.Unit{}, fmt.Errorf("no unit with code %q", code)
		}
		return u, err
	}
	units, err := store.Units(ctx, org.UnitFilter{Scope: "/"})
	if err != nil {
		return org.Unit{}, err
	}
	var roots []org.Unit
	for _, u := range units {
		if u.ParentID == 0 {
			roots = append(roots, u)
		}
	}
	if len(roots) != 1 {
		return org.Unit{}, usagef("survey import-form: say which unit owns the form with --unit CODE (%d top units)", len(roots))
	}
	return roots[0], nil
}

func runSurveyImportForm(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("survey import-form")
	data := e.addDataFlags(fs)
	unitCode := fs.String("unit", "", "code of the unit that owns the form")
	builtin := fs.Bool("builtin", false, "use the built-in PAPI questionnaire")
	open := fs.Bool("open", false, "open the form to invitation codes at once")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *builtin == (len(files) == 1) || len(files) > 1 {
		return usagef("survey import-form: give one XLSForm file, or --builtin")
	}
	var form *survey.Form
	var warnings []survey.Problem
	if *builtin {
		form = survey.BuiltinPAPIForm()
	} else {
		f, err := os.Open(files[0])
		if err != nil {
			return err
		}
		defer f.Close()
		var problems []survey.Problem
		form, problems, err = survey.ParseXLSForm(f)
		if err != nil {
			return err
		}
		warnings = printFormProblems(e.stderr, files[0], problems, form != nil)
		if form == nil {
			return fmt.Errorf("%s: the form has errors; nothing imported", files[0])
		}
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	owner, err := surveyOwner(ctx, conn, *unitCode)
	if err != nil {
		return err
	}
	status := survey.StatusDraft
	if *open {
		status = survey.StatusOpen
	}
	id, err := survey.NewStore(conn, nil).CreateForm(ctx, audit.CLI(), owner.ID, form, status, warnings)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	return nil
}

// printFormProblems writes the reader's problems to w, errors first under
// a line saying nothing was imported, then warnings under a line saying the
// form imports anyway; it returns the warnings.
func printFormProblems(w io.Writer, file string, problems []survey.Problem, imported bool) []survey.Problem {
	var errs, warnings []survey.Problem
	for _, p := range problems {
		if p.Warning {
			warnings = append(warnings, p)
		} else {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		fmt.Fprintf(w, "%s: %d lỗi, biểu mẫu chưa được nhập (errors: nothing imported):\n", file, len(errs))
		for _, p := range errs {
			fmt.Fprintf(w, "  lỗi: %s\n", p.Error())
		}
	}
	if len(warnings) > 0 {
		verdict := "biểu mẫu vẫn được nhập (warnings: the form imports)"
		if !imported {
			verdict = "sẽ còn lại sau khi sửa các lỗi trên (warnings)"
		}
		fmt.Fprintf(w, "%s: %d cảnh báo, %s:\n", file, len(warnings), verdict)
		for _, p := range warnings {
			fmt.Fprintf(w, "  cảnh báo: %s\n", p.Error())
		}
	}
	return warnings
}

func loadSurveyForm(ctx context.Context, store *survey.Store, id int64) (survey.StoredForm, error) {
	if id <= 0 {
		return survey.StoredForm{}, usagef("--form ID is required")
	}
	sf, err := store.Form(ctx, id)
	if errors.Is(err, db.ErrNotFound) {
		return survey.StoredForm{}, fmt.Errorf("no survey form with id %d", id)
	}
	return sf, err
}

func runSurveyImportResponses(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("survey import-responses")
	data := e.addDataFlags(fs)
	formID := fs.Int64("form", 0, "id of the survey form")
	unitColumn := fs.String("unit-column", "", "column holding each response's unit (code or name)")
	skipInvalid := fs.Bool("skip-invalid", false, "import the valid rows of a file with rejected rows")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("survey import-responses: no files")
	}
	if *formID <= 0 {
		return usagef("survey import-responses: --form ID is required")
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	store := survey.NewStore(conn, nil)
	sf, err := loadSurveyForm(ctx, store, *formID)
	if err != nil {
		return err
	}
	var readers []survey.NamedReader
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		readers = append(readers, survey.NamedReader{Name: filepath.Base(name), R: bufio.NewReader(f)})
	}
	opts := survey.ImportOptions{UnitColumn: *unitColumn}
	if *unitColumn != "" {
		units, err := org.NewStore(conn, nil).Units(ctx, org.UnitFilter{Scope: "/"})
		if err != nil {
			return err
		}
		opts.UnitOf = survey.UnitMatcher(units)
	}
	rep, err := store.ImportFiles(ctx, audit.CLI(), sf, readers, opts, *skipInvalid)
	if err != nil {
		return err
	}
	for _, w := range rep.Batch.Warnings {
		fmt.Fprintln(e.stderr, "warning:", w)
	}
	if len(rep.Batch.UnknownColumns) > 0 {
		fmt.Fprintf(e.stderr, "columns the form does not know (kept, not scored): %s\n", strings.Join(rep.Batch.UnknownColumns, ", "))
	}
	for _, re := range rep.Batch.Rejected {
		fmt.Fprintln(e.stderr, "rejected:", re.Error())
	}
	if rep.Refused {
		fmt.Fprintf(e.stdout, "imported 0, duplicates %d, rejected %d\n", rep.Duplicates, rep.Rejected())
		return fmt.Errorf("%d rows rejected; nothing imported (fix them, or pass --skip-invalid to import the rest)", rep.Rejected())
	}
	fmt.Fprintf(e.stdout, "imported %d, duplicates %d, rejected %d\n", rep.Imported, rep.Duplicates, rep.Rejected())
	return nil
}

func runSurveyExport(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("survey export")
	data := e.addDataFlags(fs)
	formID := fs.Int64("form", 0, "id of the survey form")
	format := fs.String("format", "csv", "csv or xlsx")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "csv" && *format != "xlsx" {
		return usagef("survey export: --format must be csv or xlsx, not %q", *format)
	}
	if *formID <= 0 {
		return usagef("survey export: --form ID is required")
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	store := survey.NewStore(conn, nil)
	sf, err := loadSurveyForm(ctx, store, *formID)
	if err != nil {
		return err
	}
	responses, err := store.Responses(ctx, sf.ID)
	if err != nil {
		return err
	}
	table := survey.ExportTable(sf.Form, responses)
	if err := store.RecordExport(ctx, audit.CLI(), sf, *format, len(table)-1); err != nil {
		return err
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := survey.WriteExport(w, table, *format); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "wrote %d responses to %s\n", len(table)-1, *out)
	}
	return nil
}
