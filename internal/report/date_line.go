package report

import (
	"fmt"
	"time"
)

// vnZone is Vietnam's civil time. Vietnam has kept UTC+7 without daylight
// saving since 1975, so a fixed zone is exact and needs no tz database.
var vnZone = time.FixedZone("ICT", 7*60*60)

// dateLine formats the place and date line of an official document:
// "Hưng Yên, ngày 05 tháng 3 năm 2026". Decree 30/2020 Appendix I writes a
// day below 10 and the months January and February with a leading zero (so
// "01" cannot be misread as "11" or "12"). The zero time leaves the day,
// month and year blank for the office to write in at signing.
//
// A teammate is adding the same formatting to platform/vn as vn.LongDate;
// once it is there, this function gives way to it.
func dateLine(place string, t time.Time) string {
	if t.IsZero() {
		return place + ", ngày      tháng      năm      "
	}
	t = t.In(vnZone)
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= time.February {
		month = fmt.Sprintf("%02d", int(t.Month()))
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, t.Day(), month, t.Year())
}
