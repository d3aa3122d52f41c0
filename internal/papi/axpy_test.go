package papi

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAxpyGivesTheSameBitsOnEveryPath holds the vector path (when the
// processor has it) to the portable one, for lengths with and without a
// tail, so that a survey's intervals do not depend on the processor.
func TestAxpyGivesTheSameBitsOnEveryPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 3, 4, 7, 16, 17, 31, 240, 243} {
		for _, a := range []float64{1, 2, 3, 7} {
			src, dst := make([]float64, n), make([]float64, n)
			for i := range src {
				src[i], dst[i] = rng.NormFloat64()*1e3, rng.NormFloat64()*1e5
			}
			want := append([]float64(nil), dst...)
			axpyGo(want, src, a)
			axpy(dst, src, a)
			for i := range dst {
				if math.Float64bits(dst[i]) != math.Float64bits(want[i]) {
					t.Fatalf("n=%d a=%v: element %d is %v, want %v", n, a, i, dst[i], want[i])
				}
			}
			if n > 0 && want[n-1] == 0 {
				t.Fatal("nothing was added")
			}
		}
	}
}

func TestAxpyAddsTheMultipleOfEachElement(t *testing.T) {
	dst := []float64{1, 2, 3, 4, 5}
	axpy(dst, []float64{10, 20, 30, 40, 50}, 2)
	for i, want := range []float64{21, 42, 63, 84, 105} {
		if dst[i] != want {
			t.Fatalf("dst = %v", dst)
		}
	}
}
