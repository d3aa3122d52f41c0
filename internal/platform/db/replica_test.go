package db_test

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"testing"

	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

func TestLSNsRoundTripAndRefuseGarbage(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
	}{
		{"0/0", 0}, {"0/16B3748", 0x16B3748}, {"16/B374D848", 0x16<<32 | 0xB374D848}, {"FFFFFFFF/FFFFFFFF", ^uint64(0)},
	} {
		got, err := db.ParseLSN(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseLSN(%q) = %x, %v; want %x", tc.in, got, err, tc.want)
		}
		if back := db.FormatLSN(got); back != tc.in {
			t.Errorf("FormatLSN(%x) = %q, want %q", got, back, tc.in)
		}
	}
	for _, bad := range []string{"", "/", "1/", "/1", "x/1", "1/1/1", "123456789/0", "-1/0", "1 /0"} {
		if _, err := db.ParseLSN(bad); err == nil {
			t.Errorf("ParseLSN(%q) accepted", bad)
		}
	}
}

// withApplicationName points dsn at the same server under another name, so a
// test can find (and terminate) the pool's backends.
func withParam(t *testing.T, dsn, key, value string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

func searchPath(t *testing.T, dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("search_path")
}

// postgresOnly returns the DSNs of two fresh schemas: the "primary" and a
// stand-in "replica" on the same server, told apart by their data. A real
// streaming standby is exercised by the multi-process test (cluster_test).
func postgresOnly(t *testing.T) (primary, replica string) {
	t.Helper()
	if dbtest.Engine() != db.Postgres {
		t.Skip("read replicas are a PostgreSQL feature; set " + dbtest.EnvPostgres)
	}
	return dbtest.DSN(t), dbtest.DSN(t)
}

func fill(t *testing.T, dsn, value string) {
	t.Helper()
	c, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(`CREATE TABLE whoami (v TEXT NOT NULL); INSERT INTO whoami VALUES ('` + value + `')`); err != nil {
		t.Fatal(err)
	}
}

func whoami(t *testing.T, q db.Querier) string {
	t.Helper()
	var v string
	if err := q.QueryRowContext(context.Background(), `SELECT v FROM whoami`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// openPrimaryAndReplica opens the primary, each database holding a row
// that names it (whoami), with the replica not yet attached and no
// background probes.
func openPrimaryAndReplica(t *testing.T) (*db.DB, string) {
	t.Helper()
	primaryDSN, replicaDSN := postgresOnly(t)
	fill(t, primaryDSN, "primary")
	fill(t, replicaDSN, "replica")
	d, err := db.Open(context.Background(), primaryDSN, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	db.StopBackgroundProbes(t)
	return d, replicaDSN
}

func TestHeavyReadsGoToTheReplicaUnlessTheUserMustSeeTheirChange(t *testing.T) {
	ctx := context.Background()
	d, replicaDSN := openPrimaryAndReplica(t)
	if whoami(t, d.Heavy(ctx)) != "primary" {
		t.Fatal("without a replica, heavy reads must go to the primary")
	}
	if err := d.AttachReplica(ctx, replicaDSN, nil); err != nil {
		t.Fatal(err)
	}
	if got := whoami(t, d.Heavy(ctx)); got != "replica" {
		t.Fatalf("heavy read answered by %s, want the replica", got)
	}
	if got := whoami(t, d.R); got != "primary" {
		t.Fatalf("ordinary read answered by %s, want the primary", got)
	}

	// A change made after the replica was last probed: the stand-in replica
	// has not "replayed" it yet, so the user's reads go to the primary.
	if _, err := d.W.ExecContext(ctx, `UPDATE whoami SET v = 'primary'`); err != nil {
		t.Fatal(err)
	}
	mark, err := d.Mark(ctx)
	if err != nil || mark == "" {
		t.Fatalf("Mark = %q, %v", mark, err)
	}
	mine := d.Require(ctx, mark)
	if got := whoami(t, d.Heavy(mine)); got != "primary" {
		t.Fatalf("the user's read after their change answered by %s, want the primary", got)
	}
	if got := whoami(t, d.Heavy(ctx)); got != "replica" {
		t.Fatalf("another user's read answered by %s, want the replica", got)
	}
	if got := whoami(t, d.Heavy(d.Require(ctx, "garbage"))); got != "primary" {
		t.Fatalf("a malformed mark sent the read to %s, want the primary", got)
	}
	db.ProbeReplica(ctx, d)
	if got := whoami(t, d.Heavy(mine)); got != "replica" {
		t.Fatalf("once replayed past the mark, the user's read answered by %s, want the replica", got)
	}
	if st := d.ReplicaStats(); !st.Attached || !st.Up || st.OwnWrites != 2 || st.Fallbacks != 0 || st.LagBytes < 0 {
		t.Fatalf("stats %+v, want attached, up, 2 own-write reads, no fallback, a known lag", st)
	}
}

func TestAnUnreachableReplicaSendsReadsToThePrimaryWithAWarning(t *testing.T) {
	ctx := context.Background()
	primaryDSN, _ := postgresOnly(t)
	fill(t, primaryDSN, "primary")
	d, err := db.Open(ctx, primaryDSN, "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var logged bytes.Buffer
	// Port 1 on loopback: nothing listens, the connection is refused.
	dead := withParam(t, strings.Replace(primaryDSN, "127.0.0.1:5432", "127.0.0.1:1", 1), "connect_timeout", "2")
	if dead == primaryDSN {
		t.Skip("the test DSN does not name 127.0.0.1:5432")
	}
	if err := d.AttachReplica(ctx, dead, slog.New(slog.NewTextHandler(&logged, nil))); err != nil {
		t.Fatalf("a process must start when its replica is down: %v", err)
	}
	for range 3 {
		if got := whoami(t, d.Heavy(ctx)); got != "primary" {
			t.Fatalf("read answered by %s, want the primary", got)
		}
	}
	if st := d.ReplicaStats(); st.Up || st.Fallbacks != 3 {
		t.Fatalf("stats %+v, want down with 3 fallbacks", st)
	}
	if !strings.Contains(logged.String(), "level=WARN") || !strings.Contains(logged.String(), "read replica unreachable") {
		t.Fatalf("log %q, want a warning that the replica is unreachable", logged.String())
	}
}

func TestSQLiteRefusesAReplica(t *testing.T) {
	d, err := db.Open(context.Background(), t.TempDir()+"/x.db", "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.AttachReplica(context.Background(), "postgres://127.0.0.1:1/x", nil); err == nil {
		t.Fatal("SQLite accepted a PostgreSQL replica")
	}
}

// TestServingResumesAfterTheServerDropsEveryConnection terminates the pool's
// backends as a PostgreSQL restart or failover does: a transaction in flight
// gets an error and leaves nothing behind; later requests get a fresh
// connection by themselves.
func TestServingResumesAfterTheServerDropsEveryConnection(t *testing.T) {
	ctx := context.Background()
	primaryDSN, _ := postgresOnly(t)
	fill(t, primaryDSN, "primary")
	app := "papihub_" + strings.TrimPrefix(searchPath(t, primaryDSN), "t_")
	d, err := db.Open(ctx, withParam(t, primaryDSN, "application_name", app), "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	admin, err := sql.Open("pgx", os.Getenv(dbtest.EnvPostgres))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	terminate := func() int {
		var n int
		if err := admin.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Warm the pool with several connections, then drop them all.
	var conns []*sql.Conn
	for range 4 {
		c, err := d.W.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	if n := terminate(); n < 4 {
		t.Fatalf("terminated %d backends, want the pool's 4", n)
	}
	// Each dead connection may fail the one request that finds it; after
	// that the pool has replaced them.
	failures := 0
	for range 4 + 3 {
		var one int
		if err := d.R.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
			failures++
			continue
		}
	}
	if failures > 4 {
		t.Fatalf("%d of 7 reads failed after the restart, want at most one per dropped connection", failures)
	}
	if got := whoami(t, d.R); got != "primary" {
		t.Fatalf("read after reconnecting = %s", got)
	}

	// A write in flight when its connection drops returns an error and
	// leaves nothing behind.
	err = d.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO whoami VALUES ('lost')`); err != nil {
			return err
		}
		if n := terminate(); n < 1 {
			t.Errorf("terminated %d backends mid-transaction", n)
		}
		return nil
	})
	if err == nil {
		t.Fatal("a transaction whose connection was dropped before commit reported success")
	}
	var lost int
	for range 3 { // the first attempts may meet dropped idle connections
		if err = d.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM whoami WHERE v = 'lost'`).Scan(&lost); err == nil {
			break
		}
	}
	if err != nil || lost != 0 {
		t.Fatalf("rows of the failed transaction: %d (%v), want 0", lost, err)
	}
}

// The index's repeated statements plan once on their own connections
// (HeavyGeneric), which follow Heavy to the replica and back; the other
// reads keep PostgreSQL's own choice of plans.
func TestHeavyGenericReadsPlanOnceAndGoWhereHeavyReadsGo(t *testing.T) {
	ctx := context.Background()
	d, replicaDSN := openPrimaryAndReplica(t)
	planning := func(q db.Querier) string {
		t.Helper()
		var mode string
		if err := q.QueryRowContext(ctx, `SHOW plan_cache_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		return mode
	}
	if got := whoami(t, d.HeavyGeneric(ctx)); got != "primary" {
		t.Fatalf("without a replica, the generic pool reads %s", got)
	}
	if got := planning(d.HeavyGeneric(ctx)); got != "force_generic_plan" {
		t.Fatalf("the generic pool plans with %q", got)
	}
	for name, q := range map[string]db.Querier{"heavy": d.Heavy(ctx), "reader": d.R, "writer": d.W} {
		if got := planning(q); got == "force_generic_plan" {
			t.Errorf("the %s pool plans with %q too", name, got)
		}
	}
	if err := d.AttachReplica(ctx, replicaDSN, nil); err != nil {
		t.Fatal(err)
	}
	if got := whoami(t, d.HeavyGeneric(ctx)); got != "replica" {
		t.Fatalf("with a replica the generic pool reads %s", got)
	}
	if got := planning(d.HeavyGeneric(ctx)); got != "force_generic_plan" {
		t.Fatalf("the replica's generic pool plans with %q", got)
	}
	if _, err := d.W.ExecContext(ctx, `UPDATE whoami SET v = 'primary'`); err != nil {
		t.Fatal(err)
	}
	mark, err := d.Mark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := whoami(t, d.HeavyGeneric(d.Require(ctx, mark))); got != "primary" {
		t.Fatalf("the user's read after their change answered by %s, want the primary", got)
	}
}

func TestSQLiteHeavyGenericIsTheReaders(t *testing.T) {
	d, err := db.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.HeavyGeneric(context.Background()) != d.R {
		t.Fatal("on SQLite the generic pool must be the readers'")
	}
}
