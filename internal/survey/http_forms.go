package survey

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

const formsPerPage = 50

type listPage struct {
	Forms     []StoredForm
	Page      int
	More      bool
	CanManage bool
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if page < 1 {
		page = 1
	}
	forms, more, err := h.store.Forms(r.Context(), user.ReadScope(), formsPerPage, (page-1)*formsPerPage)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "survey/list", listPage{Forms: forms, Page: page, More: more, CanManage: user.CanAnywhere(org.ActManage)})
}

type newFormPage struct {
	Units    []org.Unit
	UnitID   int64
	Errors   web.FieldErrors
	Problems []Problem
}

// FormErrors and FormWarnings split the reader's problems for the page,
// errors first: only they keep the form out.
func (p newFormPage) FormErrors() []Problem   { return pickProblems(p.Problems, false) }
func (p newFormPage) FormWarnings() []Problem { return pickProblems(p.Problems, true) }

func pickProblems(ps []Problem, warnings bool) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Warning == warnings {
			out = append(out, p)
		}
	}
	return out
}

func (h *handler) newFormPage(w http.ResponseWriter, r *http.Request, status int, page newFormPage) {
	units, err := h.manageableUnits(r)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Units = units
	if page.UnitID == 0 {
		page.UnitID = org.CurrentUser(r).UnitID
	}
	h.render.PageStatus(w, r, status, "survey/new", page)
}

func (h *handler) newForm(w http.ResponseWriter, r *http.Request) {
	h.newFormPage(w, r, http.StatusOK, newFormPage{})
}

