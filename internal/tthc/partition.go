package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"time"

	"papihub/internal/platform/db"
)

// On PostgreSQL the index aggregates are partitioned by their own date: the
// daily rows one partition per month, the monthly and yearly rows one per
// year. A query for an agency × month or the province × year then reads one
// partition whatever the number of years stored, old years can be vacuumed
// and backed up apart, and a year's partitions can later be detached. SQLite
// keeps plain tables (one agency's years fit it comfortably).
//
// Each table also has a DEFAULT partition, so a write never fails for want
// of a partition (a dossier received in 1999, a date far ahead):
// EnsurePartitions moves such rows into partitions of their own.

// partitionedTable is one aggregate table and how it is cut.
type partitionedTable struct {
	name, key string
	monthly   bool // one partition per month of the key, else per year
}

// aggregateTables are the tables migration 006 converted.
var aggregateTables = []partitionedTable{
	{name: "tthc_daily", key: "day", monthly: true},
	{name: "tthc_monthly", key: "month"},
	{name: "tthc_yearly", key: "year"},
}

// dossierTable is cut by the month of receipt (received_day, the day the
// statutory clock started); migration 008 converted it. A dossier with no
// such day (none is stored without one today) stays in the default
// partition.
var dossierTable = partitionedTable{name: "tthc_dossiers", key: "received_day", monthly: true}

// partitionedTables are every partitioned table: upkeep and the archive
// treat them alike.
var partitionedTables = append(append([]partitionedTable(nil), aggregateTables...), dossierTable)

// partitionsAhead is how far past today partitions exist before any row
// needs them: serve and `papihub maintenance partitions` keep it so.
const partitionsAhead = 13 // months

// partitionAggregates is migration 006: it converts the aggregate tables in
// place, keeping every row, and creates the partitions their rows and the
// coming months need.
func partitionAggregates(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	if d != db.Postgres {
		return nil
	}
	for _, t := range aggregateTables {
		plain := t.name + "_plain"
		for _, stmt := range []string{
			`ALTER TABLE ` + t.name + ` RENAME TO ` + plain,
			`ALTER TABLE ` + plain + ` DROP CONSTRAINT ` + t.name + `_pkey`,
			`DROP INDEX ` + t.name + `_unit`,
			`CREATE TABLE ` + t.name + ` (LIKE ` + plain + ` INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (` + t.key + `)`,
			`ALTER TABLE ` + t.name + ` ADD PRIMARY KEY (` + t.key + `, unit_id, procedure_id)`,
			`CREATE INDEX ` + t.name + `_unit ON ` + t.name + ` (unit_id, ` + t.key + `)`,
			`CREATE TABLE ` + t.name + `_default PARTITION OF ` + t.name + ` DEFAULT`,
		} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("tthc: partition %s: %w", t.name, err)
			}
		}
		bounds, err := distinctBounds(ctx, tx, t, plain)
		if err != nil {
			return err
		}
		// This month's partition only: keeping 13 months ahead is upkeep's
		// (EnsurePartitions), and a test database stays small.
		if _, err := createPartitions(ctx, tx, t, append(bounds, upcoming(t, time.Now(), 0)...)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+t.name+` SELECT * FROM `+plain); err != nil {
			return fmt.Errorf("tthc: fill partitioned %s: %w", t.name, err)
		}
		if _, err := tx.ExecContext(ctx, `DROP TABLE `+plain); err != nil {
			return err
		}
	}
	return nil
}

// EnsurePartitions creates the partitions of the months up to 13 months
// after now and moves any row that landed in a DEFAULT partition into a
// partition of its own. It is idempotent, and processes running it at once
// take turns (an advisory lock), so every serve process may run it daily. It
// returns the number of partitions created; nothing happens on SQLite.
func EnsurePartitions(ctx context.Context, d *db.DB, now time.Time) (created int, err error) {
	return EnsurePartitionsFrom(ctx, d, now, time.Time{})
}

// EnsurePartitionsFrom is EnsurePartitions that also creates the partitions
// of every month from the month of from (zero: none) to now: run before
// importing old years, so that their rows go straight to partitions of
// their own rather than through the default partitions (moving rows out of
// a default partition rewrites them). from may not lie in an archived year.
func EnsurePartitionsFrom(ctx context.Context, d *db.DB, now, from time.Time) (created int, err error) {
	if d.Dialect != db.Postgres {
		return 0, nil
	}
	err = d.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, partitionLock); err != nil {
			return err
		}
		if !from.IsZero() {
			first, err := firstLiveYear(ctx, tx)
			if err != nil {
				return err
			}
			if from.In(Location).Year() < first {
				return fmt.Errorf("năm %d đã chuyển vào lưu trữ: khôi phục trước (papihub archive --restore)", from.In(Location).Year())
			}
		}
		created, err = ensurePartitions(ctx, tx, now, from)
		return err
	})
	return created, err
}

// partitionLock is the advisory lock of partition upkeep and the archive:
// one of them at a time changes the partitions.
const partitionLock = 766016

