package papi

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"papihub/internal/platform/vn"
)

// Standing is where a province stands in one year of the official results:
// its total and rank, and for each dimension its score against the best
// province and the national median.
//
// Ranks count only provinces with a value that year ("11 of 61" when two
// are withheld) and use competition ranking: ties share a rank and the next
// rank skips (1, 2, 2, 4).
type Standing struct {
	Province       Province // the province asked about
	DataFrom       Province // the province whose results these are (see ResolveForYear)
	Year           int
	Total          Score
	Rank, Of       int // Rank is 0 when the total is missing
	DimensionCount int // 6 before 2018, 8 from 2018: totals of the two kinds are not comparable
	Dimensions     []DimensionStanding
}

// DimensionStanding is one dimension of a Standing. The gaps are missing when
// the province's score is.
type DimensionStanding struct {
	Code         string
	Score        Score
	Rank, Of     int
	Best         Score
	BestProvince string // the first in code order when several share the best score
	Median       Score
	GapToBest    Score // Best − Score, ≥ 0
	GapToMedian  Score // Median − Score: positive when below the median
}

// StandingOf computes p's standing in year from a whole year's results. For a
// province of the 34-province map and a year before the reform, the results
// are those of its predecessor with the same code: the standing of today's
// Hưng Yên in 2021 is old Hưng Yên's, ranked among the 63 provinces of 2021.
func StandingOf(results []Result, p Province, year int) (Standing, error) {
	from, err := ResolveForYear(p, year)
	if err != nil {
		return Standing{}, err
	}
	rows := resultsOfYear(results, year)
	if len(rows) == 0 {
		return Standing{}, fmt.Errorf("papi: no official results for %d", year)
	}
	i := slices.IndexFunc(rows, func(r Result) bool { return r.Province == from })
	if i < 0 {
		return Standing{}, fmt.Errorf("papi: no official result for %s in %d", from, year)
	}
	own := rows[i]
	s := Standing{Province: p, DataFrom: from, Year: year, Total: own.Total, DimensionCount: DimensionCount(year)}
	totals := presentValues(rows, func(r Result) Score { return r.Total })
	s.Of = len(totals)
	if own.Total.Present {
		s.Rank = competitionRank(totals, own.Total.Value)
	}
	for d := range s.DimensionCount {
		s.Dimensions = append(s.Dimensions, dimensionStanding(rows, own, d))
	}
	return s, nil
}

func dimensionStanding(rows []Result, own Result, d int) DimensionStanding {
	get := func(r Result) Score { return r.Dimensions[d] }
	values := presentValues(rows, get)
	ds := DimensionStanding{Code: DimensionCodes[d], Score: own.Dimensions[d], Of: len(values)}
	for _, r := range rows { // rows are in code order, so the first best wins a tie
		if v := get(r); v.Present && (!ds.Best.Present || v.Value > ds.Best.Value) {
			ds.Best, ds.BestProvince = v, r.Province.Name
		}
	}
	if m, ok := median(values); ok {
		ds.Median = Known(m)
	}
	if ds.Score.Present {
		ds.Rank = competitionRank(values, ds.Score.Value)
		ds.GapToBest = Known(ds.Best.Value - ds.Score.Value)
		ds.GapToMedian = Known(ds.Median.Value - ds.Score.Value)
	}
	return ds
}

// ByGain returns the dimensions ordered by how much there is to gain, largest
// first. The measure is the gap to the best province: every dimension weighs
// the same in the total (1–10 each), so a point closed on any dimension is a
// point of total, and the best province shows the point is reachable under
// today's conditions. Dimensions without a score come last.
func (s Standing) ByGain() []DimensionStanding {
	out := slices.Clone(s.Dimensions)
	slices.SortStableFunc(out, func(a, b DimensionStanding) int {
		if a.GapToBest.Present != b.GapToBest.Present {
			if a.GapToBest.Present {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.GapToBest.Value, a.GapToBest.Value)
	})
	return out
}

// MarshalJSON writes the standing with the keys of `papihub papi standing
// --json`; missing values are null, never 0.
func (s Standing) MarshalJSON() ([]byte, error) {
	type dim struct {
		Code         string   `json:"code"`
		Score        *float64 `json:"score"`
		Rank         int      `json:"rank"`
		Of           int      `json:"of"`
		Best         *float64 `json:"best"`
		BestProvince string   `json:"best_province"`
		Median       *float64 `json:"median"`
		GapToBest    *float64 `json:"gap_to_best"`
		GapToMedian  *float64 `json:"gap_to_median"`
	}
	out := struct {
		Province       string   `json:"province"`
		Code           string   `json:"code"`
		Year           int      `json:"year"`
		Total          *float64 `json:"total"`
		Rank           int      `json:"rank"`
		Of             int      `json:"of"`
		DimensionCount int      `json:"dimension_count"`
		Dimensions     []dim    `json:"dimensions"`
	}{s.Province.Name, s.Province.Code, s.Year, nullable(s.Total), s.Rank, s.Of, s.DimensionCount, []dim{}}
	for _, d := range s.Dimensions {
		out.Dimensions = append(out.Dimensions, dim{d.Code, nullable(d.Score), d.Rank, d.Of, nullable(d.Best),
			d.BestProvince, nullable(d.Median), nullable(d.GapToBest), nullable(d.GapToMedian)})
	}
	return json.Marshal(out)
}

func nullable(s Score) *float64 {
	if !s.Present {
		return nil
	}
	v := s.Value
	return &v
}

// resultsOfYear returns the rows of one year in province code order.
func resultsOfYear(results []Result, year int) []Result {
	var rows []Result
	for _, r := range results {
		if r.Year == year {
			rows = append(rows, r)
		}
	}
	slices.SortFunc(rows, func(a, b Result) int { return cmp.Compare(a.Province.Code, b.Province.Code) })
	return rows
}

func presentValues(rows []Result, get func(Result) Score) []float64 {
	var vs []float64
	for _, r := range rows {
		if s := get(r); s.Present {
			vs = append(vs, s.Value)
		}
	}
	return vs
}

// ProvinceIn finds the province a name carries ("UBND tỉnh Hưng Yên", "Sở Y
// tế tỉnh Gia Lai") in the catalogue of year, the longest name winning so
// that no province is mistaken for a part of another's name.
func ProvinceIn(name string, year int) (Province, bool) {
	var best Province
	for _, p := range Provinces(year) {
		if vn.Contains(name, p.Name) && len(p.Name) > len(best.Name) {
			best = p
		}
	}
	return best, best.Name != ""
}

// LatestStanding is p's standing in the latest year of results that has it
// (for a province of today's map, back through its same-code predecessor).
func LatestStanding(results []Result, p Province) (Standing, bool) {
	trend := Trend(results, p)
	for i := len(trend) - 1; i >= 0; i-- {
		if s, err := StandingOf(results, p, trend[i].Year); err == nil {
			return s, true
		}
	}
	return Standing{}, false
}
