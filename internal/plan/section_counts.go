package plan

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/db"
)

// sectionOf is the section of an instance row's task, as the section counts
// key it.
func sectionOf(row string) string {
	return "(SELECT section_id FROM tasks WHERE id = " + row + ".task_id)"
}

// sectionCountTriggers keep plan_section_counts (migration 009) as
// instanceCountTriggers keep plan_instance_counts, keyed by the section of
// the instance's task; a task moved to another section takes its
// instances' counts along.
func sectionCountTriggers(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	decrement := `UPDATE plan_section_counts SET n = n - 1
	WHERE section_id = ` + sectionOf("OLD") + ` AND status = OLD.status AND due_date = OLD.due_date AND in_time = ` + inTime("OLD")
	increment := `INSERT INTO plan_section_counts (section_id, status, due_date, in_time, n)
	VALUES (` + sectionOf("NEW") + `, NEW.status, NEW.due_date, ` + inTime("NEW") + `, 1)
	ON CONFLICT (section_id, status, due_date, in_time) DO UPDATE SET n = plan_section_counts.n + 1`
	// A task's move: its instances' groups leave the old section and join
	// the new one.
	moveOut := `UPDATE plan_section_counts SET n = n - (SELECT COUNT(*) FROM task_instances i WHERE i.task_id = NEW.id
		AND i.status = plan_section_counts.status AND i.due_date = plan_section_counts.due_date AND ` + inTime("i") + ` = plan_section_counts.in_time)
	WHERE section_id = OLD.section_id`
	moveIn := `INSERT INTO plan_section_counts (section_id, status, due_date, in_time, n)
	SELECT NEW.section_id, i.status, i.due_date, ` + inTime("i") + `, COUNT(*) FROM task_instances i WHERE i.task_id = NEW.id
	GROUP BY i.status, i.due_date, ` + inTime("i") + `
	ON CONFLICT (section_id, status, due_date, in_time) DO UPDATE SET n = plan_section_counts.n + excluded.n`
	var stmts []string
	if d == db.Postgres {
		// As for the plan counts, the two rows of a change are locked in key
		// order, so that opposite moves wait for each other.
		oldKey := `ROW(` + sectionOf("OLD") + `, OLD.status, OLD.due_date, ` + inTime("OLD") + `)`
		newKey := `ROW(` + sectionOf("NEW") + `, NEW.status, NEW.due_date, ` + inTime("NEW") + `)`
		stmts = []string{`CREATE FUNCTION plan_section_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		` + increment + `;
	ELSIF TG_OP = 'DELETE' THEN
		` + decrement + `;
	ELSIF ` + oldKey + ` < ` + newKey + ` THEN
		` + decrement + `;
		` + increment + `;
	ELSIF ` + oldKey + ` > ` + newKey + ` THEN
		` + increment + `;
		` + decrement + `;
	END IF;
	RETURN NULL;
END $$`,
			`CREATE TRIGGER task_instances_section_count AFTER INSERT OR DELETE OR UPDATE OF task_id, status, due_date, submitted_on
	ON task_instances FOR EACH ROW EXECUTE FUNCTION plan_section_count()`,
			`CREATE FUNCTION plan_section_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	` + moveOut + `;
	` + moveIn + `;
	RETURN NULL;
END $$`,
			`CREATE TRIGGER tasks_section_count AFTER UPDATE OF section_id ON tasks
	FOR EACH ROW WHEN (OLD.section_id <> NEW.section_id) EXECUTE FUNCTION plan_section_move()`}
	} else {
		stmts = []string{
			`CREATE TRIGGER task_instances_section_count_insert AFTER INSERT ON task_instances BEGIN ` + increment + `; END`,
			`CREATE TRIGGER task_instances_section_count_delete AFTER DELETE ON task_instances BEGIN ` + decrement + `; END`,
			`CREATE TRIGGER task_instances_section_count_update AFTER UPDATE OF task_id, status, due_date, submitted_on ON task_instances
	BEGIN ` + decrement + `; ` + increment + `; END`,
			`CREATE TRIGGER tasks_section_count AFTER UPDATE OF section_id ON tasks WHEN OLD.section_id <> NEW.section_id
	BEGIN ` + moveOut + `; ` + moveIn + `; END`,
		}
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// Dimensions counts the instances of several plans due between from and to
// (zero: no bound) per PAPI dimension on today, as Summary with PlanIDs does,
// but from the counts the triggers keep per section (plan_section_counts)
// rather than the instances: the province leader's home and the province
// view add up every plan of the year after each change. Tasks is not
// counted.
func (s *Store) Dimensions(ctx context.Context, planIDs []int64, from, to time.Time) ([]DimensionFigures, error) {
	if len(planIDs) == 0 {
		return nil, nil
	}
	today := db.FormatDate(s.Today())
	soon := db.FormatDate(s.Today().AddDate(0, 0, DueSoonDays))
	var w where
	marks := make([]string, len(planIDs))
	args := make([]any, len(planIDs))
	for i, id := range planIDs {
		marks[i], args[i] = "?", id
	}
	w.add("s.plan_id IN ("+strings.Join(marks, ", ")+")", args...)
	w.add("c.n <> 0")
	if !from.IsZero() {
		w.add("c.due_date >= ?", db.FormatDate(from))
	}
	if !to.IsZero() {
		w.add("c.due_date <= ?", db.FormatDate(to))
	}
	// Summed here over the sections of a dimension: a province's plans have
	// about 20,000 groups, its dimensions a few hundred.
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `SELECT s.dimension, s.also, c.status, c.due_date, c.in_time, SUM(c.n)
FROM plan_section_counts c JOIN plan_sections s ON s.id = c.section_id`+w.sql()+`
GROUP BY s.dimension, s.also, c.status, c.due_date, c.in_time`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("plan: dimensions: %w", err)
	}
	defer rows.Close()
	byDim, alsoDim := map[string]Figures{}, map[string]Figures{}
	alsoOf := map[string][]string{} // the JSON of a section's second dimensions, decoded once
	for rows.Next() {
		var d, also, dueDate string
		var status Status
		var submittedInTime, n int
		if err := rows.Scan(&d, &also, &status, &dueDate, &submittedInTime, &n); err != nil {
			return nil, fmt.Errorf("plan: dimensions: %w", err)
		}
		if status == Cancelled {
			continue
		}
		sum := byDim[d]
		sum.addCounted(status, dueDate, submittedInTime == 1, n, today, soon)
		byDim[d] = sum
		a, ok := alsoOf[also]
		if !ok {
			a = fromJSON[[]string](also)
			alsoOf[also] = a
		}
		for _, x := range a {
			sum := alsoDim[x]
			sum.addCounted(status, dueDate, submittedInTime == 1, n, today, soon)
			alsoDim[x] = sum
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("plan: dimensions: %w", err)
	}
	dims := dimensionsCounted(byDim, alsoDim)
	sortDimensions(dims)
	out := make([]DimensionFigures, 0, len(dims))
	for _, d := range dims {
		out = append(out, DimensionFigures{Dimension: d, Figures: byDim[d], Also: alsoDim[d]})
	}
	return out, nil
}
