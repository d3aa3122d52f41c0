package main

import (
	"context"

	"papihub/internal/audit"
	"papihub/internal/legaldoc"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

// The register of legal normative documents: relations, reviews, the
// yearly list of expired documents and the five-yearly systematisation.
func init() {
	addCapability(capability{
		name:    "legaldoc",
		modules: []db.Module{legaldoc.Migrations},
		nav:     []web.NavItem{{Key: "nav.legal", Href: "/legal"}},
		routes: func(app *web.App, d deps) {
			legaldoc.Routes(app, legaldoc.NewStore(d.db, d.now), report.NewRegister(d.db, d.dataDir, d.now))
		},
		demo: loadLegalDemo,
		registers: func(d deps) []any {
			return []any{legaldoc.NewRegister(legaldoc.NewStore(d.db, d.now), report.NewRegister(d.db, d.dataDir, d.now))}
		},
	})
}

// loadLegalDemo gives the Department of Science and Technology a small
// register: decisions and resolutions of the province in its fields, with
// an amendment, a replacement, a partial repeal and a detailing decision.
func loadLegalDemo(ctx context.Context, d deps) error {
	s := legaldoc.NewStore(d.db, d.now)
	unit, err := s.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		return err
	}
	dec, err := legaldoc.NewDecoder(legaldoc.DemoRegister(), "csv")
	if err != nil {
		return err
	}
	defer dec.Close()
	_, err = s.Import(ctx, audit.System, unit.ID, dec, false)
	return err
}
