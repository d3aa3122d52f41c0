package papi

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"papihub/internal/platform/bounded"
	"strconv"
	"strings"
)

// Design names the columns of a responses file that describe the sample
// rather than the answers. Every name is optional: without a cluster column
// each respondent is its own cluster, without a stratum column the sample is
// one stratum, without a weight column every weight is 1.
type Design struct {
	WeightColumn  string
	ClusterColumn string
	StratumColumn string
	GroupColumns  []string // respondent groups (sex, age group, ethnicity, residence, unit)
}

// Responses is indicator-level microdata: one row per respondent, one value
// in [0, 1] per indicator of a ScoringFramework, NaN where the respondent was
// not asked or did not answer. Values are stored respondent by respondent
// (row-major) so that summing a cluster reads memory in order.
type Responses struct {
	N, K    int       // respondents, indicators
	Values  []float64 // N×K, row-major; NaN = missing
	Weights []float64 // nil: unweighted data

	Cluster      []int // per respondent, index into ClusterNames
	ClusterNames []string
	Stratum      []int // per respondent, index into StratumNames
	StratumNames []string

	// ClusterStratum is the stratum of each cluster: a cluster lies in one stratum.
	ClusterStratum []int
	// Groups holds the raw value of each group column (and of the stratum
	// column, under its own name) per respondent, for ScoreByGroup and PostStratify.
	Groups map[string][]string
}

// NewResponses builds microdata from indicator values already turned into
// [0, 1]: values holds n×k of them respondent by respondent (NaN where not
// answered), clusters names each respondent's cluster (nil: each respondent
// is its own cluster) and strata each one's stratum (nil: one stratum). It
// checks the lengths, the values and that every cluster lies in one stratum.
// The data are unweighted; group columns are added with SetGroup.
func NewResponses(k int, values []float64, clusters, strata []string) (*Responses, error) {
	if k <= 0 || len(values)%k != 0 {
		return nil, fmt.Errorf("papi: %d values are not whole rows of %d indicators", len(values), k)
	}
	n := len(values) / k
	if clusters != nil && len(clusters) != n || strata != nil && len(strata) != n {
		return nil, fmt.Errorf("papi: %d respondents but %d clusters and %d strata", n, len(clusters), len(strata))
	}
	for i, v := range values {
		if !math.IsNaN(v) && !(v >= 0 && v <= 1) {
			return nil, fmt.Errorf("papi: respondent %d, indicator %d: %v is not in [0, 1]", i/k+1, i%k+1, v)
		}
	}
	r := &Responses{N: n, K: k, Values: values, Cluster: make([]int, n), Stratum: make([]int, n), Groups: map[string][]string{}}
	clusterID, stratumID := map[string]int{}, map[string]int{}
	for i := range n {
		cluster, stratum := "respondent "+strconv.Itoa(i+1), "all"
		if clusters != nil {
			cluster = clusters[i]
		}
		if strata != nil {
			stratum = strata[i]
		}
		r.Cluster[i] = intern(cluster, clusterID, &r.ClusterNames)
		r.Stratum[i] = intern(stratum, stratumID, &r.StratumNames)
	}
	if problems := r.linkClustersToStrata(); len(problems) > 0 {
		return nil, fmt.Errorf("papi: respondent %d: %s", problems[0].Row-1, problems[0].Message)
	}
	return r, nil
}

// SetGroup records each respondent's value of a group column (a sex, an age
// group, a unit), for ScoreByGroup.
func (r *Responses) SetGroup(column string, values []string) error {
	if len(values) != r.N {
		return fmt.Errorf("papi: group %q has %d values for %d respondents", column, len(values), r.N)
	}
	if r.Groups == nil {
		r.Groups = map[string][]string{}
	}
	r.Groups[column] = values
	return nil
}

// Value returns respondent i's value of indicator j (NaN when missing).
func (r *Responses) Value(i, j int) float64 { return r.Values[i*r.K+j] }

