package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Before --restore attaches an archived partition it checks that the
// partition is still what the archive made: its rows lie in its month (or
// year), it holds as many rows as when it was archived
// (tthc_archived_partitions), each archived dossier has its code entry with
// the same unit and day of receipt, and its columns and indexes are the
// live table's. A partition edited by hand, half restored by an operator
// or copied from elsewhere is refused with the list of what does not
// match, before anything changes: the transaction attaches all or nothing.

// ArchiveMismatchError is a restore refused because archived partitions do
// not match what was archived.
type ArchiveMismatchError struct{ Problems []string }

func (e *ArchiveMismatchError) Error() string {
	const most = 20
	ps := e.Problems
	more := ""
	if len(ps) > most {
		ps, more = ps[:most], fmt.Sprintf("\n - … và %d chỗ khác (and %d more)", len(ps)-most, len(ps)-most)
	}
	return "không khôi phục: phân vùng lưu trữ không khớp với lúc lưu trữ, không có gì thay đổi " +
		"(restore refused: archived partitions do not match what was archived; nothing changed):\n - " + strings.Join(ps, "\n - ") + more
}

// ErrArchiveMismatch matches an *ArchiveMismatchError (errors.Is).
var ErrArchiveMismatch = errors.New("tthc: archived partitions do not match")

func (e *ArchiveMismatchError) Is(target error) bool { return target == ErrArchiveMismatch }

// recordArchived stores the row count of partition p (in the live schema,
// about to be detached) of year.
func recordArchived(ctx context.Context, tx *sql.Tx, p string, year int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO tthc_archived_partitions (name, year, row_count) SELECT $1, $2, COUNT(*) FROM `+p+`
ON CONFLICT (name) DO UPDATE SET year = excluded.year, row_count = excluded.row_count`, p, year)
	if err != nil {
		return fmt.Errorf("tthc: archive: row count of %s: %w", p, err)
	}
	return nil
}

// verifyArchived lists what does not match in the archived partition p of
// t (bounds from, to), about to be attached again.
func verifyArchived(ctx context.Context, tx *sql.Tx, live, archive string, t partitionedTable, p, from, to string) ([]string, error) {
	var out []string
	qualified := archive + "." + p
	var taken bool
	if err := tx.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, live+"."+p).Scan(&taken); err != nil {
		return nil, err
	}
	if taken {
		out = append(out, fmt.Sprintf("%s: đã có bảng cùng tên trong lược đồ %s (a table of that name is already live)", p, live))
	}
	// Columns first: the queries below name them.
	cols := func(table string) ([]string, error) {
		var out []string
		err := eachRow(ctx, tx, `SELECT attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END
FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname`, []any{table}, func(r *sql.Rows) error {
			var c string
			out = append(out, c)
			return r.Scan(&out[len(out)-1])
		})
		return out, err
	}
	want, err := cols(live + "." + t.name)
	if err != nil {
		return nil, err
	}
	got, err := cols(qualified)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(want, got) {
		return append(out, fmt.Sprintf("%s: cột khác bảng %s (columns differ): có %s; cần %s", p, t.name, strings.Join(diff(got, want), ", "), strings.Join(diff(want, got), ", "))), nil
	}
	var rows, outside int64
	var example sql.NullString
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*), COUNT(*) FILTER (WHERE NOT (%[1]s >= $1 AND %[1]s < $2) OR %[1]s IS NULL),
MIN(%[1]s) FILTER (WHERE NOT (%[1]s >= $1 AND %[1]s < $2)) FROM %[2]s`, t.key, qualified), from, to).Scan(&rows, &outside, &example); err != nil {
		return nil, fmt.Errorf("tthc: restore: check %s: %w", p, err)
	}
	if outside > 0 {
		out = append(out, fmt.Sprintf("%s: %d dòng có %s ngoài khoảng [%s, %s), ví dụ %q (%d rows outside the partition's range)",
			p, outside, t.key, from, to, example.String, outside))
	}
	var recorded sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT row_count FROM tthc_archived_partitions WHERE name = $1`, p).Scan(&recorded); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if recorded.Valid && recorded.Int64 != rows {
		out = append(out, fmt.Sprintf("%s: %d dòng, lúc lưu trữ có %d (%d rows, %d when archived)", p, rows, recorded.Int64, rows, recorded.Int64))
	}
	if t.name == dossierTable.name {
		var n int64
		var code sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), MIN(d.code) FROM `+qualified+` d LEFT JOIN tthc_dossier_codes c ON c.code = d.code
WHERE c.code IS NULL OR c.unit_id <> d.unit_id OR c.received_day IS DISTINCT FROM d.received_day`).Scan(&n, &code); err != nil {
			return nil, fmt.Errorf("tthc: restore: check the codes of %s: %w", p, err)
		}
		if n > 0 {
			out = append(out, fmt.Sprintf("%s: %d hồ sơ không khớp bảng mã tthc_dossier_codes, ví dụ %s (%d dossiers without their code entry)", p, n, code.String, n))
		}
	}
	// Indexes: each index of the live table must have its twin (same
	// uniqueness, method and columns) on the partition.
	indexes := func(table string) ([]string, error) {
		var out []string
		err := eachRow(ctx, tx, `SELECT CASE WHEN indisunique THEN 'UNIQUE ' ELSE '' END || regexp_replace(pg_get_indexdef(indexrelid), '^.* USING ', 'USING ')
FROM pg_index WHERE indrelid = $1::regclass ORDER BY 1`, []any{table}, func(r *sql.Rows) error {
			var c string
			out = append(out, c)
			return r.Scan(&out[len(out)-1])
		})
		return out, err
	}
	if want, err = indexes(live + "." + t.name); err != nil {
		return nil, err
	}
	if got, err = indexes(qualified); err != nil {
		return nil, err
	}
	for _, missing := range diff(want, got) {
		out = append(out, fmt.Sprintf("%s: thiếu chỉ mục %s (index missing)", p, missing))
	}
	return out, nil
}

// diff lists the items of a not in b.
func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
