package db_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

// The SQLite connections keep their compiled read statements (stmtcache.go):
// the same text run again with other arguments, nested in its own rows, in
// a transaction and after a change of schema gives what a fresh statement
// gives. (On PostgreSQL the same tests check the plain driver.)

func codesWhere(t *testing.T, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, prefix string) []string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), `SELECT code FROM things WHERE code LIKE $1 ORDER BY code`, prefix+"%")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func seedThings(t *testing.T, d *db.DB, codes ...string) {
	t.Helper()
	for _, c := range codes {
		if _, err := d.W.Exec(`INSERT INTO things (code, n) VALUES ($1, $2)`, c, len(c)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAQueryRunAgainWithOtherArgumentsReadsTheirRows(t *testing.T) {
	d := dbtest.Open(t, testModule)
	seedThings(t, d, "ab1", "ab2", "b1", "bc1", "bc22")
	for i := 0; i < 3; i++ {
		for _, c := range []struct {
			prefix string
			want   []string
		}{{"ab", []string{"ab1", "ab2"}}, {"bc", []string{"bc1", "bc22"}}, {"z", nil}, {"", []string{"ab1", "ab2", "b1", "bc1", "bc22"}}} {
			if got := codesWhere(t, d.R, c.prefix); !slices.Equal(got, c.want) {
				t.Fatalf("round %d, prefix %q: %v, want %v", i, c.prefix, got, c.want)
			}
		}
	}
}

func TestTheSameQueryNestedInItsOwnRowsRunsApart(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, testModule)
	if d.Dialect != db.SQLite {
		// One PostgreSQL connection reads one result at a time: a nested
		// query on it waits for the outer one for ever.
		t.Skip("nesting on one connection is SQLite's case")
	}
	seedThings(t, d, "a", "bb", "ccc")
	conn, err := d.R.Conn(ctx) // one connection, so the nested query meets the open one
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const q = `SELECT code, n FROM things WHERE n >= $1 ORDER BY code`
	outer, err := conn.QueryContext(ctx, q, 2)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for outer.Next() {
		var code string
		var n int
		if err := outer.Scan(&code, &n); err != nil {
			t.Fatal(err)
		}
		inner, err := conn.QueryContext(ctx, q, n+1)
		if err != nil {
			t.Fatal(err)
		}
		for inner.Next() {
			var c2 string
			var n2 int
			if err := inner.Scan(&c2, &n2); err != nil {
				t.Fatal(err)
			}
			pairs = append(pairs, code+">"+c2)
		}
		if err := inner.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := outer.Close(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"bb>ccc"}; !slices.Equal(pairs, want) {
		t.Fatalf("pairs = %v, want %v", pairs, want)
	}
	// And the statement still serves afterwards.
	if got := codesWhere(t, conn, "c"); !slices.Equal(got, []string{"ccc"}) {
		t.Fatalf("after nesting: %v", got)
	}
}

func TestAKeptQuerySeesWritesAndTheSchemaChangesOfItsConnection(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, testModule)
	seedThings(t, d, "a1")
	const q = `SELECT * FROM things ORDER BY id`
	columns := func() []string {
		rows, err := d.W.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		return cols
	}
	if got := columns(); len(got) != 4 {
		t.Fatalf("columns = %v", got)
	}
	if err := d.Tx(ctx, func(tx *sql.Tx) error {
		if got := codesWhere(t, tx, "a"); !slices.Equal(got, []string{"a1"}) {
			t.Fatalf("in the transaction before the insert: %v", got)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO things (code) VALUES ('a2')`); err != nil {
			return err
		}
		if got := codesWhere(t, tx, "a"); !slices.Equal(got, []string{"a1", "a2"}) {
			t.Fatalf("in the transaction after the insert: %v", got)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// On PostgreSQL pgx keeps its own statements, and the server refuses a
	// kept SELECT * whose columns changed: schema changes are SQLite's case.
	if d.Dialect == db.SQLite {
		if _, err := d.W.ExecContext(ctx, `ALTER TABLE things ADD COLUMN note TEXT`); err != nil {
			t.Fatal(err)
		}
		if got := columns(); len(got) != 5 || got[4] != "note" {
			t.Fatalf("columns after ALTER TABLE = %v", got)
		}
	}
	if got := codesWhere(t, d.R, "a"); !slices.Equal(got, []string{"a1", "a2"}) {
		t.Fatalf("readers after the commit: %v", got)
	}
}
