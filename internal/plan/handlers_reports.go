package plan

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"papihub/internal/org"
	"papihub/internal/platform/chart"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

type reportsPage struct {
	View     *planView
	Reports  []report.Issued
	More     bool
	Page     int
	Period   string
	Errors   web.FieldErrors
	CanIssue bool
}

func (h *handler) planReports(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	h.planReportsStatus(w, r, http.StatusOK, v, nil)
}

func (h *handler) planReportsStatus(w http.ResponseWriter, r *http.Request, status int, v planView, errs web.FieldErrors) {
	pg := web.PageOf(r)
	list, more, err := h.store.Reports(r.Context(), v.Plan.ID, pg.Page, pg.PerPage)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	period := PeriodOf(Quarter, h.store.Today())
	if period.Year != v.Plan.Year {
		period = Period{Kind: Year, Year: v.Plan.Year}
	}
	h.render.PageStatus(w, r, status, "plan/reports", reportsPage{View: &v, Reports: list, More: more, Page: pg.Page, Period: period.String(), Errors: errs,
		CanIssue: org.CurrentUser(r).Can(org.ActApprove, v.Plan.UnitPath)})
}

func (h *handler) issueReport(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActApprove, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	rep, err := h.store.IssueReport(r.Context(), user.Actor(), v.Plan.ID, r.PostFormValue("period"), r.PostFormValue("format"), r.PostFormValue("number"))
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			h.planReportsStatus(w, r, http.StatusUnprocessableEntity, v, fe)
			return
		}
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, "plan.report.issued")
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(v.Plan.ID, 10)+"/reports#r"+strconv.FormatInt(rep.ID, 10), http.StatusSeeOther)
}

type rollupRow struct {
	Plan  PlanListItem
	Cells []Figures
	Total Figures
}

type rollupPage struct {
	View  planView
	Dims  []string
	Rows  []rollupRow
	Cards []dimensionCard
	Chart template.HTML
}

// rollup is the province view: every agency's plan derived from this one,
// with its progress per dimension, and the dimensions summed over them.
func (h *handler) rollup(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	if !v.Full {
		h.render.NotFound(w, r)
		return
	}
	user := org.CurrentUser(r)
	derived, _, err := h.store.Plans(r.Context(), PlanFilter{ReadScopes: user.ReadScopes(), DerivedFrom: v.Plan.ID, PerPage: 200})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := rollupPage{View: v}
	for _, s := range v.Plan.Sections {
		page.Dims = append(page.Dims, s.Dimension)
	}
	sortDimensions(page.Dims)
	var planIDs []int64
	for _, d := range derived {
		dims, total, err := h.store.Summary(r.Context(), SummaryFilter{PlanID: d.ID})
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		row := rollupRow{Plan: d, Total: total}
		for _, code := range page.Dims {
			var f Figures
			for _, x := range dims {
				if x.Dimension == code {
					f = x.Figures
				}
			}
			row.Cells = append(row.Cells, f)
		}
		page.Rows = append(page.Rows, row)
		planIDs = append(planIDs, d.ID)
	}
	if len(planIDs) > 0 {
		if page.Cards, _, err = h.cards(r, v, SummaryFilter{PlanIDs: planIDs}); err != nil {
			h.render.Error(w, r, err)
			return
		}
	}
	var bars []chart.Bar
	for _, row := range page.Rows {
		bars = append(bars, chart.Bar{Label: row.Plan.UnitName, Value: row.Total.Percent(), Max: 100})
	}
	page.Chart = chart.Bars(chart.BarChart{Title: web.T(web.Lang(r), "plan.rollup.title"), Bars: bars, Unit: "%", Horizontal: true})
	h.render.Render(w, r, "plan/rollup", page)
}

// deriveTargets are the units a plan may be derived for: the open agencies
// and communes below its issuer that the user manages, in Vietnamese
// alphabetical order (a province plan is passed down to its departments
// and communes).
func (h *handler) deriveTargets(r *http.Request, p Plan) ([]org.Unit, error) {
	user := org.CurrentUser(r)
	units, err := h.org.Units(r.Context(), org.UnitFilter{Scope: p.UnitPath, On: h.store.Today()})
	if err != nil {
		return nil, err
	}
	var out []org.Unit
	for _, u := range units {
		switch {
		case u.ID == p.UnitID, u.Kind != org.KindAgency && u.Kind != org.KindHomeAffairs && u.Kind != org.KindCommune,
			!u.OpenOn(h.store.Today()), !user.Can(org.ActManage, u.Path):
			continue
		}
		out = append(out, u)
	}
	slices.SortStableFunc(out, func(a, b org.Unit) int { return vn.Compare(a.Name, b.Name) })
	return out, nil
}

// derive creates the chosen unit's plan from this one with the tasks ticked.
func (h *handler) derive(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	back := "/plans/" + strconv.FormatInt(v.Plan.ID, 10)
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	targets, err := h.deriveTargets(r, v.Plan)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if !slices.ContainsFunc(targets, func(u org.Unit) bool { return u.ID == unitID }) {
		web.Flash(w, "plan.derive.unit.invalid")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	id, err := h.store.DerivePlan(r.Context(), user.Actor(), v.Plan.ID, unitID, ids(r.PostForm["task"]))
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			for _, k := range fe {
				web.Flash(w, k)
				break
			}
			http.Redirect(w, r, back, http.StatusSeeOther)
			return
		}
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, "plan.created")
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
