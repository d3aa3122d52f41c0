package tthc

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

var table = CurrentScoringTable()

func indicator(r Result, metric string) IndicatorResult {
	for _, g := range r.Groups {
		for _, in := range g.Indicators {
			if in.Metric == metric {
				return in
			}
		}
	}
	panic("no indicator " + metric)
}

func group(r Result, code string) GroupResult {
	for _, g := range r.Groups {
		if g.Code == code {
			return g
		}
	}
	panic("no group " + code)
}

func TestTheEmbeddedTableHasEveryIndicatorOfDecision766(t *testing.T) {
	want := strings.Fields(`PUBLISH_ON_TIME PUBLIC_UPDATE_ON_TIME PUBLIC_CONTENT_FULL DOSSIER_SYNC PROGRESS_ON_TIME
		ONLINE_PROVIDED ONLINE_WITH_DOSSIERS ONLINE_SUBMITTED PAYMENT_DOSSIER_ONLINE PAYMENT_FORMALITY_TRANSACTION
		PAYMENT_FORMALITY_INTEGRATED ORIGINAL_RESULT_AVAILABLE SO_HOA_GIAY_TO_GIAI_QUYET ELECTRONIC_CERTIFIED_COPY
		REUSED_DIGITIZED_DATA SYNCED_WITH_DVCQG_PERSONAL_STORAGE CITIZEN_DATA_CONNECTED_DOSSIER
		CITIZEN_DATA_CONNECTED_FORMALITY PETITION_PROCESSING_ON_TIME PETITION_HANDLING_SATISFACTION DOSSIER_RECEIVING_SATISFACTION`)
	for _, m := range want {
		if _, ok := table.Indicator(m); !ok {
			t.Errorf("missing %s", m)
		}
	}
	// Group maxima of domain.md §3: 18 + 20 + 12 + 10 + 22 + 18 = 100.
	for code, max := range map[string]float64{"TRANSPARENCY": 18, "PROGRESS": 20, "ONLINE": 12, "PAYMENT": 10, "DIGITISATION": 22, "SATISFACTION": 18} {
		if g := group(Score(table, nil), code); g.Max != max {
			t.Errorf("%s max = %g, want %g", code, g.Max, max)
		}
	}
	if ScoringTableAt(day("2026-08-01")).Version != table.Version || ScoringTableAt(day("2020-01-01")).Version != ScoringTables()[0].Version {
		t.Error("ScoringTableAt does not pick the version by its start date")
	}
}

func TestScoreOfATypicalAgency(t *testing.T) {
	r := Score(table, map[string]Count{
		"PUBLISH_ON_TIME":                    {9, 10},     // 6·0.9 = 5.4
		"PUBLIC_UPDATE_ON_TIME":              {0, 0},      // N/A
		"PUBLIC_CONTENT_FULL":                {10, 10},    // 2
		"DOSSIER_SYNC":                       {950, 1000}, // 6·0.95 = 5.7 → group 13.1
		"PROGRESS_ON_TIME":                   {970, 1000}, // 20·0.97 = 19.4
		"ONLINE_PROVIDED":                    {80, 100},   // min(2, 2·0.8/0.8) = 2
		"ONLINE_WITH_DOSSIERS":               {30, 80},    // 4·0.375 = 1.5
		"ONLINE_SUBMITTED":                   {400, 1000}, // 6·0.4/0.5 = 4.8 → group 8.3
		"PAYMENT_DOSSIER_ONLINE":             {100, 400},  // 6·0.25 = 1.5
		"PAYMENT_FORMALITY_TRANSACTION":      {10, 50},    // 2·0.2/0.8 = 0.5
		"PAYMENT_FORMALITY_INTEGRATED":       {40, 50},    // 2·0.8/0.8 = 2 → group 4.0
		"ORIGINAL_RESULT_AVAILABLE":          {500, 1000}, // 6·0.5 = 3
		"SO_HOA_GIAY_TO_GIAI_QUYET":          {700, 1000}, // 4·0.7 = 2.8
		"ELECTRONIC_CERTIFIED_COPY":          {0, 0},      // N/A
		"REUSED_DIGITIZED_DATA":              {200, 1000}, // 2·0.2/0.8 = 0.5
		"SYNCED_WITH_DVCQG_PERSONAL_STORAGE": {350, 700},  // 4·0.5 = 2
		"CITIZEN_DATA_CONNECTED_DOSSIER":     {600, 1000}, // 2·0.6 = 1.2
		"CITIZEN_DATA_CONNECTED_FORMALITY":   {30, 100},   // 2·0.3 = 0.6 → group 10.1
		"PETITION_PROCESSING_ON_TIME":        {0, 0},      // no feedback → 6
		"PETITION_HANDLING_SATISFACTION":     {3, 4},      // 6·0.75 = 4.5
		"DOSSIER_RECEIVING_SATISFACTION":     {950, 1000}, // good 0.95 → min(6, 6·0.95/0.9) = 6 → group 16.5
	})
	// 13.1 + 19.4 + 8.3 + 4.0 + 10.1 + 16.5 = 71.4; N/A maxima 4 + 2 leave 94 available.
	if r.Total != 71.4 || r.Max != 100 || r.AvailableMax != 94 {
		t.Fatalf("total %g / %g (available %g), want 71.4 / 100 (94)", r.Total, r.Max, r.AvailableMax)
	}
	for code, want := range map[string]float64{"TRANSPARENCY": 13.1, "PROGRESS": 19.4, "ONLINE": 8.3, "PAYMENT": 4, "DIGITISATION": 10.1, "SATISFACTION": 16.5} {
		if g := group(r, code); g.Score != want {
			t.Errorf("%s = %g, want %g", code, g.Score, want)
		}
	}
	if in := indicator(r, "PUBLIC_UPDATE_ON_TIME"); !in.NA || in.Ratio != nil || in.Score != 0 {
		t.Errorf("0/0 under the na rule = %+v, want N/A", in)
	}
}

