package org

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

type unitsPage struct {
	Units         []Unit
	Query         string
	IncludeClosed bool
	Today         time.Time
}

func (h *handler) units(w http.ResponseWriter, r *http.Request) {
	user := CurrentUser(r)
	q := r.URL.Query()
	f := UnitFilter{Scope: user.UnitPath, Query: q.Get("q"), IncludeClosed: q.Get("closed") == "1"}
	units, err := h.store.Units(r.Context(), f)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "org/units", unitsPage{Units: units, Query: f.Query, IncludeClosed: f.IncludeClosed, Today: h.now()})
}

// unitForm is the unit form as typed, kept as text so a page with errors
// shows back exactly what the user wrote.
type unitForm struct {
	ID                                              int64
	Code, Kind, Name, ShortName, ParentID, From, To string
	Successor                                       string
}

type unitFormPage struct {
	Form    unitForm
	Errors  web.FieldErrors
	Parents []Unit
	Kinds   []Kind
	Unit    *Unit
}

func parseUnitForm(r *http.Request) unitForm {
	return unitForm{
		Code: r.PostFormValue("code"), Kind: r.PostFormValue("kind"), Name: r.PostFormValue("name"),
		ShortName: r.PostFormValue("short_name"), ParentID: r.PostFormValue("parent_id"),
		From: r.PostFormValue("valid_from"), To: r.PostFormValue("valid_to"), Successor: r.PostFormValue("successor_id"),
	}
}

// input converts the typed form, reporting dates and ids that do not parse.
func (f unitForm) input() (UnitInput, web.FieldErrors) {
	errs := web.FieldErrors{}
	in := UnitInput{Code: f.Code, Kind: Kind(f.Kind), Name: f.Name, ShortName: f.ShortName}
	if f.ParentID != "" {
		id, err := strconv.ParseInt(f.ParentID, 10, 64)
		if err != nil {
			errs.Add("parent_id", "org.unit.parent.unknown")
		}
		in.ParentID = id
	}
	var err error
	if strings.TrimSpace(f.From) != "" {
		if in.ValidFrom, err = vn.ParseDate(f.From); err != nil {
			errs.Add("valid_from", "form.date.invalid")
		}
	}
	if strings.TrimSpace(f.To) != "" {
		if in.ValidTo, err = vn.ParseDate(f.To); err != nil {
			errs.Add("valid_to", "form.date.invalid")
		}
	}
	in.Normalize()
	for k, v := range in.Validate() {
		errs.Add(k, v)
	}
	return in, errs
}

func (h *handler) unitFormPage(w http.ResponseWriter, r *http.Request, status int, page unitFormPage) {
	parents, err := h.store.Units(r.Context(), UnitFilter{Scope: CurrentUser(r).UnitPath})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Parents, page.Kinds = parents, AllKinds
	h.render.PageStatus(w, r, status, "org/unit_form", page)
}

func (h *handler) newUnit(w http.ResponseWriter, r *http.Request) {
	form := unitForm{Kind: string(KindDivision), From: vn.FormatDate(h.now()), ParentID: r.URL.Query().Get("parent")}
	h.unitFormPage(w, r, http.StatusOK, unitFormPage{Form: form})
}

func (h *handler) createUnit(w http.ResponseWriter, r *http.Request) {
	user := CurrentUser(r)
	form := parseUnitForm(r)
	in, errs := form.input()
	if errs.Any() {
		h.unitFormPage(w, r, http.StatusUnprocessableEntity, unitFormPage{Form: form, Errors: errs})
		return
	}
	if !h.mayAdminUnit(r, in.ParentID) {
		h.render.Forbidden(w, r)
		return
	}
	if _, err := h.store.CreateUnit(r.Context(), user.Actor(), in); err != nil {
		if fe, ok := h.storeError(w, r, err); ok {
			h.unitFormPage(w, r, http.StatusUnprocessableEntity, unitFormPage{Form: form, Errors: fe})
		}
		return
	}
	web.Flash(w, "org.unit.created")
	http.Redirect(w, r, "/admin/units", http.StatusSeeOther)
}

