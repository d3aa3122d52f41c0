package plan

import (
	"context"
	"database/sql"
	"fmt"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// A ConflictError refuses a change that the plan's state forbids, such as
// deleting an issued plan. Code is stable for the API ("plan_not_draft");
// the message key is "error." + Code.
type ConflictError struct{ Code string }

func (e *ConflictError) Error() string { return "plan: conflict: " + e.Code }

// Conflict codes.
const (
	ConflictNotDraft   = "plan_not_draft"   // only a draft plan may be deleted
	ConflictHasDerived = "plan_has_derived" // other plans are based on it
	ConflictHasReports = "plan_has_reports" // it has reports in the register
	ConflictClosed     = "plan_closed"      // a closed plan's tasks do not change
)

// The rows below a plan, deleted children first. $1 is the plan's id.
var deletePlanRows = []string{
	`DELETE FROM plan_notifications WHERE instance_id IN (SELECT id FROM task_instances WHERE plan_id = $1)`,
	`DELETE FROM evidence_files WHERE instance_id IN (SELECT id FROM task_instances WHERE plan_id = $1)`,
	`DELETE FROM task_updates WHERE instance_id IN (SELECT id FROM task_instances WHERE plan_id = $1)`,
	`DELETE FROM task_instances WHERE plan_id = $1`,
	`DELETE FROM task_coordinators WHERE task_id IN (SELECT id FROM tasks WHERE plan_id = $1)`,
	`DELETE FROM task_assignees WHERE task_id IN (SELECT id FROM tasks WHERE plan_id = $1)`,
	`UPDATE tasks SET source_task_id = NULL WHERE plan_id <> $1 AND source_task_id IN (SELECT id FROM tasks WHERE plan_id = $1)`,
	`DELETE FROM tasks WHERE plan_id = $1`,
	`DELETE FROM plan_sections WHERE plan_id = $1`,
	`DELETE FROM plan_basis WHERE plan_id = $1`,
	`UPDATE plan_basis SET parent_id = NULL WHERE parent_id = $1`,
}

// The rows below a task; $1 is the task's id.
var deleteTaskRows = []string{
	`DELETE FROM plan_notifications WHERE instance_id IN (SELECT id FROM task_instances WHERE task_id = $1)`,
	`DELETE FROM evidence_files WHERE instance_id IN (SELECT id FROM task_instances WHERE task_id = $1)`,
	`DELETE FROM task_updates WHERE instance_id IN (SELECT id FROM task_instances WHERE task_id = $1)`,
	`DELETE FROM task_instances WHERE task_id = $1`,
	`DELETE FROM task_coordinators WHERE task_id = $1`,
	`DELETE FROM task_assignees WHERE task_id = $1`,
	`UPDATE tasks SET source_task_id = NULL WHERE source_task_id = $1`,
}

// DeletePlan deletes a draft plan with its sections, tasks, instances and
// their timelines, in one transaction with its audit entry. An issued or
// closed plan is a signed document and stays (ConflictNotDraft), as does a
// plan that others are based on or that has issued reports. Evidence files
// stay on disk: they are stored by content and may be shared.
func (s *Store) DeletePlan(ctx context.Context, actor audit.Actor, id int64) error {
	p, err := s.Plan(ctx, id)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var derived, reports, tasks, instances int
		if err := tx.QueryRowContext(ctx, `SELECT
	(SELECT COUNT(*) FROM plans WHERE derived_from = $1),
	(SELECT COUNT(*) FROM issued_reports WHERE kind = 'plan' AND source_id = $1),
	(SELECT COUNT(*) FROM tasks WHERE plan_id = $1),
	(SELECT COUNT(*) FROM task_instances WHERE plan_id = $1)`, id).Scan(&derived, &reports, &tasks, &instances); err != nil {
			return fmt.Errorf("plan: delete %d: %w", id, err)
		}
		switch {
		case p.Status != PlanDraft:
			return &ConflictError{Code: ConflictNotDraft}
		case derived > 0:
			return &ConflictError{Code: ConflictHasDerived}
		case reports > 0:
			return &ConflictError{Code: ConflictHasReports}
		}
		for _, q := range deletePlanRows {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("plan: delete %d: %w", id, err)
			}
		}
		// The status test in the statement itself: a plan issued since it
		// was read is not deleted.
		res, err := tx.ExecContext(ctx, `DELETE FROM plans WHERE id = $1 AND status = 'draft'`, id)
		if err != nil {
			return fmt.Errorf("plan: delete %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return &ConflictError{Code: ConflictNotDraft}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "delete", Entity: "plans", EntityID: audit.ID(id), UnitID: p.UnitID,
			Summary: fmt.Sprintf("Xoá dự thảo kế hoạch %q năm %d: %d nhiệm vụ, %d kỳ thực hiện", p.Title, p.Year, tasks, instances),
			Before:  map[string]any{"header": HeaderOf(p), "status": p.Status, "tasks": tasks, "instances": instances}})
	})
}

