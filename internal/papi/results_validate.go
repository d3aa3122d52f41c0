package papi

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// The first PAPI survey was in 2009; a year far in the future is a typo.
const (
	firstPAPIYear = 2009
	lastPlausible = 2100
)

// parseResultRow turns one record into a Result, collecting every problem of
// the row rather than stopping at the first.
func parseResultRow(rec []string, cols [11]int, row int) (Result, []Problem) {
	cell := func(f int) string {
		if cols[f] < 0 || cols[f] >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[cols[f]])
	}
	var problems []Problem
	bad := func(f int, key string, args ...any) {
		problems = append(problems, newProblem(row, resultColumnNames[f], key, args...))
	}
	badErr := func(f int, err error) {
		var ce *cellError
		if errors.As(err, &ce) {
			bad(f, ce.key, ce.args...)
			return
		}
		problems = append(problems, Problem{Row: row, Column: resultColumnNames[f], Message: strings.TrimPrefix(err.Error(), "papi: ")})
	}
	res := Result{Row: row}

	year, err := strconv.Atoi(cell(1))
	switch {
	case err != nil:
		bad(1, "papi.problem.year.invalid", cell(1))
	case year < firstPAPIYear || year > lastPlausible:
		bad(1, "papi.problem.year.range", year, firstPAPIYear, lastPlausible)
	default:
		res.Year = year
	}

	if name := cell(0); name == "" {
		bad(0, "papi.problem.province.empty")
	} else if res.Year != 0 {
		p, err := MatchProvince(name, res.Year)
		if err != nil {
			badErr(0, err)
		}
		res.Province = p
	}

	for d := range 8 {
		f := 2 + d
		s, err := parseScore(cell(f))
		switch {
		case err != nil:
			badErr(f, err)
		case !s.Present:
		case s.Value < 1 || s.Value > 10:
			bad(f, "papi.problem.dimension.range", s.Value)
		case d >= 6 && res.Year != 0 && res.Year < FirstYearWithEightDimensions:
			// D7 and D8 did not exist before 2018: a value there means the
			// columns are shifted or the year is wrong, either way not data to keep.
			bad(f, "papi.problem.dimension.six", res.Year, DimensionCodes[d], cell(f))
		default:
			res.Dimensions[d] = s
		}
	}

	total, err := parseScore(cell(10))
	if err != nil {
		badErr(10, err)
	}
	if total.Present && res.Year != 0 {
		n := float64(DimensionCount(res.Year))
		if total.Value < n || total.Value > 10*n {
			bad(10, "papi.problem.total.range", total.Value, n, 10*n, n)
		}
	}
	res.Total = total
	if len(problems) == 0 {
		if w, ok := totalWarning(res); ok {
			problems = append(problems, w)
		}
	}
	return res, problems
}

// totalWarning checks the total against the sum of the dimensions present.
// Published values are rounded to two decimals, so each of the n dimensions
// and the total may be off by 0.005: a difference up to 0.005·(n+1) is
// rounding, anything more is worth a look but not a rejection (the official
// file itself is the authority on totals).
func totalWarning(res Result) (Problem, bool) {
	if !res.Total.Present {
		return Problem{}, false
	}
	sum, n := 0.0, 0
	for _, s := range res.Dimensions {
		if s.Present {
			sum += s.Value
			n++
		}
	}
	if n == 0 {
		return Problem{}, false
	}
	tolerance := 0.005*float64(n+1) + 1e-9
	if math.Abs(sum-res.Total.Value) <= tolerance {
		return Problem{}, false
	}
	p := newProblem(res.Row, "total", "papi.problem.total.sum", res.Total.Value, sum, n, tolerance)
	p.Warning = true
	return p, true
}
