package tthc

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/chart"
	"papihub/internal/platform/web"
)

// drill links a number of the index to the dossiers behind it: the
// numerator, the denominator, and the dossiers the denominator loses (the
// late ones, and for dossier satisfaction those with a complaint or a
// dislike), each named for what it lists; Score links the score to the
// first of them.
type drill struct {
	Num, Den, Score string
	Minus           []drillLink
}

type drillLink struct {
	Key, Href, TestID string
}

type indexPageData struct {
	Unit        UnitInfo
	Units       []UnitInfo
	Period      string
	Report      IndexReport
	Total       template.HTML
	Groups      template.HTML
	Trend       template.HTML
	Drill       map[string]drill
	Defs        map[string]Indicator // what each numerator and denominator count
	CanEnter    bool
	Metrics     []Indicator
	Sources     map[string]string
	ByUnitChart template.HTML
	Breakdowns  []breakdownSection
}

type breakdownSection struct {
	TitleKey string
	Rows     []BreakdownRow
}

func (h *handler) indexPage(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	id := user.UnitID
	if v := r.FormValue("unit"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			h.render.BadRequest(w, r, errors.New("unit"))
			return
		}
		id = n
	}
	period, err := h.periodFor(r)
	if err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	ctx := r.Context()
	key := indexPageKey{unit: id, period: period, lang: web.Lang(r), rights: rightsOf(user)}
	// The page reads the index, its trend (the index of earlier periods)
	// and the units: what IndexScope names.
	view, err := h.indexPages.GetScoped(ctx, h.store.db.Heavy(ctx), IndexScope, key, func() (indexPageView, error) {
		unit, err := h.store.Unit(ctx, id)
		if err != nil || !user.Can(org.ActRead, unit.Path) {
			return indexPageView{unit: unit}, err
		}
		data, err := h.indexPageData(r, user, unit, period)
		if err != nil {
			return indexPageView{}, err
		}
		body, err := h.render.RenderBody(r, "tthc/index", data)
		return indexPageView{unit: unit, body: body}, err
	})
	switch {
	case errors.Is(err, ErrNotFound):
		h.render.NotFound(w, r)
	case err != nil:
		h.failed(w, r, err)
	case !user.Can(org.ActRead, view.unit.Path):
		h.render.Forbidden(w, r)
	default:
		h.render.PageBody(w, r, http.StatusOK, "tthc/index", nil, view.body)
	}
}

// indexPageKey is everything the index page depends on besides the audited
// records (the unit's path among them): the unit and period asked for, the
// language, and what decides the user's rights on the unit (and the units
// they may pick): their unit, its predecessors, roles and whether they are
// active, all that org.User.Can reads. The unit and the page's
// body are kept per key in handler.indexPages, since executing the page's
// template was two thirds of a request's CPU and reading the unit a sixth of
// what remained.
type indexPageKey struct {
	unit   int64
	period Period
	lang   string
	rights string
}

// rightsOf is all that org.User.Can and ReadScopes read of a user.
func rightsOf(u *org.User) string {
	return fmt.Sprint(u.UnitPath, u.Predecessors, u.Roles, u.Active)
}

// indexPageView is what is kept per indexPageKey: the unit, whose path the
// right to read is checked against on every request, and the page's body,
// rendered only when the key's users may read the unit.
type indexPageView struct {
	unit UnitInfo
	body web.Body
}

// Bytes is what a view counts for in the kept pages' bound (audit.Cache):
// its rendered body, by far the larger part.
func (v indexPageView) Bytes() int { return v.body.Bytes() }

