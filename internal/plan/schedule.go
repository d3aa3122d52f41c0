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
	dueQuarter   = regexp.MustCompile(`^quy\s*(i{1,3}|iv|[1-4])\s*(?:(?:/|nam\s*|-)\s*(\d{4}))?$`)
	dueHalf      = regexp.MustCompile(`^(6 thang dau nam|6 thang cuoi nam|6 thang dau|6 thang cuoi)\s*(?:(?:/|nam\s*)\s*(\d{4}))?$`)
	dueMonth     = regexp.MustCompile(`^thang\s*(\d{1,2})\s*(?:(?:/|nam\s*|-)\s*(\d{4}))?$`)
	dueDayOnly   = regexp.MustCompile(`^(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})$`)
	dueDMY       = regexp.MustCompile(`^(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$`)
	dueWordy     = regexp.MustCompile(`^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})(?:\s*nam\s*(\d{4}))?$`)
	dueMY        = regexp.MustCompile(`^(\d{1,2})\s*/\s*(\d{4})$`)
	dueYear      = regexp.MustCompile(`^(?:nam\s*)?(\d{4})$`)
	dueDayNumber = regexp.MustCompile(`^(\d{1,2})$`)
	dueHasYear   = regexp.MustCompile(`\d{4}`)
	dueOngoing   = regexp.MustCompile(`^nam\s*(\d{4})\s*(?:va|,)\s*(?:cac|nhung)\s*nam\s*(?:tiep theo|sau|tiep)$`)
)

// duePrefixes are words before the deadline proper: labels and
// prepositions ("Thời gian: trước ngày 30/6", "hoàn thành trong quý II").
var duePrefixes = []string{"thoi gian hoan thanh", "thoi gian thuc hien", "thoi han hoan thanh", "han hoan thanh", "thoi gian",
	"thoi han", "tien do", "hoan thanh xong", "hoan thanh", "xong", "cham nhat la", "cham nhat", "truoc ngay", "truoc",
	"trong", "vao", "den het", "den", "ngay", ":", "-"}

// ParseDue turns a deadline as plans write it into a schedule: "Thường
// xuyên", "Hằng quý", "định kỳ hằng quý", "Quý II/2026", "30/6/2026", "trước
// ngày 30/6", "trong tháng 3/2026", "Tháng 9/2026", "6 tháng đầu năm",
// "tháng 10 hằng năm", "trước 15/12 hằng năm", "Quý I hằng năm", "tháng 6 và
// tháng 12 hằng năm", "năm 2026 và các năm tiếp theo". year is the plan's
// year, for phrases without one ("Quý II", "trước ngày 30/6"). A day of the
// year repeated every year ("trước 15/12 hằng năm") is a yearly schedule
// with the offset from 31 December of the plan's year. ok is false when the
// text is not understood; the caller then reports it and uses
// DefaultRecurrence. An empty text gives DefaultRecurrence with ok true: the
// seed's tasks have no deadline because they are ongoing.
func ParseDue(text string, year int) (Recurrence, bool) {
	f := strings.Join(strings.Fields(vn.Fold(text)), " ")
	f = strings.TrimSpace(strings.Trim(f, ".;,()"))
	if strings.HasPrefix(f, "thuong xuyen") || strings.HasPrefix(f, "lien tuc") {
		rec := DefaultRecurrence
		switch {
		case strings.Contains(f, "hang thang"):
			rec.ReportEvery = Month
		case strings.Contains(f, "6 thang"):
			rec.ReportEvery = HalfYear
		case strings.Contains(f, "hang nam"):
			rec.ReportEvery = Year
		}
		return rec, true
	}
	f = stripDuePrefixes(f)
	switch f {
	case "":
		return DefaultRecurrence, true
	case "ca nam", "trong nam", "nam", "hang ngay":
		return DefaultRecurrence, true
	case "hang thang", "dinh ky hang thang", "moi thang":
		return Recurrence{Frequency: Monthly}, true
	case "hang quy", "dinh ky hang quy", "moi quy", "theo quy":
		return Recurrence{Frequency: Quarterly}, true
	case "6 thang", "hang 6 thang", "6 thang/lan", "6 thang mot lan", "dinh ky 6 thang", "dinh ky 6 thang/lan", "6 thang va ca nam":
		return Recurrence{Frequency: HalfYearly}, true
	case "hang nam", "dinh ky hang nam", "moi nam", "thang 6 va thang 12 hang nam":
		if strings.HasPrefix(f, "thang 6") {
			return Recurrence{Frequency: HalfYearly}, true
		}
		return Recurrence{Frequency: Yearly}, true
	}
	for _, every := range []struct {
		prefix string
		freq   Frequency
	}{{"hang thang ", Monthly}, {"hang quy ", Quarterly}, {"hang nam ", Yearly}} {
		// "Hằng tháng (trước ngày cuối tháng)": the note does not change it.
		if rest, ok := strings.CutPrefix(f, every.prefix); ok && strings.HasPrefix(rest, "(") {
			return Recurrence{Frequency: every.freq}, true
		}
	}
	if m := dueOngoing.FindStringSubmatch(f); m != nil {
		return Recurrence{Frequency: Yearly}, true
	}
	for _, every := range []string{" hang nam", " moi nam"} {
		if core, ok := strings.CutSuffix(f, every); ok {
			return yearlyAt(stripDuePrefixes(strings.TrimSpace(core)), year)
		}
	}
	if core, ok := strings.CutSuffix(f, " hang thang"); ok {
		// "trước ngày 05 hằng tháng": the report on a month is due on that
		// day of the next month (see Recurrence). A later day of the same
		// month cannot be said with an offset from the month's end.
		if m := dueDayNumber.FindStringSubmatch(stripDuePrefixes(core)); m != nil {
			if d, _ := strconv.Atoi(m[1]); d >= 1 && d <= 10 {
				return Recurrence{Frequency: Monthly, OffsetDays: d}, true
			}
		}
		return DefaultRecurrence, false
	}
	if due, ok := dueDate(f, year); ok {
		return Recurrence{Frequency: Once, Due: due}, true
	}
	return DefaultRecurrence, false
}