// ensurePartitions is EnsurePartitions in tx, which holds partitionLock.
func ensurePartitions(ctx context.Context, tx *sql.Tx, now, from time.Time) (created int, err error) {
	return ensureBounds(ctx, tx, func(t partitionedTable) []string {
		bounds := upcoming(t, now, partitionsAhead)
		if !from.IsZero() && from.Before(now) {
			bounds = append(bounds, upcoming(t, from, monthsBetween(from, now))...)
		}
		return bounds
	})
}

// ensureBounds creates the partitions of each partitioned table named by
// wanted (lower bounds) and those its default partition's rows need,
// moving those rows into them; in tx, which holds partitionLock. A table
// not partitioned (yet: a database between migrations 006 and 008) is
// left alone.
func ensureBounds(ctx context.Context, tx *sql.Tx, wanted func(partitionedTable) []string) (created int, err error) {
	for _, t := range partitionedTables {
		var partitioned bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass($1) AND relkind = 'p')`, t.name).Scan(&partitioned); err != nil {
			return created, err
		}
		if !partitioned {
			continue
		}
		stray, err := distinctBounds(ctx, tx, t, t.name+"_default")
		if err != nil {
			return created, err
		}
		moving := t.name + "_moving"
		if len(stray) > 0 {
			// A partition cannot be created while the default holds rows
			// of its range: take them out, create, put them back.
			for _, stmt := range []string{
				`CREATE TEMP TABLE ` + moving + ` ON COMMIT DROP AS SELECT * FROM ` + t.name + `_default`,
				`DELETE FROM ` + t.name + `_default`,
			} {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return created, fmt.Errorf("tthc: partitions of %s: %w", t.name, err)
				}
			}
		}
		n, err := createPartitions(ctx, tx, t, append(stray, wanted(t)...))
		if err != nil {
			return created, err
		}
		created += n
		if len(stray) > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+t.name+` SELECT * FROM `+moving); err != nil {
				return created, fmt.Errorf("tthc: partitions of %s: %w", t.name, err)
			}
		}
	}
	return created, nil
}

// monthsBetween counts the months from the month of a to the month of b.
func monthsBetween(a, b time.Time) int {
	a, b = a.In(Location), b.In(Location)
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// boundRe is what a partition's lower bound looks like: a year, or a year
// and month. Keys that do not start so stay in the default partition.
var boundRe = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2]))?$`)

// distinctBounds lists the partitions that the rows of table need.
func distinctBounds(ctx context.Context, tx *sql.Tx, t partitionedTable, table string) ([]string, error) {
	width := 4
	if t.monthly {
		width = 7
	}
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT DISTINCT substr(%s, 1, %d) FROM %s`, t.key, width, table))
	if err != nil {
		return nil, fmt.Errorf("tthc: partitions of %s: %w", t.name, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b sql.NullString // a dossier without a day of receipt
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		if boundRe.MatchString(b.String) && len(b.String) == width {
			out = append(out, b.String)
		}
	}
	return out, rows.Err()
}

// upcoming lists the partitions from this month (this year) to months on.
func upcoming(t partitionedTable, now time.Time, months int) []string {
	now = now.In(Location)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, Location)
	var out []string
	for i := 0; i <= months; i++ {
		m := first.AddDate(0, i, 0)
		if t.monthly {
			out = append(out, m.Format("2006-01"))
		} else {
			out = append(out, m.Format("2006"))
		}
	}
	return out
}

// createPartitions creates the partitions named by their lower bounds that do
// not exist yet, returning how many it created.
func createPartitions(ctx context.Context, tx *sql.Tx, t partitionedTable, bounds []string) (int, error) {
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	n := 0
	for _, from := range bounds {
		to, name, err := partitionBounds(t, from)
		if err != nil {
			return n, err
		}
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, name).Scan(&exists); err != nil {
			return n, err
		}
		if exists {
			continue
		}
		// Bounds are checked by partitionBounds (digits and a dash), so they can
		// be spelled into the statement, which takes no parameters.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE %s PARTITION OF %s FOR VALUES FROM ('%s') TO ('%s')`, name, t.name, from, to)); err != nil {
			return n, fmt.Errorf("tthc: create partition %s: %w", name, err)
		}
		n++
	}
	return n, nil
}

// partitionBounds returns the upper bound and the name of the partition whose
// lower bound is from ("2024" or "2024-03"). Key values are text (a day
// 2024-03-15, a month 2024-03, a year 2024) and compare as text: every day of
// March 2024 lies in ['2024-03', '2024-04').
func partitionBounds(t partitionedTable, from string) (to, name string, err error) {
	if !boundRe.MatchString(from) {
		return "", "", fmt.Errorf("tthc: bad partition bound %q", from)
	}
	if t.monthly {
		m, err := time.Parse("2006-01", from)
		if err != nil {
			return "", "", fmt.Errorf("tthc: bad partition bound %q", from)
		}
		return m.AddDate(0, 1, 0).Format("2006-01"), t.name + "_y" + from[:4] + "m" + from[5:7], nil
	}
	y, err := time.Parse("2006", from)
	if err != nil {
		return "", "", fmt.Errorf("tthc: bad partition bound %q", from)
	}
	return y.AddDate(1, 0, 0).Format("2006"), t.name + "_y" + from, nil
}
