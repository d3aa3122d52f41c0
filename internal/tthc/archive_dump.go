package tthc

import (
	"context"
	"database/sql"
	"fmt"

	"papihub/internal/platform/db"
)

// Dumps and archived years. `papihub dump` writes the rows of the archived
// partitions with their tables' own (archivedPartitions), so a dump taken
// while years are archived holds every year. A restore loads them into the
// live tables; AfterRestore then puts the archive back as it was on
// PostgreSQL (the partitions of the years in tthc_archived_years detached
// into the archive schema again; tthc_carry, restored as it was, already
// holds their overdue deltas), and on SQLite, which keeps every year live,
// forgets the archive (no archived year or partition, nothing carried:
// the rows carry their own figures).

// archivedPartitions is Migrations.Detached: the archived partitions of
// one of the partitioned tables, schema-qualified.
func archivedPartitions(ctx context.Context, q db.Querier, d db.Dialect, table string) ([]string, error) {
	if d != db.Postgres {
		return nil, nil
	}
	for _, t := range partitionedTables {
		if t.name != table {
			continue
		}
		_, archive, err := archiveSchema(ctx, q)
		if err != nil {
			return nil, err
		}
		names, err := tablesIn(ctx, q, archive, t.name+"_y", false)
		for i, n := range names {
			names[i] = archive + "." + n
		}
		return names, err
	}
	return nil, nil
}

// rearchive is the end of AfterRestore: see above.
func rearchive(ctx context.Context, d *db.DB) error {
	if d.Dialect != db.Postgres {
		for _, stmt := range []string{`DELETE FROM tthc_carry`, `DELETE FROM tthc_archived_years`, `DELETE FROM tthc_archived_partitions`} {
			if _, err := d.W.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("tthc: after restore: %w", err)
			}
		}
		return nil
	}
	return d.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, partitionLock); err != nil {
			return err
		}
		first, err := firstLiveYear(ctx, tx)
		if err != nil || first == 0 {
			return err
		}
		live, archive, err := archiveSchema(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+archive); err != nil {
			return fmt.Errorf("tthc: after restore: %w", err)
		}
		var rep ArchiveReport
		if _, err := detachBefore(ctx, tx, live, archive, first, &rep); err != nil {
			return fmt.Errorf("tthc: after restore: %w", err)
		}
		return nil
	})
}
