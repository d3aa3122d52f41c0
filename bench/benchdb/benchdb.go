// Package benchdb opens the database a register's bench fills: an empty
// SQLite file in a data directory (or the PostgreSQL database a DSN names),
// migrated for the organisation, the report register and the register
// itself, with the demo organisation loaded.
package benchdb

import (
	"context"
	"os"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/report"
)

// Open opens dsn (empty: a fresh SQLite database in dir) with register's
// migrations and the demo organisation.
func Open(ctx context.Context, dsn, dir string, register db.Module) (*db.DB, error) {
	if dsn == "" {
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, err
		}
		dsn = dir + "/papihub.db"
	}
	conn, err := db.Open(ctx, dsn, dir)
	if err != nil {
		return nil, err
	}
	if err := conn.Migrate(ctx, audit.Migrations, org.Migrations, report.Migrations, register); err != nil {
		conn.Close()
		return nil, err
	}
	if _, err := org.NewStore(conn, nil).LoadDemo(ctx, "bench-password"); err != nil && !strings.Contains(err.Error(), "already") {
		conn.Close()
		return nil, err
	}
	return conn, nil
}
