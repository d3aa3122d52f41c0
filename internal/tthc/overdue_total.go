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
// (archived or not), written with the aggregates; the deltas before a
// period are then that total less the deltas from the period on, which for
// a recent period are its own year's and the few dated after it (an open
// dossier's +1 lies on the day it will fall overdue). The index takes
// whichever side reads fewer years (overdueSpans).

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
	y.first, _ = strconv.Atoi(lo.String)
	y.last, _ = strconv.Atoi(hi.String)
	y.readAt = now
	return y.first, y.last, nil
}

// overdueWay is how the index reads the overdue deltas before a period:
// chosen by the years each way reads (overdueAuto), or forced (the
// figure-identity test computes every index both ways).
type overdueWay int

const (
	overdueAuto      overdueWay = iota
	overdueFromYears            // the years before, plus tthc_carry
	overdueFromTotal            // tthc_overdue_total less the years after
)

// overdueRead chooses the way for a period starting on from.
func (s *Store) overdueRead(ctx context.Context, from Day) (overdueRead, error) {
	if s.overdueWay != overdueAuto {
		return overdueSpans(from, s.overdueWay), nil
	}
	first, last, err := s.yearsStored(ctx)
	if err != nil {
		return overdueRead{}, err
	}
	read := overdueSpans(from, overdueFromYears)
	// The years read each way: first..k (tthc_carry, empty but for an
	// archive, not counted), or the total's one row and k+1..last.
	k := read.lastYear
	if 1+max(0, last-k) < max(0, k-first+1) {
		return overdueSpans(from, overdueFromTotal), nil
	}
	return read, nil
}
