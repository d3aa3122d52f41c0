package inspection

import (
	"testing"
	"time"

	"papihub/internal/platform/web"
)

// on reads a yyyy-mm-dd day.
func on(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, Day(2000, 1, 1).Location())
	if err != nil {
		panic(err)
	}
	return t
}

func conclusion(issued, received, directive string) Conclusion {
	c := Conclusion{IssuedOn: on(issued)}
	if received != "" {
		c.ReceivedOn = on(received)
	}
	if directive != "" {
		c.DirectiveOn = on(directive)
	}
	return c
}

func TestTheHeadsDirectiveIsDueFifteenDaysAfterReceipt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		c     Conclusion
		today string
		due   string
		want  DirectiveState
	}{
		{"received 01/07, the 15 days end on 16/07", conclusion("2025-06-28", "2025-07-01", ""), "2025-07-16", "2025-07-16", DirectiveWaiting},
		{"no directive on 17/07 is overdue", conclusion("2025-06-28", "2025-07-01", ""), "2025-07-17", "2025-07-16", DirectiveOverdue},
		{"without a receipt day the clock runs from the issue day", conclusion("2025-06-28", "", ""), "2025-07-14", "2025-07-13", DirectiveOverdue},
		{"issued on the last day is on time", conclusion("2025-06-28", "2025-07-01", "2025-07-16"), "2025-09-01", "2025-07-16", DirectiveOnTime},
		{"issued a day after is late, for ever", conclusion("2025-06-28", "2025-07-01", "2025-07-17"), "2025-09-01", "2025-07-16", DirectiveLate},
		{"the clock crosses a month and a year", conclusion("2025-12-20", "2025-12-24", ""), "2026-01-08", "2026-01-08", DirectiveWaiting},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DirectiveDue(tc.c.Received()); !got.Equal(on(tc.due)) {
				t.Errorf("DirectiveDue = %s, want %s", got.Format("2006-01-02"), tc.due)
			}
			if got := tc.c.DirectiveStateOn(on(tc.today)); got != tc.want {
				t.Errorf("DirectiveStateOn(%s) = %s, want %s", tc.today, got, tc.want)
			}
		})
	}
}

func rec(deadline string, p Progress, done string) Recommendation {
	r := Recommendation{Deadline: on(deadline), Progress: p}
	if done != "" {
		r.DoneOn = on(done)
	}
	return r
}

func TestEachRecommendationRunsOnItsOwnDeadline(t *testing.T) {
	for _, tc := range []struct {
		name     string
		r        Recommendation
		today    string
		want     Status
		late     bool
		daysOver int
		strict   bool
	}{
		{"not started before the deadline", rec("2025-09-30", NotStarted, ""), "2025-09-01", StatusNotStarted, false, 0, false},
		{"the deadline day itself is in time", rec("2025-09-30", InProgress, ""), "2025-09-30", StatusInProgress, false, 0, false},
		{"the day after, in progress is overdue", rec("2025-09-30", InProgress, ""), "2025-10-01", StatusOverdue, false, 1, true},
		{"partly done stays open and falls overdue", rec("2025-09-30", PartlyDone, ""), "2025-10-31", StatusOverdue, false, 31, true},
		{"not started, a year over", rec("2024-09-30", NotStarted, ""), "2025-09-30", StatusOverdue, false, 365, true},
		{"done in time is done", rec("2025-09-30", Done, "2025-09-30"), "2026-01-01", StatusDone, false, 0, false},
		{"done after the deadline is done but late", rec("2025-09-30", Done, "2025-10-10"), "2026-01-01", StatusDone, true, 10, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			today := on(tc.today)
			if got := tc.r.StatusOn(today); got != tc.want {
				t.Errorf("StatusOn = %s, want %s", got, tc.want)
			}
			if got := tc.r.Late(); got != tc.late {
				t.Errorf("Late = %v, want %v", got, tc.late)
			}
			if got := tc.r.DaysOver(today); got != tc.daysOver {
				t.Errorf("DaysOver = %d, want %d", got, tc.daysOver)
			}
			if got := tc.r.Strict(today); got != tc.strict {
				t.Errorf("Strict = %v, want %v", got, tc.strict)
			}
		})
	}
}

