//go:build !amd64

package papi

func axpy(dst, src []float64, a float64) { axpyGo(dst, src, a) }
