package legaldoc

import (
	"embed"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

//go:embed templates/*.html
var templatesFS embed.FS

type handler struct {
	store   *Store
	render  *web.Renderer
	reports *report.Register // where issued lists are kept
}

// Who changes the register: those who work on a unit's records (officers
// included: the legal officer keeps the register and records reviews).
// Lists are issued by those who approve and issue reports. Everyone else
// who reads the unit reads the register; a Home Affairs reviewer reads
// every unit's and changes nothing.
var (
	workers = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager, org.RoleOfficer)...)
	issuers = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleLeader)...)
	maxFile = int64(20 << 20) // an uploaded register: 20,000 rows of CSV are 4 MB
)

// Routes registers the register's pages, its API and the public read-only
// API the portal uses.
func Routes(app *web.App, s *Store, reports *report.Register) {
	app.Render.Add("legaldoc", templatesFS, "templates")
	h := &handler{store: s, render: app.Render, reports: reports}

	app.Handle("GET /legal", web.SignedIn, h.list)
	app.Handle("GET /legal/new", workers, h.newForm)
	app.Handle("POST /legal", workers, h.create)
	app.Handle("GET /legal/{id}", web.SignedIn, h.show)
	app.Handle("POST /legal/{id}", workers, h.update)
	app.Handle("POST /legal/{id}/relations", workers, h.addRelation)
	app.Handle("POST /legal/{id}/relations/{rid}/delete", workers, h.removeRelation)
	app.Handle("POST /legal/{id}/reviews", workers, h.addReview)
	app.Handle("GET /legal/import", workers, h.importForm)
	app.Handle("POST /legal/import", workers, h.importFile, web.MaxBody(maxFile))
	app.Handle("GET /legal/expired", web.SignedIn, h.expired)
	app.Handle("GET /legal/expired/file", web.SignedIn, h.expiredFile)
	app.Handle("POST /legal/expired", issuers, h.issueExpired)
	app.Handle("GET /legal/system", web.SignedIn, h.system)
	app.Handle("GET /legal/system/file", web.SignedIn, h.systemFile)
	app.Handle("GET /legal/overview", web.SignedIn, h.overview)

	app.Handle("GET /api/v1/legal/documents", web.SignedIn, h.apiDocuments)
	app.Handle("POST /api/v1/legal/documents", workers, h.apiCreate)
	app.Handle("GET /api/v1/legal/documents/{id}", web.SignedIn, h.apiDocument)
	app.Handle("POST /api/v1/legal/documents/{id}/relations", workers, h.apiAddRelation)
	app.Handle("POST /api/v1/legal/documents/{id}/reviews", workers, h.apiAddReview)
	app.Handle("GET /api/v1/legal/status", web.SignedIn, h.apiStatus)
	app.Handle("GET /api/v1/legal/expired", web.SignedIn, h.apiExpired)
	app.Handle("GET /api/v1/public/legal/documents", web.Public, h.apiPublicDocuments)
	app.Handle("GET /api/v1/public/legal/expired", web.Public, h.apiPublicExpired)
}

// unitFor reads ?unit= (default the user's unit) and checks that the user
// reads it.
func (h *handler) unitFor(w http.ResponseWriter, r *http.Request, user *org.User) (Unit, bool) {
	return org.RequestedUnit(w, r, h.render, user, org.ActRead, h.store.Unit, ErrNotFound, unitPath)
}

// workUnit is unitFor for a change: the user must work on the unit.
func (h *handler) workUnit(w http.ResponseWriter, r *http.Request, user *org.User) (Unit, bool) {
	return org.RequestedUnit(w, r, h.render, user, org.ActWork, h.store.Unit, ErrNotFound, unitPath)
}

func unitPath(u Unit) string { return u.Path }

// loadDocument reads the document of {id} if the user may read it; it
// answers 404 otherwise, so that others' registers are not probed.
func (h *handler) loadDocument(w http.ResponseWriter, r *http.Request, user *org.User) (Document, string, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return Document{}, "", false
	}
	d, err := h.store.Document(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return d, "", false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return d, "", false
	}
	path, err := h.store.UnitPath(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return d, "", false
	}
	if !user.Can(org.ActRead, path) {
		h.render.NotFound(w, r)
		return d, "", false
	}
	return d, path, true
}

// workDocument is loadDocument for a change: the user must work on the
// document's unit.
func (h *handler) workDocument(w http.ResponseWriter, r *http.Request, user *org.User) (Document, string, bool) {
	d, path, ok := h.loadDocument(w, r, user)
	if ok && !user.Can(org.ActWork, path) {
		h.render.Forbidden(w, r)
		return d, path, false
	}
	return d, path, ok
}

// dateField reads a dd/mm/yyyy (or yyyy-mm-dd) form field; blank is the
// zero time.
func dateField(v string, field string, errs web.FieldErrors) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	t, err := vn.ParseDate(v)
	if err != nil {
		errs.Add(field, "legaldoc.date.invalid")
		return time.Time{}
	}
	return day(t)
}

// yearOf reads ?year= (default: last year, whose list is due this January).
func (h *handler) yearOf(r *http.Request, name string, def int) (int, bool) {
	v := strings.TrimSpace(r.FormValue(name))
	if v == "" {
		return def, true
	}
	y, err := strconv.Atoi(v)
	return y, err == nil && y >= 1945 && y <= 2200
}

// subNav is the register's tabs.
type subNav struct {
	Active  string
	Unit    Unit
	CanWork bool
}

func (h *handler) nav(active string, u Unit, user *org.User) subNav {
	return subNav{Active: active, Unit: u, CanWork: user.Can(org.ActWork, u.Path)}
}
