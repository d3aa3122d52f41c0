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
// quarter of a second when the scope has few. Here the counts the triggers
// keep (plan_instance_counts) give each plan's oldest overdue due date; the
// plans are then read from there, n+1 at a time, oldest first, until no plan
// left can start before the (n+1)th found, and the few kept are read in
// full. Starting at that date skips the accepted instances before it, which
// an index on the due date alone reads one by one.
func (s *Store) firstOverdue(ctx context.Context, scope string, n int) ([]TaskInstance, bool, error) {
	today := s.Today()
	plans, err := s.ids(ctx, planIDsUnder, underArgs(scope)...)
	if err != nil || len(plans) == 0 {
		return nil, false, err
	}
	type head struct {
		plan int64
		due  string // the plan's oldest overdue due date
	}
	var heads []head
	{
		var w where
		w.add("plan_id IN ("+marks(len(plans))+")", plans...)
		w.add("n > 0")
		w.add("due_date < ?", db.FormatDate(today))
		// overdueSQL on the counts' groups
		w.add("status NOT IN ('accepted', 'cancelled') AND NOT (status = 'submitted' AND in_time = 1)")
		rows, err := s.db.R.QueryContext(ctx, "SELECT plan_id, MIN(due_date) FROM plan_instance_counts"+w.sql()+" GROUP BY plan_id", w.args...)
		if err != nil {
			return nil, false, fmt.Errorf("plan: first overdue: %w", err)
		}
		for rows.Next() {
			var h head
			if err := rows.Scan(&h.plan, &h.due); err != nil {
				rows.Close()
				return nil, false, fmt.Errorf("plan: first overdue: %w", err)
			}
			heads = append(heads, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, false, fmt.Errorf("plan: first overdue: %w", err)
		}
	}
	query := `SELECT i.id, i.due_date FROM task_instances i WHERE i.plan_id = $1 AND i.due_date >= $2 AND ` + overdueSQL("$3") + ` ORDER BY i.due_date, i.id LIMIT $4`
	oldest := func(h head) ([]overdueKey, error) {
		rows, err := s.db.R.QueryContext(ctx, query, h.plan, h.due, db.FormatDate(today), n+1)
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
	slices.SortFunc(heads, func(a, b head) int { return cmp.Or(strings.Compare(a.due, b.due), cmp.Compare(a.plan, b.plan)) })
	var first []overdueKey
	for _, h := range heads {
		if len(first) > n && first[n].due < h.due {
			break // this plan and the later ones start after the (n+1)th
		}
		more, err := oldest(h)
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
	return scanInstancePage(rows, today, n)
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
const planIDsUnder = "SELECT p.id FROM plans p JOIN units pu ON pu.id = p.unit_id WHERE substr(pu.path, 1, $1) = $2 ORDER BY p.id"