func TestScoreRulesOneIndicatorAtATime(t *testing.T) {
	for _, tc := range []struct {
		name   string
		metric string
		count  Count
		want   float64
		na     bool
	}{
		{"nothing received gives no progress points", "PROGRESS_ON_TIME", Count{0, 0}, 0, false},
		{"no feedback gives full points for handling on time", "PETITION_PROCESSING_ON_TIME", Count{0, 0}, 6, false},
		{"no feedback gives full points for feedback satisfaction", "PETITION_HANDLING_SATISFACTION", Count{0, 0}, 6, false},
		{"nothing received gives no dossier-satisfaction points", "DOSSIER_RECEIVING_SATISFACTION", Count{0, 0}, 0, false},
		{"no procedures in the competence is N/A", "ONLINE_PROVIDED", Count{0, 0}, 0, true},
		{"no dossiers for the sync ratio is N/A", "DOSSIER_SYNC", Count{0, 0}, 0, true},
		{"no fee-bearing dossiers is N/A", "PAYMENT_DOSSIER_ONLINE", Count{0, 0}, 0, true},
		{"no population-database procedures is N/A", "CITIZEN_DATA_CONNECTED_FORMALITY", Count{0, 0}, 0, true},
		// 6·0.6/0.5 = 7.2, capped at 6.
		{"online submissions above 50% are capped at full points", "ONLINE_SUBMITTED", Count{60, 100}, 6, false},
		// 2·0.7/0.8 = 1.75.
		{"online provision below the 80% threshold is scaled", "ONLINE_PROVIDED", Count{70, 100}, 1.75, false},
		// 2·0.9/0.8 = 2.25, capped at 2.
		{"data reuse above 80% is capped", "REUSED_DIGITIZED_DATA", Count{90, 100}, 2, false},
		// 20·2/3 = 13.333… → 13.33.
		{"two thirds on time rounds down to 13.33", "PROGRESS_ON_TIME", Count{2, 3}, 13.33, false},
		// 20·5/6 = 16.666… → 16.67.
		{"five sixths on time rounds up to 16.67", "PROGRESS_ON_TIME", Count{5, 6}, 16.67, false},
		// 20·1/4000 = 0.005 exactly → half up → 0.01.
		{"an exact half hundredth rounds up", "PROGRESS_ON_TIME", Count{1, 4000}, 0.01, false},
		// 6·1/400 = 0.015 exactly → 0.02.
		{"0.015 rounds to 0.02 without float error", "PAYMENT_DOSSIER_ONLINE", Count{1, 400}, 0.02, false},
		// The portal's figure: 7,835 good dossiers of 10,000 received →
		// 6·0.7835/0.9 = 5.2233… → 5.22 (reading 7,835 as the bad ones gave 1.44).
		{"dossier satisfaction reads the portal's good count", "DOSSIER_RECEIVING_SATISFACTION", Count{7835, 10000}, 5.22, false},
		// good 80/100 → 6·0.8/0.9 = 5.333… → 5.33.
		{"dossier satisfaction below 90% is scaled to the threshold", "DOSSIER_RECEIVING_SATISFACTION", Count{80, 100}, 5.33, false},
		// good 92/100 → 6·0.92/0.9 = 6.13, capped at 6.
		{"dossier satisfaction above 90% is capped", "DOSSIER_RECEIVING_SATISFACTION", Count{92, 100}, 6, false},
		{"no good dossier gives no satisfaction points", "DOSSIER_RECEIVING_SATISFACTION", Count{0, 100}, 0, false},
		{"a numerator above the denominator counts as the denominator", "PROGRESS_ON_TIME", Count{7, 5}, 20, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := indicator(Score(table, map[string]Count{tc.metric: tc.count}), tc.metric)
			if in.Score != tc.want || in.NA != tc.na {
				t.Fatalf("%s %d/%d = %g (NA %v), want %g (NA %v)", tc.metric, tc.count.Num, tc.count.Den, in.Score, in.NA, tc.want, tc.na)
			}
		})
	}
}

