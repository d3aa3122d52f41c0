package web

import (
	"testing"
	"time"
)

func TestTheLimiterAllowsABurstThenTheRatePerClient(t *testing.T) {
	clock := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
	l := NewLimiter(2, 3)
	l.now = func() time.Time { return clock }
	for i := range 3 {
		if !l.Allow("10.0.0.1") {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	if l.Allow("10.0.0.1") {
		t.Fatal("a fourth request at once was allowed")
	}
	if !l.Allow("10.0.0.2") {
		t.Fatal("another client was refused")
	}
	clock = clock.Add(500 * time.Millisecond) // one token at 2 per second
	if !l.Allow("10.0.0.1") || l.Allow("10.0.0.1") {
		t.Fatal("after half a second exactly one more request should pass")
	}
}
