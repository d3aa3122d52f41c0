package portal

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/papi"
	"papihub/internal/platform/web"
)

// The PAPI plan's public view: the plans the agency issued, each with its
// tasks by dimension and the reports issued on it, and the province's
// official PAPI standing they aim to raise.
func (h *handler) planRoutes(app *web.App) {
	app.Handle("GET "+Base+"/{agency}/ke-hoach", web.Public, h.plans)
	app.Handle("GET "+Base+"/{agency}/ke-hoach/{plan}", web.Public, h.plan)
	app.Handle("GET "+Base+"/{agency}/ke-hoach/{plan}/bao-cao/{report}", web.Public, h.planReport)
}

// pathID reads a record's number from the path: digits only, so that
// "12abc", "-1" and "1e3" are the one "not found" page.
func pathID(s string) (int64, bool) {
	if s == "" || len(s) > 18 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// standing is the official PAPI standing of the province unit belongs to,
// nil when there is none to show.
func (h *handler) standing(ctx context.Context, unit org.Unit) (*papi.Standing, error) {
	if h.src.Standing == nil {
		return nil, nil
	}
	st, ok, err := h.src.Standing.Standing(ctx, unit)
	if err != nil || !ok {
		return nil, err
	}
	return &st, nil
}

// plansData is the list of an agency's plans with the province's standing.
type plansData struct {
	Plans    []PlanLine
	Standing *papi.Standing
}

func (h *handler) plans(w http.ResponseWriter, r *http.Request) {
	if h.src.Plans == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "plan", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		list, err := h.src.Plans.Plans(ctx, a.Unit)
		if err != nil {
			return "", "", nil, err
		}
		st, err := h.standing(ctx, a.Unit)
		return "plans", web.T(p.lang, "portal.plan.title"), plansData{Plans: list, Standing: st}, err
	})
}

func (h *handler) plan(w http.ResponseWriter, r *http.Request) {
	if h.src.Plans == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "plan", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		id, ok := pathID(r.PathValue("plan"))
		if !ok {
			return "", "", nil, ErrNotFound
		}
		v, err := h.src.Plans.Plan(ctx, a.Unit, id)
		return "plan", v.Title, v, err
	})
}

func (h *handler) planReport(w http.ResponseWriter, r *http.Request) {
	if h.src.Plans == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "plan", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		planID, ok := pathID(r.PathValue("plan"))
		id, ok2 := pathID(r.PathValue("report"))
		if !ok || !ok2 {
			return "", "", nil, ErrNotFound
		}
		v, err := h.src.Plans.Report(ctx, a.Unit, planID, id)
		return "planreport", web.T(p.lang, "portal.plan.report.title", periodName(p.lang, v.Report.Period, v.Report.Label)), v, err
	})
}

// Dimension names a PAPI dimension of a plan's year in the page's
// language: "D3. Trách nhiệm giải trình với người dân"; "" is the plan's
// general tasks.
func (v view) Dimension(year int, code string) string {
	if code == "" {
		return v.T("portal.plan.general")
	}
	if fw, ok := papi.FrameworkFor(year); ok {
		if d, ok := fw.Dimension(code); ok {
			return code + ". " + v.Name(d.NameVI, d.NameEN)
		}
	}
	return code
}

// homeData is the province portal's home: the province's own portal, its
// agencies and its communes, and the province's official PAPI standing.
type homeData struct {
	Province []org.Unit
	Agencies []org.Unit
	Communes []org.Unit
	Standing *papi.Standing
}

func (h *handler) homeData(ctx context.Context, list []org.Unit) (homeData, error) {
	var d homeData
	for _, u := range list {
		switch u.Kind {
		case org.KindProvince:
			d.Province = append(d.Province, u)
		case org.KindCommune:
			d.Communes = append(d.Communes, u)
		default:
			d.Agencies = append(d.Agencies, u)
		}
	}
	if len(d.Province) > 0 {
		st, err := h.standing(ctx, d.Province[0])
		if err != nil {
			return d, err
		}
		d.Standing = st
	}
	return d, nil
}

// sitemapPlans are the addresses of an agency's plans and of the reports
// issued on them.
func (h *handler) sitemapPlans(ctx context.Context, home string, a org.Unit) ([]sitemapURL, error) {
	if h.src.Plans == nil {
		return nil, nil
	}
	plans, err := h.src.Plans.Plans(ctx, a)
	if err != nil {
		return nil, err
	}
	out := []sitemapURL{{Loc: home + "/ke-hoach"}}
	for _, p := range plans {
		v, err := h.src.Plans.Plan(ctx, a, p.ID)
		if err != nil {
			return nil, err
		}
		page := home + "/ke-hoach/" + strconv.FormatInt(p.ID, 10)
		out = append(out, sitemapURL{Loc: page})
		for _, r := range v.Reports {
			out = append(out, sitemapURL{Loc: page + "/bao-cao/" + strconv.FormatInt(r.ID, 10)})
		}
	}
	return out, nil
}

// periodName names a report's period in lang from its key ("2026Q1": "quý
// I năm 2026", "the first quarter of 2026"); fallback when the key is not
// one the plan room writes.
func periodName(lang, key, fallback string) string {
	if lang == web.LangVI && fallback != "" {
		return fallback // the plan room's own words ("quý I năm 2026")
	}
	var year, n int
	var kind byte
	switch {
	case len(key) == 4:
		kind = 'Y'
	case len(key) == 6 && (key[4] == 'Q' || key[4] == 'S'):
		kind, n = key[4], int(key[5]-'0')
	case len(key) == 7 && key[4] == '-':
		kind = 'M'
		if m, err := strconv.Atoi(key[5:]); err == nil {
			n = m
		}
	default:
		return fallback
	}
	year, err := strconv.Atoi(key[:4])
	if err != nil || (kind == 'Q' && (n < 1 || n > 4)) || (kind == 'S' && (n < 1 || n > 2)) || (kind == 'M' && (n < 1 || n > 12)) {
		return fallback
	}
	return web.T(lang, "portal.plan.period."+string(kind), year, n)
}

// PeriodName is a report's period in the page's language.
func (v view) PeriodName(r PlanReport) string { return periodName(v.Lang, r.Period, r.Label) }
