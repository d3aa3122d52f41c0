package tthc

import (
	"fmt"
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
		way           overdueWay
		add, subtract []aggSpan
	}{
		{"2026-01-01", overdueFromYears, []aggSpan{y("0000", "2025")}, nil},
		{"2026-05-01", overdueFromYears, []aggSpan{y("0000", "2025"), m("2026-01", "2026-04")}, nil},
		// six months before, six after and the year's row: before
		{"2026-07-01", overdueFromYears, []aggSpan{y("0000", "2025"), m("2026-01", "2026-06")}, nil},
		{"2026-08-01", overdueFromYears, []aggSpan{y("0000", "2026")}, []aggSpan{m("2026-08", "2026-12")}},
		{"2026-12-01", overdueFromYears, []aggSpan{y("0000", "2026")}, []aggSpan{m("2026-12", "2026-12")}},
		{"2026-12-20", overdueFromYears, []aggSpan{y("0000", "2026")}, []aggSpan{d("2026-12-20", "2026-12-31")}},
		{"2026-03-10", overdueFromYears, []aggSpan{y("0000", "2025"), m("2026-01", "2026-02"), d("2026-03-01", "2026-03-09")}, nil},
		// the running total less the years after the ones above
		{"2026-01-01", overdueFromTotal, nil, []aggSpan{y("2026", "9999")}},
		{"2026-05-01", overdueFromTotal, []aggSpan{m("2026-01", "2026-04")}, []aggSpan{y("2026", "9999")}},
		{"2026-12-01", overdueFromTotal, nil, []aggSpan{y("2027", "9999"), m("2026-12", "2026-12")}},
		{"2026-12-20", overdueFromTotal, nil, []aggSpan{y("2027", "9999"), d("2026-12-20", "2026-12-31")}},
	} {
		from, err := ParseDay(tc.from)
		if err != nil {
			t.Fatal(err)
		}
		r := overdueSpans(from, tc.way)
		if fmt.Sprint(r.add) != fmt.Sprint(tc.add) || fmt.Sprint(r.subtract) != fmt.Sprint(tc.subtract) || r.total != (tc.way == overdueFromTotal) {
			t.Errorf("%s way %d: add %v subtract %v total %v, want %v and %v", tc.from, tc.way, r.add, r.subtract, r.total, tc.add, tc.subtract)
		}
	}
}
