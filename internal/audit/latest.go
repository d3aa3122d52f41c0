package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"papihub/internal/platform/db"
)

// Change names the latest change to the records: the id of its audit entry
// and when it was made. Since every change is audited in its own
// transaction, a reader that remembers a Change knows that nothing changed
// as long as Latest returns the same one (the public portal's caches).
type Change struct {
	ID int64
	At time.Time
}

// latestQuery finds the latest entry that records a change to the records;
// sign-ins, sign-outs, reveals and exports change nothing a reader sees.
const latestQuery = `SELECT id, at FROM audit_log
WHERE action NOT IN ('login', 'logout', 'login_failed', 'reveal', 'export') ORDER BY id DESC LIMIT 1`

// Latest returns the latest change to the records. An empty log gives the
// zero Change.
func Latest(ctx context.Context, q db.Querier) (Change, error) {
	return scanLatest(q.QueryRowContext(ctx, latestQuery))
}

// Watcher answers Latest with the statement prepared once per pool, for a
// reader that asks on every request (the portal, the kept pages): parsing
// the statement each time costs more than running it. Concurrent requests
// share reads (sharedReads), each still seeing every change committed
// before it asked. The zero Watcher is ready.
type Watcher struct {
	mu    sync.Mutex
	pools map[*sql.DB]*watchedPool
}

// watchedPool is what a Watcher keeps for one pool.
type watchedPool struct {
	read  func(context.Context) (Change, error) // through the prepared statement
	reads sharedReads
}

// Latest returns the latest change to the records, read from pool.
func (w *Watcher) Latest(ctx context.Context, pool *sql.DB) (Change, error) {
	w.mu.Lock()
	p, ok := w.pools[pool]
	if !ok {
		stmt, err := pool.PrepareContext(ctx, latestQuery)
		if err != nil {
			w.mu.Unlock()
			return Change{}, fmt.Errorf("audit: prepare latest change: %w", err)
		}
		if w.pools == nil {
			w.pools = map[*sql.DB]*watchedPool{}
		}
		p = &watchedPool{read: func(ctx context.Context) (Change, error) { return scanLatest(stmt.QueryRowContext(ctx)) }}
		w.pools[pool] = p
	}
	w.mu.Unlock()
	return p.reads.latest(ctx, p.read)
}

func scanLatest(row *sql.Row) (Change, error) {
	var c Change
	var at string
	err := row.Scan(&c.ID, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Change{}, nil
	}
	if err != nil {
		return c, fmt.Errorf("audit: latest change: %w", err)
	}
	if c.At, err = db.ParseTime(at); err != nil {
		return c, fmt.Errorf("audit: latest change: %w", err)
	}
	return c, nil
}
