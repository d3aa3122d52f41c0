//go:build !amd64

package papi

func tile(acc []float64, stride int, m, p []float64, n int) { tileGo(acc, stride, m, p, n) }
