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
	if strings.Contains(out, "(0 partitions created)") || !strings.Contains(out, "partitions created") || !strings.Contains(out, "partitions analysed again after imports") {
		t.Fatalf("first run: %q, want partitions created", out)
	}
	if code, out, _ := run(t, "", "maintenance", "partitions", "--db", target); code != 0 || !strings.Contains(out, "(0 partitions created)") {
		t.Fatalf("second run: exit %d, %q; want nothing created", code, out)
	}
	// Before importing old years: every month from --from on.
	if code, out, errOut := run(t, "", "maintenance", "partitions", "--from", "2019-11", "--db", target); code != 0 || !strings.Contains(out, "partitions created") || strings.Contains(out, "(0 partitions created)") {
		t.Fatalf("--from 2019-11: exit %d, %q %s", code, out, errOut)
	}
	conn, err := db.Open(t.Context(), target, "")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.R.QueryRow(`SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'tthc_dossiers'::regclass
AND inhrelid::regclass::text IN ('tthc_dossiers_y2019m11', 'tthc_dossiers_y2020m06', 'tthc_dossiers_y2025m01')`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("dossier partitions of 2019-11, 2020-06, 2025-01: %d of 3 (%v)", n, err)
	}
	if err := conn.R.QueryRow(`SELECT COUNT(*) FROM pg_inherits WHERE inhrelid::regclass::text = 'tthc_dossiers_y2019m10'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("a partition before --from: %d (%v)", n, err)
	}
	if code, _, errOut := run(t, "", "maintenance", "partitions", "--from", "2019", "--db", target); code != 2 || !strings.Contains(errOut, "YYYY-MM") {
		t.Fatalf("--from 2019: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "maintenance", "vacuum", "--db", target); code != 2 || !strings.Contains(errOut, "partitions") {
		t.Fatalf("unknown subcommand: exit %d, %s", code, errOut)
	}
}
