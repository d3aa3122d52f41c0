package main

import (
	"context"

	"papihub/internal/inspection"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

// The register of inspections and checks: the agency's own checks, the
// conclusions it follows up and their recommendations.
func init() {
	addCapability(capability{
		name:    "inspection",
		modules: []db.Module{inspection.Migrations},
		nav:     []web.NavItem{{Key: "nav.inspection", Href: "/inspection"}},
		routes: func(app *web.App, d deps) {
			inspection.Routes(app, inspection.NewStore(d.db, d.dataDir, d.now), report.NewRegister(d.db, d.dataDir, d.now))
		},
		demo: loadInspectionDemo,
		registers: func(d deps) []any {
			return []any{inspection.NewRegister(inspection.NewStore(d.db, d.dataDir, d.now))}
		},
	})
}

// loadInspectionDemo gives the Department of Science and Technology three
// conclusions dated from today (one with an overdue recovery that repeats
// an earlier one) and this year's plan of checks.
func loadInspectionDemo(ctx context.Context, d deps) error {
	s := inspection.NewStore(d.db, d.dataDir, d.now)
	var units []inspection.Unit
	for _, code := range []string{demoAgencyCode, "000.07.01.H33", "000.07.03.H33", "000.07.06.H33"} {
		u, err := s.UnitByCode(ctx, code)
		if err != nil {
			return err
		}
		units = append(units, u)
	}
	return s.LoadDemo(ctx, units[0], units[1], units[2], units[3])
}
