package tthc

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

// figuresOver is the index of the province and the demo agency over
// periods, as JSON, read past the cache (computeIndex) so that a change
// made behind the store's back shows.
func figuresOver(t *testing.T, s *Store, periods ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, code := range []string{org.DemoProvinceCode, demoAgency} {
		unit := unitOf(t, s, code)
		for _, name := range periods {
			p, err := ParsePeriod(name)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := s.computeIndex(context.Background(), unit, p, IndexOptions{Breakdowns: true})
			if err != nil {
				t.Fatalf("index of %s over %s: %v", code, name, err)
			}
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			out[code+" "+name] = string(b)
		}
	}
	return out
}

func sameFigures(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s changed %s:\nbefore %s\nafter  %s", k, what, w, got[k])
		}
	}
}

// The carried-forward dossiers of the tests: received in December 2025 with
// 5 working days, one ended late in January 2026 (it fell overdue in 2025
// and stopped being so in 2026), one still open.
const carriedCSV = header +
	"000.07.00.H33-251222-9001,1.000001,20251222090000,20251229170000,9,20260120100000,,1,,,\n" +
	"000.07.00.H33-251223-9002,1.000001,20251223090000,20251230170000,4,,,1,,,\n"

var (
	monthsAndYears = []string{"2025", "2025-01", "2025-06", "2025-12", "2026", "2026-01", "2026-02", "2026-03", "2026Q2", "2026-02-10..2026-05-20"}
	keptPeriods    = []string{"2026", "2026-01", "2026-02", "2026-03", "2026Q1", "2026-01-05..2026-03-31", "2027"}
)

