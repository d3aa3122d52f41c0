package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/period"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/province"
	"papihub/internal/report"
)

func init() {
	register(&command{
		name:    "round",
		summary: "reporting rounds of the Department of Home Affairs",
		usage: `Usage:
  papihub round open --period 2026Q3 --deadline 15/10/2026 [--note TEXT] [--province CODE] [--data DIR] [--db DSN]
  papihub round status --period 2026Q3 [--province CODE] [--data DIR] [--db DSN]

open asks every agency and commune of the province open at the period's end
for its periodic report by the deadline (on or after the period's last day).
status lists the units of the period's round: submitted, returned, accepted,
or not sent (late once the deadline has passed); a unit merged after the
round opened is answered for by its successor. --province is the code of
the province's unit; it may be left out when the database holds one.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "round", args, map[string]func(context.Context, *env, []string) error{"open": runRoundOpen, "status": runRoundStatus})
		},
	})
}

// provinceUnit is the province of --province, or the one province root.
func provinceUnit(ctx context.Context, orgs *org.Store, code string) (org.Unit, error) {
	if code != "" {
		u, err := orgs.UnitByCode(ctx, code)
		if err != nil {
			return u, fmt.Errorf("no unit with code %s: %w", code, err)
		}
		return u, nil
	}
	units, err := orgs.Units(ctx, org.UnitFilter{Scope: "/"})
	if err != nil {
		return org.Unit{}, err
	}
	var found []org.Unit
	for _, u := range units {
		if u.Kind == org.KindProvince && u.ParentID == 0 {
			found = append(found, u)
		}
	}
	if len(found) != 1 {
		return org.Unit{}, usagef("%d provinces in the database: name one with --province CODE", len(found))
	}
	return found[0], nil
}

// roundFlags opens the database and finds the province and the round's
// period.
func openProvince(ctx context.Context, e *env, data *dataFlags, code string) (deps, *province.Store, org.Unit, func(), error) {
	conn, err := data.open(ctx)
	if err != nil {
		return deps{}, nil, org.Unit{}, nil, err
	}
	d, err := deps{db: conn, dataDir: data.dir}.withSecret(e)
	if err != nil {
		conn.Close()
		return deps{}, nil, org.Unit{}, nil, err
	}
	d = d.complete()
	p, err := provinceUnit(ctx, d.org, code)
	if err != nil {
		conn.Close()
		return deps{}, nil, org.Unit{}, nil, err
	}
	return d, provinceStore(d), p, func() { conn.Close() }, nil
}

func runRoundOpen(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("round open")
	data := e.addDataFlags(fs)
	key := fs.String("period", "", "period key: 2026Q3, 2026S1, 2026, 2026-08")
	deadline := fs.String("deadline", "", "last day to submit, dd/mm/yyyy")
	note := fs.String("note", "", "a note to the units")
	code := fs.String("province", "", "code of the province's unit")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usagef("%v", err)
	}
	if *key == "" || *deadline == "" {
		return usagef("round open: need --period and --deadline")
	}
	day, err := vn.ParseDate(*deadline)
	if err != nil {
		return usagef("round open: --deadline: %v", err)
	}
	d, store, p, done, err := openProvince(ctx, e, data, *code)
	if err != nil {
		return err
	}
	defer done()
	units, err := d.org.Units(ctx, org.UnitFilter{Scope: p.Path})
	if err != nil {
		return err
	}
	ha := p
	for _, u := range units {
		if u.Kind == org.KindHomeAffairs {
			ha = u
			break
		}
	}
	id, err := store.OpenRound(ctx, audit.CLI(), p, ha, province.RoundInput{Period: *key, Deadline: period.DayOf(day), Note: *note})
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			return validationError(fe)
		}
		return err
	}
	round, err := store.Round(ctx, id)
	if err != nil {
		return err
	}
	list, err := store.RoundUnits(ctx, round)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "Đợt báo cáo %d, kỳ %s, hạn %s: %d đơn vị phải báo cáo.\n", id, round.Period, vn.FormatDate(round.Deadline), len(list))
	return err
}

func runRoundStatus(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("round status")
	data := e.addDataFlags(fs)
	key := fs.String("period", "", "period key: 2026Q3, 2026S1, 2026, 2026-08")
	code := fs.String("province", "", "code of the province's unit")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usagef("%v", err)
	}
	if *key == "" {
		return usagef("round status: need --period")
	}
	_, store, p, done, err := openProvince(ctx, e, data, *code)
	if err != nil {
		return err
	}
	defer done()
	round, ok, err := store.RoundFor(ctx, p.ID, strings.TrimSpace(*key))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("no reporting round for %s in %s", *key, p.Name)
	}
	list, err := store.RoundUnits(ctx, round)
	if err != nil {
		return err
	}
	today := store.Today()
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "Đợt báo cáo kỳ %s, hạn %s\n", round.Period, vn.FormatDate(round.Deadline))
	fmt.Fprintln(w, "MÃ\tĐƠN VỊ\tTRẠNG THÁI\tNGÀY GỬI\tGHI CHÚ")
	late := 0
	for _, u := range list {
		state := map[province.Status]string{province.Pending: "chưa gửi", province.Submitted: "đã gửi", province.Returned: "trả lại", province.Accepted: "đã chấp nhận"}[u.Status]
		if u.Late(today, round.Deadline) {
			state += ", chậm"
			late++
		}
		sent := ""
		if !u.SubmittedOn.IsZero() {
			sent = vn.FormatDate(u.SubmittedOn)
		}
		note := u.Comment
		if u.StandIn.ID != 0 {
			note = strings.TrimSpace("do " + u.StandIn.Name + " báo cáo thay. " + note)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", u.Unit.Code, u.Unit.Name, state, sent, note)
	}
	fmt.Fprintf(w, "%d đơn vị, %d chậm\n", len(list), late)
	return w.Flush()
}

// runReportProvince issues the province's consolidated report of a
// round's period and writes a copy to --out.
func runReportProvince(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("report province")
	data := e.addDataFlags(fs)
	key := fs.String("period", "", "period key of the round: 2026Q3, 2026S1, 2026, 2026-08")
	format := fs.String("format", "docx", "docx or xlsx")
	out := fs.String("out", "", "file to write")
	number := fs.String("number", "", "the report's number (blank: written in by hand)")
	signer := fs.String("signer", "", "the signer's name")
	code := fs.String("province", "", "code of the province's unit")
	if _, err := parseInterspersed(fs, args); err != nil {
		return usagef("%v", err)
	}
	if *key == "" || *out == "" {
		return usagef("report province: need --period and --out")
	}
	d, store, p, done, err := openProvince(ctx, e, data, *code)
	if err != nil {
		return err
	}
	defer done()
	round, ok, err := store.RoundFor(ctx, p.ID, strings.TrimSpace(*key))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("no reporting round for %s in %s: open one with `papihub round open`", *key, p.Name)
	}
	start := time.Now()
	rep, err := store.IssueConsolidated(ctx, audit.CLI(), round, *format, *number, report.Signature{Title: "GIÁM ĐỐC", Name: *signer})
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			return validationError(fe)
		}
		return err
	}
	b, err := os.ReadFile(report.NewRegister(d.db, d.dataDir, d.now).Path(rep.SHA256))
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "Báo cáo tổng hợp số %s, kỳ %s, %d byte, lập trong %s: %s\n", rep.Number, rep.Period, rep.Size, time.Since(start).Round(time.Millisecond), *out)
	return err
}
