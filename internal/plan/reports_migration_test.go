package plan

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/report"
)

// TestReportsIssuedBeforeTheSharedRegisterMoveIntoIt builds a database as it
// was before migration 004 (reports in plan_reports), issues two reports the
// old way, migrates, and finds them in the register of issued reports with
// their ids, the plan's title and their files' hashes.
func TestReportsIssuedBeforeTheSharedRegisterMoveIntoIt(t *testing.T) {
	ctx := context.Background()
	// Every migration but 004: later ones (005, baselines and the words a
	// plan wrote) are what today's store writes with.
	before := planMigrationsWhere(t, func(name string) bool { return !strings.HasPrefix(name, "004") })
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, report.Migrations, before)
	orgs := org.NewStore(conn, nil)
	if _, err := orgs.LoadDemo(ctx, "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: conn, org: orgs, today: on("2026-03-20")}
	f.store = NewStore(conn, t.TempDir(), func() time.Time { return f.today })
	in, id := f.plan2026()
	for _, r := range []struct{ number, period, sum string }{{"3/BC-SKHCN", "2026Q1", strings.Repeat("a", 64)}, {"/BC-SKHCN", "2026Q2", strings.Repeat("b", 64)}} {
		if _, err := conn.W.ExecContext(ctx, `INSERT INTO plan_reports (plan_id, unit_id, number, period, issued_on, format, file_name, sha256, size, created_by, created_at)
VALUES ($1, $2, $3, $4, '2026-04-05', 'docx', 'bao-cao.docx', $5, 100, 'vanphong', $6)`, id, in.UnitID, r.number, r.period, r.sum, "2026-04-05T0"+r.period[5:]+":00:00Z"); err != nil {
			t.Fatal(err)
		}
	}
	if err := conn.Migrate(ctx, audit.Migrations, org.Migrations, report.Migrations, Migrations); err != nil {
		t.Fatal(err)
	}
	list, more, err := f.store.Reports(ctx, id, 1, 10)
	if err != nil || more || len(list) != 2 {
		t.Fatalf("reports after the move: %+v, %v, %v", list, more, err)
	}
	// newest first
	if got := list[0]; got.ID != 2 || got.Number != "/BC-SKHCN" || got.Period != "2026Q2" || got.Title != in.Title || got.SHA256 != strings.Repeat("b", 64) || got.Kind != ReportKind {
		t.Errorf("second report = %+v", got)
	}
	if got := list[1]; got.ID != 1 || got.Number != "3/BC-SKHCN" || !got.IssuedOn.Equal(on("2026-04-05")) || got.CreatedBy != "vanphong" {
		t.Errorf("first report = %+v", got)
	}
	if err := f.store.DeletePlan(ctx, audit.System, id); err == nil {
		t.Error("a plan with reports in the register was deleted")
	}
	tables, err := db.Tables(audit.Migrations, org.Migrations, report.Migrations, Migrations)
	if err != nil {
		t.Fatal(err)
	}
	if joined := "," + strings.Join(tables, ",") + ","; strings.Contains(joined, ",plan_reports,") || !strings.Contains(joined, ",issued_reports,") {
		t.Errorf("tables: %v", tables)
	}
}

// planMigrationsWhere is the plan module with only the migrations whose file
// name keep accepts (and none of the Go ones): a database as an older
// binary left it, for the tests of a migration.
func planMigrationsWhere(t *testing.T, keep func(name string) bool) db.Module {
	t.Helper()
	before := fstest.MapFS{}
	entries, err := fs.ReadDir(Migrations.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if keep(e.Name()) {
			b, err := fs.ReadFile(Migrations.FS, e.Name())
			if err != nil {
				t.Fatal(err)
			}
			before[e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	return db.Module{Name: Migrations.Name, FS: before}
}
