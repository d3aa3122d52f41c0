package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"papihub/internal/platform/db"
)

// ArchivedYear is one archived year as `papihub archive --list` shows it.
type ArchivedYear struct {
	Year     int
	Months   int   // months of dossiers in the archive schema
	Dossiers int64 // dossiers in them
	// Bytes is the disk space of every archived partition of the year
	// (dossiers and index aggregates, with their indexes and TOAST).
	Bytes      int64
	ArchivedAt time.Time
	ArchivedBy string
}

// ArchivedYearsDetail lists the archived years, oldest first, with what
// each holds. The dossiers are the row counts recorded when the
// partitions were archived (tthc_archived_partitions), counted afresh for
// partitions archived before those were recorded.
func (s *Store) ArchivedYearsDetail(ctx context.Context) ([]ArchivedYear, error) {
	var out []ArchivedYear
	index := map[int]int{}
	err := eachRow(ctx, s.db.R, `SELECT year, archived_at, archived_by FROM tthc_archived_years ORDER BY year`, nil, func(r *sql.Rows) error {
		var y ArchivedYear
		var at string
		if err := r.Scan(&y.Year, &at, &y.ArchivedBy); err != nil {
			return err
		}
		y.ArchivedAt, _ = db.ParseTime(at)
		index[y.Year] = len(out)
		out = append(out, y)
		return nil
	})
	if err != nil || len(out) == 0 || s.db.Dialect != db.Postgres {
		return out, err
	}
	_, archive, err := archiveSchema(ctx, s.db.R)
	if err != nil {
		return nil, err
	}
	for _, t := range partitionedTables {
		parts, err := tablesIn(ctx, s.db.R, archive, t.name+"_y", false)
		if err != nil {
			return nil, fmt.Errorf("tthc: archived years: %w", err)
		}
		for _, p := range parts {
			y, _, ok := partitionYear(t, p)
			i, archived := index[y]
			if !ok || !archived {
				continue
			}
			var size int64
			var rows sql.NullInt64
			if err := s.db.R.QueryRowContext(ctx, `SELECT pg_total_relation_size($1::regclass), (SELECT row_count FROM tthc_archived_partitions WHERE name = $2)`,
				archive+"."+p, p).Scan(&size, &rows); err != nil {
				return nil, fmt.Errorf("tthc: archived years: %s: %w", p, err)
			}
			out[i].Bytes += size
			if t.name != dossierTable.name {
				continue
			}
			if !rows.Valid {
				if err := s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+archive+`.`+p).Scan(&rows); err != nil {
					return nil, fmt.Errorf("tthc: archived years: %s: %w", p, err)
				}
			}
			out[i].Months++
			out[i].Dossiers += rows.Int64
		}
	}
	return out, nil
}
