package plan

import (
	"bytes"
	"encoding/json"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/papi"
	"papihub/internal/platform/chart"
	"papihub/internal/platform/web"
)

type plansPage struct {
	Plans     []PlanListItem
	Query     string
	Year      int
	Page      int
	More      bool
	CanCreate bool
}

func (h *handler) plans(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	q := r.URL.Query()
	pg := web.PageOf(r)
	f := PlanFilter{ReadScopes: user.ReadScopes(), WorkScope: user.UnitPath, Query: q.Get("q"), Year: atoiDefault(q.Get("year"), 0), UnitID: int64(atoiDefault(q.Get("unit"), 0)), Page: pg.Page, PerPage: pg.PerPage}
	list, more, err := h.store.Plans(r.Context(), f)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "plan/plans", plansPage{Plans: list, Query: f.Query, Year: f.Year, Page: pg.Page, More: more, CanCreate: user.CanAnywhere(org.ActManage)})
}

type newPlanPage struct {
	Units  []org.Unit
	Year   int
	Errors web.FieldErrors
	Text   string
	UnitID int64
}

// manageableUnits are the units a user may issue plans for, closed ones
// included: last year's plan of a merged department is still imported.
func (h *handler) manageableUnits(r *http.Request) ([]org.Unit, error) {
	user := org.CurrentUser(r)
	units, err := h.org.Units(r.Context(), org.UnitFilter{Scope: user.UnitPath, IncludeClosed: true})
	if err != nil {
		return nil, err
	}
	out := units[:0]
	for _, u := range units {
		if user.Can(org.ActManage, u.Path) {
			out = append(out, u)
		}
	}
	return out, nil
}

func (h *handler) newPlanPage(w http.ResponseWriter, r *http.Request, status int, page newPlanPage) {
	units, err := h.manageableUnits(r)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Units = units
	if page.Year == 0 {
		page.Year = h.store.Today().Year()
	}
	if page.UnitID == 0 {
		page.UnitID = org.CurrentUser(r).UnitID
	}
	h.render.PageStatus(w, r, status, "plan/plan_new", page)
}

func (h *handler) newPlan(w http.ResponseWriter, r *http.Request) {
	h.newPlanPage(w, r, http.StatusOK, newPlanPage{})
}

// reviewPage shows a parsed draft for the user to check and edit.
// LeadUnits are the units the issuer may assign; Matches says, per task
// ("s0.t1"), which of them the written lead name matched ("" for none).
type reviewPage struct {
	Draft     Draft
	DraftJSON string
	Problems  []Problem
	Units     []org.Unit
	UnitID    int64
	Errors    web.FieldErrors
	Dims      []papi.Dimension
	Baselines []baselineRow
	LeadUnits []UnitRef
	Matches   map[string]string
}

// parsePlan reads an uploaded or pasted plan document into a draft and
// shows it for review; nothing is saved yet.
func (h *handler) parsePlan(w http.ResponseWriter, r *http.Request) {
	unitID, _ := strconv.ParseInt(r.FormValue("unit_id"), 10, 64)
	var data []byte
	name := "văn bản dán vào"
	if f, hdr, err := r.FormFile("file"); err == nil {
		defer f.Close()
		if data, err = io.ReadAll(f); err != nil {
			h.render.BadRequest(w, r, err)
			return
		}
		name = hdr.Filename
	}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte(r.FormValue("text"))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		h.newPlanPage(w, r, http.StatusUnprocessableEntity, newPlanPage{UnitID: unitID, Errors: web.FieldErrors{"file": "plan.import.empty"}})
		return
	}
	d, probs, err := Parse(bytes.NewReader(data), name)
	if err != nil {
		h.newPlanPage(w, r, http.StatusUnprocessableEntity, newPlanPage{UnitID: unitID, Text: r.FormValue("text"), Errors: web.FieldErrors{"file": "plan.import.not_a_plan"}})
		return
	}
	h.reviewPage(w, r, http.StatusOK, reviewPage{Draft: d, Problems: probs, UnitID: unitID})
}

func (h *handler) reviewPage(w http.ResponseWriter, r *http.Request, status int, page reviewPage) {
	units, err := h.manageableUnits(r)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	b, err := json.Marshal(page.Draft)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.DraftJSON, page.Units = string(b), units
	fw, ok := papi.FrameworkFor(page.Draft.Year)
	if !ok {
		fw, _ = papi.FrameworkFor(2018)
	}
	page.Dims = fw.Dimensions
	if page.Baselines == nil {
		page.Baselines = baselineRows(page.Draft.Year, page.Draft.Baselines)
	}
	if err := h.reviewLeads(r, &page); err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.PageStatus(w, r, status, "plan/plan_review", page)
}

