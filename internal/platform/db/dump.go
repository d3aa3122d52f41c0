package db

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// The dump format is JSON lines, the same whichever engine wrote it:
//
//	{"papihub_dump":1,"migrations":["org/001_units.sql",...]}
//	{"table":"units","columns":["id","code",...]}
//	[1,"000.00.33.H33",...]            one line per row
//	{"end":"units","rows":12}
//
// Tables come in creation order (parents before children); rows in id order,
// or in byte order of their encoding when a table has no id column. So a
// round trip SQLite → dump → PostgreSQL → dump gives the same bytes.
const dumpVersion = 1

type dumpHeader struct {
	Version    int      `json:"papihub_dump"`
	Migrations []string `json:"migrations"`
}

type tableStart struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
}

type tableEnd struct {
	End  string `json:"end"`
	Rows int64  `json:"rows"`
}

// Dump writes every row of every table the modules create to w.
func (d *DB) Dump(ctx context.Context, w io.Writer, modules ...Module) error {
	tables, err := Tables(modules...)
	if err != nil {
		return err
	}
	states, err := d.MigrationStatus(ctx, modules...)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	hdr := dumpHeader{Version: dumpVersion}
	for _, s := range states {
		if s.AppliedAt == "" {
			return fmt.Errorf("db: dump: migration %s/%s is pending; run papihub migrate first", s.Module, s.Name)
		}
		hdr.Migrations = append(hdr.Migrations, s.Module+"/"+s.Name)
	}
	if err := writeJSONLine(bw, hdr); err != nil {
		return err
	}
	// One read transaction gives one consistent snapshot of all tables.
	tx, err := d.R.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("db: dump: %w", err)
	}
	defer tx.Rollback()
	derived := derivedTables(modules)
	for _, t := range tables {
		if derived[t] {
			continue
		}
		var also []string
		for _, m := range modules {
			if m.Detached == nil {
				continue
			}
			more, err := m.Detached(ctx, tx, d.Dialect, t)
			if err != nil {
				return fmt.Errorf("db: dump %s: %w", t, err)
			}
			also = append(also, more...)
		}
		if err := dumpTable(ctx, tx, bw, t, also...); err != nil {
			return fmt.Errorf("db: dump %s: %w", t, err)
		}
	}
	return bw.Flush()
}

// dumpTable writes the rows of table, and those of the tables also (with
// the same columns), as table's.
func dumpTable(ctx context.Context, tx *sql.Tx, w *bufio.Writer, table string, also ...string) error {
	cols, err := tableColumns(ctx, tx, table)
	if err != nil {
		return err
	}
	if err := writeJSONLine(w, tableStart{Table: table, Columns: cols}); err != nil {
		return err
	}
	hasID := false
	for _, c := range cols {
		hasID = hasID || c == "id"
	}
	query := "SELECT " + strings.Join(cols, ", ") + " FROM " + table
	for _, t := range also {
		query += " UNION ALL SELECT " + strings.Join(cols, ", ") + " FROM " + t
	}
	if hasID {
		query += " ORDER BY id"
	}
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var unsorted [][]byte // tables without id are sorted in Go: engines collate text differently
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		line, err := encodeRow(vals)
		if err != nil {
			return err
		}
		n++
		if hasID {
			if _, err := w.Write(line); err != nil {
				return err
			}
			continue
		}
		unsorted = append(unsorted, line)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Slice(unsorted, func(i, j int) bool { return bytes.Compare(unsorted[i], unsorted[j]) < 0 })
	for _, line := range unsorted {
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return writeJSONLine(w, tableEnd{End: table, Rows: n})
}

// tableColumns asks the engine for a table's columns by selecting no rows.
func tableColumns(ctx context.Context, q Querier, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT * FROM "+table+" WHERE 1 = 0")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	for i := range cols {
		cols[i] = strings.ToLower(cols[i])
	}
	return cols, rows.Err()
}

