package reception

import (
	"strings"
	"time"

	"papihub/internal/platform/web"
)

// Part is the part of the day a reception session takes.
type Part string

const (
	Morning   Part = "morning"   // buổi sáng
	Afternoon Part = "afternoon" // buổi chiều
	WholeDay  Part = "day"       // cả ngày
)

// Parts in the order forms list them.
var Parts = []Part{Morning, Afternoon, WholeDay}

// Session is one reception session of the schedule the agency posts at its
// reception site and on its portal (Law on Citizen Reception 2013 art. 18;
// Decree 64/2014): who receives (a leader, by name and title, which are
// public), when, where and how.
type Session struct {
	ID        int64
	UnitID    int64
	On        time.Time
	Part      Part
	Hours     string // "07:30–11:30"
	Host      string // the receiving leader's name
	HostID    int64  // the receiving leader's account, when chosen
	HostTitle string // "Giám đốc Sở"
	Head      bool   // the head of the agency receives in person
	Place     string
	Format    string // "Trực tiếp", "Trực tuyến kết hợp trực tiếp"
	Note      string
	UnitName  string
}

// Validate checks a session's fields.
func (s *Session) Validate() web.FieldErrors {
	errs := web.FieldErrors{}
	s.Hours, s.Host, s.HostTitle = strings.TrimSpace(s.Hours), strings.TrimSpace(s.Host), strings.TrimSpace(s.HostTitle)
	s.Place, s.Format, s.Note = strings.TrimSpace(s.Place), strings.TrimSpace(s.Format), strings.TrimSpace(s.Note)
	if s.On.IsZero() {
		errs.Add("on", "reception.on.required")
	}
	if !oneOf(s.Part, Parts) {
		errs.Add("part", "reception.part.invalid")
	}
	for f, v := range map[string]string{"host": s.Host, "host_title": s.HostTitle, "place": s.Place} {
		if v == "" {
			errs.Add(f, "reception."+f+".required")
		}
		errs.Within(f, v, web.MaxShort)
	}
	errs.Within("hours", s.Hours, web.MaxCode)
	errs.Within("format", s.Format, web.MaxShort)
	errs.Within("note", s.Note, web.MaxText)
	return errs
}

// MonthlyOn is the days of a recurring rule such as "the director receives
// on the 15th of each month; if it is not a working day, the next working
// day", for the months from..to (both included). A month shorter than
// dayOfMonth uses its last day.
func MonthlyOn(dayOfMonth int, from, to time.Time, cal Calendar) []time.Time {
	var out []time.Time
	for m := Day(from.Year(), from.Month(), 1); !m.After(day(to)); m = m.AddDate(0, 1, 0) {
		last := m.AddDate(0, 1, -1).Day()
		d := Day(m.Year(), m.Month(), min(dayOfMonth, last))
		for !cal.IsWorkingDay(d) {
			d = d.AddDate(0, 0, 1)
		}
		out = append(out, d)
	}
	return out
}

// MonthsWithoutHead lists the first day of each month from..to in which the
// head of the agency has no session: the head receives citizens at least
// one day a month (Law on Citizen Reception 2013 art. 18, domain §5).
func MonthsWithoutHead(sessions []Session, from, to time.Time) []time.Time {
	held := map[time.Time]bool{}
	for _, s := range sessions {
		if s.Head {
			held[Day(s.On.Year(), s.On.Month(), 1)] = true
		}
	}
	var out []time.Time
	for m := Day(from.Year(), from.Month(), 1); !m.After(day(to)); m = m.AddDate(0, 1, 0) {
		if !held[m] {
			out = append(out, m)
		}
	}
	return out
}
