package province

import (
	"slices"
	"testing"

	"papihub/internal/org"
)

func TestThePreviousPeriodHasTheSameLength(t *testing.T) {
	for _, c := range []struct{ key, want string }{
		{"2026Q1", "2025Q4"}, {"2026Q3", "2026Q2"}, {"2026-01", "2025-12"}, {"2026-10", "2026-09"},
		{"2026S1", "2025S2"}, {"2026S2", "2026S1"}, {"2026", "2025"}, {"01/07/2026..30/09/2026", ""},
	} {
		got, ok := Previous(c.key)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Previous(%q) = %q %v, want %q", c.key, got, ok, c.want)
		}
	}
}

func unitAt(id int64, kind org.Kind, name string, to string, successor int64) org.Unit {
	u := org.Unit{ID: id, Kind: kind, Name: name, ValidFrom: on("2008-08-01"), SuccessorID: successor}
	if to != "" {
		u.ValidTo = on(to)
	}
	return u
}

func TestARoundExpectsTheAgenciesAndCommunesOpenAtThePeriodsEnd(t *testing.T) {
	units := []org.Unit{
		unitAt(1, org.KindProvince, "UBND tỉnh", "", 0),
		unitAt(2, org.KindHomeAffairs, "Sở Nội vụ", "", 0),
		unitAt(3, org.KindAgency, "Sở KHCN", "", 0),
		unitAt(4, org.KindDivision, "Văn phòng Sở", "", 0),
		unitAt(5, org.KindAgency, "Sở TTTT", "2025-06-30", 3),
		unitAt(6, org.KindCommune, "Xã A", "2026-09-30", 7), // closes on the period's last day: still asked
		unitAt(7, org.KindCommune, "Xã B", "", 0),
		unitAt(8, org.KindCenter, "Trung tâm", "", 0),
	}
	var got []int64
	for _, u := range Expected(units, on("2026-09-30")) {
		got = append(got, u.ID)
	}
	if want := []int64{2, 3, 6, 7}; !slices.Equal(got, want) {
		t.Errorf("expected %v, want %v", got, want)
	}
}

func TestAClosedUnitIsAnsweredForByTheLastOfItsSuccessors(t *testing.T) {
	a := unitAt(1, org.KindCommune, "A", "2025-06-30", 2)
	b := unitAt(2, org.KindCommune, "B", "2026-06-30", 3)
	c := unitAt(3, org.KindCommune, "C", "", 0)
	gone := unitAt(4, org.KindCommune, "D", "2026-01-01", 0)
	loop := unitAt(5, org.KindCommune, "E", "2026-01-01", 5)
	by := map[int64]org.Unit{1: a, 2: b, 3: c, 4: gone, 5: loop}
	for _, x := range []struct {
		u    org.Unit
		day  string
		want int64
	}{
		{a, "2025-06-30", 1}, {a, "2025-07-01", 2}, {a, "2026-07-01", 3}, {c, "2026-07-01", 3}, {gone, "2026-07-01", 4}, {loop, "2026-07-01", 5},
	} {
		if got := Answerer(x.u, by, on(x.day)); got.ID != x.want {
			t.Errorf("Answerer(%s, %s) = %s, want %d", x.u.Name, x.day, got.Name, x.want)
		}
	}
}

func rowOf(name string, pct int, overdue int, index float64, known bool) Row {
	return Row{Unit: org.Unit{Name: name, Code: "C." + name}, Progress: Progress{Total: 100, Done: pct, Overdue: overdue},
		Index: IndexScore{Total: index, Known: known}}
}

func names(rows []Row) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Unit.Name)
	}
	return out
}

func TestTheTableSortsByAnyColumnAndUnknownIndexesGoLast(t *testing.T) {
	rows := []Row{
		rowOf("Sở Y tế", 50, 1, 70, true),
		rowOf("Sở Nội vụ", 80, 0, 0, false),
		rowOf("Phường Đông Hải", 20, 4, 90, true),
		rowOf("Sở Công Thương", 50, 3, 60, true),
	}
	for _, c := range []struct {
		key  string
		desc bool
		want []string
	}{
		{"name", false, []string{"Phường Đông Hải", "Sở Công Thương", "Sở Nội vụ", "Sở Y tế"}},
		{"progress", true, []string{"Sở Nội vụ", "Sở Công Thương", "Sở Y tế", "Phường Đông Hải"}},
		{"overdue", true, []string{"Phường Đông Hải", "Sở Công Thương", "Sở Y tế", "Sở Nội vụ"}},
		{"index", true, []string{"Phường Đông Hải", "Sở Y tế", "Sở Công Thương", "Sở Nội vụ"}},
		{"index", false, []string{"Sở Công Thương", "Sở Y tế", "Phường Đông Hải", "Sở Nội vụ"}},
	} {
		got := slices.Clone(rows)
		Sort(got, c.key, c.desc)
		if !slices.Equal(names(got), c.want) {
			t.Errorf("Sort(%s, desc %v) = %v, want %v", c.key, c.desc, names(got), c.want)
		}
	}
}

func TestSearchIgnoresDiacriticsAndCase(t *testing.T) {
	rows := []Row{rowOf("Sở Nội vụ", 0, 0, 0, false), rowOf("Phường Đông Hải", 0, 0, 0, false), rowOf("Sở Y tế", 0, 0, 0, false)}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"so noi vu", []string{"Sở Nội vụ"}}, {"DONG HAI", []string{"Phường Đông Hải"}}, {"sở", []string{"Sở Nội vụ", "Sở Y tế"}},
		{"", []string{"Sở Nội vụ", "Phường Đông Hải", "Sở Y tế"}}, {"c.sở y", []string{"Sở Y tế"}},
	} {
		if got := names(Search(rows, c.q)); !slices.Equal(got, c.want) {
			t.Errorf("Search(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}

func TestLateMeansNothingSentAfterTheDeadline(t *testing.T) {
	deadline := on("2026-10-15")
	for _, c := range []struct {
		st   Status
		day  string
		late bool
	}{
		{Pending, "2026-10-15", false}, {Pending, "2026-10-16", true}, {Returned, "2026-10-20", false},
		{Submitted, "2026-10-20", false}, {Accepted, "2026-10-20", false},
	} {
		if got := (RoundUnit{Status: c.st}).Late(on(c.day), deadline); got != c.late {
			t.Errorf("%s on %s: late %v, want %v", c.st, c.day, got, c.late)
		}
	}
}
