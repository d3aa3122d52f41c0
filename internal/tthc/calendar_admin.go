package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// The working-day calendar is yearly data (domain.md §4). tthc_calendar
// starts empty, meaning "the embedded seed"; the first edit of a year copies
// that year's seed rows into the table (and lists the year in
// tthc_calendar_years), so the edit is relative to the seed and the other
// years keep reading it. Every edit re-judges, in its transaction, the
// dossiers whose processing window covers a changed day.

// seedEntries is the embedded seed, parsed once.
var seedEntries = sync.OnceValue(func() []CalendarEntry {
	entries, err := ParseCalendarCSV(strings.NewReader(calendarSeed))
	if err != nil {
		panic("tthc: calendar seed: " + err.Error())
	}
	return entries
})

// seedCalendar is the calendar while no year was edited, built once: every
// index and import asks for the calendar, and building it from the seed
// each time cost more than the query telling that nothing was edited. It
// is shared, so nobody changes it (nothing changes a Calendar once built).
var seedCalendar = sync.OnceValue(func() *Calendar { return NewCalendar(seedEntries()) })

// Bounds of the years an admin may edit.
const (
	calendarMinYear = 2000
	calendarMaxYear = 2100
)

// CalendarFieldError is a calendar entry refused: Field is the input
// (date, kind, label, file), Key the message in the catalogue; Line is the
// CSV line of an import (0 otherwise).
type CalendarFieldError struct {
	Line   int
	Field  string
	Key    string
	Detail string // the parser's own text, when Key needs it (form.date.invalid, a CSV error)
}

func (e *CalendarFieldError) Error() string {
	msg := web.T(web.LangVI, e.Key)
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	if e.Line > 0 {
		return fmt.Sprintf("dòng %d: %s", e.Line, msg)
	}
	return msg
}

// ValidateCalendarEntry checks one exception to the Monday–Friday week.
func ValidateCalendarEntry(e CalendarEntry) *CalendarFieldError {
	y, _, _ := e.Day.Date()
	weekend := e.Day.Weekday() == time.Saturday || e.Day.Weekday() == time.Sunday
	switch {
	case y < calendarMinYear || y > calendarMaxYear:
		return &CalendarFieldError{Field: "date", Key: "tthc.calendar.date.range"}
	case e.Kind != Holiday && e.Kind != WorkingDay:
		return &CalendarFieldError{Field: "kind", Key: "tthc.calendar.kind.invalid"}
	case e.Kind == Holiday && weekend:
		return &CalendarFieldError{Field: "date", Key: "tthc.calendar.holiday.weekend"}
	case e.Kind == WorkingDay && !weekend:
		return &CalendarFieldError{Field: "date", Key: "tthc.calendar.workday.weekday"}
	case strings.TrimSpace(e.Name) == "":
		return &CalendarFieldError{Field: "label", Key: "tthc.calendar.label.required"}
	case utf8.RuneCountInString(e.Name) > 200:
		return &CalendarFieldError{Field: "label", Key: "tthc.calendar.label.long"}
	}
	return nil
}

// ParseDayKind reads "holiday" or "workday".
func ParseDayKind(s string) (DayKind, bool) {
	switch strings.TrimSpace(s) {
	case "holiday":
		return Holiday, true
	case "workday":
		return WorkingDay, true
	}
	return 0, false
}

// String is the kind as stored and in the seed: holiday or workday.
func (k DayKind) String() string {
	if k == WorkingDay {
		return "workday"
	}
	return "holiday"
}

// CalendarYearView is one year of the calendar as it applies.
type CalendarYearView struct {
	Year    int
	Edited  bool // taken over from the seed by an edit
	Entries []CalendarEntry
}

// CalendarYear lists a year's holidays and swap working days.
func (s *Store) CalendarYear(ctx context.Context, year int) (CalendarYearView, error) {
	edited, err := editedYears(ctx, s.db.R)
	if err != nil {
		return CalendarYearView{}, err
	}
	cal, err := loadCalendar(ctx, s.db.R)
	if err != nil {
		return CalendarYearView{}, err
	}
	v := CalendarYearView{Year: year, Edited: edited[year]}
	for _, e := range cal.Entries() {
		if y, _, _ := e.Day.Date(); y == year {
			v.Entries = append(v.Entries, e)
		}
	}
	return v, nil
}

