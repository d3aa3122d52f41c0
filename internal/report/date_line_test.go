package report

import (
	"testing"
	"time"
)

func TestTheDateLinePadsDaysBelowTenAndTheFirstTwoMonths(t *testing.T) {
	for _, c := range []struct {
		date string
		want string
	}{
		{"2026-03-05", "Hưng Yên, ngày 05 tháng 3 năm 2026"},
		{"2026-01-31", "Hưng Yên, ngày 31 tháng 01 năm 2026"},
		{"2026-02-09", "Hưng Yên, ngày 09 tháng 02 năm 2026"},
		{"2026-12-10", "Hưng Yên, ngày 10 tháng 12 năm 2026"},
		{"2026-10-01", "Hưng Yên, ngày 01 tháng 10 năm 2026"},
	} {
		if got := dateLine("Hưng Yên", day(c.date)); got != c.want {
			t.Errorf("dateLine(%s) = %q, want %q", c.date, got, c.want)
		}
	}
}

func TestTheDateLineUsesVietnamTimeForAnInstant(t *testing.T) {
	// 20:00 UTC on 4 March is already 5 March in Hưng Yên.
	at := time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC)
	if got, want := dateLine("Hưng Yên", at), "Hưng Yên, ngày 05 tháng 3 năm 2026"; got != want {
		t.Errorf("dateLine = %q, want %q", got, want)
	}
}
