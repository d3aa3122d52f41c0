package plan

import (
	"testing"
	"time"
)

func TestCanTransitionFollowsTheReviewWorkflow(t *testing.T) {
	for _, tc := range []struct {
		from, to Status
		want     bool
	}{
		{NotStarted, InProgress, true},
		{NotStarted, Submitted, true},
		{InProgress, Submitted, true},
		{Submitted, Accepted, true},
		{Submitted, Returned, true},
		{Returned, InProgress, true},
		{Returned, Submitted, true},
		{InProgress, Cancelled, true},
		{NotStarted, Accepted, false}, // only submitted work is reviewed
		{InProgress, Returned, false},
		{Accepted, Returned, false}, // accepted is final
		{Cancelled, InProgress, false},
		{Submitted, NotStarted, false},
		{Submitted, Submitted, false},
	} {
		if got := CanTransition(tc.from, tc.to); got != tc.want {
			t.Errorf("CanTransition(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
}

// due builds an instance due on the day with the status, submitted on the
// optional day.
func due(t *testing.T, d string, s Status, submitted ...string) Instance {
	in := Instance{Due: day(t, d), Status: s}
	if len(submitted) > 0 {
		in.SubmittedOn = day(t, submitted[0])
	}
	return in
}

func TestOverdueIsDerivedFromTheDueDayAndTheStatus(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	for _, tc := range []struct {
		name  string
		inst  Instance
		today time.Time
		want  bool
	}{
		{"not started, on the due day", due(t, "2026-09-30", NotStarted), day(t, "2026-09-30"), false},
		{"not started, the day after", due(t, "2026-09-30", NotStarted), day(t, "2026-10-01"), true},
		{"in progress, late evening of the due day in Hanoi", due(t, "2026-09-30", InProgress), time.Date(2026, 9, 30, 23, 30, 0, 0, hcm), false},
		{"in progress, past due", due(t, "2026-09-30", InProgress), day(t, "2026-12-01"), true},
		{"submitted before the due day, awaiting review", due(t, "2026-09-30", Submitted, "2026-09-28"), day(t, "2026-10-10"), false},
		{"submitted on the due day", due(t, "2026-09-30", Submitted, "2026-09-30"), day(t, "2026-10-10"), false},
		{"submitted after the due day stays overdue until accepted", due(t, "2026-09-30", Submitted, "2026-10-02"), day(t, "2026-10-10"), true},
		{"returned and past due", due(t, "2026-09-30", Returned, "2026-09-20"), day(t, "2026-10-01"), true},
		{"accepted late is no longer overdue", due(t, "2026-09-30", Accepted, "2026-10-05"), day(t, "2026-11-01"), false},
		{"cancelled", due(t, "2026-09-30", Cancelled), day(t, "2026-11-01"), false},
		{"leap day due, checked on 1 March", due(t, "2028-02-29", NotStarted), day(t, "2028-03-01"), true},
	} {
		if got := Overdue(tc.inst, tc.today); got != tc.want {
			t.Errorf("%s: Overdue = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDueSoonCoversTodayUpToTheHorizon(t *testing.T) {
	for _, tc := range []struct {
		name  string
		inst  Instance
		today string
		days  int
		want  bool
	}{
		{"due today", due(t, "2026-09-30", NotStarted), "2026-09-30", 0, true},
		{"due in 7 days, horizon 7", due(t, "2026-10-07", InProgress), "2026-09-30", 7, true},
		{"due in 8 days, horizon 7", due(t, "2026-10-08", InProgress), "2026-09-30", 7, false},
		{"already overdue is not due soon", due(t, "2026-09-29", NotStarted), "2026-09-30", 7, false},
		{"returned work due tomorrow", due(t, "2026-10-01", Returned), "2026-09-30", 3, true},
		{"submitted work waits on the reviewer", due(t, "2026-10-01", Submitted, "2026-09-29"), "2026-09-30", 3, false},
		{"accepted", due(t, "2026-10-01", Accepted), "2026-09-30", 3, false},
		{"across the year end", due(t, "2027-01-02", NotStarted), "2026-12-30", 3, true},
	} {
		if got := DueSoon(tc.inst, day(t, tc.today), tc.days); got != tc.want {
			t.Errorf("%s: DueSoon = %v, want %v", tc.name, got, tc.want)
		}
	}
}
