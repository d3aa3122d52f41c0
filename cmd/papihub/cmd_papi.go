package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"papihub/internal/papi"
)

func init() {
	register(&command{
		name:    "papi",
		summary: "PAPI: official results, a province's standing, survey scoring",
		usage: `Usage:
  papihub papi import-results FILE [--data DIR] [--db DSN]
  papihub papi standing --province NAME [--year Y] [--json] [--data DIR] [--db DSN]
  papihub papi score --framework FILE --responses FILE [--weights COL] [--cluster COL]
                     [--strata COL] [--bootstrap B] [--seed S] [--json]

import-results loads official results (CSV or XLSX, columns province,year,D1..D8,total;
empty cells are missing). A file with any bad row is refused whole; re-importing
changes nothing. standing prints a province's total, rank and each dimension's
gap to the best and the median (year: the latest by default).

score scores indicator-level microdata with the PAPI conventions: an
indicator is the (weighted) mean of the respondents who answered it, a
sub-dimension's u the mean of its indicators, each of a dimension's m
sub-dimensions scores (1+9u)/m, a dimension is their sum (1–10) and the total
the sum of the dimensions.

  --framework FILE   CSV with the columns indicator,subdimension,dimension
  --responses FILE   CSV, one row per respondent, one column per indicator
                     holding a value in [0, 1] or empty ("-" reads standard input)
  --weights COL      weight column: gives the weighted estimate (default unweighted)
  --cluster COL      cluster (village, commune) column; default: each respondent
  --strata COL       stratum column; default: one stratum
  --bootstrap B      cluster-bootstrap replicates for 95% intervals (default 1000; 0: none)
  --seed S           bootstrap seed; the same seed gives the same intervals (default 1)
  --json             print JSON: dimensions (code, score, ci_low, ci_high,
                     subdimensions likewise), total likewise, n

A stratum with a single cluster cannot be resampled: it is held fixed in
every replicate and named in the output.`,
		run: func(ctx context.Context, e *env, args []string) error {
			return subcommand(ctx, e, "papi", args, papiSubcommands)
		},
	})
}

// papiSubcommands is open for more actions: `standing` and `import-results`
// need the database and are added by their own files in an init function
// (papiSubcommands["standing"] = runPapiStanding).
var papiSubcommands = map[string]func(context.Context, *env, []string) error{
	"score": runPapiScore,
}

func runPapiScore(ctx context.Context, e *env, args []string) error {
	fs := e.flagSet("papi score")
	frameworkFile := fs.String("framework", "", "framework CSV (indicator,subdimension,dimension)")
	responsesFile := fs.String("responses", "", "responses CSV")
	var design papi.Design
	fs.StringVar(&design.WeightColumn, "weights", "", "weight column")
	fs.StringVar(&design.ClusterColumn, "cluster", "", "cluster column")
	fs.StringVar(&design.StratumColumn, "strata", "", "stratum column")
	replicates := fs.Int("bootstrap", 1000, "bootstrap replicates (0: no intervals)")
	seed := fs.Uint64("seed", 1, "bootstrap seed")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	switch {
	case fs.NArg() > 0:
		return usagef("score: unexpected argument %q", fs.Arg(0))
	case *frameworkFile == "" || *responsesFile == "":
		return usagef("score: --framework and --responses are required")
	case *replicates < 0:
		return usagef("score: --bootstrap must be ≥ 0")
	}

	fw, err := readPapiFile(e, *frameworkFile, papi.ReadScoringFramework)
	if err != nil {
		return err
	}
	r, err := readPapiFile(e, *responsesFile, func(in io.Reader) (*papi.Responses, error) {
		return papi.ReadResponses(in, fw, design)
	})
	if err != nil {
		return err
	}
	res, err := papi.ScoreSurvey(fw, r, papi.ScoreOptions{
		Weighted: design.WeightColumn != "", Replicates: *replicates, Seed: *seed,
	})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(surveyScoreJSON(res))
	}
	return printSurveyScore(e.stdout, res, *seed)
}

