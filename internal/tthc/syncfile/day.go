// Package syncfile reads the dossier files of the national sync payload
// (Circular 04/2025/TT-VPCP) — CSV, XLSX and JSON lines — into records, and
// holds the pure values they produce: the dossier code, calendar days in
// Vietnam time, statuses, events and supplements, and the dossier itself.
// It imports no database driver, so its tests and fuzz targets link small:
// `go test -fuzz` instruments every linked package, and with SQLite and pgx
// in the binary saving coverage after each input took milliseconds. Package
// tthc re-exports these names.
package syncfile

import (
	"fmt"
	"time"
	_ "time/tzdata" // the binary must know Asia/Ho_Chi_Minh on any host
)

// Location is Vietnam's time zone. The national sync payload (Circular
// 04/2025/TT-VPCP) writes every date in it, and every calendar day in this
// package is a day in it.
var Location = mustLoadLocation("Asia/Ho_Chi_Minh")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("tthc: " + err.Error())
	}
	return loc
}

// Day is a calendar day in Vietnam, counted from 1970-01-01. It is small and
// comparable so that the calendar, the on-time rule and the daily aggregates
// can use it as a map key and do arithmetic on it.
type Day int32

// DayOf returns the Vietnamese calendar day that contains t.
func DayOf(t time.Time) Day {
	y, m, d := t.In(Location).Date()
	return DateDay(y, m, d)
}

// DateDay returns the day of a civil date.
func DateDay(y int, m time.Month, d int) Day {
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDay reads a date written YYYY-MM-DD.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("ngày %q không đúng dạng YYYY-MM-DD", s)
	}
	return DateDay(t.Date()), nil
}

// Date returns the civil date of the day.
func (d Day) Date() (int, time.Month, int) {
	return time.Unix(int64(d)*86400, 0).UTC().Date()
}

// At returns the instant at hh:mm on the day in Vietnam.
func (d Day) At(hour, min int) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, hour, min, 0, 0, Location)
}

// Weekday returns the day of the week (1970-01-01 was a Thursday).
func (d Day) Weekday() time.Weekday {
	return time.Weekday(((int(d) % 7) + 7 + 4) % 7)
}

// String writes the day as YYYY-MM-DD.
func (d Day) String() string {
	y, m, dd := d.Date()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd)
	}
	// By hand, not fmt: an import writes a few days per dossier.
	b := [10]byte{'0', '0', '0', '0', '-', '0', '0', '-', '0', '0'}
	putDigits(b[0:4], y)
	putDigits(b[5:7], int(m))
	putDigits(b[8:10], dd)
	return string(b[:])
}

// VN writes the day as dd/mm/yyyy, the form officials read.
func (d Day) VN() string {
	y, m, dd := d.Date()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%02d/%02d/%04d", dd, int(m), y)
	}
	b := [10]byte{'0', '0', '/', '0', '0', '/', '0', '0', '0', '0'}
	putDigits(b[0:2], dd)
	putDigits(b[3:5], int(m))
	putDigits(b[6:10], y)
	return string(b[:])
}

// putDigits writes n, zero-padded, into all of b.
func putDigits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}
