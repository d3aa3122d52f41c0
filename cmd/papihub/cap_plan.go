package main

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"sync"

	"papihub/internal/audit"
	"papihub/internal/home"
	"papihub/internal/papi"
	"papihub/internal/plan"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

func init() {
	addCapability(capability{
		name:    "plan",
		modules: []db.Module{plan.Migrations},
		nav: []web.NavItem{
			{Key: "nav.plans", Href: "/plans"},
			{Key: "nav.mytasks", Href: "/tasks/mine"},
		},
		routes: func(app *web.App, d deps) {
			plan.Routes(app, planStore(d), d.org, officialStanding(d))
		},
		home:       func(d deps) home.Panel { return plan.HomePanel(planStore(d)) },
		demo:       loadPlanDemo,
		background: remindDaily,
	})
}

// remindDaily sends the in-app reminders and e-mail digests once a day at
// PAPIHUB_REMIND_HOUR (default 7, Vietnam time) from `serve`, so that no
// cron job is needed; with several processes on one database exactly one
// of them sends each day.
func remindDaily(ctx context.Context, e *env, d deps) {
	d = d.complete()
	hour, err := plan.RemindHourFromEnv(e.getenv)
	if err != nil {
		d.log.Error("daily reminders off", slog.Any("err", err))
		return
	}
	plan.RemindDaily(ctx, planStore(d), plan.SMTPConfigFromEnv(e.getenv), hour, d.log)
}

// planStore is the plan's store reading what every register offers.
func planStore(d deps) *plan.Store {
	return shared(d, func(s *sharedStores) (*sync.Once, **plan.Store) { return &s.plansOnce, &s.plans }, newPlanStore)
}

func newPlanStore(d deps) *plan.Store {
	return plan.NewStore(d.db, d.dataDir, d.now).WithRegisters(registerHub(d))
}

// demoBaselines gives the demo's 2026 plan the province's latest official
// scores as its baselines, as a focal office would copy them into the
// plan's status paragraphs.
func demoBaselines(ctx context.Context, d deps, store *plan.Store, planID, unitID int64) error {
	st, ok, err := officialStanding(d)(ctx, unitID, 2026)
	if err != nil || !ok {
		return err
	}
	p, err := store.Plan(ctx, planID)
	if err != nil {
		return err
	}
	h := plan.HeaderOf(p)
	for _, code := range papi.DimensionCodes {
		if score, ok := st.Scores[code]; ok {
			score = math.Round(score*100) / 100
			h.Baselines = append(h.Baselines, plan.Baseline{Dimension: code, Year: st.Year, Score: &score,
				Text: fmt.Sprintf("Kết quả PAPI chính thức năm %d của tỉnh %s.", st.Year, st.Province)})
		}
	}
	return store.UpdatePlanHeader(ctx, audit.System, planID, h)
}

// officialStanding gives a plan's page the latest official PAPI scores of
// the province its unit belongs to: the province the root of the unit's
// tree names ("UBND tỉnh Hưng Yên"), its latest year in the results.
func officialStanding(d deps) plan.StandingSource {
	results := papi.NewStore(d.db, d.now)
	return func(ctx context.Context, unitID int64, planYear int) (plan.OfficialStanding, bool, error) {
		u, err := d.org.Unit(ctx, unitID)
		if err != nil {
			return plan.OfficialStanding{}, false, err
		}
		rootID, err := strconv.ParseInt(strings.Split(strings.Trim(u.Path, "/"), "/")[0], 10, 64)
		if err != nil {
			return plan.OfficialStanding{}, false, nil
		}
		root, err := d.org.Unit(ctx, rootID)
		if err != nil {
			return plan.OfficialStanding{}, false, err
		}
		p, ok := papi.ProvinceIn(root.Name, planYear)
		if !ok {
			return plan.OfficialStanding{}, false, nil
		}
		st, ok, err := results.LatestStanding(ctx, p) // kept until the next audited change
		if err != nil {
			return plan.OfficialStanding{}, false, err
		}
		if !ok {
			return plan.OfficialStanding{}, false, nil
		}
		out := plan.OfficialStanding{Province: p.Name, Year: st.Year, Scores: map[string]float64{}, URL: papi.StandingURL(p.Name, st.Year, "")}
		for _, dim := range st.Dimensions {
			if dim.Score.Present {
				out.Scores[dim.Code] = dim.Score.Value
			}
		}
		return out, true, nil
	}
}

