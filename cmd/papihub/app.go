package main

import (
	"context"
	"database/sql"
	_ "embed"
	"log/slog"
	"net/http"
	"time"

	"papihub/internal/audit"
	"papihub/internal/home"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// modules lists every capability's migrations in the order they apply:
// audit and org first, since the others refer to units and users.
func modules() []db.Module {
	return []db.Module{audit.Migrations, org.Migrations}
}

// nav is the main navigation; an entry appears once its capability is wired.
var nav = []web.NavItem{
	{Key: "nav.start", Href: "/"},
	{Key: "nav.admin", Href: "/admin/units", Roles: []string{string(org.RoleAdmin)}},
}

//go:embed openapi.json
var openAPIDocument []byte

// deps is what the web application is built from.
type deps struct {
	db  *db.DB
	log *slog.Logger
	now func() time.Time
}

// newApp wires every capability's routes into one handler.
func newApp(d deps) *web.App {
	if d.now == nil {
		d.now = time.Now
	}
	orgStore := org.NewStore(d.db, d.now)
	pools := map[string]*sql.DB{"write": d.db.W, "read": d.db.R}
	if d.db.W == d.db.R {
		pools = map[string]*sql.DB{"pool": d.db.W}
	}
	metrics := web.NewMetrics(pools)
	render := web.NewRenderer(d.log, nav)
	app := web.NewApp(render, orgStore.Authenticate, d.log, metrics)

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

	org.Routes(app, orgStore)
	home.Routes(app, nav)
	return app
}
