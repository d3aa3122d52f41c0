package papi

import (
	"slices"
)

// TrendPoint is a province's total and rank in one year.
type TrendPoint struct {
	Year           int
	DataFrom       Province // as in Standing: before 2025, a new province's same-code predecessor
	Total          Score
	Rank, Of       int
	DimensionCount int
	// Comparable reports whether this total may be set against the previous
	// point's: both present and summing the same number of dimensions. The
	// 2018 total sums eight dimensions and the 2017 one six, so a jump of ten
	// points between them is not progress; Change is left missing there.
	Comparable bool
	Change     Score // Total − previous Total when Comparable
}

// Trend returns p's standing year by year, for every year of results in which
// p (or, before the reform, its same-code predecessor) has a row.
func Trend(results []Result, p Province) []TrendPoint {
	years := map[int]bool{}
	for _, r := range results {
		years[r.Year] = true
	}
	sorted := make([]int, 0, len(years))
	for y := range years {
		sorted = append(sorted, y)
	}
	slices.Sort(sorted)

	var out []TrendPoint
	for _, y := range sorted {
		s, err := StandingOf(results, p, y)
		if err != nil {
			continue // no row that year (or no predecessor): a gap in the line, not a zero
		}
		pt := TrendPoint{Year: y, DataFrom: s.DataFrom, Total: s.Total, Rank: s.Rank, Of: s.Of, DimensionCount: s.DimensionCount}
		if n := len(out); n > 0 {
			prev := out[n-1]
			pt.Comparable = prev.Total.Present && pt.Total.Present && prev.DimensionCount == pt.DimensionCount
			if pt.Comparable {
				pt.Change = Known(pt.Total.Value - prev.Total.Value)
			}
		}
		out = append(out, pt)
	}
	return out
}
