package reception

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type casesPage struct {
	Nav      subNav
	Show     string // "open", "due", "mine", "all"
	Shows    []string
	Kind     string
	Kinds    []Kind
	List     string    // the service index's feedback list shown, if any
	From, To time.Time // … and its period
	Items    []Case
	Outcomes map[int64]Outcome
	Today    time.Time
	Page     int
	PrevURL  string
	NextURL  string
}

// caseFilter reads the list's filters: open cases by default; "due" the
// overdue and due-soon ones; "mine" those assigned to the user; with list,
// from and to (the service index's drill-down), the petitions and
// reflections behind one of its feedback counts, of every status.
func (h *handler) caseFilter(r *http.Request, user *org.User, unit Unit, cal Calendar) (CaseFilter, string, error) {
	pg := web.PageOf(r)
	f := CaseFilter{Scope: unit.Path, Kind: Kind(r.FormValue("kind")), Page: pg.Page, PerPage: pg.PerPage}
	show := r.FormValue("show")
	if list := r.FormValue("list"); list != "" {
		if !oneOf(list, FeedbackLists) {
			return f, show, web.Invalid("list", "reception.list.invalid")
		}
		from, err1 := parseDay(r.FormValue("from"))
		to, err2 := parseDay(r.FormValue("to"))
		if err1 != nil || err2 != nil || from.IsZero() || to.IsZero() || to.Before(from) {
			return f, show, web.Invalid("from", "reception.list.period")
		}
		f.List, f.From, f.To = list, from, to
		return f, "all", nil
	}
	switch show {
	case "all":
	case "due":
		f.DueBy = Term{Days: DueSoonDays, Working: true}.From(h.store.Today(), cal)
	case "mine":
		f.Open, f.HandlerID, f.Scope = true, user.ID, "/"
	default:
		show, f.Open = "open", true
	}
	return f, show, nil
}

func (h *handler) cases(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	cal, err := h.store.calendar(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	f, show, err := h.caseFilter(r, user, unit, cal)
	if err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	items, more, err := h.store.Cases(r.Context(), f)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	today := h.store.Today()
	page := casesPage{Nav: h.nav("cases", unit, user), Show: show, Shows: []string{"open", "due", "mine", "all"}, Kind: string(f.Kind), Kinds: Kinds, Items: items,
		List: f.List, From: f.From, To: f.To,
		Outcomes: map[int64]Outcome{}, Today: today, Page: f.Page}
	for _, c := range items {
		page.Outcomes[c.ID] = Judge(c, today, cal)
	}
	q := r.URL.Query()
	if f.Page > 1 {
		q.Set("page", strconv.Itoa(f.Page-1))
		page.PrevURL = "/reception/cases?" + q.Encode()
	}
	if more {
		q.Set("page", strconv.Itoa(f.Page+1))
		page.NextURL = "/reception/cases?" + q.Encode()
	}
	h.render.Render(w, r, "reception/cases", page)
}

type casePage struct {
	Nav       subNav
	Case      Case
	Outcome   Outcome
	Events    []Event
	Officers  []Officer
	Next      []Status
	CanWork   bool
	CanExtend bool
	Errors    web.FieldErrors
	Today     time.Time
	Rule      Rule
}

func (h *handler) casePage(r *http.Request, user *org.User, c Case, path string) (casePage, error) {
	unit, err := h.store.Unit(r.Context(), c.UnitID)
	if err != nil {
		return casePage{}, err
	}
	events, err := h.store.Events(r.Context(), c.ID)
	if err != nil {
		return casePage{}, err
	}
	cal, err := h.store.calendar(r.Context())
	if err != nil {
		return casePage{}, err
	}
	rule, err := h.store.rules.For(c.Kind, c.Round, c.ReceivedOn)
	if err != nil {
		return casePage{}, err
	}
	p := casePage{Nav: h.nav("cases", unit, user), Case: c, Outcome: Judge(c, h.store.Today(), cal), Events: events, Next: next[c.Status],
		CanWork: MayWorkCase(user, path, c), CanExtend: c.Status.Open() && rule.Extension.Days > 0, Today: h.store.Today(), Rule: rule}
	if p.CanWork {
		if p.Officers, err = h.store.Officers(r.Context(), unit.Path); err != nil {
			return p, err
		}
	}
	return p, nil
}

func (h *handler) showCase(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	c, path, ok := h.loadCase(w, r, user)
	if !ok {
		return
	}
	page, err := h.casePage(r, user, c, path)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "reception/case", page)
}

// stepForm reads a step of the case page.
func stepForm(r *http.Request) (Step, web.FieldErrors) {
	errs := web.FieldErrors{}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	st := Step{To: Status(v("to")), Extend: v("to") == "extend", On: dateField(v("on"), "on", errs), Reason: v("reason"), Answer: v("answer"),
		Public: v("public") != "", Letter: v("letter"), Agency: v("transferred_to")}
	if st.Extend {
		st.To = ""
	}
	st.HandlerID, _ = strconv.ParseInt(v("handler"), 10, 64)
	c, _ := strconv.Atoi(v("complexity"))
	st.Complexity = Complexity(c)
	return st, errs
}

func (h *handler) step(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	c, path, ok := h.loadCase(w, r, user)
	if !ok {
		return
	}
	if !MayWorkCase(user, path, c) {
		h.render.Forbidden(w, r)
		return
	}
	st, errs := stepForm(r)
	if !errs.Any() {
		_, err := h.store.Step(r.Context(), user.Actor(), c.ID, st)
		if errs = h.render.Saved(w, r, err, "reception.step.saved", func() string { return "/reception/cases/" + strconv.FormatInt(c.ID, 10) }); errs == nil {
			return
		}
	}
	page, err := h.casePage(r, user, c, path)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Errors = errs
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "reception/case", page)
}

// rate records the rating a citizen gave the answer (at the desk, by
// phone, or on the portal's form).
func (h *handler) rate(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	c, path, ok := h.loadCase(w, r, user)
	if !ok {
		return
	}
	if !MayWorkCase(user, path, c) {
		h.render.Forbidden(w, r)
		return
	}
	err := h.store.Rate(r.Context(), user.Actor(), c.ID, Rating(r.PostFormValue("rating")))
	if errs := h.render.Saved(w, r, err, "reception.rated", func() string { return "/reception/cases/" + strconv.FormatInt(c.ID, 10) }); errs != nil {
		page, err := h.casePage(r, user, c, path)
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		page.Errors = errs
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "reception/case", page)
	}
}
