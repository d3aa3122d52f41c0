package province

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/period"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

type roundsPage struct {
	Province  org.Unit
	Rounds    []Round
	CanManage bool
	Form      RoundForm
	Errors    web.FieldErrors
}

// RoundForm is the round form as typed.
type RoundForm struct{ Period, Deadline, Note string }

func (f RoundForm) input() (RoundInput, web.FieldErrors) {
	in := RoundInput{Period: strings.TrimSpace(f.Period), Note: f.Note}
	errs := web.FieldErrors{}
	if strings.TrimSpace(f.Deadline) != "" {
		d, err := vn.ParseDate(f.Deadline)
		if err != nil {
			errs.Add("deadline", "province.round.deadline.invalid")
		}
		in.Deadline = period.DayOf(d) // a calendar date, as periods keep them
	}
	return in, errs
}

func (h *handler) provinceOf(w http.ResponseWriter, r *http.Request, user *org.User) (org.Unit, bool) {
	scope, err := h.store.ScopeOf(r.Context(), user)
	if err != nil {
		h.render.Error(w, r, err)
		return org.Unit{}, false
	}
	province, err := h.store.org.Unit(r.Context(), rootID(scope.Path))
	if err != nil {
		h.render.Error(w, r, err)
		return org.Unit{}, false
	}
	return province, true
}

func (h *handler) rounds(w http.ResponseWriter, r *http.Request) {
	h.roundsPage(w, r, http.StatusOK, RoundForm{}, nil)
}

func (h *handler) roundsPage(w http.ResponseWriter, r *http.Request, status int, form RoundForm, errs web.FieldErrors) {
	user := org.CurrentUser(r)
	province, ok := h.provinceOf(w, r, user)
	if !ok {
		return
	}
	list, err := h.store.Rounds(r.Context(), province.ID, 50)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.PageStatus(w, r, status, "province/rounds", roundsPage{Province: province, Rounds: list, CanManage: mayManage(user, province), Form: form, Errors: errs})
}

// homeAffairsOf is the unit that opens a round on the user's behalf: the
// user's own unit (Home Affairs for a reviewer), or the province's Home
// Affairs department for an administrator of the province.
func (h *handler) homeAffairsOf(r *http.Request, user *org.User, province org.Unit) (org.Unit, error) {
	own, err := h.store.org.Unit(r.Context(), user.UnitID)
	if err != nil || own.Kind == org.KindHomeAffairs {
		return own, err
	}
	units, err := h.store.org.Units(r.Context(), org.UnitFilter{Scope: province.Path})
	if err != nil {
		return own, err
	}
	for _, u := range units {
		if u.Kind == org.KindHomeAffairs {
			return u, nil
		}
	}
	return own, nil
}

