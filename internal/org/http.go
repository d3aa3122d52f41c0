package org

import (
	"embed"
	"errors"
	"net/http"
	"strconv"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

type handler struct {
	store  *Store
	render *web.Renderer
	now    func() time.Time
}

var adminOnly = web.Roles(string(RoleAdmin))

// Routes registers sign-in, the account page, the administration of units,
// users, tokens and the audit log, and the organisation API.
func Routes(app *web.App, store *Store) {
	app.Render.Add("org", templatesFS, "templates")
	h := &handler{store: store, render: app.Render, now: store.now}

	app.Handle("GET /login", web.Public, h.loginForm)
	app.Handle("POST /login", web.Public, h.login)
	app.Handle("POST /logout", web.SignedIn, h.logout)
	app.Handle("POST /lang", web.Public, h.setLang)
	app.Handle("GET /account", web.SignedIn, h.account)
	app.Handle("POST /account/password", web.SignedIn, h.changePassword)

	app.Handle("GET /admin/units", adminOnly, h.units)
	app.Handle("GET /admin/units/new", adminOnly, h.newUnit)
	app.Handle("POST /admin/units", adminOnly, h.createUnit)
	app.Handle("GET /admin/units/{id}", adminOnly, h.editUnit)
	app.Handle("POST /admin/units/{id}", adminOnly, h.updateUnit)
	app.Handle("POST /admin/units/{id}/close", adminOnly, h.closeUnit)
	app.Handle("GET /admin/users", adminOnly, h.users)
	app.Handle("GET /admin/users/new", adminOnly, h.newUser)
	app.Handle("POST /admin/users", adminOnly, h.createUser)
	app.Handle("GET /admin/users/{id}", adminOnly, h.editUser)
	app.Handle("POST /admin/users/{id}", adminOnly, h.updateUser)
	app.Handle("POST /admin/users/{id}/password", adminOnly, h.resetPassword)
	app.Handle("GET /admin/tokens", adminOnly, h.tokens)
	app.Handle("POST /admin/tokens", adminOnly, h.createToken)
	app.Handle("POST /admin/tokens/{id}/revoke", adminOnly, h.revokeToken)
	app.Handle("GET /admin/audit", adminOnly, h.auditLog)

	app.Handle("GET /api/v1/me", web.SignedIn, h.apiMe)
	app.Handle("GET /api/v1/units", web.SignedIn, h.apiUnits)
	app.Handle("POST /api/v1/units", adminOnly, h.apiCreateUnit)
	app.Handle("GET /api/v1/units/{id}", web.SignedIn, h.apiUnit)
	app.Handle("PUT /api/v1/units/{id}", adminOnly, h.apiUpdateUnit)
	app.Handle("GET /api/v1/users", adminOnly, h.apiUsers)
	app.Handle("POST /api/v1/users", adminOnly, h.apiCreateUser)
	app.Handle("GET /api/v1/users/{id}", adminOnly, h.apiUser)
}

// pathID reads a numeric {id} from the route; a malformed one is a 404.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// storeError answers a store failure: field errors go back to the form (the
// caller renders them), a missing row is a 404, anything else a 500. It
// returns the field errors when there are some.
func (h *handler) storeError(w http.ResponseWriter, r *http.Request, err error) (web.FieldErrors, bool) {
	if fe, ok := web.AsValidation(err); ok {
		return fe, true
	}
	if errors.Is(err, db.ErrNotFound) {
		h.render.NotFound(w, r)
		return nil, false
	}
	h.render.Error(w, r, err)
	return nil, false
}