// createForm imports an uploaded XLSForm, or the built-in PAPI template when
// the "builtin" button was pressed. Nothing is stored unless the whole form
// parses.
func (h *handler) createForm(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	if err := r.ParseMultipartForm(maxFormUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		h.render.BadRequest(w, r, err)
		return
	}
	page := newFormPage{Errors: web.FieldErrors{}}
	page.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	unit, err := h.org.Unit(r.Context(), page.UnitID)
	if err != nil || !user.Can(org.ActManage, unit.Path) {
		page.Errors.Add("unit_id", "survey.form.unit.invalid")
	}
	var form *Form
	if r.PostFormValue("builtin") != "" {
		form = BuiltinPAPIForm()
	} else {
		file, _, err := r.FormFile("file")
		if err != nil {
			page.Errors.Add("file", "survey.form.file.required")
		} else {
			defer file.Close()
			var problems []Problem
			form, problems, err = ParseXLSForm(file)
			if err != nil {
				page.Errors.Add("file", "survey.form.file.unreadable")
			}
			page.Problems = problems
			if form == nil && err == nil {
				page.Errors.Add("file", "survey.form.file.problems")
			}
		}
	}
	if page.Errors.Any() {
		h.newFormPage(w, r, http.StatusUnprocessableEntity, page)
		return
	}
	id, err := h.store.CreateForm(r.Context(), user.Actor(), unit.ID, form, StatusDraft, page.Problems)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if len(page.Problems) > 0 {
		web.Flash(w, "survey.form.created_with_warnings")
	} else {
		web.Flash(w, "survey.form.created")
	}
	http.Redirect(w, r, "/surveys/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// template downloads the built-in questionnaire as an XLSForm to adapt.
func (h *handler) template(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := WriteXLSForm(BuiltinPAPIForm(), &buf); err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="papi-khao-sat-mau.xlsx"`)
	_, _ = buf.WriteTo(w)
}

// questionRow is one line of the form page's question table.
type questionRow struct {
	Name, Type, Label, Group, Indicator, Rule, Relevant string
	Required                                            bool
}

type formPage struct {
	Form        StoredForm
	Questions   []questionRow
	Counts      []UnitCount
	Total       int
	Codes       int
	CodesUsed   int
	CanManage   bool
	Units       []org.Unit
	NewCodes    []string     // just made: shown once
	CodesCSV    template.URL // the same, as a CSV to download and print
	CodesUnit   string
	Errors      web.FieldErrors
	PublicPath  string
	CountsShown bool
}

func (h *handler) formPage(w http.ResponseWriter, r *http.Request, status int, sf StoredForm, page formPage) {
	ctx := r.Context()
	lang := formLang(sf.Form, r)
	page.Form = sf
	for _, q := range sf.Form.Questions {
		row := questionRow{Name: q.Key, Type: string(q.Type), Label: q.Label(lang), Group: strings.Join(q.Group, " / "),
			Required: q.Required || !q.RequiredIf.IsZero(), Relevant: q.Relevant.String()}
		if q.Binding != nil {
			row.Indicator, row.Rule = q.Binding.Indicator, q.Binding.Rule.String()
		}
		page.Questions = append(page.Questions, row)
	}
	var err error
	if page.Counts, err = h.store.CountsByUnit(ctx, sf.ID); err != nil {
		h.render.Error(w, r, err)
		return
	}
	for _, c := range page.Counts {
		page.Total += c.N
	}
	if page.Codes, page.CodesUsed, err = h.store.InvitationCounts(ctx, sf.ID); err != nil {
		h.render.Error(w, r, err)
		return
	}
	user := org.CurrentUser(r)
	page.CanManage = user.Can(org.ActManage, sf.UnitPath)
	if page.CanManage {
		if page.Units, err = h.org.Units(ctx, org.UnitFilter{Scope: "/"}); err != nil {
			h.render.Error(w, r, err)
			return
		}
	}
	page.PublicPath = "/khao-sat"
	h.render.PageStatus(w, r, status, "survey/form", page)
}

func (h *handler) show(w http.ResponseWriter, r *http.Request) {
	sf, ok := h.loadForm(w, r, org.ActRead)
	if !ok {
		return
	}
	h.formPage(w, r, http.StatusOK, sf, formPage{})
}

func (h *handler) setStatus(w http.ResponseWriter, r *http.Request) {
	sf, ok := h.loadForm(w, r, org.ActManage)
	if !ok {
		return
	}
	status, ok := ParseStatus(r.PostFormValue("status"))
	if !ok {
		h.formPage(w, r, http.StatusUnprocessableEntity, sf, formPage{Errors: web.FieldErrors{"status": "survey.form.status.invalid"}})
		return
	}
	if err := h.store.SetStatus(r.Context(), org.CurrentUser(r).Actor(), sf.ID, status); err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "survey.form.status.changed")
	http.Redirect(w, r, "/surveys/"+strconv.FormatInt(sf.ID, 10), http.StatusSeeOther)
}

// invitations makes invitation codes and shows them once, with a CSV of the
// same codes to print.
func (h *handler) invitations(w http.ResponseWriter, r *http.Request) {
	sf, ok := h.loadForm(w, r, org.ActManage)
	if !ok {
		return
	}
	errs := web.FieldErrors{}
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("count")))
	if err != nil || n < 1 || n > MaxInvitations {
		errs.Add("count", "survey.codes.count.invalid")
	}
	var unit org.Unit
	if v := r.PostFormValue("unit_id"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		if unit, err = h.org.Unit(r.Context(), id); err != nil {
			errs.Add("unit_id", "survey.codes.unit.invalid")
		}
	}
	if errs.Any() {
		h.formPage(w, r, http.StatusUnprocessableEntity, sf, formPage{Errors: errs})
		return
	}
	codes, err := h.store.CreateInvitations(r.Context(), org.CurrentUser(r).Actor(), sf.ID, unit.ID, n)
	if errors.Is(err, db.ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	unitName := unit.Name
	if unitName == "" {
		unitName = sf.UnitName
	}
	h.formPage(w, r, http.StatusOK, sf, formPage{NewCodes: codes, CodesCSV: codesCSV(sf.Title, unitName, codes), CodesUnit: unitName})
}

// codesCSV is a data: URL of the codes as CSV (with a BOM, so that Excel
// reads the Vietnamese as UTF-8). The codes exist nowhere else once the page
// is closed, so the download cannot be a second request.
func codesCSV(title, unit string, codes []string) template.URL {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	_ = cw.Write([]string{"stt", "ma_moi", "khao_sat", "don_vi", "duong_dan"})
	for i, c := range codes {
		_ = cw.Write([]string{strconv.Itoa(i + 1), c, title, unit, "/khao-sat/" + c})
	}
	cw.Flush()
	// Built here from our own codes and names, base64-encoded: nothing in it
	// can break out of the attribute.
	return template.URL("data:text/csv;charset=utf-8;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
}
