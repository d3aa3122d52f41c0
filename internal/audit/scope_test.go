package audit_test

import (
	"context"
	"database/sql"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/db/dbtest"
)

func TestAScopedValueOutlivesTheChangesOutsideItsScope(t *testing.T) {
	conn := dbtest.Open(t, audit.Migrations)
	ctx := context.Background()
	write := func(action, entity string) {
		t.Helper()
		if err := conn.Tx(ctx, func(tx *sql.Tx) error {
			return audit.Write(ctx, tx, audit.Entry{Actor: audit.System, Action: action, Entity: entity})
		}); err != nil {
			t.Fatal(err)
		}
	}
	write("create", "things") // a log that is not empty
	index := audit.NewScope([]string{"dossiers"}, audit.NewScope([]string{"units", "dossiers"}))
	var scoped, unscoped audit.Cache[string, int]
	computed := 0
	get := func(c *audit.Cache[string, int], scope audit.Scope) int {
		t.Helper()
		v, err := c.GetScoped(ctx, conn.R, scope, "k", func() (int, error) { computed++; return computed, nil })
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	steps := []struct {
		writes           [][2]string // action, entity audited before the reads
		scoped, unscoped int
	}{
		{nil, 1, 2},
		{nil, 1, 2},
		{[][2]string{{"create", "api_tokens"}}, 1, 3},                      // outside the scope: kept, the unscoped value is not
		{[][2]string{{"update", "tasks"}, {"revoke", "api_tokens"}}, 1, 4}, // several at once, none in scope
		{[][2]string{{"login", "users"}, {"reveal", "dossiers"}}, 1, 4},    // no change at all
		{[][2]string{{"update", "tasks"}, {"import", "dossiers"}}, 5, 6},   // one of them in scope
		{[][2]string{{"update", "units"}}, 7, 8},                           // from the scope read with it
		{nil, 7, 8},
	}
	for i, s := range steps {
		for _, w := range s.writes {
			write(w[0], w[1])
		}
		if got := get(&scoped, index); got != s.scoped {
			t.Fatalf("step %d %v: scoped %d, want %d", i, s.writes, got, s.scoped)
		}
		if got := get(&unscoped, audit.Scope{}); got != s.unscoped {
			t.Fatalf("step %d %v: unscoped %d, want %d", i, s.writes, got, s.unscoped)
		}
	}
}

func TestAValueStampedLongBeforeIsComputedAgain(t *testing.T) {
	conn := dbtest.Open(t, audit.Migrations)
	ctx := context.Background()
	write := func(n int) {
		t.Helper()
		if err := conn.Tx(ctx, func(tx *sql.Tx) error {
			for range n {
				if err := audit.Write(ctx, tx, audit.Entry{Actor: audit.System, Action: "update", Entity: "tasks"}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	var c audit.Cache[string, int]
	scope := audit.NewScope([]string{"dossiers"})
	computed := 0
	get := func() int {
		v, _ := c.GetScoped(ctx, conn.R, scope, "k", func() (int, error) { computed++; return computed, nil })
		return v
	}
	write(1)
	get()
	write(10)
	if got := get(); got != 1 {
		t.Fatalf("after 10 changes out of scope: %d, want 1 (kept)", got)
	}
	// More changes than revalidation reads: what was not read counts as
	// touched.
	write(5000)
	if got := get(); got != 2 {
		t.Fatalf("after 5,000 changes out of scope: %d, want 2 (computed again)", got)
	}
}

func TestAScopeReadsWhatItNamesAndWhatTheScopesItGathersRead(t *testing.T) {
	index := audit.NewScope([]string{"dossiers", "units"})
	home := audit.AllBut("api_tokens", "portal_profiles", "units")
	cases := []struct {
		name  string
		scope audit.Scope
		reads map[string]bool
	}{
		{"named", index, map[string]bool{"dossiers": true, "units": true, "tasks": false}},
		{"gathered", audit.NewScope([]string{"tasks"}, index), map[string]bool{"dossiers": true, "tasks": true, "api_tokens": false}},
		{"all but", home, map[string]bool{"dossiers": true, "api_tokens": false, "units": false}},
		{"all but, with what another reads", audit.NewScope(nil, home, index), map[string]bool{"units": true, "api_tokens": false, "portal_profiles": false}},
		{"two all-but", audit.NewScope(nil, home, audit.AllBut("api_tokens")), map[string]bool{"api_tokens": false, "portal_profiles": true, "units": true}},
		{"with an undeclared scope", audit.NewScope([]string{"tasks"}, audit.Scope{}), map[string]bool{"api_tokens": true, "anything": true}},
		{"undeclared", audit.Scope{}, map[string]bool{"api_tokens": true}},
	}
	for _, c := range cases {
		for entity, want := range c.reads {
			if got := c.scope.Reads(entity); got != want {
				t.Errorf("%s: Reads(%s) = %v, want %v", c.name, entity, got, want)
			}
		}
	}
}
