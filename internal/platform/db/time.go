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
func FormatTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(timeLayout) }

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
