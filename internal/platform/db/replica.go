package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A read replica is a PostgreSQL streaming standby that answers the heavy
// reads (the index, drill-downs, dashboards, the portal, reports) so that the
// primary keeps its cores for writes. Three things keep it safe to use:
//   - a prober asks the replica every second how far it has replayed the
//     primary's write-ahead log, and marks it down when it does not answer:
//     heavy reads then go to the primary (a warning in the log, a metric);
//   - a user's own change is read back from the primary until the replica
//     has replayed past it: the web layer marks the primary's log position
//     after each change (Mark) and carries it on the user's next requests
//     (Require);
//   - nothing but reads ever goes to it (Heavy returns a pool, never a Tx).

// replicaProbeEvery is how often the replica's state is refreshed: the delay
// before a dead replica stops receiving reads, and before a caught-up one
// receives a user's reads again.
var replicaProbeEvery = time.Second

type replica struct {
	pool     *sql.DB
	generic  *sql.DB // the pool of HeavyGeneric
	dsn      string  // redacted
	log      *slog.Logger
	up       atomic.Bool
	replayed atomic.Uint64 // the replica's replay position (LSN)
	lag      atomic.Int64  // bytes of WAL the replica is behind, -1 unknown
	// fallbacks counts heavy reads sent to the primary because the replica
	// was down; ownWrites those sent there to read the user's own change.
	fallbacks, ownWrites atomic.Uint64
	stop                 context.CancelFunc
	done                 sync.WaitGroup
}

// AttachReplica sends d's heavy reads to the PostgreSQL standby at dsn. It
// probes the replica once before returning, so that a process starts on its
// primary alone when the replica is down (with a warning) rather than not at
// all, then keeps probing until Close.
func (d *DB) AttachReplica(ctx context.Context, dsn string, log *slog.Logger) error {
	if d.Dialect != Postgres || !isPostgresDSN(dsn) {
		return fmt.Errorf("db: a read replica needs PostgreSQL on both sides, got %s for %s", RedactDSN(dsn), d.Dialect)
	}
	if d.replica != nil {
		return fmt.Errorf("db: a read replica is already attached")
	}
	p, g, err := openPostgresPools(dsn)
	if err != nil {
		return fmt.Errorf("db: open read replica: %w", err)
	}
	if log == nil {
		log = slog.Default()
	}
	r := &replica{pool: p, generic: g, dsn: RedactDSN(dsn), log: log}
	r.lag.Store(-1)
	d.replica = r
	d.probeReplica(ctx)
	pctx, stop := context.WithCancel(context.Background())
	r.stop = stop
	r.done.Go(func() {
		t := time.NewTicker(replicaProbeEvery)
		defer t.Stop()
		for {
			select {
			case <-pctx.Done():
				return
			case <-t.C:
				d.probeReplica(pctx)
			}
		}
	})
	return nil
}

// probeReplica refreshes the replica's state: up or down, and how far it
// has replayed. A replica that is not in recovery (a promoted one, or the
// same server in tests) reports its own current position.
func (d *DB) probeReplica(ctx context.Context) {
	r := d.replica
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var replayed string
	err := r.pool.QueryRowContext(ctx, `SELECT COALESCE(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text`).Scan(&replayed)
	var lsn uint64
	if err == nil {
		lsn, err = ParseLSN(replayed)
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return // shutting down
		}
		if r.up.Swap(false) || r.stop == nil {
			r.log.Warn("read replica unreachable: heavy reads go to the primary", slog.String("replica", r.dsn), slog.String("error", err.Error()))
		}
		r.lag.Store(-1)
		return
	}
	r.replayed.Store(lsn)
	if !r.up.Swap(true) && r.stop != nil {
		r.log.Info("read replica answers again: heavy reads go to it", slog.String("replica", r.dsn))
	}
	if primary, err := d.currentLSN(ctx); err == nil && primary >= lsn {
		r.lag.Store(int64(primary - lsn))
	}
}

// Heavy returns the pool for a heavy read: the replica when one is attached,
// answers, and has replayed the changes ctx requires (see Require);
// otherwise the primary's readers.
func (d *DB) Heavy(ctx context.Context) *sql.DB {
	if d.onReplica(ctx) {
		return d.replica.pool
	}
	return d.R
}

