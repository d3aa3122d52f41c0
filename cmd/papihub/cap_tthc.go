package main

import (
	"context"
	"os"
	"strconv"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
	"papihub/internal/tthc"
)

// Procedures, dossiers and the service index of Decision 766.
func init() {
	addCapability(capability{
		name:    "tthc",
		modules: []db.Module{tthc.Migrations},
		nav:     []web.NavItem{{Key: "nav.tthc", Href: "/tthc"}},
		routes: func(app *web.App, d deps) {
			tthc.Routes(app, indexStore(d), lookupLimits())
		},
		demo:       loadTTHCDemo,
		background: keepPartitions,
		registers: func(d deps) []any {
			return []any{tthc.NewIndexMeasures(indexStore(d))}
		},
	})
}

// lookupLimits reads the public look-up's per-client limit from
// PAPIHUB_LOOKUP_RATE (requests per second, 0 = none; default 5) and
// PAPIHUB_LOOKUP_BURST (default 20). Each process limits on its own.
func lookupLimits() tthc.RouteOptions {
	opt := tthc.RouteOptions{LookupRate: 5, LookupBurst: 20}
	if v, err := strconv.ParseFloat(os.Getenv("PAPIHUB_LOOKUP_RATE"), 64); err == nil {
		opt.LookupRate = v
	}
	if v, err := strconv.Atoi(os.Getenv("PAPIHUB_LOOKUP_BURST")); err == nil {
		opt.LookupBurst = v
	}
	return opt
}

// demoDossiers is a modest agency-year for the demo department, so the
// index page shows real numbers.
const demoDossiers = 3000

// demoAgencyCode is the Department of Science and Technology of the demo
// organisation.
const demoAgencyCode = "000.07.00.H33"

// loadTTHCDemo gives the Department of Science and Technology a generated
// catalogue and the dossiers of this year received so far.
func loadTTHCDemo(ctx context.Context, d deps) error {
	s := tthc.NewStore(d.db, d.secret, d.now)
	unit, err := s.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		return err
	}
	now := d.now()
	year := now.In(tthc.Location).Year()
	_, err = s.GenerateInto(ctx, audit.System, unit, 766, demoDossiers, tthc.GenerateOptions{Year: year, Procedures: 40},
		func(x *tthc.Dossier) bool { return x.AsOf(now) }, nil)
	return err
}
