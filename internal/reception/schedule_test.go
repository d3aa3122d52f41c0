package reception

import (
	"context"
	"slices"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/web"
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

func TestASessionNamesItsLeadersAccountAndTheLeaderSeesTheirOwn(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	head, officer := f.user("giamdoc"), f.user("chuyenvien")
	session := func(host int64, day string) Session {
		return Session{UnitID: f.unit.ID, On: on(day), Part: Morning, Host: "Nguyễn Văn Hùng", HostTitle: "Giám đốc Sở", HostID: host,
			Head: true, Place: "Phòng tiếp công dân"}
	}
	for _, day := range []string{"2026-03-16", "2026-04-15", "2026-07-15"} {
		if _, err := f.s.AddSession(ctx, audit.CLI(), session(head.ID, day)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.AddSession(ctx, audit.CLI(), session(0, "2026-03-20")); err != nil { // a session named only in words
		t.Fatal(err)
	}
	_, err := f.s.AddSession(ctx, audit.CLI(), session(officer.ID, "2026-03-25"))
	if fe, _ := web.AsValidation(err); fe["host_id"] != "reception.host_id.invalid" {
		t.Fatalf("an officer named as the receiving leader: %v", err)
	}
	mine, err := f.s.HostSessions(ctx, head.ID, on("2026-03-10"), on("2026-06-08"))
	if err != nil {
		t.Fatal(err)
	}
	if got := days(sessionDays(mine)); !slices.Equal(got, []string{"2026-03-16", "2026-04-15"}) {
		t.Fatalf("the head's sessions = %v", got)
	}
	if other, err := f.s.HostSessions(ctx, officer.ID, on("2026-01-01"), on("2026-12-31")); err != nil || len(other) != 0 {
		t.Fatalf("the officer's sessions = %v %v", other, err)
	}
	all, err := f.s.Sessions(ctx, f.unit.Path, on("2026-03-01"), on("2026-03-31"))
	if err != nil || len(all) != 2 || all[0].HostID != head.ID || all[1].HostID != 0 {
		t.Fatalf("the unit's March: %+v %v", all, err)
	}
}

func sessionDays(ss []Session) []time.Time {
	out := make([]time.Time, len(ss))
	for i, s := range ss {
		out[i] = s.On
	}
	return out
}
