package survey

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/papi"
	"papihub/internal/platform/chart"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// groupQuestions are the respondent groups results are broken down by, when
// the form asks them (the built-in template does, in its "respondent" group).
var groupQuestions = []string{"sex", "age_group", "ethnicity", "residence"}

// ResultOptions choose how stored responses are scored.
type ResultOptions struct {
	Replicates int // cluster-bootstrap replicates for the 95% intervals
	// GroupReplicates, when set, is the number of replicates of each
	// breakdown cell: fewer than overall keeps a page with dozens of cells
	// quick on a large survey.
	GroupReplicates int
	Seed            uint64 // the same seed gives the same intervals
	// ClusterByUnit resamples units (communes) rather than respondents: the
	// PAPI design, right when respondents were sampled commune by commune.
	ClusterByUnit bool
	Lang          string // form label language for group values
}

// Results are a form's stored responses scored the PAPI way.
type Results struct {
	N          int
	Indicators int
	// Suppressed: fewer than papi.MinCellSize respondents in all, so nothing
	// is shown.
	Suppressed bool
	Score      papi.SurveyScore
	Problem    string // why the whole sample could not be scored, if it could not
	Breakdowns []Breakdown
}

// A Breakdown is the score of each value of one respondent group (or unit).
type Breakdown struct {
	Column string
	Label  string
	Groups []GroupResult
}

// A GroupResult is one cell of a breakdown.
type GroupResult struct {
	Value      string
	N          int
	Suppressed bool // fewer than papi.MinCellSize respondents
	Score      papi.SurveyScore
	// Unanswered lists the sub-dimensions none of the group answered: the
	// dimensions holding them, and the group's total, are not estimable.
	Unanswered []string
}

// scoringFramework builds the framework of the form's bindings: an
// indicator code "D3.2.1" lies in sub-dimension "D3.2" of dimension "D3",
// the codes of papi's framework since 2018. It also returns, for each
// indicator, the questions that feed it.
func scoringFramework(f *Form) (papi.ScoringFramework, [][]*Question, error) {
	var triples [][3]string
	index := map[string]int{}
	var feeds [][]*Question
	for i := range f.Questions {
		q := &f.Questions[i]
		if q.Binding == nil || q.Repeat != "" {
			continue
		}
		code := q.Binding.Indicator
		j, ok := index[code]
		if !ok {
			parts := strings.Split(code, ".")
			dim, sub := parts[0], parts[0]+".1"
			if len(parts) >= 2 {
				sub = parts[0] + "." + parts[1]
			}
			j = len(triples)
			index[code] = j
			triples = append(triples, [3]string{code, sub, dim})
			feeds = append(feeds, nil)
		}
		feeds[j] = append(feeds[j], q)
	}
	if len(triples) == 0 {
		return papi.ScoringFramework{}, nil, fmt.Errorf("biểu mẫu chưa gắn câu hỏi nào với chỉ tiêu (cột indicator và indicator_rule)")
	}
	fw, err := papi.NewScoringFramework(triples)
	return fw, feeds, err
}

