package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/db"
)

// On PostgreSQL the dossiers (with their status histories and supplement
// requests, which live in the dossier's row since migration 005) are
// partitioned by month of receipt, like the aggregates: an agency × month
// reads one partition, and old years can be detached (archive.go).
//
// PostgreSQL enforces a unique index on a partitioned table only when it
// includes the partition key, so the dossier table's unique index is
// (code, received_day), and the uniqueness of a code across months is kept
// by tthc_dossier_codes: one row per code with the unit and the day of
// receipt, which is also how a look-up by code finds the one partition to
// read. Every write of a dossier's row goes through the importer
// (batchWriter), which keeps the two in step in the same transaction; the
// row of a code stays when its year is archived, so the code stays taken
// and a look-up can say the dossier is archived. SQLite keeps the plain
// table and its unique code.

// partitionDossiers is migration 008: it converts tthc_dossiers in place in
// the migration's transaction (rename the old table, create the partitioned
// one and the partitions its rows and this month need, move the rows, build
// the indexes and foreign keys, fill tthc_dossier_codes, drop the old).
func partitionDossiers(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	if d != db.Postgres {
		return nil
	}
	t, plain := dossierTable, dossierTable.name+"_plain"
	exec := func(stmts ...string) error {
		for _, stmt := range stmts {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("tthc: partition %s: %s: %w", t.name, strings.Fields(stmt)[0:3], err)
			}
		}
		return nil
	}
	if err := exec(
		`ALTER TABLE tthc_dossiers RENAME TO `+plain,
		`ALTER TABLE `+plain+` DROP CONSTRAINT tthc_dossiers_pkey`,
		`DROP INDEX tthc_dossiers_code, tthc_dossiers_unit_received, tthc_dossiers_unit_end, tthc_dossiers_unit_overdue, tthc_dossiers_procedure`,
		`CREATE TABLE tthc_dossiers (LIKE `+plain+` INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY) PARTITION BY RANGE (received_day)`,
		`CREATE TABLE tthc_dossiers_default PARTITION OF tthc_dossiers DEFAULT`,
	); err != nil {
		return err
	}
	bounds, err := distinctBounds(ctx, tx, t, plain)
	if err != nil {
		return err
	}
	if _, err := createPartitions(ctx, tx, t, append(bounds, upcoming(t, time.Now(), 0)...)); err != nil {
		return err
	}
	// Rows first, indexes after: one sorted build per partition instead of
	// an index entry per row.
	return exec(
		`INSERT INTO tthc_dossiers SELECT * FROM `+plain,
		`SELECT setval(pg_get_serial_sequence('tthc_dossiers', 'id'), COALESCE((SELECT MAX(id) FROM `+plain+`), 0) + 1, false)`,
		`CREATE TABLE tthc_dossier_codes (
	code         TEXT COLLATE "C" PRIMARY KEY,
	unit_id      BIGINT NOT NULL,
	received_day TEXT
)`,
		`INSERT INTO tthc_dossier_codes (code, unit_id, received_day) SELECT code, unit_id, received_day FROM `+plain,
		`DROP TABLE `+plain,
		`CREATE UNIQUE INDEX tthc_dossiers_code ON tthc_dossiers (code, received_day) NULLS NOT DISTINCT`,
		`CREATE INDEX tthc_dossiers_id ON tthc_dossiers (id)`,
		`CREATE INDEX tthc_dossiers_unit_received ON tthc_dossiers (unit_id, received_day)`,
		`CREATE INDEX tthc_dossiers_unit_end ON tthc_dossiers (unit_id, end_day, verdict)`,
		`CREATE INDEX tthc_dossiers_unit_overdue ON tthc_dossiers (unit_id, overdue_from)`,
		`CREATE INDEX tthc_dossiers_procedure ON tthc_dossiers (procedure_id, received_day)`,
		`ALTER TABLE tthc_dossiers ADD FOREIGN KEY (procedure_id) REFERENCES tthc_procedures (id)`,
		`ALTER TABLE tthc_dossiers ADD FOREIGN KEY (unit_id) REFERENCES units (id)`,
	)
}

