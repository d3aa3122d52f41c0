package main

import (
	"context"
	"strings"
	"sync"
	"time"

	"papihub/internal/home"
	"papihub/internal/org"
	"papihub/internal/papi"
	"papihub/internal/plan"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
	"papihub/internal/province"
	"papihub/internal/registers"
	"papihub/internal/report"
	"papihub/internal/tthc"
)

// The province view of Home Affairs and the leaders: the dashboard, the
// reporting rounds and the consolidated report. Its figures come from the
// plan, the dossiers and the official results, wired here.
func init() {
	addCapability(capability{
		name:    "province",
		modules: []db.Module{province.Migrations},
		nav: []web.NavItem{{Key: "nav.province", Href: "/province",
			Roles: org.RoleNames(org.RoleAdmin, org.RoleLeader, org.RoleFocal, org.RoleReviewer)}},
		routes: func(app *web.App, d deps) {
			province.Routes(app, provinceStore(d))
		},
		registers: func(d deps) []any {
			return []any{provinceAgenda{d}}
		},
		home: func(d deps) home.Panel { return province.HomePanel(provinceStore(d)) },
	})
}

// provinceAgenda puts the reports a unit owes a round on its agenda. It
// builds the store when asked, because the store reads the registers'
// sections through the hub that lists it.
type provinceAgenda struct{ d deps }

func (a provinceAgenda) Agenda(ctx context.Context, user *org.User, today time.Time, days int) ([]registers.Item, error) {
	return provinceStore(a.d).Agenda(ctx, user, today, days)
}

// provinceStore is the province store reading the plan, the dossiers, the
// official results and the registers.
func provinceStore(d deps) *province.Store {
	return shared(d, func(s *sharedStores) (*sync.Once, **province.Store) { return &s.provinceOnce, &s.province }, newProvinceStore)
}

func newProvinceStore(d deps) *province.Store {
	d = d.complete()
	plans := plan.NewStore(d.db, d.dataDir, d.now)
	dossiers := indexStore(d)
	src := province.Sources{
		Progress: func(ctx context.Context, year int, scope string) (map[int64]province.Progress, error) {
			by, err := plans.ByIssuer(ctx, year, scope)
			if err != nil {
				return nil, err
			}
			out := make(map[int64]province.Progress, len(by))
			for id, f := range by {
				out[id] = province.Progress{Total: f.Total, Done: f.Done, Submitted: f.Submitted, Returned: f.Returned, Overdue: f.Overdue, DueSoon: f.DueSoon}
			}
			return out, nil
		},
		ProgressReads: plan.KeptScope, // ByIssuer reads the instance counts of the plans (Summary's)
		Dimensions: func(ctx context.Context, year int, unitIDs []int64, from, to time.Time) ([]province.DimensionProgress, error) {
			ids, err := plans.PlanIDsOf(ctx, year, unitIDs)
			if err != nil || len(ids) == 0 {
				return nil, err
			}
			dims, err := plans.Dimensions(ctx, ids, from, to)
			if err != nil {
				return nil, err
			}
			out := make([]province.DimensionProgress, len(dims))
			for i, f := range dims {
				out[i] = province.DimensionProgress{Dimension: f.Dimension, Progress: province.Progress{Total: f.Total, Done: f.Done,
					Submitted: f.Submitted, Returned: f.Returned, Overdue: f.Overdue, DueSoon: f.DueSoon}}
			}
			return out, nil
		},
		Index:    serviceIndex(dossiers),
		Standing: provinceStanding(d),
		Sections: func(ctx context.Context, scope registers.Scope, from, to time.Time) ([]registers.Section, error) {
			return registerHub(d).Sections(ctx, scope, from, to)
		},
	}
	return province.NewStore(d.db, d.org, report.NewRegister(d.db, d.dataDir, d.now), src, d.now)
}

// serviceIndex scores units with the Decision 766 index: the children of
// one parent in a single pass over the parent's subtree (its breakdown by
// unit), others one by one. A unit with no dossier received in the period
// has no score: the index would otherwise give it the points for "no
// feedback".
func serviceIndex(s *tthc.Store) func(ctx context.Context, parent int64, unitIDs []int64, key string) (map[int64]province.IndexScore, error) {
	return func(ctx context.Context, parent int64, unitIDs []int64, key string) (map[int64]province.IndexScore, error) {
		p, err := tthc.ParsePeriod(key)
		if err != nil {
			return nil, err
		}
		out := map[int64]province.IndexScore{}
		if parent != 0 {
			u, err := s.Unit(ctx, parent)
			if err != nil {
				return nil, err
			}
			rep, err := s.Index(ctx, u, p, tthc.IndexOptions{Breakdowns: true, UnitsOnly: true})
			if err != nil {
				return nil, err
			}
			for _, row := range rep.ByUnit {
				if row.Received > 0 {
					out[row.ID] = province.IndexScore{Total: row.Total, Known: true}
				}
			}
			return out, nil
		}
		for _, id := range unitIDs {
			u, err := s.Unit(ctx, id)
			if err != nil {
				return nil, err
			}
			rep, err := s.Index(ctx, u, p, tthc.IndexOptions{})
			if err != nil {
				return nil, err
			}
			if rep.Received > 0 {
				out[id] = province.IndexScore{Total: rep.Result.Total, Known: true}
			}
		}
		return out, nil
	}
}

// provinceStanding is the latest official PAPI standing of the province
// a root unit names ("UBND tỉnh Hưng Yên").
func provinceStanding(d deps) func(ctx context.Context, rootID int64) (papi.Standing, bool, error) {
	results := papi.NewStore(d.db, d.now)
	return func(ctx context.Context, rootID int64) (papi.Standing, bool, error) {
		root, err := d.org.Unit(ctx, rootID)
		if err != nil {
			return papi.Standing{}, false, err
		}
		p, ok := papi.ProvinceIn(strings.TrimSpace(root.Name), d.now().Year())
		if !ok {
			return papi.Standing{}, false, nil
		}
		return results.LatestStanding(ctx, p)
	}
}
