package audit_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/db/dbtest"
)

func TestTheCacheComputesAgainOnlyAfterAChange(t *testing.T) {
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
	var c audit.Cache[string, int]
	computed := 0
	get := func(key string) int {
		t.Helper()
		v, err := c.Get(ctx, conn.R, key, func() (int, error) { computed++; return computed, nil })
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	steps := []struct {
		write string // an action audited before the read, or ""
		key   string
		want  int
	}{
		{"", "a", 1},      // computed
		{"", "a", 1},      // kept
		{"", "b", 2},      // another key
		{"login", "a", 1}, // a sign-in changes no record
		{"update", "a", 3},
		{"", "b", 4}, // every key is computed again after a change
		{"", "a", 3},
	}
	for i, s := range steps {
		if s.write != "" {
			write(s.write)
		}
		if got := get(s.key); got != s.want {
			t.Fatalf("step %d (%s %s): %d, want %d", i, s.write, s.key, got, s.want)
		}
	}
	// A failed computation is not kept.
	boom := errors.New("boom")
	if _, err := c.Get(ctx, conn.R, "c", func() (int, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Fatalf("error: %v", err)
	}
	if got := get("c"); got != 5 {
		t.Fatalf("after a failure: %d, want 5", got)
	}
}
