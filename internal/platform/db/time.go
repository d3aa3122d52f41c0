package db

import (
	"database/sql"
	"fmt"
	"time"
)

// Instants are stored as UTC text with second precision on both engines
// (RFC 3339, e.g. 2026-08-14T02:30:00Z): it sorts correctly as text, dumps
// identically from either engine and needs no driver-specific types.
const timeLayout = "2006-01-02T15:04:05Z"

// Calendar dates (a due date, an issue date) are stored as YYYY-MM-DD text.
const dateLayout = "2006-01-02"

// FormatTime renders t for storage.
func FormatTime(t time.Time) string {
	return string(AppendTime(make([]byte, 0, len(timeLayout)), t))
}

// AppendTime appends FormatTime(t) to b. It writes the digits itself:
// time.Format interprets its layout on every call, which was 8 % of a bulk
// import's CPU (five instants a dossier; profiled on 03/12/2026). Years
// outside 0–9999, which the layout cannot hold in four digits, go through
// time.Format as before.
func AppendTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.Truncate(time.Second).AppendFormat(b, timeLayout)
	}
	hour, minute, second := t.Clock()
	b = appendDigits(b, year, 4)
	b = append(b, '-')
	b = appendDigits(b, int(month), 2)
	b = append(b, '-')
	b = appendDigits(b, day, 2)
	b = append(b, 'T')
	b = appendDigits(b, hour, 2)
	b = append(b, ':')
	b = appendDigits(b, minute, 2)
	b = append(b, ':')
	b = appendDigits(b, second, 2)
	return append(b, 'Z')
}

// appendDigits appends n (0 ≤ n < 10^width) in width digits, zero-padded.
func appendDigits(b []byte, n, width int) []byte {
	b = append(b, make([]byte, width)...)
	for i := len(b) - 1; i >= len(b)-width; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return b
}

// ParseTime reads an instant written by FormatTime.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("db: bad stored time %q: %w", s, err)
	}
	return t, nil
}

// NullTime renders an optional instant: the zero time is stored as NULL.
func NullTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: FormatTime(t), Valid: true}
}

// ParseNullTime reads an optional instant; NULL gives the zero time.
func ParseNullTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	return ParseTime(s.String)
}

// FormatDate renders the calendar date of t (in t's own location).
func FormatDate(t time.Time) string { return t.Format(dateLayout) }

// ParseDate reads a date written by FormatDate, as midnight in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(dateLayout, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("db: bad stored date %q: %w", s, err)
	}
	return t, nil
}

// Bool converts a Go bool to the 0/1 integer both engines store.
func Bool(b bool) int {
	if b {
		return 1
	}
	return 0
}
