package tthc

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// The int64 fast path of scoreIndicator gives the exact big.Int result.
func TestPointsSmallMatchesExactArithmetic(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range 200000 {
		in := Indicator{Max: float64(rng.IntN(10001)) / 100, Formula: FormulaLinear}
		if i%2 == 1 {
			in.Formula, in.Threshold = FormulaThreshold, float64(1+rng.IntN(10000))/10000
		}
		den := 1 + rng.Int64N(1<<uint(1+rng.IntN(30)))
		num := rng.Int64N(den + 1)
		maxC := hundredths(in.Max)
		got, ok := pointsSmall(in, maxC, num, den)
		if !ok {
			t.Fatalf("fast path refused %v %d/%d", in, num, den)
		}
		p := new(big.Int).Mul(big.NewInt(maxC), big.NewInt(num))
		q := big.NewInt(den)
		if in.Formula != FormulaLinear {
			p.Mul(p, big.NewInt(10000))
			q.Mul(q, big.NewInt(basisPoints(in.Threshold)))
		}
		p.Add(p.Lsh(p, 1), q)
		p.Quo(p, q.Lsh(q, 1))
		if p.Int64() != got {
			t.Fatalf("%v %d/%d: fast %d, exact %d", in, num, den, got, p.Int64())
		}
	}
}
