package plan

import "testing"

// The report's share of tasks done is a percentage of the tasks, by hand:
// 1 of 2 is 50%, not 0,5%.
func TestTheReportsShareDoneIsAPercentage(t *testing.T) {
	for _, tc := range []struct {
		n, of int
		want  string
	}{
		{1, 2, "50,0%"},
		{2, 3, "66,7%"},
		{7, 7, "100,0%"},
		{0, 5, "0,0%"},
		{0, 0, "—"},
	} {
		if got := pct(tc.n, tc.of); got != tc.want {
			t.Errorf("pct(%d, %d) = %q, want %q", tc.n, tc.of, got, tc.want)
		}
	}
}
