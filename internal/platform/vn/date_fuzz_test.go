package vn

import (
	"testing"
	"time"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"05/03/2026", "5/3/2026", "2026-03-05", "31/02/2026", "0/0/0000", "01/01/0001", "31/12/9999", "1/1/1960", "01/04/1947", "//", "-1/-1/2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s)
		if err != nil {
			return
		}
		if FormatDate(got.Add(-time.Nanosecond)) == FormatDate(got) {
			t.Fatalf("ParseDate(%q) = %v, not the start of the day", s, got)
		}
		shown := FormatDate(got)
		again, err := ParseDate(shown)
		if err != nil || !again.Equal(got) {
			t.Fatalf("ParseDate(%q) = %v shown as %q reads back as %v, %v", s, got, shown, again, err)
		}
		if iso := got.Format(time.DateOnly); FormatDate(mustParse(t, iso)) != shown {
			t.Fatalf("%q and %q name different days", iso, shown)
		}
	})
}

func mustParse(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}
