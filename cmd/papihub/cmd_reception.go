package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/period"
	"papihub/internal/platform/secret"
	"papihub/internal/platform/web"
	"papihub/internal/reception"
	"papihub/internal/report"
)

func init() {
	register(&command{
		name:    "reception",
		summary: "citizen reception: import the portal's feedback, the periodic report",
		usage: `Usage:
  papihub reception import FILE --unit CODE [--skip-invalid] [--format csv|xlsx]
  papihub reception report --unit CODE --period 2026Q3 --format docx|xlsx --out FILE [--issue] [--number N] [--signer NAME]
  papihub reception generate --unit CODE[,CODE...] --entries N [--seed S] [--year Y]

import reads the petitions and reflections already received on the national
portal's feedback channel (CSV or XLSX, one row each) into the logbook of
unit CODE. Columns are found by their titles: Mã PAKN, Ngày gửi, Loại,
Nội dung, Họ tên, Địa chỉ, Số điện thoại, Số giấy tờ, Ngày trả lời, Nội dung
trả lời, Công khai, Đánh giá (English titles too). It prints "imported N,
unchanged N, rejected N" and a line per bad row (line, column, reason); a
file with bad rows is rejected whole and exits 1 unless --skip-invalid.
Importing the same file twice changes nothing (rows are known by their code).

report writes the periodic report on reception, complaints, denunciations,
petitions and reflections of the unit (and its subtree) for the period
(2026, 2026S1, 2026Q3, 2026-08): DOCX in the Decree 30 layout, or XLSX with
the figures and the period's logbook (form 03, names masked). --issue
records it in the register of issued reports.

generate writes a synthetic year of the register (benchmarks, end-to-end
checks): N logbook entries of every kind over the units, received on the
year's working days up to today, most accepted, their cases answered on
time or late, left open, withdrawn or transferred, feedback rated; names
are made up and sealed. The same seed gives the same register.

All subcommands take --data DIR and --db DSN.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "reception", args, map[string]func(context.Context, *env, []string) error{
				"import": runReceptionImport, "report": runReceptionReport, "generate": runReceptionGenerate,
			})
		},
	})
}

// openReception opens the database and the personal-data key, and finds
// the unit by its code.
func openReception(ctx context.Context, e *env, data *dataFlags, code string) (*reception.Store, reception.Unit, func(), error) {
	return openForUnit(ctx, data, code, func(conn *db.DB) (*reception.Store, error) {
		box, err := secret.Load(e.getenv(secret.EnvKey), data.dir)
		if err != nil {
			return nil, err
		}
		return receptionStore(deps{db: conn, secret: box}.complete()), nil
	}, (*reception.Store).UnitByCode)
}

func runReceptionImport(ctx context.Context, e *env, args []string) error {
	in, err := parseRegisterImport(e, "reception", "electronic id of the unit whose logbook this is",
		"apply the valid rows of a file with bad rows", args)
	if err != nil {
		return err
	}
	s, unit, done, err := openReception(ctx, e, in.data, in.unitCode)
	if err != nil {
		return err
	}
	defer done()
	dec, closeFile, err := openDecoder(in, reception.NewDecoder)
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

func runReceptionGenerate(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("reception generate")
	data := e.addDataFlags(fs)
	codes := fs.String("unit", "", "electronic ids of the units, comma-separated")
	n := fs.Int("entries", 10000, "number of logbook entries")
	seed := fs.Uint64("seed", 1, "random seed (the same seed gives the same register)")
	year := fs.Int("year", time.Now().Year(), "year of receipt")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	list := strings.Split(*codes, ",")
	if *codes == "" || *n <= 0 {
		return usagef("reception generate: need --unit CODE[,CODE...] and --entries N > 0")
	}
	s, first, done, err := openReception(ctx, e, data, strings.TrimSpace(list[0]))
	if err != nil {
		return err
	}
	defer done()
	ids := []int64{first.ID}
	for _, code := range list[1:] {
		u, err := s.UnitByCode(ctx, strings.TrimSpace(code))
		if err != nil {
			return fmt.Errorf("đơn vị %q: %w", code, err)
		}
		ids = append(ids, u.ID)
	}
	start := time.Now()
	gen, err := s.Generate(ctx, reception.GenerateSpec{UnitIDs: ids, Year: *year, Entries: *n, Seed: *seed})
	if err != nil {
		return err
	}
	cases := 0
	for _, g := range gen {
		if g.Handling == reception.Accepted {
			cases++
		}
	}
	fmt.Fprintf(e.stdout, "generated %d entries, %d cases in %s\n", len(gen), cases, time.Since(start).Round(time.Millisecond))
	return nil
}

func runReceptionReport(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("reception report")
	data := e.addDataFlags(fs)
	unitCode := fs.String("unit", "", "electronic id of the unit")
	key := fs.String("period", "", "the period: 2026, 2026S1, 2026Q3, 2026-08")
	format := fs.String("format", "docx", "docx or xlsx")
	out := fs.String("out", "", "file to write")
	issue := fs.Bool("issue", false, "record the report in the register of issued reports")
	number := fs.String("number", "", "the report's number (blank: written in by hand)")
	signer := fs.String("signer", "", "the signer's name")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usagef("%v", err)
	}
	if *unitCode == "" || *key == "" || *out == "" || (*format != "docx" && *format != "xlsx") {
		return usagef("reception report: need --unit CODE, --period P, --format docx|xlsx and --out FILE")
	}
	span, err := period.Parse(*key)
	if err != nil {
		return usagef("%v", err)
	}
	s, unit, done, err := openReception(ctx, e, data, *unitCode)
	if err != nil {
		return err
	}
	defer done()
	r, err := s.Report(ctx, unit, span)
	if err != nil {
		return err
	}
	f := r.Figures
	fmt.Fprintf(e.stdout, "Tiếp công dân %s — %s: %d đơn, thụ lý %d, chuyển %d, hướng dẫn %d; đến hạn %d: đúng hạn %d, trễ hạn %d, quá hạn %d\n",
		span.Label(), unit.Name, f.Entries, f.Accepted, f.Transferred, f.Guided, f.Due, f.OnTime, f.Late, f.Overdue)
	is := reception.Issue{Number: *number, SignerName: *signer}
	if *issue {
		is.Date = time.Now()
	}
	var buf bytes.Buffer
	if *format == "docx" {
		err = report.WriteDOCX(&buf, r.Document(is))
	} else {
		err = report.WriteXLSX(&buf, r.Sheets())
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if *issue {
		conn, err := data.open(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		x, err := report.NewRegister(conn, data.dir, nil).Issue(ctx, audit.CLI(), report.Issued{Kind: reception.KindReport, UnitID: unit.ID,
			Title: r.Document(is).Subject, Number: r.Document(is).Number, Period: span.Key, Format: *format, FileName: "tiep-cong-dan-" + span.Key + "." + *format}, buf.Bytes())
		if err != nil {
			if fe, ok := web.AsValidation(err); ok {
				return validationError(fe)
			}
			return err
		}
		fmt.Fprintf(e.stdout, "Đã lưu vào sổ báo cáo (số %d).\n", x.ID)
	}
	_, err = fmt.Fprintf(e.stdout, "%s: %d byte\n", *out, buf.Len())
	return err
}
