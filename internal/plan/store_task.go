package plan

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

const (
	insertTask = `
INSERT INTO tasks (plan_id, section_id, position, text, text_fold, details, lead_unit_id, expected_output,
	target_value, target_unit, target_method, metric_code, frequency, due_date, report_every, offset_days, source_task_id,
	due_text, lead_text, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $19, $20, $18, $18)
RETURNING id`
	insertInstance = `
INSERT INTO task_instances (task_id, plan_id, lead_unit_id, period, due_date, status, percent, updated_at)
VALUES ($1, $2, $3, $4, $5, 'not_started', 0, $6)
ON CONFLICT (task_id, period) DO NOTHING`
	insertCoordinator = `INSERT INTO task_coordinators (task_id, unit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
	insertAssignee    = `INSERT INTO task_assignees (task_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
)

func targetColumns(t *Target) (sql.NullFloat64, string, string, string) {
	if t == nil {
		return sql.NullFloat64{}, "", "", ""
	}
	return sql.NullFloat64{Float64: t.Value, Valid: true}, strings.TrimSpace(t.Unit), strings.TrimSpace(t.Method), strings.TrimSpace(t.MetricCode)
}

func scheduleColumns(r Recurrence) (string, string, string, int) {
	due := ""
	if r.Frequency == Once {
		due = db.FormatDate(r.Due)
	}
	return string(r.Frequency), due, string(r.ReportEvery), r.OffsetDays
}

// insertTaskTx stores a task, its units and the instances it yields over
// the plan's year.
func insertTaskTx(ctx context.Context, tx *sql.Tx, planID, sectionID int64, pos int, t TaskInput, year int, now string) (int64, error) {
	tv, tu, tm, mc := targetColumns(t.Target)
	freq, due, every, offset := scheduleColumns(t.Recurrence)
	text := strings.TrimSpace(t.Text)
	var id int64
	if err := tx.QueryRowContext(ctx, insertTask, planID, sectionID, pos, text, vn.Fold(text), jsonText(t.Details), t.LeadUnitID,
		strings.TrimSpace(t.ExpectedOutput), tv, tu, tm, mc, freq, due, every, offset, nullID(t.SourceTaskID), now,
		strings.TrimSpace(t.DueText), strings.TrimSpace(t.LeadText)).Scan(&id); err != nil {
		return 0, fmt.Errorf("plan: insert task: %w", err)
	}
	if err := setTaskUnits(ctx, tx, id, t); err != nil {
		return 0, err
	}
	for _, inst := range PlanInstances(t.Recurrence, year) {
		if _, err := tx.ExecContext(ctx, insertInstance, id, planID, t.LeadUnitID, inst.Period.String(), db.FormatDate(inst.Due), now); err != nil {
			return 0, fmt.Errorf("plan: insert instance: %w", err)
		}
	}
	return id, nil
}

func setTaskUnits(ctx context.Context, tx *sql.Tx, id int64, t TaskInput) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM task_coordinators WHERE task_id = $1`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM task_assignees WHERE task_id = $1`, id); err != nil {
		return err
	}
	for _, c := range t.Coordinators {
		if c != t.LeadUnitID {
			if _, err := tx.ExecContext(ctx, insertCoordinator, id, c); err != nil {
				return fmt.Errorf("plan: coordinator: %w", err)
			}
		}
	}
	for _, u := range t.Assignees {
		if _, err := tx.ExecContext(ctx, insertAssignee, id, u); err != nil {
			return fmt.Errorf("plan: assignee: %w", err)
		}
	}
	return nil
}

// planInputOf is the part of a saved plan that task checks need.
func planInputOf(p Plan) PlanInput {
	return PlanInput{UnitID: p.UnitID, IssueDate: p.IssueDate, Year: p.Year}
}

