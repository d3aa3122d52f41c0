package papi

import (
	"math"
	"strings"
	"testing"
)

func TestPostStratificationWeighsEachCellUpToItsPopulation(t *testing.T) {
	fw, r := smallSurvey(t)
	m, err := ReadMargins(strings.NewReader("sex,population\nnam,100\nnu,300\n"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := PostStratify(r, m)
	if err != nil {
		t.Fatal(err)
	}
	// nam: r1 alone, 100/1 = 100; nu: r2 and r3, 300/2 = 150 each.
	if w[0] != 100 || w[1] != 150 || w[2] != 150 {
		t.Fatalf("weights = %v, want [100 150 150]", w)
	}
	r.Weights = w
	got, err := ScoreSurvey(fw, r, ScoreOptions{Weighted: true})
	if err != nil {
		t.Fatal(err)
	}
	// q4 = (100·0.5 + 150·1)/(100 + 150) = 200/250 = 0.8 (r3 skipped it); D2 = 1 + 9·0.8 = 8.2.
	if d2 := got.Dimensions[1].Score; math.Abs(d2-8.2) > 1e-12 {
		t.Errorf("D2 = %g, want 8.2", d2)
	}
}

func TestPostStratificationNamesEmptyAndUncountedCells(t *testing.T) {
	_, r := smallSurvey(t)
	for _, tc := range []struct{ name, margins, want string }{
		{"a populated cell without respondents", "sex,population\nnam,100\nnu,300\nkhac,20\n", "cell (sex=khac) is empty"},
		{"respondents in a cell without a count", "sex,population\nnam,100\n", "respondents in cell (sex=nu) but no population count"},
		{"a column the responses do not have", "age,population\n18-29,100\n", `column "age" is not a group`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ReadMargins(strings.NewReader(tc.margins))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := PostStratify(r, m); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestGroupsOfFewerThanTenRespondentsAreNotScored(t *testing.T) {
	fw, r := smallSurvey(t)
	groups, err := ScoreByGroup(fw, r, "sex", ScoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || groups[0].Value != "nam" || groups[0].N != 1 || !groups[0].Suppressed || groups[1].N != 2 || !groups[1].Suppressed {
		t.Errorf("groups = %+v", groups)
	}
}

func TestEachGroupIsScoredAsADomainOfTheWholeSample(t *testing.T) {
	fw, r := simulatedSurvey(t, 3, 0.5)
	r.Groups = map[string][]string{"residence": make([]string, r.N)}
	for i := range r.N {
		r.Groups["residence"][i] = []string{"nông thôn", "thành thị"}[i%2]
	}
	groups, err := ScoreByGroup(fw, r, "residence", ScoreOptions{Replicates: 100, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	// 4 × 10 × 15 = 600 respondents, alternating: 300 each.
	if len(groups) != 2 || groups[0].N != 300 || groups[0].Suppressed || groups[0].Score.N != 300 {
		t.Fatalf("groups = %+v", groups)
	}
	if d := groups[1].Score.Dimensions[0]; !(d.Low < d.Score && d.Score < d.High) {
		t.Errorf("thành thị D1 interval %+v does not bracket its estimate", d.Estimate)
	}
}
