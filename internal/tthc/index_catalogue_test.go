package tthc

import (
	"context"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// The index keeps its reading of a subtree's catalogue until a procedure
// or a unit changes, in any process: a procedure edited, or a unit moved
// with its procedures to another subtree, is read at once.
func TestTheIndexReadsTheCatalogueAgainWhenAProcedureOrAUnitChanges(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p := withProcedure(t, s, "1.000001", 5)
	withProcedure(t, s, "1.000002", 7)
	province, other := unitOf(t, s, org.DemoProvinceCode), unitOf(t, s, "000.01.00.H33")
	period, _ := ParsePeriod("2026-05")
	read := func(u UnitInfo) []Procedure {
		t.Helper()
		in, err := s.indexInputs(ctx, u, period, false)
		if err != nil || len(in.keys) != len(in.procs) {
			t.Fatalf("%d procedures, %d keys, %v", len(in.procs), len(in.keys), err)
		}
		return in.procs
	}
	field := func(procs []Procedure, id int64) string {
		for _, pr := range procs {
			if pr.ID == id {
				return pr.Field
			}
		}
		return "(none)"
	}

	first := read(province)
	if again := read(province); len(first) != 2 || &again[0] != &first[0] {
		t.Fatalf("the catalogue was read again without a change (%d procedures)", len(first))
	}
	// a change in another process: a second store on the same database
	other2 := NewStore(s.DB(), testBox{}, nil)
	p.Field = "Đất đai"
	if err := other2.UpdateProcedure(ctx, audit.CLI(), p); err != nil {
		t.Fatal(err)
	}
	if got := field(read(province), p.ID); got != "Đất đai" {
		t.Errorf("after the edit the index reads field %q", got)
	}

	if n := len(read(other)); n != 0 {
		t.Fatalf("%s has %d procedures before the move", other.Path, n)
	}
	orgs := org.NewStore(s.DB(), nil)
	agency, err := orgs.UnitByCode(ctx, demoAgency)
	if err != nil {
		t.Fatal(err)
	}
	in := org.UnitInput{Code: agency.Code, Kind: agency.Kind, Name: agency.Name, ShortName: agency.ShortName,
		ParentID: other.ID, ValidFrom: agency.ValidFrom, ValidTo: agency.ValidTo}
	if err := orgs.UpdateUnit(ctx, audit.CLI(), agency.ID, in); err != nil {
		t.Fatal(err)
	}
	if n := len(read(other)); n != 2 {
		t.Errorf("after the move %s has %d procedures, want 2", other.Path, n)
	}
}

// The units of the breakdowns and the calendar are kept too, and read again
// once a unit or the calendar changes (in another process as well).
func TestTheIndexReadsUnitsAndCalendarAgainWhenTheyChange(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	province := unitOf(t, s, org.DemoProvinceCode)
	period, _ := ParsePeriod("2026-08")
	read := func() indexInputs {
		t.Helper()
		in, err := s.indexInputs(ctx, province, period, true)
		if err != nil || len(in.procs) != 1 || len(in.children) == 0 || in.cal == nil {
			t.Fatalf("%d procedures, %d children, calendar %v: %v", len(in.procs), len(in.children), in.cal != nil, err)
		}
		return in
	}
	first := read()
	if again := read(); &again.children[0] != &first.children[0] || again.cal != first.cal {
		t.Fatal("the units or the calendar were read again without a change")
	}

	other := NewStore(s.DB(), testBox{}, nil)
	orgs := org.NewStore(s.DB(), nil)
	if _, err := orgs.CreateUnit(ctx, audit.CLI(), org.UnitInput{Code: "000.99.00.H33", Kind: org.KindAgency, Name: "Sở mới",
		ParentID: province.ID, ValidFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if got := read(); len(got.children) != len(first.children)+1 {
		t.Errorf("after a new agency the index has %d children, want %d", len(got.children), len(first.children)+1)
	}

	day := DateDay(2026, 8, 5)
	if !first.cal.IsWorkingDay(day) {
		t.Fatalf("%s is not a working day in the seed", day)
	}
	if _, err := other.SetCalendarDay(ctx, audit.CLI(), CalendarEntry{Day: day, Kind: Holiday, Name: "Nghỉ đột xuất"}); err != nil {
		t.Fatal(err)
	}
	if read().cal.IsWorkingDay(day) {
		t.Errorf("after the calendar's edit the index still counts %s as a working day", day)
	}
}
