package tthc

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// --restore checks each archived partition before attaching it: a
// partition tampered with (a row moved out of its month, a row deleted, an
// index dropped, a code entry deleted, a column added) is refused with
// what does not match, and nothing changes; once undone, the restore goes
// through. --list says what each archived year holds.
func TestRestoreRefusesTamperedArchivedPartitionsAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if s.db.Dialect != db.Postgres {
		t.Skip("archiving years is PostgreSQL's; SQLite keeps every year in plain tables")
	}
	schema, _ := archiveFixture(t, s)
	arch := schema + "_archive"
	old := figuresOver(t, s, "2024", "2025")
	if _, err := s.Archive(ctx, audit.CLI(), 2026); err != nil {
		t.Fatal(err)
	}
	kept := figuresOver(t, s, keptPeriods...)

	// --list: 12 months a year, the generated 600 dossiers a year (and the
	// two December ones in 2025), some bytes, who archived it.
	years, err := s.ArchivedYearsDetail(ctx)
	if err != nil || len(years) != 2 {
		t.Fatalf("archived years: %+v %v", years, err)
	}
	for i, want := range []struct {
		year     int
		dossiers int64
	}{{2024, 600}, {2025, 602}} {
		y := years[i]
		if y.Year != want.year || y.Months != 12 || y.Dossiers != want.dossiers || y.Bytes <= 0 || y.ArchivedBy != "cli" || y.ArchivedAt.IsZero() {
			t.Errorf("archived year %d: %+v, want 12 months, %d dossiers, a size, archived by cli", want.year, y, want.dossiers)
		}
	}

	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.db.W.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var index string
	if err := s.db.R.QueryRow(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'tthc_dossiers_y2025m07' AND indexdef LIKE '%(unit_id, overdue_from)%'`, arch).Scan(&index); err != nil {
		t.Fatal(err)
	}
	var indexDef string
	if err := s.db.R.QueryRow(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = $2`, arch, index).Scan(&indexDef); err != nil {
		t.Fatal(err)
	}
	var march, august string // one dossier of March and one of August 2025
	if err := s.db.R.QueryRow(`SELECT code FROM ` + arch + `.tthc_dossiers_y2025m03 ORDER BY code LIMIT 1`).Scan(&march); err != nil {
		t.Fatal(err)
	}
	if err := s.db.R.QueryRow(`SELECT code FROM ` + arch + `.tthc_dossiers_y2025m08 ORDER BY code LIMIT 1`).Scan(&august); err != nil {
		t.Fatal(err)
	}
	var marchDay string
	if err := s.db.R.QueryRow(`SELECT received_day FROM `+arch+`.tthc_dossiers_y2025m03 WHERE code = $1`, march).Scan(&marchDay); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name        string
		tamper      string
		undo        string
		wantProblem []string
		problems    int
	}{
		{"a row outside its month",
			`UPDATE ` + arch + `.tthc_dossiers_y2025m03 SET received_day = '2025-04-02' WHERE code = '` + march + `'`,
			`UPDATE ` + arch + `.tthc_dossiers_y2025m03 SET received_day = '` + marchDay + `' WHERE code = '` + march + `'`,
			[]string{"tthc_dossiers_y2025m03: 1 dòng có received_day ngoài khoảng [2025-03, 2025-04), ví dụ \"2025-04-02\"",
				"tthc_dossiers_y2025m03: 1 hồ sơ không khớp bảng mã tthc_dossier_codes, ví dụ " + march}, 2},
		{"a row deleted",
			`CREATE TABLE tamper_saved AS SELECT * FROM ` + arch + `.tthc_daily_y2025m05 ORDER BY day, unit_id, procedure_id LIMIT 1;
DELETE FROM ` + arch + `.tthc_daily_y2025m05 d USING tamper_saved s WHERE d.day = s.day AND d.unit_id = s.unit_id AND d.procedure_id = s.procedure_id`,
			`INSERT INTO ` + arch + `.tthc_daily_y2025m05 SELECT * FROM tamper_saved; DROP TABLE tamper_saved`,
			[]string{"tthc_daily_y2025m05: ", "lúc lưu trữ có"}, 1},
		{"an index dropped",
			`DROP INDEX ` + arch + `.` + index,
			indexDef,
			[]string{"tthc_dossiers_y2025m07: thiếu chỉ mục USING btree (unit_id, overdue_from) (index missing)"}, 1},
		{"a code entry deleted",
			`CREATE TABLE tamper_saved AS SELECT * FROM tthc_dossier_codes WHERE code = '` + august + `';
DELETE FROM tthc_dossier_codes WHERE code = '` + august + `'`,
			`INSERT INTO tthc_dossier_codes SELECT * FROM tamper_saved; DROP TABLE tamper_saved`,
			[]string{"tthc_dossiers_y2025m08: 1 hồ sơ không khớp bảng mã tthc_dossier_codes, ví dụ " + august}, 1},
		{"a column added",
			`ALTER TABLE ` + arch + `.tthc_monthly_y2025 ADD COLUMN extra INTEGER`,
			`ALTER TABLE ` + arch + `.tthc_monthly_y2025 DROP COLUMN extra`,
			[]string{"tthc_monthly_y2025: cột khác bảng tthc_monthly (columns differ): có extra integer; cần "}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exec(tc.tamper)
			_, err := s.Restore(ctx, audit.CLI(), 2024)
			exec(tc.undo)
			var me *ArchiveMismatchError
			if !errors.As(err, &me) || !errors.Is(err, ErrArchiveMismatch) || !strings.HasPrefix(err.Error(), "không khôi phục") {
				t.Fatalf("restore over %s: %v, want ArchiveMismatchError", tc.name, err)
			}
			if len(me.Problems) != tc.problems {
				t.Errorf("problems %q, want %d", me.Problems, tc.problems)
			}
			if all := strings.Join(me.Problems, "\n"); !containsAll(all, tc.wantProblem) {
				t.Errorf("problems %q, want them to say %q", me.Problems, tc.wantProblem)
			}
			if got, err := s.ArchivedYears(ctx); err != nil || !slices.Equal(got, []int{2024, 2025}) {
				t.Errorf("archived years after the refusal: %v %v", got, err)
			}
			// A year: 12 months of dossiers and of daily rows, its monthly and yearly rows.
			if n := count(t, s, `SELECT COUNT(*) FROM pg_tables WHERE schemaname = $1`, arch); n != 2*26 {
				t.Errorf("%d tables in the archive schema after the refusal, want 52", n)
			}
			sameFigures(t, "after a refused restore", kept, figuresOver(t, s, keptPeriods...))
		})
	}
	if rep, err := s.Restore(ctx, audit.CLI(), 2024); err != nil || len(rep.Years) != 2 {
		t.Fatalf("restore once every tamper is undone: %+v %v", rep, err)
	}
	sameFigures(t, "restored", old, figuresOver(t, s, "2024", "2025"))
	sameFigures(t, "restored", kept, figuresOver(t, s, keptPeriods...))
	if n := count(t, s, `SELECT COUNT(*) FROM tthc_archived_partitions`); n != 0 {
		t.Errorf("%d archived partitions still recorded after restoring every year", n)
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
