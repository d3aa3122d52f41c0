package chart

import "math"

// niceStep rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten, the
// steps a reader can count in.
func niceStep(raw float64) float64 {
	if raw <= 0 || !finite(raw) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag*(1+1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// niceRange widens [lo, hi] to multiples of a nice step giving about n
// intervals, and returns the step. An empty range is opened around its value.
func niceRange(lo, hi float64, n int) (nlo, nhi, step float64) {
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		switch {
		case lo == 0:
			hi = 1
		case lo > 0:
			lo, hi = 0, lo
		default:
			hi = 0
		}
	}
	if !finite(hi - lo) {
		// Beyond float range (a corrupt row): two intervals, no rounding.
		return lo, hi, hi/2 - lo/2
	}
	step = niceStep((hi - lo) / float64(n))
	nlo = math.Floor(lo/step+1e-9) * step
	nhi = math.Ceil(hi/step-1e-9) * step
	return nlo, nhi, step
}

// fraction is where v lies between lo and hi, clamped to [0, 1]. It works on
// halves so that a span wider than the float range does not overflow.
func fraction(v, lo, hi float64) float64 {
	span := hi/2 - lo/2
	if span <= 0 || !finite(v) {
		return 0
	}
	f := (v/2 - lo/2) / span
	return math.Min(math.Max(f, 0), 1)
}

// ticks lists the multiples of step between lo and hi, both included.
func ticks(lo, hi, step float64) []float64 {
	if step <= 0 || !finite(step) || (hi-lo)/step > 100 {
		return []float64{lo, hi}
	}
	var out []float64
	first := math.Ceil(lo/step - 1e-9)
	for i := 0; i <= 100; i++ {
		v := (first + float64(i)) * step
		if v > hi+step*1e-6 {
			break
		}
		out = append(out, v)
	}
	return out
}