// indexPageData computes what the index page shows.
func (h *handler) indexPageData(r *http.Request, user *org.User, unit UnitInfo, period Period) (indexPageData, error) {
	rep, trend, err := h.store.IndexPageFigures(r.Context(), unit, period)
	if err != nil {
		return indexPageData{}, err
	}
	units, err := h.unitsInScope(r.Context(), user)
	if err != nil {
		return indexPageData{}, err
	}
	data := indexPageData{Unit: unit, Units: units, Period: period.String(), Report: rep, Sources: rep.Sources,
		CanEnter: user.Can(org.ActManage, unit.Path), Drill: drillLinks(unit, period), Defs: indicatorDefs(ScoringTableAt(period.To))}
	if h.store.feedback != nil {
		maps.Copy(data.Drill, feedbackDrill(h.store.feedback, unit, period))
	}
	data.Total = chart.Ring(rep.Result.Total, "Tổng điểm / 100")
	var bars []chart.Bar
	for _, g := range rep.Result.Groups {
		b := chart.Bar{Label: g.NameVi, Value: g.Score, Max: g.Max, Tone: tone(g.Score, g.Max)}
		if g.NA {
			b.Note = "N/A"
		}
		bars = append(bars, b)
	}
	data.Groups = chart.Bars(chart.BarChart{Title: "Điểm theo nhóm chỉ số", Bars: bars, Unit: "điểm", Horizontal: true})
	var labels []string
	var totals []float64
	for _, t := range trend {
		labels = append(labels, t.Period.String())
		totals = append(totals, t.Result.Total)
	}
	data.Trend = chart.Lines(chart.LineChart{Title: "Tổng điểm qua các kỳ", XLabels: labels, Series: []chart.Series{{Name: "Tổng điểm", Values: totals}}, YMin: 0, YMax: 100})
	if len(rep.ByUnit) > 0 {
		var ub []chart.Bar
		for _, b := range rep.ByUnit {
			ub = append(ub, chart.Bar{Label: b.Label, Value: b.Total, Max: 100, Tone: tone(b.Total, 100)})
		}
		data.ByUnitChart = chart.Bars(chart.BarChart{Title: "Tổng điểm theo đơn vị trực thuộc", Bars: ub, Unit: "điểm", Horizontal: true})
	}
	for _, b := range []breakdownSection{{"tthc.index.by_unit", rep.ByUnit}, {"tthc.index.by_field", rep.ByField}, {"tthc.index.by_procedure", rep.ByProcedure}} {
		if len(b.Rows) > 0 {
			data.Breakdowns = append(data.Breakdowns, b)
		}
	}
	for _, g := range rep.Result.Groups {
		for _, in := range g.Indicators {
			if src := rep.Sources[in.Metric]; src != "dossiers" && src != "dossiers_reception" {
				ind, _ := ScoringTableAt(period.To).Indicator(in.Metric)
				data.Metrics = append(data.Metrics, ind)
			}
		}
	}
	return data, nil
}

func tone(score, maxScore float64) chart.Tone {
	switch {
	case maxScore <= 0:
		return chart.ToneNeutral
	case score >= 0.9*maxScore:
		return chart.ToneGood
	case score >= 0.7*maxScore:
		return chart.ToneOK
	case score >= 0.5*maxScore:
		return chart.ToneWarn
	}
	return chart.ToneBad
}

func drillLinks(unit UnitInfo, p Period) map[string]drill {
	link := func(judged Judged) string {
		q := url.Values{"unit": {strconv.FormatInt(unit.ID, 10)}, "period": {p.String()}}
		if judged != "" {
			q.Set("judged", string(judged))
		}
		return "/tthc/dossiers?" + q.Encode()
	}
	received, late := link(JudgedReceived), link(JudgedLate)
	out := map[string]drill{
		"PROGRESS_ON_TIME": {Num: link(JudgedOnTime), Den: link(JudgedAll), Score: late,
			Minus: []drillLink{{"tthc.drill.late", late, "late-PROGRESS_ON_TIME"}}},
		"DOSSIER_RECEIVING_SATISFACTION": {Den: received, Score: late, Minus: []drillLink{
			{"tthc.drill.minus_late", late, "late-DOSSIER_RECEIVING_SATISFACTION"},
			{"tthc.drill.minus_disapproved", link(JudgedDisapproved), "disapproved-DOSSIER_RECEIVING_SATISFACTION"}}},
	}
	for _, m := range []string{"DOSSIER_SYNC", "ONLINE_SUBMITTED", "SO_HOA_GIAY_TO_GIAI_QUYET", "ELECTRONIC_CERTIFIED_COPY",
		"REUSED_DIGITIZED_DATA", "CITIZEN_DATA_CONNECTED_DOSSIER"} {
		out[m] = drill{Den: received}
	}
	// Online payment is out of the dossiers with a fee due, not of all.
	out["PAYMENT_DOSSIER_ONLINE"] = drill{Den: link(JudgedFeeBearing)}
	return out
}

