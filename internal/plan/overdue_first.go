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
// quarter of a second when the scope has few. Here each plan of the scope
// gives its oldest overdue instance through task_instances_plan_due, then
// the plans are read n+1 at a time from the oldest until no plan left
// unread can start before the (n+1)th found; the few kept are read in full.
func (s *Store) firstOverdue(ctx context.Context, scope string, n int) ([]TaskInstance, bool, error) {
	today := s.Today()
	plans, err := s.planIDsUnder(ctx, scope)
	if err != nil || len(plans) == 0 {
		return nil, false, err
	}
	query := `SELECT i.id, i.due_date FROM task_instances i WHERE i.plan_id = $1 AND ` + overdueSQL("$2") + ` ORDER BY i.due_date, i.id LIMIT $3`
	oldest := func(plan int64, limit int) ([]overdueKey, error) {
		rows, err := s.db.R.QueryContext(ctx, query, plan, db.FormatDate(today), limit)
		if err != nil {
			return nil, fmt.Errorf("plan: first overdue: %w", err)
		}
		defer rows.Close()
		var out []overdueKey
		for rows.Next() {
			var k overdueKey
			if err := rows.Scan(&k.id, &k.due); err != nil {
				return nil, fmt.Errorf("plan: first overdue: %w", err)
			}
			out = append(out, k)
		}
		return out, rows.Err()
	}
	type head struct {
		plan int64
		key  overdueKey
	}
	var heads []head
	for _, plan := range plans {
		k, err := oldest(plan, 1)
		if err != nil {
			return nil, false, err
		}
		if len(k) > 0 {
			heads = append(heads, head{plan, k[0]})
		}
	}
	slices.SortFunc(heads, func(a, b head) int { return a.key.compare(b.key) })
	var first []overdueKey
	for _, h := range heads {
		if len(first) > n && first[n].compare(h.key) < 0 {
			break // this plan and the later ones start after the (n+1)th
		}
		more, err := oldest(h.plan, n+1)
		if err != nil {
			return nil, false, err
		}
		first = append(first, more...)
		slices.SortFunc(first, overdueKey.compare)
		first = first[:min(len(first), n+1)]
	}
	if len(first) == 0 {
		return nil, false, nil
	}
	var w where
	ids := make([]any, len(first))
	for i, k := range first {
		ids[i] = k.id
	}
	w.add("i.id IN ("+marks(len(ids))+")", ids...)
	rows, err := s.db.R.QueryContext(ctx, selectInstanceColumns+w.sql()+` ORDER BY i.due_date, i.id`, w.args...)
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

// overdueKey is where an instance stands in the overdue lists: by due date
// (YYYY-MM-DD text, which any collation orders as Go does), then id.
type overdueKey struct {
	due string
	id  int64
}

func (k overdueKey) compare(o overdueKey) int {
	return cmp.Or(strings.Compare(k.due, o.due), cmp.Compare(k.id, o.id))
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
