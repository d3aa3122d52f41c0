//go:build !amd64

package papi

func addAnswered(sums, weights, row []float64, w float64) { addAnsweredGo(sums, weights, row, w) }
