package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/vn"
)

// BenchmarkIndexProvince times the computation of the index (ComputeIndex,
// not the copy audit.Cache keeps) on 5 generated agencies of 50 procedures
// and 50,000 dossiers (the shape of the 30-agency, 2,000,000-dossier
// measurement, small enough to build in the benchmark): the province over a
// year with and without its breakdowns, and one agency over one month.
// go test -run XXX -bench IndexProvince ./internal/tthc/
func BenchmarkIndexProvince(b *testing.B) {
	s, root := generatedProvince(b, 5, 50, 50000)
	year, _ := ParsePeriod("2026")
	month, _ := ParsePeriod("2026-05")
	agency, err := s.UnitByCode(context.Background(), "000.40.00.H33")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	rep, err := s.ComputeIndex(ctx, root, year, IndexOptions{Breakdowns: true})
	if err != nil || len(rep.ByProcedure) < 240 {
		b.Fatalf("%d procedures in the breakdown, %v", len(rep.ByProcedure), err)
	}
	for _, c := range []struct {
		name string
		unit UnitInfo
		p    Period
		opt  IndexOptions
	}{
		{"province-year", root, year, IndexOptions{Breakdowns: true}},
		{"province-year-no-breakdowns", root, year, IndexOptions{}},
		{"agency-month", agency, month, IndexOptions{Breakdowns: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				if _, err := s.ComputeIndex(ctx, c.unit, c.p, c.opt); err != nil {
					b.Fatal(err)
				}
			}
			// On a shared machine the wall time waits for a core; the
			// process's CPU time (SQLite runs in it) is what a query costs.
			b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// generatedProvince adds agencies under the demo province, each with a
// generated catalogue of procedures and its share of dossiers for 2026.
func generatedProvince(tb testing.TB, agencies, procedures, dossiers int) (*Store, UnitInfo) {
	tb.Helper()
	ctx := context.Background()
	conn := dbtest.Open(tb, audit.Migrations, org.Migrations, Migrations)
	orgs := org.NewStore(conn, nil)
	if _, err := orgs.LoadDemo(ctx, "mat-khau-thu"); err != nil {
		tb.Fatal(err)
	}
	s := NewStore(conn, testBox{}, nil)
	root, err := s.UnitByCode(ctx, org.DemoProvinceCode)
	if err != nil {
		tb.Fatal(err)
	}
	for i := range agencies {
		code := fmt.Sprintf("000.%02d.00.H33", 40+i)
		if _, err := orgs.CreateUnit(ctx, audit.System, org.UnitInput{Code: code, Kind: org.KindAgency, Name: fmt.Sprintf("Sở thử nghiệm %d", i+1),
			ParentID: root.ID, ValidFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			tb.Fatal(err)
		}
		u, err := s.UnitByCode(ctx, code)
		if err != nil {
			tb.Fatal(err)
		}
		rep, err := s.GenerateInto(ctx, audit.CLI(), u, int64(i+1), dossiers/agencies, GenerateOptions{Procedures: procedures}, nil, nil)
		if err != nil || rep.Rejected != 0 {
			tb.Fatalf("generate: %+v %v", rep, err)
		}
	}
	return s, root
}

// Index groups its inputs once, reads them concurrently and orders the
// breakdowns by stored sort keys; it gives exactly the report of the plain
// computation kept here (indexByFiltering), over a province with agencies,
// divisions below them and procedures of the province itself, the same
// procedure names in several units, an abolished procedure, one without a
// field, one without dossiers, counts entered for several units, and
// periods answered by yearly, monthly and daily aggregates.
func TestIndexMatchesThePlainComputation(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	for i, g := range []struct {
		code  string
		procs int
		n     int
	}{{demoAgency, 12, 1200}, {"000.07.05.H33", 8, 500}, {"000.01.00.H33", 10, 600}, {org.DemoProvinceCode, 4, 200}} {
		rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, g.code), int64(i+1), g.n, GenerateOptions{Procedures: g.procs}, nil, nil)
		if err != nil || rep.Rejected != 0 {
			t.Fatalf("generate %s: %+v %v", g.code, rep, err)
		}
	}
	procs, _, err := s.Procedures(ctx, ProcedureFilter{Scope: unitOf(t, s, demoAgency).Path})
	if err != nil {
		t.Fatal(err)
	}
	for i, change := range []func(*Procedure){
		func(p *Procedure) { p.Status = Abolished },
		func(p *Procedure) { p.Field = "" },
		func(p *Procedure) { p.Status = Amended; p.Online = OnlineNone },
	} {
		p := procs[i]
		change(&p)
		if err := s.UpdateProcedure(ctx, audit.CLI(), p); err != nil {
			t.Fatal(err)
		}
	}
	snv := unitOf(t, s, "000.01.00.H33")
	if _, err := s.CreateProcedure(ctx, audit.CLI(), Procedure{UnitID: snv.ID, Code: "1.999999", Name: "Thủ tục chưa có hồ sơ",
		Field: "Bưu chính", Statutory: ProcessingTime{5, UnitWorkingDays}, Online: OnlineFull}); err != nil {
		t.Fatal(err)
	}
	year, _ := ParsePeriod("2026")
	march, _ := ParsePeriod("2026-03")
	for _, m := range []ManualCount{
		{UnitID: unitOf(t, s, demoAgency).ID, Metric: "PUBLIC_UPDATE_ON_TIME", Period: year, Count: Count{3, 4}},
		{UnitID: unitOf(t, s, "000.07.05.H33").ID, Metric: "PROGRESS_ON_TIME", Period: year, Count: Count{5, 9}},
		{UnitID: unitOf(t, s, "000.07.05.H33").ID, Metric: "PUBLIC_UPDATE_ON_TIME", Period: march, Count: Count{1, 2}},
		{UnitID: snv.ID, Metric: "PETITION_HANDLING_SATISFACTION", Period: march, Count: Count{7, 8}},
		{UnitID: unitOf(t, s, org.DemoProvinceCode).ID, Metric: "PETITION_PROCESSING_ON_TIME", Period: year, Count: Count{2, 2}},
	} {
		if err := s.SetManualCount(ctx, audit.CLI(), m); err != nil {
			t.Fatal(err)
		}
	}

	for _, code := range []string{org.DemoProvinceCode, demoAgency, "000.01.00.H33"} {
		unit := unitOf(t, s, code)
		for _, name := range []string{"2026", "2026-03", "2026Q2", "2026-03-10..2026-04-20", "2026-03-10..2026-03-10", "2027", "2025-01-01..2026-12-31", "2026-02-01..2026-04-30",
			// after the year of the dossiers: the overdue ones still open carry over
			"2027-03", "2027Q1", "2027-01-15..2027-02-10", "2026-12-20..2027-01-10", "2026-11-01..2027-02-28"} {
			p, err := ParsePeriod(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, breakdowns := range []bool{true, false} {
				got, err := s.Index(ctx, unit, p, IndexOptions{Breakdowns: breakdowns})
				if err != nil {
					t.Fatal(err)
				}
				want := indexByFiltering(t, s, unit, p, breakdowns)
				if !reflect.DeepEqual(got, want) {
					for _, part := range []struct {
						name      string
						got, want any
					}{{"received", got.Received, want.Received}, {"result", got.Result, want.Result}, {"sources", got.Sources, want.Sources}, {"units", got.ByUnit, want.ByUnit},
						{"procedures", got.ByProcedure, want.ByProcedure}, {"fields", got.ByField, want.ByField}} {
						if !reflect.DeepEqual(part.got, part.want) {
							t.Errorf("%s %s (breakdowns %v): %s differ:\n got %+v\nwant %+v", code, name, breakdowns, part.name, part.got, part.want)
						}
					}
				}
				if breakdowns && code == org.DemoProvinceCode && name == "2026" && (len(got.ByUnit) == 0 || len(got.ByProcedure) < 30 || len(got.ByField) < 2) {
					t.Errorf("the province's year has %d units, %d procedures, %d fields: too little to compare", len(got.ByUnit), len(got.ByProcedure), len(got.ByField))
				}
			}
		}
	}
}

// indexByFiltering is Index as it was computed before: the whole
// catalogue in name order, the aggregates summed by SQL, and for each child
// unit, procedure and field a filter over all of them, its counts merged into
// one map, and the lists sorted stably with vn.Less.
func indexByFiltering(t *testing.T, s *Store, unit UnitInfo, p Period, breakdowns bool) IndexReport {
	t.Helper()
	ctx := context.Background()
	rep := IndexReport{Unit: unit, Period: p, PeriodLabel: p.Label(), Sources: map[string]string{}}
	cal, err := s.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	procs, _, err := s.Procedures(ctx, ProcedureFilter{Scope: unit.Path})
	if err != nil {
		t.Fatal(err)
	}
	rows := aggregatesBySQL(t, s, unit.Path, p)
	// the dossiers received, counted over the raw dossiers rather than the aggregates
	if rep.Received, _, _, err = s.RawCounts(ctx, unit.Path, p); err != nil {
		t.Fatal(err)
	}
	manual, err := s.manualCounts(ctx, unit.Path, p)
	if err != nil {
		t.Fatal(err)
	}
	table := ScoringTableAt(p.To)
	unitPaths, err := s.unitPaths(ctx, unit.Path)
	if err != nil {
		t.Fatal(err)
	}
	score := func(subset []aggRow, ps []Procedure, manualOf func(manualRow) bool, sources bool) (Result, map[string]Count, map[string]string) {
		sel := make([]DailyAggregate, len(subset))
		for i, r := range subset {
			sel[i] = r.a
		}
		terms := make(map[string]ProcedureTerms, len(ps))
		for _, pr := range ps {
			if pr.Applies() {
				terms[strconv.FormatInt(pr.ID, 10)] = pr.Terms()
			}
		}
		counts := CountsFromAggregates(sel, p.From, p.To, terms)
		var src map[string]string
		if sources {
			src = map[string]string{}
			for m := range counts {
				src[m] = "dossiers"
			}
		}
		for m, c := range CatalogueCounts(ps, cal, p.From, p.To) {
			counts[m] = c
			if sources {
				src[m] = "catalogue"
			}
		}
		entered := map[string]Count{}
		for _, m := range manual {
			if manualOf(m) {
				c := entered[m.metric]
				c.Num, c.Den = c.Num+m.count.Num, c.Den+m.count.Den
				entered[m.metric] = c
			}
		}
		for m, c := range entered {
			counts[m] = c
			if sources {
				src[m] = "manual"
			}
		}
		return Score(table, counts), counts, src
	}
	rep.Result, _, rep.Sources = score(rows, procs, func(manualRow) bool { return true }, true)
	for _, g := range table.Groups {
		for _, in := range g.Indicators {
			if _, ok := rep.Sources[in.Metric]; !ok {
				rep.Sources[in.Metric] = "none"
			}
		}
	}
	if !breakdowns {
		return rep
	}
	row := func(id int64, key, label string, res Result, counts map[string]Count, subset []aggRow) BreakdownRow {
		b := BreakdownRow{ID: id, Key: key, Label: label, Total: res.Total, Result: res}
		b.Judged, b.OnTime = counts["PROGRESS_ON_TIME"].Den, counts["PROGRESS_ON_TIME"].Num
		for _, r := range subset {
			if r.a.Day >= p.From {
				b.Received += r.a.Received
			}
		}
		return b
	}
	filter := func(keep func(aggRow) bool) []aggRow {
		var out []aggRow
		for _, r := range rows {
			if keep(r) {
				out = append(out, r)
			}
		}
		return out
	}
	procField := map[int64]string{}
	for _, pr := range procs {
		procField[pr.ID] = pr.Field
	}
	children, err := s.childUnits(ctx, unit.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range children {
		inChild := func(unitID int64) bool { return strings.HasPrefix(unitPaths[unitID], c.Path) }
		var ps []Procedure
		for _, pr := range procs {
			if inChild(pr.UnitID) {
				ps = append(ps, pr)
			}
		}
		sel := filter(func(r aggRow) bool { return inChild(r.unit) })
		res, counts, _ := score(sel, ps, func(m manualRow) bool { return inChild(m.unit) }, false)
		rep.ByUnit = append(rep.ByUnit, row(c.ID, c.Code, c.Name, res, counts, sel))
	}
	none := func(manualRow) bool { return false }
	fields := map[string]bool{}
	for _, pr := range procs {
		sel := filter(func(r aggRow) bool { return r.proc == pr.ID })
		res, counts, _ := score(sel, []Procedure{pr}, none, false)
		if counts["ONLINE_SUBMITTED"].Den == 0 && counts["PROGRESS_ON_TIME"].Den == 0 {
			continue
		}
		rep.ByProcedure = append(rep.ByProcedure, row(pr.ID, pr.Code, pr.Name, res, counts, sel))
		fields[pr.Field] = true
	}
	for f := range fields {
		var ps []Procedure
		for _, pr := range procs {
			if pr.Field == f {
				ps = append(ps, pr)
			}
		}
		sel := filter(func(r aggRow) bool { return procField[r.proc] == f })
		res, counts, _ := score(sel, ps, none, false)
		label := f
		if label == "" {
			label = "(chưa rõ lĩnh vực)"
		}
		rep.ByField = append(rep.ByField, row(0, f, label, res, counts, sel))
	}
	for _, list := range [][]BreakdownRow{rep.ByProcedure, rep.ByField} {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Total != list[j].Total {
				return list[i].Total < list[j].Total
			}
			return vn.Less(list[i].Label, list[j].Label)
		})
	}
	return rep
}

// aggregatesBySQL sums the aggregate rows per unit and procedure with
// GROUP BY whatever the period, as aggregates did before.
func aggregatesBySQL(t *testing.T, s *Store, path string, p Period) []aggRow {
	t.Helper()
	table, key := "tthc_daily", "day"
	from, to := p.From.String(), p.To.String()
	if yf, yt, ok := p.Years(); ok {
		table, key, from, to = "tthc_yearly", "year", yf, yt
	} else if mf, mt, ok := p.Months(); ok {
		table, key, from, to = "tthc_monthly", "month", mf, mt
	}
	sums := make([]string, len(aggregateColumns))
	for i, c := range aggregateColumns {
		sums[i] = "SUM(" + c + ")"
	}
	prefix := escapeLike(path) + "%"
	var out []aggRow
	err := eachRow(context.Background(), s.db.R, "SELECT unit_id, procedure_id, "+strings.Join(sums, ", ")+" FROM "+table+
		" WHERE unit_id IN ("+subtreeUnits(1)+") AND "+key+" >= $2 AND "+key+" <= $3 GROUP BY unit_id, procedure_id",
		[]any{prefix, from, to}, func(r *sql.Rows) error {
			var a aggRow
			dst := []any{&a.unit, &a.proc}
			for _, f := range aggregateFields(&a.a) {
				dst = append(dst, f)
			}
			if err := r.Scan(dst...); err != nil {
				return err
			}
			a.a.Day, a.a.ProcedureCode = p.From, strconv.FormatInt(a.proc, 10)
			out = append(out, a)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	err = eachRow(context.Background(), s.db.R, "SELECT unit_id, procedure_id, SUM(overdue_delta) FROM "+table+
		" WHERE unit_id IN ("+subtreeUnits(1)+") AND "+key+" < $2 GROUP BY unit_id, procedure_id", []any{prefix, from}, func(r *sql.Rows) error {
		var a aggRow
		if err := r.Scan(&a.unit, &a.proc, &a.a.OverdueDelta); err != nil {
			return err
		}
		if a.a.OverdueDelta != 0 {
			a.a.Day, a.a.ProcedureCode = p.From-1, strconv.FormatInt(a.proc, 10)
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// unitPaths and childUnits read the units as the plain computation did,
// one query each.
func (s *Store) unitPaths(ctx context.Context, path string) (map[int64]string, error) {
	out := map[int64]string{}
	err := eachRow(ctx, s.db.Heavy(ctx), "SELECT id, path FROM units WHERE path LIKE $1 ESCAPE '\\'", []any{escapeLike(path) + "%"}, func(r *sql.Rows) error {
		var id int64
		var p string
		if err := r.Scan(&id, &p); err != nil {
			return err
		}
		out[id] = p
		return nil
	})
	return out, err
}

func (s *Store) childUnits(ctx context.Context, id int64) ([]UnitInfo, error) {
	var out []UnitInfo
	err := eachRow(ctx, s.db.Heavy(ctx), "SELECT id, code, name, path FROM units WHERE parent_id = $1 ORDER BY sort_key", []any{id}, func(r *sql.Rows) error {
		var u UnitInfo
		if err := r.Scan(&u.ID, &u.Code, &u.Name, &u.Path); err != nil {
			return err
		}
		out = append(out, u)
		return nil
	})
	return out, err
}

// processCPU is the user and system time the process has used.
func processCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
