package papi

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// groupSurvey is the framework of smallFramework (q1, q2 → s1 and q3 → s2 in
// D1; q4 → s3 in D2) and 23 respondents in three groups:
//   - "a", 10 respondents: q1 is 1 for six and 0 for four, q2 is 0.5, q3 is 1,
//     q4 is 0 for five and 1 for five;
//   - "b", 10 respondents: q1 = 1, q2 = 0, q3 = 0, and nobody answered q4;
//   - "c", 3 respondents, too few to publish.
func groupSurvey(t *testing.T) (ScoringFramework, *Responses) {
	t.Helper()
	fw, err := ReadScoringFramework(strings.NewReader(smallFramework))
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	var values []float64
	var groups []string
	add := func(group string, q ...float64) {
		values = append(values, q...)
		groups = append(groups, group)
	}
	for i := range 10 {
		q1, q4 := 0.0, 0.0
		if i < 6 {
			q1 = 1
		}
		if i%2 == 0 {
			q4 = 1
		}
		add("a", q1, 0.5, 1, q4)
	}
	for range 10 {
		add("b", 1, 0, 0, nan)
	}
	for range 3 {
		add("c", 1, 1, 1, 1)
	}
	r, err := NewResponses(len(fw.Indicators), values, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetGroup("sex", groups); err != nil {
		t.Fatal(err)
	}
	return fw, r
}

func TestAGroupWithAnUnansweredSubdimensionIsScoredOnItsOtherDimensions(t *testing.T) {
	fw, r := groupSurvey(t)
	gs, err := ScoreByGroup(fw, r, "sex", ScoreOptions{})
	if err != nil {
		t.Fatalf("ScoreByGroup: %v", err)
	}
	if len(gs) != 3 {
		t.Fatalf("%d groups, want 3", len(gs))
	}
	nan := math.NaN()
	for i, tc := range []struct {
		value      string
		n          int
		suppressed bool
		d1, d2, to float64
		unanswered []string
		notEst     []bool // D1, D2
	}{
		// a: s1 u = (0.6 + 0.5)/2 = 0.55 → (1 + 4.95)/2 = 2.975; s2 u = 1 → 10/2 = 5;
		// D1 = 7.975; s3 u = 0.5 → D2 = 5.5; total = 13.475.
		{"a", 10, false, 7.975, 5.5, 13.475, nil, []bool{false, false}},
		// b: s1 u = (1 + 0)/2 = 0.5 → (1 + 4.5)/2 = 2.75; s2 u = 0 → 1/2 = 0.5;
		// D1 = 3.25; nobody answered q4, so s3, D2 and the total are not estimable.
		{"b", 10, false, 3.25, nan, nan, []string{"s3"}, []bool{false, true}},
		{"c", 3, true, 0, 0, 0, nil, nil},
	} {
		g := gs[i]
		t.Run(tc.value, func(t *testing.T) {
			if g.Value != tc.value || g.N != tc.n || g.Suppressed != tc.suppressed {
				t.Fatalf("group = %q n=%d suppressed=%v, want %q n=%d suppressed=%v", g.Value, g.N, g.Suppressed, tc.value, tc.n, tc.suppressed)
			}
			if tc.suppressed {
				return
			}
			d1, d2 := g.Score.Dimensions[0], g.Score.Dimensions[1]
			for _, c := range []struct {
				what      string
				got, want float64
			}{{"D1", d1.Score, tc.d1}, {"D2", d2.Score, tc.d2}, {"total", g.Score.Total.Score, tc.to}} {
				if !sameFloat(c.got, c.want) {
					t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
				}
			}
			if !slices.Equal(g.Score.Unanswered, tc.unanswered) {
				t.Errorf("Unanswered = %v, want %v", g.Score.Unanswered, tc.unanswered)
			}
			if d1.NotEstimable != tc.notEst[0] || d2.NotEstimable != tc.notEst[1] {
				t.Errorf("NotEstimable D1=%v D2=%v, want %v", d1.NotEstimable, d2.NotEstimable, tc.notEst)
			}
			if d2.NotEstimable != d2.Subdimensions[0].NotEstimable {
				t.Errorf("s3 NotEstimable = %v, want it to match D2", d2.Subdimensions[0].NotEstimable)
			}
			if (g.Problem != "") != (tc.unanswered != nil) {
				t.Errorf("Problem = %q", g.Problem)
			}
			if tc.unanswered != nil && !strings.Contains(g.Problem, "s3") {
				t.Errorf("Problem %q does not name the sub-dimension", g.Problem)
			}
		})
	}
}

func TestAGroupsBootstrapLeavesItsUnansweredSubdimensionOutOfTheUndefinedCount(t *testing.T) {
	fw, r := groupSurvey(t)
	gs, err := ScoreByGroup(fw, r, "sex", ScoreOptions{Replicates: 200, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b := gs[1]
	if b.Score.UndefinedReplicates != 0 {
		t.Errorf("UndefinedReplicates = %d, want 0: s3 is unanswered in the sample itself", b.Score.UndefinedReplicates)
	}
	d1, d2 := b.Score.Dimensions[0], b.Score.Dimensions[1]
	// Every member of b gives the same answers, so D1 is 3.25 in every replicate.
	if !sameFloat(d1.Low, 3.25) || !sameFloat(d1.High, 3.25) {
		t.Errorf("D1 interval %v–%v, want 3.25–3.25", d1.Low, d1.High)
	}
	if !math.IsNaN(d2.Low) || !math.IsNaN(b.Score.Total.High) {
		t.Errorf("D2 interval %v–%v and total high %v, want NaN", d2.Low, d2.High, b.Score.Total.High)
	}
}

func TestScoreSurveyStillRefusesASampleWithAnUnansweredSubdimension(t *testing.T) {
	fw, r := groupSurvey(t)
	var b []float64
	for i := 10; i < 20; i++ {
		b = append(b, r.Values[i*r.K:(i+1)*r.K]...)
	}
	only, err := NewResponses(r.K, b, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ScoreSurvey(fw, only, ScoreOptions{}); err == nil || !strings.Contains(err.Error(), `"s3"`) {
		t.Fatalf("ScoreSurvey error = %v, want one naming s3", err)
	}
}

func TestNewResponsesChecksWhatItIsGiven(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name             string
		k                int
		values           []float64
		clusters, strata []string
		want             string // part of the error; "" for none
		wantClusters     int
	}{
		{"each respondent is its own cluster by default", 2, []float64{1, 0, nan, 0.5}, nil, nil, "", 2},
		{"named clusters are shared", 1, []float64{1, 0, 1}, []string{"A", "A", "B"}, []string{"X", "X", "Y"}, "", 2},
		{"values not in whole rows", 2, []float64{1, 0, 1}, nil, nil, "whole rows", 0},
		{"a value above 1", 2, []float64{1, 0, 1.5, 0}, nil, nil, "respondent 2, indicator 1", 0},
		{"a negative value", 1, []float64{-0.1}, nil, nil, "not in [0, 1]", 0},
		{"clusters of the wrong length", 1, []float64{1, 0}, []string{"A"}, nil, "2 respondents", 0},
		{"a cluster in two strata", 1, []float64{1, 0}, []string{"A", "A"}, []string{"X", "Y"}, "one stratum", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewResponses(tc.k, tc.values, tc.clusters, tc.strata)
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("error = %v, want one containing %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.N != len(tc.values)/tc.k || len(r.ClusterNames) != tc.wantClusters || len(r.ClusterStratum) != tc.wantClusters {
				t.Errorf("N=%d clusters=%d, want %d and %d", r.N, len(r.ClusterNames), len(tc.values)/tc.k, tc.wantClusters)
			}
			if err := r.SetGroup("sex", make([]string, r.N+1)); err == nil {
				t.Error("SetGroup accepted a column of the wrong length")
			}
		})
	}
}

// sameFloat compares hand-computed scores: equal within rounding, or both NaN.
func sameFloat(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) < 1e-9
}
