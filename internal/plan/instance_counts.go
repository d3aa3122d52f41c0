package plan

import (
	"context"
	"database/sql"

	"papihub/internal/platform/db"
)

// Migrations written in Go: the triggers that keep plan_instance_counts
// (migration 007) and plan_section_counts (009) are spelled differently by
// each engine.
func withFuncs(m db.Module) db.Module {
	m.Funcs = map[string]db.MigrationFunc{"008_instance_count_triggers": instanceCountTriggers, "010_section_count_triggers": sectionCountTriggers}
	m.Derived = []string{"plan_instance_counts", "plan_section_counts"}
	return m
}

// inTime is whether an instance row was submitted on or before its due date,
// as the counts key it.
func inTime(row string) string {
	return "CASE WHEN " + row + ".submitted_on IS NOT NULL AND " + row + ".submitted_on <= " + row + ".due_date THEN 1 ELSE 0 END"
}

// instanceCountTriggers makes every insert, delete and change of an
// instance's plan, status, due date or submission date move one count from
// its old key to its new one, in the same transaction.
func instanceCountTriggers(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	decrement := `UPDATE plan_instance_counts SET n = n - 1
	WHERE plan_id = OLD.plan_id AND status = OLD.status AND due_date = OLD.due_date AND in_time = ` + inTime("OLD")
	increment := `INSERT INTO plan_instance_counts (plan_id, status, due_date, in_time, n)
	VALUES (NEW.plan_id, NEW.status, NEW.due_date, ` + inTime("NEW") + `, 1)
	ON CONFLICT (plan_id, status, due_date, in_time) DO UPDATE SET n = plan_instance_counts.n + 1`
	var stmts []string
	if d == db.Postgres {
		// On a change, the two rows are locked in key order, so that two
		// changes moving counts in opposite directions wait for each other
		// instead of deadlocking.
		stmts = []string{`CREATE FUNCTION plan_instance_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		` + increment + `;
	ELSIF TG_OP = 'DELETE' THEN
		` + decrement + `;
	ELSIF ROW(OLD.plan_id, OLD.status, OLD.due_date, ` + inTime("OLD") + `) < ROW(NEW.plan_id, NEW.status, NEW.due_date, ` + inTime("NEW") + `) THEN
		` + decrement + `;
		` + increment + `;
	ELSIF ROW(OLD.plan_id, OLD.status, OLD.due_date, ` + inTime("OLD") + `) > ROW(NEW.plan_id, NEW.status, NEW.due_date, ` + inTime("NEW") + `) THEN
		` + increment + `;
		` + decrement + `;
	END IF;
	RETURN NULL;
END $$`,
			`CREATE TRIGGER task_instances_count AFTER INSERT OR DELETE OR UPDATE OF plan_id, status, due_date, submitted_on
	ON task_instances FOR EACH ROW EXECUTE FUNCTION plan_instance_count()`}
	} else {
		stmts = []string{
			`CREATE TRIGGER task_instances_count_insert AFTER INSERT ON task_instances BEGIN ` + increment + `; END`,
			`CREATE TRIGGER task_instances_count_delete AFTER DELETE ON task_instances BEGIN ` + decrement + `; END`,
			`CREATE TRIGGER task_instances_count_update AFTER UPDATE OF plan_id, status, due_date, submitted_on ON task_instances
	BEGIN ` + decrement + `; ` + increment + `; END`,
		}
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}
