package main

import (
	"context"

	"papihub/internal/audit"
	"papihub/internal/papi"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// PAPI: the official results, where the province stands and where the gap is.
func init() {
	addCapability(capability{
		name:    "papi",
		modules: []db.Module{papi.Migrations},
		nav:     []web.NavItem{{Key: "nav.papi", Href: "/papi"}},
		routes: func(app *web.App, d deps) {
			papi.Routes(app, papi.NewStore(d.db, d.now), d.org)
		},
		// The demo province's standing needs the official results 2011–2021,
		// bundled in the binary (the shared data folder is not).
		demo: func(ctx context.Context, d deps) error {
			_, err := papi.NewStore(d.db, d.now).LoadOfficial(ctx, audit.System)
			return err
		},
	})
}
