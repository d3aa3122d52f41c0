package inspection

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type listPage struct {
	Nav     subNav
	Units   []Unit
	Query   string
	Source  string
	Sources []Source
	Items   []ConclusionRow
	Today   time.Time
	Page    int
	PrevURL string
	NextURL string
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	pg := web.PageOf(r)
	today := h.store.Today()
	f := Filter{Scope: unit.Path, Query: r.FormValue("q"), Source: Source(r.FormValue("source")), Page: pg.Page, PerPage: pg.PerPage}
	items, more, err := h.store.Conclusions(r.Context(), f, today)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	units, err := h.store.Units(r.Context(), user.ReadScope())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := listPage{Nav: h.nav("conclusions", unit, user), Units: units, Query: f.Query, Source: string(f.Source), Sources: Sources, Items: items,
		Today: today, Page: pg.Page}
	page.PrevURL, page.NextURL = pager(r, "/inspection", pg.Page, more)
	h.render.Render(w, r, "inspection/list", page)
}

// pager is a list's links to the pages before and after.
func pager(r *http.Request, path string, page int, more bool) (prev, next string) {
	q := r.URL.Query()
	if page > 1 {
		q.Set("page", strconv.Itoa(page-1))
		prev = path + "?" + q.Encode()
	}
	if more {
		q.Set("page", strconv.Itoa(page+1))
		next = path + "?" + q.Encode()
	}
	return prev, next
}

// recRow is one recommendation row of the conclusion form, as typed.
type recRow struct {
	N                                                             int // the row's number, from 1
	Kind, Content, Responsible, Deadline, AmountDue, People, Form string
}

type formPage struct {
	Nav         subNav
	C           Conclusion
	IssuedOn    string
	ReceivedOn  string
	Rows        []recRow
	Responsible []Unit
	Kinds       []Kind
	Sources     []Source
	Errors      web.FieldErrors
}

// formRows is how many recommendation rows a new form offers; ?rows= asks
// for more.
const formRows = 5

func (h *handler) formPage(r *http.Request, unit Unit, user *org.User, page formPage) (formPage, error) {
	units, err := h.store.Units(r.Context(), unit.Path)
	page.Nav, page.Responsible, page.Kinds, page.Sources = h.nav("conclusions", unit, user), units, Kinds, Sources
	return page, err
}

func (h *handler) newForm(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.FormValue("rows"))
	if err != nil || n < formRows {
		n = formRows
	}
	n = min(n, MaxRecommendations)
	page := formPage{C: Conclusion{Source: FromInspectorate}}
	for i := range n {
		page.Rows = append(page.Rows, recRow{N: i + 1})
	}
	page, err = h.formPage(r, unit, user, page)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "inspection/form", page)
}

// rowField matches a recommendation row's field name: r3_deadline.
var rowField = regexp.MustCompile(`^r([0-9]{1,3})_([a-z_]+)$`)

// conclusionForm reads the conclusion form: the conclusion and the rows of
// recommendations that are not blank. The field errors name the rows as
// the form numbers them.
func conclusionForm(r *http.Request, c *Conclusion, today time.Time) ([]recRow, web.FieldErrors) {
	errs := web.FieldErrors{}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	c.Number, c.Issuer, c.Source, c.Subjects, c.Summary = v("number"), v("issuer"), Source(v("source")), v("subjects"), v("summary")
	c.IssuedOn = dateField(v("issued_on"), "issued_on", errs)
	c.ReceivedOn = dateField(v("received_on"), "received_on", errs)
	n := 0
	for k := range r.PostForm {
		if m := rowField.FindStringSubmatch(k); m != nil {
			i, _ := strconv.Atoi(m[1])
			n = max(n, min(i, MaxRecommendations+1))
		}
	}
	var rows []recRow
	c.Recommendations = nil
	for i := 1; i <= n; i++ {
		f := func(name string) string { return v(fmt.Sprintf("r%d_%s", i, name)) }
		row := recRow{N: i, Kind: f("kind"), Content: f("content"), Responsible: f("responsible"), Deadline: f("deadline"),
			AmountDue: f("amount_due"), People: f("people"), Form: f("discipline_form")}
		rows = append(rows, row)
		if row.blank() {
			continue
		}
		rec := Recommendation{Kind: Kind(row.Kind), Content: row.Content, DisciplineForm: row.Form}
		rec.ResponsibleID, _ = strconv.ParseInt(row.Responsible, 10, 64)
		rec.Deadline = dateField(row.Deadline, fmt.Sprintf("r%d_deadline", i), errs)
		rec.AmountDue = amountField(row.AmountDue, fmt.Sprintf("r%d_amount_due", i), errs)
		if row.People != "" {
			p, err := strconv.Atoi(row.People)
			if err != nil {
				errs.Add(fmt.Sprintf("r%d_people", i), "inspection.people.required")
			}
			rec.People = p
		}
		c.Recommendations = append(c.Recommendations, rec)
	}
	for field, key := range renumber(c.Validate(today), rows) {
		errs.Add(field, key)
	}
	return rows, errs
}

