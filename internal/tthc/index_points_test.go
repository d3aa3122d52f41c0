package tthc

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"reflect"
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
		got, ok := pointsSmall(&in, maxC, num, den)
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

// Score fills one slice of indicators and one of ratios per Result instead
// of appending each part; it gives exactly the Result of the appending
// version kept here (scoreByAppends), nil and empty slices included, over
// the embedded table and random ones, with counts that hit every rule: 0/0,
// negative and excess numerators, and denominators past the int64 fast path.
func TestScoreMatchesTheAppendingVersion(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	tables := []*ScoringTable{CurrentScoringTable(), {Version: "empty"}}
	formulas := []Formula{FormulaLinear, FormulaThreshold}
	zeros := []ZeroRule{ZeroNA, ZeroZero, ZeroFull}
	for v := range 50 {
		tb := &ScoringTable{Version: fmt.Sprint("random-", v)}
		for g := range rng.IntN(5) {
			grp := Group{Code: fmt.Sprint("G", g), NameVi: "Nhóm", NameEn: "Group"}
			for i := range rng.IntN(6) { // some groups without indicators
				grp.Indicators = append(grp.Indicators, Indicator{Metric: fmt.Sprint("M", g, "_", i), NameVi: "Chỉ số", NameEn: "Metric",
					Max: float64(rng.IntN(2001)) / 100, Formula: formulas[rng.IntN(len(formulas))], Threshold: float64(1+rng.IntN(10000)) / 10000,
					Zero: zeros[rng.IntN(3)]})
			}
			tb.Groups = append(tb.Groups, grp)
		}
		tables = append(tables, tb)
	}
	var arena scoreArena // shared by all the tables and counts, as by the breakdowns
	var fromArena, wants []Result
	for _, tb := range tables {
		for range 200 {
			counts := map[string]Count{}
			for _, g := range tb.Groups {
				for _, in := range g.Indicators {
					switch rng.IntN(6) {
					case 0: // missing: 0/0
					case 1:
						counts[in.Metric] = Count{rng.Int64N(5) - 2, 0}
					case 2:
						den := rng.Int64N(1 << 40) // past pointsSmall's bound: math/big
						counts[in.Metric] = Count{rng.Int64N(den + 1), den}
					default:
						den := 1 + rng.Int64N(5000)
						counts[in.Metric] = Count{rng.Int64N(den+den/4+1) - den/8, den} // some negative, some above den
					}
				}
			}
			got, want := Score(tb, counts), scoreByAppends(tb, counts)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("table %s, counts %v:\n got %+v\nwant %+v", tb.Version, counts, got, want)
			}
			// the layered look-up of Index gives the same as the merged map
			got = scoreWith(tb, func(_ int, m string) Count { return counts[m] }, &arena)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("scoreWith differs from Score on table %s", tb.Version)
			}
			fromArena, wants = append(fromArena, got), append(wants, want)
		}
	}
	// and no Result taken from the arena was overwritten by a later one
	if !reflect.DeepEqual(fromArena, wants) {
		t.Fatal("a Result from the arena changed after it was returned")
	}
}

// scoreByAppends is Score as it was before it filled its parts in place.
func scoreByAppends(table *ScoringTable, counts map[string]Count) Result {
	res := Result{Version: table.Version}
	var total, nominal, avail int64
	for _, g := range table.Groups {
		gr := GroupResult{Code: g.Code, NameVi: g.NameVi, NameEn: g.NameEn, NA: true}
		var gScore, gMax int64
		for _, in := range g.Indicators {
			ir := IndicatorResult{Metric: in.Metric, NameVi: in.NameVi, NameEn: in.NameEn, Num: counts[in.Metric].Num,
				Den: counts[in.Metric].Den, Max: in.Max}
			if c := counts[in.Metric]; c.Den <= 0 {
				switch in.Zero {
				case ZeroNA:
					ir.NA = true
				case ZeroFull:
					ir.Score = in.Max
				}
			} else {
				num := min(max(c.Num, 0), c.Den)
				ratio := float64(num) / float64(c.Den)
				ir.Ratio = &ratio
				p := new(big.Int).Mul(big.NewInt(hundredths(in.Max)), big.NewInt(num))
				q := big.NewInt(c.Den)
				if in.Formula != FormulaLinear {
					p.Mul(p, big.NewInt(10000))
					q.Mul(q, big.NewInt(basisPoints(in.Threshold)))
				}
				p.Add(p.Lsh(p, 1), q)
				p.Quo(p, q.Lsh(q, 1))
				ir.Score = float64(min(p.Int64(), hundredths(in.Max))) / 100
			}
			maxC := hundredths(in.Max)
			gMax += maxC
			if !ir.NA {
				gr.NA = false
				avail += maxC
			}
			gScore += hundredths(ir.Score)
			gr.Indicators = append(gr.Indicators, ir)
		}
		gr.Score, gr.Max = float64(gScore)/100, float64(gMax)/100
		total += gScore
		nominal += gMax
		res.Groups = append(res.Groups, gr)
	}
	res.Total, res.Max, res.AvailableMax = float64(total)/100, float64(nominal)/100, float64(avail)/100
	return res
}
