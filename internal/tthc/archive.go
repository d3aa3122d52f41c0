package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// Archiving old years (PostgreSQL). `papihub archive --before 2024` detaches
// every partition of the dossiers and of the index aggregates that holds
// days before 2024 and moves it into the archive schema: the rows stay in
// the database (backed up, restorable with --restore) but no query of the
// application reads them any more.
//
// The rule for the figures of the years that stay. The aggregates are kept
// by the day each contribution happened (received, ended, fell overdue),
// not by the dossier's day of receipt, so a dossier received in December
// 2023 and ended late in January 2024 counts in 2024's handled and late
// figures from 2024's rows, which stay. What a kept period reads from
// earlier days is one sum: the open-overdue count at the period's end adds
// the overdue deltas (+1 the day a dossier falls overdue, −1 the day an
// overdue dossier ends) of every earlier day. That dossier's +1 lies in
// 2023, so before detaching, the archive stores the deltas of the archived
// days per unit and procedure in tthc_carry, and the index adds them
// (Store.aggregates). Every figure of the kept years is therefore what it
// was; the archive test checks it with such a dossier.
//
// What changes: the index of a period that starts in an archived year is
// refused (ErrArchived) rather than shown without its rows, and so is a
// dossier list over it; the drill-down lists of kept periods read the
// archived partitions too, read-only, so that they list what their
// figures count (archive_read.go: the December 2023 dossier above is
// listed under January 2024's late figure); a staff look-up reads an
// archived dossier read-only, a public one says it is archived
// (ArchivedError); an import refuses rows of archived dossiers and
// dossiers received in archived years; a change of a procedure's time
// limit or of the calendar re-judges the live dossiers only. --restore
// checks the archived partitions (archive_verify.go), brings the years
// back and undoes all of that. A dump holds the archived years
// (archive_dump.go).

// ArchiveReport says what Archive or Restore did.
type ArchiveReport struct {
	Years      []int // the years moved (archived or restored)
	Partitions int   // partitions detached or attached
	Dossiers   int64 // dossiers in them
	Open       int64 // of which still open (Archive: they cannot be updated until restored)
	Carry      int64 // units × procedures with a carried-forward overdue figure, after
}

// ErrNotPostgres is returned by Archive and Restore on SQLite.
var ErrNotPostgres = errors.New("tthc: archiving years needs PostgreSQL (SQLite keeps every year in plain tables)")

// ArchivedPeriodError refuses the index of a period that starts in an
// archived year (errors.Is(err, ErrArchived)).
type ArchivedPeriodError struct {
	Period    string
	FirstLive int
}

func (e *ArchivedPeriodError) Error() string {
	return fmt.Sprintf("kỳ %s có năm đã chuyển vào lưu trữ: chỉ số tính được từ năm %d trở đi (khôi phục bằng papihub archive --restore)", e.Period, e.FirstLive)
}

func (e *ArchivedPeriodError) Is(target error) bool { return target == ErrArchived }

// firstLiveYear is the first year not archived, 0 when nothing is.
func firstLiveYear(ctx context.Context, q db.Querier) (int, error) {
	var y sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MAX(year) FROM tthc_archived_years`).Scan(&y); err != nil {
		return 0, fmt.Errorf("tthc: archived years: %w", err)
	}
	if !y.Valid {
		return 0, nil
	}
	return int(y.Int64) + 1, nil
}

// archiveSchema is where detached partitions go: archive, or
// <schema>_archive when PAPI Hub's tables live in a schema other than
// public (the tests give each database its own).
func archiveSchema(ctx context.Context, q db.Querier) (live, archive string, err error) {
	if err = q.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&live); err != nil {
		return "", "", err
	}
	if live == "public" {
		return live, "archive", nil
	}
	return live, live + "_archive", nil
}

// partitionYear is the year of one of our partitions' names
// (tthc_daily_y2024m03, tthc_yearly_y2024), or false.
func partitionYear(t partitionedTable, name string) (int, string, bool) {
	rest, ok := strings.CutPrefix(name, t.name+"_y")
	if !ok || len(rest) < 4 {
		return 0, "", false
	}
	y, err := strconv.Atoi(rest[:4])
	if err != nil {
		return 0, "", false
	}
	bound := rest[:4]
	if t.monthly {
		if len(rest) != 7 || rest[4] != 'm' {
			return 0, "", false
		}
		bound += "-" + rest[5:7]
	} else if len(rest) != 4 {
		return 0, "", false
	}
	return y, bound, true
}

// tablesIn lists the tables of schema whose names start with prefix:
// partitions (attached) or not.
func tablesIn(ctx context.Context, q db.Querier, schema, prefix string, partitions bool) ([]string, error) {
	return listOf[string](ctx, q, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relispartition = $2 AND starts_with(c.relname::text, $3) ORDER BY c.relname`,
		schema, partitions, prefix)
}

