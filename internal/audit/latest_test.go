package audit_test

import (
	"context"
	"database/sql"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/db/dbtest"
)

func TestTheLatestChangeIgnoresSignInsAndReveals(t *testing.T) {
	conn := dbtest.Open(t, audit.Migrations)
	ctx := context.Background()
	write := func(action string) {
		t.Helper()
		if err := conn.Tx(ctx, func(tx *sql.Tx) error {
			return audit.Write(ctx, tx, audit.Entry{Actor: audit.System, Action: action, Entity: "things"})
		}); err != nil {
			t.Fatal(err)
		}
	}
	latest := func() audit.Change {
		t.Helper()
		c, err := audit.Latest(ctx, conn.R)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := latest(); c != (audit.Change{}) {
		t.Fatalf("an empty log: %+v", c)
	}
	write("create")
	first := latest()
	if first.ID == 0 || first.At.IsZero() {
		t.Fatalf("after a creation: %+v", first)
	}
	for _, a := range []string{"login", "login_failed", "logout", "reveal", "export"} {
		write(a)
	}
	if c := latest(); c != first {
		t.Fatalf("sign-ins and reveals moved the latest change: %+v, want %+v", c, first)
	}
	write("update")
	if c := latest(); c.ID <= first.ID {
		t.Fatalf("an update did not move it: %+v", c)
	}
	var w audit.Watcher // prepared once, it reads the same
	for range 2 {
		if c, err := w.Latest(ctx, conn.R); err != nil || c != latest() {
			t.Fatalf("the watcher reads %+v, %v; want %+v", c, err, latest())
		}
	}
}
