package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"papihub/internal/audit"
	"papihub/internal/papi"
	"papihub/internal/platform/web"
)

func init() {
	papiSubcommands["import-results"] = runPapiImportResults
	papiSubcommands["standing"] = runPapiStanding
}

const papiResultsUsage = `Usage:
  papihub papi import-results FILE [--data DIR] [--db DSN]
  papihub papi standing --province NAME [--year Y] [--json] [--data DIR] [--db DSN]

import-results stores official PAPI results from a CSV or XLSX file with the
columns province,year,D1,…,D8,total ("-" reads CSV from standard input).
A file with any error is refused whole and every problem is listed with its
row and column; importing the same file again changes nothing.

standing prints where a province stands in a year (default: the latest):
total and rank, and each dimension's score, rank, the best province, the
national median and the gaps, largest gain first. --json prints the keys
province, year, total, rank, of, dimensions (code, score, rank, best,
median, gap_to_best, …); missing values are null.`

// parseWithFile parses flags that may come before or after positional
// arguments ("import-results FILE --db DSN"), returning the positional ones.
func parseWithFile(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runPapiImportResults(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("papi import-results")
	fs.Usage = func() { fmt.Fprintln(e.stderr, papiResultsUsage) }
	data := e.addDataFlags(fs)
	files, err := parseWithFile(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usagef("import-results: give exactly one FILE")
	}
	name := files[0]
	in, err := e.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	source := filepath.Base(name)
	if name == "-" {
		source = "stdin.csv"
	}
	rep, err := papi.NewStore(conn, nil).ImportFile(ctx, audit.CLI(), source, in)
	var refused *papi.ResultsError
	if errors.As(err, &refused) {
		rows := map[int]bool{}
		for _, p := range refused.Problems {
			if !p.Warning {
				rows[p.Row] = true
			}
		}
		fmt.Fprintf(e.stdout, "imported 0, unchanged 0, rejected %d: %s was refused whole, nothing was imported\n", len(rows), name)
		for _, p := range refused.Problems {
			fmt.Fprintf(e.stdout, "%s: %s\n", name, p.In(web.LangVI))
		}
		if refused.More > 0 {
			fmt.Fprintf(e.stdout, "%s: … và %d vấn đề khác\n", name, refused.More)
		}
		return fmt.Errorf("%s: %d rows with errors", name, len(rows))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	fmt.Fprintf(e.stdout, "imported %d (%d new, %d updated), unchanged %d, rejected 0\n", rep.Imported(), rep.Added, rep.Updated, rep.Unchanged)
	for _, p := range rep.Warnings {
		fmt.Fprintf(e.stdout, "%s: %s\n", name, p.In(web.LangVI))
	}
	return nil
}

func runPapiStanding(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("papi standing")
	fs.Usage = func() { fmt.Fprintln(e.stderr, papiResultsUsage) }
	data := e.addDataFlags(fs)
	province := fs.String("province", "", "province name (diacritics and case do not matter)")
	year := fs.Int("year", 0, "survey year (default: the latest with results)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *province == "" {
		return usagef("standing: --province is required")
	}
	conn, err := data.open(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	results, err := papi.NewStore(conn, nil).Results(ctx)
	if err != nil {
		return err
	}
	if len(results) == 0 {
		return errors.New("no official results stored yet: run 'papihub papi import-results FILE' first")
	}
	if *year == 0 {
		for _, r := range results {
			*year = max(*year, r.Year)
		}
	}
	p, err := papi.MatchProvince(*province, *year)
	if err != nil {
		return err
	}
	s, err := papi.StandingOf(results, p, *year)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, s)
	}
	printStanding(e.stdout, s)
	return nil
}

// printStanding writes the standing as a table, largest gain first.
func printStanding(w io.Writer, s papi.Standing) {
	rank := "not ranked (no total)"
	if s.Rank > 0 {
		rank = fmt.Sprintf("rank %d of %d", s.Rank, s.Of)
	}
	fmt.Fprintf(w, "%s, %d: total %s, %s (%d dimensions, %d–%d)\n", s.Province, s.Year, fmtScore(s.Total), rank,
		s.DimensionCount, s.DimensionCount, 10*s.DimensionCount)
	if s.DataFrom != s.Province {
		fmt.Fprintf(w, "data of %s on the 63-province map\n", s.DataFrom)
	}
	if s.DimensionCount == 6 {
		fmt.Fprintln(w, "a 6-dimension year: its total is not comparable with the 8-dimension totals from 2018")
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "dimension\tscore\trank\tbest\tbest province\tmedian\tgap to best\tgap to median\t")
	for _, d := range s.ByGain() {
		r := "–"
		if d.Rank > 0 {
			r = strconv.Itoa(d.Rank) + "/" + strconv.Itoa(d.Of)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", d.Code, fmtScore(d.Score), r, fmtScore(d.Best), d.BestProvince,
			fmtScore(d.Median), fmtScore(d.GapToBest), fmtScore(d.GapToMedian))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nordered by the gap to the best province; – is missing (withheld), not 0")
}

func fmtScore(s papi.Score) string { return s.String() }
