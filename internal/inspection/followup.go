package inspection

import (
	"context"
	"fmt"
	"time"
)

// FollowUp is the follow-up of conclusions for a period: each conclusion
// followed in the span (issued in it, or with recommendations still open
// at its start) with its recommendations counted as they stood at its end,
// and the totals; amounts are as last reported.
type FollowUp struct {
	Unit     Unit
	From, To time.Time
	Rows     []FollowRow
	Total    FollowRow
	// Strict lists the recommendations for strict handling at the end of
	// the span: overdue then, done late, or repeat violations.
	Strict []Recommendation
	// Directives counts the conclusions received in the span by the state
	// of the head's directive at its end.
	Directives map[DirectiveState]int
}

// FollowRow is one conclusion's line of the follow-up (or the total's).
type FollowRow struct {
	Conclusion                 Ref
	Recs, Done, Open, Overdue  int
	Late, Repeats              int
	AmountDue, AmountRecovered int64
	People, PeopleDone         int
}

// StatusAt is the recommendation's status at the end of a day in the past:
// done if reported done by then, else overdue past its deadline, else as
// it stands (open).
func (r Recommendation) StatusAt(end time.Time) Status {
	if r.Progress == Done && !day(r.DoneOn).After(day(end)) {
		return StatusDone
	}
	if day(end).After(day(r.Deadline)) {
		return StatusOverdue
	}
	if r.Progress == Done {
		return StatusInProgress // done after the span's end: open at its end
	}
	return Status(r.Progress)
}

// add counts one recommendation at the end of the span.
func (f *FollowRow) add(r Recommendation, end time.Time) {
	f.Recs++
	switch r.StatusAt(end) {
	case StatusDone:
		f.Done++
		if r.Late() {
			f.Late++
		}
		if r.Kind == Discipline {
			f.PeopleDone += r.People
		}
	case StatusOverdue:
		f.Overdue++
	default:
		f.Open++
	}
	if r.RepeatOf != 0 {
		f.Repeats++
	}
	if r.Kind == Discipline {
		f.People += r.People
	}
	f.AmountDue += r.AmountDue
	f.AmountRecovered += r.AmountRecovered
}

// Share is the part recovered, 0–1; ok is false with nothing due.
func (f FollowRow) Share() (float64, bool) { return RecoveredShare(f.AmountDue, f.AmountRecovered) }

// gather builds the follow-up from the recommendations of the span,
// ordered by conclusion.
func gather(unit Unit, from, to time.Time, recs []Recommendation, conclusions []Conclusion) FollowUp {
	f := FollowUp{Unit: unit, From: day(from), To: day(to), Directives: map[DirectiveState]int{}}
	byID := map[int64]int{}
	for _, r := range recs {
		i, ok := byID[r.ConclusionID]
		if !ok {
			i = len(f.Rows)
			byID[r.ConclusionID] = i
			f.Rows = append(f.Rows, FollowRow{Conclusion: r.Conclusion})
		}
		f.Rows[i].add(r, to)
		f.Total.add(r, to)
		if r.StatusAt(to) == StatusOverdue || (r.StatusAt(to) == StatusDone && r.Late()) || r.RepeatOf != 0 {
			f.Strict = append(f.Strict, r)
		}
	}
	for _, c := range conclusions {
		if rcv := day(c.Received()); !rcv.Before(f.From) && !rcv.After(f.To) {
			d := c
			if !d.DirectiveOn.IsZero() && day(d.DirectiveOn).After(f.To) {
				d.DirectiveOn = time.Time{} // issued after the span
			}
			f.Directives[d.DirectiveStateOn(to)]++
		}
	}
	return f
}

// FollowUp gathers the follow-up of the conclusions of unit's subtree for
// from..to.
func (s *Store) FollowUp(ctx context.Context, unit Unit, from, to time.Time) (FollowUp, error) {
	var q query
	q.conds = append(q.conds, inScope("r.unit_id", q.arg(escapeLike(unit.Path)+"%")), "r.issued_on <= "+q.arg(fmtDay(to)),
		"(r.progress <> 'done' OR r.done_on >= "+q.arg(fmtDay(from))+" OR r.issued_on >= "+q.arg(fmtDay(from))+")")
	rows, err := s.db.R.QueryContext(ctx, recommendationColumns+q.where()+" ORDER BY c.issued_on, c.id, r.seq", q.args...)
	if err != nil {
		return FollowUp{}, fmt.Errorf("inspection: follow-up: %w", err)
	}
	defer rows.Close()
	var recs []Recommendation
	for rows.Next() {
		r, err := scanRecommendation(rows)
		if err != nil {
			return FollowUp{}, err
		}
		recs = append(recs, r)
	}
	if err := rows.Err(); err != nil {
		return FollowUp{}, err
	}
	var cq query
	cq.conds = append(cq.conds, inScope("c.unit_id", cq.arg(escapeLike(unit.Path)+"%")),
		"COALESCE(NULLIF(c.received_on, ''), c.issued_on) >= "+cq.arg(fmtDay(from)), "COALESCE(NULLIF(c.received_on, ''), c.issued_on) <= "+cq.arg(fmtDay(to)))
	crows, err := s.db.R.QueryContext(ctx, "SELECT "+conclusionColumns+conclusionFrom+cq.where(), cq.args...)
	if err != nil {
		return FollowUp{}, fmt.Errorf("inspection: follow-up directives: %w", err)
	}
	defer crows.Close()
	var cs []Conclusion
	for crows.Next() {
		c, err := scanConclusion(crows)
		if err != nil {
			return FollowUp{}, err
		}
		cs = append(cs, c)
	}
	if err := crows.Err(); err != nil {
		return FollowUp{}, err
	}
	return gather(unit, from, to, recs, cs), nil
}
