package plan

import (
	"context"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/report"
)

// A database that held plans before the counts existed gets them counted by
// the migration, and kept from then on.
func TestTheInstanceCountsStartFromThePlansAlreadyStored(t *testing.T) {
	ctx := context.Background()
	before := planMigrationsWhere(t, func(name string) bool { return name < "007" })
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, report.Migrations, before)
	orgs := org.NewStore(conn, nil)
	if _, err := orgs.LoadDemo(ctx, "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: conn, org: orgs, today: on("2026-03-20")}
	f.store = NewStore(conn, t.TempDir(), func() time.Time { return f.today })
	_, id := f.plan2026()
	if _, err := conn.W.ExecContext(ctx, `UPDATE task_instances SET status = 'submitted', submitted_on = due_date WHERE plan_id = $1 AND due_date < '2026-04-01'`, id); err != nil {
		t.Fatal(err)
	}
	if err := conn.Migrate(ctx, audit.Migrations, org.Migrations, report.Migrations, Migrations); err != nil {
		t.Fatal(err)
	}
	f.checkInstanceCounts()
	var n int
	if err := conn.R.QueryRowContext(ctx, `SELECT COALESCE(SUM(n), 0) FROM plan_instance_counts WHERE status = 'submitted' AND in_time = 1`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("submitted in time: %d, %v", n, err)
	}
	// and the triggers count what comes after
	if _, err := conn.W.ExecContext(ctx, `UPDATE task_instances SET status = 'accepted' WHERE plan_id = $1 AND status = 'submitted'`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.W.ExecContext(ctx, `DELETE FROM task_instances WHERE plan_id = $1 AND due_date > '2026-10-01'`, id); err != nil {
		t.Fatal(err)
	}
	f.checkInstanceCounts()
}
