package reception

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type schedulePage struct {
	Nav      subNav
	Sessions []Session
	Missing  []time.Time // months of the span in which the head receives no one
	From, To time.Time
	Form     Session
	Errors   web.FieldErrors
	Parts    []Part
	Leaders  []Officer // those the form may name as the receiving leader
}

// scheduleSpan is the three months from the current one.
func (h *handler) scheduleSpan() (time.Time, time.Time) {
	t := h.store.Today()
	from := Day(t.Year(), t.Month(), 1)
	return from, from.AddDate(0, 3, -1)
}

func (h *handler) schedulePage(r *http.Request, user *org.User, unit Unit) (schedulePage, error) {
	from, to := h.scheduleSpan()
	sessions, err := h.store.Sessions(r.Context(), unit.Path, from, to)
	if err != nil {
		return schedulePage{}, err
	}
	own := sessions[:0:0]
	for _, s := range sessions {
		if s.UnitID == unit.ID {
			own = append(own, s)
		}
	}
	leaders, err := h.store.Leaders(r.Context(), unit.Path)
	if err != nil {
		return schedulePage{}, err
	}
	return schedulePage{Nav: h.nav("schedule", unit, user), Sessions: sessions, Missing: MonthsWithoutHead(own, from, to), From: from, To: to,
		Form: Session{On: h.store.Today(), Part: Morning}, Parts: Parts, Leaders: leaders}, nil
}

func (h *handler) schedule(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	page, err := h.schedulePage(r, user, unit)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "reception/schedule", page)
}

func (h *handler) addSession(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	errs := web.FieldErrors{}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	s := Session{UnitID: unit.ID, On: dateField(v("on"), "on", errs), Part: Part(v("part")), Hours: v("hours"), Host: v("host"),
		HostTitle: v("host_title"), Head: v("head") != "", Place: v("place"), Format: v("format"), Note: v("note")}
	if id := v("host_id"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			errs.Add("host_id", "reception.host_id.invalid")
		}
		s.HostID = n
	}
	if s.HostID != 0 && (s.Host == "" || s.HostTitle == "") {
		// The leader's account gives the name and title the form left out.
		leaders, err := h.store.Leaders(r.Context(), unit.Path)
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		for _, l := range leaders {
			if l.ID == s.HostID {
				s.Host, s.HostTitle = cmp.Or(s.Host, l.Name), cmp.Or(s.HostTitle, l.Title)
			}
		}
	}
	if !errs.Any() {
		_, err := h.store.AddSession(r.Context(), user.Actor(), s)
		if errs = h.render.Saved(w, r, err, "reception.session.added", func() string { return "/reception/schedule?unit=" + strconv.FormatInt(unit.ID, 10) }); errs == nil {
			return
		}
	}
	page, err := h.schedulePage(r, user, unit)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Form, page.Errors = s, errs
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "reception/schedule", page)
}

// mySessionsPage is a leader's own coming sessions.
type mySessionsPage struct {
	Sessions []Session
	From, To time.Time
}

// mySessionsDays is how far ahead a leader's page looks.
const mySessionsDays = 90

// mySessions lists the sessions in which the signed-in user receives
// citizens, from today for three months: the sessions the schedule names
// them on by their account. It reads only the user's own rows, so it asks
// no unit permission.
func (h *handler) mySessions(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	from := h.store.Today()
	to := from.AddDate(0, 0, mySessionsDays)
	sessions, err := h.store.HostSessions(r.Context(), user.ID, from, to)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "reception/my_sessions", mySessionsPage{Sessions: sessions, From: from, To: to})
}
