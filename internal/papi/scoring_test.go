package papi

import (
	"math"
	"strings"
	"testing"
)

// A framework of four indicators: q1, q2 → s1 and q3 → s2 in D1 (m = 2);
// q4 → s3 in D2 (m = 1).
const smallFramework = `indicator,subdimension,dimension
q1,s1,D1
q2,s1,D1
q3,s2,D1
q4,s3,D2
`

// Three respondents; r1 skipped q2 and r3 skipped q4. Clusters A and B are
// each alone in their stratum.
const smallResponses = `id,w,village,province,sex,q1,q2,q3,q4
r1,1,A,X,nam,1,,1,0.5
r2,3,A,X,nu,0,0,1,1
r3,2,B,Y,nu,1,1,0,
`

var smallDesign = Design{WeightColumn: "w", ClusterColumn: "village", StratumColumn: "province", GroupColumns: []string{"sex"}}

func TestScoringFollowsThePAPIFormulasOnAHandComputedSample(t *testing.T) {
	fw, r := smallSurvey(t)
	for _, tc := range []struct {
		name                   string
		weighted               bool
		s1, s2, s3, d1, d2, to float64
	}{
		{
			// Unweighted: q1 = (1+0+1)/3 = 2/3; q2 = (0+1)/2 = 1/2 (r1 left out); q3 = (1+1+0)/3 = 2/3;
			// q4 = (0.5+1)/2 = 0.75 (r3 left out).
			// s1: u = (2/3 + 1/2)/2 = 7/12, score (1 + 9·7/12)/2 = 6.25/2 = 3.125
			// s2: u = 2/3, (1 + 6)/2 = 3.5;  D1 = 6.625
			// s3: u = 0.75, (1 + 6.75)/1 = 7.75 = D2;  total = 14.375
			"unweighted", false, 3.125, 3.5, 7.75, 6.625, 7.75, 14.375,
		},
		{
			// Weighted (1, 3, 2): q1 = (1·1 + 3·0 + 2·1)/6 = 1/2; q2 = (3·0 + 2·1)/(3+2) = 2/5;
			// q3 = (1 + 3 + 0)/6 = 2/3; q4 = (1·0.5 + 3·1)/(1+3) = 0.875.
			// s1: u = (1/2 + 2/5)/2 = 0.45, (1 + 4.05)/2 = 2.525;  s2: 3.5;  D1 = 6.025
			// s3 = D2 = 1 + 9·0.875 = 8.875;  total = 14.9
			"weighted", true, 2.525, 3.5, 8.875, 6.025, 8.875, 14.9,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ScoreSurvey(fw, r, ScoreOptions{Weighted: tc.weighted})
			if err != nil {
				t.Fatal(err)
			}
			d1, d2 := got.Dimensions[0], got.Dimensions[1]
			for _, c := range []struct {
				what      string
				got, want float64
			}{
				{"s1", d1.Subdimensions[0].Score, tc.s1},
				{"s2", d1.Subdimensions[1].Score, tc.s2},
				{"s3", d2.Subdimensions[0].Score, tc.s3},
				{"D1", d1.Score, tc.d1},
				{"D2", d2.Score, tc.d2},
				{"total", got.Total.Score, tc.to},
			} {
				if math.Abs(c.got-c.want) > 1e-12 {
					t.Errorf("%s = %.15g, want %g", c.what, c.got, c.want)
				}
			}
			if got.N != 3 || !math.IsNaN(got.Total.Low) {
				t.Errorf("n = %d, interval low = %g; want 3 and no interval", got.N, got.Total.Low)
			}
		})
	}
}