func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	c := Conclusion{UnitID: unit.ID}
	rows, errs := conclusionForm(r, &c, h.store.Today())
	if !errs.Any() {
		id, err := h.store.CreateConclusion(r.Context(), user.Actor(), c)
		if errs = h.render.Saved(w, r, err, "inspection.created", func() string { return idURL("/inspection/", id) }); errs == nil {
			return
		}
		errs = renumber(errs, rows)
	}
	page, err := h.formPage(r, unit, user, formPage{C: c, Rows: rows, Errors: errs,
		IssuedOn: r.PostFormValue("issued_on"), ReceivedOn: r.PostFormValue("received_on")})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "inspection/form", page)
}

// blank reports whether a row of the form was left empty (the kind and
// the responsible unit are preselected, so they do not count).
func (row recRow) blank() bool {
	return row.Content == "" && row.Deadline == "" && row.AmountDue == "" && row.People == "" && row.Form == ""
}

// renumber names the refusals of recommendations, numbered among those
// kept, by the form's rows, which skip the blank ones.
func renumber(errs web.FieldErrors, rows []recRow) web.FieldErrors {
	var formRow []int
	for _, row := range rows {
		if !row.blank() {
			formRow = append(formRow, row.N)
		}
	}
	out := web.FieldErrors{}
	for field, key := range errs {
		if m := rowField.FindStringSubmatch(field); m != nil {
			if i, _ := strconv.Atoi(m[1]); i >= 1 && i <= len(formRow) {
				field = fmt.Sprintf("r%d_%s", formRow[i-1], m[2])
			}
		}
		out.Add(field, key)
	}
	return out
}

type showPage struct {
	Nav          subNav
	C            Conclusion
	Directive    DirectiveState
	DirectiveDue time.Time
	Today        time.Time
	CanWork      bool
	Errors       web.FieldErrors
	DirNumber    string
	DirOn        string
	Due          int64
	Recovered    int64
}

func (h *handler) show(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	c, path, ok := h.loadConclusion(w, r, user)
	if !ok {
		return
	}
	h.showStatus(w, r, http.StatusOK, c, path, showPage{})
}

func (h *handler) showStatus(w http.ResponseWriter, r *http.Request, status int, c Conclusion, path string, page showPage) {
	user := org.CurrentUser(r)
	unit, err := h.store.Unit(r.Context(), c.UnitID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	today := h.store.Today()
	page.Nav, page.C, page.Today = h.nav("conclusions", unit, user), c, today
	page.Directive, page.DirectiveDue, page.CanWork = c.DirectiveStateOn(today), DirectiveDue(c.Received()), user.Can(org.ActWork, path)
	for _, rec := range c.Recommendations {
		page.Due += rec.AmountDue
		page.Recovered += rec.AmountRecovered
	}
	h.render.PageStatus(w, r, status, "inspection/show", page)
}

// directive records the head's directive implementing the conclusion.
func (h *handler) directive(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	c, path, ok := h.loadConclusion(w, r, user)
	if !ok {
		return
	}
	if !user.Can(org.ActWork, path) {
		h.render.Forbidden(w, r)
		return
	}
	errs := web.FieldErrors{}
	number, on := strings.TrimSpace(r.PostFormValue("directive_number")), dateField(r.PostFormValue("directive_on"), "directive_on", errs)
	if !errs.Any() {
		err := h.store.RecordDirective(r.Context(), user.Actor(), c.ID, number, on)
		if errs = h.render.Saved(w, r, err, "inspection.directive.saved", func() string { return idURL("/inspection/", c.ID) }); errs == nil {
			return
		}
	}
	h.showStatus(w, r, http.StatusUnprocessableEntity, c, path, showPage{Errors: errs, DirNumber: number, DirOn: r.PostFormValue("directive_on")})
}
