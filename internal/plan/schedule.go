package plan

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/vn"
)

// DefaultRecurrence is the schedule of a task whose plan gives no deadline,
// as in the seed: ongoing work (thường xuyên) that the office reports on
// every quarter, due on the last day of the quarter.
var DefaultRecurrence = Recurrence{Frequency: Continuous, ReportEvery: Quarter}

var (
	dueQuarter = regexp.MustCompile(`^quy\s+(i{1,3}|iv|[1-4])\s*(?:/|nam\s+)?\s*(\d{4})?$`)
	dueHalf    = regexp.MustCompile(`^(6 thang dau nam|6 thang cuoi nam)\s*(?:/|nam\s+)?\s*(\d{4})?$`)
	dueMonth   = regexp.MustCompile(`^thang\s+(\d{1,2})\s*(?:/|nam\s+)\s*(\d{4})$`)
)

// ParseDue turns a deadline as plans write it ("Thường xuyên", "Hằng quý",
// "Quý II/2024", "30/6/2024", "Tháng 9/2026") into a schedule. year is the
// plan's year, for phrases without one ("Quý II"). ok is false when the text
// is not understood; the caller then reports it and uses DefaultRecurrence.
// An empty text gives DefaultRecurrence with ok true: the seed's tasks have
// no deadline because they are ongoing.
func ParseDue(text string, year int) (Recurrence, bool) {
	f := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(vn.Fold(text)), "."))
	f = strings.Join(strings.Fields(f), " ")
	switch f {
	case "":
		return DefaultRecurrence, true
	case "thuong xuyen", "thuong xuyen, lien tuc", "lien tuc", "ca nam", "trong nam":
		return DefaultRecurrence, true
	case "hang thang", "hang thang (truoc ngay cuoi thang)":
		return Recurrence{Frequency: Monthly}, true
	case "hang quy", "dinh ky hang quy":
		return Recurrence{Frequency: Quarterly}, true
	case "6 thang", "hang 6 thang", "6 thang/lan", "dinh ky 6 thang":
		return Recurrence{Frequency: HalfYearly}, true
	case "hang nam", "dinh ky hang nam":
		return Recurrence{Frequency: Yearly}, true
	}
	if t, err := vn.ParseDate(f); err == nil {
		return Recurrence{Frequency: Once, Due: date(t.Year(), t.Month(), t.Day())}, true
	}
	yearOf := func(s string) int {
		if s == "" {
			return year
		}
		y, _ := strconv.Atoi(s)
		return y
	}
	if m := dueQuarter.FindStringSubmatch(f); m != nil {
		q := map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[m[1]]
		p := Period{Kind: Quarter, Year: yearOf(m[2]), N: q}
		return Recurrence{Frequency: Once, Due: p.End()}, true
	}
	if m := dueHalf.FindStringSubmatch(f); m != nil {
		n := 1
		if strings.Contains(m[1], "cuoi") {
			n = 2
		}
		p := Period{Kind: HalfYear, Year: yearOf(m[2]), N: n}
		return Recurrence{Frequency: Once, Due: p.End()}, true
	}
	if m := dueMonth.FindStringSubmatch(f); m != nil {
		mo, _ := strconv.Atoi(m[1])
		if mo >= 1 && mo <= 12 {
			p := Period{Kind: Month, Year: yearOf(m[2]), N: mo}
			return Recurrence{Frequency: Once, Due: p.End()}, true
		}
	}
	return DefaultRecurrence, false
}

// PlanInstances returns the instances a task's schedule yields over the
// plan's year. A one-off task always yields its one instance, even when the
// deadline falls early in the next year (a report due in January).
func PlanInstances(rec Recurrence, year int) []Instance {
	if rec.Frequency == Once {
		return Instances(rec, rec.Due, rec.Due)
	}
	return Instances(rec, date(year, time.January, 1), date(year, time.December, 31))
}