func TestScoreSumsRoundedPartsOfAGroup(t *testing.T) {
	// 6·1/7 = 0.857… → 0.86; 2·(1/7)/0.8 = 0.357… → 0.36 twice: 0.86 + 0.36 + 0.36 = 1.58
	// (rounding the unrounded sum 1.5714… would give 1.57).
	r := Score(table, map[string]Count{
		"PAYMENT_DOSSIER_ONLINE": {1, 7}, "PAYMENT_FORMALITY_TRANSACTION": {1, 7}, "PAYMENT_FORMALITY_INTEGRATED": {1, 7},
	})
	if g := group(r, "PAYMENT"); g.Score != 1.58 {
		t.Fatalf("payment group = %g, want 1.58", g.Score)
	}
}

func TestScoreWithNoDataAtAll(t *testing.T) {
	r := Score(table, nil)
	// Only the two feedback indicators score (6 + 6): progress and dossier
	// satisfaction are 0, everything else N/A; 20 + 18 = 38 points available.
	if r.Total != 12 || r.AvailableMax != 38 {
		t.Fatalf("total %g of %g available, want 12 of 38", r.Total, r.AvailableMax)
	}
	for _, code := range []string{"TRANSPARENCY", "ONLINE", "PAYMENT", "DIGITISATION"} {
		if !group(r, code).NA {
			t.Errorf("group %s with only zero denominators is not N/A", code)
		}
	}
	if group(r, "PROGRESS").NA {
		t.Error("progress with nothing received is 0, not N/A")
	}
}

