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
	step = niceStep((hi - lo) / float64(n))
	nlo = math.Floor(lo/step+1e-9) * step
	nhi = math.Ceil(hi/step-1e-9) * step
	return nlo, nhi, step
}

// ticks lists the multiples of step between lo and hi, both included.
func ticks(lo, hi, step float64) []float64 {
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
