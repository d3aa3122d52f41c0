package papi

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"papihub/internal/org"
	"papihub/internal/platform/chart"
	"papihub/internal/platform/web"
)

type standingPage struct {
	Nav       subNav
	Years     []int
	Year      int
	Provinces []Province
	Selected  string // the province name as chosen
	Problem   string // message key when the choice has no standing
	Empty     bool   // no results stored at all

	Standing    Standing
	Total       string
	ScaleMin    int
	ScaleMax    int
	DataFromOld bool // a province of the new map shown with its predecessor's data
	Dims        []dimensionRow
	HasMissing  bool
	Radar       template.HTML
	TotalChart  template.HTML
	RankChart   template.HTML
	Trend       []trendRow
	TrendOld    Province // set when the trend's earlier years are a same-name predecessor's
	Sources     []Source
}

// YearLink is the standing of the same province in another year.
func (p standingPage) YearLink(year int) string { return StandingURL(p.Selected, year, "") }

// dimensionRow is one dimension of the standing as the page shows it.
type dimensionRow struct {
	Code, Name                           string
	Score, Best, Median, GapBest, GapMed string
	BestProvince                         string
	Rank, Of                             int
	Missing, BelowMedian                 bool
	Link                                 string
}

type trendRow struct {
	Year           int
	DataFrom       string // set when the data are a predecessor's
	Total          string
	Rank, Of       int
	DimensionCount int
	Change         string
	NotComparable  bool // the previous year summed another number of dimensions
	PrevDims       int
}

func (h *handler) standing(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	key := standingKey{year: q.Get("year"), province: q.Get("province"), lang: web.Lang(r), mayImport: mayImport(r)}
	if key.province == "" {
		key.root = h.userRoot(ctx, org.CurrentUser(r))
	}
	view, err := h.views.Get(ctx, h.store.db.Heavy(ctx), key, func() (standingView, error) {
		view, err := h.standingView(ctx, key)
		if err != nil {
			return view, err
		}
		view.page.Nav.Active, view.page.Nav.MayImport = "standing", key.mayImport
		view.body, err = h.render.RenderBody(r, "papi/standing", view.page)
		return view, err
	})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.PageBody(w, r, view.status, "papi/standing", view.page, view.body)
}

// standingKey is what the standing page depends on besides the results:
// the query, the language, whether the user may import (a link in the
// navigation) and, when the query names no province, the name of the
// user's organisation (its province depends on the year).
type standingKey struct {
	year, province, lang, root string
	mayImport                  bool
}

// standingView is the standing page as computed and rendered for a key,
// kept in handler.views until the next audited change: the page ranks
// every province in every year for the trend, and executing its template
// was half of what remained of a request's CPU.
type standingView struct {
	status int
	page   standingPage // what the title reads
	body   web.Body
}

// Bytes is what a view counts for in the kept pages' bound (audit.Cache):
// its rendered body, by far the larger part.
func (v standingView) Bytes() int { return v.body.Bytes() }

func (h *handler) standingView(ctx context.Context, key standingKey) (standingView, error) {
	var page standingPage
	results, err := h.store.Results(ctx)
	if err != nil {
		return standingView{}, err
	}
	if len(results) == 0 {
		page.Empty = true
		return standingView{status: http.StatusOK, page: page}, nil
	}
	page.Years = yearsOfResults(results)
	year, ok := chooseYear(key.year, page.Years)
	if !ok {
		page.Year, page.Problem = page.Years[0], "papi.error.year.none"
		page.Provinces = provinceOptions(page.Year)
		return standingView{status: http.StatusNotFound, page: page}, nil
	}
	page.Year, page.Nav.Year = year, year
	page.Provinces = provinceOptions(year)
	page.Selected = key.province
	if page.Selected == "" && key.root != "" {
		p, _ := ProvinceIn(key.root, year)
		page.Selected = p.Name
	}
	if page.Selected == "" { // an organisation that names no province: the leader of the year
		page.Selected = Table(results, year)[0].Province.Name
	}
	p, err := MatchProvince(page.Selected, year)
	if err != nil {
		page.Problem = "papi.error.province.unknown"
		return standingView{status: http.StatusNotFound, page: page}, nil
	}
	s, err := StandingOf(results, p, year)
	if err != nil {
		page.Problem = "papi.error.year.none"
		return standingView{status: http.StatusNotFound, page: page}, nil
	}
	page.Selected = p.Name
	if page.Sources, err = h.store.SourcesOfYear(ctx, year); err != nil {
		return standingView{}, err
	}
	lang := key.lang
	page.Standing = s
	page.Total = dash(s.Total)
	page.ScaleMin, page.ScaleMax = s.DimensionCount, 10*s.DimensionCount
	page.DataFromOld = s.DataFrom != s.Province
	page.Dims, page.HasMissing = dimensionRows(lang, s)
	page.Radar = standingRadar(lang, s)
	tp := trendProvince(p)
	trend := Trend(results, tp)
	page.Trend = trendRows(tp, trend)
	for _, pt := range trend {
		if pt.DataFrom.Era != tp.Era && pt.DataFrom.Name == tp.Name {
			page.TrendOld = pt.DataFrom
		}
	}
	page.TotalChart, page.RankChart = trendCharts(lang, p, trend)
	return standingView{status: http.StatusOK, page: page}, nil
}

// trendProvince is the province to follow over the years: for a province of
// the 63-province map that continues under its own name, the province of the
// new map, so that the trend runs on across the 2025 reform (its earlier
// years are the old province's, see ResolveForYear).
func trendProvince(p Province) Province {
	if p.Era == 34 {
		return p
	}
	if s, err := Successor(p); err == nil && s.Code == p.Code && s.Name == p.Name {
		return s
	}
	return p
}

