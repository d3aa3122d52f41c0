package db_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

var testModule = db.Module{Name: "t", FS: fstest.MapFS{
	"001_things.sql": {Data: []byte(`
-- a table with an id and one without
CREATE TABLE things (
	id    {{ID}},
	code  TEXT NOT NULL UNIQUE,
	score DOUBLE PRECISION,
	n     BIGINT
);
CREATE TABLE tags (thing_id BIGINT NOT NULL REFERENCES things(id), tag TEXT NOT NULL, PRIMARY KEY (thing_id, tag));
`)},
}}

func TestMigrateAppliesEachFileOnceAndRecordsIt(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, testModule)
	if err := d.Migrate(ctx, testModule); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	st, err := d.MigrationStatus(ctx, testModule)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 1 || st[0].AppliedAt == "" {
		t.Fatalf("status = %+v, want one applied migration", st)
	}
}

func TestTxRollsBackOnErrorAndReportsUniqueViolations(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, testModule)
	insert := func(tx *sql.Tx, code string) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO things (code) VALUES ($1)`, code)
		return err
	}
	if err := d.Tx(ctx, func(tx *sql.Tx) error { return insert(tx, "a") }); err != nil {
		t.Fatal(err)
	}
	err := d.Tx(ctx, func(tx *sql.Tx) error {
		if err := insert(tx, "b"); err != nil {
			return err
		}
		return insert(tx, "a")
	})
	if !db.IsUniqueViolation(err) {
		t.Fatalf("err = %v, want a unique violation", err)
	}
	var n int
	if err := d.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM things`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("things = %d after a failed transaction, want 1 (b rolled back)", n)
	}
}

func TestDumpRestoreRoundTripIsByteIdentical(t *testing.T) {
	ctx := context.Background()
	src := dbtest.Open(t, testModule)
	err := src.Tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`INSERT INTO things (code, score, n) VALUES ('Đà Nẵng', 44.18, 7)`,
			`INSERT INTO things (code, score, n) VALUES ('an "quoted"\ line', 3, NULL)`,
			`INSERT INTO things (code, score, n) VALUES ('zz', NULL, 9007199254740993)`,
			`INSERT INTO tags (thing_id, tag) VALUES (2, 'b'), (1, 'Ă'), (1, 'a')`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var first bytes.Buffer
	if err := src.Dump(ctx, &first, testModule); err != nil {
		t.Fatal(err)
	}
	dst := dbtest.Open(t)
	if err := dst.Restore(ctx, bytes.NewReader(first.Bytes()), testModule); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	var second bytes.Buffer
	if err := dst.Dump(ctx, &second, testModule); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("dumps differ:\n%s\n---\n%s", first.String(), second.String())
	}
	// The sequence follows restored ids: a new row gets id 4.
	var id int64
	if err := dst.Tx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO things (code) VALUES ('new') RETURNING id`).Scan(&id)
	}); err != nil {
		t.Fatal(err)
	}
	if id != 4 {
		t.Fatalf("new id after restore = %d, want 4", id)
	}
	// Restoring again into a non-empty database is refused and changes nothing.
	if err := dst.Restore(ctx, bytes.NewReader(first.Bytes()), testModule); err == nil {
		t.Fatal("restore into a non-empty database succeeded")
	}
}

func TestRestoreRejectsGarbageAndLeavesTheDatabaseEmpty(t *testing.T) {
	ctx := context.Background()
	dst := dbtest.Open(t)
	err := dst.Restore(ctx, bytes.NewReader([]byte("{\"papihub_dump\":1,\"migrations\":[\"t/001_things.sql\"]}\n{\"table\":\"things\",\"columns\":[\"id\",\"code\",\"score\",\"n\"]}\n[1,\"a\",null,null]\n[2,\"a\",null,null]\n")), testModule)
	if err == nil {
		t.Fatal("restore of a dump with a duplicate code succeeded")
	}
	var n int
	if err := dst.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM things`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("things = %d after a failed restore, want 0", n)
	}
	if errors.Is(err, db.ErrNotFound) {
		t.Fatal("unexpected error kind")
	}
}

func TestTrimPageDropsTheLookAheadRow(t *testing.T) {
	for _, tc := range []struct {
		rows, per int
		wantLen   int
		wantMore  bool
	}{
		{0, 50, 0, false},
		{50, 50, 50, false},
		{51, 50, 50, true},
	} {
		rows := make([]int, tc.rows)
		got, more := db.TrimPage(rows, tc.per)
		if len(got) != tc.wantLen || more != tc.wantMore {
			t.Errorf("TrimPage(%d rows, %d) = %d, %v; want %d, %v", tc.rows, tc.per, len(got), more, tc.wantLen, tc.wantMore)
		}
	}
}

