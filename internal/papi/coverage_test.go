package papi

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// Simulated design for the coverage test: 4 strata × 10 villages × 15
// respondents, two yes/no indicators in one sub-dimension of D1. Each village
// has its own probability p + N(0, 0.08) (clustering), and 5% of answers are
// empty. The true D1 is 1 + 9p.
const (
	simStrata, simClustersPerStratum, simPerCluster = 4, 10, 15
)

func simulatedSurvey(t *testing.T, seed uint64, p float64) (ScoringFramework, *Responses) {
	t.Helper()
	fw, err := NewScoringFramework([][3]string{{"q1", "s1", "D1"}, {"q2", "s1", "D1"}})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	r := &Responses{K: 2}
	for h := range simStrata {
		r.StratumNames = append(r.StratumNames, fmt.Sprintf("province %d", h))
		for range simClustersPerStratum {
			c := len(r.ClusterNames)
			r.ClusterNames = append(r.ClusterNames, fmt.Sprintf("village %d", c))
			r.ClusterStratum = append(r.ClusterStratum, h)
			pc := min(max(p+0.08*rng.NormFloat64(), 0), 1)
			for range simPerCluster {
				for range 2 {
					v := 0.0
					if rng.Float64() < pc {
						v = 1
					}
					if rng.Float64() < 0.05 {
						v = math.NaN()
					}
					r.Values = append(r.Values, v)
				}
				r.Cluster = append(r.Cluster, c)
				r.Stratum = append(r.Stratum, h)
				r.N++
			}
		}
	}
	return fw, r
}

func TestNinetyFivePercentIntervalsCoverTheTrueScoreAboutNinetyFivePercentOfTheTime(t *testing.T) {
	const (
		repetitions = 200
		replicates  = 200
		p           = 0.6
		truth       = 1 + 9*p // 6.4
	)
	covered := 0
	for rep := range repetitions {
		fw, r := simulatedSurvey(t, uint64(rep)+1000, p)
		got, err := ScoreSurvey(fw, r, ScoreOptions{Replicates: replicates, Seed: uint64(rep)})
		if err != nil {
			t.Fatal(err)
		}
		if d := got.Dimensions[0]; d.Low <= truth && truth <= d.High {
			covered++
		}
	}
	// The naive within-stratum bootstrap with 10 clusters a stratum understates
	// the variance by about 9/10, so the expected coverage is a little under
	// 95% (about 93.5%); with 200 repetitions the binomial spread is ±1.7
	// points, hence the generous band.
	rate := float64(covered) / repetitions
	t.Logf("coverage %d/%d = %.3f", covered, repetitions, rate)
	if rate < 0.88 || rate > 0.99 {
		t.Errorf("coverage %.3f outside 0.88–0.99", rate)
	}
}
