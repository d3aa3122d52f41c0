package province

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"

	"papihub/internal/org"
	"papihub/internal/platform/chart"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

type dashboardPage struct {
	View
	Query, Sort string
	Desc        bool
	Shown       []Row
	Progress    template.HTML // units' progress, best first
	Index       template.HTML // units' service index, best first
	CanManage   bool
}

// view reads the dashboard of the user's scope for ?period=, searched with
// ?q= and sorted by ?sort= (&desc=1).
func (h *handler) view(w http.ResponseWriter, r *http.Request) (dashboardPage, bool) {
	user := org.CurrentUser(r)
	scope, err := h.store.ScopeOf(r.Context(), user)
	if err != nil {
		h.render.Error(w, r, err)
		return dashboardPage{}, false
	}
	q := r.URL.Query()
	v, err := h.store.Dashboard(r.Context(), scope, q.Get("period"))
	if err != nil {
		if errors.Is(err, errPeriod) {
			h.render.BadRequest(w, r, err)
		} else {
			h.render.Error(w, r, err)
		}
		return dashboardPage{}, false
	}
	p := dashboardPage{View: v, Query: q.Get("q"), Sort: q.Get("sort"), Desc: q.Get("desc") == "1", CanManage: mayManage(user, scope)}
	if !slices.Contains(SortKeys, p.Sort) {
		p.Sort = "name"
	}
	p.Shown = Search(slices.Clone(v.Rows), p.Query)
	Sort(p.Shown, p.Sort, p.Desc)
	return p, true
}

func (h *handler) dashboard(w http.ResponseWriter, r *http.Request) {
	p, ok := h.view(w, r)
	if !ok {
		return
	}
	p.Progress, p.Index = charts(p.Shown, web.Lang(r))
	h.render.Render(w, r, "province/dashboard", p)
}

// printable is the one-page summary: the totals, the charts and the table,
// without the page's controls.
func (h *handler) printable(w http.ResponseWriter, r *http.Request) {
	p, ok := h.view(w, r)
	if !ok {
		return
	}
	p.Progress, p.Index = charts(p.Shown, web.Lang(r))
	h.render.Render(w, r, "province/print", p)
}

// charts draws the units' progress and index as horizontal bars, the best
// at the top (rank 1 first, as a ranking reads).
func charts(rows []Row, lang string) (template.HTML, template.HTML) {
	byProgress := slices.Clone(rows)
	Sort(byProgress, "progress", true)
	var pb []chart.Bar
	for _, r := range byProgress {
		if r.Progress.Total == 0 {
			continue
		}
		tone := chart.ToneDefault
		if r.Progress.Overdue > 0 {
			tone = chart.ToneBad
		}
		pb = append(pb, chart.Bar{Label: short(r.Unit), Value: r.Progress.Percent(), Max: 100, Tone: tone,
			Note: web.T(lang, "province.chart.overdue", r.Progress.Overdue)})
	}
	byIndex := slices.Clone(rows)
	Sort(byIndex, "index", true)
	var ib []chart.Bar
	for i, r := range byIndex {
		if !r.Index.Known {
			continue
		}
		note := web.T(lang, "province.chart.rank", i+1)
		if d, ok := r.Trend(); ok {
			note += " · " + signed(d)
		}
		ib = append(ib, chart.Bar{Label: short(r.Unit), Value: r.Index.Total, Max: 100, Note: note})
	}
	return chart.Bars(chart.BarChart{Title: web.T(lang, "province.chart.progress"), Bars: pb, Unit: "%", Horizontal: true}),
		chart.Bars(chart.BarChart{Title: web.T(lang, "province.chart.index"), Bars: ib, Unit: web.T(lang, "province.points"), Horizontal: true})
}

// short is the name a chart label has room for.
func short(u org.Unit) string {
	if u.ShortName != "" {
		return u.ShortName
	}
	return u.Name
}

// signed writes a change with its sign: "+1,25", "−0,40".
func signed(d float64) string {
	if d > 0 {
		return "+" + vn.FormatDecimal(d, 2)
	}
	if d < 0 {
		return "−" + vn.FormatDecimal(-d, 2)
	}
	return "±0"
}

// SortLink is the address that sorts the table by key: descending first
// for figures (the most overdue, the best index on top), ascending first
// for names, and the other way when already sorted so.
func (p dashboardPage) SortLink(key string) string {
	desc := key != "name"
	if p.Sort == key {
		desc = !p.Desc
	}
	v := url.Values{"period": {p.Span.Key}, "sort": {key}}
	if p.Query != "" {
		v.Set("q", p.Query)
	}
	if desc {
		v.Set("desc", "1")
	}
	return "/province?" + v.Encode()
}

// SortMark is aria-sort of a column header.
func (p dashboardPage) SortMark(key string) string {
	if p.Sort != key {
		return "none"
	}
	if p.Desc {
		return "descending"
	}
	return "ascending"
}

// IndexText is the row's index for the table, "—" when unknown.
func (r Row) IndexText() string {
	if !r.Index.Known {
		return "—"
	}
	return vn.FormatDecimal(r.Index.Total, 2)
}

// TrendText is the change from the previous period, "—" when unknown.
func (r Row) TrendText() string {
	if d, ok := r.Trend(); ok {
		return signed(d)
	}
	return "—"
}

// ReportTone is the badge tone of the row's report state.
func (r Row) ReportTone() string {
	switch {
	case r.Late || r.Report == ReportReturned:
		return "bad"
	case r.Report == ReportAccepted || r.Report == ReportIssued || r.Report == ReportSubmitted:
		return "ok"
	}
	return "warn"
}
