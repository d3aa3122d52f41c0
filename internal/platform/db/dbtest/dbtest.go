// Package dbtest gives each test a migrated database of its own: a temporary
// SQLite file by default, or a fresh PostgreSQL schema when the environment
// variable PAPIHUB_TEST_POSTGRES holds a connection URL. The same tests thus
// run on both engines.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"papihub/internal/platform/db"
)

// EnvPostgres names the variable that switches tests to PostgreSQL.
const EnvPostgres = "PAPIHUB_TEST_POSTGRES"

// Open returns a database migrated with modules, removed when the test ends.
func Open(t testing.TB, modules ...db.Module) *db.DB {
	t.Helper()
	ctx := context.Background()
	var d *db.DB
	if dsn := os.Getenv(EnvPostgres); dsn != "" {
		d = openPostgresSchema(t, dsn)
	} else {
		var err error
		d, err = db.Open(ctx, filepath.Join(t.TempDir(), "test.db"), "")
		if err != nil {
			t.Fatalf("dbtest: open sqlite: %v", err)
		}
		t.Cleanup(func() { d.Close() })
	}
	if err := d.Migrate(ctx, modules...); err != nil {
		t.Fatalf("dbtest: migrate: %v", err)
	}
	return d
}

// DSN returns a connection string for a fresh, empty database of the engine
// under test, for tests that start papihub themselves (dump/restore, serve).
func DSN(t testing.TB) string {
	t.Helper()
	if dsn := os.Getenv(EnvPostgres); dsn != "" {
		schema := createSchema(t, dsn)
		return withSearchPath(t, dsn, schema)
	}
	return filepath.Join(t.TempDir(), "papihub.db")
}

// Engine names the engine tests run on, for test names and skips.
func Engine() db.Dialect {
	if os.Getenv(EnvPostgres) != "" {
		return db.Postgres
	}
	return db.SQLite
}

func openPostgresSchema(t testing.TB, dsn string) *db.DB {
	t.Helper()
	schema := createSchema(t, dsn)
	d, err := db.Open(context.Background(), withSearchPath(t, dsn, schema), "")
	if err != nil {
		t.Fatalf("dbtest: open postgres: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// createSchema makes a schema with a random name and drops it at the end:
// much cheaper than a database per test, and just as isolated.
func createSchema(t testing.TB, dsn string) string {
	t.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("dbtest: create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", dsn)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	return schema
}

func withSearchPath(t testing.TB, dsn, schema string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("dbtest: bad %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
