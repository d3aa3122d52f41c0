package papi

//go:noescape
func addAnsweredAVX2(sums, weights, row *float64, n int, w float64)

// addAnswered is addAnsweredGo, four indicators a step on AVX2: summing the
// clusters reads the whole N×K table, 2.4 million values for 20,000
// respondents, and a branch per value cost more than the rest of the step.
func addAnswered(sums, weights, row []float64, w float64) {
	n := len(row) &^ 3
	if hasAVX2FMA && n > 0 {
		sums, weights = sums[:len(row)], weights[:len(row)]
		addAnsweredAVX2(&sums[0], &weights[0], &row[0], n, w)
		sums, weights, row = sums[n:], weights[n:], row[n:]
	}
	addAnsweredGo(sums, weights, row, w)
}
