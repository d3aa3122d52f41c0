package inspection

import (
	"context"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/registers"
)

func TestThePlansMeasuresCountTheQuarterByHand(t *testing.T) {
	f := newFixture(t)
	f.followUpQ3()
	ctx := context.Background()
	for _, k := range []Check{
		{Subject: "Văn phòng Sở", Topic: "Kỷ luật hành chính", Kind: Periodic, PlannedFrom: on("2025-07-10"), PlannedTo: on("2025-07-15"), DoneOn: on("2025-07-20")},
		{Subject: "Phòng Kế hoạch - Tài chính", Topic: "Tài sản công", Kind: Periodic, PlannedFrom: on("2025-08-10"), PlannedTo: on("2025-08-15")},
		{Subject: "Trung tâm CNTT", Topic: "Giờ giấc làm việc", Kind: Unannounced, DoneOn: on("2025-08-05")},
	} {
		k.UnitID, k.Year = f.unit.ID, 2025
		if _, err := f.s.SaveCheck(ctx, audit.CLI(), k); err != nil {
			t.Fatal(err)
		}
	}
	reg := NewRegister(f.s)
	scope := registers.Scope{UnitID: f.unit.ID, UnitPath: f.unit.Path}
	for _, tc := range []struct {
		code     string
		num, den float64 // for a share
		value    float64
	}{
		{MeasureChecksDone, 1, 2, 0.5},       // of the two periodic checks planned in Q3, the first was done
		{MeasureChecks, 0, 0, 2},             // the first periodic and the unannounced one ended in Q3
		{MeasureRecsOnTime, 0, 3, 0},         // due in Q3: the recovery (open), the discipline (late) and the measure (overdue)
		{MeasureRecsOverdue, 0, 0, 1},        // on 30/09 only the corrective measure due 31/08 is past its deadline
		{MeasureRecovered, 90e6, 150e6, 0.6}, // 50 + 40 million of 50 + 100
		{MeasureDirectivesOnTime, 1, 1, 1},   // 20/KL on time; 30/KL's directive is not yet due on 30/09
	} {
		fig, err := reg.Figure(ctx, tc.code, scope, on("2025-07-01"), on("2025-09-30"))
		if err != nil {
			t.Fatalf("%s: %v", tc.code, err)
		}
		if fig.Value != tc.value || fig.Num != tc.num || fig.Den != tc.den {
			t.Errorf("%s = %v (%v/%v), want %v (%v/%v)", tc.code, fig.Value, fig.Num, fig.Den, tc.value, tc.num, tc.den)
		}
	}
	secs, err := reg.Sections(ctx, scope, on("2025-07-01"), on("2025-09-30"))
	if err != nil || len(secs) != 1 || secs[0].Dimension != "D4" || secs[0].Sheet == nil {
		t.Fatalf("Sections = %+v, %v", secs, err)
	}
	empty, err := reg.Sections(ctx, scope, on("2020-01-01"), on("2020-03-31"))
	if err != nil || len(empty) != 0 {
		t.Errorf("a quarter without checks or conclusions: %+v, %v", empty, err)
	}
}

func TestTheAgendaRemindsTheResponsibleUnitAndEscalatesOverdueToTheLeader(t *testing.T) {
	f := newFixture(t)
	f.followUpQ3() // today 05/10/2025
	ctx := context.Background()
	users := org.NewStore(f.s.DB(), nil)
	reg := NewRegister(f.s)
	agenda := func(username string) []registers.Item {
		t.Helper()
		u, err := users.UserByUsername(ctx, username)
		if err != nil {
			t.Fatal(err)
		}
		items, err := reg.Agenda(ctx, u, f.today, 7)
		if err != nil {
			t.Fatal(err)
		}
		return items
	}
	leader := agenda("giamdoc")
	overdue, directives := 0, 0
	for _, it := range leader {
		if it.Overdue {
			overdue++
		}
		if it.Kind == "Kết luận thanh tra" {
			directives++
		}
	}
	// The recovery due 30/09 and the measure due 31/08 are overdue; no
	// directive was recorded on 10/KL (due 16/03, overdue) nor on 30/KL
	// (received 20/09, due today).
	if len(leader) != 4 || overdue != 3 || directives != 2 {
		t.Errorf("the leader's agenda: %+v", leader)
	}
	if got := agenda("truongphong"); len(got) != 0 {
		t.Errorf("the digital division carries out nothing here: %+v", got)
	}
	focal := agenda("vanphong")
	if len(focal) != 4 {
		t.Errorf("the focal officer sees each item once: %+v", focal)
	}
}
