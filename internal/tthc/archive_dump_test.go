package tthc

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

// A dump taken while 2024 and 2025 are archived holds them: restored into
// a fresh database they are archived there too, with the same figures and
// drill-downs, and restoring them from the archive gives the figures of
// the source before the archive.
func TestADumpKeepsTheArchivedYears(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if s.db.Dialect != db.Postgres {
		t.Skip("archiving years is PostgreSQL's; SQLite keeps every year in plain tables")
	}
	_, agency := archiveFixture(t, s)
	mods := []db.Module{audit.Migrations, org.Migrations, Migrations}
	old := figuresOver(t, s, "2024", "2025", "2025-12")
	if _, err := s.Archive(ctx, audit.CLI(), 2026); err != nil {
		t.Fatal(err)
	}
	kept := figuresOver(t, s, keptPeriods...)
	jan := mustPeriod(t, "2026-01")
	drills := drillCounts(t, s, agency, jan)
	codes := count(t, s, `SELECT COUNT(*) FROM tthc_dossier_codes`)

	var dump bytes.Buffer
	if err := s.db.Dump(ctx, &dump, mods...); err != nil {
		t.Fatal(err)
	}
	conn := dbtest.Open(t, mods...)
	var schema string
	if err := conn.R.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.W.Exec(`DROP SCHEMA IF EXISTS ` + schema + `_archive CASCADE`) })
	if err := conn.Restore(ctx, bytes.NewReader(dump.Bytes()), mods...); err != nil {
		t.Fatal(err)
	}
	if err := AfterRestore(ctx, conn, s.now()); err != nil {
		t.Fatal(err)
	}
	r := NewStore(conn, testBox{}, nil)
	if years, err := r.ArchivedYears(ctx); err != nil || !slices.Equal(years, []int{2024, 2025}) {
		t.Fatalf("archived years after the restore: %v %v", years, err)
	}
	if n := count(t, r, `SELECT COUNT(*) FROM pg_tables WHERE schemaname = $1 AND tablename LIKE 'tthc_dossiers_y2025m%'`, schema+"_archive"); n != 12 {
		t.Errorf("%d partitions of 2025's dossiers in the restored archive schema, want 12", n)
	}
	if n := count(t, r, `SELECT COUNT(*) FROM tthc_dossier_codes`); n != codes {
		t.Errorf("%d code entries after the restore, want %d (the archived ones too)", n, codes)
	}
	sameFigures(t, "through a dump and restore", kept, figuresOver(t, r, keptPeriods...))
	if got := drillCounts(t, r, unitOf(t, r, demoAgency), jan); len(got) != len(drills) {
		t.Errorf("drill-downs of January 2026 after the restore: %v, want %v", got, drills)
	} else {
		for m, c := range drills {
			if got[m] != c {
				t.Errorf("drill-down %s of January 2026 after the restore: %+v, want %+v", m, got[m], c)
			}
		}
	}
	// Another dump of the restored database is the same, byte for byte.
	var again bytes.Buffer
	if err := conn.Dump(ctx, &again, mods...); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dump.Bytes(), again.Bytes()) {
		t.Error("the dump of the restored database differs from the dump it was restored from")
	}
	if _, err := r.Restore(ctx, audit.CLI(), 2024); err != nil {
		t.Fatal(err)
	}
	sameFigures(t, "restored from the dump, then from the archive", old, figuresOver(t, r, "2024", "2025", "2025-12"))
	sameFigures(t, "restored from the dump, then from the archive", kept, figuresOver(t, r, keptPeriods...))
}
