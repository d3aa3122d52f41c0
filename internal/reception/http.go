package reception

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
	reports *report.Register
	lookups *web.Limiter
}

// Who changes the register: the desk and the officers who handle cases
// (admin, focal, manager, officer); a leader reads, reveals what the law
// lets the head see, and issues reports; a Home Affairs reviewer and a
// viewer read and change nothing.
var (
	workers  = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager, org.RoleOfficer)...)
	revealer = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleLeader, org.RoleManager, org.RoleOfficer)...)
	issuers  = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleLeader)...)
	maxFile  = int64(20 << 20)
)

// Routes registers the register's pages, its API and the public read-only
// API the portal uses.
// lookups limits the public look-up and rating by code per client, as the
// dossiers' look-up is limited.
func Routes(app *web.App, s *Store, reports *report.Register, lookups *web.Limiter) {
	app.Render.Add("reception", templatesFS, "templates")
	h := &handler{store: s, render: app.Render, reports: reports, lookups: lookups}

	app.Handle("GET /reception", web.SignedIn, h.list)
	app.Handle("GET /reception/new", workers, h.newForm)
	app.Handle("POST /reception", workers, h.create)
	app.Handle("GET /reception/entries/{id}", web.SignedIn, h.showEntry)
	app.Handle("POST /reception/entries/{id}/reveal", revealer, h.reveal)
	app.Handle("POST /reception/entries/{id}/handle", workers, h.handle)
	app.Handle("GET /reception/cases", web.SignedIn, h.cases)
	app.Handle("GET /reception/cases/{id}", web.SignedIn, h.showCase)
	app.Handle("POST /reception/cases/{id}/steps", workers, h.step)
	app.Handle("POST /reception/cases/{id}/rating", workers, h.rate)
	app.Handle("GET /reception/schedule", web.SignedIn, h.schedule)
	app.Handle("POST /reception/schedule", workers, h.addSession)
	app.Handle("GET /reception/schedule/mine", web.SignedIn, h.mySessions)
	app.Handle("GET /reception/report", web.SignedIn, h.report)
	app.Handle("GET /reception/report/file", web.SignedIn, h.reportDownload)
	app.Handle("GET /reception/logbook/file", web.SignedIn, h.logbookDownload)
	app.Handle("POST /reception/report", issuers, h.issueReport)

	app.Handle("GET /api/v1/reception/entries", web.SignedIn, h.apiEntries)
	app.Handle("POST /api/v1/reception/entries", workers, h.apiCreate)
	app.Handle("GET /api/v1/reception/cases", web.SignedIn, h.apiCases)
	app.Handle("GET /api/v1/reception/cases/{id}", web.SignedIn, h.apiCase)
	app.Handle("POST /api/v1/reception/cases/{id}/steps", workers, h.apiStep)
	app.Handle("GET /api/v1/public/reception/schedule", web.Public, h.apiPublicSchedule)
	app.Handle("GET /api/v1/public/reception/figures", web.Public, h.apiPublicFigures)
	app.Handle("GET /api/v1/public/reception/lookup", web.Public, h.apiPublicLookup)
	app.Handle("POST /api/v1/public/reception/rating", web.Public, h.apiPublicRate)
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

// loadEntry reads the entry of {id} with its unit's path and case, if the
// user may read it (the unit's readers, or the case's handler); 404
// otherwise, so that others' logbooks are not probed.
func (h *handler) loadEntry(w http.ResponseWriter, r *http.Request, user *org.User) (Entry, Case, string, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return Entry{}, Case{}, "", false
	}
	e, err := h.store.Entry(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return e, Case{}, "", false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return e, Case{}, "", false
	}
	var c Case
	if e.CaseID != 0 {
		if c, err = h.store.Case(r.Context(), e.CaseID); err != nil {
			h.render.Error(w, r, err)
			return e, c, "", false
		}
	}
	path, err := h.store.UnitPath(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return e, c, "", false
	}
	if !MayReadCase(user, path, c) {
		h.render.NotFound(w, r)
		return e, c, "", false
	}
	return e, c, path, true
}

// loadCase reads the case of {id} if the user may read it.
func (h *handler) loadCase(w http.ResponseWriter, r *http.Request, user *org.User) (Case, string, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return Case{}, "", false
	}
	c, err := h.store.Case(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return c, "", false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return c, "", false
	}
	path, err := h.store.UnitPath(r.Context(), c.EntryID)
	if err != nil {
		h.render.Error(w, r, err)
		return c, "", false
	}
	if !MayReadCase(user, path, c) {
		h.render.NotFound(w, r)
		return c, "", false
	}
	return c, path, true
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
		errs.Add(field, "reception.date.invalid")
		return time.Time{}
	}
	return day(t)
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
