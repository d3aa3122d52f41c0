package papi

// addAnsweredGo adds one respondent's row to its cluster's sums: for every
// answered indicator j (row[j] not NaN), sums[j] += w·row[j] and
// weights[j] += w. It is the portable path and the reference for the
// vector one, which adds w·0 = +0 for an unanswered indicator instead of
// branching: the same bits, since the sums start at +0 and only grow.
func addAnsweredGo(sums, weights, row []float64, w float64) {
	sums, weights = sums[:len(row)], weights[:len(row)]
	for j, v := range row {
		if v == v { // not NaN: answered
			sums[j] += w * v
			weights[j] += w
		}
	}
}