// codeEntry is a code's row of tthc_dossier_codes.
type codeEntry struct {
	unit int64
	day  sql.NullString
}

// dossierCodes reads the entries of codes (PostgreSQL).
func dossierCodes(ctx context.Context, q db.Querier, codes []any) (map[string]codeEntry, error) {
	out := make(map[string]codeEntry, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	// One array parameter, not a list of thousands: the server neither
	// parses nor plans an IN list of 2,000 constants for each chunk.
	list := make([]string, len(codes))
	for i, c := range codes {
		list[i] = c.(string)
	}
	err := eachRow(ctx, q, "SELECT code, unit_id, received_day FROM tthc_dossier_codes WHERE code = ANY($1)", []any{list},
		func(r *sql.Rows) error {
			var code string
			var e codeEntry
			if err := r.Scan(&code, &e.unit, &e.day); err != nil {
				return err
			}
			out[code] = e
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("tthc: dossier codes: %w", err)
	}
	return out, nil
}

// inPartitions is the condition that keeps a dossier query to the
// partitions of days (the days of receipt of the codes it looks for),
// appending them to args from placeholder number len(args)+1.
func inPartitions(days []sql.NullString, args []any) (string, []any) {
	var in []string
	null := false
	seen := map[string]bool{}
	for _, d := range days {
		switch {
		case !d.Valid:
			null = true
		case !seen[d.String]:
			seen[d.String] = true
			args = append(args, d.String)
			in = append(in, fmt.Sprintf("$%d", len(args)))
		}
	}
	var or []string
	if len(in) > 0 {
		or = append(or, "d.received_day IN ("+strings.Join(in, ", ")+")")
	}
	if null {
		or = append(or, "d.received_day IS NULL")
	}
	if len(or) == 0 {
		return "1 = 0", args
	}
	return "(" + strings.Join(or, " OR ") + ")", args
}

// byCodes is the condition on tthc_dossiers d (with its arguments) that
// finds the stored dossiers of codes. On PostgreSQL it reads their entries
// in tthc_dossier_codes first and keeps the query to their partitions;
// entries lists them, so a code with an entry but no dossier row is one of
// an archived year. SQLite has no entries.
func (s *Store) byCodes(ctx context.Context, q db.Querier, codes []any) (cond string, args []any, entries map[string]codeEntry, err error) {
	if s.db.Dialect != db.Postgres {
		// Plain ? placeholders: SQLite binds $N by looking its name up in a
		// list, in time quadratic in the number of parameters (bindArgs).
		return "d.code IN (?" + strings.Repeat(", ?", len(codes)-1) + ")", codes, nil, nil
	}
	if entries, err = dossierCodes(ctx, q, codes); err != nil {
		return "", nil, nil, err
	}
	if len(entries) == 0 {
		return noneStored, nil, entries, nil
	}
	days := make([]sql.NullString, 0, len(entries))
	list := make([]string, 0, len(entries))
	for code, e := range entries {
		list = append(list, code)
		days = append(days, e.day)
	}
	// The codes as one array parameter; the days stay a list of constants,
	// by which the planner keeps the query to their partitions.
	cond = "d.code = ANY($1)"
	in, args := inPartitions(days, []any{list})
	return cond + " AND " + in, args, entries, nil
}

// noneStored is the condition byCodes gives when none of the codes is
// stored: callers skip the query (planning it would still open every
// partition of the dossiers).
const noneStored = "1 = 0"

// archivedRow refuses an incoming row whose dossier lies in an archived
// year: it cannot be merged with a history that is not here.
func archivedRow(line int, e codeEntry) RowError {
	return RowError{Line: line, Field: "MaHoSo", Reason: fmt.Sprintf(
		"hồ sơ mã này tiếp nhận năm %s, năm đã chuyển vào lưu trữ: khôi phục năm đó (papihub archive --restore) trước khi cập nhật", yearOf(e.day))}
}

func yearOf(day sql.NullString) string {
	if len(day.String) < 4 {
		return "?"
	}
	return day.String[:4]
}

// keepCodes (PostgreSQL) brings tthc_dossier_codes and the partitions of
// the staged dossiers in step before they are written: a stored dossier
// whose day of receipt changed moves to its new partition (so that the
// upsert on (code, received_day) finds it there), and the entries of new,
// moved and transferred dossiers are written. The entry's primary key is
// what keeps a code unique across partitions.
func (w *batchWriter) keepCodes(ctx context.Context) error {
	var args, fresh []any
	for _, sd := range w.staged {
		next := sd.next
		e := codeEntry{unit: next.Unit, day: nullDay(next.Start())}
		old, ok := w.known[next.Code]
		if ok && old == e {
			continue
		}
		if !ok && w.copy != nil {
			w.known[next.Code] = e
			fresh = append(fresh, next.Code, next.Unit, e.day)
			continue
		}
		if ok && old.day != e.day {
			cond := "received_day = $3"
			a := []any{e.day, next.Code, old.day.String}
			if !old.day.Valid {
				cond, a = "received_day IS NULL", a[:2]
			}
			if _, err := w.tx.ExecContext(ctx, `UPDATE tthc_dossiers SET received_day = $1 WHERE code = $2 AND `+cond, a...); err != nil {
				return fmt.Errorf("tthc: move %s to its month of receipt: %w", next.Code, err)
			}
		}
		w.known[next.Code] = e
		args = append(args, next.Code, next.Unit, e.day)
	}
	if err := w.copyNew(ctx, "tthc_dossier_codes", "code, unit_id, received_day", 3, fresh); err != nil {
		return fmt.Errorf("tthc: write new dossier codes: %w", err)
	}
	if err := w.multiRow(ctx, "tthc_dossier_codes", "code, unit_id, received_day",
		" ON CONFLICT (code) DO UPDATE SET unit_id = excluded.unit_id, received_day = excluded.received_day", 3, args); err != nil {
		return fmt.Errorf("tthc: write dossier codes: %w", err)
	}
	if n := (len(args) + len(fresh)) / 3; n > 0 {
		w.count(map[string]int{"tthc_dossier_codes": n})
	}
	return nil
}

// AfterRestore completes a database restored from a dump (db.Restore writes
// the tables of the SQL migrations only). On PostgreSQL it writes the code
// entries of the restored dossiers, moves the restored rows out of the
// default partitions into partitions of their own, and detaches the
// archived years again (archive_dump.go); on SQLite it forgets the archive
// of a dump taken on PostgreSQL, every year being live there.
func AfterRestore(ctx context.Context, d *db.DB, now time.Time) error {
	if d.Dialect != db.Postgres {
		return rearchive(ctx, d)
	}
	if _, err := d.W.ExecContext(ctx, `INSERT INTO tthc_dossier_codes (code, unit_id, received_day)
SELECT code, unit_id, received_day FROM tthc_dossiers ON CONFLICT (code) DO NOTHING`); err != nil {
		return fmt.Errorf("tthc: dossier codes after restore: %w", err)
	}
	if _, err := EnsurePartitions(ctx, d, now); err != nil {
		return err
	}
	return rearchive(ctx, d)
}

// dossierPartition is the partition that holds the dossiers received on day
// once it exists (tthc_dossiers_y2026m03); until then, and for a dossier
// without a day of receipt, the default partition holds them. A look-up by
// code reads that one table by name: the parent table would cost the
// planner a look at every partition on each look-up (3 ms with 26
// partitions on this machine, more than the look-up itself).
func dossierPartition(day sql.NullString) string {
	if day.Valid && len(day.String) >= 7 && boundRe.MatchString(day.String[:7]) {
		return dossierTable.name + "_y" + day.String[:4] + "m" + day.String[5:7]
	}
	return dossierTable.name + "_default"
}

// inPartitionOf runs read against the partition of day, or against the
// default partition when that partition does not exist (its rows are
// there until upkeep creates it; an archived one is gone, and so is the row).
func inPartitionOf(day sql.NullString, read func(table string) error) error {
	table := dossierPartition(day)
	err := read(table)
	if db.IsUndefinedTable(err) && table != dossierTable.name+"_default" {
		err = read(dossierTable.name + "_default")
	}
	return err
}