// Migration 008 converts a database holding two years of dossiers in place:
// the dossiers land in partitions of their month of receipt, every code gets
// its entry, and every index figure (units × months, the province × years)
// reads the same before and after; look-ups, re-imports and a change of the
// day of receipt keep working.
func TestPartitioningTheDossiersInPlaceKeepsEveryFigure(t *testing.T) {
	if dbtest.Engine() != db.Postgres {
		t.Skip("partitioning is PostgreSQL's; SQLite keeps plain tables")
	}
	ctx := context.Background()
	mods := []db.Module{audit.Migrations, org.Migrations, Migrations}
	// The data is made on a current database and restored into one
	// migrated up to 007 (the importer of today writes the code entries).
	src := newStore(t)
	for _, year := range []int{2025, 2026} {
		if rep, err := src.GenerateInto(ctx, audit.CLI(), unitOf(t, src, demoAgency), int64(year), 1200, GenerateOptions{Year: year, Procedures: 8}, nil, nil); err != nil || rep.Rejected != 0 {
			t.Fatalf("generate %d: %+v %v", year, rep, err)
		}
	}
	withProcedure(t, src, "1.000001", 5)
	if rep := importCSV(t, src, carriedCSV, false); rep.Imported != 2 {
		t.Fatalf("carried-forward dossiers: %+v", rep)
	}
	// db.Restore migrates to the end first, so the rows are copied table by
	// table from the source's schema (the same PostgreSQL database).
	before := db.Module{Name: Migrations.Name, FS: Migrations.FS, Funcs: map[string]db.MigrationFunc{"006_partition_aggregates": partitionAggregates}}
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, before)
	copyRows(t, src.db, conn, mods...)
	s := NewStore(conn, testBox{}, nil)
	if got := partitionsOf(t, conn, "tthc_dossiers"); len(got) != 0 {
		t.Fatalf("before the migration tthc_dossiers has partitions %v", got)
	}
	want := figuresOver(t, s, monthsAndYears...)
	sameFigures(t, "between the source and the restored plain table", figuresOver(t, src, monthsAndYears...), want)
	if want[demoAgency+" 2025-06"] == want[demoAgency+" 2027"] || !strings.Contains(want[org.DemoProvinceCode+" 2026"], `"received"`) {
		t.Fatal("the figures look empty: the test compares nothing")
	}
	dossiers := count(t, s, `SELECT COUNT(*) FROM tthc_dossiers`)

	if err := conn.Migrate(ctx, Migrations); err != nil {
		t.Fatal(err)
	}
	parts := partitionsOf(t, conn, "tthc_dossiers")
	for _, p := range []string{"tthc_dossiers_default", "tthc_dossiers_y2025m01", "tthc_dossiers_y2025m12", "tthc_dossiers_y2026m06"} {
		if !contains(parts, p) {
			t.Errorf("tthc_dossiers partitions %v lack %s", parts, p)
		}
	}
	if n := count(t, s, `SELECT COUNT(*) FROM tthc_dossiers_default`); n != 0 {
		t.Errorf("%d dossiers left in the default partition", n)
	}
	if n, c := count(t, s, `SELECT COUNT(*) FROM tthc_dossiers`), count(t, s, `SELECT COUNT(*) FROM tthc_dossier_codes`); n != dossiers || c != dossiers {
		t.Fatalf("after the migration %d dossiers and %d codes, want %d of each", n, c, dossiers)
	}
	sameFigures(t, "with partitioning", want, figuresOver(t, s, monthsAndYears...))

	// Look-ups by code read the same dossier as the source.
	var codes []string
	if err := eachRow(ctx, conn.R, `SELECT code FROM tthc_dossiers ORDER BY code LIMIT 5`, nil, func(r *sql.Rows) error {
		var c string
		codes = append(codes, c)
		return r.Scan(&codes[len(codes)-1])
	}); err != nil {
		t.Fatal(err)
	}
	for _, code := range append(codes, "000.07.00.H33-251222-9001") {
		a, err := src.Dossier(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.Dossier(ctx, code)
		if err != nil {
			t.Fatalf("look-up of %s after the migration: %v", code, err)
		}
		if fingerprint(a) != fingerprint(b) {
			t.Errorf("%s reads differently:\n%s\n%s", code, fingerprint(a), fingerprint(b))
		}
		if _, err := s.PublicDossier(ctx, code, ""); err != nil {
			t.Errorf("public look-up of %s: %v", code, err)
		}
	}
	if _, err := s.Dossier(ctx, "000.07.00.H33-251222-9999"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown code: %v, want ErrNotFound", err)
	}

	// Importing the same dossiers again changes nothing; a dossier whose day
	// of receipt moves to another month moves partition and keeps its id.
	if rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, demoAgency), 2025, 1200, GenerateOptions{Year: 2025, Procedures: 8}, nil, nil); err != nil || rep.Imported != 0 || rep.Unchanged != 1200 {
		t.Fatalf("re-import: %+v %v, want 1200 unchanged", rep, err)
	}
	// An online dossier submitted on 30 December and received on 2 January
	// moves from December's partition to January's.
	const online = "000.07.00.H33-251230-9005"
	submitted := Incoming{Dossier: Dossier{Code: online, ProcedureCode: "1.000001", Channel: ChannelOnline,
		SubmittedAt: at("2025-12-30 20:00"), Events: []Event{ev(StatusSubmittedOnline, "2025-12-30 20:00")}}}
	received := submitted
	received.Dossier.ReceivedAt = at("2026-01-02 09:00")
	received.Dossier.Events = []Event{ev(StatusSubmittedOnline, "2025-12-30 20:00"), ev(StatusReceived, "2026-01-02 09:00")}
	for _, st := range []*Store{src, s} {
		im, err := st.NewImporter(ctx, audit.CLI(), "api", "")
		if err != nil {
			t.Fatal(err)
		}
		if res, err := im.Apply(ctx, []Incoming{submitted}); err != nil || res.Imported != 1 {
			t.Fatalf("submitted online: %+v %v", res, err)
		}
	}
	first, err := s.Dossier(ctx, online)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM tthc_dossiers_y2025m12 WHERE code = $1`, online); n != 1 {
		t.Fatalf("the online dossier is %d times in December 2025's partition", n)
	}
	for _, st := range []*Store{src, s} {
		im, err := st.NewImporter(ctx, audit.CLI(), "api", "")
		if err != nil {
			t.Fatal(err)
		}
		if res, err := im.Apply(ctx, []Incoming{received}); err != nil || res.Imported != 1 {
			t.Fatalf("received: %+v %v", res, err)
		}
	}
	moved, err := s.Dossier(ctx, online)
	if err != nil {
		t.Fatal(err)
	}
	if moved.ID != first.ID || moved.Status != StatusReceived {
		t.Fatalf("moved dossier: id %d (was %d), status %d", moved.ID, first.ID, moved.Status)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM tthc_dossiers_y2026m01 WHERE code = $1`, online); n != 1 {
		t.Fatalf("the moved dossier is %d times in January 2026's partition", n)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM tthc_dossiers WHERE code = $1`, online); n != 1 {
		t.Fatalf("the moved dossier is stored %d times", n)
	}
	if n := count(t, s, `SELECT COUNT(*) FROM tthc_dossier_codes WHERE code = $1 AND received_day = '2026-01-02'`, online); n != 1 {
		t.Fatal("the code's entry kept the old day of receipt")
	}
	// The same imports on the source (never converted) give the same figures.
	sameFigures(t, "between the converted database and the source after the same imports", figuresOver(t, src, monthsAndYears...), figuresOver(t, s, monthsAndYears...))
}

// Archiving the years before 2026 leaves every figure of 2026 as it was,
// including those of dossiers received in 2025 and overdue or ended in
// 2026; what lies in the archived years is refused with a reason, and
// restoring brings everything back.
func TestArchivingOldYearsKeepsTheFiguresOfTheYearsThatStay(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if s.db.Dialect != db.Postgres {
		if _, err := s.Archive(ctx, audit.CLI(), 2025); !errors.Is(err, ErrNotPostgres) {
			t.Fatalf("archive on SQLite: %v, want ErrNotPostgres", err)
		}
		return
	}
	schema, agency := archiveFixture(t, s)
	kept := figuresOver(t, s, keptPeriods...)
	old := figuresOver(t, s, "2024", "2025", "2025-12")

	rep, err := s.Archive(ctx, audit.CLI(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Years) != 2 || rep.Years[0] != 2024 || rep.Years[1] != 2025 || rep.Dossiers != 1202 || rep.Open < 1 || rep.Carry == 0 {
		t.Fatalf("archive report %+v: want 2024–2025, 1,202 dossiers, the open one among them, a carried-forward figure", rep)
	}
	for _, table := range []string{"tthc_dossiers", "tthc_daily", "tthc_monthly", "tthc_yearly"} {
		for _, p := range partitionsOf(t, s.db, table) {
			if strings.Contains(p, "_y2024") || strings.Contains(p, "_y2025") {
				t.Errorf("%s still attached", p)
			}
		}
	}
	if n := count(t, s, `SELECT COUNT(*) FROM pg_tables WHERE schemaname = $1 AND tablename LIKE 'tthc_dossiers_y2025m%'`, schema+"_archive"); n != 12 {
		t.Errorf("%d partitions of 2025's dossiers in the archive schema, want 12", n)
	}
	sameFigures(t, "when 2024 and 2025 were archived", kept, figuresOver(t, s, keptPeriods...))

	// Without the carried-forward figure the open-overdue counts of 2026
	// would change: the two December dossiers are overdue from 2025.
	var carry int
	if err := s.db.R.QueryRow(`SELECT COALESCE(SUM(overdue_delta), 0) FROM tthc_carry c JOIN tthc_procedures p ON p.id = c.procedure_id WHERE p.code = '1.000001'`).Scan(&carry); err != nil || carry != 2 {
		t.Fatalf("carried-forward overdue of the December dossiers: %d (%v), want 2", carry, err)
	}
	if _, err := s.db.W.Exec(`CREATE TABLE carry_saved AS SELECT * FROM tthc_carry`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.W.Exec(`DELETE FROM tthc_carry`); err != nil {
		t.Fatal(err)
	}
	without := figuresOver(t, s, "2026-01")
	if without[demoAgency+" 2026-01"] == kept[demoAgency+" 2026-01"] {
		t.Error("January 2026 reads the same without the carried-forward figure: the test proves nothing")
	}
	if _, err := s.db.W.Exec(`INSERT INTO tthc_carry SELECT * FROM carry_saved`); err != nil {
		t.Fatal(err)
	}
	sameFigures(t, "with the carried-forward figure back", kept, figuresOver(t, s, keptPeriods...))

	// What lies in the archived years says so.
	if _, err := s.Index(ctx, agency, mustPeriod(t, "2025-12"), IndexOptions{}); !errors.Is(err, ErrArchived) {
		t.Errorf("index of December 2025: %v, want ErrArchived", err)
	}
	if _, err := s.Index(ctx, agency, mustPeriod(t, "2025-12-15..2026-01-15"), IndexOptions{}); !errors.Is(err, ErrArchived) {
		t.Errorf("index of a range starting in 2025: %v, want ErrArchived", err)
	}
	trend, err := s.Trend(ctx, agency, mustPeriod(t, "2026-02"), 4)
	if err != nil || len(trend) != 2 {
		t.Errorf("trend of 4 months to February 2026: %d periods, %v; want January and February", len(trend), err)
	}
	if d, err := s.Dossier(ctx, "000.07.00.H33-251222-9001"); err != nil || !d.Archived {
		t.Errorf("staff look-up of an archived dossier: %v, want it read from the archive", err)
	}
	var ae *ArchivedError
	if _, err := s.PublicDossier(ctx, "000.07.00.H33-251222-9001", ""); !errors.As(err, &ae) || ae.Year != "2025" || !strings.Contains(err.Error(), "lưu trữ") {
		t.Errorf("public look-up of an archived dossier: %v", err)
	}
	rejected := importCSV(t, s, header+
		"000.07.00.H33-251223-9002,1.000001,20251223090000,20251230170000,9,20260302100000,,1,,,\n"+
		"000.07.00.H33-251215-9003,1.000001,20251215090000,20251222170000,4,,,1,,,\n", true)
	if rejected.Imported != 0 || rejected.Rejected != 2 || !strings.Contains(rejected.Errors[0].Reason, "lưu trữ") || !strings.Contains(rejected.Errors[1].Reason, "lưu trữ") {
		t.Errorf("import into archived years: %+v", rejected)
	}
	sameFigures(t, "after the refused import", kept, figuresOver(t, s, keptPeriods...))

	// Restoring 2025 alone, then 2024: every figure as before the archive.
	if rep, err := s.Restore(ctx, audit.CLI(), 2025); err != nil || len(rep.Years) != 1 || rep.Years[0] != 2025 {
		t.Fatalf("restore 2025: %+v %v", rep, err)
	}
	sameFigures(t, "when 2025 came back", kept, figuresOver(t, s, keptPeriods...))
	sameFigures(t, "when 2025 came back", map[string]string{org.DemoProvinceCode + " 2025": old[org.DemoProvinceCode+" 2025"]},
		figuresOver(t, s, "2025"))
	if _, err := s.Index(ctx, agency, mustPeriod(t, "2024"), IndexOptions{}); !errors.Is(err, ErrArchived) {
		t.Errorf("2024 still archived: %v", err)
	}
	if rep, err := s.Restore(ctx, audit.CLI(), 2020); err != nil || len(rep.Years) != 1 || rep.Years[0] != 2024 || rep.Carry != 0 {
		t.Fatalf("restore from 2020: %+v %v, want 2024 back and nothing carried", rep, err)
	}
	sameFigures(t, "when everything came back", old, figuresOver(t, s, "2024", "2025", "2025-12"))
	sameFigures(t, "when everything came back", kept, figuresOver(t, s, keptPeriods...))
	if d, err := s.Dossier(ctx, "000.07.00.H33-251222-9001"); err != nil || d.Status != StatusResolved || d.Archived {
		t.Fatalf("restored dossier: %v", err)
	}
	if years, err := s.ArchivedYears(ctx); err != nil || len(years) != 0 {
		t.Fatalf("archived years after restoring all: %v %v", years, err)
	}
}

// archiveFixture fills s (PostgreSQL) with 600 generated dossiers a year
// in 2024–2026 and the carried-forward dossiers, each month in its own
// partition, and drops the archive schema at the end; it returns the
// database's schema and the demo agency.
func archiveFixture(t *testing.T, s *Store) (string, UnitInfo) {
	t.Helper()
	ctx := context.Background()
	var schema string
	if err := s.db.R.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.db.W.Exec(`DROP SCHEMA IF EXISTS ` + schema + `_archive CASCADE`) })
	agency := unitOf(t, s, demoAgency)
	for _, year := range []int{2024, 2025, 2026} {
		if rep, err := s.GenerateInto(ctx, audit.CLI(), agency, int64(year), 600, GenerateOptions{Year: year, Procedures: 8}, nil, nil); err != nil || rep.Rejected != 0 {
			t.Fatalf("generate %d: %+v %v", year, rep, err)
		}
	}
	withProcedure(t, s, "1.000001", 5)
	if rep := importCSV(t, s, carriedCSV, false); rep.Imported != 2 {
		t.Fatalf("carried-forward dossiers: %+v", rep)
	}
	if _, err := EnsurePartitions(ctx, s.db, s.now()); err != nil {
		t.Fatal(err)
	}
	return schema, agency
}

func mustPeriod(t *testing.T, s string) Period {
	t.Helper()
	p, err := ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// copyRows copies every row of the modules' tables from one PostgreSQL
// schema to another of the same database, and moves the identity
// sequences past the copied ids.
func copyRows(t *testing.T, from, to *db.DB, mods ...db.Module) {
	t.Helper()
	var src string
	if err := from.R.QueryRow(`SELECT current_schema()`).Scan(&src); err != nil {
		t.Fatal(err)
	}
	tables, err := db.Tables(mods...)
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		if _, err := to.W.Exec(`INSERT INTO ` + table + ` SELECT * FROM ` + src + `.` + table); err != nil {
			t.Fatalf("copy %s: %v", table, err)
		}
		var seq sql.NullString
		if err := to.R.QueryRow(`SELECT pg_get_serial_sequence($1, 'id') FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id'`, table).Scan(&seq); err == nil && seq.Valid {
			if _, err := to.W.Exec(`SELECT setval($1, COALESCE((SELECT MAX(id) FROM `+table+`), 0) + 1, false)`, seq.String); err != nil {
				t.Fatal(err)
			}
		}
	}
}
