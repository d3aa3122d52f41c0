package portal

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"papihub/internal/platform/web"
)

// The PAPI plan in the portal's JSON API: what the plan pages show (issued
// plans only, tasks by dimension with the leading division and counts, the
// reports issued on it), never who did a task or what they wrote.

func (h *handler) planAPIRoutes(app *web.App) {
	app.Handle("GET "+APIBase+"/{agency}/plans", web.Public, h.apiPlans)
	app.Handle("GET "+APIBase+"/{agency}/plans/{plan}", web.Public, h.apiPlan)
	app.Handle("GET "+APIBase+"/{agency}/plans/{plan}/reports/{report}", web.Public, h.apiPlanReport)
}

// planLineJSON is a plan in the list, with its page and its API address.
type planLineJSON struct {
	PlanLine
	Page string `json:"page"`
	Href string `json:"href"`
}

// planDimensionJSON is a dimension with its name in the asked language.
type planDimensionJSON struct {
	PlanDimension
	Name string `json:"name"`
}

type planJSON struct {
	PlanView
	Dims []planDimensionJSON `json:"dimensions"`
	Page string              `json:"page"`
}

type planReportJSON struct {
	PlanReportView
	Dims []planDimensionJSON `json:"dimensions"`
	Page string              `json:"page"`
}

func planDimensionsJSON(lang string, year int, dims []PlanDimension) []planDimensionJSON {
	out := make([]planDimensionJSON, 0, len(dims))
	for _, d := range dims {
		out = append(out, planDimensionJSON{PlanDimension: d, Name: view{Lang: lang}.Dimension(year, d.Code)})
	}
	return out
}

func planPage(a Agency, id int64) string {
	return Base + "/" + url.PathEscape(a.Code) + "/ke-hoach/" + strconv.FormatInt(id, 10)
}

func (h *handler) apiPlans(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Plans != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		list, err := h.src.Plans.Plans(ctx, a.Unit)
		out := make([]planLineJSON, 0, len(list))
		for _, pl := range list {
			out = append(out, planLineJSON{PlanLine: pl, Page: planPage(a, pl.ID),
				Href: APIBase + "/" + url.PathEscape(a.Code) + "/plans/" + strconv.FormatInt(pl.ID, 10)})
		}
		return map[string]any{"items": out}, err
	})
}

func (h *handler) apiPlan(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Plans != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		id, ok := pathID(r.PathValue("plan"))
		if !ok {
			return nil, ErrNotFound
		}
		v, err := h.src.Plans.Plan(ctx, a.Unit, id)
		if err != nil {
			return nil, err
		}
		if v.Reports == nil {
			v.Reports = []PlanReport{}
		}
		return planJSON{PlanView: v, Dims: planDimensionsJSON(p.lang, v.Year, v.Dims), Page: planPage(a, id)}, nil
	})
}

func (h *handler) apiPlanReport(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Plans != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		planID, ok := pathID(r.PathValue("plan"))
		id, ok2 := pathID(r.PathValue("report"))
		if !ok || !ok2 {
			return nil, ErrNotFound
		}
		v, err := h.src.Plans.Report(ctx, a.Unit, planID, id)
		if err != nil {
			return nil, err
		}
		if v.Items == nil {
			v.Items = []PlanItem{}
		}
		return planReportJSON{PlanReportView: v, Dims: planDimensionsJSON(p.lang, v.Plan.Year, v.Dims),
			Page: planPage(a, planID) + "/bao-cao/" + strconv.FormatInt(id, 10)}, nil
	})
}
