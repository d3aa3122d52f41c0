package portal

import (
	"context"
	"errors"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
)

func TestSubmissionsAreThrottledPerAddressAcrossWindows(t *testing.T) {
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, Migrations)
	ctx := context.Background()
	limits := []Limit{{N: 2, Window: 10 * time.Minute}, {N: 3, Window: 24 * time.Hour}}
	t0 := time.Date(2026, 8, 14, 2, 0, 0, 0, time.UTC)
	for _, step := range []struct {
		ip    string
		after time.Duration
		want  error
	}{
		{"1.2.3.4", 0, nil},
		{"1.2.3.4", time.Minute, nil},
		{"1.2.3.4", 2 * time.Minute, errThrottled},   // third in ten minutes
		{"5.6.7.8", 2 * time.Minute, nil},            // another address has its own count
		{"1.2.3.4", 11 * time.Minute, nil},           // the first left the window: third of the day
		{"1.2.3.4", 30 * time.Minute, errThrottled},  // fourth of the day
		{"1.2.3.4", 24*time.Hour + time.Minute, nil}, // a day later
	} {
		at := t0.Add(step.after)
		err := throttled(ctx, conn, letters, step.ip, at, limits)
		if !errors.Is(err, step.want) {
			t.Fatalf("%s at +%s: %v, want %v", step.ip, step.after, err, step.want)
		}
		if err == nil {
			if err := recordSubmission(ctx, conn, letters, step.ip, at); err != nil {
				t.Fatal(err)
			}
		}
	}
	var n int
	if err := conn.R.QueryRowContext(ctx, "SELECT COUNT(*) FROM portal_submissions WHERE client LIKE '%.%'").Scan(&n); err != nil || n != 0 {
		t.Fatalf("an address is kept in clear: %d %v", n, err)
	}
}

func TestEachCounterOfAnAddressIsKeptApart(t *testing.T) {
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, Migrations)
	ctx := context.Background()
	limits := []Limit{{N: 1, Window: time.Hour}}
	at := time.Date(2026, 8, 14, 2, 0, 0, 0, time.UTC)
	if err := recordSubmission(ctx, conn, letters, "1.2.3.4", at); err != nil {
		t.Fatal(err)
	}
	if err := throttled(ctx, conn, letters, "1.2.3.4", at, limits); !errors.Is(err, errThrottled) {
		t.Fatalf("letters: %v, want throttled", err)
	}
	for _, c := range []counter{ratings, misses} {
		if err := throttled(ctx, conn, c, "1.2.3.4", at, limits); err != nil {
			t.Fatalf("%s counts the letters: %v", c, err)
		}
	}
}
