package reception

import (
	"slices"
	"testing"
	"time"
)

func days(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Format(time.DateOnly)
	}
	return out
}

func TestTheMonthlyRuleMovesToTheNextWorkingDay(t *testing.T) {
	for _, tc := range []struct {
		name     string
		dom      int
		from, to string
		want     []string
	}{
		// 15/02/2026 is a Sunday before Tết: Monday 16 to Friday 20 are
		// off, so the session is on Monday 23. 15/03 is a Sunday too.
		{"the 15th from January to April 2026", 15, "2026-01-01", "2026-04-30", []string{"2026-01-15", "2026-02-23", "2026-03-16", "2026-04-15"}},
		// 30/04 is a holiday, 01/05 too, then a weekend.
		{"the 30th in April and in February", 30, "2026-02-01", "2026-04-30", []string{"2026-03-02", "2026-03-30", "2026-05-04"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := days(MonthlyOn(tc.dom, on(tc.from), on(tc.to), cal2026)); !slices.Equal(got, tc.want) {
				t.Fatalf("MonthlyOn = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAMonthWithoutTheHeadIsFlagged(t *testing.T) {
	sessions := []Session{
		{On: on("2026-07-15"), Head: true},
		{On: on("2026-08-14"), Head: false}, // a deputy receives
		{On: on("2026-09-30"), Head: true},
	}
	got := days(MonthsWithoutHead(sessions, on("2026-07-01"), on("2026-09-30")))
	if want := []string{"2026-08-01"}; !slices.Equal(got, want) {
		t.Fatalf("MonthsWithoutHead = %v, want %v", got, want)
	}
}
