package report

import (
	"time"

	"papihub/internal/platform/vn"
)

// dateLine formats the place and date line of an official document,
// "Hưng Yên, ngày 05 tháng 3 năm 2026", with the zero padding of Decree
// 30/2020 Appendix I (vn.LongDate). The zero time leaves the day, month and
// year blank for the office to write in at signing, as drafts circulated for
// signature do.
func dateLine(place string, t time.Time) string {
	if !t.IsZero() {
		return vn.LongDate(place, t)
	}
	const blank = "ngày      tháng      năm      "
	if place == "" {
		return blank
	}
	return place + ", " + blank
}
