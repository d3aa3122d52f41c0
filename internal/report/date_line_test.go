package report

import (
	"testing"
	"time"
)

func TestTheDateLineFollowsDecree30(t *testing.T) {
	for _, c := range []struct {
		name  string
		place string
		at    time.Time
		want  string
	}{
		{"a day below ten is padded", "Hưng Yên", day("2026-03-05"), "Hưng Yên, ngày 05 tháng 3 năm 2026"},
		{"January and February are padded", "Hưng Yên", day("2026-02-09"), "Hưng Yên, ngày 09 tháng 02 năm 2026"},
		{"an instant is dated in Vietnam", "Hưng Yên", time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC), "Hưng Yên, ngày 05 tháng 3 năm 2026"},
		{"an unsigned document leaves the date blank", "Hưng Yên", time.Time{}, "Hưng Yên, ngày      tháng      năm      "},
		{"without a place the line starts at the day", "", time.Time{}, "ngày      tháng      năm      "},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := dateLine(c.place, c.at); got != c.want {
				t.Errorf("dateLine = %q, want %q", got, c.want)
			}
		})
	}
}
