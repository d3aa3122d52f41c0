package inspection

import (
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type checksPage struct {
	Nav    subNav
	Year   int
	Checks []Check
	Counts CheckCounts
	Kinds  []CheckKind
	Errors web.FieldErrors
	Form   Check
	Open   int64 // the check whose form is open again with its errors
}

func (h *handler) checks(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	year := yearOf(r.FormValue("year"))
	if year == 0 {
		year = h.store.Today().Year()
	}
	h.checksStatus(w, r, http.StatusOK, unit, year, checksPage{Form: Check{Kind: Periodic}})
}

func (h *handler) checksStatus(w http.ResponseWriter, r *http.Request, status int, unit Unit, year int, page checksPage) {
	user := org.CurrentUser(r)
	checks, err := h.store.Checks(r.Context(), unit.ID, year)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	counts, err := h.store.CountChecks(r.Context(), unit.Path, Day(year, 1, 1), Day(year, 12, 31))
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Nav, page.Year, page.Checks, page.Counts, page.Kinds = h.nav("checks", unit, user), year, checks, counts, CheckKinds
	h.render.PageStatus(w, r, status, "inspection/checks", page)
}

// saveCheck adds a check to the year's plan (no id) or records how one
// went: its decision, team, findings and the day it ended.
func (h *handler) saveCheck(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	errs := web.FieldErrors{}
	k := Check{UnitID: unit.ID, Year: yearOf(v("year")), Subject: v("subject"), Topic: v("topic"), Kind: CheckKind(v("kind")),
		DecisionNumber: v("decision_number"), Team: v("team"), Findings: v("findings")}
	k.ID, _ = strconv.ParseInt(v("id"), 10, 64)
	k.PlannedFrom = dateField(v("planned_from"), "planned_from", errs)
	k.PlannedTo = dateField(v("planned_to"), "planned_to", errs)
	k.DecisionOn = dateField(v("decision_on"), "decision_on", errs)
	k.DoneOn = dateField(v("done_on"), "done_on", errs)
	if k.ID != 0 {
		old, err := h.store.Check(r.Context(), k.ID)
		if err != nil || old.UnitID != unit.ID {
			h.render.NotFound(w, r)
			return
		}
	}
	year := k.Year
	if year == 0 {
		year = h.store.Today().Year()
	}
	if !errs.Any() {
		_, err := h.store.SaveCheck(r.Context(), user.Actor(), k)
		next := func() string {
			return "/inspection/checks?unit=" + strconv.FormatInt(unit.ID, 10) + "&year=" + strconv.Itoa(year)
		}
		if errs = h.render.Saved(w, r, err, "inspection.check.saved", next); errs == nil {
			return
		}
	}
	h.checksStatus(w, r, http.StatusUnprocessableEntity, unit, year, checksPage{Errors: errs, Form: k, Open: k.ID})
}