func TestStrataWithOneClusterAreHeldFixedAndReported(t *testing.T) {
	fw, r := smallSurvey(t)
	got, err := ScoreSurvey(fw, r, ScoreOptions{Replicates: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// X holds only A, Y only B: every replicate is the sample itself, so the
	// interval collapses onto the point estimate 14.375.
	if got.Total.Low != 14.375 || got.Total.High != 14.375 {
		t.Errorf("total interval [%g, %g], want [14.375, 14.375]", got.Total.Low, got.Total.High)
	}
	if strings.Join(got.FixedStrata, ",") != "X,Y" {
		t.Errorf("fixed strata %v, want X,Y", got.FixedStrata)
	}
}

func TestTheBootstrapIsReproducibleWhateverTheNumberOfWorkers(t *testing.T) {
	fw, r := simulatedSurvey(t, 7, 0.5)
	one, err := ScoreSurvey(fw, r, ScoreOptions{Replicates: 200, Seed: 42, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	three, err := ScoreSurvey(fw, r, ScoreOptions{Replicates: 200, Seed: 42, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if one.Total != three.Total || one.Dimensions[0].Subdimensions[0] != three.Dimensions[0].Subdimensions[0] {
		t.Errorf("1 worker %+v, 3 workers %+v", one.Total, three.Total)
	}
	other, _ := ScoreSurvey(fw, r, ScoreOptions{Replicates: 200, Seed: 43})
	if other.Total == one.Total {
		t.Errorf("seeds 42 and 43 gave the same interval %+v", one.Total)
	}
	if !(one.Total.Low < one.Total.Score && one.Total.Score < one.Total.High) {
		t.Errorf("interval %+v does not bracket the estimate", one.Total)
	}
}

func TestBadResponsesAreReportedByRowAndColumn(t *testing.T) {
	fw, err := ReadScoringFramework(strings.NewReader(smallFramework))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, csv, want string
	}{
		{"a value above 1", "id,w,village,province,sex,q1,q2,q3,q4\nr1,1,A,X,nam,1.5,,1,1\n", `row 2, column q1: error: value "1.5" is not a number in [0, 1]`},
		{"an indicator column missing", "id,w,village,province,sex,q1,q2,q3\n", "column q4: error: indicator column is missing"},
		{"a design column missing", "id,w,province,sex,q1,q2,q3,q4\n", "column village: error: cluster column is missing"},
		{"a negative weight", "id,w,village,province,sex,q1,q2,q3,q4\nr1,-1,A,X,nam,1,,1,1\n", "column w: error: weight"},
		{"a cluster in two strata", "id,w,village,province,sex,q1,q2,q3,q4\nr1,1,A,X,nam,1,,1,1\nr2,1,A,Y,nam,1,,1,1\n", `cluster "A" is in strata "X" and "Y"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadResponses(strings.NewReader(tc.csv), fw, smallDesign)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestAFrameworkWithASubdimensionUnderTwoDimensionsIsRejected(t *testing.T) {
	_, err := ReadScoringFramework(strings.NewReader("indicator,subdimension,dimension\nq1,s1,D1\nq2,s1,D2\nq1,s2,D2\n"))
	if err == nil || !strings.Contains(err.Error(), `row 3: sub-dimension "s1" is under D1 and D2`) || !strings.Contains(err.Error(), `row 4: indicator "q1" appears twice`) {
		t.Errorf("err = %v", err)
	}
}

func TestASubdimensionNobodyAnsweredIsAnError(t *testing.T) {
	fw, err := ReadScoringFramework(strings.NewReader(smallFramework))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ReadResponses(strings.NewReader("id,q1,q2,q3,q4\nr1,1,1,1,\n"), fw, Design{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ScoreSurvey(fw, r, ScoreOptions{}); err == nil || !strings.Contains(err.Error(), `"s3" has no answered indicator`) {
		t.Errorf("err = %v", err)
	}
}

func smallSurvey(t *testing.T) (ScoringFramework, *Responses) {
	t.Helper()
	fw, err := ReadScoringFramework(strings.NewReader(smallFramework))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ReadResponses(strings.NewReader(smallResponses), fw, smallDesign)
	if err != nil {
		t.Fatal(err)
	}
	return fw, r
}
