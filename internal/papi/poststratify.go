package papi

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Margins are population counts by cell, for post-stratification: the cells
// are the combinations of Columns' values (e.g. province × sex × age group),
// and Population gives each cell's count, keyed by CellKey of its values.
type Margins struct {
	Columns    []string
	Population map[string]float64
}

// CellKey joins a cell's values, in the order of Margins.Columns, into a map key.
func CellKey(values ...string) string { return strings.Join(values, "\x1f") }

// ReadMargins reads population counts from a CSV whose last column is
// "population" and whose other columns name the cells, e.g.
// province,sex,age_group,population.
func ReadMargins(r io.Reader) (Margins, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return Margins{}, fmt.Errorf("papi: margins: reading header: %w", err)
	}
	last := len(header) - 1
	if last < 1 || !strings.EqualFold(strings.TrimSpace(header[last]), "population") {
		return Margins{}, fmt.Errorf("papi: margins: want cell columns then a last column \"population\", got %v", header)
	}
	m := Margins{Columns: header[:last], Population: map[string]float64{}}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		if err != nil {
			return Margins{}, fmt.Errorf("papi: margins: %w", err)
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(rec[last]), 64)
		if err != nil || !(n > 0) {
			return Margins{}, fmt.Errorf("papi: margins: row %d: population %q is not a positive number", row, rec[last])
		}
		key := CellKey(rec[:last]...)
		if _, dup := m.Population[key]; dup {
			return Margins{}, fmt.Errorf("papi: margins: row %d: cell %v appears twice", row, rec[:last])
		}
		m.Population[key] = n
	}
}

// PostStratify returns one weight per respondent so that the weighted sample
// reproduces the population counts of every cell: a respondent in a cell of
// population N with n respondents weighs N/n. Set the result as
// Responses.Weights and score with Weighted. The cell columns must be group
// columns (or the stratum column) of the responses.
//
// It fails, naming the cells, when a populated cell has no respondent (its
// people would be unrepresented: merge it with a neighbouring cell, e.g. two
// age groups) or when a respondent falls in a cell with no population count.
//
// The bootstrap treats the resulting weights as fixed rather than
// re-post-stratifying each replicate, the usual approximation; it slightly
// overstates the variance of the post-stratified estimate.
func PostStratify(r *Responses, m Margins) ([]float64, error) {
	cols := make([][]string, len(m.Columns))
	for c, name := range m.Columns {
		vals, ok := r.Groups[name]
		if !ok {
			return nil, fmt.Errorf("papi: post-stratification column %q is not a group or stratum column of the responses", name)
		}
		cols[c] = vals
	}
	cell := make([]string, r.N)
	counts := map[string]int{}
	vals := make([]string, len(cols))
	for i := range r.N {
		for c := range cols {
			vals[c] = cols[c][i]
		}
		cell[i] = CellKey(vals...)
		counts[cell[i]]++
	}
	var problems []string
	for key := range counts {
		if _, ok := m.Population[key]; !ok {
			problems = append(problems, fmt.Sprintf("respondents in cell %s but no population count for it", showCell(m.Columns, key)))
		}
	}
	for key := range m.Population {
		if counts[key] == 0 {
			problems = append(problems, fmt.Sprintf("cell %s is empty: no respondent represents its population", showCell(m.Columns, key)))
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return nil, fmt.Errorf("papi: post-stratification: %s", strings.Join(problems, "; "))
	}
	w := make([]float64, r.N)
	for i, key := range cell {
		w[i] = m.Population[key] / float64(counts[key])
	}
	return w, nil
}

func showCell(columns []string, key string) string {
	vals := strings.Split(key, "\x1f")
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = columns[i] + "=" + v
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
