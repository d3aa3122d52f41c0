// Package period reads the reporting periods people name, keyed as DHIS2
// keys them ("2026", "2026S1", "2026Q3", "2026-08") or as a span of two
// dates ("01/07/2026..15/08/2026"), into the days they cover.
package period

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/vn"
)

// A Span is the days from From to To, both included, as calendar dates
// (midnight UTC, so that a date never moves with the server's zone), with
// the key it was read from.
type Span struct {
	Key      string
	From, To time.Time
}

// Date is the calendar date y-m-d as this package keeps dates.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// DayOf is the calendar date of t in t's own location.
func DayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// Today is the calendar date of now in Vietnam.
func Today(now time.Time) time.Time { return DayOf(now.In(vn.Location())) }

// Parse reads a period key or a span "FROM..TO" of two dates (dd/mm/yyyy or
// yyyy-mm-dd). Years run 1900–9999, so that a typo such as "226Q1" is an
// error rather than a period two millennia ago. The error is in Vietnamese.
func Parse(key string) (Span, error) {
	key = strings.TrimSpace(key)
	bad := func() (Span, error) {
		return Span{}, fmt.Errorf("kỳ %q không hợp lệ (dạng đúng: 2026, 2026S1, 2026Q3, 2026-08 hoặc 01/07/2026..15/08/2026)", key)
	}
	if from, to, ok := strings.Cut(key, ".."); ok {
		f, err1 := vn.ParseDate(from)
		t, err2 := vn.ParseDate(to)
		if err1 != nil || err2 != nil || t.Before(f) {
			return bad()
		}
		return Span{Key: key, From: DayOf(f), To: DayOf(t)}, nil
	}
	if len(key) < 4 || key[0] < '0' || key[0] > '9' {
		return bad()
	}
	y, err := strconv.Atoi(key[:4])
	if err != nil || y < 1900 {
		return bad()
	}
	first := func(m time.Month) time.Time { return Date(y, m, 1) }
	months := func(from time.Month, n int) Span {
		return Span{Key: key, From: first(from), To: first(from).AddDate(0, n, -1)}
	}
	rest := key[4:]
	n := 0
	if len(rest) >= 2 {
		n, err = strconv.Atoi(rest[1:])
		if err != nil || rest[1] == '+' || rest[1] == '-' {
			return bad()
		}
	}
	switch {
	case rest == "":
		return months(1, 12), nil
	case len(rest) == 2 && rest[0] == 'S' && n >= 1 && n <= 2:
		return months(time.Month(6*(n-1)+1), 6), nil
	case len(rest) == 2 && rest[0] == 'Q' && n >= 1 && n <= 4:
		return months(time.Month(3*(n-1)+1), 3), nil
	case len(rest) == 3 && rest[0] == '-' && n >= 1 && n <= 12:
		return months(time.Month(n), 1), nil
	}
	return bad()
}

// Quarter is the quarter holding day, as a Span.
func Quarter(day time.Time) Span {
	q := (int(day.Month())-1)/3 + 1
	s, _ := Parse(fmt.Sprintf("%04dQ%d", day.Year(), q))
	return s
}

// Label names the span in Vietnamese: "năm 2026", "6 tháng đầu năm 2026",
// "quý III/2026", "tháng 8/2026", or "từ 01/07/2026 đến 15/08/2026".
func (s Span) Label() string {
	y := s.From.Year()
	full := func(months int) bool {
		return s.From.Day() == 1 && s.From.AddDate(0, months, -1).Equal(s.To)
	}
	switch {
	case s.From.Month() == 1 && full(12):
		return "năm " + strconv.Itoa(y)
	case (s.From.Month() == 1 || s.From.Month() == 7) && full(6):
		if s.From.Month() == 1 {
			return "6 tháng đầu năm " + strconv.Itoa(y)
		}
		return "6 tháng cuối năm " + strconv.Itoa(y)
	case (s.From.Month()-1)%3 == 0 && full(3):
		return "quý " + [...]string{"I", "II", "III", "IV"}[(s.From.Month()-1)/3] + "/" + strconv.Itoa(y)
	case full(1):
		return fmt.Sprintf("tháng %d/%d", s.From.Month(), y)
	}
	return "từ " + s.From.Format("02/01/2006") + " đến " + s.To.Format("02/01/2006")
}

// Contains reports whether the calendar date day falls in the span.
func (s Span) Contains(day time.Time) bool { return !day.Before(s.From) && !day.After(s.To) }
