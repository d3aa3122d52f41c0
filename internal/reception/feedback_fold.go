package reception

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// The service index reads its two feedback indicators for a province's
// year many times a day; counting them from the cases reads every case of
// the scope (a province: 100,000 a year, docs/benchmarks.md). So the
// petitions and reflections are folded, in the transaction that writes a
// case, into per-unit, per-day counts (reception_feedback_daily) from which
// FeedbackByUnit reads caseCounts' rule exactly:
//   - on the case's due day, if it is not withdrawn or transferred: one
//     "not ended"; one "answered" once it is answered; one "on time" if
//     answered by that day;
//   - on the day of its answer, one "rated" once the citizen rated it, one
//     "satisfied" if satisfied.
// For a period from..to judged at min(to, today) with lateBefore =
// min(to+1, today) (judgedAt), and answers never later than today: on time
// is the on-time count of the due days in the period; judged is the
// not-ended count of the due days before lateBefore plus the answered
// count of those from it (due today or later: judged only once answered);
// the ratings are those of the answer days from..min(to, today).

// foldDay is what one case adds to one day of one unit.
type foldDay struct {
	NotEnded, Answered, OnTime, Rated, Satisfied int
}

func (a *foldDay) add(b foldDay, sign int) {
	a.NotEnded += sign * b.NotEnded
	a.Answered += sign * b.Answered
	a.OnTime += sign * b.OnTime
	a.Rated += sign * b.Rated
	a.Satisfied += sign * b.Satisfied
}

func (a foldDay) zero() bool { return a == foldDay{} }

// foldFacts are the columns of a case the fold reads.
type foldFacts struct {
	unit                       int64
	kind, status, due, decided string
	rating                     string
}

type foldKey struct {
	unit int64
	day  string
}

// fold is what a case adds to the daily counts, by unit and day.
func (f foldFacts) fold(into map[foldKey]foldDay, sign int) {
	if !Kind(f.kind).Feedback() {
		return
	}
	add := func(day string, d foldDay) {
		k := foldKey{f.unit, day}
		v := into[k]
		v.add(d, sign)
		into[k] = v
	}
	if s := Status(f.status); s != StWithdrawn && s != StTransferred {
		d := foldDay{NotEnded: 1}
		if f.decided != "" {
			d.Answered = 1
			if f.decided <= f.due {
				d.OnTime = 1
			}
		}
		add(f.due, d)
	}
	if f.decided != "" && f.rating != "" {
		d := foldDay{Rated: 1}
		if Rating(f.rating) == Satisfied {
			d.Satisfied = 1
		}
		add(f.decided, d)
	}
}

func caseFold(c Case) foldFacts {
	return foldFacts{unit: c.UnitID, kind: string(c.Kind), status: string(c.Status), due: fmtDay(c.Due), decided: fmtDay(c.DecidedOn), rating: string(c.Rating)}
}

// readFold reads a case's facts in tx; ok is false when there is no case.
func readFold(ctx context.Context, tx *sql.Tx, caseID int64) (f foldFacts, ok bool, err error) {
	err = tx.QueryRowContext(ctx, `SELECT unit_id, kind, status, due_on, decided_on, rating FROM reception_cases WHERE id = $1`, caseID).
		Scan(&f.unit, &f.kind, &f.status, &f.due, &f.decided, &f.rating)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("reception: fold %d: %w", caseID, err)
	}
	return f, true, nil
}

// refold runs change, which writes case caseID in tx, and moves the case's
// contribution to the daily counts from what it was to what it is.
func refold(ctx context.Context, tx *sql.Tx, caseID int64, change func() error) error {
	before, had, err := readFold(ctx, tx, caseID)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, has, err := readFold(ctx, tx, caseID)
	if err != nil {
		return err
	}
	delta := map[foldKey]foldDay{}
	if had {
		before.fold(delta, -1)
	}
	if has {
		after.fold(delta, 1)
	}
	return applyFold(ctx, tx, delta)
}

// applyFold adds delta to the daily counts, in key order (two writers
// wait for each other rather than deadlock on PostgreSQL).
func applyFold(ctx context.Context, tx *sql.Tx, delta map[foldKey]foldDay) error {
	keys := make([]foldKey, 0, len(delta))
	for k, d := range delta {
		if !d.zero() {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b foldKey) int {
		if a.unit != b.unit {
			return int(a.unit - b.unit)
		}
		return compareStrings(a.day, b.day)
	})
	for _, k := range keys {
		d := delta[k]
		if _, err := tx.ExecContext(ctx, `INSERT INTO reception_feedback_daily (unit_id, day, not_ended, answered, on_time, rated, satisfied)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (unit_id, day) DO UPDATE SET not_ended = reception_feedback_daily.not_ended + excluded.not_ended,
	answered = reception_feedback_daily.answered + excluded.answered, on_time = reception_feedback_daily.on_time + excluded.on_time,
	rated = reception_feedback_daily.rated + excluded.rated, satisfied = reception_feedback_daily.satisfied + excluded.satisfied`,
			k.unit, k.day, d.NotEnded, d.Answered, d.OnTime, d.Rated, d.Satisfied); err != nil {
			return fmt.Errorf("reception: fold: %w", err)
		}
	}
	return nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
