package papi

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestTheBootstrapGivesTheBitsOfAReplicateByReplicateSum holds the tiled,
// chunked, multi-worker product to the plainest way of computing a
// replicate: its clusters' rows added one after the other, in the order of
// the drawn strata, each times its multiplicity with one rounding (FMA).
// 150 clusters (and a fixed stratum) make more than two chunks of
// clusterChunk and a last, partial one; 70 replicates, a last partial tile.
func TestTheBootstrapGivesTheBitsOfAReplicateByReplicateSum(t *testing.T) {
	fw, err := NewScoringFramework([][3]string{{"q1", "s1", "D1"}, {"q2", "s1", "D1"}, {"q3", "s2", "D1"}, {"q4", "s3", "D2"}})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	r := &Responses{K: 4}
	for h, clusters := range []int{50, 1, 60, 39} {
		r.StratumNames = append(r.StratumNames, fmt.Sprintf("stratum %d", h))
		for range clusters {
			c := len(r.ClusterNames)
			r.ClusterNames = append(r.ClusterNames, fmt.Sprintf("cluster %d", c))
			r.ClusterStratum = append(r.ClusterStratum, h)
			for range 1 + rng.IntN(6) {
				for range r.K {
					v := float64(rng.IntN(11)) / 10
					if rng.IntN(10) == 0 {
						v = math.NaN()
					}
					r.Values = append(r.Values, v)
				}
				r.Weights = append(r.Weights, 0.5+rng.Float64())
				r.Cluster, r.Stratum = append(r.Cluster, c), append(r.Stratum, h)
				r.N++
			}
		}
	}
	opt := ScoreOptions{Weighted: true, Replicates: 70, Seed: 11, Workers: 2}
	cs := sumClusters(r, nil, true)
	got := bootstrap(fw, cs, r, opt, nil)

	// The reference: strata in order, clusters in order within each.
	k2, nStats := 2*r.K, fw.stats()
	reps := make([][]float64, nStats)
	for b := range opt.Replicates {
		src := rand.NewPCG(replicateSeeds(opt.Seed, uint64(b)))
		sums := make([]float64, k2)
		var drawnClusters []int
		times := map[int]float64{}
		for h := range r.StratumNames {
			var members []int
			for c, s := range r.ClusterStratum {
				if s == h {
					members = append(members, c)
				}
			}
			if len(members) == 1 {
				for j := range k2 {
					sums[j] += cs[members[0]*k2+j]
				}
				continue
			}
			for range members {
				times[members[drawIndex(src, uint64(len(members)))]]++
			}
			drawnClusters = append(drawnClusters, members...)
		}
		for _, c := range drawnClusters {
			for j := range k2 {
				sums[j] = math.FMA(times[c], cs[c*k2+j], sums[j])
			}
		}
		out, scratch := make([]float64, nStats), make([]float64, 2*len(fw.Subdimensions))
		fw.scoreSums(sums[:r.K], sums[r.K:], out, scratch[:len(fw.Subdimensions)], scratch[len(fw.Subdimensions):])
		for s, v := range out {
			reps[s] = append(reps[s], v)
		}
	}
	for s := range nStats {
		sorted := sortedFinite(reps[s])
		low, high := percentile(sorted, 0.025), percentile(sorted, 0.975)
		if math.Float64bits(low) != math.Float64bits(got.low[s]) || math.Float64bits(high) != math.Float64bits(got.high[s]) {
			t.Errorf("estimate %d: interval [%v, %v], want [%v, %v]", s, got.low[s], got.high[s], low, high)
		}
	}
	if len(got.fixed) != 1 || got.fixed[0] != 1 {
		t.Errorf("fixed strata %v, want [1]", got.fixed)
	}
}