func TestParseScoringTablesRejectsBadVersions(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"a total other than 100", `{"tables":[{"version":"x","validFrom":"2026-01-01","groups":[{"code":"G","indicators":[{"metric":"A","max":50,"formula":"linear","zero":"na"}]}]}]}`, "không phải 100"},
		{"an unknown formula", `{"tables":[{"version":"x","validFrom":"2026-01-01","groups":[{"code":"G","indicators":[{"metric":"A","max":100,"formula":"log","zero":"na"}]}]}]}`, "công thức"},
		{"a threshold without its value", `{"tables":[{"version":"x","validFrom":"2026-01-01","groups":[{"code":"G","indicators":[{"metric":"A","max":100,"formula":"threshold","zero":"na"}]}]}]}`, "ngưỡng"},
		{"a duplicated metric", `{"tables":[{"version":"x","validFrom":"2026-01-01","groups":[{"code":"G","indicators":[{"metric":"A","max":50,"formula":"linear","zero":"na"},{"metric":"A","max":50,"formula":"linear","zero":"na"}]}]}]}`, "trùng"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseScoringTables(strings.NewReader(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// The portal's rules before the first embedded version are not recorded: a
// period before it (a trend reaching back into 2024) is scored with the
// first version, and says so, rather than failing.
func TestAPeriodBeforeTheFirstTableIsScoredWithTheFirstVersion(t *testing.T) {
	first := ScoringTables()[0]
	day, err := ParseDay("2023-06-30")
	if err != nil {
		t.Fatal(err)
	}
	if got := ScoringTableAt(day); got.Version != first.Version {
		t.Fatalf("table for %s = %s, want %s", day, got.Version, first.Version)
	}
	s := newStore(t)
	p, err := ParsePeriod("2024")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Index(context.Background(), unitOf(t, s, demoAgency), p, IndexOptions{Breakdowns: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Result.Version != first.Version {
		t.Fatalf("2024 scored with %q, want %q", rep.Result.Version, first.Version)
	}
}

// Every indicator of the table, scored from a what-if file as the portal
// reports its figures (numerator = the good cases), with the points worked
// out by hand from domain.md §3.
func TestEveryIndicatorScoresThePortalsFigures(t *testing.T) {
	rows := []struct {
		metric   string
		num, den int64
		want     float64 // hand-computed
	}{
		{"PUBLISH_ON_TIME", 7, 8, 5.25},                      // 6·7/8
		{"PUBLIC_UPDATE_ON_TIME", 3, 5, 2.4},                 // 4·0.6
		{"PUBLIC_CONTENT_FULL", 95, 100, 1.9},                // 2·0.95
		{"DOSSIER_SYNC", 1234, 1300, 5.7},                    // 6·0.94923… = 5.695… → 5.70
		{"PROGRESS_ON_TIME", 1180, 1300, 18.15},              // 20·0.90769… = 18.153… → 18.15
		{"ONLINE_PROVIDED", 150, 200, 1.88},                  // min(2, 2·0.75/0.8) = 1.875 → 1.88
		{"ONLINE_WITH_DOSSIERS", 45, 150, 1.2},               // 4·0.3
		{"ONLINE_SUBMITTED", 520, 1300, 4.8},                 // min(6, 6·0.4/0.5)
		{"PAYMENT_DOSSIER_ONLINE", 300, 900, 2},              // 6·1/3
		{"PAYMENT_FORMALITY_TRANSACTION", 30, 60, 1.25},      // min(2, 2·0.5/0.8)
		{"PAYMENT_FORMALITY_INTEGRATED", 50, 60, 2},          // min(2, 2·0.8333/0.8 = 2.08)
		{"ORIGINAL_RESULT_AVAILABLE", 1000, 1200, 5},         // 6·5/6
		{"SO_HOA_GIAY_TO_GIAI_QUYET", 910, 1300, 2.8},        // 4·0.7 (linear: no 80% threshold)
		{"ELECTRONIC_CERTIFIED_COPY", 13, 1300, 0.02},        // 2·0.01
		{"REUSED_DIGITIZED_DATA", 390, 1300, 0.75},           // min(2, 2·0.3/0.8)
		{"SYNCED_WITH_DVCQG_PERSONAL_STORAGE", 455, 910, 2},  // 4·0.5
		{"CITIZEN_DATA_CONNECTED_DOSSIER", 1105, 1300, 1.7},  // 2·0.85
		{"CITIZEN_DATA_CONNECTED_FORMALITY", 12, 16, 1.5},    // 2·0.75
		{"PETITION_PROCESSING_ON_TIME", 17, 20, 5.1},         // 6·0.85
		{"PETITION_HANDLING_SATISFACTION", 9, 12, 4.5},       // 6·0.75
		{"DOSSIER_RECEIVING_SATISFACTION", 1105, 1300, 5.67}, // good 0.85: min(6, 6·0.85/0.9) = 5.666… → 5.67
	}
	var csv strings.Builder
	csv.WriteString("metric,numerator,denominator\n")
	for _, r := range rows {
		fmt.Fprintf(&csv, "%s,%d,%d\n", r.metric, r.num, r.den)
	}
	counts, err := ReadScoreCSV(strings.NewReader(csv.String()), table)
	if err != nil {
		t.Fatal(err)
	}
	res := Score(table, counts)
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.metric] = true
		if in := indicator(res, r.metric); in.Score != r.want || in.Num != r.num || in.Den != r.den {
			t.Errorf("%s %d/%d = %g (read %d/%d), want %g", r.metric, r.num, r.den, in.Score, in.Num, in.Den, r.want)
		}
	}
	for _, g := range table.Groups {
		for _, in := range g.Indicators {
			if !seen[in.Metric] {
				t.Errorf("%s has no hand-computed case", in.Metric)
			}
		}
	}
	// 15.25 + 18.15 + 7.88 + 5.25 + 13.77 + 15.27
	if res.Total != 75.57 {
		t.Errorf("total = %g, want 75.57", res.Total)
	}
}

// Every numerator and denominator says what it counts, so the index page,
// the what-if page and the CLI can show one meaning.
func TestEveryIndicatorSaysWhatItsNumeratorCounts(t *testing.T) {
	for _, g := range table.Groups {
		for _, in := range g.Indicators {
			if in.NumeratorVi == "" || in.DenominatorVi == "" || in.NumeratorEn == "" || in.DenominatorEn == "" {
				t.Errorf("%s lacks a numerator or denominator text", in.Metric)
			}
		}
	}
	in, _ := table.Indicator("DOSSIER_RECEIVING_SATISFACTION")
	if !strings.Contains(in.NumeratorEn, "neither late") || in.Formula != FormulaThreshold || in.Threshold != 0.9 {
		t.Fatalf("DOSSIER_RECEIVING_SATISFACTION = %+v, want the good count over a 0.90 threshold", in)
	}
}
