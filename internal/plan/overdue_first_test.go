package plan

import (
	"context"
	"reflect"
	"testing"

	"papihub/internal/audit"
)

// A leader's first overdue tasks, merged from each plan of their scope, are
// the page Instances lists over all plans for the scope: the same
// instances in the same order, and whether more follow, for the province
// (three plans), a department with one, a department with none, and pages
// shorter and longer than what is overdue.
func TestTheFirstOverdueOfAScopeAreThoseOfTheInstanceList(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.plan2026()
	if _, err := f.store.CreatePlan(ctx, audit.System, f.seedInput()); err != nil { // a 2023 plan of another department
		t.Fatal(err)
	}
	f.importShape("testdata/shapes/b-kem-quyet-dinh-tinh.txt")
	for _, q := range []string{
		`UPDATE task_instances SET status = 'submitted', submitted_on = due_date WHERE id % 4 = 0`,
		`UPDATE task_instances SET status = 'submitted', submitted_on = '2026-12-31' WHERE id % 4 = 1`,
		`UPDATE task_instances SET status = 'accepted' WHERE id % 5 = 0`,
	} {
		if _, err := f.db.W.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	f.today = on("2026-09-20")
	scopes := []string{"/", f.unit("000.07.00.H33").Path, f.unit("000.01.00.H33").Path}
	for _, scope := range scopes {
		for _, n := range []int{1, 3, 8, 500} {
			want, wantMore, err := f.store.Instances(ctx, InstanceFilter{ReadScope: scope, Overdue: true, PerPage: n})
			if err != nil {
				t.Fatal(err)
			}
			got, more, err := f.store.firstOverdue(ctx, scope, n)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) || more != wantMore {
				t.Errorf("scope %s, %d: got %d (more %v), want %d (more %v)", scope, n, len(got), more, len(want), wantMore)
			}
		}
	}
	if all, _, _ := f.store.Instances(ctx, InstanceFilter{ReadScope: "/", Overdue: true, PerPage: 500}); len(all) < 10 {
		t.Fatalf("only %d overdue: the test shows nothing", len(all))
	}
}
