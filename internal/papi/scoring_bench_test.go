package papi_test

import (
	"bytes"
	"testing"

	"papihub/internal/papi"
	"papihub/internal/papi/papisynth"
)

// BenchmarkScore20k is the performance requirement: 20,000 respondents × 120
// indicators, 1,250 clusters in 63 strata, 1,000 bootstrap replicates, every
// dimension and sub-dimension with its interval, weighted. Reading the CSV is
// set-up, outside the timing. Target: ≤ 0.5 s an operation on 2 cores.
func BenchmarkScore20k(b *testing.B) {
	fw, r := synthetic(b, papisynth.PAPI2023)
	b.ResetTimer()
	for b.Loop() {
		if _, err := papi.ScoreSurvey(fw, r, papi.ScoreOptions{Weighted: true, Replicates: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func synthetic(b *testing.B, size papisynth.Size) (papi.ScoringFramework, *papi.Responses) {
	b.Helper()
	var fwCSV, respCSV bytes.Buffer
	if err := papisynth.WriteFramework(&fwCSV, size); err != nil {
		b.Fatal(err)
	}
	if err := papisynth.WriteResponses(&respCSV, size, 1); err != nil {
		b.Fatal(err)
	}
	fw, err := papi.ReadScoringFramework(&fwCSV)
	if err != nil {
		b.Fatal(err)
	}
	r, err := papi.ReadResponses(&respCSV, fw, papi.Design{WeightColumn: "weight", ClusterColumn: "cluster", StratumColumn: "stratum", GroupColumns: []string{"sex"}})
	if err != nil {
		b.Fatal(err)
	}
	return fw, r
}
