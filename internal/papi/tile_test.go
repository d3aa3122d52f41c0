package papi

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTheTileGivesTheSameBitsOnEveryPath holds the vector tile (when the
// processor has it) to the portable one, so that a survey's intervals do
// not depend on the processor.
func TestTheTileGivesTheSameBitsOnEveryPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 7, 1250} {
		stride := 3*tileCols + 5
		acc := make([]float64, tileReps*stride)
		m, p := make([]float64, n*tileReps), make([]float64, n*tileCols)
		for i := range acc {
			acc[i] = rng.NormFloat64() * 1e5
		}
		for i := range m {
			m[i] = float64(rng.IntN(4))
		}
		for i := range p {
			p[i] = rng.NormFloat64() * 1e3
		}
		want := slices.Clone(acc)
		tileGo(want, stride, m, p, n)
		tile(acc, stride, m, p, n)
		for i := range acc {
			if math.Float64bits(acc[i]) != math.Float64bits(want[i]) {
				t.Fatalf("n=%d: element %d is %v, want %v", n, i, acc[i], want[i])
			}
		}
	}
}

// A hand-computed tile: two clusters, replicate r drew cluster 0 r times
// and cluster 1 once; the columns past the tile are left alone.
func TestTheTileAddsEachClusterTimesItsMultiplicity(t *testing.T) {
	stride := tileCols + 1
	acc := make([]float64, tileReps*stride)
	for i := range acc {
		acc[i] = 100
	}
	m := []float64{0, 1, 2, 3, 1, 1, 1, 1}
	p := make([]float64, 2*tileCols)
	for j := range tileCols {
		p[j], p[tileCols+j] = float64(j+1), 1000
	}
	tile(acc, stride, m, p, 2)
	for r := range tileReps {
		for j := range stride {
			want := 100.0
			if j < tileCols {
				want += float64(r*(j+1)) + 1000
			}
			if got := acc[r*stride+j]; got != want {
				t.Errorf("row %d column %d = %v, want %v", r, j, got, want)
			}
		}
	}
}

func TestPanelsPadTheLastOneWithZeros(t *testing.T) {
	// Two clusters of k2 = 14 sums: cluster c's sum j is 100c + j.
	cs := make([]float64, 3*14)
	for c := range 3 {
		for j := range 14 {
			cs[c*14+j] = float64(100*c + j)
		}
	}
	p, width := panels(cs, 14, []int{2, 0})
	if width != 24 {
		t.Fatalf("width = %d, want 24", width)
	}
	// Panel 0: cluster 2's columns 0–11, then cluster 0's; panel 1: columns
	// 12, 13 and ten zeros, for each.
	want := []float64{200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211,
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
		212, 213, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		12, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if !slices.Equal(p, want) {
		t.Fatalf("panels = %v", p)
	}
}

func TestDrawIndexIsIntN(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 8, 20, 1000, 1 << 20, 1<<33 + 5} {
		a, b := rand.NewPCG(3, uint64(n)), rand.NewPCG(3, uint64(n))
		rng := rand.New(b)
		for range 1000 {
			if got, want := drawIndex(a, uint64(n)), rng.IntN(n); got != uint64(want) {
				t.Fatalf("n=%d: %d, IntN gives %d", n, got, want)
			}
		}
	}
}

// TestAddingAnsweredValuesGivesTheSameBitsOnEveryPath holds the vector sum
// of a respondent's row to the portable loop, with missing values (NaN) at
// every position of a vector and a tail that is not a multiple of four.
func TestAddingAnsweredValuesGivesTheSameBitsOnEveryPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 3, 4, 7, 60, 61} {
		sums, weights := make([]float64, n), make([]float64, n)
		for i := range sums {
			sums[i], weights[i] = rng.Float64()*1e3, rng.Float64()*1e2
		}
		wantSums, wantWeights := slices.Clone(sums), slices.Clone(weights)
		for range 20 {
			row := make([]float64, n)
			for j := range row {
				row[j] = float64(rng.IntN(1001)) / 1000
				if rng.IntN(5) == 0 {
					row[j] = math.NaN()
				}
			}
			w := 0.5 + 1.5*rng.Float64()
			addAnsweredGo(wantSums, wantWeights, row, w)
			addAnswered(sums, weights, row, w)
		}
		for j := range n {
			if math.Float64bits(sums[j]) != math.Float64bits(wantSums[j]) || math.Float64bits(weights[j]) != math.Float64bits(wantWeights[j]) {
				t.Fatalf("n=%d, indicator %d: %v/%v, want %v/%v", n, j, sums[j], weights[j], wantSums[j], wantWeights[j])
			}
		}
	}
}

// A hand-computed row: weight 2, values 0.5, missing, 1, 0.25 and a
// fifth, 0, past the vector.
func TestAMissingValueAddsNeitherValueNorWeight(t *testing.T) {
	sums, weights := []float64{1, 1, 1, 1, 1}, []float64{10, 10, 10, 10, 10}
	addAnswered(sums, weights, []float64{0.5, math.NaN(), 1, 0.25, 0}, 2)
	if want := []float64{2, 1, 3, 1.5, 1}; !slices.Equal(sums, want) {
		t.Errorf("sums %v, want %v", sums, want)
	}
	if want := []float64{12, 10, 12, 12, 12}; !slices.Equal(weights, want) {
		t.Errorf("weights %v, want %v", weights, want)
	}
}