// encodeRow writes values in a form both engines produce alike: integers as
// integers, floats in the shortest form that round-trips, text as strings.
func encodeRow(vals []any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		switch x := v.(type) {
		case nil:
			b.WriteString("null")
		case int64:
			b.WriteString(strconv.FormatInt(x, 10))
		case int32:
			b.WriteString(strconv.FormatInt(int64(x), 10))
		case float64:
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
			if x == float64(int64(x)) && !strings.ContainsAny(strconv.FormatFloat(x, 'g', -1, 64), "e.") {
				b.WriteString(".0") // keep floats distinguishable from integers
			}
		case bool:
			b.WriteString(strconv.FormatBool(x))
		case []byte:
			s, _ := json.Marshal(string(x))
			b.Write(s)
		case string:
			s, _ := json.Marshal(x)
			b.Write(s)
		default:
			return nil, fmt.Errorf("unexpected value type %T", v)
		}
	}
	b.WriteString("]\n")
	return b.Bytes(), nil
}

func writeJSONLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// Restore reads a dump into this database, which must be migrated to the same
// migrations and hold no rows. It runs in one transaction: a bad dump leaves
// the database empty, as it was.
func (d *DB) Restore(ctx context.Context, r io.Reader, modules ...Module) error {
	if err := d.Migrate(ctx, modules...); err != nil {
		return err
	}
	tables, err := Tables(modules...)
	if err != nil {
		return err
	}
	derived := derivedTables(modules)
	known := map[string]bool{}
	for _, t := range tables {
		known[t] = true
	}
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	dec.UseNumber()
	var hdr dumpHeader
	if err := dec.Decode(&hdr); err != nil || hdr.Version != dumpVersion {
		return errors.New("db: restore: input is not a papihub dump (bad first line)")
	}
	states, err := d.MigrationStatus(ctx, modules...)
	if err != nil {
		return err
	}
	if len(states) != len(hdr.Migrations) {
		return fmt.Errorf("db: restore: dump was taken at %d migrations, this binary has %d; use the same version of papihub", len(hdr.Migrations), len(states))
	}
	for i, s := range states {
		if s.Module+"/"+s.Name != hdr.Migrations[i] {
			return fmt.Errorf("db: restore: migration %d differs (dump %s, here %s/%s)", i+1, hdr.Migrations[i], s.Module, s.Name)
		}
	}
	return d.Tx(ctx, func(tx *sql.Tx) error {
		for _, t := range tables {
			var n int64
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("db: restore: table %s already holds %d rows; restore needs an empty database", t, n)
			}
		}
		for dec.More() {
			var start tableStart
			if err := dec.Decode(&start); err != nil {
				return fmt.Errorf("db: restore: expected a table header: %w", err)
			}
			if !known[start.Table] || derived[start.Table] {
				return fmt.Errorf("db: restore: unknown table %q", start.Table)
			}
			if err := restoreTable(ctx, d, tx, dec, start); err != nil {
				return fmt.Errorf("db: restore %s: %w", start.Table, err)
			}
		}
		return nil
	})
}

func restoreTable(ctx context.Context, d *DB, tx *sql.Tx, dec *json.Decoder, start tableStart) error {
	ph := make([]string, len(start.Columns))
	hasID := false
	for i, c := range start.Columns {
		ph[i] = "$" + strconv.Itoa(i+1)
		hasID = hasID || c == "id"
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+start.Table+" ("+strings.Join(start.Columns, ", ")+") VALUES ("+strings.Join(ph, ", ")+")")
	if err != nil {
		return err
	}
	defer stmt.Close()
	var n int64
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("row %d: %w", n+1, err)
		}
		if len(raw) > 0 && raw[0] == '{' {
			var end tableEnd
			if err := json.Unmarshal(raw, &end); err != nil || end.End != start.Table {
				return fmt.Errorf("bad end of table after %d rows", n)
			}
			if end.Rows != n {
				return fmt.Errorf("dump says %d rows, read %d", end.Rows, n)
			}
			break
		}
		var vals []any
		rd := json.NewDecoder(bytes.NewReader(raw))
		rd.UseNumber()
		if err := rd.Decode(&vals); err != nil || len(vals) != len(start.Columns) {
			return fmt.Errorf("row %d: malformed", n+1)
		}
		for i, v := range vals {
			if num, ok := v.(json.Number); ok {
				if iv, err := num.Int64(); err == nil && !strings.ContainsAny(num.String(), ".eE") {
					vals[i] = iv
				} else if fv, err := num.Float64(); err == nil {
					vals[i] = fv
				}
			}
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
	}
	if hasID {
		return d.resetSequence(ctx, tx, start.Table)
	}
	return nil
}
