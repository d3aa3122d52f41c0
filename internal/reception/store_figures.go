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
	// out), judged at the period's end, or today while it runs (caseCounts):
	// answered by the due day, answered after it, still open past it, or
	// open and not yet late (waiting: not judged).
	Due, OnTime, Late, Overdue, Waiting int
	Ended                               int // withdrawn or transferred cases due in the period

	// Ratings given to the cases answered in the period.
	Rated, Satisfied int
}

// Handled is the cases due in the period that were answered.
func (f Figures) Handled() int { return f.OnTime + f.Late }

// Judged is the cases due in the period that are judged: answered, or
// unanswered past their due day. Waiting ones are not judged yet.
func (f Figures) Judged() int { return f.OnTime + f.Late + f.Overdue }

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

// caseFigures are the case and rating counts of Figures alone, summed
// over the units of scope (see caseCounts).
func (s *Store) caseFigures(ctx context.Context, scope string, from, to time.Time, feedback bool) (Figures, error) {
	f := Figures{ByKind: map[Kind]int{}}
	units, err := s.caseCounts(ctx, scope, from, to, feedback)
	for _, u := range units {
		f.Ended += u.Ended
		f.OnTime += u.OnTime
		f.Late += u.Late
		f.Overdue += u.Overdue
		f.Due += u.Due
		f.Waiting += u.Waiting
		f.Rated += u.Rated
		f.Satisfied += u.Satisfied
	}
	return f, err
}

// unitCounts are one unit's case and rating counts of a period.
type unitCounts struct {
	UnitID                              int64
	Due, OnTime, Late, Overdue, Waiting int
	Ended, Rated, Satisfied             int
}

// judgedAt is the day cases due in from..to are judged at, and the first
// day on which an unanswered one is not yet late: the period's last day
// once it is over (a case due on it and unanswered at its end is late), or
// today while it runs (a case due today or later may still be answered on
// time, so it is not judged yet).
func judgedAt(to, today time.Time) (at, lateBefore time.Time) {
	to, today = day(to), day(today)
	if to.Before(today) {
		return to, to.AddDate(0, 0, 1)
	}
	return today, today
}

// judgement is the SQL of caseCounts' rule for a case of reception_cases
// (alias a, "" for none), at and lateBefore being the placeholders of
// judgedAt's days: the counts and the lists behind them (Cases with a
// List) use the same conditions.
type judgement struct{ ended, onTime, late, overdue string }

func judging(a, at, lateBefore string) judgement {
	if a != "" {
		a += "."
	}
	notEnded := a + "status NOT IN ('withdrawn', 'transferred')"
	answered := notEnded + " AND " + a + "decided_on <> '' AND " + a + "decided_on <= " + at
	return judgement{
		ended:   a + "status IN ('withdrawn', 'transferred')",
		onTime:  answered + " AND " + a + "decided_on <= " + a + "due_on",
		late:    answered + " AND " + a + "decided_on > " + a + "due_on",
		overdue: notEnded + " AND (" + a + "decided_on = '' OR " + a + "decided_on > " + at + ") AND " + a + "due_on < " + lateBefore,
	}
}

// caseCounts counts the cases of scope due in from..to, unit by unit: the
// one count behind the plan's measures, the reports, the portal's figures
// and the service index's feedback indicators (FeedbackByUnit), so that
// none of them can say another number. With feedback, only petitions and
// reflections (the index's PAKN). The rule, domain §3 and §5.1, judged as
// things stand at the period's end, or today while it runs (judgedAt):
//   - a withdrawn or transferred case is not judged (Ended);
//   - a case answered by then is on time when answered by its due day
//     (the due day included), late after it;
//   - a case not answered by then is overdue once its due day is over,
//     and counts against the period as an open dossier does; one whose due
//     day is not over is waiting, not judged yet;
//   - ratings are those of the answers given in from..to.
func (s *Store) caseCounts(ctx context.Context, scope string, from, to time.Time, feedback bool) ([]unitCounts, error) {
	pattern := escapeLike(scope) + "%"
	kinds := ""
	if feedback {
		kinds = " AND kind IN ('petition', 'reflection')"
	}
	at, lateBefore := judgedAt(to, s.Today())
	byUnit := map[int64]*unitCounts{}
	var order []int64
	unit := func(id int64) *unitCounts {
		u, ok := byUnit[id]
		if !ok {
			u = &unitCounts{UnitID: id}
			byUnit[id] = u
			order = append(order, id)
		}
		return u
	}
	j := judging("", "$4", "$5")
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `SELECT unit_id,
	COALESCE(SUM(CASE WHEN `+j.ended+` THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN `+j.onTime+` THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN `+j.late+` THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN `+j.overdue+` THEN 1 ELSE 0 END), 0),
	COUNT(*)
FROM reception_cases WHERE `+inScope("unit_id", 1)+` AND due_on >= $2 AND due_on <= $3`+kinds+` GROUP BY unit_id`,
		pattern, fmtDay(from), fmtDay(to), fmtDay(at), fmtDay(lateBefore))
	if err != nil {
		return nil, fmt.Errorf("reception: case figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c unitCounts
		if err := rows.Scan(&id, &c.Ended, &c.OnTime, &c.Late, &c.Overdue, &c.Due); err != nil {
			return nil, fmt.Errorf("reception: case figures: %w", err)
		}
		u := unit(id)
		u.Ended, u.OnTime, u.Late, u.Overdue = c.Ended, c.OnTime, c.Late, c.Overdue
		u.Due = c.Due - c.Ended
		u.Waiting = u.Due - u.OnTime - u.Late - u.Overdue
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reception: case figures: %w", err)
	}
	rows.Close()
	rows, err = s.db.Heavy(ctx).QueryContext(ctx, `SELECT unit_id, COUNT(*), COALESCE(SUM(CASE WHEN rating = 'satisfied' THEN 1 ELSE 0 END), 0)
FROM reception_cases WHERE `+inScope("unit_id", 1)+` AND decided_on >= $2 AND decided_on <= $3 AND rating <> ''`+kinds+` GROUP BY unit_id`,
		pattern, fmtDay(from), fmtDay(at))
	if err != nil {
		return nil, fmt.Errorf("reception: rating figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var rated, satisfied int
		if err := rows.Scan(&id, &rated, &satisfied); err != nil {
			return nil, fmt.Errorf("reception: rating figures: %w", err)
		}
		u := unit(id)
		u.Rated, u.Satisfied = rated, satisfied
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reception: rating figures: %w", err)
	}
	out := make([]unitCounts, len(order))
	for i, id := range order {
		out[i] = *byUnit[id]
	}
	return out, nil
}
