package plan

import (
	"reflect"
	"testing"
	"time"
)

// day reads "2026-08-14" as a calendar date, failing the test on a typo.
func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParsePeriodGivesTheFirstAndLastDay(t *testing.T) {
	for _, tc := range []struct {
		key        string
		kind       PeriodKind
		start, end string
	}{
		{"2026", Year, "2026-01-01", "2026-12-31"},
		{"2026S1", HalfYear, "2026-01-01", "2026-06-30"},
		{"2026S2", HalfYear, "2026-07-01", "2026-12-31"},
		{"2026Q1", Quarter, "2026-01-01", "2026-03-31"},
		{"2026Q3", Quarter, "2026-07-01", "2026-09-30"},
		{"2026Q4", Quarter, "2026-10-01", "2026-12-31"},
		{"2026-01", Month, "2026-01-01", "2026-01-31"},
		{"2026-02", Month, "2026-02-01", "2026-02-28"},
		{"2028-02", Month, "2028-02-01", "2028-02-29"}, // leap year
		{"2100-02", Month, "2100-02-01", "2100-02-28"}, // century, not a leap year
		{"2000-02", Month, "2000-02-01", "2000-02-29"}, // divisible by 400: leap
		{"2026-04", Month, "2026-04-01", "2026-04-30"},
		{"2026-12", Month, "2026-12-01", "2026-12-31"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			p, err := ParsePeriod(tc.key)
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind != tc.kind || !p.Start().Equal(day(t, tc.start)) || !p.End().Equal(day(t, tc.end)) {
				t.Fatalf("%s: %s %s..%s, want %s %s..%s", tc.key, p.Kind, p.Start().Format(time.DateOnly), p.End().Format(time.DateOnly), tc.kind, tc.start, tc.end)
			}
			if p.String() != tc.key {
				t.Fatalf("String() = %q, want %q", p.String(), tc.key)
			}
		})
	}
}

func TestParsePeriodRejectsMalformedKeys(t *testing.T) {
	for _, key := range []string{"", "26", "226Q1", "2026Q0", "2026Q5", "2026S3", "2026-00", "2026-13",
		"2026-1", "2026q3", "2026W05", "2026-08-01", "-026", "+026", "abcd", "2026 ", "1899"} {
		if p, err := ParsePeriod(key); err == nil {
			t.Errorf("ParsePeriod(%q) = %v, want an error", key, p)
		}
	}
}

func TestNextCrossesTheYearBoundary(t *testing.T) {
	for _, tc := range []struct{ from, want string }{
		{"2026", "2027"},
		{"2026S1", "2026S2"},
		{"2026S2", "2027S1"},
		{"2026Q3", "2026Q4"},
		{"2026Q4", "2027Q1"},
		{"2026-11", "2026-12"},
		{"2026-12", "2027-01"},
	} {
		p, _ := ParsePeriod(tc.from)
		if got := p.Next().String(); got != tc.want {
			t.Errorf("%s.Next() = %s, want %s", tc.from, got, tc.want)
		}
	}
}

func TestContainsComparesCalendarDaysInclusive(t *testing.T) {
	q3, _ := ParsePeriod("2026Q3")
	hcm := time.FixedZone("ICT", 7*3600)
	for _, tc := range []struct {
		name string
		at   time.Time
		want bool
	}{
		{"first day", day(t, "2026-07-01"), true},
		{"last day", day(t, "2026-09-30"), true},
		{"last day late evening in Hanoi", time.Date(2026, 9, 30, 23, 59, 0, 0, hcm), true},
		{"day after", day(t, "2026-10-01"), false},
		{"day before", day(t, "2026-06-30"), false},
		// 1 October 01:00 in Hanoi is still 30 September in UTC: the day
		// that counts is the one the caller's clock shows.
		{"just after midnight in Hanoi on 1 October", time.Date(2026, 10, 1, 1, 0, 0, 0, hcm), false},
	} {
		if got := q3.Contains(tc.at); got != tc.want {
			t.Errorf("%s: Contains = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPeriodsInListsEveryPeriodTouchingTheRange(t *testing.T) {
	for _, tc := range []struct {
		name     string
		kind     PeriodKind
		from, to string
		want     []string
	}{
		{"months of a plan issued mid-March", Month, "2026-03-14", "2026-06-30", []string{"2026-03", "2026-04", "2026-05", "2026-06"}},
		{"quarters across new year", Quarter, "2026-11-15", "2027-02-01", []string{"2026Q4", "2027Q1"}},
		{"half-years of a year", HalfYear, "2026-01-01", "2026-12-31", []string{"2026S1", "2026S2"}},
		{"a single day", Month, "2028-02-29", "2028-02-29", []string{"2028-02"}},
		{"years", Year, "2025-12-31", "2027-01-01", []string{"2025", "2026", "2027"}},
		{"reversed range", Month, "2026-05-01", "2026-04-01", nil},
		{"unknown kind", PeriodKind("week"), "2026-05-01", "2026-06-01", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range PeriodsIn(tc.kind, day(t, tc.from), day(t, tc.to)) {
				got = append(got, p.String())
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}
