package tthc

import "math/big"

// Count is an indicator's numerator and denominator for one unit and period,
// meaning what the portal's figures mean: the numerator counts the good
// cases (for DOSSIER_RECEIVING_SATISFACTION the dossiers neither late nor
// complained about nor disliked), never the bad ones.
type Count struct {
	Num, Den int64
}

// IndicatorResult is one scored indicator.
type IndicatorResult struct {
	Metric string   `json:"metric"`
	NameVi string   `json:"nameVi"`
	NameEn string   `json:"nameEn"`
	Num    int64    `json:"numerator"`
	Den    int64    `json:"denominator"`
	Ratio  *float64 `json:"ratio"` // nil when the denominator is 0
	Score  float64  `json:"score"`
	Max    float64  `json:"max"`
	NA     bool     `json:"na"` // zero denominator under the "na" rule: no points, not counted
}

// GroupResult is one scored group: the sum of its indicators' rounded scores.
type GroupResult struct {
	Code       string            `json:"code"`
	NameVi     string            `json:"nameVi"`
	NameEn     string            `json:"nameEn"`
	Score      float64           `json:"score"`
	Max        float64           `json:"max"`
	NA         bool              `json:"na"` // every indicator of the group is N/A
	Indicators []IndicatorResult `json:"indicators"`
}

// Result is the service index of one unit for one period.
type Result struct {
	Version string  `json:"version"`
	Total   float64 `json:"total"` // out of Max (100)
	Max     float64 `json:"max"`
	// AvailableMax is the maximum of the indicators that are not N/A: the
	// points the agency could actually have earned.
	AvailableMax float64       `json:"availableMax"`
	Groups       []GroupResult `json:"groups"`
}

// Score computes the index from the counts of each metric; a metric missing
// from counts is 0/0.
//
// Rounding: every indicator's score is rounded half up to 2 decimals, as the
// portal publishes it, and groups and the total are sums of the rounded
// scores. Domain.md §3 states this for the payment group; we apply it to
// every group so that the published parts always add up to the published
// total. The arithmetic is exact (integers in hundredths of a point), so a
// score of exactly x.xx5 always rounds up.
//
// N/A: an indicator whose denominator is 0 under the "na" rule contributes
// nothing, and the total is the sum of the available scores out of the
// nominal 100 (not rescaled to AvailableMax). This is our reading of the
// portal; the guidance does not say whether N/A points are redistributed.
func Score(table *ScoringTable, counts map[string]Count) Result {
	return scoreWith(table, func(_ int, metric string) Count { return counts[metric] }, nil)
}

// scoreArena hands out the parts of many Results from shared blocks, for a
// caller that scores thousands of them at once (the index's breakdowns, a
// Result per procedure): a few large allocations instead of three small ones
// per Result, which were most of the scoring time. The zero value is ready;
// a nil arena allocates for each Result.
type scoreArena struct {
	groups     []GroupResult
	indicators []IndicatorResult
	ratios     []float64
}

// arenaBlock is the number of Results a block of a scoreArena holds.
const arenaBlock = 64

// take returns zeroed room for ng groups and ni indicators with their
// ratios. The full slice expressions keep an append to one Result's parts
// from overwriting the next Result's.
func (a *scoreArena) take(ng, ni int) ([]GroupResult, []IndicatorResult, []float64) {
	if a == nil {
		return make([]GroupResult, ng), make([]IndicatorResult, ni), make([]float64, ni)
	}
	if len(a.groups) < ng || len(a.indicators) < ni {
		a.groups, a.indicators, a.ratios = make([]GroupResult, arenaBlock*ng), make([]IndicatorResult, arenaBlock*ni), make([]float64, arenaBlock*ni)
	}
	g, in, r := a.groups[:ng:ng], a.indicators[:ni:ni], a.ratios[:ni:ni]
	a.groups, a.indicators, a.ratios = a.groups[ng:], a.indicators[ni:], a.ratios[ni:]
	return g, in, r
}