// CreateTask adds a task to a section of a plan, with its instances.
func (s *Store) CreateTask(ctx context.Context, actor audit.Actor, planID int64, t TaskInput) (int64, error) {
	p, err := s.Plan(ctx, planID)
	if err != nil {
		return 0, err
	}
	s.bindTarget(&t)
	errs := t.validate()
	s.checkMeasure(t, "metric_code", errs)
	if t.SectionID == 0 || !p.hasSection(t.SectionID) {
		errs.Add("section_id", "plan.task.section.unknown")
	}
	if p.Status == PlanClosed {
		errs.Add("plan", "plan.closed")
	}
	if errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var id int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		in := planInputOf(p)
		if err := s.checkTask(ctx, tx, t, in, unitInfo{ID: p.UnitID, Path: p.UnitPath}, in.referenceDay(), func(f string) string { return f }, errs); err != nil {
			return err
		}
		if errs.Any() {
			return &web.ValidationError{Fields: errs}
		}
		var pos int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), -1) + 1 FROM tasks WHERE section_id = $1`, t.SectionID).Scan(&pos); err != nil {
			return err
		}
		if id, err = insertTaskTx(ctx, tx, planID, t.SectionID, pos, t, p.Year, db.FormatTime(s.now())); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "tasks", EntityID: audit.ID(id), UnitID: t.LeadUnitID,
			Summary: "Thêm nhiệm vụ vào kế hoạch " + audit.ID(planID), After: taskAudit(t)})
	})
	return id, err
}

func (p Plan) hasSection(id int64) bool {
	for _, s := range p.Sections {
		if s.ID == id {
			return true
		}
	}
	return false
}

func taskAudit(t TaskInput) map[string]any {
	return map[string]any{"text": t.Text, "lead_unit_id": t.LeadUnitID, "coordinators": t.Coordinators, "assignees": t.Assignees,
		"frequency": t.Recurrence.Frequency, "due": dateOrEmpty(t.Recurrence.Due), "report_every": t.Recurrence.ReportEvery,
		"offset_days": t.Recurrence.OffsetDays, "target": t.Target, "expected_output": t.ExpectedOutput}
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return db.FormatDate(t)
}

const updateTask = `
UPDATE tasks SET section_id = $2, text = $3, text_fold = $4, details = $5, lead_unit_id = $6, expected_output = $7,
	target_value = $8, target_unit = $9, target_method = $10, metric_code = $11, frequency = $12, due_date = $13,
	report_every = $14, offset_days = $15, updated_at = $16, due_text = $17, lead_text = $18
WHERE id = $1`

// UpdateTask changes a task. A new lead unit takes over its open instances;
// a new schedule adds the periods it yields, moves the due dates of
// instances still open, and drops the instances of periods it no longer
// yields that nobody has worked on yet. Accepted work is never rewritten.
func (s *Store) UpdateTask(ctx context.Context, actor audit.Actor, id int64, t TaskInput) error {
	before, err := s.Task(ctx, id)
	if err != nil {
		return err
	}
	p, err := s.Plan(ctx, before.PlanID)
	if err != nil {
		return err
	}
	if t.SectionID == 0 {
		t.SectionID = before.SectionID
	}
	s.bindTarget(&t)
	errs := t.validate()
	s.checkMeasure(t, "metric_code", errs)
	if before.Cancelled {
		errs.Add("task", "plan.task.cancelled")
	}
	if !p.hasSection(t.SectionID) {
		errs.Add("section_id", "plan.task.section.unknown")
	}
	if p.Status == PlanClosed {
		errs.Add("plan", "plan.closed")
	}
	if errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		in := planInputOf(p)
		if err := s.checkTask(ctx, tx, t, in, unitInfo{ID: p.UnitID, Path: p.UnitPath}, in.referenceDay(), func(f string) string { return f }, errs); err != nil {
			return err
		}
		if errs.Any() {
			return &web.ValidationError{Fields: errs}
		}
		now := db.FormatTime(s.now())
		tv, tu, tm, mc := targetColumns(t.Target)
		freq, due, every, offset := scheduleColumns(t.Recurrence)
		text := strings.TrimSpace(t.Text)
		if _, err := tx.ExecContext(ctx, updateTask, id, t.SectionID, text, vn.Fold(text), jsonText(t.Details), t.LeadUnitID,
			strings.TrimSpace(t.ExpectedOutput), tv, tu, tm, mc, freq, due, every, offset, now,
			strings.TrimSpace(t.DueText), strings.TrimSpace(t.LeadText)); err != nil {
			return fmt.Errorf("plan: update task: %w", err)
		}
		if err := setTaskUnits(ctx, tx, id, t); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE task_instances SET lead_unit_id = $2 WHERE task_id = $1 AND status NOT IN ('accepted', 'cancelled')`, id, t.LeadUnitID); err != nil {
			return err
		}
		if before.Recurrence != t.Recurrence {
			if err := rescheduleTx(ctx, tx, id, p.ID, t, p.Year, now); err != nil {
				return err
			}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "tasks", EntityID: audit.ID(id), UnitID: t.LeadUnitID,
			Summary: "Sửa nhiệm vụ", Before: taskAudit(before.input()), After: taskAudit(t)})
	})
}

