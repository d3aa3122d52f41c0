package papi

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ScoringFramework says which indicators make up each sub-dimension and which
// sub-dimensions each dimension, for scoring a survey the PAPI way. It is read
// from a CSV with the columns indicator,subdimension,dimension, one indicator
// a row. Sub-dimensions and dimensions keep the order of their first row.
type ScoringFramework struct {
	Indicators    []string // the response columns, in file order
	Subdimensions []string
	Dimensions    []string // codes such as "D1"

	indicatorSub []int // indicator → sub-dimension
	subDimension []int // sub-dimension → dimension
	subsIn       []int // dimension → its number of sub-dimensions (the m of (1+9u)/m)
}

// ReadScoringFramework reads a framework CSV and checks that every indicator
// appears once and every sub-dimension belongs to one dimension.
func ReadScoringFramework(r io.Reader) (ScoringFramework, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return ScoringFramework{}, fmt.Errorf("papi: framework: reading header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"indicator", "subdimension", "dimension"} {
		if _, ok := col[need]; !ok {
			return ScoringFramework{}, fmt.Errorf("papi: framework: column %q is missing (want indicator,subdimension,dimension)", need)
		}
	}
	var b frameworkBuilder
	var problems []string
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return ScoringFramework{}, fmt.Errorf("papi: framework: %w", err)
		}
		get := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if err := b.add(get("indicator"), get("subdimension"), get("dimension")); err != nil {
			problems = append(problems, fmt.Sprintf("row %d: %v", row, err))
		}
	}
	if len(problems) > 0 {
		return ScoringFramework{}, fmt.Errorf("papi: framework: %s", strings.Join(problems, "; "))
	}
	if len(b.fw.Indicators) == 0 {
		return ScoringFramework{}, fmt.Errorf("papi: framework has no indicators")
	}
	return b.fw, nil
}

// NewScoringFramework builds a framework from (indicator, sub-dimension,
// dimension) triples, as ReadScoringFramework does from a file.
func NewScoringFramework(triples [][3]string) (ScoringFramework, error) {
	var b frameworkBuilder
	for i, t := range triples {
		if err := b.add(t[0], t[1], t[2]); err != nil {
			return ScoringFramework{}, fmt.Errorf("papi: framework entry %d: %w", i+1, err)
		}
	}
	return b.fw, nil
}

type frameworkBuilder struct {
	fw         ScoringFramework
	indicators map[string]bool
	subs, dims map[string]int
}

func (b *frameworkBuilder) add(ind, sub, dim string) error {
	if b.indicators == nil {
		b.indicators, b.subs, b.dims = map[string]bool{}, map[string]int{}, map[string]int{}
	}
	if ind == "" || sub == "" || dim == "" {
		return fmt.Errorf("indicator, subdimension and dimension must all be given")
	}
	if b.indicators[ind] {
		return fmt.Errorf("indicator %q appears twice", ind)
	}
	d, ok := b.dims[dim]
	if !ok {
		d = len(b.fw.Dimensions)
		b.dims[dim] = d
		b.fw.Dimensions = append(b.fw.Dimensions, dim)
		b.fw.subsIn = append(b.fw.subsIn, 0)
	}
	s, ok := b.subs[sub]
	if !ok {
		s = len(b.fw.Subdimensions)
		b.subs[sub] = s
		b.fw.Subdimensions = append(b.fw.Subdimensions, sub)
		b.fw.subDimension = append(b.fw.subDimension, d)
		b.fw.subsIn[d]++
	} else if b.fw.subDimension[s] != d {
		return fmt.Errorf("sub-dimension %q is under %s and %s", sub, b.fw.Dimensions[b.fw.subDimension[s]], dim)
	}
	b.indicators[ind] = true
	b.fw.Indicators = append(b.fw.Indicators, ind)
	b.fw.indicatorSub = append(b.fw.indicatorSub, s)
	return nil
}

// stats is the number of estimates one scoring produces: every sub-dimension,
// every dimension and the total, in that order in the vectors below.
func (fw *ScoringFramework) stats() int { return len(fw.Subdimensions) + len(fw.Dimensions) + 1 }

// scoreSums turns per-indicator weighted sums and weight totals into the
// scores, written to out (length fw.stats()), using scratch (two slices of
// length len(fw.Subdimensions)).
//
// An indicator nobody answered (weight total 0) is left out of its
// sub-dimension's mean, as the PAPI method leaves out unanswered questions;
// a sub-dimension with no answered indicator makes its dimension and the
// total NaN, which the caller reports.
func (fw *ScoringFramework) scoreSums(sum, weight, out, subSum, subN []float64) {
	clear(subSum)
	clear(subN)
	for j, s := range fw.indicatorSub {
		if w := weight[j]; w > 0 {
			subSum[s] += sum[j] / w
			subN[s]++
		}
	}
	nSub := len(fw.Subdimensions)
	dims := out[nSub : nSub+len(fw.Dimensions)]
	clear(dims)
	for s := range nSub {
		// u = mean of the indicators; with m sub-dimensions in the dimension the
		// sub-dimension scores (1 + 9u)/m, in [1/m, 10/m], and they sum to 1–10.
		v := (1 + 9*subSum[s]/subN[s]) / float64(fw.subsIn[fw.subDimension[s]]) // 0/0 = NaN when unanswered
		out[s] = v
		dims[fw.subDimension[s]] += v
	}
	total := 0.0
	for _, d := range dims {
		total += d
	}
	out[len(out)-1] = total
}