func stripDuePrefixes(f string) string {
	for again := true; again; {
		again = false
		for _, p := range duePrefixes {
			if rest, ok := strings.CutPrefix(f, p); ok && (rest == "" || rest[0] == ' ' || rest[0] == ':' || p == ":" || p == "-") {
				f, again = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":")), true
			}
		}
	}
	return f
}

// dueDate reads one deadline day: a date, a day of the plan's year, the end
// of a month, quarter, half-year or year.
func dueDate(f string, year int) (time.Time, bool) {
	yearOf := func(s string) int {
		if s == "" {
			return year
		}
		y, _ := strconv.Atoi(s)
		return y
	}
	day := func(y, m, d int) (time.Time, bool) {
		if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
			return time.Time{}, false
		}
		return date(y, time.Month(m), d), true
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := dueDMY.FindStringSubmatch(f); m != nil {
		return day(atoi(m[3]), atoi(m[2]), atoi(m[1]))
	}
	if m := dueWordy.FindStringSubmatch(f); m != nil {
		return day(yearOf(m[3]), atoi(m[2]), atoi(m[1]))
	}
	if m := dueDayOnly.FindStringSubmatch(f); m != nil {
		return day(year, atoi(m[2]), atoi(m[1]))
	}
	if m := dueQuarter.FindStringSubmatch(f); m != nil {
		q := map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[m[1]]
		return Period{Kind: Quarter, Year: yearOf(m[2]), N: q}.End(), true
	}
	if m := dueHalf.FindStringSubmatch(f); m != nil {
		n := 1
		if strings.Contains(m[1], "cuoi") {
			n = 2
		}
		return Period{Kind: HalfYear, Year: yearOf(m[2]), N: n}.End(), true
	}
	if m := dueMonth.FindStringSubmatch(f); m != nil {
		if mo := atoi(m[1]); mo >= 1 && mo <= 12 {
			return Period{Kind: Month, Year: yearOf(m[2]), N: mo}.End(), true
		}
	}
	if m := dueMY.FindStringSubmatch(f); m != nil {
		if mo := atoi(m[1]); mo >= 1 && mo <= 12 {
			return Period{Kind: Month, Year: atoi(m[2]), N: mo}.End(), true
		}
	}
	if m := dueYear.FindStringSubmatch(f); m != nil {
		if y := atoi(m[1]); y >= 2000 && y <= 2100 {
			return date(y, time.December, 31), true
		}
	}
	return time.Time{}, false
}

// yearlyAt is a yearly schedule due on the day core names in every year
// ("15/12", "tháng 10", "quý I"), as an offset back from 31 December.
func yearlyAt(core string, year int) (Recurrence, bool) {
	if core == "" {
		return Recurrence{Frequency: Yearly}, true
	}
	if dueHasYear.MatchString(core) {
		return DefaultRecurrence, false // a year of its own does not repeat
	}
	due, ok := dueDate(core, year)
	if !ok {
		return DefaultRecurrence, false
	}
	end := date(year, time.December, 31)
	return Recurrence{Frequency: Yearly, OffsetDays: int(due.Sub(end).Hours() / 24)}, true
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
