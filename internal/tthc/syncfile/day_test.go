package syncfile

import (
	"fmt"
	"testing"
)

// Day.String and Day.VN are written by hand; they must give fmt's text for
// every day, including years outside four digits.
func TestDayTextMatchesFmt(t *testing.T) {
	for _, tc := range []struct {
		d       Day
		iso, vn string
	}{
		{DateDay(2026, 1, 2), "2026-01-02", "02/01/2026"},
		{DateDay(1970, 1, 1), "1970-01-01", "01/01/1970"},
		{DateDay(2024, 2, 29), "2024-02-29", "29/02/2024"},
		{DateDay(999, 12, 31), "0999-12-31", "31/12/0999"},
	} {
		if got := tc.d.String(); got != tc.iso {
			t.Errorf("%d String = %q, want %q", tc.d, got, tc.iso)
		}
		if got := tc.d.VN(); got != tc.vn {
			t.Errorf("%d VN = %q, want %q", tc.d, got, tc.vn)
		}
	}
	for d := DateDay(-5, 1, 1); d < DateDay(10005, 1, 1); d += 97 {
		y, m, dd := d.Date()
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd); got != want {
			t.Fatalf("%d String = %q, want %q", d, got, want)
		}
		if got, want := d.VN(), fmt.Sprintf("%02d/%02d/%04d", dd, int(m), y); got != want {
			t.Fatalf("%d VN = %q, want %q", d, got, want)
		}
	}
}