// loadPlanDemo imports the seed plan (2023) for the closed Department of
// Information and Communications, and gives the Department of Science and
// Technology its 2026 plan from the template, with tasks assigned to its
// divisions and instances accepted, submitted, returned, in progress and
// overdue. It runs once: a second run finds the plans and stops.
func loadPlanDemo(ctx context.Context, d deps) error {
	d = d.complete()
	store := planStore(d)
	stttt, err := d.org.UnitByCode(ctx, "000.10.00.H33")
	if err != nil {
		return fmt.Errorf("demo plans: %w", err)
	}
	existing, _, err := store.Plans(ctx, plan.PlanFilter{ReadScopes: []string{"/"}, UnitID: stttt.ID, PerPage: 1})
	if err != nil || len(existing) > 0 {
		return err
	}
	if _, _, err := store.Import(ctx, audit.System, plan.SeedPlan, "ke-hoach-papi-2023-so-tttt-hung-yen.md", stttt.ID); err != nil {
		return fmt.Errorf("demo seed plan: %w", err)
	}
	skhcn, err := d.org.UnitByCode(ctx, "000.07.00.H33")
	if err != nil {
		return err
	}
	id, err := store.CreateFromTemplate(ctx, audit.System, skhcn.ID, 2026)
	if err != nil {
		return fmt.Errorf("demo 2026 plan: %w", err)
	}
	if err := demoBaselines(ctx, d, store, id, skhcn.ID); err != nil {
		return fmt.Errorf("demo baselines: %w", err)
	}
	leads := map[string]string{"D2": "000.07.04.H33", "D4": "000.07.03.H33", "D5": "000.07.01.H33", "D8": "000.07.06.H33"}
	tasks, _, err := store.Tasks(ctx, plan.TaskFilter{PlanID: id, PerPage: 200})
	if err != nil {
		return err
	}
	focal, err := d.org.UserByUsername(ctx, "vanphong")
	if err != nil {
		return err
	}
	for _, t := range tasks {
		code, ok := leads[t.Dimension]
		if !ok {
			continue
		}
		u, err := d.org.UnitByCode(ctx, code)
		if err != nil {
			return err
		}
		in := t.Input()
		in.LeadUnitID = u.ID
		if err := store.UpdateTask(ctx, focal.Actor(), t.ID, in); err != nil {
			return fmt.Errorf("demo assign: %w", err)
		}
	}
	officer, err := d.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		return err
	}
	// The IT division's quarters: Q1 accepted, Q2 accepted, Q3 returned,
	// Q4 in progress; other divisions' Q1 accepted and Q2 submitted.
	insts, _, err := store.Instances(ctx, plan.InstanceFilter{PlanID: id, PerPage: 200})
	if err != nil {
		return err
	}
	cds, err := d.org.UnitByCode(ctx, "000.07.06.H33")
	if err != nil {
		return err
	}
	actor := officer.Actor()
	for _, inst := range insts {
		var steps []string
		switch {
		case inst.LeadUnitID == cds.ID && (inst.Period == "2026Q1" || inst.Period == "2026Q2"):
			steps = []string{"submit", "accept"}
		case inst.LeadUnitID == cds.ID && inst.Period == "2026Q3":
			steps = []string{"submit", "return"}
		case inst.LeadUnitID == cds.ID && inst.Period == "2026Q4":
			steps = []string{"progress"}
		case inst.Period == "2026Q1":
			steps = []string{"submit", "accept"}
		case inst.Period == "2026Q2" && inst.LeadUnitID != skhcn.ID:
			steps = []string{"submit"}
		}
		for _, step := range steps {
			switch step {
			case "progress":
				_, err = store.PostUpdate(ctx, actor, inst.ID, plan.UpdateInput{Text: "Đang tổng hợp số liệu của quý.", Percent: 40})
			case "submit":
				_, err = store.PostUpdate(ctx, actor, inst.ID, plan.UpdateInput{Text: "Đã thực hiện theo kế hoạch; báo cáo kèm theo.", Percent: 100, Submit: true})
			case "accept":
				err = store.Review(ctx, focal.Actor(), inst.ID, true, "Đạt yêu cầu.")
			case "return":
				err = store.Review(ctx, focal.Actor(), inst.ID, false, "Bổ sung số liệu truy cập Cổng Dịch vụ công của quý.")
			}
			if err != nil {
				return fmt.Errorf("demo progress %s: %w", step, err)
			}
		}
	}
	// The plan the department works on is issued, so that its public view
	// is on the department's portal.
	p, err := store.Plan(ctx, id)
	if err != nil {
		return err
	}
	h := plan.HeaderOf(p)
	h.Number, h.IssueDate = "15", "2026-02-10"
	if h.Symbol == "" {
		h.Symbol = "KH-SKHCN"
	}
	if err := store.EditPlan(ctx, focal.Actor(), id, h, plan.PlanIssued); err != nil {
		return fmt.Errorf("demo issue the plan: %w", err)
	}
	_, err = store.Remind(ctx, plan.DueSoonDays)
	return err
}
