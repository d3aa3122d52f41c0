package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// provinceWithALeader is the demo province with this year's dossiers of
// its science department and a leader of the province itself, whose home
// shows the province's service index.
func provinceWithALeader(t *testing.T) *testServer {
	t.Helper()
	ts := newTestServer(t)
	ctx := t.Context()
	if err := loadTTHCDemo(ctx, ts.deps); err != nil {
		t.Fatal(err)
	}
	root, err := ts.org.UnitByCode(ctx, org.DemoProvinceCode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.org.CreateUser(ctx, audit.System, org.UserInput{Username: "lanhdaotinh", FullName: "Lãnh đạo tỉnh",
		UnitID: root.ID, Roles: []org.Role{org.RoleLeader}, Active: true, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	return ts
}

// openFirstPages opens, as their first visitors, the province's index page
// (its administrator, no period asked) and the province leader's home, and
// tells how many indexes they computed.
func openFirstPages(t *testing.T, ts *testServer) int64 {
	t.Helper()
	before := ts.deps.index.IndexesComputed()
	for _, page := range []struct{ user, path, shows string }{
		{"admin", "/tthc", "UBND tỉnh Hưng Yên (000.00.00.H33)"},
		{"lanhdaotinh", "/", "Lãnh đạo tỉnh"},
	} {
		resp := ts.client(t, page.user).get(t, page.path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %d", page.user, page.path, resp.StatusCode)
		}
		mustContain(t, page.user+" "+page.path, readBody(t, resp), page.shows)
	}
	return ts.deps.index.IndexesComputed() - before
}

func TestWithoutTheWarmUpTheFirstVisitorsComputeTheIndexes(t *testing.T) {
	if n := openFirstPages(t, provinceWithALeader(t)); n == 0 {
		t.Fatal("the first index page and leader's home computed no index: the count tells nothing")
	}
}

// The warm-up at start computes, under the keys the pages look up, the
// figures the first visitors of the slowest pages would wait for: they then
// compute no index. It logs what it warmed.
func TestAfterTheWarmUpTheFirstIndexPageAndLeadersHomeComputeNoIndex(t *testing.T) {
	ts := provinceWithALeader(t)
	var log bytes.Buffer
	d := ts.deps
	d.log = slog.New(slog.NewTextHandler(&log, nil))
	warmUp(t.Context(), d)
	if ts.deps.index.IndexesComputed() == 0 {
		t.Fatal("the warm-up computed no index")
	}
	if n := openFirstPages(t, ts); n != 0 {
		t.Fatalf("after the warm-up the first pages computed %d indexes, want 0", n)
	}
	for _, want := range []string{"warm-up: database connections open", "warm-up: root unit", "unit=" + org.DemoProvinceCode, "warm-up done"} {
		if !strings.Contains(log.String(), want) {
			t.Fatalf("the warm-up's log lacks %q:\n%s", want, log.String())
		}
	}
	if strings.Contains(log.String(), "level=WARN") {
		t.Fatalf("the warm-up warned:\n%s", log.String())
	}
}

func TestTheWarmUpStopsAtShutdownWithoutComputing(t *testing.T) {
	ts := provinceWithALeader(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var log bytes.Buffer
	d := ts.deps
	d.log = slog.New(slog.NewTextHandler(&log, nil))
	warmUp(ctx, d)
	if n := ts.deps.index.IndexesComputed(); n != 0 {
		t.Fatalf("a warm-up stopped before it began computed %d indexes", n)
	}
	if !strings.Contains(log.String(), "warm-up stopped by shutdown") || strings.Contains(log.String(), "level=WARN") {
		t.Fatalf("the log of a warm-up stopped at once:\n%s", log.String())
	}
}
