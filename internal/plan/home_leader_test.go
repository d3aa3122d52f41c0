package plan

import (
	"context"
	"reflect"
	"testing"
	"time"

	"papihub/internal/org"
)

// A province leader's overdue work warmed at start (WarmLeaderHome) is what
// their home then reads: an instance changed without an audit entry since
// does not show, the next audited change does.
func TestTheWarmedOverdueWorkIsWhatTheLeadersHomeReads(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.plan2026()
	f.today = on("2026-09-20")
	root := f.unit(org.DemoProvinceCode)
	if err := f.store.WarmLeaderHome(ctx, root.Path); err != nil {
		t.Fatal(err)
	}
	want, _, err := f.store.firstOverdue(ctx, root.Path, decideLines)
	if err != nil || len(want) == 0 {
		t.Fatalf("overdue in the province: %d, %v", len(want), err)
	}
	if _, err := f.db.W.ExecContext(ctx, `UPDATE task_instances SET status = 'accepted'`); err != nil { // unaudited
		t.Fatal(err)
	}
	leader := &org.User{ID: 99, UnitID: root.ID, UnitPath: root.Path, Roles: []org.Role{org.RoleLeader}, Active: true}
	lines := func() int {
		b, err := f.store.decideBlock(ctx, leader, "vi")
		if err != nil {
			t.Fatal(err)
		}
		return len(b.Lines)
	}
	if got := lines(); got != len(want) {
		t.Fatalf("the leader's home lists %d overdue, want the %d warmed", got, len(want))
	}
	if got, _, _ := f.store.leaderOverdue(ctx, root.Path); !reflect.DeepEqual(got, want) {
		t.Fatal("the kept overdue work is not what was warmed")
	}
	if _, err := f.db.W.ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, entity) VALUES ($1, 'test', 'update', 'task_instances')`,
		time.Now().UTC().Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	if got := lines(); got != 0 {
		t.Fatalf("after an audited change the leader's home lists %d overdue, want 0", got)
	}
}
