// Package plan holds the agency's yearly PAPI plan: its sections and tasks,
// the reporting periods and recurrences that turn a task into dated
// instances, and the parser that reads a plan document into a draft.
package plan

import (
	"fmt"
	"strconv"
	"time"
)

// A PeriodKind is the length of a reporting period.
type PeriodKind string

const (
	Year     PeriodKind = "year"
	HalfYear PeriodKind = "half_year"
	Quarter  PeriodKind = "quarter"
	Month    PeriodKind = "month"
)

// A Period is a calendar year, half-year, quarter or month, keyed as DHIS2
// does: "2026", "2026S1", "2026Q3", "2026-08". N is the half, quarter or
// month within the year (1-based), and 0 for a whole year. Periods are
// comparable values; the zero Period means "no period" (a one-off task).
type Period struct {
	Kind PeriodKind
	Year int
	N    int
}

// Dates in this package are calendar dates: midnight UTC of the day. The
// caller converts an instant to its date in Asia/Ho_Chi_Minh first, so that a
// deadline never moves with the server's time zone.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// dayOf returns the calendar day of t in t's own location.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return date(y, m, d)
}

// ParsePeriod reads a period key. Years run 1900–9999 so that a typo such as
// "226Q1" is an error rather than a period two millennia ago.
func ParsePeriod(key string) (Period, error) {
	bad := func() (Period, error) {
		return Period{}, fmt.Errorf("plan: kỳ %q không hợp lệ (dạng đúng: 2026, 2026S1, 2026Q3, 2026-08)", key)
	}
	if len(key) < 4 {
		return bad()
	}
	y, err := strconv.Atoi(key[:4])
	if err != nil || y < 1900 || key[0] == '+' || key[0] == '-' {
		return bad()
	}
	rest := key[4:]
	p := Period{Year: y}
	switch {
	case rest == "":
		p.Kind = Year
		return p, nil
	case len(rest) == 2 && rest[0] == 'S':
		p.Kind, p.N = HalfYear, int(rest[1]-'0')
		if p.N < 1 || p.N > 2 {
			return bad()
		}
	case len(rest) == 2 && rest[0] == 'Q':
		p.Kind, p.N = Quarter, int(rest[1]-'0')
		if p.N < 1 || p.N > 4 {
			return bad()
		}
	case len(rest) == 3 && rest[0] == '-' && isDigit(rest[1]) && isDigit(rest[2]):
		p.Kind, p.N = Month, int(rest[1]-'0')*10+int(rest[2]-'0')
		if p.N < 1 || p.N > 12 {
			return bad()
		}
	default:
		return bad()
	}
	return p, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// String returns the period's key, the inverse of ParsePeriod.
func (p Period) String() string {
	switch p.Kind {
	case Year:
		return fmt.Sprintf("%04d", p.Year)
	case HalfYear:
		return fmt.Sprintf("%04dS%d", p.Year, p.N)
	case Quarter:
		return fmt.Sprintf("%04dQ%d", p.Year, p.N)
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	}
	return ""
}

// IsZero reports whether p is the zero Period, used for one-off tasks.
func (p Period) IsZero() bool { return p == Period{} }

// months returns how many months the period spans.
func (k PeriodKind) months() int {
	switch k {
	case Year:
		return 12
	case HalfYear:
		return 6
	case Quarter:
		return 3
	case Month:
		return 1
	}
	return 0
}

// Start returns the first day of the period.
func (p Period) Start() time.Time {
	n := p.N
	if p.Kind == Year {
		n = 1
	}
	return date(p.Year, time.Month((n-1)*p.Kind.months()+1), 1)
}

// End returns the last day of the period, inclusive: 2028-02 ends on the 29th.
func (p Period) End() time.Time {
	// The day before the first of the next period: time.Date normalises
	// day 0 to the last day of the previous month, leap years included.
	s := p.Start()
	return date(s.Year(), s.Month()+time.Month(p.Kind.months()), 0)
}

// Next returns the period of the same kind that follows p.
func (p Period) Next() Period {
	if p.Kind == Year {
		return Period{Kind: Year, Year: p.Year + 1}
	}
	per := 12 / p.Kind.months()
	if p.N == per {
		return Period{Kind: p.Kind, Year: p.Year + 1, N: 1}
	}
	return Period{Kind: p.Kind, Year: p.Year, N: p.N + 1}
}

// Contains reports whether the calendar day of t (in t's location) falls
// within the period.
func (p Period) Contains(t time.Time) bool {
	d := dayOf(t)
	return !d.Before(p.Start()) && !d.After(p.End())
}

// PeriodOf returns the period of the kind that contains the day of t, and the
// zero Period for an unknown kind.
func PeriodOf(kind PeriodKind, t time.Time) Period {
	y, m, _ := t.Date()
	switch kind {
	case Month, Quarter, HalfYear:
	case Year:
		return Period{Kind: Year, Year: y}
	default:
		return Period{}
	}
	return Period{Kind: kind, Year: y, N: (int(m)-1)/kind.months() + 1}
}

// PeriodsIn returns, in order, every period of the kind that shares at least
// one day with from..to (both inclusive): a plan running from 14 March lists
// March among its months. It returns nil when to is before from or the kind
// is unknown.
func PeriodsIn(kind PeriodKind, from, to time.Time) []Period {
	if kind.months() == 0 || dayOf(to).Before(dayOf(from)) {
		return nil
	}
	var out []Period
	last := PeriodOf(kind, to)
	for p := PeriodOf(kind, from); ; p = p.Next() {
		out = append(out, p)
		if p == last {
			return out
		}
	}
}