// Archive moves the years before year out of the live tables into the
// archive schema, in one transaction, storing their carried-forward
// overdue figure first. Years already archived stay so; year must not be
// after the current year.
func (s *Store) Archive(ctx context.Context, actor audit.Actor, year int) (ArchiveReport, error) {
	var rep ArchiveReport
	if s.db.Dialect != db.Postgres {
		return rep, ErrNotPostgres
	}
	now := s.now()
	if year < 1900 || year > now.In(Location).Year() {
		return rep, fmt.Errorf("năm %d: chỉ lưu trữ được các năm trước năm nay (%d trở về trước)", year, now.In(Location).Year())
	}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		rep = ArchiveReport{}
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, partitionLock); err != nil {
			return err
		}
		first, err := firstLiveYear(ctx, tx)
		if err != nil {
			return err
		}
		if year <= first {
			return nil // already archived
		}
		// Rows waiting in a default partition (an import of old years)
		// go to partitions of their own first, so that they are archived.
		if _, err := ensurePartitions(ctx, tx, now, time.Time{}); err != nil {
			return err
		}
		live, archive, err := archiveSchema(ctx, tx)
		if err != nil {
			return err
		}
		bound := fmt.Sprintf("%04d", year)
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE end_day IS NULL) FROM tthc_dossiers WHERE received_day < $1`,
			bound).Scan(&rep.Dossiers, &rep.Open); err != nil {
			return fmt.Errorf("tthc: archive: count dossiers: %w", err)
		}
		// The carried-forward figure: the overdue deltas of the days that
		// leave, added to those of the years archived earlier. The yearly
		// rows hold the same sums as the daily and monthly ones.
		if _, err := tx.ExecContext(ctx, `INSERT INTO tthc_carry (unit_id, procedure_id, overdue_delta)
SELECT unit_id, procedure_id, SUM(overdue_delta) FROM tthc_yearly WHERE year < $1 GROUP BY unit_id, procedure_id
ON CONFLICT (unit_id, procedure_id) DO UPDATE SET overdue_delta = tthc_carry.overdue_delta + excluded.overdue_delta`, bound); err != nil {
			return fmt.Errorf("tthc: archive: carried-forward figures: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+archive); err != nil {
			return fmt.Errorf("tthc: archive: %w", err)
		}
		years, err := detachBefore(ctx, tx, live, archive, year, &rep)
		if err != nil {
			return err
		}
		// Every year before the bound counts as archived (years without
		// partitions too): the first live year is the bound.
		low := year - 1
		for y := range years {
			low = min(low, y)
		}
		if first > 0 {
			low = max(low, first)
		}
		for y := low; y < year; y++ {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tthc_archived_years (year, archived_at, archived_by) VALUES ($1, $2, $3)`,
				y, db.FormatTime(now), actor.Username); err != nil {
				return fmt.Errorf("tthc: archive: %w", err)
			}
			rep.Years = append(rep.Years, y)
		}
		if err := s.tidyCarry(ctx, tx, &rep); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "archive", Entity: "tthc_archived_years",
			Summary: fmt.Sprintf("lưu trữ các năm trước %d: %d phân vùng, %d hồ sơ (%d chưa kết thúc)", year, rep.Partitions, rep.Dossiers, rep.Open),
			After: map[string]any{"before": year, "years": rep.Years, "partitions": rep.Partitions, "dossiers": rep.Dossiers,
				"open": rep.Open, "schema": archive}})
	})
	return rep, err
}

// detachBefore detaches every partition holding days before year and
// moves it into the archive schema, in tx; it returns the years moved.
func detachBefore(ctx context.Context, tx *sql.Tx, live, archive string, year int, rep *ArchiveReport) (map[int]bool, error) {
	years := map[int]bool{}
	for _, t := range partitionedTables {
		parts, err := tablesIn(ctx, tx, live, t.name+"_y", true)
		if err != nil {
			return nil, fmt.Errorf("tthc: archive: partitions of %s: %w", t.name, err)
		}
		for _, p := range parts {
			y, _, ok := partitionYear(t, p)
			if !ok || y >= year {
				continue
			}
			if err := recordArchived(ctx, tx, p, y); err != nil {
				return nil, err
			}
			for _, stmt := range []string{
				`ALTER TABLE ` + t.name + ` DETACH PARTITION ` + p,
				`ALTER TABLE ` + p + ` SET SCHEMA ` + archive,
			} {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return nil, fmt.Errorf("tthc: archive %s: %w", p, err)
				}
			}
			years[y] = true
			rep.Partitions++
		}
	}
	return years, nil
}