// ScoreResponses scores stored responses: each bound question's answer
// becomes a value in [0, 1] by its Binding (an indicator fed by several
// questions takes their mean for the respondent), then papi.ScoreSurvey and
// papi.ScoreByGroup give the dimension and sub-dimension scores with
// bootstrap intervals, overall, by unit and by respondent group. No cell of
// fewer than papi.MinCellSize respondents is scored.
func ScoreResponses(f *Form, responses []StoredResponse, opt ResultOptions) (Results, error) {
	fw, feeds, err := scoringFramework(f)
	if err != nil {
		return Results{}, err
	}
	n, k := len(responses), len(fw.Indicators)
	res := Results{N: n, Indicators: k}
	if n < papi.MinCellSize {
		res.Suppressed = true
		return res, nil
	}
	values := make([]float64, n*k)
	var clusters []string // nil: each respondent is its own cluster
	if opt.ClusterByUnit {
		clusters = make([]string, n)
	}
	units := make([]string, n)
	for i, r := range responses {
		for j, qs := range feeds {
			sum, cnt := 0.0, 0
			for _, q := range qs {
				if v, ok := q.Binding.Value(r.Answers[q.Key]); ok {
					sum += v
					cnt++
				}
			}
			if cnt == 0 {
				values[i*k+j] = math.NaN()
			} else {
				values[i*k+j] = sum / float64(cnt)
			}
		}
		units[i] = r.UnitName
		if units[i] == "" {
			units[i] = "—"
		}
		if clusters != nil {
			clusters[i] = "u" + strconv.FormatInt(r.UnitID, 10)
		}
	}
	pr, err := papi.NewResponses(k, values, clusters, nil)
	if err != nil {
		return Results{}, err
	}
	if err := pr.SetGroup("unit", units); err != nil {
		return Results{}, err
	}
	breakdowns := []Breakdown{{Column: "unit", Label: "unit"}}
	for _, name := range groupQuestions {
		q, ok := f.Question(name)
		if !ok || q.Type != SelectOne || q.Repeat != "" {
			continue
		}
		vals := make([]string, n)
		for i, r := range responses {
			vals[i] = choiceLabel(f, q, r.Answers[q.Key], opt.Lang)
		}
		if err := pr.SetGroup(name, vals); err != nil {
			return Results{}, err
		}
		breakdowns = append(breakdowns, Breakdown{Column: name, Label: q.Label(opt.Lang)})
	}
	sopt := papi.ScoreOptions{Replicates: opt.Replicates, Seed: opt.Seed}
	if res.Score, err = papi.ScoreSurvey(fw, pr, sopt); err != nil {
		res.Problem = strings.TrimPrefix(err.Error(), "papi: ")
		return res, nil
	}
	gopt := sopt
	if opt.GroupReplicates > 0 {
		gopt.Replicates = opt.GroupReplicates
	}
	for _, b := range breakdowns {
		if b.Groups, err = scoreGroups(fw, pr, b.Column, gopt, opt.ClusterByUnit); err != nil {
			return Results{}, err
		}
		res.Breakdowns = append(res.Breakdowns, b)
	}
	return res, nil
}

// scoreGroups scores each value of a group column with papi.ScoreByGroup,
// which reports a group with a sub-dimension none of its members answered as
// that group's problem (the dimension is not estimable) and scores the rest.
// With unit clusters it scores each group as a domain of the whole sample and
// resamples the whole design (few clusters, so cheap). With respondents as
// clusters, resampling the whole sample for every group costs groups ×
// respondents per replicate (14 s for 20,000 respondents and 62 groups), so
// each group's respondents are resampled on their own: the usual simple
// bootstrap within a domain, conditional on its size.
func scoreGroups(fw papi.ScoringFramework, pr *papi.Responses, column string, opt papi.ScoreOptions, domains bool) ([]GroupResult, error) {
	var scored []papi.GroupScore
	if domains {
		gs, err := papi.ScoreByGroup(fw, pr, column, opt)
		if err != nil {
			return nil, err
		}
		scored = gs
	} else {
		members := map[string][]int{}
		var order []string
		for i, v := range pr.Groups[column] {
			if _, ok := members[v]; !ok {
				order = append(order, v)
			}
			members[v] = append(members[v], i)
		}
		slices.SortFunc(order, func(a, b string) int { return vn.Compare(a, b) })
		for _, v := range order {
			sub, err := subset(pr, members[v], column, v)
			if err != nil {
				return nil, err
			}
			gs, err := papi.ScoreByGroup(fw, sub, column, opt)
			if err != nil {
				return nil, err
			}
			scored = append(scored, gs...)
		}
	}
	out := make([]GroupResult, 0, len(scored))
	for _, g := range scored {
		out = append(out, GroupResult{Value: g.Value, N: g.N, Suppressed: g.Suppressed, Score: g.Score, Unanswered: g.Score.Unanswered})
	}
	return out, nil
}

// subset is the responses of some respondents, all in group value of
// column, keeping their clusters.
func subset(pr *papi.Responses, rows []int, column, value string) (*papi.Responses, error) {
	values := make([]float64, 0, len(rows)*pr.K)
	clusters := make([]string, len(rows))
	group := make([]string, len(rows))
	for i, row := range rows {
		values = append(values, pr.Values[row*pr.K:(row+1)*pr.K]...)
		clusters[i] = pr.ClusterNames[pr.Cluster[row]]
		group[i] = value
	}
	s, err := papi.NewResponses(pr.K, values, clusters, nil)
	if err != nil {
		return nil, err
	}
	return s, s.SetGroup(column, group)
}

func choiceLabel(f *Form, q *Question, value, lang string) string {
	if value == "" {
		return "—"
	}
	for _, c := range f.Choices[q.ListName] {
		if c.Name == value {
			return c.Label(lang)
		}
	}
	return value
}

