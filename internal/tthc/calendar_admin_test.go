package tthc

import (
	"context"
	"errors"
	"strings"
	"testing"

	"papihub/internal/audit"
)

// One dossier received on Monday 03/08/2026, no appointment, 5 working days:
// due Monday 10/08, resolved on Tuesday 11/08, so late. A holiday on
// Wednesday 05/08 moves the due day to 11/08 and makes it on time. The second
// dossier, received in September, is outside the changed day's window.
const calendarDossiers = header +
	"000.07.00.H33-260803-0001,1.000001,20260803090000,,9,20260811100000,,1,,,\n" +
	"000.07.00.H33-260901-0001,1.000001,20260901090000,,9,20260903100000,,1,,,\n"

func sumMonthly(t *testing.T, s *Store, col string) int {
	return count(t, s, "SELECT COALESCE(SUM("+col+"), 0) FROM tthc_monthly WHERE month = '2026-08'")
}

func TestAnAddedHolidayMovesTheDueDayFlipsTheVerdictAndTheCountsFollow(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, calendarDossiers, false)
	d, _ := s.Dossier(ctx, "000.07.00.H33-260803-0001")
	if d.Verdict != Late || DayOf(d.DueDay) != DateDay(2026, 8, 10) {
		t.Fatalf("before: %v due %s, want late due 2026-08-10", d.Verdict, DayOf(d.DueDay))
	}
	if sumMonthly(t, s, "handled_late") != 1 || sumMonthly(t, s, "handled_on_time") != 0 {
		t.Fatal("before: the monthly counts do not show one late dossier")
	}
	original := aggregateState(t, s)
	u := unitOf(t, s, demoAgency)
	p, _ := ParsePeriod("2026-08")
	rep, err := s.Index(ctx, u, p, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := resultOf(rep.Result, "PROGRESS_ON_TIME"); r.Num != 0 || r.Den != 1 {
		t.Fatalf("index on time %d/%d before the edit, want 0/1", r.Num, r.Den)
	}

	ch, err := s.SetCalendarDay(ctx, audit.CLI(), CalendarEntry{Day: DateDay(2026, 8, 5), Kind: Holiday, Name: "Nghỉ đột xuất"})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Added != 1 || ch.Rejudged != 1 {
		t.Fatalf("change %+v, want one day added and one dossier re-judged", ch)
	}
	d, _ = s.Dossier(ctx, "000.07.00.H33-260803-0001")
	if d.Verdict != OnTime || DayOf(d.DueDay) != DateDay(2026, 8, 11) {
		t.Fatalf("after: %v due %s, want on time due 2026-08-11", d.Verdict, DayOf(d.DueDay))
	}
	if sumMonthly(t, s, "handled_late") != 0 || sumMonthly(t, s, "handled_on_time") != 1 {
		t.Fatal("after: the monthly counts did not follow")
	}
	rep, err = s.Index(ctx, u, p, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := resultOf(rep.Result, "PROGRESS_ON_TIME"); r.Num != 1 || r.Den != 1 {
		t.Fatalf("index on time %d/%d after the edit, want 1/1", r.Num, r.Den)
	}
	if count(t, s, "SELECT COUNT(*) FROM audit_log WHERE entity = 'tthc_calendar'") != 1 {
		t.Fatal("want one audit entry for the edit")
	}

	// The same as a database where the holiday was there before the import.
	fresh := newStore(t)
	withProcedure(t, fresh, "1.000001", 5)
	if _, err := fresh.SetCalendarDay(ctx, audit.CLI(), CalendarEntry{Day: DateDay(2026, 8, 5), Kind: Holiday, Name: "Nghỉ đột xuất"}); err != nil {
		t.Fatal(err)
	}
	importCSV(t, fresh, calendarDossiers, false)
	if aggregateState(t, s) != aggregateState(t, fresh) {
		t.Fatal("aggregates after the edit differ from a fresh import with the holiday")
	}

	// Removing it again restores the verdict and the counts.
	if _, err := s.RemoveCalendarDay(ctx, audit.CLI(), DateDay(2026, 8, 5)); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Dossier(ctx, "000.07.00.H33-260803-0001")
	if d.Verdict != Late || aggregateState(t, s) != original {
		t.Fatalf("after removal: %v, aggregates restored %v", d.Verdict, aggregateState(t, s) == original)
	}
}

func TestTheFirstEditOfAYearCopiesItsSeedAndLeavesTheOtherYears(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	seed26, _ := s.CalendarYear(ctx, 2026)
	seed25, _ := s.CalendarYear(ctx, 2025)
	if seed26.Edited || len(seed26.Entries) == 0 {
		t.Fatalf("2026 before any edit: %+v", seed26)
	}
	// Remove a seed day of 2026: the year is taken over without it.
	if _, err := s.RemoveCalendarDay(ctx, audit.CLI(), DateDay(2026, 9, 1)); err != nil {
		t.Fatal(err)
	}
	y26, _ := s.CalendarYear(ctx, 2026)
	if !y26.Edited || len(y26.Entries) != len(seed26.Entries)-1 {
		t.Fatalf("2026 after removing one seed day: %d entries, want %d", len(y26.Entries), len(seed26.Entries)-1)
	}
	cal, _ := s.Calendar(ctx)
	if !cal.IsWorkingDay(DateDay(2026, 9, 1)) || cal.IsWorkingDay(DateDay(2026, 9, 2)) || cal.IsWorkingDay(DateDay(2025, 9, 2)) {
		t.Fatal("the calendar does not apply the removal, or lost the other seed days")
	}
	y25, _ := s.CalendarYear(ctx, 2025)
	if y25.Edited || len(y25.Entries) != len(seed25.Entries) {
		t.Fatal("2025 changed by an edit of 2026")
	}
	// A swap working day on a Saturday, then its label edited.
	sat := DateDay(2026, 8, 8)
	if _, err := s.SetCalendarDay(ctx, audit.CLI(), CalendarEntry{Day: sat, Kind: WorkingDay, Name: "Làm bù"}); err != nil {
		t.Fatal(err)
	}
	ch, err := s.SetCalendarDay(ctx, audit.CLI(), CalendarEntry{Day: sat, Kind: WorkingDay, Name: "Làm bù cho thứ Hai 31/8"})
	if err != nil || ch.Changed != 1 {
		t.Fatalf("edit label: %+v %v", ch, err)
	}
	if cal, _ := s.Calendar(ctx); !cal.IsWorkingDay(sat) {
		t.Fatal("the swap Saturday is not a working day")
	}
}

func TestBadCalendarEntriesAreRefusedWithTheirField(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for _, c := range []struct {
		name  string
		e     CalendarEntry
		field string
		key   string
	}{
		{"a Saturday as a holiday", CalendarEntry{Day: DateDay(2026, 8, 8), Kind: Holiday, Name: "x"}, "date", "tthc.calendar.holiday.weekend"},
		{"a Wednesday as a swap day", CalendarEntry{Day: DateDay(2026, 8, 5), Kind: WorkingDay, Name: "x"}, "date", "tthc.calendar.workday.weekday"},
		{"no label", CalendarEntry{Day: DateDay(2026, 8, 5), Kind: Holiday, Name: "  "}, "label", "tthc.calendar.label.required"},
		{"year out of range", CalendarEntry{Day: DateDay(1999, 8, 5), Kind: Holiday, Name: "x"}, "date", "tthc.calendar.date.range"},
	} {
		_, err := s.SetCalendarDay(ctx, audit.CLI(), c.e)
		var fe *CalendarFieldError
		if !errors.As(err, &fe) || fe.Field != c.field || fe.Key != c.key {
			t.Errorf("%s: %v, want %s %s", c.name, err, c.field, c.key)
		}
	}
	if _, err := s.RemoveCalendarDay(ctx, audit.CLI(), DateDay(2026, 8, 5)); err == nil {
		t.Error("removing an ordinary day: no error")
	}
	_, err := s.ImportCalendar(ctx, audit.CLI(), strings.NewReader("# comment\ndate,kind,name\n2026-08-05,holiday,Nghỉ\n2026-08-09,holiday,Chủ nhật\n"))
	var fe *CalendarFieldError
	if !errors.As(err, &fe) || fe.Line != 4 || fe.Key != "tthc.calendar.holiday.weekend" {
		t.Fatalf("import with a bad row: %v", err)
	}
	if y, _ := s.CalendarYear(ctx, 2026); y.Edited {
		t.Fatal("a refused file changed the calendar")
	}
	ch, err := s.ImportCalendar(ctx, audit.CLI(), strings.NewReader("date,kind,name\n2026-08-05,holiday,Nghỉ\n2026-08-08,workday,Làm bù\n"))
	if err != nil || ch.Added != 2 {
		t.Fatalf("import: %+v %v", ch, err)
	}
	if !strings.Contains((&CalendarFieldError{Field: "date", Key: "tthc.calendar.workday.weekday"}).Error(), "thứ Bảy") {
		t.Error("the message is not the Vietnamese text")
	}
}
