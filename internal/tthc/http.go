package tthc

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/http"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

//go:embed static/whatif.js static/print.css
var staticFS embed.FS

// RouteOptions tunes the routes of the capability.
type RouteOptions struct {
	// LookupRate and LookupBurst limit the public look-up per client
	// address (requests per second; 0 = no limit).
	LookupRate  float64
	LookupBurst int
}

type handler struct {
	store   *Store
	render  *web.Renderer
	limiter *web.Limiter

	indexPages audit.Cache[indexPageKey, indexPageView]
}

var (
	managers  = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager)...)
	revealers = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleLeader, org.RoleManager)...)
	workers   = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager, org.RoleOfficer)...)
)

// Routes registers the pages and API of procedures, dossiers and the
// service index.
func Routes(app *web.App, s *Store, opt RouteOptions) {
	app.Render.Add("tthc", templatesFS, "templates")
	h := &handler{store: s, render: app.Render, limiter: web.NewLimiter(opt.LookupRate, opt.LookupBurst)}

	app.Handle("GET /tthc", web.SignedIn, h.indexPage)
	app.Handle("POST /tthc/inputs", managers, h.saveInput)
	app.Handle("GET /tthc/whatif", web.SignedIn, h.whatIf)
	app.Handle("GET /tthc/dossiers", web.SignedIn, h.dossiers)
	app.Handle("GET /tthc/dossiers/{code}", web.SignedIn, h.dossier)
	app.Handle("POST /tthc/dossiers/{code}/reveal", revealers, h.reveal)
	app.Handle("GET /tthc/dossiers/{code}/forms/{form}", web.SignedIn, h.form)
	app.Handle("GET /tthc/register", web.SignedIn, h.register)
	app.Handle("GET /tthc/procedures", web.SignedIn, h.procedures)
	app.Handle("GET /tthc/procedures/{id}", web.SignedIn, h.procedure)
	app.Handle("POST /tthc/procedures/{id}", managers, h.saveProcedure)
	app.Handle("GET /tthc/calendar", web.SignedIn, h.calendar)
	app.Handle("POST /tthc/calendar", calendarAdmins, h.saveCalendarDay)
	app.Handle("POST /tthc/calendar/remove", calendarAdmins, h.removeCalendarDay)
	app.Handle("POST /tthc/calendar/import", calendarAdmins, h.importCalendar, web.MaxBody(1<<20))
	app.Handle("GET /tthc/static/", web.Public, h.static)
	app.Handle("GET /tra-cuu", web.Public, h.lookupPage)

	app.Handle("GET /api/v1/index", web.SignedIn, h.apiIndex)
	app.Handle("POST /api/v1/dossiers/events", workers, h.apiEvents, web.MaxBody(16<<20))
	app.Handle("GET /api/v1/public/dossiers/{code}", web.Public, h.apiLookup)
}

func (h *handler) static(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Path[len("/tthc/"):]
	b, err := staticFS.ReadFile(name)
	if err != nil {
		h.render.NotFound(w, r)
		return
	}
	switch {
	case name == "static/whatif.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	default:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(b)
}

// unitFor reads ?unit= (default the user's unit) and checks that the user
// reads it.
func (h *handler) unitFor(w http.ResponseWriter, r *http.Request, user *org.User) (UnitInfo, bool) {
	return org.RequestedUnit(w, r, h.render, user, org.ActRead, h.store.Unit, ErrNotFound, unitPath)
}

func unitPath(u UnitInfo) string { return u.Path }

// periodFor reads ?period= (default: DefaultPeriod, the current month).
func (h *handler) periodFor(r *http.Request) (Period, error) {
	v := r.FormValue("period")
	if v == "" {
		return h.store.DefaultPeriod(), nil
	}
	return ParsePeriod(v)
}

// unitsInScope lists the units a user may pick: their subtree and the
// closed units it succeeded.
func (h *handler) unitsInScope(ctx context.Context, user *org.User) ([]UnitInfo, error) {
	var out []UnitInfo
	var args []any
	scope := org.PathIn("path", user.ReadScopes(), func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) })
	err := eachRow(ctx, h.store.db.R, "SELECT id, code, name, path FROM units WHERE "+scope+" ORDER BY path", args, func(r *sql.Rows) error {
		var u UnitInfo
		if err := r.Scan(&u.ID, &u.Code, &u.Name, &u.Path); err != nil {
			return err
		}
		out = append(out, u)
		return nil
	})
	return out, err
}

// clientIP is the address a request came from (see web.ClientIP).
func clientIP(r *http.Request) string { return web.ClientIP(r) }

// failed answers a store error: what lies in an archived year (a dossier,
// a period) as 410 with the reason, anything else as the logged apology.
func (h *handler) failed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, ErrArchived) {
		h.render.Gone(w, r, err.Error())
		return
	}
	h.render.Error(w, r, err)
}
