package reception

import (
	"context"
	"fmt"
	"time"
)

// Figures are the register's counts for a scope and period: what the
// periodic report, the plan's measures and the portal's aggregate read.
type Figures struct {
	// Of the entries received in the period.
	Entries                                                int
	People                                                 int
	ByKind                                                 map[Kind]int
	Pending, Accepted, Guided, Transferred, Linked, Stored int

	// Of the cases due in the period (withdrawn and transferred ones left
	// out), judged at the period's end as Judge does: answered by the due
	// day, answered after it, still open past it, or open and not yet late.
	Due, OnTime, Late, Overdue, Waiting int
	Ended                               int // withdrawn or transferred cases due in the period

	// Ratings given to the cases answered in the period.
	Rated, Satisfied int
}

// Handled is the cases due in the period that were answered.
func (f Figures) Handled() int { return f.OnTime + f.Late }

// Figures counts the register of scope (a unit path) for from..to; with
// feedback only petitions and reflections (the service index's PAKN).
func (s *Store) Figures(ctx context.Context, scope string, from, to time.Time, feedback bool) (Figures, error) {
	f, err := s.caseFigures(ctx, scope, from, to, feedback)
	if err != nil {
		return f, err
	}
	pattern := escapeLike(scope) + "%"
	kinds := ""
	if feedback {
		kinds = " AND kind IN ('petition', 'reflection')"
	}
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `SELECT kind, handling, COUNT(*), COALESCE(SUM(people), 0) FROM reception_entries
WHERE `+inScope("unit_id", 1)+` AND received_on >= $2 AND received_on <= $3`+kinds+` GROUP BY kind, handling`, pattern, fmtDay(from), fmtDay(to))
	if err != nil {
		return f, fmt.Errorf("reception: figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, handling string
		var n, people int
		if err := rows.Scan(&kind, &handling, &n, &people); err != nil {
			return f, err
		}
		f.Entries += n
		f.People += people
		f.ByKind[Kind(kind)] += n
		switch Handling(handling) {
		case Pending:
			f.Pending += n
		case Accepted:
			f.Accepted += n
		case Guided:
			f.Guided += n
		case Transferred:
			f.Transferred += n
		case Linked:
			f.Linked += n
		case Stored:
			f.Stored += n
		}
	}
	return f, rows.Err()
}

// caseFigures are the case and rating counts of Figures alone, which the
// plan's measures read (the entries' counts cost a scan of the year's
// logbook they do not need).
func (s *Store) caseFigures(ctx context.Context, scope string, from, to time.Time, feedback bool) (Figures, error) {
	f := Figures{ByKind: map[Kind]int{}}
	pattern := escapeLike(scope) + "%"
	kinds := ""
	if feedback {
		kinds = " AND kind IN ('petition', 'reflection')"
	}
	// decided_on = '' or after the period's end: the case was open then.
	err := s.db.Heavy(ctx).QueryRowContext(ctx, `SELECT
	COALESCE(SUM(CASE WHEN status IN ('withdrawn', 'transferred') THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN status NOT IN ('withdrawn', 'transferred') AND decided_on <> '' AND decided_on <= $3 AND decided_on <= due_on THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN status NOT IN ('withdrawn', 'transferred') AND decided_on <> '' AND decided_on <= $3 AND decided_on > due_on THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN status NOT IN ('withdrawn', 'transferred') AND (decided_on = '' OR decided_on > $3) AND due_on < $3 THEN 1 ELSE 0 END), 0),
	COUNT(*)
FROM reception_cases WHERE `+inScope("unit_id", 1)+` AND due_on >= $2 AND due_on <= $3`+kinds, pattern, fmtDay(from), fmtDay(to)).
		Scan(&f.Ended, &f.OnTime, &f.Late, &f.Overdue, &f.Due)
	if err != nil {
		return f, fmt.Errorf("reception: case figures: %w", err)
	}
	f.Due -= f.Ended
	f.Waiting = f.Due - f.OnTime - f.Late - f.Overdue
	err = s.db.Heavy(ctx).QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN rating = 'satisfied' THEN 1 ELSE 0 END), 0)
FROM reception_cases WHERE `+inScope("unit_id", 1)+` AND decided_on >= $2 AND decided_on <= $3 AND rating <> ''`+kinds, pattern, fmtDay(from), fmtDay(to)).
		Scan(&f.Rated, &f.Satisfied)
	if err != nil {
		return f, fmt.Errorf("reception: rating figures: %w", err)
	}
	return f, nil
}