func TestGoMigrationsRunOnceInNameOrderWithTheFiles(t *testing.T) {
	ctx := context.Background()
	var ran []string
	mod := db.Module{Name: "g", FS: fstest.MapFS{
		"001_a.sql": {Data: []byte(`CREATE TABLE g_a (v TEXT);`)},
		"003_c.sql": {Data: []byte(`INSERT INTO g_b (v) SELECT v FROM g_a;`)}, // needs 002's table
	}, Funcs: map[string]db.MigrationFunc{
		"002_b": func(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
			ran = append(ran, string(d))
			_, err := tx.ExecContext(ctx, `INSERT INTO g_a (v) VALUES ('b'); CREATE TABLE g_b (v TEXT)`)
			return err
		},
	}}
	d := dbtest.Open(t, mod)
	if err := d.Migrate(ctx, mod); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 1 || ran[0] != string(dbtest.Engine()) {
		t.Fatalf("the Go migration ran %v, want once on %s", ran, dbtest.Engine())
	}
	var copied string
	if err := d.R.QueryRowContext(ctx, `SELECT v FROM g_b`).Scan(&copied); err != nil || copied != "b" {
		t.Fatalf("003 copied %q (%v), want the row 002 wrote", copied, err)
	}
	st, err := d.MigrationStatus(ctx, mod)
	if err != nil || len(st) != 3 || st[1].Name != "002_b" || st[1].AppliedAt == "" {
		t.Fatalf("status %+v (%v), want 3 applied with 002_b second", st, err)
	}
}

// ReadAll gives each query's rows to its own function, in order, on both
// engines (on PostgreSQL as one batch), and reports a failing query.
func TestReadAllGivesEachQueryItsRowsInOrder(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, testModule)
	for _, code := range []string{"a", "b", "c"} {
		if _, err := d.W.ExecContext(ctx, `INSERT INTO things (code, n) VALUES ($1, $2)`, code, len(code)); err != nil {
			t.Fatal(err)
		}
	}
	var codes []string
	var total, none sql.NullInt64
	err := d.ReadAll(ctx, d.R,
		db.Read{Query: `SELECT code FROM things WHERE code > $1 ORDER BY code`, Args: []any{"a"}, Row: func(scan func(...any) error) error {
			var c string
			err := scan(&c)
			codes = append(codes, c)
			return err
		}},
		db.Read{Query: `SELECT SUM(n) FROM things`, Row: func(scan func(...any) error) error { return scan(&total) }},
		db.Read{Query: `SELECT n FROM things WHERE code = $1`, Args: []any{"z"}, Row: func(scan func(...any) error) error { return scan(&none) }},
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 2 || codes[0] != "b" || codes[1] != "c" || total.Int64 != 3 || none.Valid {
		t.Fatalf("codes %v, total %v, none %v", codes, total, none)
	}

	err = d.ReadAll(ctx, d.R,
		db.Read{Query: `SELECT code FROM things`, Row: func(scan func(...any) error) error { var c string; return scan(&c) }},
		db.Read{Query: `SELECT nothing FROM things`, Row: func(scan func(...any) error) error { return nil }},
	)
	if err == nil {
		t.Fatal("a query of a column that does not exist gave no error")
	}
}

// Three processes starting at once on a database that needs migrating (a new
// version rolled out behind the proxy) each migrate it: every migration runs
// once and all three start. PostgreSQL only: SQLite serves one process.
func TestProcessesMigratingAtOnceApplyEachMigrationOnce(t *testing.T) {
	if dbtest.Engine() != db.Postgres {
		t.Skip("several processes share one database on PostgreSQL only")
	}
	ctx := context.Background()
	dsn := dbtest.DSN(t)
	var ran atomic.Int32
	mod := db.Module{Name: "m", FS: fstest.MapFS{
		"001_a.sql": {Data: []byte(`CREATE TABLE m_a (v TEXT);`)},
	}, Funcs: map[string]db.MigrationFunc{
		"002_b": func(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
			ran.Add(1)
			// long enough for the others to read it as pending
			_, err := tx.ExecContext(ctx, `SELECT pg_sleep(0.2); CREATE TABLE m_b (v TEXT)`)
			return err
		},
	}}
	// A database in use (schema_migrations exists) to which a new version
	// brings migrations.
	first, err := db.Open(ctx, dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if err := first.Migrate(ctx, db.Module{Name: "before", FS: fstest.MapFS{}}); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			d, err := db.Open(ctx, dsn, "")
			if err != nil {
				errs <- err
				return
			}
			defer d.Close()
			errs <- d.Migrate(ctx, mod)
		}()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Errorf("a process failed to migrate: %v", err)
		}
	}
	if n := ran.Load(); n != 1 {
		t.Errorf("the Go migration ran %d times, want once", n)
	}
}