func rescheduleTx(ctx context.Context, tx *sql.Tx, id, planID int64, t TaskInput, year int, now string) error {
	want := map[string]string{}
	for _, inst := range PlanInstances(t.Recurrence, year) {
		want[inst.Period.String()] = db.FormatDate(inst.Due)
	}
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.period, i.status, (SELECT COUNT(*) FROM task_updates u WHERE u.instance_id = i.id) FROM task_instances i WHERE i.task_id = $1`, id)
	if err != nil {
		return err
	}
	type row struct {
		id      int64
		period  string
		status  Status
		updates int
	}
	var have []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.period, &r.status, &r.updates); err != nil {
			rows.Close()
			return err
		}
		have = append(have, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range have {
		due, keep := want[r.period]
		switch {
		case !keep && r.status == NotStarted && r.updates == 0:
			if _, err := tx.ExecContext(ctx, `DELETE FROM task_instances WHERE id = $1`, r.id); err != nil {
				return err
			}
		case keep && r.status != Accepted && r.status != Cancelled:
			if _, err := tx.ExecContext(ctx, `UPDATE task_instances SET due_date = $2, updated_at = $3 WHERE id = $1`, r.id, due, now); err != nil {
				return err
			}
		}
	}
	for period, due := range want {
		if _, err := tx.ExecContext(ctx, insertInstance, id, planID, t.LeadUnitID, period, due, now); err != nil {
			return err
		}
	}
	return nil
}

// input is the task as an input, for editing and the audit log.
func (t PlanTask) input() TaskInput {
	return TaskInput{SectionID: t.SectionID, Text: t.Text, Details: t.Details, LeadUnitID: t.LeadUnitID, Coordinators: t.Coordinators,
		Assignees: t.Assignees, ExpectedOutput: t.ExpectedOutput, Target: t.Target, Recurrence: t.Recurrence, SourceTaskID: t.SourceTaskID,
		DueText: t.DueText, LeadText: t.LeadText}
}

// Input is the task as an input, for the edit form.
func (t PlanTask) Input() TaskInput { return t.input() }

const selectTaskColumns = `
SELECT t.id, t.plan_id, t.section_id, s.dimension, t.position, t.text, t.details, t.lead_unit_id, u.name, u.path,
	t.expected_output, t.target_value, t.target_unit, t.target_method, t.metric_code,
	t.frequency, t.due_date, t.report_every, t.offset_days, COALESCE(t.source_task_id, 0), t.cancelled_at IS NOT NULL,
	t.due_text, t.lead_text, s.also
FROM tasks t JOIN plan_sections s ON s.id = t.section_id JOIN units u ON u.id = t.lead_unit_id`

func scanTask(sc interface{ Scan(...any) error }) (PlanTask, error) {
	var t PlanTask
	var details, due string
	var tv sql.NullFloat64
	var tu, tm, mc, freq, every, also string
	if err := sc.Scan(&t.ID, &t.PlanID, &t.SectionID, &t.Dimension, &t.Position, &t.Text, &details, &t.LeadUnitID, &t.LeadUnitName,
		&t.LeadUnitPath, &t.ExpectedOutput, &tv, &tu, &tm, &mc, &freq, &due, &every, &t.Recurrence.OffsetDays, &t.SourceTaskID, &t.Cancelled,
		&t.DueText, &t.LeadText, &also); err != nil {
		return t, err
	}
	t.Also = fromJSON[[]string](also)
	t.Details = fromJSON[[]string](details)
	if tv.Valid {
		t.Target = &Target{Value: tv.Float64, Unit: tu, Method: tm, MetricCode: mc}
	}
	t.Recurrence.Frequency, t.Recurrence.ReportEvery = Frequency(freq), PeriodKind(every)
	var probs []string
	if due != "" {
		t.Recurrence.Due = storedDate(due, "hạn hoàn thành", &probs)
	}
	if o := t.Recurrence.OffsetDays; o < minOffset(t.Recurrence.Frequency) || o > maxOffset {
		probs = append(probs, badStored("số ngày lệch so với cuối kỳ", strconv.Itoa(o)))
	}
	t.Problem = strings.Join(probs, "; ")
	return t, nil
}

// Task returns a task with its coordinating units and assignees.
func (s *Store) Task(ctx context.Context, id int64) (PlanTask, error) {
	t, err := scanTask(s.db.R.QueryRowContext(ctx, selectTaskColumns+` WHERE t.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("task %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("plan: read task %d: %w", id, err)
	}
	tasks := []PlanTask{t}
	if err := s.fillTaskUnits(ctx, tasks); err != nil {
		return t, err
	}
	return tasks[0], nil
}

