package plan

import (
	"context"
	"errors"
	"testing"
)

func conflictCode(t *testing.T, err error) string {
	t.Helper()
	var c *ConflictError
	if !errors.As(err, &c) {
		t.Fatalf("want a conflict, got %v", err)
	}
	return c.Code
}

func (f *fixture) tasksOf(planID int64) []PlanTask {
	f.t.Helper()
	list, _, err := f.store.Tasks(context.Background(), TaskFilter{PlanID: planID, PerPage: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	return list
}

func (f *fixture) instancesOf(taskID int64) []TaskInstance {
	f.t.Helper()
	list, _, err := f.store.Instances(context.Background(), InstanceFilter{TaskID: taskID, PerPage: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	return list
}

func TestADraftPlanIsDeletedWithItsTasksInstancesAndTimelines(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	officer := f.user("chuyenvien").Actor()
	inst := f.instancesOf(f.tasksOf(id)[0].ID)[0]
	if _, err := f.store.PostUpdate(ctx, officer, inst.ID, UpdateInput{Text: "Đang làm", Percent: 30}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.DeletePlan(ctx, f.user("vanphong").Actor(), id); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"plans", "plan_sections", "plan_basis", "tasks", "task_instances", "task_updates"} {
		if n := f.count(table); n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	if n := f.audited("plans", id, "delete"); n != 1 {
		t.Errorf("%d audit entries for the deletion", n)
	}
	if _, err := f.store.Plan(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted plan reads as %v", err)
	}
}

func TestAnIssuedPlanIsNotDeletedButItsTaskIsCancelledKeepingAcceptedWork(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in, id := f.plan2026()
	focal := f.user("vanphong").Actor()
	if err := f.store.SetPlanStatus(ctx, focal, id, PlanIssued); err != nil {
		t.Fatal(err)
	}
	before := f.count("task_instances")
	if code := conflictCode(t, f.store.DeletePlan(ctx, focal, id)); code != ConflictNotDraft {
		t.Fatalf("code %s", code)
	}
	if f.count("plans") != 1 || f.count("task_instances") != before {
		t.Fatal("a refused deletion removed rows")
	}
	quarterly := f.tasksOf(id)[0]
	insts := f.instancesOf(quarterly.ID)
	if _, err := f.store.PostUpdate(ctx, f.user("chuyenvien").Actor(), insts[0].ID, UpdateInput{Text: "Đã báo cáo quý I", Percent: 100, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Review(ctx, focal, insts[0].ID, true, "Đạt"); err != nil {
		t.Fatal(err)
	}
	deleted, err := f.store.DeleteTask(ctx, focal, quarterly.ID)
	if err != nil || deleted {
		t.Fatalf("DeleteTask = %v, %v; want cancelled", deleted, err)
	}
	task, err := f.store.Task(ctx, quarterly.ID)
	if err != nil || !task.Cancelled {
		t.Fatalf("task after cancel: %+v %v", task, err)
	}
	got := map[Status]int{}
	for _, i := range f.instancesOf(quarterly.ID) {
		got[i.Status]++
	}
	if got[Accepted] != 1 || got[Cancelled] != 3 || len(got) != 2 {
		t.Fatalf("instances after cancel: %v, want 1 accepted and 3 cancelled", got)
	}
	if n := f.audited("tasks", quarterly.ID, "cancel"); n != 1 {
		t.Fatalf("%d cancel audit entries", n)
	}
	// Cancelling again changes nothing; the cancelled task cannot be edited.
	if deleted, err := f.store.DeleteTask(ctx, focal, quarterly.ID); err != nil || deleted {
		t.Fatalf("second cancel: %v %v", deleted, err)
	}
	if n := f.audited("tasks", quarterly.ID, "cancel"); n != 1 {
		t.Fatalf("a second cancel was audited")
	}
	edit := in.Sections[0].Tasks[0]
	edit.SectionID = quarterly.SectionID
	if fe := fieldErrors(t, f.store.UpdateTask(ctx, focal, quarterly.ID, edit)); fe["task"] != "plan.task.cancelled" {
		t.Fatalf("editing a cancelled task: %v", fe)
	}
	// Once closed, tasks neither go nor are cancelled.
	if err := f.store.SetPlanStatus(ctx, focal, id, PlanClosed); err != nil {
		t.Fatal(err)
	}
	_, err = f.store.DeleteTask(ctx, focal, f.tasksOf(id)[1].ID)
	if code := conflictCode(t, err); code != ConflictClosed {
		t.Fatalf("code %s", code)
	}
}

func TestATaskOfADraftPlanIsDeletedWithItsInstances(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	monthly := f.tasksOf(id)[2]
	before := f.count("task_instances")
	deleted, err := f.store.DeleteTask(ctx, f.user("vanphong").Actor(), monthly.ID)
	if err != nil || !deleted {
		t.Fatalf("DeleteTask = %v, %v", deleted, err)
	}
	if got := f.count("task_instances"); got != before-12 {
		t.Fatalf("%d instances left, want %d", got, before-12)
	}
	if _, err := f.store.Task(ctx, monthly.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted task reads as %v", err)
	}
	if len(f.tasksOf(id)) != 2 {
		t.Fatal("the other tasks went too")
	}
}

func TestAPlanOthersAreBasedOnIsNotDeleted(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	focal := f.user("vanphong").Actor()
	if _, err := f.store.DerivePlan(ctx, focal, id, f.unit("000.07.06.H33").ID, nil); err != nil {
		t.Fatal(err)
	}
	if code := conflictCode(t, f.store.DeletePlan(ctx, focal, id)); code != ConflictHasDerived {
		t.Fatalf("code %s", code)
	}
}
