package province

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

// fixture is the demo province with a third agency (Health) and the ward
// of Thái Bình merged into Phố Hiến before the third quarter ends: three
// agencies (Home Affairs, Science and Technology, Health) and two communes
// report for 2026Q3.
type fixture struct {
	t       *testing.T
	db      *db.DB
	org     *org.Store
	reports *report.Register
	store   *Store
	today   time.Time
	src     Sources
}

func on(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, report.Migrations, Migrations)
	orgs := org.NewStore(conn, func() time.Time { return on("2026-10-20") })
	if _, err := orgs.LoadDemo(ctx, "mat-khau-thu-nghiem"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: conn, org: orgs, today: on("2026-10-20")}
	province := f.unit("000.00.00.H33")
	if _, err := orgs.CreateUnit(ctx, audit.System, org.UnitInput{Code: "000.08.00.H33", Kind: org.KindAgency, Name: "Sở Y tế", ShortName: "SYT",
		ParentID: province.ID, ValidFrom: on("2008-08-01")}); err != nil {
		t.Fatal(err)
	}
	if err := orgs.CloseUnit(ctx, audit.System, f.unit("000.00.02.H33.12346").ID, on("2026-08-31"), f.unit("000.00.01.H33.12345").ID); err != nil {
		t.Fatal(err)
	}
	f.reports = report.NewRegister(conn, t.TempDir(), func() time.Time { return f.today })
	f.store = NewStore(conn, orgs, f.reports, Sources{
		Progress: func(ctx context.Context, year int, scope string) (map[int64]Progress, error) {
			return f.src.Progress(ctx, year, scope)
		},
		Index: func(ctx context.Context, parent int64, ids []int64, key string) (map[int64]IndexScore, error) {
			return f.src.Index(ctx, parent, ids, key)
		},
	}, func() time.Time { return f.today.Add(3 * time.Hour) })
	f.src = Sources{
		Progress: func(context.Context, int, string) (map[int64]Progress, error) { return nil, nil },
		Index:    func(context.Context, int64, []int64, string) (map[int64]IndexScore, error) { return nil, nil },
	}
	return f
}

