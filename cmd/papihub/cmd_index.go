package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"papihub/internal/tthc"
)

func init() {
	register(&command{
		name:    "index",
		summary: "service index of Decision 766: compute from the dossiers, or score what-if counts",
		usage: `Usage:
  papihub index compute --unit CODE --period PERIOD [--by unit|procedure|field] [--trend N] [--json]
  papihub index score FILE [--json]

compute prints the index of unit CODE and everything below it over PERIOD:
2026-08 (month), 2026Q3 (quarter), 2026 (year) or 2026-01-05..2026-02-10
(custom range). It reads the aggregates kept up to date by every import,
never the raw dossiers. --by adds a breakdown by child unit, procedure or
field; --trend N the totals of the N periods ending with PERIOD. It takes
--data DIR and --db DSN.

score reads indicator counts from FILE ("-" for standard input), a CSV with
the header metric,numerator,denominator and one row per indicator (metric
codes as the national portal names them, e.g. PROGRESS_ON_TIME), and prints
each indicator's score and the total out of 100 with the current scoring
table. Indicators missing from the file count as 0/0. Numerators and
denominators mean what the portal's figures mean: the numerator counts the
good cases, so DOSSIER_RECEIVING_SATISFACTION is the dossiers neither late
nor complained about nor disliked, over the dossiers received (7835,10000
scores min(6, 6 × 0.7835 / 0.90) = 5.22).

  --json   print the result as JSON instead of a table`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "index", args, indexSubcommands)
		},
	})
}

// indexSubcommands is open for more actions (compute, trend) added by their
// own files in an init function.
var indexSubcommands = map[string]func(context.Context, *env, []string) error{
	"score": runIndexScore,
}

func runIndexScore(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("index score")
	asJSON := fs.Bool("json", false, "print JSON")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usagef("%v", err)
	}
	if len(files) != 1 {
		return usagef("score: need exactly one FILE")
	}
	in, err := e.openInput(files[0])
	if err != nil {
		return err
	}
	defer in.Close()
	table := tthc.CurrentScoringTable()
	counts, err := tthc.ReadScoreCSV(in, table)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	res := tthc.Score(table, counts)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return printIndex(e.stdout, res)
}

// parseInterspersed lets flags come after positional arguments
// (`score FILE --json`), which the flag package alone does not.
func parseInterspersed(fs interface {
	Parse([]string) error
	Args() []string
}, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func printIndex(w io.Writer, r tthc.Result) error {
	type row struct{ name, metric, num, den, ratio, score, max string }
	rows := []row{{"Nhóm / chỉ số", "Mã chỉ số", "Tử số", "Mẫu số", "Tỉ lệ", "Điểm", "Tối đa"}}
	for _, g := range r.Groups {
		rows = append(rows, row{name: g.NameVi, score: points(g.Score, g.NA), max: decimal(g.Max, 0)})
		for _, in := range g.Indicators {
			ratio := "—"
			if in.Ratio != nil {
				ratio = decimal(*in.Ratio*100, 1) + "%"
			}
			rows = append(rows, row{"  " + in.NameVi, in.Metric, strconv.FormatInt(in.Num, 10), strconv.FormatInt(in.Den, 10),
				ratio, points(in.Score, in.NA), decimal(in.Max, 0)})
		}
	}
	rows = append(rows, row{name: "Tổng điểm", score: decimal(r.Total, 2), max: decimal(r.Max, 0)})

	var width [7]int
	cells := func(r row) [7]string { return [7]string{r.name, r.metric, r.num, r.den, r.ratio, r.score, r.max} }
	for _, r := range rows {
		for i, c := range cells(r) {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	fmt.Fprintf(w, "Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg), bảng điểm %s\n\n", r.Version)
	for _, r := range rows {
		var b strings.Builder
		for i, c := range cells(r) {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i < 2 { // text columns to the left, numbers to the right
				b.WriteString(c + pad + "  ")
			} else {
				b.WriteString(pad + c + "  ")
			}
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	if r.AvailableMax < r.Max {
		fmt.Fprintf(w, "\nCác chỉ số N/A (mẫu số bằng 0) không được tính: điểm tối đa có thể đạt là %s.\n", decimal(r.AvailableMax, 2))
	}
	return nil
}

func points(x float64, na bool) string {
	if na {
		return "N/A"
	}
	return decimal(x, 2)
}

// decimal writes x the Vietnamese way, with a decimal comma.
func decimal(x float64, places int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', places, 64), ".", ",", 1)
}
