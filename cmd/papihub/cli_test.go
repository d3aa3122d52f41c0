package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"papihub/internal/platform/db/dbtest"
)

// run runs one papihub command line and returns its exit code and output.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: adminPasswordOnly}
	code := runMain(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

// adminPasswordOnly is the environment of a test run: the demo password set,
// nothing else.
func adminPasswordOnly(k string) string {
	if k == "PAPIHUB_ADMIN_PASSWORD" {
		return testPassword
	}
	return ""
}

func TestUserCreateAndListFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "", "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	if code, _, errOut := run(t, "", "user", "create", "--data", dir, "--username", "x", "--role", "admin", "--unit", "NOPE"); code != 1 || !strings.Contains(errOut, "no unit with code") {
		t.Fatalf("unknown unit: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "user", "create", "--data", dir, "--username", "x", "--role", "boss", "--unit", "A"); code != 2 || !strings.Contains(errOut, "unknown role") {
		t.Fatalf("unknown role: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "unit", "nope", "--data", dir); code != 2 || !strings.Contains(errOut, "unknown subcommand") {
		t.Fatalf("unknown subcommand: exit %d, %s", code, errOut)
	}
}

func TestDumpRestoreMovesEverythingBetweenEnginesUnchanged(t *testing.T) {
	// A SQLite pilot with the demo organisation and a user made by hand.
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	conn, err := (&dataFlags{dir: dir}).open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: adminPasswordOnly}
	d, err := deps{db: conn, dataDir: dir}.withSecret(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := loadDemo(ctx, e, d); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	cancel()
	if code, out, errOut := run(t, "pw-from-stdin-ok\n", "user", "create", "--data", dir, "--username", "nguyen.van.a", "--role", "officer,viewer",
		"--unit", "000.07.06.H33", "--name", "Nguyễn Văn A", "--password-stdin"); code != 0 || !strings.Contains(out, "created user nguyen.van.a") {
		t.Fatalf("user create: exit %d\n%s%s", code, out, errOut)
	}
	code, first, errOut := run(t, "", "dump", "--data", dir)
	if code != 0 {
		t.Fatalf("dump: %s", errOut)
	}
	// Into the engine under test (PostgreSQL in CI's second pass), then out again.
	target := dbtest.DSN(t)
	if code, _, errOut := run(t, first, "restore", "--db", target); code != 0 {
		t.Fatalf("restore: %s", errOut)
	}
	code, second, errOut := run(t, "", "dump", "--db", target)
	if code != 0 {
		t.Fatalf("second dump: %s", errOut)
	}
	if first != second {
		t.Fatalf("dumps differ (%d vs %d bytes)", len(first), len(second))
	}
	if !strings.Contains(first, "Nguyễn Văn A") || !strings.Contains(first, `"table":"audit_log"`) {
		t.Fatal("the dump misses the hand-made user or the audit log")
	}
	// The demo plan's baselines (one row per dimension) travel too.
	if !strings.Contains(first, `{"end":"plan_baselines","rows":8}`) {
		t.Fatal("the dump misses the plan's baselines")
	}
	// The restored database serves: the user list shows the hand-made user.
	if code, out, _ := run(t, "", "user", "list", "--db", target, "--json"); code != 0 || !strings.Contains(out, "nguyen.van.a") {
		t.Fatalf("user list after restore: exit %d\n%s", code, out)
	}
	// Restoring twice is refused and leaves the data as it was.
	if code, _, errOut := run(t, first, "restore", "--db", target); code != 1 || !strings.Contains(errOut, "restore needs an empty database") {
		t.Fatalf("second restore: exit %d, %s", code, errOut)
	}
}

func TestBackupCopiesTheSQLiteDatabase(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "", "migrate", "--data", dir); code != 0 {
		t.Fatal(errOut)
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	if code, _, errOut := run(t, "", "backup", "--data", dir, "--out", out); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	if code, _, errOut := run(t, "", "migrate", "status", "--db", out); code != 0 {
		t.Fatalf("the copy does not open: %s", errOut)
	}
	if code, _, errOut := run(t, "", "backup", "--data", dir, "--out", out); code != 1 || !strings.Contains(errOut, "exists") {
		t.Fatalf("backup over an existing file: exit %d, %s", code, errOut)
	}
}

func TestServeAnswersHealthzAndStopsOnSignal(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var errOut bytes.Buffer
	e := &env{stdout: &bytes.Buffer{}, stderr: &errOut, getenv: adminPasswordOnly}
	done := make(chan int, 1)
	go func() { done <- runMain(ctx, e, []string{"serve", "--demo", "--data", t.TempDir(), "--addr", addr}) }()
	var resp *http.Response
	for i := 0; i < 600; i++ { // poll: the server is up when it answers
		if resp, err = http.Get("http://" + addr + "/healthz"); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		cancel()
		t.Fatalf("serve never answered: %v\n%s", err, errOut.String())
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz = %d", resp.StatusCode)
	}
	cancel() // what SIGINT does through signal.NotifyContext
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d\n%s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "Demo data loaded") {
		t.Fatalf("no demo banner:\n%s", errOut.String())
	}
}
