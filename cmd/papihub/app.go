package main

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"papihub/internal/audit"
	"papihub/internal/home"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/secret"
	"papihub/internal/platform/web"
	"papihub/internal/registers"
	"papihub/internal/report"
	"papihub/internal/tthc"
)

// A capability plugs into papihub in one place, its own cap_<name>.go file,
// which calls addCapability from init. Files initialise in name order, so
// capabilities (and their migrations) are wired in that order, after the
// audit log and the organisation that every one of them refers to.
type capability struct {
	name    string
	modules []db.Module
	nav     []web.NavItem // entries of the main navigation
	routes  func(app *web.App, d deps)
	demo    func(ctx context.Context, d deps) error // demo data, loaded once after the demo organisation
	// background, when set, runs beside `serve` until ctx is cancelled at
	// shutdown (daily jobs). It must return promptly once ctx is done.
	background func(ctx context.Context, e *env, d deps)
	// registers, when set, returns what the capability offers the plan:
	// values implementing registers.Measurer, registers.Agenda or
	// registers.Reporter.
	registers func(d deps) []any
	// home, when set, writes the capability's blocks of a person's home
	// page (their tasks, their plan, the province).
	home func(d deps) home.Panel
}

var capabilities []capability

func addCapability(c capability) { capabilities = append(capabilities, c) }

// modules lists every migration module in the order they apply: the audit
// log, the organisation and the register of issued reports that every
// capability refers to, then the capabilities'.
func modules() []db.Module {
	mods := []db.Module{audit.Migrations, org.Migrations, report.Migrations}
	for _, c := range capabilities {
		mods = append(mods, c.modules...)
	}
	return mods
}

// navOrder is the order of the main menu as the users think of their work:
// the plan and their tasks first, then what is measured. Entries not listed
// come after these, in wiring order.
var navOrder = []string{"nav.plans", "nav.mytasks", "nav.tthc", "nav.papi", "nav.survey"}

// navigation is the main menu: home, each capability's entries, then
// administration.
func navigation() []web.NavItem {
	var entries []web.NavItem
	for _, c := range capabilities {
		entries = append(entries, c.nav...)
	}
	rank := func(key string) int {
		if i := slices.Index(navOrder, key); i >= 0 {
			return i
		}
		return len(navOrder)
	}
	slices.SortStableFunc(entries, func(a, b web.NavItem) int { return rank(a.Key) - rank(b.Key) })
	nav := append([]web.NavItem{{Key: "nav.start", Href: "/"}}, entries...)
	return append(nav, web.NavItem{Key: "nav.admin", Href: "/admin/units", Roles: []string{string(org.RoleAdmin)}})
}

// registerHub gathers what every capability offers the plan.
func registerHub(d deps) *registers.Hub {
	h := new(registers.Hub).CachedBy(d.db.R)
	for _, c := range capabilities {
		if c.registers != nil {
			h.Add(c.registers(d)...)
		}
	}
	return h
}

// deps is what the web application and the capabilities are built from.
type deps struct {
	db      *db.DB
	org     *org.Store
	log     *slog.Logger
	now     func() time.Time
	dataDir string      // evidence files and other uploads live below it
	secret  *secret.Box // seals personal data at rest
	// index is the one store of the service index that the pages, the
	// province view and the warm-up share, so that an index kept by one is
	// found by the others (it keeps them per store).
	index *tthc.Store
}

// complete fills in what a caller may leave out.
func (d deps) complete() deps {
	if d.now == nil {
		d.now = time.Now
	}
	if d.org == nil {
		d.org = org.NewStore(d.db, d.now)
	}
	if d.log == nil {
		d.log = slog.Default()
	}
	if d.index == nil {
		d.index = indexStore(d)
	}
	return d
}

// withSecret loads the personal-data key (PAPIHUB_SECRET_KEY, or the key file
// in the data directory).
func (d deps) withSecret(e *env) (deps, error) {
	box, err := secret.Load(e.getenv(secret.EnvKey), d.dataDir)
	if err != nil {
		return d, err
	}
	d.secret = box
	return d, nil
}

// newApp wires every capability's routes into one handler.
func newApp(d deps) *web.App {
	d = d.complete()
	nav := navigation()
	pools := map[string]*sql.DB{"write": d.db.W, "read": d.db.R}
	if d.db.W == d.db.R {
		pools = map[string]*sql.DB{"pool": d.db.W}
	}
	if p := d.db.ReplicaPool(); p != nil {
		pools["replica"] = p
	}
	metrics := web.NewMetrics(pools)
	render := web.NewRenderer(d.log, nav)
	app := web.NewApp(render, d.org.Authenticate, d.log, metrics)
	if d.db.ReplicaPool() != nil {
		metrics.Register(replicaMetrics(d.db)...)
		app.SetConsistency(d.db)
	}

	app.Handle("GET /healthz", web.Public, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	app.Handle("GET /readyz", web.Public, func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := d.db.Ping(ctx); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ready\n"))
	})
	app.Handle("GET /metrics", web.Public, metrics.Handler().ServeHTTP)
	app.Handle("GET /static/", web.Public, web.StaticHandler().ServeHTTP)
	app.Handle("GET /api/v1/openapi.json", web.Public, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPIDocument)
	})

	org.Routes(app, d.org)
	var panels []home.Panel
	for _, c := range capabilities {
		if c.home != nil {
			panels = append(panels, c.home(d))
		}
	}
	home.Routes(app, nav, home.Keep{DB: d.db.R, Now: d.now, Scope: audit.AnyRecord}, panels...)
	report.Routes(app, report.NewRegister(d.db, d.dataDir, d.now))
	for _, c := range capabilities {
		if c.routes != nil {
			c.routes(app, d)
		}
	}
	return app
}
