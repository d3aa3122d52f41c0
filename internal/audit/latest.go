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
// reader that asks on every request (the portal): parsing the statement
// each time costs more than running it. The zero Watcher is ready.
type Watcher struct {
	mu    sync.Mutex
	stmts map[*sql.DB]*sql.Stmt
}

// Latest returns the latest change to the records, read from pool.
func (w *Watcher) Latest(ctx context.Context, pool *sql.DB) (Change, error) {
	w.mu.Lock()
	stmt, ok := w.stmts[pool]
	if !ok {
		var err error
		if stmt, err = pool.PrepareContext(ctx, latestQuery); err != nil {
			w.mu.Unlock()
			return Change{}, fmt.Errorf("audit: prepare latest change: %w", err)
		}
		if w.stmts == nil {
			w.stmts = map[*sql.DB]*sql.Stmt{}
		}
		w.stmts[pool] = stmt
	}
	w.mu.Unlock()
	return scanLatest(stmt.QueryRowContext(ctx))
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
