package papi

import (
	"slices"
)

// competitionRank returns the rank of v among values, higher is better, in
// standard competition ranking ("1224"): tied values share the best rank of
// their group and the next value skips the places they took, as newspapers and
// the PAPI reports count (two provinces tied second, the next is fourth).
// Ties are exact equality: the published files carry six or more decimals, so
// provinces equal to the displayed two decimals are still told apart.
func competitionRank(values []float64, v float64) int {
	rank := 1
	for _, x := range values {
		if x > v {
			rank++
		}
	}
	return rank
}

// median of values, which it sorts: with an even count, the mean of the two
// middle values. ok is false for no values.
func median(values []float64) (m float64, ok bool) {
	n := len(values)
	if n == 0 {
		return 0, false
	}
	slices.Sort(values)
	if n%2 == 1 {
		return values[n/2], true
	}
	return (values[n/2-1] + values[n/2]) / 2, true
}
