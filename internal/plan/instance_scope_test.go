package plan

import (
	"context"
	"testing"
)

// An officer's list holds the instances led by their division and those of
// the tasks assigned to them elsewhere, each once; a scope without units
// holds nothing, and an assignee without a scope is not a filter.
func TestAnOfficersInstancesAreTheirDivisionsAndTheirAssignedTasks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	officer := f.user("chuyenvien")
	cds := f.unit("000.07.06.H33")
	// plan2026: the IT division (cds) leads a quarterly task (4 instances)
	// and a single survey (1); the department leads a monthly task (12).
	if _, err := f.db.W.ExecContext(ctx, `INSERT INTO task_assignees (task_id, user_id)
SELECT id, $2 FROM tasks WHERE plan_id = $1 AND lead_unit_id <> $3`, id, officer.ID, cds.ID); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    InstanceFilter
		want int
	}{
		{"the division", InstanceFilter{LeadScope: cds.Path}, 5},
		{"the division and the assigned task", InstanceFilter{LeadScope: cds.Path, Assignee: officer.ID}, 17},
		{"the department, which leads every task, and the assigned task", InstanceFilter{LeadScope: f.unit("000.07.00.H33").Path, Assignee: officer.ID}, 17},
		{"a scope without units", InstanceFilter{LeadScope: "/no/such/"}, 0},
		{"a scope without units and the assigned task", InstanceFilter{LeadScope: "/no/such/", Assignee: officer.ID}, 12},
		{"an assignee alone", InstanceFilter{Assignee: officer.ID, PlanID: id}, 17},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.f.PerPage = 100
			got, _, err := f.store.Instances(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want {
				t.Errorf("%d instances, want %d", len(got), tc.want)
			}
		})
	}
}
