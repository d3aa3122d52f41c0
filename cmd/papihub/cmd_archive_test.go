package main

import (
	"strings"
	"testing"

	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

// On SQLite the command explains itself and exits 2; on PostgreSQL it
// archives, lists and restores (the figures are tthc's archive test).
func TestArchiveMovesYearsOnPostgreSQLAndExplainsItselfOnSQLite(t *testing.T) {
	target := dbtest.DSN(t)
	if code, _, _ := run(t, "", "migrate", "--db", target); code != 0 {
		t.Fatalf("migrate: exit %d", code)
	}
	if code, _, errOut := run(t, "", "archive", "--db", target); code != 2 || !strings.Contains(errOut, "--before") {
		t.Fatalf("no action: exit %d, %s", code, errOut)
	}
	code, out, errOut := run(t, "", "archive", "--before", "2020", "--db", target)
	if dbtest.Engine() != db.Postgres {
		if code != 2 || !strings.Contains(errOut, "PostgreSQL") {
			t.Fatalf("on SQLite: exit %d, %q %q; want 2 and why", code, out, errOut)
		}
		return
	}
	t.Cleanup(func() {
		if conn, err := db.Open(t.Context(), target, ""); err == nil {
			var schema string
			conn.R.QueryRow(`SELECT current_schema()`).Scan(&schema)
			conn.W.Exec(`DROP SCHEMA IF EXISTS ` + schema + `_archive CASCADE`)
			conn.Close()
		}
	})
	if code != 0 || !strings.Contains(out, "archived 2019–2019") {
		t.Fatalf("archive --before 2020: exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, "", "archive", "--list", "--db", target); code != 0 || strings.TrimSpace(out) != "2019" {
		t.Fatalf("archive --list: exit %d, %q", code, out)
	}
	if code, out, _ := run(t, "", "archive", "--before", "2020", "--db", target); code != 0 || !strings.Contains(out, "nothing to do") {
		t.Fatalf("archive again: exit %d, %q", code, out)
	}
	if code, out, errOut := run(t, "", "archive", "--restore", "2019", "--db", target); code != 0 || !strings.Contains(out, "restored 2019–2019") {
		t.Fatalf("archive --restore 2019: exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, "", "archive", "--list", "--db", target); code != 0 || !strings.Contains(out, "no year archived") {
		t.Fatalf("archive --list after restore: exit %d, %q", code, out)
	}
}