// ReadResponses reads a responses CSV against a framework. Every problem is
// collected and returned together (a *ResultsError naming rows and columns):
// indicator or design columns missing from the header, values outside [0, 1],
// bad or negative weights, empty cluster or stratum values, a cluster found
// in two strata.
func ReadResponses(rd io.Reader, fw ScoringFramework, d Design) (*Responses, error) {
	cr := csv.NewReader(bounded.Lines(rd, bounded.Default.Token))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("papi: responses: reading header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	var problems []Problem
	find := func(name, role string) int {
		if name == "" {
			return -1
		}
		i, ok := col[name]
		if !ok {
			problems = append(problems, Problem{Row: 1, Column: name, Message: role + " column is missing"})
			return -1
		}
		return i
	}
	indCol := make([]int, len(fw.Indicators))
	for j, ind := range fw.Indicators {
		indCol[j] = find(ind, "indicator")
	}
	wCol, cCol, sCol := find(d.WeightColumn, "weight"), find(d.ClusterColumn, "cluster"), find(d.StratumColumn, "stratum")
	groupCol := make([]int, len(d.GroupColumns))
	for g, name := range d.GroupColumns {
		groupCol[g] = find(name, "group")
	}
	if len(problems) > 0 {
		return nil, refuse(problems)
	}

	r := &Responses{K: len(fw.Indicators), Groups: map[string][]string{}}
	if wCol >= 0 {
		r.Weights = []float64{}
	}
	clusterID, stratumID := map[string]int{}, map[string]int{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("papi: responses: %w", err)
		}
		cell := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		bad := func(column, format string, args ...any) {
			problems = append(problems, Problem{Row: row, Column: column, Message: fmt.Sprintf(format, args...)})
		}
		for j, c := range indCol {
			s := cell(c)
			if s == "" {
				r.Values = append(r.Values, math.NaN())
				continue
			}
			v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
			if err != nil || !(v >= 0 && v <= 1) { // !(…) also rejects NaN
				bad(fw.Indicators[j], "value %q is not a number in [0, 1]", s)
				v = math.NaN()
			}
			r.Values = append(r.Values, v)
		}
		if wCol >= 0 {
			w, err := strconv.ParseFloat(cell(wCol), 64)
			if err != nil || !(w >= 0) || math.IsInf(w, 0) {
				bad(d.WeightColumn, "weight %q is not a number ≥ 0", cell(wCol))
			}
			r.Weights = append(r.Weights, w)
		}
		// Without a cluster column each respondent is its own cluster (a simple
		// bootstrap); without a stratum column the sample is one stratum.
		cluster, stratum := "respondent "+strconv.Itoa(row), "all"
		if cCol >= 0 {
			if cluster = cell(cCol); cluster == "" {
				bad(d.ClusterColumn, "cluster is empty")
			}
		}
		if sCol >= 0 {
			if stratum = cell(sCol); stratum == "" {
				bad(d.StratumColumn, "stratum is empty")
			}
		}
		r.Cluster = append(r.Cluster, intern(cluster, clusterID, &r.ClusterNames))
		r.Stratum = append(r.Stratum, intern(stratum, stratumID, &r.StratumNames))
		for g, name := range d.GroupColumns {
			r.Groups[name] = append(r.Groups[name], cell(groupCol[g]))
		}
		if sCol >= 0 {
			r.Groups[d.StratumColumn] = append(r.Groups[d.StratumColumn], cell(sCol))
		}
		r.N++
	}
	if r.N == 0 {
		problems = append(problems, Problem{Row: 2, Message: "no respondents"})
	}
	problems = append(problems, r.linkClustersToStrata()...)
	if len(problems) > 0 {
		return nil, refuse(problems)
	}
	return r, nil
}

// intern maps a cluster or stratum value to a dense index.
func intern(v string, ids map[string]int, names *[]string) int {
	id, ok := ids[v]
	if !ok {
		id = len(*names)
		ids[v] = id
		*names = append(*names, v)
	}
	return id
}

// linkClustersToStrata fills ClusterStratum and reports a cluster that
// appears in two strata: resampling within strata needs each cluster in one.
func (r *Responses) linkClustersToStrata() []Problem {
	r.ClusterStratum = make([]int, len(r.ClusterNames))
	for c := range r.ClusterStratum {
		r.ClusterStratum[c] = -1
	}
	var problems []Problem
	for i, c := range r.Cluster {
		switch s := r.Stratum[i]; r.ClusterStratum[c] {
		case -1:
			r.ClusterStratum[c] = s
		case s:
		default:
			problems = append(problems, Problem{Row: i + 2, Message: fmt.Sprintf("cluster %q is in strata %q and %q; a cluster must lie in one stratum",
				r.ClusterNames[c], r.StratumNames[r.ClusterStratum[c]], r.StratumNames[s])})
			r.ClusterStratum[c] = s
		}
	}
	return problems
}
