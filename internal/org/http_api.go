package org

import (
	"net/http"
	"strconv"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// UnitJSON is a unit as the API shows it. Dates are YYYY-MM-DD.
type UnitJSON struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	Kind        Kind   `json:"kind"`
	Name        string `json:"name"`
	ShortName   string `json:"short_name,omitempty"`
	ParentID    int64  `json:"parent_id,omitempty"`
	Path        string `json:"path"`
	Level       int    `json:"level"`
	ValidFrom   string `json:"valid_from"`
	ValidTo     string `json:"valid_to,omitempty"`
	SuccessorID int64  `json:"successor_id,omitempty"`
}

// ToJSON converts a unit for the API and `papihub unit list --json`.
func (u Unit) ToJSON() UnitJSON {
	j := UnitJSON{ID: u.ID, Code: u.Code, Kind: u.Kind, Name: u.Name, ShortName: u.ShortName, ParentID: u.ParentID,
		Path: u.Path, Level: u.Level, ValidFrom: db.FormatDate(u.ValidFrom), SuccessorID: u.SuccessorID}
	if !u.ValidTo.IsZero() {
		j.ValidTo = db.FormatDate(u.ValidTo)
	}
	return j
}

// UserJSON is a user as the API shows it.
type UserJSON struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	FullName string `json:"full_name"`
	Email    string `json:"email,omitempty"`
	Title    string `json:"title,omitempty"`
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
	Roles    []Role `json:"roles"`
	Active   bool   `json:"active"`
}

// ToJSON converts a user for the API and `papihub user list --json`.
func (u *User) ToJSON() UserJSON {
	return UserJSON{ID: u.ID, Username: u.Username, FullName: u.FullName, Email: u.Email, Title: u.Title,
		UnitID: u.UnitID, UnitName: u.UnitName, Roles: u.Roles, Active: u.Active}
}

func (h *handler) apiMe(w http.ResponseWriter, r *http.Request) {
	web.WriteJSON(w, http.StatusOK, CurrentUser(r).ToJSON())
}

func (h *handler) apiUnits(w http.ResponseWriter, r *http.Request) {
	user := CurrentUser(r)
	p := web.PageOf(r)
	units, err := h.store.Units(r.Context(), UnitFilter{Scope: user.ReadScope(), Query: r.URL.Query().Get("q"), IncludeClosed: r.URL.Query().Get("closed") == "1"})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	resp := web.ListResponse[UnitJSON]{Items: []UnitJSON{}, Page: p.Page, PerPage: p.PerPage}
	for i := p.Offset(); i < len(units) && i < p.Offset()+p.PerPage; i++ {
		resp.Items = append(resp.Items, units[i].ToJSON())
	}
	resp.More = len(units) > p.Offset()+p.PerPage
	web.WriteJSON(w, http.StatusOK, resp)
}

func (h *handler) apiUnit(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	u, err := h.store.Unit(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	// A unit outside the caller's reach is answered as missing, so the API
	// does not confirm what exists elsewhere.
	if !CurrentUser(r).Can(ActRead, u.Path) {
		h.render.NotFound(w, r)
		return
	}
	web.WriteJSON(w, http.StatusOK, u.ToJSON())
}

// unitRequest is the body of POST and PUT /api/v1/units.
type unitRequest struct {
	Code      string `json:"code"`
	Kind      Kind   `json:"kind"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	ParentID  int64  `json:"parent_id"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to"`
}

func (req unitRequest) input() (UnitInput, web.FieldErrors) {
	errs := web.FieldErrors{}
	in := UnitInput{Code: req.Code, Kind: req.Kind, Name: req.Name, ShortName: req.ShortName, ParentID: req.ParentID}
	parse := func(field, s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			errs.Add(field, "form.date.invalid")
		}
		return t
	}
	in.ValidFrom, in.ValidTo = parse("valid_from", req.ValidFrom), parse("valid_to", req.ValidTo)
	in.Normalize()
	for k, v := range in.Validate() {
		errs.Add(k, v)
	}
	return in, errs
}

func (h *handler) apiCreateUnit(w http.ResponseWriter, r *http.Request) {
	var req unitRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	in, errs := req.input()
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", errs)
		return
	}
	if !h.mayAdminUnit(r, in.ParentID) {
		h.render.Forbidden(w, r)
		return
	}
	id, err := h.store.CreateUnit(r.Context(), CurrentUser(r).Actor(), in)
	if err != nil {
		h.apiStoreError(w, r, err)
		return
	}
	u, err := h.store.Unit(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/units/"+strconv.FormatInt(id, 10))
	web.WriteJSON(w, http.StatusCreated, u.ToJSON())
}

func (h *handler) apiUpdateUnit(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	old, err := h.store.Unit(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	if !CurrentUser(r).Can(ActAdmin, old.Path) {
		h.render.Forbidden(w, r)
		return
	}
	var req unitRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	in, errs := req.input()
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", errs)
		return
	}
	if in.ParentID != old.ParentID && !h.mayAdminUnit(r, in.ParentID) {
		h.render.Forbidden(w, r)
		return
	}
	if err := h.store.UpdateUnit(r.Context(), CurrentUser(r).Actor(), id, in); err != nil {
		h.apiStoreError(w, r, err)
		return
	}
	u, err := h.store.Unit(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, u.ToJSON())
}

func (h *handler) apiStoreError(w http.ResponseWriter, r *http.Request, err error) {
	if fe, ok := h.storeError(w, r, err); ok {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", fe)
	}
}

func (h *handler) apiUsers(w http.ResponseWriter, r *http.Request) {
	p := web.PageOf(r)
	users, more, err := h.store.Users(r.Context(), UserFilter{Scope: CurrentUser(r).UnitPath, Query: r.URL.Query().Get("q"), Page: p.Page, PerPage: p.PerPage})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	resp := web.ListResponse[UserJSON]{Items: []UserJSON{}, Page: p.Page, PerPage: p.PerPage, More: more}
	for _, u := range users {
		resp.Items = append(resp.Items, u.ToJSON())
	}
	web.WriteJSON(w, http.StatusOK, resp)
}

func (h *handler) apiUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	u, err := h.store.User(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	if !CurrentUser(r).Can(ActAdmin, u.UnitPath) {
		h.render.NotFound(w, r)
		return
	}
	web.WriteJSON(w, http.StatusOK, u.ToJSON())
}

// userRequest is the body of POST /api/v1/users.
type userRequest struct {
	Username string `json:"username"`
	FullName string `json:"full_name"`
	Email    string `json:"email"`
	Title    string `json:"title"`
	UnitID   int64  `json:"unit_id"`
	Roles    []Role `json:"roles"`
	Password string `json:"password"`
}

func (h *handler) apiCreateUser(w http.ResponseWriter, r *http.Request) {
	var req userRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	in := UserInput{Username: req.Username, FullName: req.FullName, Email: req.Email, Title: req.Title, UnitID: req.UnitID, Roles: req.Roles, Password: req.Password, Active: true}
	in.Normalize()
	if errs := in.Validate(true); errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", errs)
		return
	}
	if !h.mayAdminUnit(r, in.UnitID) {
		h.render.Forbidden(w, r)
		return
	}
	if errs, err := h.grantErrors(r, nil, in); err != nil || errs.Any() {
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", errs)
		return
	}
	id, err := h.store.CreateUser(r.Context(), CurrentUser(r).Actor(), in)
	if err != nil {
		h.apiStoreError(w, r, err)
		return
	}
	u, err := h.store.User(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(id, 10))
	web.WriteJSON(w, http.StatusCreated, u.ToJSON())
}
