package period

import (
	"testing"
	"time"
)

func TestAKeyNamesTheDaysOfItsPeriod(t *testing.T) {
	for _, tc := range []struct {
		key, from, to, label string
	}{
		{"2026", "2026-01-01", "2026-12-31", "năm 2026"},
		{"2026S1", "2026-01-01", "2026-06-30", "6 tháng đầu năm 2026"},
		{"2026S2", "2026-07-01", "2026-12-31", "6 tháng cuối năm 2026"},
		{"2026Q1", "2026-01-01", "2026-03-31", "quý I/2026"},
		{"2026Q3", "2026-07-01", "2026-09-30", "quý III/2026"},
		{"2028-02", "2028-02-01", "2028-02-29", "tháng 2/2028"},
		{"2026-12", "2026-12-01", "2026-12-31", "tháng 12/2026"},
		{"01/07/2026..15/08/2026", "2026-07-01", "2026-08-15", "từ 01/07/2026 đến 15/08/2026"},
		{"2026-04-01..2026-06-30", "2026-04-01", "2026-06-30", "quý II/2026"},
	} {
		s, err := Parse(tc.key)
		if err != nil {
			t.Errorf("%s: %v", tc.key, err)
			continue
		}
		if got := s.From.Format(time.DateOnly) + " " + s.To.Format(time.DateOnly); got != tc.from+" "+tc.to {
			t.Errorf("%s = %s, want %s %s", tc.key, got, tc.from, tc.to)
		}
		if s.Label() != tc.label {
			t.Errorf("%s label = %q, want %q", tc.key, s.Label(), tc.label)
		}
	}
}

func TestAMalformedKeyIsRefused(t *testing.T) {
	for _, key := range []string{"", "226Q1", "2026Q0", "2026Q5", "2026S3", "2026-13", "2026-00", "2026-1", "2026Q+1", "abcd",
		"+2026", "15/08/2026..01/07/2026", "2026..2027", "2026H1"} {
		if _, err := Parse(key); err == nil {
			t.Errorf("%q accepted", key)
		}
	}
}

func TestTheQuarterOfADay(t *testing.T) {
	if q := Quarter(Date(2026, 8, 14)); q.Key != "2026Q3" || !q.Contains(Date(2026, 9, 30)) || q.Contains(Date(2026, 10, 1)) {
		t.Fatalf("quarter = %+v", q)
	}
}
