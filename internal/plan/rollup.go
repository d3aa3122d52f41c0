package plan

import (
	"context"
	"fmt"

	"papihub/internal/platform/db"
)

// ByIssuer counts, for each unit that issued plans for year, the instances
// of those plans on today, as each plan's own page counts them (Summary):
// the province view adds a unit's plans up without reading them one by one.
// Units with no plan that year are absent. scope narrows the issuers to a
// subtree ("/" or "" for every unit).
func (s *Store) ByIssuer(ctx context.Context, year int, scope string) (map[int64]Figures, error) {
	today := db.FormatDate(s.Today())
	soon := db.FormatDate(s.Today().AddDate(0, 0, DueSoonDays))
	var w where
	w.add("p.year = ?", year)
	w.add("i.status <> 'cancelled'")
	if scope != "" && scope != "/" {
		w.add("p.unit_id IN (SELECT id FROM units WHERE path LIKE ?)", scope+"%")
	}
	n := len(w.args)
	w.args = append(w.args, today, soon)
	t, so := fmt.Sprintf("$%d", n+1), fmt.Sprintf("$%d", n+2)
	query := `
SELECT p.unit_id, COUNT(*), COUNT(DISTINCT i.task_id),
	SUM(CASE WHEN i.status = 'accepted' THEN 1 ELSE 0 END),
	SUM(CASE WHEN i.status = 'submitted' THEN 1 ELSE 0 END),
	SUM(CASE WHEN i.status = 'returned' THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + overdueSQL(t) + ` THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + dueSoonSQL(t, so) + ` THEN 1 ELSE 0 END)
FROM task_instances i JOIN plans p ON p.id = i.plan_id` + w.sql() + `
GROUP BY p.unit_id`
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, fmt.Errorf("plan: figures by issuer: %w", err)
	}
	defer rows.Close()
	out := map[int64]Figures{}
	for rows.Next() {
		var unit int64
		var g Figures
		if err := rows.Scan(&unit, &g.Total, &g.Tasks, &g.Done, &g.Submitted, &g.Returned, &g.Overdue, &g.DueSoon); err != nil {
			return nil, fmt.Errorf("plan: figures by issuer: %w", err)
		}
		out[unit] = g
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("plan: figures by issuer: %w", err)
	}
	return out, nil
}

// PlanIDsOf lists the plans of year issued by the units given, for a
// summary over several plans (SummaryFilter.PlanIDs).
func (s *Store) PlanIDsOf(ctx context.Context, year int, unitIDs []int64) ([]int64, error) {
	if len(unitIDs) == 0 {
		return nil, nil
	}
	var w where
	w.add("year = ?", year)
	ph := make([]any, len(unitIDs))
	marks := ""
	for i, id := range unitIDs {
		if i > 0 {
			marks += ", "
		}
		marks += "?"
		ph[i] = id
	}
	w.add("unit_id IN ("+marks+")", ph...)
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, "SELECT id FROM plans"+w.sql()+" ORDER BY id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("plan: plans of units: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("plan: plans of units: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
