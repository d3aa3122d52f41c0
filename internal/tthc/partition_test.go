package tthc

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

// indexFigures is the index of the province and the demo agency over the
// periods an operator looks at, as JSON so two runs compare whole.
func indexFigures(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, code := range []string{org.DemoProvinceCode, demoAgency} {
		unit := unitOf(t, s, code)
		for _, name := range []string{"2024", "2025", "2026", "2026-03", "2026Q2", "2026-02-10..2026-05-20", "2027"} {
			p, err := ParsePeriod(name)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := s.Index(context.Background(), unit, p, IndexOptions{Breakdowns: true})
			if err != nil {
				t.Fatal(err)
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

func partitionsOf(t *testing.T, d *db.DB, table string) []string {
	t.Helper()
	rows, err := d.R.Query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = to_regclass($1) ORDER BY c.relname`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// The migration converts a database that holds two years of dossiers in
// place; every figure of the index reads the same before and after.
func TestPartitioningTheAggregatesInPlaceKeepsEveryFigure(t *testing.T) {
	if dbtest.Engine() != db.Postgres {
		t.Skip("partitioning is PostgreSQL's; SQLite keeps plain tables")
	}
	ctx := context.Background()
	// The SQL files and 008 (the importer writes partitioned dossiers), not 006.
	before := db.Module{Name: Migrations.Name, FS: Migrations.FS, Funcs: map[string]db.MigrationFunc{"008_partition_dossiers": partitionDossiers}}
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, before)
	if _, err := org.NewStore(conn, nil).LoadDemo(ctx, "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	s := NewStore(conn, testBox{}, nil)
	for _, year := range []int{2025, 2026} {
		if rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, demoAgency), int64(year), 1200, GenerateOptions{Year: year, Procedures: 8}, nil, nil); err != nil || rep.Rejected != 0 {
			t.Fatalf("generate %d: %+v %v", year, rep, err)
		}
	}
	if got := partitionsOf(t, conn, "tthc_daily"); len(got) != 0 {
		t.Fatalf("before the migration tthc_daily has partitions %v", got)
	}
	want := indexFigures(t, s)
	if want[demoAgency+" 2025"] == want[demoAgency+" 2027"] {
		t.Fatal("2025 reads like an empty year: the test compares nothing")
	}

	if err := conn.Migrate(ctx, Migrations); err != nil {
		t.Fatal(err)
	}
	daily := partitionsOf(t, conn, "tthc_daily")
	for _, p := range []string{"tthc_daily_default", "tthc_daily_y2025m01", "tthc_daily_y2026m12"} {
		if !contains(daily, p) {
			t.Errorf("tthc_daily partitions %v lack %s", daily, p)
		}
	}
	for _, table := range []string{"tthc_monthly", "tthc_yearly"} {
		if got := partitionsOf(t, conn, table); !contains(got, table+"_y2025") || !contains(got, table+"_y2026") {
			t.Errorf("%s partitions %v lack 2025 and 2026", table, got)
		}
	}
	var stray int
	if err := conn.R.QueryRow(`SELECT (SELECT COUNT(*) FROM tthc_daily_default) + (SELECT COUNT(*) FROM tthc_monthly_default) + (SELECT COUNT(*) FROM tthc_yearly_default)`).Scan(&stray); err != nil || stray != 0 {
		t.Fatalf("rows left in default partitions: %d (%v)", stray, err)
	}
	got := indexFigures(t, s)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s changed with partitioning:\nbefore %s\nafter  %s", k, w, got[k])
		}
	}

	// Imports keep working on the partitioned tables, rows of a year without
	// partitions landing in the default ones until upkeep rehomes them.
	if rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, demoAgency), 2024, 300, GenerateOptions{Year: 2024, Procedures: 8}, nil, nil); err != nil || rep.Rejected != 0 {
		t.Fatalf("generate after partitioning: imported %d, rejected %d, %v", rep.Imported, rep.Rejected, err)
	}
	want2024 := indexFigures(t, s)
	if _, err := EnsurePartitions(ctx, conn, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := partitionsOf(t, conn, "tthc_yearly"); !contains(got, "tthc_yearly_y2024") {
		t.Errorf("after upkeep tthc_yearly has %v, lacking 2024", got)
	}
	after := indexFigures(t, s)
	for k, w := range want2024 {
		if got := after[k]; got != w {
			t.Errorf("%s changed when upkeep moved rows out of the default partitions", k)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Upkeep creates the coming months, moves rows that fell into a default
// partition into their own, and does nothing the second time.
func TestEnsurePartitionsCreatesAheadAndRehomesStrayRows(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, Location)
	if s.db.Dialect != db.Postgres {
		if n, err := EnsurePartitions(ctx, s.db, now); n != 0 || err != nil {
			t.Fatalf("on SQLite EnsurePartitions = %d, %v; want nothing", n, err)
		}
		return
	}
	if _, err := s.db.W.Exec(`INSERT INTO tthc_daily (day, unit_id, procedure_id, received) VALUES ('1999-05-03', 1, 1, 4)`); err != nil {
		t.Fatal(err)
	}
	n, err := EnsurePartitions(ctx, s.db, now)
	if err != nil {
		t.Fatal(err)
	}
	daily := partitionsOf(t, s.db, "tthc_daily")
	for _, p := range []string{"tthc_daily_y1999m05", "tthc_daily_y2026m12", "tthc_daily_y2028m01"} {
		if !contains(daily, p) {
			t.Errorf("after upkeep tthc_daily has %v, lacking %s", daily, p)
		}
	}
	if contains(daily, "tthc_daily_y2028m02") {
		t.Errorf("upkeep went past 13 months ahead: %v", daily)
	}
	// The dossiers' months ahead too (migration 008), from the same code.
	dossiers := partitionsOf(t, s.db, "tthc_dossiers")
	for _, p := range []string{"tthc_dossiers_default", "tthc_dossiers_y2026m12", "tthc_dossiers_y2028m01"} {
		if !contains(dossiers, p) {
			t.Errorf("after upkeep tthc_dossiers has %v, lacking %s", dossiers, p)
		}
	}
	if contains(dossiers, "tthc_dossiers_y2028m02") {
		t.Errorf("upkeep went past 13 months ahead: %v", dossiers)
	}
	var inDefault, inOwn int
	if err := s.db.R.QueryRow(`SELECT (SELECT COUNT(*) FROM tthc_daily_default), (SELECT COALESCE(SUM(received), 0) FROM tthc_daily_y1999m05)`).Scan(&inDefault, &inOwn); err != nil {
		t.Fatal(err)
	}
	if inDefault != 0 || inOwn != 4 {
		t.Fatalf("default partition holds %d rows, 1999-05 has %d received; want 0 and 4", inDefault, inOwn)
	}
	if again, err := EnsurePartitions(ctx, s.db, now); err != nil || again != 0 {
		t.Fatalf("second upkeep created %d (%v), want 0 (first created %d)", again, err, n)
	}
}

// A bulk import creates the partitions of its months first (nothing goes
// to the default partitions) and leaves the planner fresh statistics on
// PostgreSQL: the partitions it filled are analysed on a small sample, which
// partition upkeep replaces with the database's own (RefineStatistics); a
// later, smaller import into the same months leaves them alone until they
// have doubled.
func TestABulkImportAnalyzesThePartitionsItFilled(t *testing.T) {
	if dbtest.Engine() != db.Postgres {
		t.Skip("partitions and ANALYZE after imports are PostgreSQL's")
	}
	ctx := context.Background()
	s := newStore(t)
	old := analyzeAfter
	analyzeAfter = 40 // a small import stands for a large one
	t.Cleanup(func() { analyzeAfter = old })
	analyzed := func() map[string]string {
		out := map[string]string{}
		rows, err := s.db.R.Query(`SELECT relname, COALESCE(last_analyze::text, '') FROM pg_stat_user_tables WHERE schemaname = current_schema()
AND relname ~ '^tthc_(dossiers|daily|monthly|yearly)_(y2025|default)'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var name, at string
			if err := rows.Scan(&name, &at); err != nil {
				t.Fatal(err)
			}
			out[name] = at
		}
		return out
	}
	if rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, demoAgency), 3, 600, GenerateOptions{Year: 2025, Procedures: 4}, nil, nil); err != nil || rep.Imported != 600 {
		t.Fatalf("generate: imported %d, %v", rep.Imported, err)
	}
	if n := count(t, s, `SELECT (SELECT COUNT(*) FROM tthc_dossiers_default) + (SELECT COUNT(*) FROM tthc_daily_default) + (SELECT COUNT(*) FROM tthc_monthly_default) + (SELECT COUNT(*) FROM tthc_yearly_default)`); n != 0 {
		t.Errorf("%d rows in the default partitions after an import of 2025 (its partitions were not created first)", n)
	}
	first := analyzed()
	var want []string
	for m := 1; m <= 12; m++ {
		want = append(want, fmt.Sprintf("tthc_dossiers_y2025m%02d", m), fmt.Sprintf("tthc_daily_y2025m%02d", m))
	}
	want = append(want, "tthc_monthly_y2025", "tthc_yearly_y2025")
	for _, name := range want {
		if first[name] == "" {
			t.Errorf("%s not analysed after the import that filled it", name)
		}
	}
	// Analysed on a small sample (importStatisticsTarget): about 50 distinct
	// ids in March give 11 histogram bounds at target 10, 50 at the default.
	const idBounds = `SELECT COALESCE(array_length(histogram_bounds, 1), 0) FROM pg_stats
WHERE schemaname = current_schema() AND tablename = 'tthc_dossiers_y2025m03' AND attname = 'id'`
	if n := count(t, s, idBounds); n < 2 || n > importStatisticsTarget+1 {
		t.Errorf("the ids of March 2025 have %d histogram bounds after the import's analysis, want 2 to %d (statistics target %d)", n, importStatisticsTarget+1, importStatisticsTarget)
	}
	for _, name := range []string{"tthc_dossiers_default", "tthc_daily_default"} {
		if first[name] != "" {
			t.Errorf("%s analysed though the import wrote nothing there", name)
		}
	}
	// Partition upkeep analyses them again at the database's target, once.
	sampled := count(t, s, `SELECT COUNT(*) FROM tthc_sampled_statistics`)
	if sampled < len(want) {
		t.Errorf("%d partitions recorded as sampled, want at least the %d analysed", sampled, len(want))
	}
	if n, err := RefineStatistics(ctx, s.db); err != nil || n != sampled {
		t.Errorf("RefineStatistics: %d analysed, %v; want the %d recorded", n, err, sampled)
	}
	if n := count(t, s, idBounds); n <= importStatisticsTarget+1 {
		t.Errorf("the ids of March 2025 have %d histogram bounds after upkeep, want more than %d (the default target)", n, importStatisticsTarget+1)
	}
	if n, err := RefineStatistics(ctx, s.db); err != nil || n != 0 {
		t.Errorf("RefineStatistics again: %d analysed, %v; want none", n, err)
	}
	first = analyzed()
	// 50 more dossiers of 2025, another agency's (about 4 a month where
	// 50 are, so no partition doubles): no dossier partition of 2025 is
	// analysed again.
	if rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, "000.01.00.H33"), 4, 50, GenerateOptions{Year: 2025, Procedures: 4}, nil, nil); err != nil || rep.Imported != 50 {
		t.Fatalf("second generate: imported %d, %v", rep.Imported, err)
	}
	second := analyzed()
	for m := 1; m <= 12; m++ {
		name := fmt.Sprintf("tthc_dossiers_y2025m%02d", m)
		if second[name] != first[name] {
			t.Errorf("%s analysed again after a smaller import (%s, then %s)", name, first[name], second[name])
		}
	}
}
