package tthc

import (
	"reflect"
	"testing"
)

func TestSpansReadTheCoarsestRowsThatCoverTheDays(t *testing.T) {
	day := func(s string) Day {
		d, err := ParseDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	y := func(lo, hi string) aggSpan { return aggSpan{"tthc_yearly", "year", lo, hi} }
	m := func(lo, hi string) aggSpan { return aggSpan{"tthc_monthly", "month", lo, hi} }
	d := func(lo, hi string) aggSpan { return aggSpan{"tthc_daily", "day", lo, hi} }
	for _, tc := range []struct {
		name           string
		from, to       string
		period, before []aggSpan
	}{
		{"a month", "2026-05-01", "2026-05-31",
			[]aggSpan{m("2026-05", "2026-05")}, []aggSpan{y("0000", "2025"), m("2026-01", "2026-04")}},
		{"January has no month of its year before it", "2026-01-01", "2026-01-31",
			[]aggSpan{m("2026-01", "2026-01")}, []aggSpan{y("0000", "2025")}},
		{"a quarter", "2026-04-01", "2026-06-30",
			[]aggSpan{m("2026-04", "2026-06")}, []aggSpan{y("0000", "2025"), m("2026-01", "2026-03")}},
		{"a year", "2026-01-01", "2026-12-31",
			[]aggSpan{y("2026", "2026")}, []aggSpan{y("0000", "2025")}},
		{"one day", "2026-03-10", "2026-03-10",
			[]aggSpan{d("2026-03-10", "2026-03-10")}, []aggSpan{y("0000", "2025"), m("2026-01", "2026-02"), d("2026-03-01", "2026-03-09")}},
		{"the first day of a month is a day, not a month", "2026-03-01", "2026-03-01",
			[]aggSpan{d("2026-03-01", "2026-03-01")}, []aggSpan{y("0000", "2025"), m("2026-01", "2026-02")}},
		{"days of two months are one run of days", "2026-03-10", "2026-04-20",
			[]aggSpan{d("2026-03-10", "2026-04-20")}, []aggSpan{y("0000", "2025"), m("2026-01", "2026-02"), d("2026-03-01", "2026-03-09")}},
		{"days, whole months, days", "2026-01-15", "2026-04-20",
			[]aggSpan{d("2026-01-15", "2026-01-31"), m("2026-02", "2026-03"), d("2026-04-01", "2026-04-20")},
			[]aggSpan{y("0000", "2025"), d("2026-01-01", "2026-01-14")}},
		{"months across a new year", "2025-11-01", "2026-02-28",
			[]aggSpan{m("2025-11", "2026-02")}, []aggSpan{y("0000", "2024"), m("2025-01", "2025-10")}},
		{"months, a whole year, months", "2024-11-01", "2026-02-28",
			[]aggSpan{m("2024-11", "2024-12"), y("2025", "2025"), m("2026-01", "2026-02")}, []aggSpan{y("0000", "2023"), m("2024-01", "2024-10")}},
		{"two whole years", "2025-01-01", "2026-12-31",
			[]aggSpan{y("2025", "2026")}, []aggSpan{y("0000", "2024")}},
		{"a year and days of the next", "2025-01-01", "2026-01-10",
			[]aggSpan{y("2025", "2025"), d("2026-01-01", "2026-01-10")}, []aggSpan{y("0000", "2024")}},
		{"to the end of February in a leap year", "2028-02-01", "2028-02-29",
			[]aggSpan{m("2028-02", "2028-02")}, []aggSpan{y("0000", "2027"), m("2028-01", "2028-01")}},
		{"a leap year's February without its last day", "2028-02-01", "2028-02-28",
			[]aggSpan{d("2028-02-01", "2028-02-28")}, []aggSpan{y("0000", "2027"), m("2028-01", "2028-01")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := spansOf(day(tc.from), day(tc.to)); !reflect.DeepEqual(got, tc.period) {
				t.Errorf("spansOf = %v, want %v", got, tc.period)
			}
			if got := spansBefore(day(tc.from)); !reflect.DeepEqual(got, tc.before) {
				t.Errorf("spansBefore = %v, want %v", got, tc.before)
			}
		})
	}
}

func TestOverdueSpansReadTheFewerRowsBeforeOrAfter(t *testing.T) {
	y := func(lo, hi string) aggSpan { return aggSpan{"tthc_yearly", "year", lo, hi} }
	m := func(lo, hi string) aggSpan { return aggSpan{"tthc_monthly", "month", lo, hi} }
	d := func(lo, hi string) aggSpan { return aggSpan{"tthc_daily", "day", lo, hi} }
	for _, tc := range []struct {
		from          string
		add, subtract []aggSpan
	}{
		{"2026-01-01", []aggSpan{y("0000", "2025")}, nil},
		{"2026-05-01", []aggSpan{y("0000", "2025"), m("2026-01", "2026-04")}, nil},
		// six months before, six after and the year's row: before
		{"2026-07-01", []aggSpan{y("0000", "2025"), m("2026-01", "2026-06")}, nil},
		{"2026-08-01", []aggSpan{y("0000", "2026")}, []aggSpan{m("2026-08", "2026-12")}},
		{"2026-12-01", []aggSpan{y("0000", "2026")}, []aggSpan{m("2026-12", "2026-12")}},
		{"2026-12-20", []aggSpan{y("0000", "2026")}, []aggSpan{d("2026-12-20", "2026-12-31")}},
		{"2026-03-10", []aggSpan{y("0000", "2025"), m("2026-01", "2026-02"), d("2026-03-01", "2026-03-09")}, nil},
	} {
		from, err := ParseDay(tc.from)
		if err != nil {
			t.Fatal(err)
		}
		add, subtract := overdueSpans(from)
		if !reflect.DeepEqual(add, tc.add) || !reflect.DeepEqual(subtract, tc.subtract) {
			t.Errorf("%s: add %v subtract %v, want %v and %v", tc.from, add, subtract, tc.add, tc.subtract)
		}
	}
}

func TestOverdueAfterReadsTheFewerRowsAfterTheEnd(t *testing.T) {
	y := func(lo, hi string) aggSpan { return aggSpan{"tthc_yearly", "year", lo, hi} }
	m := func(lo, hi string) aggSpan { return aggSpan{"tthc_monthly", "month", lo, hi} }
	d := func(lo, hi string) aggSpan { return aggSpan{"tthc_daily", "day", lo, hi} }
	for _, tc := range []struct {
		to            string
		subtract, add []aggSpan
	}{
		{"2026-12-31", []aggSpan{y("2027", "9999")}, nil},
		{"2026-11-30", []aggSpan{y("2027", "9999"), m("2026-12", "2026-12")}, nil},
		// six months after against six before and the year's row: after
		{"2026-06-30", []aggSpan{y("2027", "9999"), m("2026-07", "2026-12")}, nil},
		{"2026-05-31", []aggSpan{y("2026", "9999")}, []aggSpan{m("2026-01", "2026-05")}},
		{"2026-03-09", []aggSpan{y("2026", "9999")}, []aggSpan{m("2026-01", "2026-02"), d("2026-03-01", "2026-03-09")}},
	} {
		to, err := ParseDay(tc.to)
		if err != nil {
			t.Fatal(err)
		}
		subtract, add := overdueAfter(to)
		if !reflect.DeepEqual(subtract, tc.subtract) || !reflect.DeepEqual(add, tc.add) {
			t.Errorf("%s: subtract %v add %v, want %v and %v", tc.to, subtract, add, tc.subtract, tc.add)
		}
	}
}

func TestKeysStoredCountsOnlyTheYearsStored(t *testing.T) {
	y := func(lo, hi string) aggSpan { return aggSpan{"tthc_yearly", "year", lo, hi} }
	m := aggSpan{"tthc_monthly", "month", "2026-01", "2026-04"}
	for _, tc := range []struct {
		spans       []aggSpan
		first, last int
		want        int
	}{
		{[]aggSpan{y("0000", "2025"), m}, 2017, 2027, 9 + 4},
		{[]aggSpan{y("2027", "9999")}, 2017, 2027, 1},
		{[]aggSpan{y("2027", "9999")}, 2026, 2026, 0},
		{[]aggSpan{y("0000", "2025")}, 1, 0, 0}, // nothing stored
	} {
		if got := keysStored(tc.spans, tc.first, tc.last); got != tc.want {
			t.Errorf("%v over %d–%d: %d keys, want %d", tc.spans, tc.first, tc.last, got, tc.want)
		}
	}
}