func (h *handler) openRound(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	form := RoundForm{Period: r.PostFormValue("period"), Deadline: r.PostFormValue("deadline"), Note: r.PostFormValue("note")}
	in, errs := form.input()
	if errs.Any() {
		h.roundsPage(w, r, http.StatusUnprocessableEntity, form, errs)
		return
	}
	province, ok := h.provinceOf(w, r, user)
	if !ok {
		return
	}
	if !mayManage(user, province) {
		h.render.Forbidden(w, r)
		return
	}
	ha, err := h.homeAffairsOf(r, user, province)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	id, err := h.store.OpenRound(r.Context(), user.Actor(), province, ha, in)
	if fields, ok := web.AsValidation(err); ok {
		h.roundsPage(w, r, http.StatusUnprocessableEntity, form, fields)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "province.round.opened")
	http.Redirect(w, r, "/province/rounds/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

type roundPage struct {
	Round     Round
	Province  org.Unit
	Units     []roundUnitView
	Late      int
	Submitted int
	Returned  int
	CanManage bool
	Issued    []report.Issued // the consolidated reports issued for the round
	Errors    web.FieldErrors
}

// roundUnitView is a round unit with what the viewer may do to it.
type roundUnitView struct {
	RoundUnit
	Late      bool
	CanSubmit bool
	Choices   []report.Issued // the unit's plan reports for the period
}

func (h *handler) round(w http.ResponseWriter, r *http.Request) {
	h.roundPage(w, r, http.StatusOK, nil)
}

func (h *handler) roundPage(w http.ResponseWriter, r *http.Request, status int, errs web.FieldErrors) {
	user := org.CurrentUser(r)
	round, province, ok := h.loadRound(w, r, user)
	if !ok {
		return
	}
	units, err := h.store.RoundUnits(r.Context(), round)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	p := roundPage{Round: round, Province: province, CanManage: mayManage(user, province), Errors: errs}
	today := h.store.Today()
	for _, ru := range units {
		v := roundUnitView{RoundUnit: ru, Late: ru.Late(today, round.Deadline)}
		v.CanSubmit = ru.Status != Accepted && (user.Can(org.ActApprove, ru.Unit.Path) || (ru.StandIn.ID != 0 && user.Can(org.ActApprove, ru.StandIn.Path)))
		if v.CanSubmit {
			if v.Choices, err = h.store.PlanReports(r.Context(), ru, round.Period); err != nil {
				h.render.Error(w, r, err)
				return
			}
		}
		if !p.CanManage && !user.Can(org.ActRead, ru.Unit.Path) && !(ru.StandIn.ID != 0 && user.Can(org.ActRead, ru.StandIn.Path)) {
			continue // an agency sees its own line, Home Affairs every line
		}
		switch {
		case v.Late:
			p.Late++
		case ru.Status == Submitted || ru.Status == Accepted:
			p.Submitted++
		}
		if ru.Status == Returned {
			p.Returned++
		}
		p.Units = append(p.Units, v)
	}
	if p.CanManage {
		if p.Issued, _, err = h.reports.List(r.Context(), report.RegisterFilter{Kind: ReportKind, SourceID: round.ID, PerPage: 20}); err != nil {
			h.render.Error(w, r, err)
			return
		}
	}
	h.render.PageStatus(w, r, status, "province/round", p)
}

// roundUnitOf reads {unit} of the path.
func roundUnitOf(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("unit"), 10, 64)
	return id, err == nil
}

func (h *handler) submit(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	round, _, ok := h.loadRound(w, r, user)
	if !ok {
		return
	}
	unitID, ok := roundUnitOf(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	reportID, _ := strconv.ParseInt(r.PostFormValue("report_id"), 10, 64)
	if !h.maySubmit(w, r, user, round, unitID) {
		return
	}
	err := h.store.Submit(r.Context(), user.Actor(), round, unitID, reportID)
	h.afterChange(w, r, round, err, "province.round.submitted")
}

// maySubmit checks that user issues reports for the unit, or for the
// unit answering for it after a merger.
func (h *handler) maySubmit(w http.ResponseWriter, r *http.Request, user *org.User, round Round, unitID int64) bool {
	units, err := h.store.RoundUnits(r.Context(), round)
	if err != nil {
		h.render.Error(w, r, err)
		return false
	}
	for _, ru := range units {
		if ru.Unit.ID != unitID {
			continue
		}
		if user.Can(org.ActApprove, ru.Unit.Path) || (ru.StandIn.ID != 0 && user.Can(org.ActApprove, ru.StandIn.Path)) {
			return true
		}
		h.render.Forbidden(w, r)
		return false
	}
	h.render.NotFound(w, r)
	return false
}

func (h *handler) review(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	round, province, ok := h.loadRound(w, r, user)
	if !ok {
		return
	}
	if !mayManage(user, province) {
		h.render.Forbidden(w, r)
		return
	}
	unitID, ok := roundUnitOf(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	accept := r.PostFormValue("decision") == "accept"
	err := h.store.Review(r.Context(), user.Actor(), round, unitID, accept, r.PostFormValue("comment"))
	key := "province.round.accepted"
	if !accept {
		key = "province.round.returned"
	}
	h.afterChange(w, r, round, err, key)
}

// afterChange answers a change to a round: back to the round with a flash,
// the round again with the field errors, 404 for a unit the round does not
// expect, or the apology.
func (h *handler) afterChange(w http.ResponseWriter, r *http.Request, round Round, err error, flash string) {
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	if fields, ok := web.AsValidation(err); ok {
		h.roundPage(w, r, http.StatusUnprocessableEntity, fields)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, flash)
	http.Redirect(w, r, "/province/rounds/"+strconv.FormatInt(round.ID, 10), http.StatusSeeOther)
}
