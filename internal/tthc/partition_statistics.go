package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"papihub/internal/platform/db"
)

// The analyses after an import sample few rows (importStatisticsTarget), so
// that the import does not wait for them; partition upkeep (serve, daily;
// `papihub maintenance partitions`) analyses those partitions again at the
// database's own target, off the import's path. Without it a past month's
// partition, which no later write brings to autovacuum's threshold, would
// keep its small sample for good.

// sampledStatistics is migration 013: the partitions whose statistics come
// from an import's small sample, by name, with when they were analysed.
func sampledStatistics(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	if d != db.Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `CREATE TABLE tthc_sampled_statistics (
	relname TEXT PRIMARY KEY,
	analysed_at TEXT NOT NULL
)`)
	return err
}

// analyzeSampled analyses the partition name on columns cols at
// importStatisticsTarget, and records it for RefineStatistics.
func analyzeSampled(ctx context.Context, d *db.DB, name, cols string, now time.Time) error {
	return d.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("SET LOCAL default_statistics_target = %d", importStatisticsTarget)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "ANALYZE "+name+" ("+cols+")"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tthc_sampled_statistics (relname, analysed_at) VALUES ($1, $2)
ON CONFLICT (relname) DO UPDATE SET analysed_at = EXCLUDED.analysed_at`, name, db.FormatTime(now))
		return err
	})
}

// RefineStatistics analyses again, at the database's statistics target,
// the partitions an import analysed on a small sample, one transaction
// each; a partition another process is refining is skipped, one that is
// gone (archived) forgotten. It returns how many it analysed; nothing
// happens on SQLite.
func RefineStatistics(ctx context.Context, d *db.DB) (int, error) {
	if d.Dialect != db.Postgres {
		return 0, nil
	}
	names, err := listOf[string](ctx, d.W, `SELECT relname FROM tthc_sampled_statistics ORDER BY relname`)
	if err != nil {
		return 0, fmt.Errorf("tthc: partitions to analyse again: %w", err)
	}
	refined := 0
	for _, name := range names {
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			var exists bool
			err := tx.QueryRowContext(ctx, `SELECT to_regclass(relname) IS NOT NULL FROM tthc_sampled_statistics
WHERE relname = $1 FOR UPDATE SKIP LOCKED`, name).Scan(&exists)
			if errors.Is(err, sql.ErrNoRows) {
				return nil // refined by another process meanwhile, or being
			}
			if err != nil {
				return err
			}
			if cols := analyzedColumns[parentOf(name)]; exists && cols != "" {
				if _, err := tx.ExecContext(ctx, "ANALYZE "+name+" ("+cols+")"); err != nil {
					return err
				}
				refined++
			}
			_, err = tx.ExecContext(ctx, `DELETE FROM tthc_sampled_statistics WHERE relname = $1`, name)
			return err
		})
		if err != nil {
			return refined, fmt.Errorf("tthc: analyse %s again: %w", name, err)
		}
	}
	return refined, nil
}
