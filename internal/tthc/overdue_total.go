package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync"
	"time"

	"papihub/internal/platform/db"
)

// The open-overdue count at a period's end sums the overdue deltas of every
// day up to it. Read from the aggregates, that is every year stored before
// the period: at ten years the yearly rows of the nine earlier years were
// most of a province × year index (docs/benchmarks.md). tthc_overdue_total
// keeps, per unit and procedure, the sum of the deltas of every day stored
// (archived or not), written with the aggregates; the count at a period's
// end is then that total less the deltas dated after it, which for a
// recent period are the few of the dossiers still open (an open dossier's
// +1 lies on the day it falls overdue, its −1 on the day it ends). The
// index reads whichever side holds fewer keys (overdueRead); archived
// years are in the total and in tthc_carry alike, so neither archiving nor
// restoring touches the total.

// unitProc is a unit and procedure, the key of the running total.
type unitProc struct{ unit, proc int64 }

// overdueTotals sums a batch's yearly changes of the overdue deltas per unit
// and procedure, leaving out the sums of 0.
func overdueTotals(yearly map[aggregateKeyID]*DailyAggregate) map[unitProc]int64 {
	totals := map[unitProc]int64{}
	for k, r := range yearly {
		if r.OverdueDelta != 0 {
			totals[unitProc{k.unit, k.proc}] += r.OverdueDelta
		}
	}
	for k, v := range totals {
		if v == 0 {
			delete(totals, k)
		}
	}
	return totals
}

// upsertOverdueTotals adds a batch's changes to the running totals, in the
// writer's transaction. On PostgreSQL the rows are locked in key order, as
// the aggregates' are (upsertAggregates), so concurrent writers wait for
// each other rather than deadlock; they go in one statement, not by COPY
// (a batch changes a few dozen totals: a staging table would cost two more
// round trips).
func (w *batchWriter) upsertOverdueTotals(ctx context.Context, totals map[unitProc]int64) error {
	if len(totals) == 0 {
		return nil
	}
	const perRow = 3
	args := make([]any, 0, len(totals)*perRow)
	for k, v := range totals {
		args = append(args, k.unit, k.proc, v)
	}
	head := "INSERT INTO tthc_overdue_total (unit_id, procedure_id, overdue_delta)"
	tail := " ON CONFLICT (unit_id, procedure_id) DO UPDATE SET overdue_delta = tthc_overdue_total.overdue_delta + excluded.overdue_delta"
	var err error
	if w.s.db.Dialect == db.Postgres {
		err = w.writeRowsPostgres(ctx, head, " ORDER BY 1, 2"+tail, perRow, args)
	} else {
		err = w.writeRowsSQLite(ctx, head, tail, perRow, args)
	}
	if err != nil {
		return fmt.Errorf("tthc: update tthc_overdue_total: %w", err)
	}
	return nil
}

// storedYears are the first and last years of the live yearly aggregates,
// read at most once a minute: they only weigh the two ways of reading the
// overdue deltas (overdueSpans), which give the same figures, so a range an
// import or an archive has just changed costs time, never a wrong figure.
type storedYears struct {
	mu          sync.Mutex
	first, last int
	readAt      time.Time
}

const storedYearsFresh = time.Minute

func (s *Store) yearsStored(ctx context.Context) (first, last int, err error) {
	y := &s.years
	y.mu.Lock()
	defer y.mu.Unlock()
	now := s.now()
	if !y.readAt.IsZero() && !now.Before(y.readAt) && now.Sub(y.readAt) < storedYearsFresh {
		return y.first, y.last, nil
	}
	var lo, hi sql.NullString
	if err := s.db.Heavy(ctx).QueryRowContext(ctx, `SELECT MIN(year), MAX(year) FROM tthc_yearly`).Scan(&lo, &hi); err != nil {
		return 0, 0, fmt.Errorf("tthc: years stored: %w", err)
	}
	y.first, y.last = 1, 0 // none
	if lo.Valid && hi.Valid {
		y.first, _ = strconv.Atoi(lo.String)
		y.last, _ = strconv.Atoi(hi.String)
	}
	y.readAt = now
	return y.first, y.last, nil
}

// overdueWay is how the index reads the overdue deltas: chosen by the
// rows each way reads (overdueAuto), or forced (the figure-identity test
// computes every index both ways).
type overdueWay int

const (
	overdueAuto      overdueWay = iota
	overdueFromYears            // tthc_carry and the deltas before the period
	overdueFromTotal            // tthc_overdue_total less the deltas after it
)

// overdueRead is what the index sums for the overdue count: tthc_carry or
// tthc_overdue_total (total), plus the deltas of add, less those of
// subtract. With the total it is the open-overdue count at the period's
// end; otherwise the deltas before the period, to which the period's own
// are added.
type overdueRead struct {
	add, subtract []aggSpan
	total         bool
}

// overdueRead reads the fewer keys per unit and procedure over the years
// stored: the deltas before p (the years since the first stored), or the
// total's one row and the deltas after p (the years up to the last, which
// for a recent period are its own and the next).
func (s *Store) overdueRead(ctx context.Context, p Period) (overdueRead, error) {
	before, after := overdueRead{}, overdueRead{total: true}
	before.add, before.subtract = overdueSpans(p.From)
	after.subtract, after.add = overdueAfter(p.To)
	switch s.overdueWay {
	case overdueFromYears:
		return before, nil
	case overdueFromTotal:
		return after, nil
	}
	first, last, err := s.yearsStored(ctx)
	if err != nil {
		return overdueRead{}, err
	}
	keys := func(r overdueRead) int { return keysStored(r.add, first, last) + keysStored(r.subtract, first, last) }
	if 1+keys(after) < keys(before) {
		return after, nil
	}
	return before, nil
}
