package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"papihub/internal/audit"
	"papihub/internal/platform/web"
)

func init() {
	register(&command{
		name:    "report",
		summary: "periodic reports to the Department of Home Affairs",
		usage: `Usage:
  papihub report plan PLAN_ID --period 2026Q3 [--format docx|xlsx] --out FILE [--number N] [--data DIR] [--db DSN]
  papihub report province --period 2026Q3 [--format docx|xlsx] --out FILE [--number N] [--signer NAME] [--province CODE]

plan consolidates a plan's progress over a period (a quarter 2026Q3, a
half-year 2026S1, a year 2026, a month 2026-08) into the report to the
Department of Home Affairs: DOCX in the Decree 30/2020 layout (sections per
PAPI dimension with what was done, the figures and what is late, Nơi nhận,
the signature block), or XLSX with the same figures as tables. The report is
recorded in the register of issued reports with its number and date, and a
copy written to FILE.

province builds the province's consolidated report of the period's
reporting round (see papihub round): who reported, progress by PAPI dimension
across every unit's plans, the units with most overdue work, the service
index of agencies and communes ranked with the change from the previous
period, the registers' figures and the official PAPI standing; signed by the
Department of Home Affairs and kept in the register of issued reports.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "report", args, map[string]func(context.Context, *env, []string) error{"plan": runReportPlan, "province": runReportProvince})
		},
	})
}

func runReportPlan(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("report plan")
	data := e.addDataFlags(fs)
	period := fs.String("period", "", "period key: 2026Q3, 2026S1, 2026, 2026-08")
	format := fs.String("format", "docx", "docx or xlsx")
	out := fs.String("out", "", "file to write")
	number := fs.String("number", "", "the report's number (blank: written in by hand)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return usagef("%v", err)
	}
	if len(rest) != 1 || *period == "" || *out == "" {
		return usagef("report plan: need PLAN_ID, --period and --out")
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return usagef("report plan: PLAN_ID must be a number")
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
	rep, err := store.IssueReport(ctx, audit.CLI(), id, *period, *format, *number)
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			return validationError(fe)
		}
		return err
	}
	b, err := os.ReadFile(store.ReportPath(rep.SHA256))
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "Báo cáo số %s, kỳ %s, %d byte: %s\n", rep.Number, rep.Period, rep.Size, *out)
	return err
}
