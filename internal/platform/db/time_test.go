package db

import (
	"testing"
	"time"
)

// formatTimeByLayout is what FormatTime was: time.Format with the layout.
func formatTimeByLayout(t time.Time) string { return t.UTC().Truncate(time.Second).Format(timeLayout) }

func TestFormatTimeWritesWhatTheLayoutWrites(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	cases := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 8, 14, 9, 30, 0, 0, hcm), "2026-08-14T02:30:00Z"},
		{time.Date(2026, 1, 1, 6, 59, 59, 999_999_999, hcm), "2025-12-31T23:59:59Z"}, // the day before in UTC, fraction dropped
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "2024-02-29T00:00:00Z"},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "0001-01-01T00:00:00Z"},
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), "0000-01-01T00:00:00Z"},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "9999-12-31T23:59:59Z"},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), formatTimeByLayout(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))},
		{time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC), formatTimeByLayout(time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC))},
	}
	for _, c := range cases {
		if got := FormatTime(c.in); got != c.want || got != formatTimeByLayout(c.in) {
			t.Errorf("FormatTime(%v) = %q, want %q (layout: %q)", c.in, got, c.want, formatTimeByLayout(c.in))
		}
	}
	if got := string(AppendTime([]byte("at "), cases[0].in)); got != "at 2026-08-14T02:30:00Z" {
		t.Errorf("AppendTime appended %q", got)
	}
}

func FuzzFormatTimeWritesWhatTheLayoutWrites(f *testing.F) {
	f.Add(int64(1786671000), int64(0))
	f.Add(int64(-62135596800), int64(999_999_999))
	f.Add(int64(253402300799), int64(1))
	f.Fuzz(func(t *testing.T, sec, nsec int64) {
		in := time.Unix(sec, nsec)
		if got, want := FormatTime(in), formatTimeByLayout(in); got != want {
			t.Fatalf("FormatTime(%d, %d) = %q, the layout gives %q", sec, nsec, got, want)
		}
	})
}

func BenchmarkFormatTime(b *testing.B) {
	at := time.Date(2026, 8, 14, 9, 30, 0, 0, time.UTC)
	b.Run("by hand", func(b *testing.B) {
		for b.Loop() {
			_ = FormatTime(at)
		}
	})
	b.Run("layout", func(b *testing.B) {
		for b.Loop() {
			_ = formatTimeByLayout(at)
		}
	})
}
