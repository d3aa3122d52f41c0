package main

import (
	"strings"
	"testing"

	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

func TestMaintenancePartitionsCreatesTheComingMonthsOnceOnPostgreSQL(t *testing.T) {
	target := dbtest.DSN(t)
	code, out, errOut := run(t, "", "maintenance", "partitions", "--db", target)
	if code != 0 {
		t.Fatalf("maintenance partitions: exit %d, %s", code, errOut)
	}
	if dbtest.Engine() != db.Postgres {
		if !strings.Contains(out, "nothing to do") {
			t.Fatalf("on SQLite: %q, want nothing to do", out)
		}
		return
	}
	// This month exists since the migration; 13 more months of daily rows
	// and the next year (or two) of monthly and yearly ones are new.
	if strings.Contains(out, "(0 partitions created)") || !strings.Contains(out, "partitions created") {
		t.Fatalf("first run: %q, want partitions created", out)
	}
	if code, out, _ := run(t, "", "maintenance", "partitions", "--db", target); code != 0 || !strings.Contains(out, "(0 partitions created)") {
		t.Fatalf("second run: exit %d, %q; want nothing created", code, out)
	}
	if code, _, errOut := run(t, "", "maintenance", "vacuum", "--db", target); code != 2 || !strings.Contains(errOut, "partitions") {
		t.Fatalf("unknown subcommand: exit %d, %s", code, errOut)
	}
}