// fillTaskUnits reads the coordinators and assignees of a page of tasks in
// two queries.
func (s *Store) fillTaskUnits(ctx context.Context, tasks []PlanTask) error {
	if len(tasks) == 0 {
		return nil
	}
	idx := map[int64]int{}
	ph := make([]string, len(tasks))
	args := make([]any, len(tasks))
	for i, t := range tasks {
		idx[t.ID] = i
		ph[i] = fmt.Sprintf("$%d", i+1)
		args[i] = t.ID
	}
	in := strings.Join(ph, ", ")
	rows, err := s.db.R.QueryContext(ctx, `SELECT c.task_id, c.unit_id, u.name FROM task_coordinators c JOIN units u ON u.id = c.unit_id WHERE c.task_id IN (`+in+`) ORDER BY u.sort_key`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var tid, uid int64
		var name string
		if err := rows.Scan(&tid, &uid, &name); err != nil {
			rows.Close()
			return err
		}
		t := &tasks[idx[tid]]
		t.Coordinators, t.CoordinatorNames = append(t.Coordinators, uid), append(t.CoordinatorNames, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = s.db.R.QueryContext(ctx, `SELECT a.task_id, a.user_id, u.full_name FROM task_assignees a JOIN users u ON u.id = a.user_id WHERE a.task_id IN (`+in+`) ORDER BY u.sort_key`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var tid, uid int64
		var name string
		if err := rows.Scan(&tid, &uid, &name); err != nil {
			return err
		}
		t := &tasks[idx[tid]]
		t.Assignees, t.AssigneeNames = append(t.Assignees, uid), append(t.AssigneeNames, name)
	}
	return rows.Err()
}

// A TaskFilter narrows a task list. LeadScope limits it to tasks led by (or
// coordinated by) units in a subtree: what an officer may see.
type TaskFilter struct {
	PlanID    int64
	LeadScope string
	Dimension string
	SectionID int64
	Query     string
	Page      int
	PerPage   int
}

// Tasks lists one page of a plan's tasks in the plan's order.
func (s *Store) Tasks(ctx context.Context, f TaskFilter) ([]PlanTask, bool, error) {
	var w where
	w.add("t.plan_id = ?", f.PlanID)
	if f.LeadScope != "" {
		w.add("("+under("u.path")+" OR EXISTS (SELECT 1 FROM task_coordinators c JOIN units cu ON cu.id = c.unit_id WHERE c.task_id = t.id AND "+under("cu.path")+"))",
			append(underArgs(f.LeadScope), underArgs(f.LeadScope)...)...)
	}
	if f.Dimension != "" {
		// A task of a two-dimension section is listed under both.
		w.add("(s.dimension = ? OR s.also LIKE ?)", f.Dimension, `%"`+f.Dimension+`"%`)
	}
	if f.SectionID != 0 {
		w.add("t.section_id = ?", f.SectionID)
	}
	if q := vn.Fold(strings.TrimSpace(f.Query)); q != "" {
		w.add("t.text_fold LIKE ?", "%"+q+"%")
	}
	perPage := f.PerPage
	if perPage <= 0 {
		perPage = 50
	}
	rows, err := s.db.R.QueryContext(ctx, selectTaskColumns+w.sql()+` ORDER BY s.position, t.position, t.id`+w.limit(f.Page, perPage), w.args...)
	if err != nil {
		return nil, false, fmt.Errorf("plan: list tasks: %w", err)
	}
	var out []PlanTask
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			rows.Close()
			return nil, false, err
		}
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	out, more := db.TrimPage(out, perPage)
	return out, more, s.fillTaskUnits(ctx, out)
}
