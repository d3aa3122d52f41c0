package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	"papihub/internal/audit"
	"papihub/internal/legaldoc"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

func init() {
	register(&command{
		name:    "legal",
		summary: "the register of legal documents: import, status on a day, the yearly list of expired ones",
		usage: `Usage:
  papihub legal import FILE --unit CODE [--skip-invalid] [--format csv|xlsx]
  papihub legal status --unit CODE [--on DD/MM/YYYY] [--list]
  papihub legal expired --unit CODE --year Y [--format docx|xlsx --out FILE [--issue] [--number N] [--signer NAME]]
  papihub legal system --unit CODE --end Y --format docx|xlsx --out FILE

import reads a register (CSV or XLSX, one row per document) into the
register of unit CODE. Columns are found by their titles: Số ký hiệu, Loại
văn bản, Trích yếu, Cơ quan ban hành, Người ký, Lĩnh vực, Ngày ban hành,
Ngày có hiệu lực, Ngày hết hiệu lực, Lý do hết hiệu lực (English titles
too), and relations named by number in Sửa đổi, bổ sung / Thay thế / Bãi bỏ
/ Hết hiệu lực một phần / Hướng dẫn / Ngưng hiệu lực (or Bị thay thế bởi,
Bị bãi bỏ bởi…), provisions in brackets: 12/2024/QĐ-UBND (Điều 3). It prints
"imported N, unchanged N, rejected N" and a line per bad row (line, column,
reason); a file with bad rows is rejected whole and exits 1 unless
--skip-invalid. Importing the same file twice changes nothing.

status prints how many documents of the unit's register (and its subtree)
are not yet in force, in force, partly expired, suspended and expired on
the day (default today); --list adds one line per document.

expired prints the year's list of documents that expired wholly or in part;
with --out it writes the list as DOCX (the head's decision publishing it,
Decree 30 layout) or XLSX, and with --issue records it in the register of
issued reports. system writes the five-yearly systematisation ending with
year Y.

All subcommands take --data DIR and --db DSN.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "legal", args, map[string]func(context.Context, *env, []string) error{
				"import": runLegalImport, "status": runLegalStatus, "expired": runLegalExpired, "system": runLegalSystem,
			})
		},
	})
}

// openLegal opens the database and finds the unit by its code.
func openLegal(ctx context.Context, data *dataFlags, code string) (*legaldoc.Store, legaldoc.Unit, func(), error) {
	return openForUnit(ctx, data, code, func(conn *db.DB) (*legaldoc.Store, error) {
		return legaldoc.NewStore(conn, nil), nil
	}, (*legaldoc.Store).UnitByCode)
}

func runLegalImport(ctx context.Context, e *env, args []string) error {
	in, err := parseRegisterImport(e, "legal", "electronic id of the unit whose register this is",
		"apply the valid rows of a file with bad rows", args)
	if err != nil {
		return err
	}
	s, unit, done, err := openLegal(ctx, in.data, in.unitCode)
	if err != nil {
		return err
	}
	defer done()
	dec, closeFile, err := openDecoder(in, legaldoc.NewDecoder)
	if err != nil {
		return err
	}
	defer closeFile()
	rep, err := s.Import(ctx, audit.CLI(), unit.ID, dec, in.skip)
	if err != nil {
		return fmt.Errorf("%s: %w", in.file, err)
	}
	fmt.Fprintf(e.stdout, "imported %d, unchanged %d, rejected %d\n", rep.Imported, rep.Unchanged, rep.Rejected)
	return printRowErrors(e, rep.Errors, rep.Rejected, rep.Applied)
}

// dayFlag reads a dd/mm/yyyy or yyyy-mm-dd flag; blank is today.
func dayFlag(v string) (time.Time, error) {
	if v == "" {
		return time.Now(), nil
	}
	return vn.ParseDate(v)
}

func runLegalStatus(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("legal status")
	data := e.addDataFlags(fs)
	unitCode := fs.String("unit", "", "electronic id of the unit")
	onFlag := fs.String("on", "", "the day, dd/mm/yyyy (default today)")
	list := fs.Bool("list", false, "one line per document")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usagef("%v", err)
	}
	if *unitCode == "" {
		return usagef("legal status: need --unit CODE")
	}
	on, err := dayFlag(*onFlag)
	if err != nil {
		return usagef("--on: %v", err)
	}
	s, unit, done, err := openLegal(ctx, data, *unitCode)
	if err != nil {
		return err
	}
	defer done()
	st, err := s.StatusesOn(ctx, unit.Path, on)
	if err != nil {
		return err
	}
	counts := map[legaldoc.Status]int{}
	for _, v := range st {
		counts[v]++
	}
	fmt.Fprintf(e.stdout, "%s, ngày %s: %d văn bản\n", unit.Name, vn.FormatDate(on), len(st))
	for _, v := range legaldoc.Statuses {
		fmt.Fprintf(e.stdout, "  %-16s %d\n", v, counts[v])
	}
	if *list {
		for page := 1; ; page++ {
			docs, more, err := s.Documents(ctx, legaldoc.Filter{Scope: unit.Path, Page: page, PerPage: 5000})
			if err != nil {
				return err
			}
			for _, d := range docs {
				fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", d.Number, st[d.ID], d.Title)
			}
			if !more {
				break
			}
		}
	}
	return nil
}

// writeList renders a list, writes it to out and, with issue, records it.
func writeList(ctx context.Context, e *env, data *dataFlags, unit legaldoc.Unit, kind, period, format, out string, issue bool,
	doc report.Document, sheets []report.Sheet) error {
	var buf bytes.Buffer
	var err error
	switch format {
	case "docx":
		err = report.WriteDOCX(&buf, doc)
	case "xlsx":
		err = report.WriteXLSX(&buf, sheets)
	default:
		return usagef("--format must be docx or xlsx")
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if issue {
		conn, err := data.open(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		x, err := report.NewRegister(conn, data.dir, nil).Issue(ctx, audit.CLI(), report.Issued{Kind: kind, UnitID: unit.ID, Title: doc.Subject,
			Number: doc.Number, Period: period, Format: format, FileName: "danh-muc-" + period + "." + format}, buf.Bytes())
		if err != nil {
			if fe, ok := web.AsValidation(err); ok {
				return validationError(fe)
			}
			return err
		}
		fmt.Fprintf(e.stdout, "Đã lưu vào sổ báo cáo (số %d).\n", x.ID)
	}
	_, err = fmt.Fprintf(e.stdout, "%s: %d byte\n", out, buf.Len())
	return err
}

func runLegalExpired(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("legal expired")
	data := e.addDataFlags(fs)
	unitCode := fs.String("unit", "", "electronic id of the unit")
	year := fs.Int("year", 0, "the year")
	format := fs.String("format", "docx", "docx or xlsx")
	out := fs.String("out", "", "file to write")
	issue := fs.Bool("issue", false, "record the list in the register of issued reports")
	number := fs.String("number", "", "the decision's number (blank: written in by hand)")
	signer := fs.String("signer", "", "the signer's name")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usagef("%v", err)
	}
	if *unitCode == "" || *year == 0 {
		return usagef("legal expired: need --unit CODE and --year Y")
	}
	if *issue && *out == "" {
		return usagef("legal expired: --issue needs --out FILE")
	}
	s, unit, done, err := openLegal(ctx, data, *unitCode)
	if err != nil {
		return err
	}
	defer done()
	l, err := s.Expired(ctx, unit, *year)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Danh mục văn bản hết hiệu lực năm %d — %s: %d toàn bộ, %d một phần\n", *year, unit.Name, len(l.Full), len(l.Partial))
	for i, r := range l.Full {
		fmt.Fprintf(e.stdout, "  %d\t%s\t%s\t%s\n", i+1, r.Number, vn.FormatDate(r.ExpiredOn), r.Reason)
	}
	for i, r := range l.Partial {
		fmt.Fprintf(e.stdout, "  %d*\t%s\t%s\t%s: %s\n", i+1, r.Number, vn.FormatDate(r.ExpiredOn), r.Provisions, r.Reason)
	}
	if *out == "" {
		return nil
	}
	is := legaldoc.Issue{Number: *number, SignerName: *signer}
	if *issue {
		is.Date = time.Now()
	}
	return writeList(ctx, e, data, unit, legaldoc.KindExpiredList, strconv.Itoa(*year), *format, *out, *issue, l.Document(is), l.Sheets())
}

func runLegalSystem(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("legal system")
	data := e.addDataFlags(fs)
	unitCode := fs.String("unit", "", "electronic id of the unit")
	end := fs.Int("end", 0, "the last year of the five-year period")
	format := fs.String("format", "docx", "docx or xlsx")
	out := fs.String("out", "", "file to write")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usagef("%v", err)
	}
	if *unitCode == "" || *end == 0 || *out == "" || !slices.Contains([]string{"docx", "xlsx"}, *format) {
		return usagef("legal system: need --unit CODE, --end Y, --format docx|xlsx and --out FILE")
	}
	s, unit, done, err := openLegal(ctx, data, *unitCode)
	if err != nil {
		return err
	}
	defer done()
	sy, err := s.Systematise(ctx, unit, *end)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Hệ thống hóa kỳ %d–%d — %s: %d còn hiệu lực, %d hết hiệu lực toàn bộ, %d một phần, %d cần xử lý\n",
		sy.From, sy.To, unit.Name, len(sy.InForce), len(sy.Expired), len(sy.Partial), len(sy.ToAct))
	return writeList(ctx, e, data, unit, legaldoc.KindSystematisation, fmt.Sprintf("%d-%d", sy.From, sy.To), *format, *out, false, sy.Document(legaldoc.Issue{}), sy.Sheets())
}