func (f *fixture) unit(code string) org.Unit {
	f.t.Helper()
	u, err := f.org.UnitByCode(context.Background(), code)
	if err != nil {
		f.t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

// planReport issues a plan report of the period for unit into the register.
func (f *fixture) planReport(unit org.Unit, period string) int64 {
	f.t.Helper()
	x, err := f.reports.Issue(context.Background(), audit.Actor{Username: "vanphong"}, report.Issued{Kind: "plan", SourceID: 1, UnitID: unit.ID,
		Title: "Báo cáo " + period, Number: "1/BC", Period: period, Format: "docx", FileName: "bc.docx"}, []byte("báo cáo "+unit.Code+period))
	if err != nil {
		f.t.Fatal(err)
	}
	return x.ID
}

func (f *fixture) openQ3() Round {
	f.t.Helper()
	ctx := context.Background()
	id, err := f.store.OpenRound(ctx, audit.Actor{Username: "noivu"}, f.unit("000.00.00.H33"), f.unit("000.01.00.H33"),
		RoundInput{Period: "2026Q3", Deadline: on("2026-10-15")})
	if err != nil {
		f.t.Fatal(err)
	}
	r, err := f.store.Round(ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

func codes(units []RoundUnit, keep func(RoundUnit) bool) []string {
	var out []string
	for _, u := range units {
		if keep(u) {
			out = append(out, u.Unit.Code)
		}
	}
	slices.Sort(out)
	return out
}

func fieldOf(t *testing.T, err error) string {
	t.Helper()
	fields, ok := web.AsValidation(err)
	if !ok {
		t.Fatalf("want a field error, got %v", err)
	}
	for _, key := range fields {
		return key
	}
	return ""
}

func TestARoundOfThreeAgenciesAndTwoCommunesShowsWhoIsLateAndWhoWasReturned(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	round := f.openQ3()
	units, err := f.store.RoundUnits(ctx, round)
	if err != nil {
		t.Fatal(err)
	}
	all := codes(units, func(RoundUnit) bool { return true })
	want := []string{"000.00.01.H33.12345", "000.00.03.H33.12347", "000.01.00.H33", "000.07.00.H33", "000.08.00.H33"}
	if !slices.Equal(all, want) {
		t.Fatalf("expected units = %v, want %v (the closed Department of Information and Communications and the merged ward are not asked)", all, want)
	}
	noivu := audit.Actor{Username: "noivu"}
	focal := audit.Actor{Username: "vanphong"}
	for _, code := range []string{"000.01.00.H33", "000.07.00.H33", "000.08.00.H33", "000.00.01.H33.12345"} {
		u := f.unit(code)
		if err := f.store.Submit(ctx, focal, round, u.ID, f.planReport(u, "2026Q3")); err != nil {
			t.Fatalf("submit %s: %v", code, err)
		}
	}
	if err := f.store.Review(ctx, noivu, round, f.unit("000.07.00.H33").ID, true, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Review(ctx, noivu, round, f.unit("000.08.00.H33").ID, false, "Bổ sung số liệu D3."); err != nil {
		t.Fatal(err)
	}
	units, err = f.store.RoundUnits(ctx, round)
	if err != nil {
		t.Fatal(err)
	}
	late := codes(units, func(u RoundUnit) bool { return u.Late(f.today, round.Deadline) })
	returned := codes(units, func(u RoundUnit) bool { return u.Status == Returned })
	accepted := codes(units, func(u RoundUnit) bool { return u.Status == Accepted })
	submitted := codes(units, func(u RoundUnit) bool { return u.Status == Submitted })
	if !slices.Equal(late, []string{"000.00.03.H33.12347"}) || !slices.Equal(returned, []string{"000.08.00.H33"}) ||
		!slices.Equal(accepted, []string{"000.07.00.H33"}) || len(submitted) != 2 {
		t.Fatalf("late %v, returned %v, accepted %v, submitted %v", late, returned, accepted, submitted)
	}
	// The day of the deadline itself is not late.
	for _, u := range units {
		if u.Late(on("2026-10-15"), round.Deadline) {
			t.Errorf("%s is late on the deadline's own day", u.Unit.Code)
		}
	}
	// The returned unit submits again; it is then waiting for Home Affairs.
	syt := f.unit("000.08.00.H33")
	if err := f.store.Submit(ctx, focal, round, syt.ID, f.planReport(syt, "2026Q3")); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := f.db.R.QueryRow("SELECT COUNT(*) FROM audit_log WHERE entity = 'round_units'").Scan(&n); err != nil || n != 7 {
		t.Errorf("audited round changes = %d (%v), want 7 (5 submissions, 2 reviews)", n, err)
	}
}

func TestARoundRefusesWhatHomeAffairsCannotUse(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	province, snv := f.unit("000.00.00.H33"), f.unit("000.01.00.H33")
	open := func(period, deadline string) error {
		var d time.Time
		if deadline != "" {
			d = on(deadline)
		}
		_, err := f.store.OpenRound(ctx, audit.System, province, snv, RoundInput{Period: period, Deadline: d})
		return err
	}
	for _, c := range []struct {
		name, period, deadline, field, key string
	}{
		{"a period that is no period", "2026Q5", "2026-10-15", "period", "province.round.period.invalid"},
		{"a span of dates", "01/07/2026..30/09/2026", "2026-10-15", "period", "province.round.period.invalid"},
		{"no deadline", "2026Q3", "", "deadline", "province.round.deadline.required"},
		{"a deadline before the period ends", "2026Q3", "2026-09-29", "deadline", "province.round.deadline.early"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if key := fieldOf(t, open(c.period, c.deadline)); key != c.key {
				t.Errorf("key = %s, want %s", key, c.key)
			}
		})
	}
	round := f.openQ3()
	if key := fieldOf(t, open("2026Q3", "2026-10-30")); key != "province.round.period.taken" {
		t.Errorf("second round of a period: %s", key)
	}
	skhcn, syt := f.unit("000.07.00.H33"), f.unit("000.08.00.H33")
	if key := fieldOf(t, f.store.Submit(ctx, audit.System, round, skhcn.ID, f.planReport(syt, "2026Q3"))); key != "province.submit.report.mismatch" {
		t.Errorf("another unit's report: %s", key)
	}
	if key := fieldOf(t, f.store.Submit(ctx, audit.System, round, skhcn.ID, f.planReport(skhcn, "2026Q2"))); key != "province.submit.report.mismatch" {
		t.Errorf("another period's report: %s", key)
	}
	if key := fieldOf(t, f.store.Review(ctx, audit.System, round, skhcn.ID, true, "")); key != "province.review.not_submitted" {
		t.Errorf("accepting what was not submitted: %s", key)
	}
	if err := f.store.Submit(ctx, audit.System, round, skhcn.ID, f.planReport(skhcn, "2026Q3")); err != nil {
		t.Fatal(err)
	}
	if key := fieldOf(t, f.store.Review(ctx, audit.System, round, skhcn.ID, false, "  ")); key != "province.review.comment.required" {
		t.Errorf("returning without a word: %s", key)
	}
	if err := f.store.Submit(ctx, audit.System, round, f.unit("000.10.00.H33").ID, f.planReport(skhcn, "2026Q3")); !errors.Is(err, ErrNotFound) {
		t.Errorf("a unit the round does not ask: %v", err)
	}
}

func TestAUnitMergedAfterTheRoundOpenedIsAnsweredForByItsSuccessor(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	round := f.openQ3()
	nghiaTru, phoHien := f.unit("000.00.03.H33.12347"), f.unit("000.00.01.H33.12345")
	if err := f.org.CloseUnit(ctx, audit.System, nghiaTru.ID, on("2026-10-18"), phoHien.ID); err != nil {
		t.Fatal(err)
	}
	units, err := f.store.RoundUnits(ctx, round)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(units, func(u RoundUnit) bool { return u.Unit.ID == nghiaTru.ID })
	if i < 0 || units[i].StandIn.ID != phoHien.ID {
		t.Fatalf("Nghĩa Trụ's line: %+v, want Phố Hiến standing in", units)
	}
	// The successor submits the report it issued for the merged commune.
	if err := f.store.Submit(ctx, audit.System, round, nghiaTru.ID, f.planReport(phoHien, "2026Q3")); err != nil {
		t.Fatal(err)
	}
	owed, err := f.store.Owed(ctx, phoHien.Path)
	if err != nil {
		t.Fatal(err)
	}
	if len(owed) != 1 || owed[0].UnitID != phoHien.ID {
		t.Errorf("Phố Hiến still owes %+v, want only its own report", owed)
	}
}

func TestTheDashboardAddsEachUnitsFiguresAndTheRoundsStates(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	skhcn, stttt, syt, phoHien, thaiBinh := f.unit("000.07.00.H33"), f.unit("000.10.00.H33"), f.unit("000.08.00.H33"), f.unit("000.00.01.H33.12345"), f.unit("000.00.02.H33.12346")
	division := f.unit("000.07.06.H33")
	f.src.Progress = func(_ context.Context, year int, scope string) (map[int64]Progress, error) {
		if year != 2026 {
			t.Errorf("year %d", year)
		}
		return map[int64]Progress{
			skhcn.ID:    {Total: 10, Done: 4, Overdue: 2},
			division.ID: {Total: 2, Done: 1},             // a division's own plan counts for its agency
			stttt.ID:    {Total: 3, Done: 3},             // the closed department's plan counts for its successor
			thaiBinh.ID: {Total: 4, Done: 1, Overdue: 1}, // and the merged ward's for Phố Hiến
			syt.ID:      {Total: 5, Done: 5},
		}, nil
	}
	f.src.Index = func(_ context.Context, parent int64, ids []int64, key string) (map[int64]IndexScore, error) {
		if len(ids) > 1 && parent != f.unit("000.00.00.H33").ID {
			t.Errorf("the province's units are scored in one pass, parent = %d", parent)
		}
		if len(ids) == 1 && parent != 0 {
			t.Errorf("an agency alone is scored by itself, parent = %d", parent)
		}
		if key == "2026Q3" {
			return map[int64]IndexScore{skhcn.ID: {Total: 80, Known: true}, syt.ID: {Total: 70.5, Known: true}}, nil
		}
		return map[int64]IndexScore{skhcn.ID: {Total: 75, Known: true}}, nil
	}
	round := f.openQ3()
	if err := f.store.Submit(ctx, audit.System, round, syt.ID, f.planReport(syt, "2026Q3")); err != nil {
		t.Fatal(err)
	}
	v, err := f.store.Dashboard(ctx, f.unit("000.00.00.H33"), "2026Q3")
	if err != nil {
		t.Fatal(err)
	}
	if v.Previous.Key != "2026Q2" || v.Round == nil || v.Round.ID != round.ID {
		t.Fatalf("previous %q, round %v", v.Previous.Key, v.Round)
	}
	by := map[string]Row{}
	for _, r := range v.Rows {
		by[r.Unit.Code] = r
	}
	if len(v.Rows) != 5 {
		t.Fatalf("%d rows, want the 5 units of the round", len(v.Rows))
	}
	if p := by[skhcn.Code].Progress; p.Total != 15 || p.Done != 8 || p.Overdue != 2 {
		t.Errorf("Science and Technology: %+v, want 15 instances (10 own, 2 of its division, 3 of the merged department), 8 done", p)
	}
	if p := by[phoHien.Code].Progress; p.Total != 4 || p.Overdue != 1 {
		t.Errorf("Phố Hiến: %+v, want the merged ward's 4", p)
	}
	if d, ok := by[skhcn.Code].Trend(); !ok || d != 5 {
		t.Errorf("trend %v %v, want +5", d, ok)
	}
	if _, ok := by[syt.Code].Trend(); ok {
		t.Error("Health has no previous index, so no trend")
	}
	if r := by[syt.Code]; r.Report != ReportSubmitted || r.Late {
		t.Errorf("Health: %s late %v", r.Report, r.Late)
	}
	if r := by["000.00.03.H33.12347"]; r.Report != ReportPending || !r.Late {
		t.Errorf("Nghĩa Trụ: %s late %v, want pending and late", r.Report, r.Late)
	}
	if v.Totals.Progress.Total != 24 || v.Totals.Progress.Done != 14 || v.Totals.Reported != 1 || v.Totals.Late != 4 ||
		!v.Totals.IndexMean.Known || v.Totals.IndexMean.Total != 75.25 {
		t.Errorf("totals %+v", v.Totals)
	}
	// An agency's leader sees their agency alone.
	leaderView, err := f.store.Dashboard(ctx, skhcn, "2026Q3")
	if err != nil {
		t.Fatal(err)
	}
	if len(leaderView.Rows) != 1 || leaderView.Rows[0].Unit.ID != skhcn.ID {
		t.Errorf("the agency's view has %d rows", len(leaderView.Rows))
	}
}

func TestTheScopeIsTheProvinceForHomeAffairsAndTheAgencyForItsStaff(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, c := range []struct{ user, want string }{
		{"noivu", "000.00.00.H33"}, {"admin", "000.00.00.H33"}, {"giamdoc", "000.07.00.H33"}, {"truongphong", "000.07.00.H33"},
	} {
		u, err := f.org.UserByUsername(ctx, c.user)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.store.ScopeOf(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if got.Code != c.want {
			t.Errorf("%s: scope %s, want %s", c.user, got.Code, c.want)
		}
	}
}
