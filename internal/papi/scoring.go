package papi

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
)

// ScoreOptions chooses the estimate.
type ScoreOptions struct {
	Weighted   bool   // use Responses.Weights; false gives the unweighted estimate
	Replicates int    // cluster-bootstrap replicates B; 0 gives point estimates without intervals
	Seed       uint64 // the same seed and data give the same intervals, whatever the number of cores
	Workers    int    // goroutines for the bootstrap; 0 means GOMAXPROCS
}

// Estimate is a score with its 95% percentile interval (NaN without bootstrap).
type Estimate struct {
	Score, Low, High float64
}

// SubdimensionEstimate is a sub-dimension's score, in [1/m, 10/m].
type SubdimensionEstimate struct {
	Name string
	Estimate
	// NotEstimable: none of the respondents scored answered any of its
	// indicators; Score and the interval are NaN.
	NotEstimable bool
}

// DimensionEstimate is a dimension's score (1–10) and its sub-dimensions'.
type DimensionEstimate struct {
	Code string
	Estimate
	Subdimensions []SubdimensionEstimate
	// NotEstimable: one of its sub-dimensions is not estimable, so neither
	// is the dimension (Score and the interval are NaN).
	NotEstimable bool
}

// SurveyScore is a survey scored the PAPI way.
type SurveyScore struct {
	N          int // respondents scored
	Weighted   bool
	Total      Estimate // sum of the dimensions
	Dimensions []DimensionEstimate
	Replicates int
	// FixedStrata are strata with a single cluster. Resampling one cluster
	// "with replacement" would always draw it again, so such a stratum is held
	// fixed in every replicate: it adds nothing to the interval's width, which
	// is then too narrow if that stratum is in fact variable. They are listed so
	// that the report can say so.
	FixedStrata []string
	// UndefinedReplicates counts replicates in which some sub-dimension had no
	// answered indicator (all its respondents fell out of the resample); they
	// are left out of that sub-dimension's, its dimension's and the total's
	// percentiles.
	UndefinedReplicates int
	// Unanswered lists the sub-dimensions nobody scored answered. Only
	// ScoreByGroup scores around them (the dimensions holding them and the
	// total are marked not estimable); ScoreSurvey refuses such a sample.
	Unanswered []string
}

// ScoreSurvey scores responses with the PAPI conventions: an indicator's
// value is the (weighted) mean over the respondents who answered it; a
// sub-dimension's u is the mean of its indicators; in a dimension with m
// sub-dimensions each scores (1 + 9u)/m and the dimension is their sum (1–10);
// the total is the sum of the dimensions. With opt.Replicates > 0, 95%
// intervals come from a cluster bootstrap (see bootstrap.go).
func ScoreSurvey(fw ScoringFramework, r *Responses, opt ScoreOptions) (SurveyScore, error) {
	return scoreRespondents(fw, r, nil, opt, false)
}