// DeleteTask removes a task from a draft plan with its instances. A task of
// an issued plan is cancelled instead: the task stays in the plan as
// signed, marked cancelled, its open instances become cancelled with a
// timeline entry, and accepted work stays counted. It reports whether the
// task was deleted (false: cancelled). Cancelling twice changes nothing; a
// closed plan's tasks do not change (ConflictClosed).
func (s *Store) DeleteTask(ctx context.Context, actor audit.Actor, id int64) (deleted bool, err error) {
	t, err := s.Task(ctx, id)
	if err != nil {
		return false, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var status PlanStatus
		var unitID int64
		if err := tx.QueryRowContext(ctx, `SELECT status, unit_id FROM plans WHERE id = $1`, t.PlanID).Scan(&status, &unitID); err != nil {
			return fmt.Errorf("plan: delete task %d: %w", id, err)
		}
		now := db.FormatTime(s.now())
		switch status {
		case PlanClosed:
			return &ConflictError{Code: ConflictClosed}
		case PlanDraft:
			deleted = true
			for _, q := range deleteTaskRows {
				if _, err := tx.ExecContext(ctx, q, id); err != nil {
					return fmt.Errorf("plan: delete task %d: %w", id, err)
				}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM tasks WHERE id = $1`, id); err != nil {
				return fmt.Errorf("plan: delete task %d: %w", id, err)
			}
			return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "delete", Entity: "tasks", EntityID: audit.ID(id), UnitID: t.LeadUnitID,
				Summary: "Xoá nhiệm vụ khỏi dự thảo kế hoạch " + audit.ID(t.PlanID), Before: taskAudit(t.input())})
		}
		res, err := tx.ExecContext(ctx, `UPDATE tasks SET cancelled_at = $2, updated_at = $2 WHERE id = $1 AND cancelled_at IS NULL`, id, now)
		if err != nil {
			return fmt.Errorf("plan: cancel task %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // cancelled already
		}
		open, err := openInstanceIDs(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, iid := range open {
			if _, err := tx.ExecContext(ctx, `UPDATE task_instances SET status = 'cancelled', updated_at = $2 WHERE id = $1`, iid, now); err != nil {
				return fmt.Errorf("plan: cancel instance %d: %w", iid, err)
			}
			if _, err := tx.ExecContext(ctx, insertUpdate, iid, UpdateCancel, "Nhiệm vụ bị huỷ khỏi kế hoạch đã ban hành.", nil,
				nullID(actor.UserID), actor.Username, now); err != nil {
				return fmt.Errorf("plan: cancel instance %d: %w", iid, err)
			}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "cancel", Entity: "tasks", EntityID: audit.ID(id), UnitID: t.LeadUnitID,
			Summary: fmt.Sprintf("Huỷ nhiệm vụ của kế hoạch đã ban hành %d: %d kỳ đang mở chuyển sang đã huỷ", t.PlanID, len(open)),
			Before:  taskAudit(t.input()), After: map[string]any{"cancelled_instances": open}})
	})
	return deleted, err
}

func openInstanceIDs(ctx context.Context, tx *sql.Tx, taskID int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM task_instances WHERE task_id = $1 AND status NOT IN ('accepted', 'cancelled') ORDER BY id`, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
