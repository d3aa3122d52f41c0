package plan

import (
	"context"
	"fmt"

	"papihub/internal/platform/db"
)

// ByIssuer counts, for each unit that issued plans for year, the instances
// of those plans on today, as each plan's own page counts them (Summary):
// the province view adds a unit's plans up without reading them one by one.
// Units with no plan that year are absent; Tasks is not counted. scope narrows the issuers to a
// subtree ("/" or "" for every unit).
//
// It reads the counts per plan, status and due date that triggers keep
// (plan_instance_counts, migrations 007–008) rather than the instances; the
// rules (Overdue, DueSoon) are applied to those groups, as overdueSQL and
// dueSoonSQL apply them to rows (dates are compared as their YYYY-MM-DD text).
func (s *Store) ByIssuer(ctx context.Context, year int, scope string) (map[int64]Figures, error) {
	today := db.FormatDate(s.Today())
	soon := db.FormatDate(s.Today().AddDate(0, 0, DueSoonDays))
	planScope := "SELECT id FROM plans WHERE year = $1"
	args := []any{year}
	if scope != "" && scope != "/" {
		planScope += " AND unit_id IN (SELECT id FROM units WHERE path LIKE $2)"
		args = append(args, scope+"%")
	}
	// The counts per plan, status, due date and submission in time are kept
	// by triggers (plan_instance_counts); the plan's issuer and the due
	// date's bucket are worked out here.
	query := `
SELECT p.unit_id, c.status, c.due_date, c.in_time, c.n
FROM plan_instance_counts c JOIN plans p ON p.id = c.plan_id
WHERE c.n > 0 AND c.plan_id IN (` + planScope + `)`
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("plan: figures by issuer: %w", err)
	}
	defer rows.Close()
	out := map[int64]Figures{}
	for rows.Next() {
		var unit int64
		var status Status
		var dueDate string
		var submittedInTime, n int
		if err := rows.Scan(&unit, &status, &dueDate, &submittedInTime, &n); err != nil {
			return nil, fmt.Errorf("plan: figures by issuer: %w", err)
		}
		if status == Cancelled {
			continue // a unit with only cancelled instances stays absent
		}
		g := out[unit]
		g.addCounted(status, dueDate, submittedInTime == 1, n, today, soon)
		out[unit] = g
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("plan: figures by issuer: %w", err)
	}
	return out, nil
}

// addCounted adds n instances of one group of the kept counts (a status, a
// due date and whether the submission came in time) on today: the rules of
// overdueSQL and dueSoonSQL applied to the group, dates compared as their
// YYYY-MM-DD text.
func (g *Figures) addCounted(status Status, dueDate string, submittedInTime bool, n int, today, soon string) {
	if status == Cancelled {
		return
	}
	due := 2 // later
	switch {
	case dueDate < today:
		due = 0
	case dueDate <= soon:
		due = 1
	}
	g.Total += n
	switch status {
	case Accepted:
		g.Done += n
	case Submitted:
		g.Submitted += n
	case Returned:
		g.Returned += n
	}
	// reported on or before the due day: not overdue
	if due == 0 && status != Accepted && !(status == Submitted && submittedInTime) {
		g.Overdue += n
	}
	if due == 1 && (status == NotStarted || status == InProgress || status == Returned) {
		g.DueSoon += n
	}
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
