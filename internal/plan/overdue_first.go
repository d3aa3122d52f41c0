package plan

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"papihub/internal/platform/db"
)

// firstOverdue lists the first n overdue instances (by due date, then id) of
// the plans issued in scope, and whether more follow: what Instances gives
// with ReadScope, Overdue and PerPage n, for a leader's home. Instances walks
// the whole province's overdue instances in due order until n of them belong
// to the scope, which at a province's volume (200,000 overdue) takes a
// quarter of a second when the scope has few; here each plan of the scope
// gives its own oldest n+1 through task_instances_plan_due, and the few
// merged are read in full.
func (s *Store) firstOverdue(ctx context.Context, scope string, n int) ([]TaskInstance, bool, error) {
	today := s.Today()
	plans, err := s.planIDsUnder(ctx, scope)
	if err != nil || len(plans) == 0 {
		return nil, false, err
	}
	type key struct {
		due string
		id  int64
	}
	var first []key
	query := `SELECT i.id, i.due_date FROM task_instances i WHERE i.plan_id = $1 AND ` + overdueSQL("$2") + ` ORDER BY i.due_date, i.id LIMIT $3`
	for _, plan := range plans {
		rows, err := s.db.R.QueryContext(ctx, query, plan, db.FormatDate(today), n+1)
		if err != nil {
			return nil, false, fmt.Errorf("plan: first overdue: %w", err)
		}
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.id, &k.due); err != nil {
				rows.Close()
				return nil, false, fmt.Errorf("plan: first overdue: %w", err)
			}
			first = append(first, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, false, fmt.Errorf("plan: first overdue: %w", err)
		}
	}
	if len(first) == 0 {
		return nil, false, nil
	}
	// due dates are YYYY-MM-DD text: any collation orders them as Go does
	slices.SortFunc(first, func(a, b key) int { return cmp.Or(strings.Compare(a.due, b.due), cmp.Compare(a.id, b.id)) })
	first = first[:min(len(first), n+1)]
	marks := make([]string, len(first))
	args := make([]any, len(first))
	for i, k := range first {
		marks[i], args[i] = fmt.Sprintf("$%d", i+1), k.id
	}
	rows, err := s.db.R.QueryContext(ctx, selectInstanceColumns+` WHERE i.id IN (`+strings.Join(marks, ", ")+`) ORDER BY i.due_date, i.id`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("plan: first overdue: %w", err)
	}
	defer rows.Close()
	var out []TaskInstance
	for rows.Next() {
		ti, err := scanInstance(rows, today)
		if err != nil {
			return nil, false, err
		}
		out = append(out, ti)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	out, more := db.TrimPage(out, n)
	return out, more, nil
}

// planIDsUnder lists the plans issued by the units of a subtree.
func (s *Store) planIDsUnder(ctx context.Context, scope string) ([]int64, error) {
	var w where
	w.add(under("pu.path"), underArgs(scope)...)
	rows, err := s.db.R.QueryContext(ctx, `SELECT p.id FROM plans p JOIN units pu ON pu.id = p.unit_id`+w.sql()+` ORDER BY p.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("plan: plans under %s: %w", scope, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("plan: plans under %s: %w", scope, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