// editedYears is the set of years read from the table: those listed in
// tthc_calendar_years and those with rows.
func editedYears(ctx context.Context, q db.Querier) (map[int]bool, error) {
	years := map[int]bool{}
	err := eachRow(ctx, q, `SELECT year FROM tthc_calendar_years UNION SELECT DISTINCT CAST(substr(day, 1, 4) AS INTEGER) FROM tthc_calendar`, nil,
		func(r *sql.Rows) error {
			var y int
			if err := r.Scan(&y); err != nil {
				return err
			}
			years[y] = true
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("tthc: calendar years: %w", err)
	}
	return years, nil
}

// loadCalendar builds the calendar that applies: the table's rows for the
// years taken over, the seed's for the others.
func loadCalendar(ctx context.Context, q db.Querier) (*Calendar, error) {
	edited, err := editedYears(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(edited) == 0 {
		return seedCalendar(), nil
	}
	var entries []CalendarEntry
	for _, e := range seedEntries() {
		if y, _, _ := e.Day.Date(); !edited[y] {
			entries = append(entries, e)
		}
	}
	err = eachRow(ctx, q, `SELECT day, kind, name FROM tthc_calendar ORDER BY day`, nil, func(r *sql.Rows) error {
		var day, kind, name string
		if err := r.Scan(&day, &kind, &name); err != nil {
			return err
		}
		d, err := ParseDay(day)
		if err != nil {
			return err
		}
		k, _ := ParseDayKind(kind)
		entries = append(entries, CalendarEntry{Day: d, Kind: k, Name: name})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tthc: calendar: %w", err)
	}
	return NewCalendar(entries), nil
}

// takeOverYear copies a year's seed rows into the table on its first edit.
func (s *Store) takeOverYear(ctx context.Context, tx *sql.Tx, year int, edited map[int]bool) error {
	if edited[year] {
		return nil
	}
	for _, e := range seedEntries() {
		if y, _, _ := e.Day.Date(); y == year {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tthc_calendar (day, kind, name) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING`,
				e.Day.String(), e.Kind.String(), e.Name); err != nil {
				return fmt.Errorf("tthc: calendar %d: %w", year, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO tthc_calendar_years (year, edited_at) VALUES ($1, $2) ON CONFLICT (year) DO NOTHING`,
		year, db.FormatTime(s.now())); err != nil {
		return fmt.Errorf("tthc: calendar %d: %w", year, err)
	}
	edited[year] = true
	return nil
}

// CalendarChange says what an edit of the calendar did.
type CalendarChange struct {
	Added, Changed, Removed, Unchanged int
	Rejudged                           int // dossiers whose window covered a changed day
}

// SetCalendarDay adds or replaces one holiday or swap working day.
func (s *Store) SetCalendarDay(ctx context.Context, actor audit.Actor, e CalendarEntry) (CalendarChange, error) {
	e.Name = strings.TrimSpace(e.Name)
	if fe := ValidateCalendarEntry(e); fe != nil {
		return CalendarChange{}, fe
	}
	return s.editCalendar(ctx, actor, "tthc calendar set", []CalendarEntry{e}, nil)
}

// RemoveCalendarDay removes one exception: the day becomes an ordinary
// weekday or weekend day again.
func (s *Store) RemoveCalendarDay(ctx context.Context, actor audit.Actor, day Day) (CalendarChange, error) {
	if y, _, _ := day.Date(); y < calendarMinYear || y > calendarMaxYear {
		return CalendarChange{}, &CalendarFieldError{Field: "date", Key: "tthc.calendar.date.range"}
	}
	return s.editCalendar(ctx, actor, "tthc calendar remove", nil, []Day{day})
}

// ImportCalendar reads a file in the seed's format (date,kind,name) and
// sets each listed day; days the file does not list stay as they are. The
// file is checked whole first: one bad row refuses it and nothing changes.
func (s *Store) ImportCalendar(ctx context.Context, actor audit.Actor, r io.Reader) (CalendarChange, error) {
	entries, lines, err := parseCalendarCSV(r)
	if err != nil {
		return CalendarChange{}, &CalendarFieldError{Field: "file", Key: "tthc.calendar.file.invalid", Detail: err.Error()}
	}
	if len(entries) == 0 {
		return CalendarChange{}, &CalendarFieldError{Field: "file", Key: "tthc.calendar.file.empty"}
	}
	seen := map[Day]int{}
	for i, e := range entries {
		entries[i].Name = strings.TrimSpace(e.Name)
		if fe := ValidateCalendarEntry(entries[i]); fe != nil {
			fe.Line, fe.Detail = lines[i], e.Day.VN()
			return CalendarChange{}, fe
		}
		if j, dup := seen[e.Day]; dup {
			return CalendarChange{}, &CalendarFieldError{Line: lines[i], Field: "file", Key: "tthc.calendar.file.duplicate",
				Detail: e.Day.VN() + ", dòng " + strconv.Itoa(lines[j])}
		}
		seen[e.Day] = i
	}
	return s.editCalendar(ctx, actor, "tthc calendar import", entries, nil)
}

// editCalendar applies sets and removals in one transaction with their
// audit entry and the re-judging of the dossiers concerned.
func (s *Store) editCalendar(ctx context.Context, actor audit.Actor, source string, set []CalendarEntry, remove []Day) (CalendarChange, error) {
	var ch CalendarChange
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		ch = CalendarChange{}
		edited, err := editedYears(ctx, tx)
		if err != nil {
			return err
		}
		before, err := loadCalendar(ctx, tx)
		if err != nil {
			return err
		}
		current := map[Day]CalendarEntry{}
		for _, e := range before.Entries() {
			current[e.Day] = e
		}
		var changed []Day
		type auditRow struct {
			Date   string `json:"date"`
			Kind   string `json:"kind,omitempty"`
			Label  string `json:"label,omitempty"`
			Before string `json:"before,omitempty"`
		}
		var log []auditRow
		for _, e := range set {
			y, _, _ := e.Day.Date()
			if err := s.takeOverYear(ctx, tx, y, edited); err != nil {
				return err
			}
			old, had := current[e.Day]
			if had && old.Kind == e.Kind && old.Name == e.Name {
				ch.Unchanged++
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO tthc_calendar (day, kind, name) VALUES ($1, $2, $3)
ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name`, e.Day.String(), e.Kind.String(), e.Name); err != nil {
				return fmt.Errorf("tthc: calendar: %w", err)
			}
			row := auditRow{Date: e.Day.String(), Kind: e.Kind.String(), Label: e.Name}
			if had {
				ch.Changed++
				row.Before = old.Kind.String() + " " + old.Name
			} else {
				ch.Added++
			}
			log = append(log, row)
			if !had || old.Kind != e.Kind {
				changed = append(changed, e.Day)
			}
		}
		for _, d := range remove {
			old, had := current[d]
			if !had {
				return &CalendarFieldError{Field: "date", Key: "tthc.calendar.date.absent", Detail: d.VN()}
			}
			y, _, _ := d.Date()
			if err := s.takeOverYear(ctx, tx, y, edited); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM tthc_calendar WHERE day = $1`, d.String()); err != nil {
				return fmt.Errorf("tthc: calendar: %w", err)
			}
			ch.Removed++
			log = append(log, auditRow{Date: d.String(), Before: old.Kind.String() + " " + old.Name})
			changed = append(changed, d)
		}
		if len(log) == 0 {
			return nil
		}
		if len(changed) > 0 {
			after, err := loadCalendar(ctx, tx)
			if err != nil {
				return err
			}
			if ch.Rejudged, err = s.rejudgeDays(ctx, tx, changed, before, after); err != nil {
				return err
			}
		}
		summary := fmt.Sprintf("lịch làm việc: %d thêm, %d sửa, %d bỏ; %d hồ sơ tính lại", ch.Added, ch.Changed, ch.Removed, ch.Rejudged)
		if len(log) == 1 {
			summary = "lịch làm việc " + log[0].Date + ": " + strings.TrimSpace(log[0].Kind+" "+log[0].Label)
			if log[0].Kind == "" {
				summary = "lịch làm việc " + log[0].Date + ": bỏ " + log[0].Before
			}
		}
		action := "update"
		if ch.Added+ch.Changed == 0 {
			action = "delete"
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: action, Entity: "tthc_calendar", EntityID: log[0].Date,
			Summary: summary, After: map[string]any{"source": source, "days": log, "rejudged": ch.Rejudged}})
	})
	return ch, err
}

// rejudgeDays re-judges the dossiers whose processing window — from the
// processing start to the end of processing, or still open, or up to the
// due day when that is later — covers one of the changed days, from the
// calendar before to the one after; the procedures' terms do not change.
func (s *Store) rejudgeDays(ctx context.Context, tx *sql.Tx, changed []Day, before, after *Calendar) (int, error) {
	sort.Slice(changed, func(i, j int) bool { return changed[i] < changed[j] })
	first, last := changed[0], changed[len(changed)-1]
	terms := map[int64]ProcedureTerms{}
	err := eachRow(ctx, tx, `SELECT id, statutory_amount, statutory_unit, online_level, fee FROM tthc_procedures`, nil, func(r *sql.Rows) error {
		var id, fee int64
		var t ProcedureTerms
		var unit, online string
		if err := r.Scan(&id, &t.Statutory.Amount, &unit, &online, &fee); err != nil {
			return err
		}
		t.Statutory.Unit, _ = UnitFromCode(unit)
		t.OnlineService = online != string(OnlineNone)
		t.FeeBearing = fee > 0
		terms[id] = t
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("tthc: calendar: %w", err)
	}
	of := func(id int64) ProcedureTerms { return terms[id] }
	return s.rejudge(ctx, tx, "d.received_day <= $1 AND (d.end_day IS NULL OR d.end_day >= $2 OR d.due_day >= $2)",
		[]any{last.String(), first.String()}, before, after, of, of)
}
