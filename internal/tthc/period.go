package tthc

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is how a reporting period was named.
type PeriodKind string

const (
	PeriodMonth   PeriodKind = "month"
	PeriodQuarter PeriodKind = "quarter"
	PeriodYear    PeriodKind = "year"
	PeriodRange   PeriodKind = "range"
)

// Period is a range of days, inclusive, that the index is computed over.
type Period struct {
	Kind     PeriodKind `json:"kind"`
	From, To Day        `json:"-"`
}

// ParsePeriod reads 2026-08 (a month), 2026Q3 (a quarter), 2026 (a year) or
// 2026-01-05..2026-02-10 (a custom range of days, inclusive).
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("kỳ %q không đúng dạng: 2026-08 (tháng), 2026Q3 (quý), 2026 (năm) hoặc 2026-01-05..2026-02-10", s)
	if a, b, ok := strings.Cut(s, ".."); ok {
		from, err1 := ParseDay(strings.TrimSpace(a))
		to, err2 := ParseDay(strings.TrimSpace(b))
		if err1 != nil || err2 != nil || to < from {
			return Period{}, bad
		}
		return Period{Kind: PeriodRange, From: from, To: to}, nil
	}
	year := func(y string) (int, bool) {
		n, err := strconv.Atoi(y)
		return n, err == nil && len(y) == 4 && n >= 2000 && n <= 2100
	}
	switch {
	case len(s) == 4:
		if y, ok := year(s); ok {
			return yearPeriod(y), nil
		}
	case len(s) == 6 && (s[4] == 'Q' || s[4] == 'q'):
		y, ok := year(s[:4])
		q := int(s[5] - '0')
		if ok && q >= 1 && q <= 4 {
			return quarterPeriod(y, q), nil
		}
	case len(s) == 7 && s[4] == '-':
		y, ok := year(s[:4])
		m, err := strconv.Atoi(s[5:])
		if ok && err == nil && m >= 1 && m <= 12 {
			return monthPeriod(y, time.Month(m)), nil
		}
	}
	return Period{}, bad
}

func monthPeriod(y int, m time.Month) Period {
	return Period{Kind: PeriodMonth, From: DateDay(y, m, 1), To: DateDay(y, m+1, 1) - 1}
}

func quarterPeriod(y, q int) Period {
	m := time.Month(3*(q-1) + 1)
	return Period{Kind: PeriodQuarter, From: DateDay(y, m, 1), To: DateDay(y, m+3, 1) - 1}
}

func yearPeriod(y int) Period {
	return Period{Kind: PeriodYear, From: DateDay(y, 1, 1), To: DateDay(y+1, 1, 1) - 1}
}

// MonthOf is the month containing t.
func MonthOf(t time.Time) Period {
	y, m, _ := DayOf(t).Date()
	return monthPeriod(y, m)
}

// String writes the period as ParsePeriod reads it.
func (p Period) String() string {
	y, m, _ := p.From.Date()
	switch p.Kind {
	case PeriodMonth:
		return fmt.Sprintf("%04d-%02d", y, int(m))
	case PeriodQuarter:
		return fmt.Sprintf("%04dQ%d", y, (int(m)-1)/3+1)
	case PeriodYear:
		return fmt.Sprintf("%04d", y)
	}
	return p.From.String() + ".." + p.To.String()
}

// Label names the period in Vietnamese.
func (p Period) Label() string {
	y, m, _ := p.From.Date()
	switch p.Kind {
	case PeriodMonth:
		return fmt.Sprintf("Tháng %02d/%04d", int(m), y)
	case PeriodQuarter:
		return fmt.Sprintf("Quý %s/%04d", []string{"I", "II", "III", "IV"}[(int(m)-1)/3], y)
	case PeriodYear:
		return fmt.Sprintf("Năm %04d", y)
	}
	return p.From.VN() + " – " + p.To.VN()
}

// End is the last instant of the period, at which open dossiers are judged.
func (p Period) End() time.Time { return (p.To + 1).At(0, 0).Add(-time.Second) }

// Months returns the first and last month (YYYY-MM) when the period is made
// of whole calendar months, so the monthly aggregates answer it.
func (p Period) Months() (from, to string, ok bool) {
	_, _, d1 := p.From.Date()
	_, _, d2 := (p.To + 1).Date()
	if d1 != 1 || d2 != 1 {
		return "", "", false
	}
	return p.From.String()[:7], p.To.String()[:7], true
}

// Years returns the first and last year (YYYY) when the period is made of
// whole calendar years, so the yearly aggregates answer it.
func (p Period) Years() (from, to string, ok bool) {
	_, m1, d1 := p.From.Date()
	_, m2, d2 := (p.To + 1).Date()
	if d1 != 1 || d2 != 1 || m1 != time.January || m2 != time.January {
		return "", "", false
	}
	return p.From.String()[:4], p.To.String()[:4], true
}

// Trend returns n periods of the same kind ending with p, oldest first; a
// custom range is followed month by month.
func (p Period) Trend(n int) []Period {
	out := make([]Period, n)
	cur := p
	if p.Kind == PeriodRange {
		y, m, _ := p.To.Date()
		cur = monthPeriod(y, m)
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = cur
		cur = cur.previous()
	}
	return out
}

func (p Period) previous() Period {
	y, m, _ := p.From.Date()
	switch p.Kind {
	case PeriodQuarter:
		if m == 1 {
			return quarterPeriod(y-1, 4)
		}
		return quarterPeriod(y, (int(m)-1)/3)
	case PeriodYear:
		return yearPeriod(y - 1)
	}
	if m == 1 {
		return monthPeriod(y-1, 12)
	}
	return monthPeriod(y, m-1)
}

// MarshalText writes the period as text for JSON.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }
