package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

// TestWithAReplicaAChangeLeavesAMarkAndTheMetricsTellTheReplicasState runs
// papihub with a stand-in replica (the same schema under a second pool; the
// routing itself is tested in platform/db, a real standby in the cluster
// test).
func TestWithAReplicaAChangeLeavesAMarkAndTheMetricsTellTheReplicasState(t *testing.T) {
	if dbtest.Engine() != db.Postgres {
		t.Skip("read replicas are a PostgreSQL feature")
	}
	ctx := context.Background()
	dsn := dbtest.DSN(t)
	flags := &dataFlags{dsn: dsn, read: dsn, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	conn, err := flags.open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	srv := httptest.NewServer(newApp(deps{db: conn, log: flags.log, dataDir: t.TempDir()}))
	t.Cleanup(srv.Close)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	resp, err := noFollow.PostForm(srv.URL+"/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var mark string
	for _, c := range resp.Cookies() {
		if c.Name == "papihub_seen" {
			mark = c.Value
		}
	}
	if _, err := db.ParseLSN(mark); err != nil {
		t.Fatalf("after a change the mark cookie is %q, want the primary's log position", mark)
	}

	resp, err = http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"papihub_db_replica_up 1", "papihub_db_replica_fallback_reads_total 0", `go_sql_open_connections{db_name="replica"}`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestAReplicaOnSQLiteIsAUsageError(t *testing.T) {
	flags := &dataFlags{dir: t.TempDir(), read: "postgres://127.0.0.1:1/x"}
	if _, err := flags.open(context.Background()); err == nil || !strings.Contains(err.Error(), "PostgreSQL") {
		t.Fatalf("open = %v, want a refusal naming PostgreSQL", err)
	}
}
