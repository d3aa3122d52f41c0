package syncfile

import (
	"errors"
	"testing"
	"time"
)

// at reads "2006-01-02 15:04" in Vietnam time.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Location)
	if err != nil {
		panic(err)
	}
	return t
}

func ev(s Status, when string) Event { return Event{Status: s, At: at(when)} }

func TestEndOfProcessingFollowsTheTerminalPriority(t *testing.T) {
	for _, tc := range []struct {
		name     string
		events   []Event
		wantEnd  string
		wantStat Status
		wantOK   bool
	}{
		{"an open dossier has no end", []Event{ev(2, "2026-08-03 08:00"), ev(4, "2026-08-03 09:00")}, "", 0, false},
		{"resolved stops the clock before the return",
			[]Event{ev(2, "2026-08-03 08:00"), ev(9, "2026-08-10 10:00"), ev(10, "2026-08-12 15:00")}, "2026-08-10 10:00", 9, true},
		{"resolved wins over a return pushed with an earlier time",
			[]Event{ev(10, "2026-08-09 10:00"), ev(9, "2026-08-10 10:00")}, "2026-08-10 10:00", 9, true},
		{"a return without its resolution ends at the return",
			[]Event{ev(2, "2026-08-03 08:00"), ev(10, "2026-08-12 15:00")}, "2026-08-12 15:00", 10, true},
		{"refused at reception ends at the refusal", []Event{ev(1, "2026-08-01 21:00"), ev(3, "2026-08-03 08:00")}, "2026-08-03 08:00", 3, true},
		{"stopped ends at the stop", []Event{ev(2, "2026-08-03 08:00"), ev(5, "2026-08-04 08:00"), ev(8, "2026-09-04 08:00")}, "2026-09-04 08:00", 8, true},
		{"a withdrawal ends it", []Event{ev(2, "2026-08-03 08:00"), ev(7, "2026-08-05 11:00")}, "2026-08-05 11:00", 7, true},
		{"the first of two resolutions counts", []Event{ev(9, "2026-08-11 08:00"), ev(9, "2026-08-10 08:00")}, "2026-08-10 08:00", 9, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			end, st, ok := EndOfProcessing(Dossier{Events: tc.events})
			if ok != tc.wantOK || st != tc.wantStat {
				t.Fatalf("got (%v, %d, %v), want status %d ok %v", end, st, ok, tc.wantStat, tc.wantOK)
			}
			if ok && !end.Equal(at(tc.wantEnd)) {
				t.Fatalf("end = %v, want %s", end, tc.wantEnd)
			}
		})
	}
}

func TestCanTransitionFollowsTheOneStopFlow(t *testing.T) {
	for _, tc := range []struct {
		from, to Status
		want     bool
	}{
		{0, StatusSubmittedOnline, true},
		{0, StatusInProcess, false},
		{StatusSubmittedOnline, StatusReceived, true},
		{StatusReceived, StatusResolved, true},
		{StatusSupplementRequested, StatusInProcess, true},
		{StatusSupplementRequested, StatusResolved, false}, // the supplement must come back first
		{StatusResolved, StatusReturned, true},
		{StatusInProcess, StatusReturned, false}, // a result is returned only once resolved
		{StatusReturned, StatusInProcess, false},
		{StatusWithdrawn, StatusReceived, false},
		{StatusRefused, StatusReceived, false},
	} {
		if got := CanTransition(tc.from, tc.to); got != tc.want {
			t.Errorf("CanTransition(%d, %d) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestCheckHistoryOrdersEventsAndNamesTheImpossibleStep(t *testing.T) {
	ordered, err := CheckHistory([]Event{ev(9, "2026-08-10 10:00"), ev(2, "2026-08-03 08:00"), ev(4, "2026-08-03 09:00")})
	if err != nil {
		t.Fatalf("out-of-order but valid history: %v", err)
	}
	if ordered[0].Status != StatusReceived || ordered[2].Status != StatusResolved {
		t.Fatalf("not ordered by time: %+v", ordered)
	}
	_, err = CheckHistory([]Event{ev(2, "2026-08-03 08:00"), ev(10, "2026-08-04 08:00")})
	var te *TransitionError
	if !errors.As(err, &te) || te.From != StatusReceived || te.To != StatusReturned || te.Index != 1 {
		t.Fatalf("err = %v, want the step 2 → 10 at index 1", err)
	}
}

func TestStatusNamesAreVietnamese(t *testing.T) {
	if StatusResolved.String() != "Đã giải quyết xong" || Status(11).Valid() || ChannelOnline.String() != "Trực tuyến" {
		t.Fatal("status or channel names changed")
	}
}