// tidyCarry drops the carried-forward rows that sum to nothing and counts
// the others.
func (s *Store) tidyCarry(ctx context.Context, tx *sql.Tx, rep *ArchiveReport) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM tthc_carry WHERE overdue_delta = 0`); err != nil {
		return fmt.Errorf("tthc: carried-forward figures: %w", err)
	}
	return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM tthc_carry`).Scan(&rep.Carry)
}

// Restore re-attaches the archived years from year on (the years before it
// stay archived), taking their overdue deltas back out of the
// carried-forward figure.
func (s *Store) Restore(ctx context.Context, actor audit.Actor, year int) (ArchiveReport, error) {
	var rep ArchiveReport
	if s.db.Dialect != db.Postgres {
		return rep, ErrNotPostgres
	}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		rep = ArchiveReport{}
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, partitionLock); err != nil {
			return err
		}
		first, err := firstLiveYear(ctx, tx)
		if err != nil {
			return err
		}
		if first == 0 || year >= first {
			return nil // nothing archived from year on
		}
		live, archive, err := archiveSchema(ctx, tx)
		if err != nil {
			return err
		}
		// Every partition is checked before any is attached, so that a
		// refusal changes nothing (archive_verify.go).
		type attach struct {
			t           partitionedTable
			p, from, to string
		}
		var todo []attach
		var problems []string
		for _, t := range partitionedTables {
			parts, err := tablesIn(ctx, tx, archive, t.name+"_y", false)
			if err != nil {
				return fmt.Errorf("tthc: restore: partitions of %s: %w", t.name, err)
			}
			for _, p := range parts {
				y, from, ok := partitionYear(t, p)
				if !ok || y < year {
					continue
				}
				to, _, err := partitionBounds(t, from)
				if err != nil {
					return err
				}
				bad, err := verifyArchived(ctx, tx, live, archive, t, p, from, to)
				if err != nil {
					return err
				}
				problems = append(problems, bad...)
				todo = append(todo, attach{t, p, from, to})
			}
		}
		if len(problems) > 0 {
			return &ArchiveMismatchError{Problems: problems}
		}
		for _, a := range todo {
			for _, stmt := range []string{
				`ALTER TABLE ` + archive + `.` + a.p + ` SET SCHEMA ` + live,
				fmt.Sprintf(`ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM ('%s') TO ('%s')`, a.t.name, a.p, a.from, a.to),
			} {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("tthc: restore %s: %w", a.p, err)
				}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM tthc_archived_partitions WHERE name = $1`, a.p); err != nil {
				return fmt.Errorf("tthc: restore %s: %w", a.p, err)
			}
			rep.Partitions++
		}
		from, until := fmt.Sprintf("%04d", year), fmt.Sprintf("%04d", first)
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE end_day IS NULL) FROM tthc_dossiers WHERE received_day >= $1 AND received_day < $2`,
			from, until).Scan(&rep.Dossiers, &rep.Open); err != nil {
			return fmt.Errorf("tthc: restore: count dossiers: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO tthc_carry (unit_id, procedure_id, overdue_delta)
SELECT unit_id, procedure_id, -SUM(overdue_delta) FROM tthc_yearly WHERE year >= $1 AND year < $2 GROUP BY unit_id, procedure_id
ON CONFLICT (unit_id, procedure_id) DO UPDATE SET overdue_delta = tthc_carry.overdue_delta + excluded.overdue_delta`, from, until); err != nil {
			return fmt.Errorf("tthc: restore: carried-forward figures: %w", err)
		}
		if err := eachRow(ctx, tx, `SELECT year FROM tthc_archived_years WHERE year >= $1 ORDER BY year`, []any{year}, func(r *sql.Rows) error {
			var y int
			if err := r.Scan(&y); err != nil {
				return err
			}
			rep.Years = append(rep.Years, y)
			return nil
		}); err != nil {
			return fmt.Errorf("tthc: restore: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tthc_archived_years WHERE year >= $1`, year); err != nil {
			return fmt.Errorf("tthc: restore: %w", err)
		}
		if err := s.tidyCarry(ctx, tx, &rep); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "restore", Entity: "tthc_archived_years",
			Summary: fmt.Sprintf("khôi phục các năm %d–%d từ lưu trữ: %d phân vùng, %d hồ sơ", rep.Years[0], first-1, rep.Partitions, rep.Dossiers),
			After:   map[string]any{"from": year, "years": rep.Years, "partitions": rep.Partitions, "dossiers": rep.Dossiers}})
	})
	return rep, err
}

// ArchivedYears lists the archived years, oldest first.
func (s *Store) ArchivedYears(ctx context.Context) ([]int, error) {
	return listOf[int](ctx, s.db.R, `SELECT year FROM tthc_archived_years ORDER BY year`)
}
