package tthc

import (
	"fmt"
	"time"

	"papihub/internal/platform/vn"
)

// Unit is the unit of a statutory processing time (DonViTinh).
type Unit int

const (
	UnitWorkingDays Unit = iota // ngày làm việc
	UnitDays                    // ngày (calendar days)
	UnitHours                   // giờ làm việc
	UnitMonths                  // tháng
)

// String returns the Vietnamese name of the unit.
func (u Unit) String() string {
	switch u {
	case UnitWorkingDays:
		return "ngày làm việc"
	case UnitDays:
		return "ngày"
	case UnitHours:
		return "giờ"
	case UnitMonths:
		return "tháng"
	}
	return fmt.Sprintf("đơn vị %d", int(u))
}

// ParseUnit reads a DonViTinh as the procedure catalogue writes it
// ("Ngày làm việc", "ngay", "Giờ", "Tháng"), ignoring case and diacritics.
func ParseUnit(s string) (Unit, error) {
	switch vn.Fold(s) {
	case "ngay lam viec", "ngay lv":
		return UnitWorkingDays, nil
	case "ngay":
		return UnitDays, nil
	case "gio", "gio lam viec":
		return UnitHours, nil
	case "thang":
		return UnitMonths, nil
	}
	return 0, fmt.Errorf("đơn vị tính thời hạn %q không rõ (giờ, ngày, ngày làm việc, tháng)", s)
}

// ProcessingTime is a procedure's statutory processing time.
type ProcessingTime struct {
	Amount int
	Unit   Unit
}

// Zero reports whether no statutory time is known.
func (p ProcessingTime) Zero() bool { return p.Amount == 0 && p.Unit == UnitWorkingDays }

func (p ProcessingTime) String() string { return fmt.Sprintf("%d %s", p.Amount, p.Unit) }

// Due returns when a processing time started at start runs out:
//   - working days: the close of the amount-th working day after start's day;
//   - hours: amount office hours counted from start, skipping closed time;
//   - days and months: the close of the corresponding day (Civil Code 2015
//     art. 147–148: a month ends on the same day number of the last month, or
//     that month's last day if it has none), moved to the close of the next
//     working day when it falls on a day off (art. 148.5).
//
// Start is taken as given: apply Calendar.ProcessingStart first for the
// out-of-hours online rule.
func Due(cal *Calendar, start time.Time, amount int, unit Unit) time.Time {
	day := DayOf(start)
	closeOf := func(d Day) time.Time { return d.At(0, 0).Add(cal.WorkEnd) }
	switch unit {
	case UnitHours:
		return addOfficeHours(cal, start, time.Duration(amount)*time.Hour)
	case UnitDays:
		return closeOf(cal.AddWorkingDays(day+Day(amount), 0))
	case UnitMonths:
		y, m, d := day.Date()
		target := time.Date(y, m+time.Month(amount), 1, 0, 0, 0, 0, time.UTC)
		last := time.Date(target.Year(), target.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d > last {
			d = last
		}
		return closeOf(cal.AddWorkingDays(DateDay(target.Year(), target.Month(), d), 0))
	default:
		return closeOf(cal.AddWorkingDays(day, amount))
	}
}

// addOfficeHours moves forward through office hours only.
func addOfficeHours(cal *Calendar, t time.Time, left time.Duration) time.Time {
	if cal.WorkEnd <= cal.WorkStart {
		return t.Add(left) // no office hours configured: count clock hours
	}
	t = cal.NextOpening(t)
	for {
		d := DayOf(t)
		closing := d.At(0, 0).Add(cal.WorkEnd)
		if avail := closing.Sub(t); left <= avail {
			return t.Add(left)
		} else {
			left -= avail
		}
		t = cal.NextWorkingDay(d).At(0, 0).Add(cal.WorkStart)
	}
}
