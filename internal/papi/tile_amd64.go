package papi

import "golang.org/x/sys/cpu"

// hasAVX2FMA says the processor can run tileAVX2.
var hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func tileAVX2(acc *float64, stride int, m, p *float64, n int)

func tile(acc []float64, stride int, m, p []float64, n int) {
	if hasAVX2FMA && n > 0 {
		tileAVX2(&acc[0], stride, &m[0], &p[0], n)
		return
	}
	tileGo(acc, stride, m, p, n)
}
