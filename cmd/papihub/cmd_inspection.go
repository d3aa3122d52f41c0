package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"papihub/internal/audit"
	"papihub/internal/inspection"
	"papihub/internal/platform/db"
	"papihub/internal/platform/period"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

func init() {
	register(&command{
		name:    "inspection",
		summary: "the register of inspection conclusions: import, the follow-up report for a period",
		usage: `Usage:
  papihub inspection import FILE --unit CODE [--skip-invalid] [--format csv|xlsx]
  papihub inspection report --unit CODE --period KEY [--format docx|xlsx --out FILE [--issue] [--number N] [--signer NAME]]

import reads conclusions (CSV or XLSX, one row per recommendation, the
conclusion's columns repeated on each of its rows) into the register of unit
CODE. Columns are found by their titles: Số kết luận, Ngày kết luận, Ngày
nhận, Cơ quan ban hành, Nguồn, Nội dung kết luận, Loại kiến nghị, Nội dung
kiến nghị, Đơn vị thực hiện (code or name), Thời hạn, Số tiền phải thu hồi,
Đã thu hồi, Số tập thể, cá nhân, Hình thức xử lý, Tình trạng, Ngày hoàn
thành (English titles too). It prints "imported N, recommendations N,
unchanged N, rejected N" and a line per bad row (line, column, reason); a
file with bad rows is rejected whole and exits 1 unless --skip-invalid,
which skips the conclusions with bad rows. Conclusions already in the
register are left as they are, so importing a file twice changes nothing.

report prints the follow-up of the unit's conclusions for a period (2026,
2026S1, 2026Q3, 2026-08 or 01/07/2026..15/08/2026): recommendations done,
open and overdue, amounts due and recovered, and the list for strict
handling; with --out it writes the report as DOCX (Decree 30 layout) or
XLSX, and with --issue records it in the register of issued reports.

All subcommands take --data DIR and --db DSN.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "inspection", args, map[string]func(context.Context, *env, []string) error{
				"import": runInspectionImport, "report": runInspectionReport,
			})
		},
	})
}

// openInspection opens the database and finds the unit by its code.
func openInspection(ctx context.Context, data *dataFlags, code string) (*inspection.Store, inspection.Unit, func(), error) {
	return openForUnit(ctx, data, code, func(conn *db.DB) (*inspection.Store, error) {
		return inspection.NewStore(conn, data.dir, nil), nil
	}, (*inspection.Store).UnitByCode)
}

func runInspectionImport(ctx context.Context, e *env, args []string) error {
	in, err := parseRegisterImport(e, "inspection", "electronic id of the unit that follows the conclusions up",
		"import the conclusions without bad rows of a file with bad rows", args)
	if err != nil {
		return err
	}
	s, unit, done, err := openInspection(ctx, in.data, in.unitCode)
	if err != nil {
		return err
	}
	defer done()
	dec, closeFile, err := openDecoder(in, inspection.NewDecoder)
	if err != nil {
		return err
	}
	defer closeFile()
	rep, err := s.Import(ctx, audit.CLI(), unit.ID, dec, in.skip)
	if err != nil {
		return fmt.Errorf("%s: %w", in.file, err)
	}
	fmt.Fprintf(e.stdout, "imported %d, recommendations %d, unchanged %d, rejected %d\n", rep.Imported, rep.Recommendations, rep.Unchanged, rep.Rejected)
	return printRowErrors(e, rep.Errors, rep.Rejected, rep.Applied)
}

func runInspectionReport(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("inspection report")
	data := e.addDataFlags(fs)
	unitCode := fs.String("unit", "", "electronic id of the unit")
	key := fs.String("period", "", "the period: 2026, 2026S1, 2026Q3, 2026-08 or DD/MM/YYYY..DD/MM/YYYY")
	format := fs.String("format", "docx", "docx or xlsx")
	out := fs.String("out", "", "file to write")
	issue := fs.Bool("issue", false, "record the report in the register of issued reports")
	number := fs.String("number", "", "the report's number (blank: written in by hand)")
	signer := fs.String("signer", "", "the signer's name")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usagef("%v", err)
	}
	if *unitCode == "" || *key == "" {
		return usagef("inspection report: need --unit CODE and --period KEY")
	}
	if *issue && *out == "" {
		return usagef("inspection report: --issue needs --out FILE")
	}
	sp, err := period.Parse(*key)
	if err != nil {
		return usagef("--period: %v", err)
	}
	s, unit, done, err := openInspection(ctx, data, *unitCode)
	if err != nil {
		return err
	}
	defer done()
	f, err := s.FollowUp(ctx, unit, inspection.Day(sp.From.Date()), inspection.Day(sp.To.Date()))
	if err != nil {
		return err
	}
	t := f.Total
	fmt.Fprintf(e.stdout, "Theo dõi thực hiện kết luận %s — %s: %d kết luận, %d kiến nghị: %d đã hoàn thành (%d muộn), %d đang thực hiện, %d quá hạn, %d tái phạm\n",
		sp.Label(), unit.Name, len(f.Rows), t.Recs, t.Done, t.Late, t.Open, t.Overdue, t.Repeats)
	fmt.Fprintf(e.stdout, "Thu hồi: phải thu %s đ, đã thu %s đ\n", vn.FormatInt(t.AmountDue), vn.FormatInt(t.AmountRecovered))
	for i, r := range f.Strict {
		fmt.Fprintf(e.stdout, "  %d\t%s\t%s\t%s\t%s\n", i+1, r.Conclusion.Number, r.ResponsibleName, vn.FormatDate(r.Deadline), r.Content)
	}
	if *out == "" {
		return nil
	}
	is := inspection.Issue{Number: *number, SignerName: *signer}
	if *issue {
		is.Date = time.Now()
	}
	b, err := f.Render(*format, is)
	if _, bad := web.AsValidation(err); bad {
		return usagef("--format must be docx or xlsx")
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	if *issue {
		doc := f.Document(is)
		x, err := report.NewRegister(s.DB(), data.dir, nil).Issue(ctx, audit.CLI(), report.Issued{Kind: inspection.KindFollowUp, UnitID: unit.ID,
			Title: doc.Subject, Number: doc.Number, Period: sp.Key, Format: *format, FileName: "theo-doi-ket-luan-" + sp.Key + "." + *format}, b)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Đã lưu vào sổ báo cáo (số %d).\n", x.ID)
	}
	_, err = fmt.Fprintf(e.stdout, "%s: %d byte\n", *out, len(b))
	return err
}