// resultsPage is the results page: the scores as a table with intervals and
// a radar of the dimensions, and the breakdowns.
type resultsPage struct {
	Form            StoredForm
	Results         Results
	Err             string
	Names           map[string]string // dimension and sub-dimension codes → names
	Radar           template.HTML
	ClusterByUnit   bool
	MinCell         int
	Replicates      int
	GroupReplicates int
	ComputedAt      time.Time // when the results shown were computed
	Stale           bool      // responses have changed since: a refresh is under way
	CanRecompute    bool
}

// variant is the results variant the request asks for.
func variant(sf StoredForm, r *http.Request) ResultVariant {
	return ResultVariant{ClusterByUnit: r.URL.Query().Get("cluster") == "unit", Lang: formLang(sf.Form, r)}
}

// results shows the stored results of the form: computed on the first view,
// then read from the table. Results that no longer match the responses are
// shown with a note while a background refresh recomputes them; the
// "recompute" button does it at once.
func (h *handler) results(w http.ResponseWriter, r *http.Request) {
	sf, ok := h.loadForm(w, r, org.ActRead)
	if !ok {
		return
	}
	v := variant(sf, r)
	saved, fresh, err := h.store.CurrentResults(r.Context(), sf, v)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if !fresh {
		h.refresh.Refresh(sf.ID)
	}
	h.renderResults(w, r, sf, v, saved, fresh)
}

// recomputeResults scores the responses again now, on request, and shows
// the page of the same variant. It is for those who manage the form: a
// computation takes seconds of CPU on a large survey.
func (h *handler) recomputeResults(w http.ResponseWriter, r *http.Request) {
	sf, ok := h.loadForm(w, r, org.ActManage)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	v := ResultVariant{ClusterByUnit: r.PostFormValue("cluster") == "unit", Lang: formLang(sf.Form, r)}
	if _, err := h.store.ComputeResults(r.Context(), org.CurrentUser(r).Actor(), sf, v); err != nil {
		h.render.Error(w, r, err)
		return
	}
	to := "/surveys/" + strconv.FormatInt(sf.ID, 10) + "/results"
	if v.ClusterByUnit {
		to += "?cluster=unit"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (h *handler) renderResults(w http.ResponseWriter, r *http.Request, sf StoredForm, v ResultVariant, saved SavedResults, fresh bool) {
	page := resultsPage{Form: sf, ClusterByUnit: v.ClusterByUnit, MinCell: papi.MinCellSize,
		Replicates: resultReplicates, GroupReplicates: groupReplicates, Names: dimensionNames(web.Lang(r)),
		Results: saved.Results, Err: saved.Err, ComputedAt: saved.ComputedAt, Stale: !fresh,
		CanRecompute: org.CurrentUser(r).Can(org.ActManage, sf.UnitPath)}
	if !page.Results.Suppressed && page.Results.Problem == "" && page.Err == "" && len(page.Results.Score.Dimensions) >= 3 {
		page.Radar = radar(page.Results.Score, page.Names, web.T(web.Lang(r), "survey.results.radar"), web.Lang(r))
	}
	h.render.Render(w, r, "survey/results", page)
}

// dimensionNames names the codes of the current PAPI framework.
func dimensionNames(lang string) map[string]string {
	out := map[string]string{}
	fws := papi.Frameworks()
	if len(fws) == 0 {
		return out
	}
	for _, d := range fws[len(fws)-1].Dimensions {
		out[d.Code] = d.NameVI
		if lang == web.LangEN {
			out[d.Code] = d.NameEN
		}
		for _, s := range d.Subdimensions {
			out[s.Code] = s.NameVI
			if lang == web.LangEN {
				out[s.Code] = s.NameEN
			}
		}
	}
	return out
}

func radar(s papi.SurveyScore, names map[string]string, title, lang string) template.HTML {
	ch := chart.RadarChart{Title: title, Max: 10, Min: 0}
	score := chart.Series{Name: web.T(lang, "survey.results.score")}
	low := chart.Series{Name: web.T(lang, "survey.results.low")}
	high := chart.Series{Name: web.T(lang, "survey.results.high")}
	for _, d := range s.Dimensions {
		label := d.Code
		if n := names[d.Code]; n != "" {
			label += " " + n
		}
		ch.Axes = append(ch.Axes, label)
		score.Values = append(score.Values, d.Score)
		low.Values = append(low.Values, d.Low)
		high.Values = append(high.Values, d.High)
	}
	ch.Series = []chart.Series{score, low, high}
	return chart.Radar(ch)
}