// scoreRespondents scores the respondents listed in only (all when nil). A
// subset keeps every cluster of the design, with empty clusters contributing
// nothing: a group is a domain of the whole sample, and its bootstrap must
// resample the whole design so that the number of the group's respondents
// varies between replicates as it would between surveys.
//
// A sub-dimension nobody answered is an error unless partial is set; then
// that sub-dimension, its dimension and the total are marked not estimable
// (NaN) and the other dimensions are scored as usual.
func scoreRespondents(fw ScoringFramework, r *Responses, only []int, opt ScoreOptions, partial bool) (SurveyScore, error) {
	if r.K != len(fw.Indicators) {
		return SurveyScore{}, fmt.Errorf("papi: responses have %d indicators, the framework %d", r.K, len(fw.Indicators))
	}
	if opt.Weighted && r.Weights == nil {
		return SurveyScore{}, fmt.Errorf("papi: a weighted estimate needs weights (a weight column or PostStratify)")
	}
	if opt.Replicates < 0 {
		return SurveyScore{}, fmt.Errorf("papi: %d bootstrap replicates", opt.Replicates)
	}
	cs := sumClusters(r, only, opt.Weighted)
	point := make([]float64, fw.stats())
	total := make([]float64, 2*r.K)
	for c := range len(r.ClusterNames) {
		addRow(total, cs[c*2*r.K:(c+1)*2*r.K])
	}
	scratch := make([]float64, 2*len(fw.Subdimensions))
	fw.scoreSums(total[:r.K], total[r.K:], point, scratch[:len(fw.Subdimensions)], scratch[len(fw.Subdimensions):])
	var unanswered []bool // per sub-dimension; nil when every one was answered
	for s, v := range point[:len(fw.Subdimensions)] {
		if !math.IsNaN(v) {
			continue
		}
		if !partial {
			return SurveyScore{}, fmt.Errorf("papi: sub-dimension %q has no answered indicator (every weight is 0 or every value empty)", fw.Subdimensions[s])
		}
		if unanswered == nil {
			unanswered = make([]bool, len(fw.Subdimensions))
		}
		unanswered[s] = true
	}

	n := r.N
	if only != nil {
		n = len(only)
	}
	out := SurveyScore{N: n, Weighted: opt.Weighted, Replicates: opt.Replicates}
	low, high := make([]float64, len(point)), make([]float64, len(point))
	for i := range low {
		low[i], high[i] = math.NaN(), math.NaN()
	}
	if opt.Replicates > 0 {
		bs := bootstrap(fw, cs, r, opt, unanswered)
		low, high = bs.low, bs.high
		out.UndefinedReplicates = bs.undefined
		for _, s := range bs.fixed {
			out.FixedStrata = append(out.FixedStrata, r.StratumNames[s])
		}
	}
	est := func(i int) Estimate { return Estimate{point[i], low[i], high[i]} }
	nSub := len(fw.Subdimensions)
	for d, code := range fw.Dimensions {
		de := DimensionEstimate{Code: code, Estimate: est(nSub + d)}
		for s, name := range fw.Subdimensions {
			if fw.subDimension[s] == d {
				missing := unanswered != nil && unanswered[s]
				de.Subdimensions = append(de.Subdimensions, SubdimensionEstimate{Name: name, Estimate: est(s), NotEstimable: missing})
				de.NotEstimable = de.NotEstimable || missing
			}
		}
		out.Dimensions = append(out.Dimensions, de)
	}
	for s, missing := range unanswered {
		if missing {
			out.Unanswered = append(out.Unanswered, fw.Subdimensions[s])
		}
	}
	out.Total = est(len(point) - 1)
	return out, nil
}

// sumClusters computes, once, each cluster's weighted sum and weight total
// per indicator over the respondents who answered: cluster c's 2K numbers sit
// at [2Kc, 2K(c+1)), sums first, weights after. Every estimate, the point one
// and each bootstrap replicate, is a ratio of sums of these rows, so a
// replicate costs O(clusters × K) instead of O(respondents × K).
//
// The indicators are shared out among the processors, each summing its own
// columns over every respondent: every number is then added in the same
// order whatever the number of processors, so the result is the same bits.
func sumClusters(r *Responses, only []int, weighted bool) []float64 {
	k := r.K
	cs := make([]float64, len(r.ClusterNames)*2*k)
	add := func(i, lo, hi int) {
		w := 1.0
		if weighted {
			w = r.Weights[i]
		}
		dst := cs[r.Cluster[i]*2*k : (r.Cluster[i]+1)*2*k]
		addAnswered(dst[lo:hi:hi], dst[k+lo:k+hi], r.Values[i*k+lo:i*k+hi], w)
	}
	parts := min(runtime.GOMAXPROCS(0), max(k/16, 1))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := k*p/parts, k*(p+1)/parts
		wg.Go(func() {
			if only == nil {
				for i := range r.N {
					add(i, lo, hi)
				}
			} else {
				for _, i := range only {
					add(i, lo, hi)
				}
			}
		})
	}
	wg.Wait()
	return cs
}

// addRow adds src to dst element by element.
// Four independent additions a step let the CPU overlap them (Go does not
// vectorise), and the reslices drop the bounds checks.
func addRow(dst, src []float64) {
	src = src[:len(dst)]
	j := 0
	for ; j+4 <= len(dst); j += 4 {
		d, s := dst[j:j+4:j+4], src[j:j+4:j+4]
		d[0] += s[0]
		d[1] += s[1]
		d[2] += s[2]
		d[3] += s[3]
	}
	for ; j < len(dst); j++ {
		dst[j] += src[j]
	}
}

// percentile of sorted values by linear interpolation between order
// statistics (Hyndman–Fan type 7, the default of R and numpy).
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	h := p * float64(len(sorted)-1)
	lo := int(h)
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func sortedFinite(values []float64) []float64 {
	out := values[:0]
	for _, v := range values {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}