func dimensionRows(lang string, s Standing) ([]dimensionRow, bool) {
	missing := !s.Total.Present
	var rows []dimensionRow
	for _, d := range s.ByGain() {
		missing = missing || !d.Score.Present || !d.Best.Present
		rows = append(rows, dimensionRow{
			Code: d.Code, Name: dimensionName(lang, s.Year, d.Code),
			Score: dash(d.Score), Best: dash(d.Best), Median: dash(d.Median),
			GapBest: dash(d.GapToBest), GapMed: signed(d.GapToMedian),
			BestProvince: d.BestProvince, Rank: d.Rank, Of: d.Of,
			Missing:     !d.Score.Present,
			BelowMedian: d.GapToMedian.Present && d.GapToMedian.Value > 0,
			Link:        StandingURL(s.Province.Name, s.Year, d.Code),
		})
	}
	return rows, missing
}

func standingRadar(lang string, s Standing) template.HTML {
	ch := chart.RadarChart{
		Title: web.T(lang, "papi.radar.title", s.Province.Name, s.Year),
		Min:   0, Max: 10,
	}
	own := chart.Series{Name: s.Province.Name}
	best := chart.Series{Name: web.T(lang, "papi.radar.best")}
	med := chart.Series{Name: web.T(lang, "papi.radar.median")}
	for _, d := range s.Dimensions {
		ch.Axes = append(ch.Axes, d.Code+" "+web.T(lang, "papi.dim.short."+d.Code))
		for _, p := range []struct {
			series *chart.Series
			score  Score
		}{{&own, d.Score}, {&best, d.Best}, {&med, d.Median}} {
			p.series.Values = append(p.series.Values, p.score.Value)
			p.series.Missing = append(p.series.Missing, !p.score.Present)
		}
	}
	ch.Series = []chart.Series{own, best, med}
	return chart.Radar(ch)
}

// trendRows are the trend's years, latest first, each naming the province
// whose data it holds when that is not p itself (the old province before the
// 2025 reform).
func trendRows(p Province, trend []TrendPoint) []trendRow {
	var rows []trendRow
	for i, pt := range trend {
		row := trendRow{Year: pt.Year, Total: dash(pt.Total), Rank: pt.Rank, Of: pt.Of, DimensionCount: pt.DimensionCount}
		if pt.DataFrom.Name != p.Name { // a same-name predecessor is said once, above the table
			row.DataFrom = pt.DataFrom.Name
		}
		switch {
		case pt.Comparable:
			row.Change = signed(pt.Change)
		case i > 0 && trend[i-1].DimensionCount != pt.DimensionCount:
			row.NotComparable, row.PrevDims = true, trend[i-1].DimensionCount
		default:
			row.Change = "—"
		}
		rows = append(rows, row)
	}
	slices.Reverse(rows)
	return rows
}

// trendCharts draws the total and the rank by year. Totals of 6- and
// 8-dimension years are two series, so the line never joins a 6-dimension
// total to an 8-dimension one as if the jump were progress.
func trendCharts(lang string, p Province, trend []TrendPoint) (total, rank template.HTML) {
	var labels []string
	six := chart.Series{Name: web.T(lang, "papi.trend.six")}
	eight := chart.Series{Name: web.T(lang, "papi.trend.eight")}
	rk := chart.Series{Name: web.T(lang, "papi.trend.rank.series")}
	anySix := false
	for _, pt := range trend {
		labels = append(labels, strconv.Itoa(pt.Year))
		isSix := pt.DimensionCount == 6
		anySix = anySix || isSix
		six.Values = append(six.Values, pt.Total.Value)
		six.Missing = append(six.Missing, !pt.Total.Present || !isSix)
		eight.Values = append(eight.Values, pt.Total.Value)
		eight.Missing = append(eight.Missing, !pt.Total.Present || isSix)
		rk.Values = append(rk.Values, float64(pt.Rank))
		rk.Missing = append(rk.Missing, pt.Rank == 0)
	}
	series := []chart.Series{eight}
	if anySix {
		series = []chart.Series{six, eight}
	}
	total = chart.Lines(chart.LineChart{Title: web.T(lang, "papi.trend.total", p.Name), XLabels: labels, Series: series})
	rank = chart.Lines(chart.LineChart{Title: web.T(lang, "papi.trend.rank", p.Name), XLabels: labels, Series: []chart.Series{rk}})
	return total, rank
}

// apiStanding answers GET /api/v1/papi/standing?province=…&year=… with the
// JSON of `papihub papi standing --json`; the year defaults to the latest.
func (h *handler) apiStanding(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("province") == "" {
		web.WriteAPIError(w, r, http.StatusBadRequest, "validation", web.FieldErrors{"province": "papi.error.province.unknown"})
		return
	}
	results, err := h.store.Results(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if len(results) == 0 {
		web.WriteAPIError(w, r, http.StatusNotFound, "not_found", web.FieldErrors{"year": "papi.error.year.none"})
		return
	}
	year, ok := chooseYear(q.Get("year"), yearsOfResults(results))
	if !ok {
		web.WriteAPIError(w, r, http.StatusNotFound, "not_found", web.FieldErrors{"year": "papi.error.year.none"})
		return
	}
	p, err := MatchProvince(q.Get("province"), year)
	if err != nil {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", web.FieldErrors{"province": "papi.error.province.unknown"})
		return
	}
	s, err := StandingOf(results, p, year)
	if err != nil {
		web.WriteAPIError(w, r, http.StatusNotFound, "not_found", web.FieldErrors{"province": "papi.error.year.none"})
		return
	}
	web.WriteJSON(w, http.StatusOK, s)
}