// HeavyGeneric is Heavy for the statements run again and again with other
// arguments over partitioned tables (the index's): on PostgreSQL their
// connections plan each prepared statement once, for any arguments
// (plan_cache_mode = force_generic_plan), where PostgreSQL's own choice
// plans it anew on every run (the generic plan's estimate counts every
// partition, its custom plans only those the arguments keep, so the custom
// plans always look cheaper): planning was most of an agency × month
// index's time. The generic plan prunes the partitions when it runs. Only
// statements checked with EXPLAIN to get a good generic plan belong here.
// On SQLite it is Heavy.
func (d *DB) HeavyGeneric(ctx context.Context) *sql.DB {
	switch {
	case d.onReplica(ctx):
		return d.replica.generic
	case d.generic != nil:
		return d.generic
	}
	return d.R
}

// onReplica tells whether a heavy read goes to the replica, counting those
// sent to the primary instead.
func (d *DB) onReplica(ctx context.Context) bool {
	r := d.replica
	if r == nil {
		return false
	}
	if !r.up.Load() {
		r.fallbacks.Add(1)
		return false
	}
	if need, ok := ctx.Value(requiredLSNKey{}).(uint64); ok && r.replayed.Load() < need {
		r.ownWrites.Add(1)
		return false
	}
	return true
}

type requiredLSNKey struct{}

// Mark returns the primary's current write-ahead log position, to be handed
// back to Require on the user's next requests; empty when no replica is
// attached (every read is on the primary already).
func (d *DB) Mark(ctx context.Context) (string, error) {
	if d.replica == nil {
		return "", nil
	}
	lsn, err := d.currentLSN(ctx)
	if err != nil {
		return "", err
	}
	return FormatLSN(lsn), nil
}

// Require returns ctx carrying a position from Mark: heavy reads under it go
// to the replica only once it has replayed that far. A malformed position
// (it comes from a cookie) pins the reads to the primary, the safe side.
func (d *DB) Require(ctx context.Context, mark string) context.Context {
	if d.replica == nil || mark == "" {
		return ctx
	}
	lsn, err := ParseLSN(mark)
	if err != nil {
		lsn = ^uint64(0)
	}
	return context.WithValue(ctx, requiredLSNKey{}, lsn)
}

func (d *DB) currentLSN(ctx context.Context) (uint64, error) {
	var s string
	if err := d.W.QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&s); err != nil {
		return 0, fmt.Errorf("db: primary's log position: %w", err)
	}
	return ParseLSN(s)
}

// ReplicaStats is the replica's state for the metrics.
type ReplicaStats struct {
	Attached  bool
	Up        bool
	LagBytes  int64 // -1 when unknown
	Fallbacks uint64
	OwnWrites uint64
}

// ReplicaStats reports the replica's state.
func (d *DB) ReplicaStats() ReplicaStats {
	r := d.replica
	if r == nil {
		return ReplicaStats{LagBytes: -1}
	}
	return ReplicaStats{Attached: true, Up: r.up.Load(), LagBytes: r.lag.Load(), Fallbacks: r.fallbacks.Load(), OwnWrites: r.ownWrites.Load()}
}

// ReplicaPool is the replica's pool, nil when none is attached (for the
// pool metrics).
func (d *DB) ReplicaPool() *sql.DB {
	if d.replica == nil {
		return nil
	}
	return d.replica.pool
}

func (r *replica) close() error {
	if r.stop != nil {
		r.stop()
	}
	r.done.Wait()
	return errors.Join(r.pool.Close(), r.generic.Close())
}

// ParseLSN reads a PostgreSQL log position written as two hexadecimal
// halves, e.g. 16/B374D848.
func ParseLSN(s string) (uint64, error) {
	hi, lo, ok := strings.Cut(s, "/")
	if ok && hi != "" && lo != "" && len(hi) <= 8 && len(lo) <= 8 {
		h, err1 := strconv.ParseUint(hi, 16, 32)
		l, err2 := strconv.ParseUint(lo, 16, 32)
		if err1 == nil && err2 == nil {
			return h<<32 | l, nil
		}
	}
	return 0, fmt.Errorf("db: bad log position %q", s)
}

// FormatLSN writes a position as PostgreSQL does.
func FormatLSN(lsn uint64) string {
	return fmt.Sprintf("%X/%X", lsn>>32, lsn&0xFFFFFFFF)
}