// indicatorDefs indexes the table's indicators by metric.
func indicatorDefs(t *ScoringTable) map[string]Indicator {
	out := map[string]Indicator{}
	for _, g := range t.Groups {
		for _, in := range g.Indicators {
			out[in.Metric] = in
		}
	}
	return out
}

func (h *handler) saveInput(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	if !user.Can(org.ActManage, unit.Path) {
		h.render.Forbidden(w, r)
		return
	}
	period, err := ParsePeriod(r.PostFormValue("period"))
	if err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	num, err1 := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("numerator")), 10, 64)
	den, err2 := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("denominator")), 10, 64)
	if err1 != nil || err2 != nil {
		h.render.BadRequest(w, r, fmt.Errorf("tử số, mẫu số phải là số nguyên"))
		return
	}
	m := ManualCount{UnitID: unit.ID, Metric: r.PostFormValue("metric"), Period: period, Count: Count{num, den}}
	if err := h.store.SetManualCount(r.Context(), user.Actor(), m); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	web.Flash(w, "tthc.inputs.saved")
	http.Redirect(w, r, fmt.Sprintf("/tthc?unit=%d&period=%s", unit.ID, url.QueryEscape(period.String())), http.StatusSeeOther)
}

type whatIfRow struct {
	Indicator
	Group    string
	Num, Den int64
	Percent  int
	Result   IndicatorResult
}

type whatIfData struct {
	Unit    UnitInfo
	Period  string
	Rows    []whatIfRow
	Result  Result
	Current float64
	Total   template.HTML
}

// whatIf shows the index of the user's unit with the counts as a form: a
// leader changes a count (or, with JavaScript, moves a slider) and sees the
// score the scoring table would give.
func (h *handler) whatIf(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	period, err := h.periodFor(r)
	if err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	rep, err := h.store.Index(r.Context(), unit, period, IndexOptions{})
	if err != nil {
		h.failed(w, r, err)
		return
	}
	table := ScoringTableAt(period.To)
	counts := map[string]Count{}
	data := whatIfData{Unit: unit, Period: period.String(), Current: rep.Result.Total}
	for _, g := range rep.Result.Groups {
		for _, in := range g.Indicators {
			c := Count{in.Num, in.Den}
			if v, err := strconv.ParseInt(r.FormValue("n_"+in.Metric), 10, 64); err == nil && v >= 0 {
				c.Num = v
			}
			if v, err := strconv.ParseInt(r.FormValue("d_"+in.Metric), 10, 64); err == nil && v >= 0 {
				c.Den = v
			}
			c.Num = min(c.Num, c.Den)
			counts[in.Metric] = c
			ind, _ := table.Indicator(in.Metric)
			row := whatIfRow{Indicator: ind, Group: g.NameVi, Num: c.Num, Den: c.Den}
			if c.Den > 0 {
				row.Percent = int(100*c.Num/c.Den + 0)
			}
			data.Rows = append(data.Rows, row)
		}
	}
	data.Result = Score(table, counts)
	i := 0
	for _, g := range data.Result.Groups {
		for _, in := range g.Indicators {
			data.Rows[i].Result = in
			i++
		}
	}
	data.Total = chart.Ring(data.Result.Total, "Tổng điểm giả định / 100")
	h.render.Render(w, r, "tthc/whatif", data)
}
