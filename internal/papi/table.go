package papi

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"papihub/internal/platform/vn"
)

// TableRow is one province in the all-provinces table of a year.
type TableRow struct {
	Province   Province
	Total      Score
	Rank       int // 0 when the total is missing
	Dimensions [8]Score
	DimRanks   [8]int // 0 when the score is missing
}

// Table returns every province with a row in year, ranked as in Standing,
// in rank order (missing totals last, then code order).
func Table(results []Result, year int) []TableRow {
	rows := resultsOfYear(results, year)
	totals := presentValues(rows, func(r Result) Score { return r.Total })
	var dims [8][]float64
	for d := range dims {
		dims[d] = presentValues(rows, func(r Result) Score { return r.Dimensions[d] })
	}
	out := make([]TableRow, 0, len(rows))
	for _, r := range rows {
		tr := TableRow{Province: r.Province, Total: r.Total, Dimensions: r.Dimensions}
		if r.Total.Present {
			tr.Rank = competitionRank(totals, r.Total.Value)
		}
		for d, s := range r.Dimensions {
			if s.Present {
				tr.DimRanks[d] = competitionRank(dims[d], s.Value)
			}
		}
		out = append(out, tr)
	}
	_ = SortTable(out, "total", true)
	return out
}

// SortTable sorts rows in place by a column: "province" (alphabetical order of
// the folded name, so "Đ" sorts with "D"), "code", "total" or "D1".."D8". Missing values go last
// whichever the direction, because a withheld score is not a low one. Equal
// values keep code order.
func SortTable(rows []TableRow, column string, descending bool) error {
	key, err := tableKey(column)
	if err != nil {
		return err
	}
	slices.SortStableFunc(rows, func(a, b TableRow) int {
		if c := compareTableRows(a, b, key, descending); c != 0 {
			return c
		}
		return cmp.Compare(a.Province.Code, b.Province.Code)
	})
	return nil
}

// tableKey turns a column name into −2 (province), −1 (code), 8 (total) or a
// dimension index.
func tableKey(column string) (int, error) {
	switch c := strings.ToLower(column); c {
	case "province":
		return -2, nil
	case "code":
		return -1, nil
	case "total":
		return 8, nil
	default:
		for d, code := range DimensionCodes {
			if strings.EqualFold(code, c) {
				return d, nil
			}
		}
	}
	return 0, fmt.Errorf("papi: cannot sort by %q (province, code, total, D1–D8)", column)
}

func compareTableRows(a, b TableRow, key int, descending bool) int {
	var c int
	switch key {
	case -2:
		c = strings.Compare(vn.Fold(a.Province.Name), vn.Fold(b.Province.Name))
	case -1:
		c = strings.Compare(a.Province.Code, b.Province.Code)
	default:
		sa, sb := a.Total, b.Total
		if key < 8 {
			sa, sb = a.Dimensions[key], b.Dimensions[key]
		}
		if sa.Present != sb.Present {
			if sa.Present {
				return -1
			}
			return 1
		}
		c = cmp.Compare(sa.Value, sb.Value)
	}
	if descending {
		return -c
	}
	return c
}

// FilterTable keeps the rows whose province name contains query, ignoring
// case and diacritics ("hung yen" finds Hưng Yên).
func FilterTable(rows []TableRow, query string) []TableRow {
	var out []TableRow
	for _, r := range rows {
		if vn.Contains(r.Province.Name, query) {
			out = append(out, r)
		}
	}
	return out
}
