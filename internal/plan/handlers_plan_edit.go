package plan

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

// planForm is the header form as typed; paragraphs are one per line.
type planForm struct {
	Number, Symbol, Title, ParentBody, Place, Date string
	SignerTitle, SignerName                        string
	Basis, Purposes, Requirements                  string
	Status                                         string
}

func formOfPlan(p Plan) planForm {
	f := planForm{Number: p.Number, Symbol: p.Symbol, Title: p.Title, ParentBody: p.ParentBody, Place: p.Place, Date: p.IssueDate,
		SignerTitle: p.Signer.Title, SignerName: p.Signer.Name, Status: string(p.Status),
		Purposes: strings.Join(p.Purposes, "\n"), Requirements: strings.Join(p.Requirements, "\n")}
	var basis []string
	for _, b := range p.Basis {
		basis = append(basis, b.Text)
	}
	f.Basis = strings.Join(basis, "\n")
	return f
}

func parsePlanForm(r *http.Request) planForm {
	v := r.PostFormValue
	return planForm{Number: v("number"), Symbol: v("symbol"), Title: v("title"), ParentBody: v("parent_body"), Place: v("place"),
		Date: v("date"), SignerTitle: v("signer_title"), SignerName: v("signer_name"), Basis: v("basis"), Purposes: v("purposes"),
		Requirements: v("requirements"), Status: v("status")}
}

// header turns the form into the store's header. Every list is given (not
// nil), so that emptying a textarea clears it.
func (f planForm) header() PlanHeader {
	h := PlanHeader{Number: f.Number, Symbol: f.Symbol, Title: f.Title, ParentBody: f.ParentBody, Place: f.Place,
		IssueDate: isoDate(f.Date), Signer: Signer{Title: f.SignerTitle, Name: f.SignerName},
		Basis: []PlanBasis{}, Purposes: lines(f.Purposes), Requirements: lines(f.Requirements)}
	for _, l := range lines(f.Basis) {
		h.Basis = append(h.Basis, PlanBasis{Text: l, Refs: findRefs(l)})
	}
	return h
}

func lines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

var (
	dmyDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	myDate  = regexp.MustCompile(`^(\d{1,2})/(\d{4})$`)
)

// isoDate accepts the issue date the way officials write it (14/03/2026,
// or 03/2026 when the day is left for the signer) besides the stored form
// (2026-03-14, 2026-03, 2026); anything else is passed on for validation
// to refuse.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	two := func(x string) string { return strings.Repeat("0", 2-len(x)) + x }
	if m := dmyDate.FindStringSubmatch(s); m != nil {
		return m[3] + "-" + two(m[2]) + "-" + two(m[1])
	}
	if m := myDate.FindStringSubmatch(s); m != nil {
		return m[2] + "-" + two(m[1])
	}
	return s
}

type planEditPage struct {
	Plan      Plan
	Form      planForm
	Baselines []baselineRow
	Errors    web.FieldErrors
	Statuses  []PlanStatus // the plan's status and where it may move
}

func (h *handler) planEditPage(w http.ResponseWriter, r *http.Request, status int, page planEditPage) {
	page.Statuses = append([]PlanStatus{page.Plan.Status}, planTransitions[page.Plan.Status]...)
	if page.Baselines == nil {
		page.Baselines = baselineRows(page.Plan.Year, page.Plan.Baselines)
	}
	h.render.PageStatus(w, r, status, "plan/plan_edit", page)
}

// editPlan shows the header form to those who manage the plan's issuer.
func (h *handler) editPlan(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	if !org.CurrentUser(r).Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	h.planEditPage(w, r, http.StatusOK, planEditPage{Plan: v.Plan, Form: formOfPlan(v.Plan)})
}

// savePlan changes the header and, when asked, the status, in one step.
func (h *handler) savePlan(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	form := parsePlanForm(r)
	if !user.Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	rows, baselines, errs := baselinesFromForm(r, v.Plan.Year)
	if errs.Any() {
		h.planEditPage(w, r, http.StatusUnprocessableEntity, planEditPage{Plan: v.Plan, Form: form, Baselines: rows, Errors: errs})
		return
	}
	header := form.header()
	header.Baselines = baselines
	err := h.store.EditPlan(r.Context(), user.Actor(), v.Plan.ID, header, PlanStatus(form.Status))
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			h.planEditPage(w, r, http.StatusUnprocessableEntity, planEditPage{Plan: v.Plan, Form: form, Baselines: rows, Errors: baselineErrors(fe, baselines)})
			return
		}
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, "flash.saved")
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(v.Plan.ID, 10), http.StatusSeeOther)
}
