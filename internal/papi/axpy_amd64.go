package papi

import "golang.org/x/sys/cpu"

// hasAVX2FMA says the processor can run axpyAVX2.
var hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func axpyAVX2(dst, src *float64, n int, a float64)

// axpy adds a·src to dst element by element: the hot spot of the bootstrap
// (a is a cluster's multiplicity in a replicate). With AVX2 it runs four
// lanes at a time in assembly; the rest, and other processors, take the
// fused multiply-add of math.FMA, which rounds exactly as the vector
// instruction does, so both paths give the same bits.
func axpy(dst, src []float64, a float64) {
	src = src[:len(dst)]
	n := 0
	if hasAVX2FMA && len(dst) >= 4 {
		n = len(dst) &^ 3
		axpyAVX2(&dst[0], &src[0], n, a)
	}
	axpyGo(dst[n:], src[n:], a)
}