// scoreWith is Score with each metric's count given by count, so that a
// caller with counts from several sources need not merge them into one map,
// and the Result's parts taken from arena (which may be nil). count is
// given the indicator's position in the table (0 for the first indicator
// of the first group, counting on through the groups) with its metric, so
// that a caller may look counts up by position rather than by name.
func scoreWith(table *ScoringTable, count func(k int, metric string) Count, arena *scoreArena) Result {
	res := Result{Version: table.Version}
	// The parts are filled in place rather than appended or copied: the
	// breakdowns score every procedure of a province.
	n := 0
	for _, g := range table.Groups {
		n += len(g.Indicators)
	}
	groups, indicators, ratios := arena.take(len(table.Groups), n)
	if len(groups) > 0 {
		res.Groups = groups
	}
	var total, nominal, avail int64
	k := 0
	for gi := range table.Groups {
		g, gr := &table.Groups[gi], &res.Groups[gi]
		gr.Code, gr.NameVi, gr.NameEn, gr.NA = g.Code, g.NameVi, g.NameEn, true
		if len(g.Indicators) > 0 {
			// full slice expression: an append to one group's indicators
			// must not overwrite the next group's
			gr.Indicators = indicators[k : k+len(g.Indicators) : k+len(g.Indicators)]
		}
		var gScore, gMax int64
		for i := range g.Indicators {
			in, ir := &g.Indicators[i], &gr.Indicators[i]
			scoreIndicator(ir, in, count(k+i, in.Metric), &ratios[k+i])
			maxC := hundredths(in.Max)
			gMax += maxC
			if !ir.NA {
				gr.NA = false
				avail += maxC
			}
			gScore += hundredths(ir.Score)
		}
		k += len(g.Indicators)
		gr.Score, gr.Max = float64(gScore)/100, float64(gMax)/100
		total += gScore
		nominal += gMax
	}
	res.Total, res.Max, res.AvailableMax = float64(total)/100, float64(nominal)/100, float64(avail)/100
	return res
}

// scoreIndicator scores one indicator into the zero *ir; its ratio, when
// it has one, is stored in *ratio (a slot of Score's shared slice).
func scoreIndicator(ir *IndicatorResult, in *Indicator, c Count, ratio *float64) {
	ir.Metric, ir.NameVi, ir.NameEn, ir.Num, ir.Den, ir.Max = in.Metric, in.NameVi, in.NameEn, c.Num, c.Den, in.Max
	if c.Den <= 0 {
		switch in.Zero {
		case ZeroNA:
			ir.NA = true
		case ZeroFull:
			ir.Score = in.Max
		}
		return
	}
	num := min(max(c.Num, 0), c.Den)
	*ratio = float64(num) / float64(c.Den)
	ir.Ratio = ratio

	// points in hundredths = max·100 · num / den (/ threshold), rounded half up.
	maxC := hundredths(in.Max)
	if pts, ok := pointsSmall(in, maxC, num, c.Den); ok {
		ir.Score = float64(min(pts, maxC)) / 100
		return
	}
	p := big.NewInt(maxC)
	p.Mul(p, big.NewInt(num))
	q := big.NewInt(c.Den)
	if in.Formula != FormulaLinear {
		p.Mul(p, big.NewInt(10000))
		q.Mul(q, big.NewInt(basisPoints(in.Threshold)))
	}
	// round half up: ⌊(2p + q) / 2q⌋
	p.Add(p.Lsh(p, 1), q)
	p.Quo(p, q.Lsh(q, 1))
	ir.Score = float64(min(p.Int64(), maxC)) / 100
}

// pointsSmall is the arithmetic of scoreIndicator in int64 when nothing can
// overflow (every realistic count): a breakdown scores thousands of
// procedures and math/big's allocations were most of that time.
func pointsSmall(in *Indicator, maxC, num, den int64) (int64, bool) {
	// maxC < 2^16, num ≤ den < 2^31, threshold < 2^20 basis points: p < 2^61
	// and q < 2^51, so 2p + q fits.
	if maxC < 0 || maxC >= 1<<16 || num < 0 || den <= 0 || den >= 1<<31 {
		return 0, false
	}
	p, q := maxC*num, den
	if in.Formula != FormulaLinear {
		bp := basisPoints(in.Threshold)
		if bp <= 0 || bp >= 1<<20 {
			return 0, false
		}
		p, q = p*10000, q*bp
	}
	return (2*p + q) / (2 * q), true
}

func hundredths(x float64) int64  { return int64(x*100 + 0.5) }
func basisPoints(x float64) int64 { return int64(x*10000 + 0.5) }