// mayAdminUnit checks that a unit lies in the admin's subtree. Unit 0 stands
// for "no parent": a new root, which only an admin of a root unit may make.
func (h *handler) mayAdminUnit(r *http.Request, unitID int64) bool {
	user := CurrentUser(r)
	if unitID == 0 {
		return user.HasRole(string(RoleAdmin)) && strings.Count(user.UnitPath, "/") == 2
	}
	u, err := h.store.Unit(r.Context(), unitID)
	return err == nil && user.Can(ActAdmin, u.Path)
}

func (h *handler) loadUnitForAdmin(w http.ResponseWriter, r *http.Request) (Unit, bool) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return Unit{}, false
	}
	u, err := h.store.Unit(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return Unit{}, false
	}
	if !CurrentUser(r).Can(ActAdmin, u.Path) {
		h.render.Forbidden(w, r)
		return Unit{}, false
	}
	return u, true
}

func formOfUnit(u Unit) unitForm {
	f := unitForm{ID: u.ID, Code: u.Code, Kind: string(u.Kind), Name: u.Name, ShortName: u.ShortName, From: vn.FormatDate(u.ValidFrom)}
	if u.ParentID != 0 {
		f.ParentID = strconv.FormatInt(u.ParentID, 10)
	}
	if !u.ValidTo.IsZero() {
		f.To = vn.FormatDate(u.ValidTo)
	}
	if u.SuccessorID != 0 {
		f.Successor = strconv.FormatInt(u.SuccessorID, 10)
	}
	return f
}

func (h *handler) editUnit(w http.ResponseWriter, r *http.Request) {
	u, ok := h.loadUnitForAdmin(w, r)
	if !ok {
		return
	}
	h.unitFormPage(w, r, http.StatusOK, unitFormPage{Form: formOfUnit(u), Unit: &u})
}

func (h *handler) updateUnit(w http.ResponseWriter, r *http.Request) {
	u, ok := h.loadUnitForAdmin(w, r)
	if !ok {
		return
	}
	form := parseUnitForm(r)
	form.ID = u.ID
	in, errs := form.input()
	if errs.Any() {
		h.unitFormPage(w, r, http.StatusUnprocessableEntity, unitFormPage{Form: form, Errors: errs, Unit: &u})
		return
	}
	if in.ParentID != u.ParentID && !h.mayAdminUnit(r, in.ParentID) {
		h.render.Forbidden(w, r)
		return
	}
	if err := h.store.UpdateUnit(r.Context(), CurrentUser(r).Actor(), u.ID, in); err != nil {
		if fe, ok := h.storeError(w, r, err); ok {
			h.unitFormPage(w, r, http.StatusUnprocessableEntity, unitFormPage{Form: form, Errors: fe, Unit: &u})
		}
		return
	}
	web.Flash(w, "flash.saved")
	http.Redirect(w, r, "/admin/units", http.StatusSeeOther)
}

func (h *handler) closeUnit(w http.ResponseWriter, r *http.Request) {
	u, ok := h.loadUnitForAdmin(w, r)
	if !ok {
		return
	}
	form := formOfUnit(u)
	form.To, form.Successor = r.PostFormValue("valid_to"), r.PostFormValue("successor_id")
	lastDay, err := vn.ParseDate(form.To)
	if err != nil {
		h.unitFormPage(w, r, http.StatusUnprocessableEntity, unitFormPage{Form: form, Errors: web.FieldErrors{"valid_to": "form.date.invalid"}, Unit: &u})
		return
	}
	var successor int64
	if form.Successor != "" {
		if successor, err = strconv.ParseInt(form.Successor, 10, 64); err != nil {
			h.unitFormPage(w, r, http.StatusUnprocessableEntity, unitFormPage{Form: form, Errors: web.FieldErrors{"successor_id": "org.unit.successor.unknown"}, Unit: &u})
			return
		}
	}
	if err := h.store.CloseUnit(r.Context(), CurrentUser(r).Actor(), u.ID, lastDay, successor); err != nil {
		if fe, ok := h.storeError(w, r, err); ok {
			h.unitFormPage(w, r, http.StatusUnprocessableEntity, unitFormPage{Form: form, Errors: fe, Unit: &u})
		}
		return
	}
	web.Flash(w, "org.unit.closed_done")
	http.Redirect(w, r, "/admin/units?closed=1", http.StatusSeeOther)
}