// reviewLeads matches each task's written lead among the units of the
// chosen issuer (the user's own unit until one is chosen), as saving will.
func (h *handler) reviewLeads(r *http.Request, page *reviewPage) error {
	issuer := page.UnitID
	if issuer == 0 {
		issuer = org.CurrentUser(r).UnitID
	}
	u, err := h.org.Unit(r.Context(), issuer)
	if err != nil {
		return nil // an unknown issuer: nothing to match against yet
	}
	day := PlanInput{IssueDate: page.Draft.Date, Year: page.Draft.Year}.referenceDay()
	if page.LeadUnits, err = h.store.UnitRefs(r.Context(), u.Path, day); err != nil {
		return err
	}
	names := map[int64]string{}
	for _, ref := range page.LeadUnits {
		names[ref.ID] = ref.Name
	}
	page.Matches = map[string]string{}
	for si, s := range page.Draft.Sections {
		for ti, t := range s.Tasks {
			id := t.LeadUnitID
			if id == 0 {
				id = matchUnit(t.Lead, page.LeadUnits)
			}
			page.Matches["s"+strconv.Itoa(si)+".t"+strconv.Itoa(ti)] = names[id]
		}
	}
	return nil
}

// draftFromForm is the reviewed draft: the parsed JSON with the header,
// baselines, section dimensions, task texts and lead units as the user
// edited them. A task whose text was emptied is dropped. The baseline rows
// come back as typed, with their errors.
func draftFromForm(r *http.Request) (Draft, []baselineRow, web.FieldErrors, error) {
	var d Draft
	if err := json.Unmarshal([]byte(r.PostFormValue("draft")), &d); err != nil {
		return d, nil, nil, err
	}
	d.Number = r.PostFormValue("number")
	d.Symbol = r.PostFormValue("symbol")
	d.Title = r.PostFormValue("title")
	d.Place = r.PostFormValue("place")
	d.Date = strings.TrimSpace(r.PostFormValue("date"))
	d.Year = atoiDefault(r.PostFormValue("year"), d.Year)
	d.Signer.Title = r.PostFormValue("signer_title")
	d.Signer.Name = r.PostFormValue("signer_name")
	for si := range d.Sections {
		key := "s" + strconv.Itoa(si)
		if _, ok := r.PostForm[key+".dimension"]; ok {
			d.Sections[si].Dimension = r.PostFormValue(key + ".dimension")
		}
		var kept []Task
		for ti, t := range d.Sections[si].Tasks {
			k := key + ".t" + strconv.Itoa(ti)
			if _, ok := r.PostForm[k]; ok {
				t.Text = strings.TrimSpace(r.PostFormValue(k))
			}
			if v, ok := r.PostForm[k+".lead"]; ok {
				t.LeadUnitID, _ = strconv.ParseInt(strings.TrimSpace(v[0]), 10, 64)
			}
			if t.Text != "" {
				kept = append(kept, t)
			}
		}
		d.Sections[si].Tasks = kept
	}
	rows, baselines, errs := baselinesFromForm(r, d.Year)
	d.Baselines = baselines
	return d, rows, errs, nil
}

