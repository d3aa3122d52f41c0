package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// Dossiers whose overdue deltas fall after the generated years: received in
// December 2026 with 40 working days (1.000040), one still open (its +1 is
// dated in February 2027), one ended late in March 2027.
const futureOverdueCSV = header +
	"000.07.00.H33-261201-9101,1.000040,20261201090000,20270128170000,4,,,1,,,\n" +
	"000.07.00.H33-261202-9102,1.000040,20261202090000,20270129170000,9,20270310100000,,1,,,\n"

// overduePeriods are days, months, quarters, years and ranges, past and
// current, before and after the future-dated deltas.
func overduePeriods() []string {
	ps := []string{"2024", "2025", "2026", "2027", "2024-12-31..2024-12-31", "2025-01-01..2025-01-01", "2026-06-15..2026-06-15",
		"2026-12-31..2026-12-31", "2027-02-20..2027-02-20",
		"2025-03-10..2026-02-05", "2026-12-20..2027-01-10", "2024-06-01..2027-12-31"}
	for y := 2024; y <= 2026; y++ {
		for q := 1; q <= 4; q++ {
			ps = append(ps, fmt.Sprintf("%dQ%d", y, q))
		}
	}
	for y := 2025; y <= 2027; y++ {
		for m := 1; m <= 12; m++ {
			ps = append(ps, fmt.Sprintf("%d-%02d", y, m))
		}
	}
	return ps
}

// The open-overdue count read as the running total less the deltas after
// (overdueFromTotal) is the count read from the deltas before
// (overdueFromYears), for every period, on data of three years with deltas
// dated after them; after a procedure's time limit and the calendar change
// (both re-judge dossiers); and on PostgreSQL after archiving a year and
// restoring it. The total is what migration 010 computes from the yearly
// rows and tthc_carry each time.
func TestTheOverdueTotalGivesTheFiguresOfTheEarlierYears(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if s.db.Dialect == db.Postgres {
		var schema string
		if err := s.db.R.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.db.W.Exec(`DROP SCHEMA IF EXISTS ` + schema + `_archive CASCADE`) })
	}
	for i, code := range []string{demoAgency, "000.01.00.H33"} {
		for _, year := range []int{2024, 2025, 2026} {
			rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, code), int64(10*i+year), 300, GenerateOptions{Year: year, Procedures: 6}, nil, nil)
			if err != nil || rep.Rejected != 0 {
				t.Fatalf("generate %s %d: %+v %v", code, year, rep, err)
			}
		}
	}
	withProcedure(t, s, "1.000040", 40)
	if rep := importCSV(t, s, futureOverdueCSV, false); rep.Imported != 2 {
		t.Fatalf("dossiers overdue after 2026: %+v", rep)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM tthc_yearly WHERE year > '2026' AND overdue_delta <> 0`); n == 0 {
		t.Fatal("no overdue delta dated after 2026: the test proves less than it says")
	}
	periods := overduePeriods()
	totalIsTheDeltas(t, s)
	sameBothWays(t, s, "imported", periods)

	procs, _, err := s.Procedures(ctx, ProcedureFilter{Scope: unitOf(t, s, demoAgency).Path})
	if err != nil {
		t.Fatal(err)
	}
	p := procs[0]
	p.Statutory.Amount++
	if err := s.UpdateProcedure(ctx, audit.CLI(), p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetCalendarDay(ctx, audit.CLI(), CalendarEntry{Day: DateDay(2025, 8, 5), Kind: Holiday, Name: "Nghỉ đột xuất"}); err != nil {
		t.Fatal(err)
	}
	totalIsTheDeltas(t, s)
	sameBothWays(t, s, "re-judged", periods)

	if s.db.Dialect != db.Postgres {
		return
	}
	if _, err := EnsurePartitions(ctx, s.db, s.now()); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Archive(ctx, audit.CLI(), 2025); err != nil || len(rep.Years) != 1 || rep.Carry == 0 {
		t.Fatalf("archive 2024: %+v %v, want 2024 and a carried-forward figure", rep, err)
	}
	var kept []string
	for _, p := range periods {
		if !strings.HasPrefix(p, "2024") {
			kept = append(kept, p)
		}
	}
	totalIsTheDeltas(t, s)
	sameBothWays(t, s, "2024 archived", kept)
	if _, err := s.Restore(ctx, audit.CLI(), 2024); err != nil {
		t.Fatal(err)
	}
	totalIsTheDeltas(t, s)
	sameBothWays(t, s, "2024 restored", periods)
}

// sameBothWays checks the province's and the agency's index of each period
// (with breakdowns) read the two ways.
func sameBothWays(t *testing.T, s *Store, when string, periods []string) {
	t.Helper()
	defer func() { s.overdueWay = overdueAuto }()
	s.overdueWay = overdueFromYears
	years := figuresOver(t, s, periods...)
	s.overdueWay = overdueFromTotal
	total := figuresOver(t, s, periods...)
	sameFigures(t, when+", read from the total", years, total)
	s.overdueWay = overdueAuto
	sameFigures(t, when+", read the way chosen", years, figuresOver(t, s, periods...))
}

// totalIsTheDeltas checks the running total the writers kept against what
// migration 010 fills it with: the sum of the yearly deltas and the carried
// ones.
func totalIsTheDeltas(t *testing.T, s *Store) {
	t.Helper()
	kept := overdueTotalRows(t, s.db.R)
	if kept == "" {
		t.Fatal("no running total of the overdue deltas")
	}
	sqlText, err := migrationsFS.ReadFile("migrations/010_overdue_total.sql")
	if err != nil {
		t.Fatal(err)
	}
	_, fill, ok := strings.Cut(string(sqlText), ");\n\nINSERT")
	if !ok {
		t.Fatal("migration 010 has no INSERT after its CREATE TABLE")
	}
	tx, err := s.db.W.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`DELETE FROM tthc_overdue_total`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT" + fill); err != nil {
		t.Fatal(err)
	}
	if filled := overdueTotalRows(t, tx); filled != kept {
		t.Errorf("running total:\nkept   %s\nfilled %s", kept, filled)
	}
}

// overdueTotalRows lists the running totals other than 0 as text.
func overdueTotalRows(t *testing.T, q interface {
	Query(string, ...any) (*sql.Rows, error)
}) string {
	t.Helper()
	rows, err := q.Query(`SELECT unit_id, procedure_id, overdue_delta FROM tthc_overdue_total WHERE overdue_delta <> 0 ORDER BY unit_id, procedure_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var u, p, d int64
		if err := rows.Scan(&u, &p, &d); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%d/%d:%d ", u, p, d)
	}
	return b.String()
}
