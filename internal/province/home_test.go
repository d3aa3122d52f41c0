package province

import (
	"context"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// What the warm-up computes for a province (WarmLeaderHome) is what the
// home of a leader of the province then reads: their block asks the plans
// and the index nothing more, and once a task changes (an audited change
// the plans' figures read) it asks the plans again.
func TestAProvinceLeadersHomeReadsWhatTheWarmUpKept(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var dimensions, indexes int
	f.store.src.Dimensions = func(context.Context, int, []int64, time.Time, time.Time) ([]DimensionProgress, error) {
		dimensions++
		return []DimensionProgress{{Dimension: "D1", Progress: Progress{Total: 10, Done: 4}}}, nil
	}
	f.store.src.ProgressReads = audit.NewScope([]string{"task_instances"})
	f.src.Index = func(_ context.Context, _ int64, ids []int64, _ string) (map[int64]IndexScore, error) {
		indexes++
		return map[int64]IndexScore{ids[0]: {Total: 80, Known: true}}, nil
	}
	root := f.unit(org.DemoProvinceCode)
	if err := f.store.WarmLeaderHome(ctx, root.ID); err != nil {
		t.Fatal(err)
	}
	if dimensions != 1 || indexes != 2 {
		t.Fatalf("the warm-up asked the plans %d times and the index %d, want 1 and 2 (this quarter and the one before)", dimensions, indexes)
	}
	leader := &org.User{ID: 99, UnitID: root.ID, UnitPath: root.Path, Roles: []org.Role{org.RoleLeader}, Active: true}
	b, err := f.store.leaderBlock(ctx, leader, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if dimensions != 1 || b.Chart == "" {
		t.Fatalf("the leader's first home asked the plans again (%d) or shows no progress", dimensions)
	}
	if _, err := f.db.W.ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, entity) VALUES ($1, 'test', 'update', 'task_instances')`,
		time.Now().UTC().Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.leaderBlock(ctx, leader, "vi"); err != nil || dimensions != 2 {
		t.Fatalf("after a task changed the plans were asked %d times (%v), want 2", dimensions, err)
	}
}
