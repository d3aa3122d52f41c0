package org

import (
	"context"
	"database/sql"

	"papihub/internal/platform/db"
)

func init() {
	Migrations.Funcs = map[string]db.MigrationFunc{"002_units_path_bytewise": unitsPathBytewise}
}

// unitsPathBytewise is migration 002. A subtree is read as a range of paths
// in byte order (db.Dialect.Bytewise: path COLLATE "C" on PostgreSQL), and
// an index serves a comparison only in its own collation: units_path, in
// the database's (often a language's), could not, so every subtree read
// scanned the whole units table — nothing at a province's few thousand
// units, four scans per index statement at a country's. SQLite compares
// bytes already (BINARY), and units_path serves it.
func unitsPathBytewise(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	if d != db.Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS units_path_bytewise ON units (path COLLATE "C")`)
	return err
}