func readPapiFile[T any](e *env, name string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	in, err := e.openInput(name)
	if err != nil {
		return zero, err
	}
	defer in.Close()
	v, err := read(in)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name, err)
	}
	return v, nil
}

// estimateJSON writes an interval bound that was not computed (no
// bootstrap) as null rather than as a misleading number.
type estimateJSON struct {
	Code          string         `json:"code,omitempty"`
	Score         float64        `json:"score"`
	CILow         *float64       `json:"ci_low"`
	CIHigh        *float64       `json:"ci_high"`
	Subdimensions []estimateJSON `json:"subdimensions,omitempty"`
}

func toEstimateJSON(code string, e papi.Estimate) estimateJSON {
	bound := func(v float64) *float64 {
		if math.IsNaN(v) {
			return nil
		}
		return &v
	}
	return estimateJSON{Code: code, Score: e.Score, CILow: bound(e.Low), CIHigh: bound(e.High)}
}

func surveyScoreJSON(s papi.SurveyScore) any {
	out := struct {
		N           int            `json:"n"`
		Weighted    bool           `json:"weighted"`
		Replicates  int            `json:"replicates"`
		FixedStrata []string       `json:"fixed_strata"`
		Dimensions  []estimateJSON `json:"dimensions"`
		Total       estimateJSON   `json:"total"`
	}{N: s.N, Weighted: s.Weighted, Replicates: s.Replicates, FixedStrata: s.FixedStrata, Total: toEstimateJSON("", s.Total)}
	if out.FixedStrata == nil {
		out.FixedStrata = []string{}
	}
	for _, d := range s.Dimensions {
		dj := toEstimateJSON(d.Code, d.Estimate)
		for _, sub := range d.Subdimensions {
			dj.Subdimensions = append(dj.Subdimensions, toEstimateJSON(sub.Name, sub.Estimate))
		}
		out.Dimensions = append(out.Dimensions, dj)
	}
	return out
}

func printSurveyScore(w io.Writer, s papi.SurveyScore, seed uint64) error {
	kind := "không trọng số (unweighted)"
	if s.Weighted {
		kind = "có trọng số (weighted)"
	}
	fmt.Fprintf(w, "Số người trả lời: %d; ước lượng %s\n", s.N, kind)
	if s.Replicates > 0 {
		fmt.Fprintf(w, "Khoảng tin cậy 95%%: bootstrap theo cụm, %d lần lặp, seed %d\n", s.Replicates, seed)
	}
	fmt.Fprintln(w)
	line := func(indent, label string, e papi.Estimate) {
		ci := ""
		if !math.IsNaN(e.Low) {
			ci = fmt.Sprintf("  [%s; %s]", papiNumber(e.Low), papiNumber(e.High))
		}
		fmt.Fprintf(w, "%-14s %6s%s\n", indent+label, papiNumber(e.Score), ci)
	}
	for _, d := range s.Dimensions {
		line("", d.Code, d.Estimate)
		for _, sub := range d.Subdimensions {
			line("  ", sub.Name, sub.Estimate)
		}
	}
	line("", "Tổng", s.Total)
	if len(s.FixedStrata) > 0 {
		fmt.Fprintf(w, "\nTầng chỉ có một cụm, giữ cố định khi bootstrap (khoảng tin cậy có thể hẹp hơn thực tế): %s\n",
			strings.Join(s.FixedStrata, ", "))
	}
	if s.UndefinedReplicates > 0 {
		fmt.Fprintf(w, "%d lần lặp có chỉ số con không ai trả lời, đã bỏ khỏi khoảng tin cậy của nó.\n", s.UndefinedReplicates)
	}
	return nil
}

// papiNumber writes a score with two decimals and a decimal comma, as
// Vietnamese reports print them.
func papiNumber(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', 2, 64), ".", ",", 1)
}
