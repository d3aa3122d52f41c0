package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/secret"
	"papihub/internal/tthc"
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
	if code, out, _ := run(t, "", "archive", "--list", "--db", target); code != 0 || !strings.HasPrefix(out, "2019: 0 tháng, 0 hồ sơ, ") ||
		!strings.Contains(out, "(0 months, 0 dossiers, ") || !strings.Contains(out, " by cli)") {
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

// Over HTTP, an archived dossier and an archived period answer 410 with the
// reason, on the public look-up, the portal, the API and the index.
func TestArchivedDossiersAndPeriodsAnswer410WithTheReason(t *testing.T) {
	if dbtest.Engine() != db.Postgres {
		t.Skip("archiving years is PostgreSQL's")
	}
	ctx := context.Background()
	ts := newTestServer(t)
	var schema string
	if err := ts.db.R.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ts.db.W.Exec(`DROP SCHEMA IF EXISTS ` + schema + `_archive CASCADE`) })
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	s := tthc.NewStore(ts.db, box, nil)
	unit, err := s.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GenerateInto(ctx, audit.System, unit, 5, 50, tthc.GenerateOptions{Year: 2025, Procedures: 4}, nil, nil); err != nil {
		t.Fatal(err)
	}
	var code string
	if err := ts.db.R.QueryRow(`SELECT code FROM tthc_dossiers ORDER BY code LIMIT 1`).Scan(&code); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Archive(ctx, audit.CLI(), 2026); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/tra-cuu?ma=" + code, "/api/v1/public/dossiers/" + code, "/cong-khai/" + unit.Code + "/tra-cuu?ma=" + code} {
		resp, body := portalGet(t, ts, path)
		if resp.StatusCode != http.StatusGone || !strings.Contains(body, "lưu trữ") {
			t.Errorf("GET %s: %d %s, want 410 saying it is archived", path, resp.StatusCode, body)
		}
	}
	c := ts.client(t, "giamdoc")
	for _, path := range []string{"/api/v1/index?unit=" + unit.Code + "&period=2025", "/tthc?period=2025-06",
		"/tthc/dossiers?period=2025-06&judged=late&unit=" + itoa(unit.ID)} {
		resp := c.get(t, path)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusGone || !strings.Contains(body, "lưu trữ") {
			t.Errorf("GET %s: %d %.300s, want 410 saying it is archived", path, resp.StatusCode, body)
		}
	}
	// Staff still read an archived dossier, marked read-only with the way back.
	resp := c.get(t, "/tthc/dossiers/"+code)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="archived"`) || !strings.Contains(body, "papihub archive --restore 2025") {
		t.Errorf("GET /tthc/dossiers/%s: %d %.300s, want the dossier marked archived", code, resp.StatusCode, body)
	}
}
