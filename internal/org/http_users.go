package org

import (
	"net/http"
	"strconv"

	"papihub/internal/platform/web"
)

type usersPage struct {
	Users []*User
	Query string
	Page  int
	More  bool
}

func (h *handler) users(w http.ResponseWriter, r *http.Request) {
	user := CurrentUser(r)
	p := web.PageOf(r)
	q := r.URL.Query().Get("q")
	users, more, err := h.store.Users(r.Context(), UserFilter{Scope: user.UnitPath, Query: q, Page: p.Page, PerPage: p.PerPage})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "org/users", usersPage{Users: users, Query: q, Page: p.Page, More: more})
}

type userForm struct {
	ID                                     int64
	Username, FullName, Email, Title, Unit string
	Roles                                  map[Role]bool
	Active                                 bool
	Password                               string
}

type userFormPage struct {
	Form   userForm
	Errors web.FieldErrors
	Units  []Unit
	Roles  []Role
}

func parseUserForm(r *http.Request) userForm {
	f := userForm{
		Username: r.PostFormValue("username"), FullName: r.PostFormValue("full_name"), Email: r.PostFormValue("email"),
		Title: r.PostFormValue("title"), Unit: r.PostFormValue("unit_id"), Active: r.PostFormValue("active") == "1",
		Password: r.PostFormValue("password"), Roles: map[Role]bool{},
	}
	for _, v := range r.PostForm["roles"] {
		f.Roles[Role(v)] = true
	}
	return f
}

func (f userForm) input() UserInput {
	in := UserInput{Username: f.Username, FullName: f.FullName, Email: f.Email, Title: f.Title, Active: f.Active, Password: f.Password}
	in.UnitID, _ = strconv.ParseInt(f.Unit, 10, 64) // 0 is reported by Validate
	for r := range f.Roles {
		in.Roles = append(in.Roles, r)
	}
	in.Normalize()
	return in
}

func (h *handler) userFormPage(w http.ResponseWriter, r *http.Request, status int, page userFormPage) {
	units, err := h.store.Units(r.Context(), UnitFilter{Scope: CurrentUser(r).UnitPath})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Units, page.Roles = units, CurrentUser(r).GrantableRoles()
	page.Form.Password = "" // never echoed back
	h.render.PageStatus(w, r, status, "org/user_form", page)
}

func (h *handler) newUser(w http.ResponseWriter, r *http.Request) {
	h.userFormPage(w, r, http.StatusOK, userFormPage{Form: userForm{Active: true, Unit: r.URL.Query().Get("unit"), Roles: map[Role]bool{RoleOfficer: true}}})
}

func (h *handler) createUser(w http.ResponseWriter, r *http.Request) {
	form := parseUserForm(r)
	in := form.input()
	if errs := in.Validate(true); errs.Any() {
		h.userFormPage(w, r, http.StatusUnprocessableEntity, userFormPage{Form: form, Errors: errs})
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
		h.userFormPage(w, r, http.StatusUnprocessableEntity, userFormPage{Form: form, Errors: errs})
		return
	}
	id, err := h.store.CreateUser(r.Context(), CurrentUser(r).Actor(), in)
	if err != nil {
		if fe, ok := h.storeError(w, r, err); ok {
			h.userFormPage(w, r, http.StatusUnprocessableEntity, userFormPage{Form: form, Errors: fe})
		}
		return
	}
	web.Flash(w, "org.user.created")
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (h *handler) loadUserForAdmin(w http.ResponseWriter, r *http.Request) (*User, bool) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return nil, false
	}
	u, err := h.store.User(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return nil, false
	}
	if !CurrentUser(r).Can(ActAdmin, u.UnitPath) {
		h.render.Forbidden(w, r)
		return nil, false
	}
	return u, true
}

func formOfUser(u *User) userForm {
	f := userForm{ID: u.ID, Username: u.Username, FullName: u.FullName, Email: u.Email, Title: u.Title,
		Unit: strconv.FormatInt(u.UnitID, 10), Active: u.Active, Roles: map[Role]bool{}}
	for _, r := range u.Roles {
		f.Roles[r] = true
	}
	return f
}

func (h *handler) editUser(w http.ResponseWriter, r *http.Request) {
	u, ok := h.loadUserForAdmin(w, r)
	if !ok {
		return
	}
	h.userFormPage(w, r, http.StatusOK, userFormPage{Form: formOfUser(u)})
}

func (h *handler) updateUser(w http.ResponseWriter, r *http.Request) {
	u, ok := h.loadUserForAdmin(w, r)
	if !ok {
		return
	}
	form := parseUserForm(r)
	form.ID = u.ID
	in := form.input()
	if errs := in.Validate(false); errs.Any() {
		h.userFormPage(w, r, http.StatusUnprocessableEntity, userFormPage{Form: form, Errors: errs})
		return
	}
	if in.UnitID != u.UnitID && !h.mayAdminUnit(r, in.UnitID) {
		h.render.Forbidden(w, r)
		return
	}
	if errs, err := h.grantErrors(r, u, in); err != nil || errs.Any() {
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		h.userFormPage(w, r, http.StatusUnprocessableEntity, userFormPage{Form: form, Errors: errs})
		return
	}
	if err := h.store.UpdateUser(r.Context(), CurrentUser(r).Actor(), u.ID, in); err != nil {
		if fe, ok := h.storeError(w, r, err); ok {
			h.userFormPage(w, r, http.StatusUnprocessableEntity, userFormPage{Form: form, Errors: fe})
		}
		return
	}
	web.Flash(w, "flash.saved")
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

func (h *handler) resetPassword(w http.ResponseWriter, r *http.Request) {
	u, ok := h.loadUserForAdmin(w, r)
	if !ok {
		return
	}
	if err := h.store.SetPassword(r.Context(), CurrentUser(r).Actor(), u.ID, r.PostFormValue("password")); err != nil {
		if fe, ok := h.storeError(w, r, err); ok {
			h.userFormPage(w, r, http.StatusUnprocessableEntity, userFormPage{Form: formOfUser(u), Errors: fe})
		}
		return
	}
	web.Flash(w, "org.user.password_set")
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}

// grantErrors checks the roles a change gives (GrantedRoles) against what
// the signed-in administrator may grant at the user's unit (User.MayGrant).
func (h *handler) grantErrors(r *http.Request, old *User, in UserInput) (web.FieldErrors, error) {
	unit, err := h.store.Unit(r.Context(), in.UnitID)
	if err != nil {
		return nil, err
	}
	return CurrentUser(r).GrantErrors(GrantedRoles(old, in), unit.Path), nil
}
