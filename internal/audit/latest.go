package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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

// Latest returns the latest entry that records a change to the records;
// sign-ins, sign-outs, reveals and exports change nothing a reader sees. An empty log
// gives the zero Change.
func Latest(ctx context.Context, q db.Querier) (Change, error) {
	var c Change
	var at string
	err := q.QueryRowContext(ctx, `SELECT id, at FROM audit_log
WHERE action NOT IN ('login', 'logout', 'login_failed', 'reveal', 'export') ORDER BY id DESC LIMIT 1`).Scan(&c.ID, &at)
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
