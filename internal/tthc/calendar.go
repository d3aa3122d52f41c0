package tthc

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// DayKind says what a calendar entry does to an ordinary week.
type DayKind int

const (
	Holiday    DayKind = 1 // a weekday off
	WorkingDay DayKind = 2 // a weekend day worked in an announced swap
)

// CalendarEntry is one exception to the Monday–Friday week.
type CalendarEntry struct {
	Day  Day
	Kind DayKind
	Name string
}

// Calendar is the working-day calendar of one agency: Monday–Friday, minus
// public holidays, plus the weekend days worked in announced swaps. It is
// yearly data an admin edits; SeedCalendar gives the statutory days.
type Calendar struct {
	special map[Day]CalendarEntry
	sorted  []CalendarEntry // the same entries by day, for range counts

	// WorkStart and WorkEnd are the office hours, as offsets from midnight.
	WorkStart, WorkEnd time.Duration
	// OutOfHoursNextDay makes an online dossier submitted outside office hours
	// start at the next opening (domain.md §4, "verify; keep configurable").
	OutOfHoursNextDay bool
}

// Default office hours of a one-stop shop: 07:30–17:00.
const (
	DefaultWorkStart = 7*time.Hour + 30*time.Minute
	DefaultWorkEnd   = 17 * time.Hour
)

// NewCalendar builds a calendar from its exceptions with default office
// hours and the out-of-hours rule on. A later entry for the same day wins.
func NewCalendar(entries []CalendarEntry) *Calendar {
	c := &Calendar{special: make(map[Day]CalendarEntry, len(entries)),
		WorkStart: DefaultWorkStart, WorkEnd: DefaultWorkEnd, OutOfHoursNextDay: true}
	for _, e := range entries {
		c.special[e.Day] = e
	}
	c.sorted = c.Entries()
	return c
}

//go:embed calendar_seed.csv
var calendarSeed string

// SeedCalendar returns the calendar of the embedded seed: the statutory
// holidays and announced swaps of 2024–2027.
func SeedCalendar() *Calendar {
	entries, err := ParseCalendarCSV(strings.NewReader(calendarSeed))
	if err != nil {
		panic("tthc: calendar seed: " + err.Error())
	}
	return NewCalendar(entries)
}

// ParseCalendarCSV reads `date,kind,name` rows (kind "holiday" or
// "workday"; lines starting with # are comments; a header row is required).
func ParseCalendarCSV(r io.Reader) ([]CalendarEntry, error) {
	entries, _, err := parseCalendarCSV(r)
	return entries, err
}

// parseCalendarCSV also returns the file line of each entry.
func parseCalendarCSV(r io.Reader) ([]CalendarEntry, []int, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = 3
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("lịch làm việc: thiếu dòng tiêu đề date,kind,name: %w", err)
	}
	if strings.Join(header, ",") != "date,kind,name" {
		return nil, nil, fmt.Errorf("lịch làm việc: tiêu đề phải là date,kind,name, gặp %q", strings.Join(header, ","))
	}
	var out []CalendarEntry
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, lines, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("lịch làm việc: %w", err)
		}
		line, _ := cr.FieldPos(0)
		day, err := ParseDay(rec[0])
		if err != nil {
			return nil, nil, fmt.Errorf("lịch làm việc dòng %d: %w", line, err)
		}
		e := CalendarEntry{Day: day, Name: rec[2]}
		switch rec[1] {
		case "holiday":
			e.Kind = Holiday
		case "workday":
			e.Kind = WorkingDay
		default:
			return nil, nil, fmt.Errorf("lịch làm việc dòng %d: loại ngày %q phải là holiday hoặc workday", line, rec[1])
		}
		out = append(out, e)
		lines = append(lines, line)
	}
}

// Entries returns the exceptions in date order, for display and editing.
func (c *Calendar) Entries() []CalendarEntry {
	out := make([]CalendarEntry, 0, len(c.special))
	for _, e := range c.special {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day < out[j].Day })
	return out
}

// IsWorkingDay reports whether the offices work on d.
func (c *Calendar) IsWorkingDay(d Day) bool {
	if e, ok := c.special[d]; ok {
		return e.Kind == WorkingDay
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// NextWorkingDay returns the first working day strictly after d.
func (c *Calendar) NextWorkingDay(d Day) Day {
	for d++; !c.IsWorkingDay(d); d++ {
	}
	return d
}

// AddWorkingDays returns the n-th working day after d (d itself not counted).
// With n = 0 it returns d when d is a working day, else the next one.
func (c *Calendar) AddWorkingDays(d Day, n int) Day {
	if n <= 0 {
		if c.IsWorkingDay(d) {
			return d
		}
		return c.NextWorkingDay(d)
	}
	for ; n > 0; n-- {
		d = c.NextWorkingDay(d)
	}
	return d
}

// WorkingDaysBetween counts the working days in (from, to]: the working days
// a pause from day from to day to cost. It is 0 when to ≤ from. Whole weeks
// are counted by arithmetic and the exceptions by a binary search, so long
// ranges (a dossier open all year) cost no more than short ones.
func (c *Calendar) WorkingDaysBetween(from, to Day) int {
	if to <= from {
		return 0
	}
	n := int(to - from)
	count := n / 7 * 5
	for d := from + 1 + Day(n/7*7); d <= to; d++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			count++
		}
	}
	i := sort.Search(len(c.sorted), func(i int) bool { return c.sorted[i].Day > from })
	for ; i < len(c.sorted) && c.sorted[i].Day <= to; i++ {
		e := c.sorted[i]
		weekend := e.Day.Weekday() == time.Saturday || e.Day.Weekday() == time.Sunday
		switch {
		case e.Kind == Holiday && !weekend:
			count--
		case e.Kind == WorkingDay && weekend:
			count++
		}
	}
	return count
}

// InOfficeHours reports whether t falls on a working day within office hours.
func (c *Calendar) InOfficeHours(t time.Time) bool {
	d := DayOf(t)
	if !c.IsWorkingDay(d) {
		return false
	}
	tod := t.Sub(d.At(0, 0))
	return tod >= c.WorkStart && tod < c.WorkEnd
}

// NextOpening returns t when it is within office hours, else the next moment
// the offices open (the same day's opening when t is before it).
func (c *Calendar) NextOpening(t time.Time) time.Time {
	if c.InOfficeHours(t) {
		return t
	}
	d := DayOf(t)
	if c.IsWorkingDay(d) && t.Before(d.At(0, 0).Add(c.WorkStart)) {
		return d.At(0, 0).Add(c.WorkStart)
	}
	return c.NextWorkingDay(d).At(0, 0).Add(c.WorkStart)
}

// ProcessingStart returns when the statutory clock of d starts: its
// reception, except that an online dossier submitted outside office hours
// starts at the next opening when OutOfHoursNextDay is set (domain.md §4).
func (c *Calendar) ProcessingStart(d Dossier) time.Time {
	start := d.Start()
	if d.Channel == ChannelOnline && c.OutOfHoursNextDay && !start.IsZero() {
		return c.NextOpening(start)
	}
	return start
}
