package plan

import (
	"context"
	"fmt"
	"strings"
)

// scopeCond is a condition on instances, "?" for each of its args.
type scopeCond struct {
	cond string
	args []any
}

// instanceScope is the condition for the instances led by a unit of the
// subtree leadScope ("" for none) or of a task assigned to the user
// assignee (0 for none), either one, with the units and tasks read first
// and listed as values. An empty cond selects nothing.
func (s *Store) instanceScope(ctx context.Context, leadScope string, assignee int64) (scopeCond, error) {
	var parts []string
	var args []any
	if leadScope != "" {
		var w where
		w.add(under("path"), underArgs(leadScope)...)
		units, err := s.ids(ctx, "SELECT id FROM units"+w.sql()+" ORDER BY id", w.args...)
		if err != nil {
			return scopeCond{}, err
		}
		if len(units) > 0 {
			parts = append(parts, "i.lead_unit_id IN ("+marks(len(units))+")")
			args = append(args, units...)
		}
	}
	if assignee != 0 {
		tasks, err := s.ids(ctx, "SELECT task_id FROM task_assignees WHERE user_id = $1 ORDER BY task_id", assignee)
		if err != nil {
			return scopeCond{}, err
		}
		if len(tasks) > 0 {
			parts = append(parts, "i.task_id IN ("+marks(len(tasks))+")")
			args = append(args, tasks...)
		}
	}
	switch len(parts) {
	case 0:
		return scopeCond{}, nil
	case 1:
		return scopeCond{parts[0], args}, nil
	}
	return scopeCond{"(" + strings.Join(parts, " OR ") + ")", args}, nil
}

// ids reads a column of ids.
func (s *Store) ids(ctx context.Context, query string, args ...any) ([]any, error) {
	rows, err := s.db.R.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("plan: %s: %w", query, err)
	}
	defer rows.Close()
	var out []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("plan: %s: %w", query, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// marks is n "?" separated by commas, for where.add.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
