package vn

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // servers in agencies often lack /usr/share/zoneinfo
)

// Location returns Asia/Ho_Chi_Minh, the zone every date shown to a user is in.
func Location() *time.Location { return location() }

var location = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		// Unreachable with time/tzdata embedded; UTC+7 is right since 1975.
		return time.FixedZone("ICT", 7*60*60)
	}
	return loc
})

// FormatDate formats t as dd/mm/yyyy in Vietnam's zone: 05/03/2026.
func FormatDate(t time.Time) string { return t.In(location()).Format("02/01/2006") }

// FormatDateTime formats t as dd/mm/yyyy HH:MM in Vietnam's zone, on the 24-hour
// clock: 05/03/2026 14:30.
func FormatDateTime(t time.Time) string { return t.In(location()).Format("02/01/2006 15:04") }

// ErrInvalidDate is wrapped by every error ParseDate returns.
var ErrInvalidDate = errors.New("Ngày không hợp lệ")

// ParseDate reads a date typed by a person: dd/mm/yyyy, d/m/yyyy (and the
// mixed 5/03/2026) or yyyy-mm-dd as in HTML date inputs. Surrounding space is
// ignored. It returns midnight of that day in Vietnam's zone (on 1 April 1947,
// when the clocks skipped midnight, the day starts at 01:00). The error is in
// Vietnamese, for showing next to the field.
func ParseDate(s string) (time.Time, error) {
	in := strings.TrimSpace(s)
	y, m, d, ok := splitDate(in)
	if !ok {
		return time.Time{}, fmt.Errorf("%w: %q không đúng dạng ngày/tháng/năm, ví dụ 05/03/2026", ErrInvalidDate, in)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, location())
	if y < 1 || m < 1 || m > 12 || d < 1 || t.Day() != d || t.Month() != time.Month(m) {
		return time.Time{}, fmt.Errorf("%w: không có ngày %02d/%02d/%04d", ErrInvalidDate, d, m, y)
	}
	return t, nil
}

// splitDate recognises the two accepted shapes by where the four-digit year
// stands, so 2026-03-05 and 05/03/2026 cannot be confused.
func splitDate(s string) (y, m, d int, ok bool) {
	if parts := strings.Split(s, "-"); len(parts) == 3 {
		if len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
			return 0, 0, 0, false
		}
		return digits(parts[0], parts[1], parts[2])
	}
	if parts := strings.Split(s, "/"); len(parts) == 3 {
		if !between(len(parts[0]), 1, 2) || !between(len(parts[1]), 1, 2) || len(parts[2]) != 4 {
			return 0, 0, 0, false
		}
		return digits(parts[2], parts[1], parts[0])
	}
	return 0, 0, 0, false
}

func digits(ys, ms, ds string) (y, m, d int, ok bool) {
	for _, part := range []string{ys, ms, ds} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, 0, 0, false
			}
		}
	}
	y, _ = strconv.Atoi(ys)
	m, _ = strconv.Atoi(ms)
	d, _ = strconv.Atoi(ds)
	return y, m, d, true
}

func between(n, lo, hi int) bool { return n >= lo && n <= hi }

// LongDate writes the place-and-date line of an administrative document,
// "Hưng Yên, ngày 05 tháng 3 năm 2026", in Vietnam's zone. Decree 30/2020/NĐ-CP
// (Appendix I, on the place and date of issue) requires a leading zero for
// days below 10 and for months 1 and 2, and none for the other months:
// "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026". With no place the
// line starts at "ngày".
func LongDate(place string, t time.Time) string {
	t = t.In(location())
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	date := fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
	if place = strings.TrimSpace(place); place != "" {
		return place + ", " + date
	}
	return date
}