func (h *handler) createPlan(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, rows, errs, err := draftFromForm(r)
	if err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	if errs.Any() {
		h.reviewPage(w, r, http.StatusUnprocessableEntity, reviewPage{Draft: d, UnitID: unitID, Errors: errs, Baselines: rows})
		return
	}
	if unitID != 0 {
		u, err := h.org.Unit(r.Context(), unitID)
		if err == nil && !user.Can(org.ActManage, u.Path) {
			h.render.Forbidden(w, r)
			return
		}
	}
	id, probs, err := h.store.SaveDraft(r.Context(), user.Actor(), d, unitID)
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			h.reviewPage(w, r, http.StatusUnprocessableEntity, reviewPage{Draft: d, Problems: probs, UnitID: unitID, Errors: baselineErrors(fe, d.Baselines), Baselines: rows})
			return
		}
		if strings.Contains(err.Error(), "not found") {
			h.reviewPage(w, r, http.StatusUnprocessableEntity, reviewPage{Draft: d, UnitID: unitID, Errors: web.FieldErrors{"unit_id": "plan.unit.required"}})
			return
		}
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "plan.created")
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// createFromTemplate makes the year's plan from the template in one action.
func (h *handler) createFromTemplate(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	year := atoiDefault(r.PostFormValue("year"), 0)
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	errs := web.FieldErrors{}
	if year < 2018 || year > 2100 {
		errs.Add("year", "plan.year.invalid")
	}
	if unitID == 0 {
		errs.Add("unit_id", "plan.unit.required")
	}
	if errs.Any() {
		h.newPlanPage(w, r, http.StatusUnprocessableEntity, newPlanPage{Errors: errs, UnitID: unitID, Year: year})
		return
	}
	u, err := h.org.Unit(r.Context(), unitID)
	if err != nil {
		h.newPlanPage(w, r, http.StatusUnprocessableEntity, newPlanPage{Errors: web.FieldErrors{"unit_id": "plan.unit.unknown"}, Year: year})
		return
	}
	if !user.Can(org.ActManage, u.Path) {
		h.render.Forbidden(w, r)
		return
	}
	id, err := h.store.CreateFromTemplate(r.Context(), user.Actor(), unitID, year)
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			h.newPlanPage(w, r, http.StatusUnprocessableEntity, newPlanPage{Errors: fe, UnitID: unitID, Year: year})
			return
		}
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "plan.created")
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// A dimensionCard is one card of the plan page: the progress of its tasks,
// the tasks of two-dimension sections that also serve it, the baseline the
// plan states and the latest official score of the plan's province.
type dimensionCard struct {
	Code string
	Name string
	Figures
	Also     Figures
	Chart    template.HTML
	PAPI     string // the PAPI standing page at this dimension
	Baseline *Baseline
	Official *officialScore
}

// officialScore is a dimension's latest official score, for the card.
type officialScore struct {
	Score    float64
	Year     int
	Province string
}

// BaselineText is the card's baseline as officials write it.
func (c dimensionCard) BaselineText() string {
	if c.Baseline == nil {
		return ""
	}
	return describeBaseline(*c.Baseline)
}

func (h *handler) cards(r *http.Request, v planView, filter SummaryFilter) ([]dimensionCard, Figures, error) {
	dims, total, err := h.store.Summary(r.Context(), filter)
	if err != nil {
		return nil, total, err
	}
	lang := web.Lang(r)
	fw, _ := papi.FrameworkFor(v.Plan.Year)
	var official OfficialStanding
	hasOfficial := false
	if h.standing != nil {
		if official, hasOfficial, err = h.standing(r.Context(), v.Plan.UnitID, v.Plan.Year); err != nil {
			return nil, total, err
		}
	}
	var out []dimensionCard
	for _, d := range dims {
		c := dimensionCard{Code: d.Dimension, Figures: d.Figures, Also: d.Also, Name: web.T(lang, "plan.section.general")}
		if b, ok := v.Plan.Baseline(d.Dimension); ok {
			c.Baseline = &b
		}
		if score, ok := official.Scores[d.Dimension]; ok && hasOfficial {
			c.Official = &officialScore{Score: score, Year: official.Year, Province: official.Province}
		}
		if dim, ok := fw.Dimension(d.Dimension); ok {
			c.Name = dim.NameVI
			if lang == web.LangEN {
				c.Name = dim.NameEN
			}
			c.PAPI = "/papi?year=" + strconv.Itoa(v.Plan.Year) + "#" + d.Dimension
			if hasOfficial {
				c.PAPI = official.URL + "#" + d.Dimension
			}
		}
		label := c.Name
		if c.Code != "" {
			label = c.Code + ". " + c.Name
		}
		c.Chart = chart.ProgressBar(d.Done, d.Overdue, d.Total, label)
		out = append(out, c)
	}
	return out, total, nil
}

type planPage struct {
	View      planView
	Cards     []dimensionCard
	Total     Figures
	TotalRing template.HTML
	Tasks     []PlanTask
	More      bool
	Page      int
	Query     string
	Dimension string
	CanManage bool
	CanReport bool
	Derived   []PlanListItem
	Targets   []org.Unit // units a plan may be derived for
	Today     string
}

