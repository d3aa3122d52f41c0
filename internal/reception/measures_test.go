package reception

import (
	"context"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/registers"
)

func TestTheMeasuresCountWhatTheRegisterHolds(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.importFile("feedback_basic.csv", false) // 3 feedback: on time, late, overdue; rated satisfied and not
	den := f.add(denounced())                 // accepted 02/03, due 01/04
	f.step(den.CaseID, Step{To: StAssigned, On: on("2026-03-03"), HandlerID: f.user("chuyenvien").ID})
	for _, d := range []string{"2026-01-15", "2026-02-23"} {
		if _, err := f.s.AddSession(ctx, audit.CLI(), Session{UnitID: f.unit.ID, On: on(d), Part: Morning, Host: "Nguyễn Văn Hùng", HostTitle: "Giám đốc Sở", Head: true, Place: "Phòng tiếp dân"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.AddSession(ctx, audit.CLI(), Session{UnitID: f.unit.ID, On: on("2026-03-16"), Part: Morning, Host: "Trần Thị Hạnh", HostTitle: "Chánh Văn phòng", Place: "Phòng tiếp dân"}); err != nil {
		t.Fatal(err)
	}
	reg := NewRegister(f.s)
	scope := registers.Scope{UnitID: f.unit.ID, UnitPath: f.unit.Path}
	for _, tc := range []struct {
		code     string
		from, to string
		value    float64
		num, den float64
		na       bool
	}{
		// Q1 2026 by hand: three feedback cases due (19/01, 20/01, 26/01),
		// one answered on time; the denunciation is due in April.
		{MeasureOnTime, "2026-01-01", "2026-03-31", 1.0 / 3, 1, 3, false},
		{MeasureFeedbackOnTime, "2026-01-01", "2026-03-31", 1.0 / 3, 1, 3, false},
		{MeasureFeedbackSatisfied, "2026-01-01", "2026-03-31", 0.5, 1, 2, false},
		{MeasureHeadSessions, "2026-01-01", "2026-03-31", 2, 0, 0, false},
		// Four entries: the anonymous petition and the denunciation (name and
		// address) are complete; two reflections lack an address.
		{MeasureLogbookComplete, "2026-01-01", "2026-03-31", 0.5, 2, 4, false},
		// No feedback in Q3 2025: full marks, as the portal gives.
		{MeasureFeedbackOnTime, "2025-07-01", "2025-09-30", 1, 0, 0, false},
		{MeasureFeedbackSatisfied, "2025-07-01", "2025-09-30", 1, 0, 0, false},
		{MeasureOnTime, "2025-07-01", "2025-09-30", 0, 0, 0, true},
	} {
		t.Run(tc.code+" "+tc.from, func(t *testing.T) {
			got, err := reg.Figure(ctx, tc.code, scope, on(tc.from), on(tc.to))
			if err != nil {
				t.Fatal(err)
			}
			if got.NA != tc.na || (!tc.na && (abs(got.Value-tc.value) > 1e-9 || got.Num != tc.num || got.Den != tc.den)) {
				t.Fatalf("figure %+v, want %v (%v/%v) NA %v", got, tc.value, tc.num, tc.den, tc.na)
			}
		})
	}
	secs, err := reg.Sections(ctx, scope, on("2026-01-01"), on("2026-03-31"))
	if err != nil || len(secs) != 1 || secs[0].Dimension != "D3" {
		t.Fatalf("sections %+v %v", secs, err)
	}
	if f.s.Today().Month() != 3 {
		t.Fatal("the fixture's clock moved")
	}
	officer, leader := f.user("chuyenvien"), f.user("giamdoc")
	items, err := reg.Agenda(ctx, officer, f.s.Today(), 30)
	if err != nil || len(items) != 1 || items[0].Overdue || !strings.Contains(items[0].Title, "Tố cáo cán bộ") {
		t.Fatalf("the handler's agenda: %+v %v", items, err)
	}
	items, err = reg.Agenda(ctx, leader, f.s.Today(), 7)
	if err != nil {
		t.Fatal(err)
	}
	// The leader: the overdue reflection (due 26/01) and the month of March
	// without a session of the head (only the office chief receives).
	var overdue, noHead int
	for _, it := range items {
		if it.Overdue {
			overdue++
		}
		if strings.Contains(it.Title, "chưa có lịch tiếp công dân tháng 3/2026") {
			noHead++
		}
	}
	if overdue != 1 || noHead != 1 || len(items) != 2 {
		t.Fatalf("the leader's agenda: %+v", items)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