func TestRemindersComeBeforeTheDeadlineAndKeepComingAfter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		r     Recommendation
		today string
		days  int
		want  bool
	}{
		{"eight days ahead with a week's window: not yet", rec("2025-09-30", InProgress, ""), "2025-09-22", 7, false},
		{"seven days ahead: reminded", rec("2025-09-30", InProgress, ""), "2025-09-23", 7, true},
		{"overdue: reminded every day", rec("2025-09-30", NotStarted, ""), "2025-12-01", 7, true},
		{"done: never", rec("2025-09-30", Done, "2025-09-29"), "2025-09-25", 7, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.Remind(on(tc.today), tc.days); got != tc.want {
				t.Errorf("Remind = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestARecommendationOfTheSameKindForTheSameUnitInAnEarlierConclusionIsARepeat(t *testing.T) {
	const office, finance = 10, 20
	recs := []Prior{
		{ID: 1, ConclusionID: 100, ResponsibleID: office, Kind: Recover, IssuedOn: on("2023-05-10")},
		{ID: 2, ConclusionID: 100, ResponsibleID: office, Kind: Discipline, IssuedOn: on("2023-05-10")},
		// Same conclusion, same kind and unit: two items, not a repeat.
		{ID: 3, ConclusionID: 100, ResponsibleID: office, Kind: Recover, IssuedOn: on("2023-05-10")},
		// Two years later, recover again for the office: a repeat of 3 (the
		// latest earlier one).
		{ID: 4, ConclusionID: 200, ResponsibleID: office, Kind: Recover, IssuedOn: on("2025-06-01")},
		// Another unit, same kind: not a repeat.
		{ID: 5, ConclusionID: 200, ResponsibleID: finance, Kind: Recover, IssuedOn: on("2025-06-01")},
		// Same unit, a kind not seen before: not a repeat.
		{ID: 6, ConclusionID: 200, ResponsibleID: office, Kind: Policy, IssuedOn: on("2025-06-01")},
		// Another conclusion on the same day: not earlier, so not a repeat.
		{ID: 7, ConclusionID: 300, ResponsibleID: finance, Kind: Recover, IssuedOn: on("2025-06-01")},
		// A third time: repeats the 2025 one.
		{ID: 8, ConclusionID: 400, ResponsibleID: office, Kind: Recover, IssuedOn: on("2026-01-15")},
	}
	want := map[int64]int64{4: 3, 8: 4}
	got := Repeats(recs)
	if len(got) != len(want) {
		t.Fatalf("Repeats = %v, want %v", got, want)
	}
	for id, of := range want {
		if got[id] != of {
			t.Errorf("%d repeats %d, want %d", id, got[id], of)
		}
	}
}

func TestTheShareRecoveredNeedsSomethingDue(t *testing.T) {
	if s, ok := RecoveredShare(1_250_000_000, 500_000_000); !ok || s != 0.4 {
		t.Errorf("share = %v, %v; want 0.4", s, ok)
	}
	if _, ok := RecoveredShare(0, 0); ok {
		t.Error("a share of nothing due")
	}
}

func TestEveryFieldErrorReadsInVietnameseAndEnglish(t *testing.T) {
	c := Conclusion{Recommendations: []Recommendation{{Kind: "x", AmountDue: -1, AmountRecovered: -1, People: -1, Progress: Done}}, DirectiveNumber: "1"}
	errs := c.Validate(on("2025-09-15"))
	r := Recommendation{Kind: Recover, Deadline: on("2025-01-01"), AmountDue: 5, AmountRecovered: 6}
	for f, k := range r.Validate(on("2025-02-01"), on("2025-09-15")) {
		errs.Add("x"+f, k)
	}
	k := Check{PlannedFrom: on("2025-02-01"), PlannedTo: on("2025-01-01")}
	for f, key := range k.Validate(on("2025-09-15")) {
		errs.Add("k"+f, key)
	}
	if len(errs) < 15 {
		t.Fatalf("only %d errors: %v", len(errs), errs)
	}
	for field, key := range errs {
		for _, lang := range []string{"vi", "en"} {
			if got := web.T(lang, key); got == key || got == "" {
				t.Errorf("%s: %s has no %s message", field, key, lang)
			}
		}
	}
}