func (h *handler) planPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	user := org.CurrentUser(r)
	h.keep(w, r, keptKey{id: id, reader: readerOf(user)}, "plan/plan", KeptScope, func() (any, error) {
		v, err := h.viewPlan(r, id)
		if err != nil {
			return nil, err
		}
		q := r.URL.Query()
		pg := web.PageOf(r)
		cards, total, err := h.cards(r, v, SummaryFilter{PlanID: v.Plan.ID, LeadScope: v.Scope})
		if err != nil {
			return nil, err
		}
		tasks, more, err := h.store.Tasks(r.Context(), TaskFilter{PlanID: v.Plan.ID, LeadScope: v.Scope, Dimension: q.Get("dimension"), Query: q.Get("q"), Page: pg.Page, PerPage: pg.PerPage})
		if err != nil {
			return nil, err
		}
		derived, _, err := h.store.Plans(r.Context(), PlanFilter{ReadScopes: user.ReadScopes(), DerivedFrom: v.Plan.ID, PerPage: 100})
		if err != nil {
			return nil, err
		}
		canManage := user.Can(org.ActManage, v.Plan.UnitPath)
		var targets []org.Unit
		if canManage {
			if targets, err = h.deriveTargets(r, v.Plan); err != nil {
				return nil, err
			}
		}
		return planPage{View: v, Targets: targets, Cards: cards, Total: total, TotalRing: chart.Ring(total.Percent(), web.T(web.Lang(r), "plan.progress")),
			Tasks: tasks, More: more, Page: pg.Page, Query: q.Get("q"), Dimension: q.Get("dimension"),
			CanManage: canManage, CanReport: user.Can(org.ActApprove, v.Plan.UnitPath), Derived: derived}, nil
	})
}

type overviewPage struct {
	View    planView
	Cards   []dimensionCard
	Total   Figures
	Ring    template.HTML
	Bars    template.HTML
	Overdue instanceRows
	Waiting instanceRows
	More    bool
}

// overview is the leader's one page: where the plan stands, what is late,
// what waits for a decision.
func (h *handler) overview(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	h.keep(w, r, keptKey{id: id, reader: readerOf(org.CurrentUser(r))}, "plan/overview", KeptScope, func() (any, error) {
		v, err := h.viewPlan(r, id)
		if err != nil {
			return nil, err
		}
		cards, total, err := h.cards(r, v, SummaryFilter{PlanID: v.Plan.ID, LeadScope: v.Scope})
		if err != nil {
			return nil, err
		}
		overdue, more, err := h.store.Instances(r.Context(), InstanceFilter{PlanID: v.Plan.ID, LeadScope: v.Scope, Overdue: true, PerPage: 10})
		if err != nil {
			return nil, err
		}
		waiting, _, err := h.store.Instances(r.Context(), InstanceFilter{PlanID: v.Plan.ID, LeadScope: v.Scope, Status: []Status{Submitted}, PerPage: 10})
		if err != nil {
			return nil, err
		}
		var bars []chart.Bar
		for _, c := range cards {
			tone := chart.ToneGood
			if c.Overdue > 0 {
				tone = chart.ToneBad
			}
			label := c.Code
			if label == "" {
				label = web.T(web.Lang(r), "plan.section.general")
			}
			bars = append(bars, chart.Bar{Label: label + " " + c.Name, Value: c.Percent(), Max: 100, Tone: tone})
		}
		return overviewPage{View: v, Cards: cards, Total: total,
			Ring:    chart.Ring(total.Percent(), web.T(web.Lang(r), "plan.progress")),
			Bars:    chart.Bars(chart.BarChart{Title: web.T(web.Lang(r), "plan.overview.by_dimension"), Bars: bars, Unit: "%", Horizontal: true}),
			Overdue: rowsOf(r, overdue, "late"), Waiting: rowsOf(r, waiting, "waiting"), More: more}, nil
	})
}

func (h *handler) setStatus(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	if err := h.store.SetPlanStatus(r.Context(), user.Actor(), v.Plan.ID, PlanStatus(r.PostFormValue("status"))); err != nil {
		if fe, ok := web.AsValidation(err); ok {
			for _, k := range fe {
				web.Flash(w, k)
				break
			}
			http.Redirect(w, r, "/plans/"+strconv.FormatInt(v.Plan.ID, 10), http.StatusSeeOther)
			return
		}
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, "flash.saved")
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(v.Plan.ID, 10), http.StatusSeeOther)
}

// instanceRows is a list of instances for the shared table partial, with
// the request's language so that the partial can translate.
type instanceRows struct {
	Lang string
	ID   string
	List []TaskInstance
}

func rowsOf(r *http.Request, list []TaskInstance, id string) instanceRows {
	return instanceRows{Lang: web.Lang(r), ID: id, List: list}
}

// T translates for the partial.
func (x instanceRows) T(key string, args ...any) string { return web.T(x.Lang, key, args...) }
