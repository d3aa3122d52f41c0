package portal

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/ical"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// calendarDays is how far ahead the iCalendar feed reaches: the register
// gives at most a year.
const calendarDays = 366

// officeHours are the hours of a part of the day when a session's hours do
// not read as a span: the working hours most agencies post (07:30–11:30,
// 13:30–17:00).
var officeHours = map[string][2]string{"morning": {"07:30", "11:30"}, "afternoon": {"13:30", "17:00"}, "day": {"07:30", "17:00"}}

// hoursSpan reads the hours as agencies write them: "07:30–11:30",
// "7h30 - 11h", "13.30-17.00", "8:00 đến 11:00".
var hoursSpan = regexp.MustCompile(`^(\d{1,2})\s*[:hHgG.]\s*(\d{2})?\s*(?:-|–|—|đến|to)\s*(\d{1,2})\s*[:hHgG.]?\s*(\d{2})?$`)

// sessionTimes is when a session starts and ends, in Viet Nam's time: its
// hours as written when they read as a span within the day, else the
// office hours of its part of the day.
func sessionTimes(day time.Time, part, hours string) (time.Time, time.Time) {
	at := func(h, m int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, vn.Location())
	}
	if m := hoursSpan.FindStringSubmatch(strings.TrimSpace(hours)); m != nil {
		n := func(s string) int { v, _ := strconv.Atoi(s); return v }
		sh, sm, eh, em := n(m[1]), n(m[2]), n(m[3]), n(m[4])
		if sh < 24 && sm < 60 && eh < 24 && em < 60 && sh*60+sm < eh*60+em {
			return at(sh, sm), at(eh, em)
		}
	}
	span, ok := officeHours[part]
	if !ok {
		span = officeHours["day"]
	}
	start, _ := time.Parse("15:04", span[0])
	end, _ := time.Parse("15:04", span[1])
	return at(start.Hour(), start.Minute()), at(end.Hour(), end.Minute())
}

// receptionCalendar is the agency's reception schedule as an iCalendar
// feed (RFC 5545) a phone's calendar subscribes to. Each session keeps its
// UID, and the feed's DTSTAMP is the latest audited change, so the bytes,
// and the ETag, change only when a record does.
func (h *handler) receptionCalendar(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		h.badRequest(w, r, p.lang)
		return
	}
	if h.src.Reception == nil {
		h.notFound(w, r)
		return
	}
	a, ok := h.requestedAgency(w, r)
	if !ok {
		return
	}
	sessions, err := h.src.Reception.Schedule(r.Context(), a.Unit, calendarDays)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	change, err := h.changes.Latest(r.Context(), h.db.Heavy(r.Context()))
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	stamp := change.At
	if stamp.IsZero() {
		stamp = h.now()
	}
	body := receptionFeed(a, sessions, stamp.Truncate(time.Second), p.lang).Bytes()
	etag := etagOf(body)
	hd := w.Header()
	hd.Set("Content-Type", "text/calendar; charset=utf-8")
	hd.Set("Content-Disposition", `inline; filename="lich-tiep-cong-dan-`+a.Code+`.ics"`)
	hd.Set("Cache-Control", "public, no-cache")
	hd.Set("ETag", etag)
	if notModified(r, etag, stamp) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// receptionFeed is the calendar of an agency's sessions in lang.
func receptionFeed(a Agency, sessions []ReceptionSession, stamp time.Time, lang string) ical.Calendar {
	c := ical.Calendar{ProdID: "-//PAPI Hub//" + web.T(lang, "portal.reception.schedule") + "//" + strings.ToUpper(lang),
		Name: web.T(lang, "portal.reception.schedule") + " — " + a.Name}
	for _, s := range sessions {
		start, end := sessionTimes(s.Date, s.Part, s.Hours)
		host := s.Host
		if s.HostTitle != "" {
			host += ", " + s.HostTitle
		}
		var desc []string
		if s.Format != "" {
			desc = append(desc, web.T(lang, "portal.reception.format")+": "+s.Format)
		}
		if s.Unit != "" {
			desc = append(desc, s.Unit)
		}
		if s.Head {
			desc = append(desc, web.T(lang, "portal.ics.head"))
		}
		c.Events = append(c.Events, ical.Event{
			UID:   fmt.Sprintf("tiep-cong-dan-%d@%s.papihub", s.ID, a.Code),
			Stamp: stamp, Start: start, End: end,
			Summary:     web.T(lang, "portal.ics.summary", host),
			Location:    s.Place,
			Description: strings.Join(desc, "\n"),
		})
	}
	return c
}
