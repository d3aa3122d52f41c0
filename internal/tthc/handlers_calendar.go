package tthc

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// calendarAdmins may edit the working-day calendar; the handlers also
// require the admin to sit at the root of the organisation, since the
// calendar is the province's.
var calendarAdmins = web.Roles(org.RoleNames(org.RoleAdmin)...)

type calendarPage struct {
	View    CalendarYearView
	Rows    []calendarRow
	Prev    int
	Next    int
	CanEdit bool
	Errors  web.FieldErrors
	Detail  string // the parser's text for a refused file or date
	Form    calendarForm
	Kinds   []string
}

type calendarRow struct {
	Date, ISO, Weekday, Kind, Name string
}

type calendarForm struct {
	Date, Kind, Label string
}

// mayEditCalendar: an admin of a root unit.
func mayEditCalendar(user *org.User) bool {
	return user.HasRole(string(org.RoleAdmin)) && strings.Count(user.UnitPath, "/") == 2
}

var weekdaysVN = [...]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func (h *handler) calendarYear(r *http.Request) int {
	if y, err := strconv.Atoi(r.FormValue("year")); err == nil && y >= calendarMinYear && y <= calendarMaxYear {
		return y
	}
	return h.store.now().In(Location).Year()
}

func (h *handler) renderCalendar(w http.ResponseWriter, r *http.Request, status int, year int, errs web.FieldErrors, detail string, form calendarForm) {
	v, err := h.store.CalendarYear(r.Context(), year)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := calendarPage{View: v, Prev: year - 1, Next: year + 1, CanEdit: mayEditCalendar(org.CurrentUser(r)),
		Errors: errs, Detail: detail, Form: form, Kinds: []string{"holiday", "workday"}}
	if page.Form.Kind == "" {
		page.Form.Kind = "holiday"
	}
	for _, e := range v.Entries {
		page.Rows = append(page.Rows, calendarRow{Date: e.Day.VN(), ISO: e.Day.String(), Weekday: weekdaysVN[e.Day.Weekday()],
			Kind: e.Kind.String(), Name: e.Name})
	}
	h.render.PageStatus(w, r, status, "tthc/calendar", page)
}

// calendar lists a year's holidays and swap working days (?year=).
func (h *handler) calendar(w http.ResponseWriter, r *http.Request) {
	h.renderCalendar(w, r, http.StatusOK, h.calendarYear(r), nil, "", calendarForm{})
}

// calendarFailed shows a refused edit next to its field.
func (h *handler) calendarFailed(w http.ResponseWriter, r *http.Request, year int, err error, form calendarForm) {
	var fe *CalendarFieldError
	if !errors.As(err, &fe) {
		h.render.Error(w, r, err)
		return
	}
	detail := fe.Detail
	if fe.Line > 0 {
		detail = "dòng " + strconv.Itoa(fe.Line) + ": " + detail
	}
	h.renderCalendar(w, r, http.StatusUnprocessableEntity, year, web.FieldErrors{fe.Field: fe.Key}, detail, form)
}

func (h *handler) calendarDay(r *http.Request) (Day, *CalendarFieldError) {
	v := strings.TrimSpace(r.PostFormValue("date"))
	if v == "" {
		return 0, &CalendarFieldError{Field: "date", Key: "tthc.calendar.date.required"}
	}
	t, err := vn.ParseDate(v)
	if err != nil {
		return 0, &CalendarFieldError{Field: "date", Key: "form.date.invalid"}
	}
	y, m, d := t.Date()
	return DateDay(y, m, d), nil
}

// saveCalendarDay adds or edits one day (date, kind, label).
func (h *handler) saveCalendarDay(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	if !mayEditCalendar(user) {
		h.render.Forbidden(w, r)
		return
	}
	year := h.calendarYear(r)
	form := calendarForm{Date: r.PostFormValue("date"), Kind: r.PostFormValue("kind"), Label: r.PostFormValue("label")}
	day, fe := h.calendarDay(r)
	if fe != nil {
		h.calendarFailed(w, r, year, fe, form)
		return
	}
	year, _, _ = day.Date()
	kind, ok := ParseDayKind(form.Kind)
	if !ok {
		h.calendarFailed(w, r, year, &CalendarFieldError{Field: "kind", Key: "tthc.calendar.kind.invalid"}, form)
		return
	}
	if _, err := h.store.SetCalendarDay(r.Context(), user.Actor(), CalendarEntry{Day: day, Kind: kind, Name: form.Label}); err != nil {
		h.calendarFailed(w, r, year, err, form)
		return
	}
	web.Flash(w, "tthc.calendar.saved")
	http.Redirect(w, r, "/tthc/calendar?year="+strconv.Itoa(year), http.StatusSeeOther)
}

// removeCalendarDay turns a day back into an ordinary one.
func (h *handler) removeCalendarDay(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	if !mayEditCalendar(user) {
		h.render.Forbidden(w, r)
		return
	}
	year := h.calendarYear(r)
	day, fe := h.calendarDay(r)
	if fe != nil {
		h.calendarFailed(w, r, year, fe, calendarForm{})
		return
	}
	year, _, _ = day.Date()
	if _, err := h.store.RemoveCalendarDay(r.Context(), user.Actor(), day); err != nil {
		h.calendarFailed(w, r, year, err, calendarForm{})
		return
	}
	web.Flash(w, "tthc.calendar.removed")
	http.Redirect(w, r, "/tthc/calendar?year="+strconv.Itoa(year), http.StatusSeeOther)
}

// importCalendar reads a CSV in the seed's format (date,kind,name).
func (h *handler) importCalendar(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	if !mayEditCalendar(user) {
		h.render.Forbidden(w, r)
		return
	}
	year := h.calendarYear(r)
	f, _, err := r.FormFile("file")
	if err != nil {
		h.calendarFailed(w, r, year, &CalendarFieldError{Field: "file", Key: "tthc.calendar.file.required"}, calendarForm{})
		return
	}
	defer f.Close()
	if _, err := h.store.ImportCalendar(r.Context(), user.Actor(), f); err != nil {
		h.calendarFailed(w, r, year, err, calendarForm{})
		return
	}
	web.Flash(w, "tthc.calendar.imported")
	http.Redirect(w, r, "/tthc/calendar?year="+strconv.Itoa(year), http.StatusSeeOther)
}
