package inspection

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/period"
	"papihub/internal/platform/tabular"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

type importPage struct {
	Nav      subNav
	Errors   web.FieldErrors
	FileName string
	Detail   string
	Report   *ImportReport
}

func (h *handler) importForm(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	h.render.Render(w, r, "inspection/import", importPage{Nav: h.nav("import", unit, user)})
}

// importFile imports an uploaded register file into the unit's register:
// the whole file or nothing, unless the user asked to skip bad rows.
func (h *handler) importFile(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	page := importPage{Nav: h.nav("import", unit, user), Errors: web.FieldErrors{}}
	f, header, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.render.BadRequest(w, r, err)
			return
		}
		page.Errors.Add("file", "inspection.import.file.required")
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "inspection/import", page)
		return
	}
	defer f.Close()
	page.FileName = filepath.Base(header.Filename)
	format, err := tabular.FormatOf(page.FileName)
	var dec *Decoder
	if err == nil {
		dec, err = NewDecoder(f, format)
	}
	if err != nil {
		page.Errors.Add("file", "inspection.import.file.required")
		page.Detail = err.Error()
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "inspection/import", page)
		return
	}
	defer dec.Close()
	rep, err := h.store.Import(r.Context(), user.Actor(), unit.ID, dec, r.PostFormValue("skip_invalid") == "1")
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Report = &rep
	status := http.StatusOK
	if !rep.Applied {
		status = http.StatusUnprocessableEntity
	}
	h.render.PageStatus(w, r, status, "inspection/import", page)
}

type reportPage struct {
	Nav       subNav
	Period    string
	Label     string
	F         FollowUp
	CanIssue  bool
	Errors    web.FieldErrors
	IssuedURL string
	DraftDOCX string
	DraftXLSX string
}

// span reads ?period= (default the last quarter that ended) as days in
// Vietnam.
func (h *handler) span(r *http.Request) (period.Span, bool) {
	key := strings.TrimSpace(r.FormValue("period"))
	if key == "" {
		last := period.Quarter(h.store.Today()).From.AddDate(0, 0, -1)
		key = period.Quarter(last).Key
	}
	sp, err := period.Parse(key)
	return sp, err == nil
}

// vnDay is a period's calendar date as the register keeps days.
func vnDay(t time.Time) time.Time { return Day(t.Date()) }

func (h *handler) followUp(w http.ResponseWriter, r *http.Request, unit Unit) (FollowUp, period.Span, bool) {
	sp, ok := h.span(r)
	if !ok {
		h.render.BadRequest(w, r, errors.New("period"))
		return FollowUp{}, sp, false
	}
	f, err := h.store.FollowUp(r.Context(), unit, vnDay(sp.From), vnDay(sp.To))
	if err != nil {
		h.render.Error(w, r, err)
		return f, sp, false
	}
	return f, sp, true
}

func (h *handler) reportView(w http.ResponseWriter, r *http.Request) {
	h.reportStatus(w, r, http.StatusOK, nil)
}

func (h *handler) reportStatus(w http.ResponseWriter, r *http.Request, status int, errs web.FieldErrors) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	f, sp, ok := h.followUp(w, r, unit)
	if !ok {
		return
	}
	page := reportPage{Nav: h.nav("report", unit, user), Period: sp.Key, Label: sp.Label(), F: f, Errors: errs,
		CanIssue: user.Can(org.ActApprove, unit.Path) && h.reports != nil}
	if id, err := strconv.ParseInt(r.FormValue("issued"), 10, 64); err == nil {
		page.IssuedURL = "/reports/" + strconv.FormatInt(id, 10) + "/file"
	}
	q := url.Values{"unit": {strconv.FormatInt(unit.ID, 10)}, "period": {sp.Key}, "format": {"docx"}}
	page.DraftDOCX = "/inspection/report/file?" + q.Encode()
	q.Set("format", "xlsx")
	page.DraftXLSX = "/inspection/report/file?" + q.Encode()
	h.render.PageStatus(w, r, status, "inspection/report", page)
}

// Render writes the follow-up as DOCX or XLSX; another format is a
// *web.ValidationError on "format".
func (f FollowUp) Render(format string, is Issue) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "docx":
		err = report.WriteDOCX(&buf, f.Document(is))
	case "xlsx":
		err = report.WriteXLSX(&buf, f.Sheets())
	default:
		return nil, web.Invalid("format", "inspection.report.format.invalid")
	}
	return buf.Bytes(), err
}

// reportFile sends the follow-up as a draft to read before it is signed:
// no number, no date, nothing recorded.
func (h *handler) reportFile(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	f, sp, ok := h.followUp(w, r, unit)
	if !ok {
		return
	}
	format := r.FormValue("format")
	b, err := f.Render(format, Issue{})
	if _, bad := web.AsValidation(err); bad {
		h.render.BadRequest(w, r, err)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", report.ContentType(format))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="theo-doi-ket-luan-%s.%s"`, sp.Key, format))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

// issueReport issues the follow-up: numbered, dated today, recorded in the
// register of issued reports.
func (h *handler) issueReport(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	if !user.Can(org.ActApprove, unit.Path) || h.reports == nil {
		h.render.Forbidden(w, r)
		return
	}
	format := r.PostFormValue("format")
	if format != "docx" && format != "xlsx" {
		h.reportStatus(w, r, http.StatusUnprocessableEntity, web.FieldErrors{"format": "inspection.report.format.invalid"})
		return
	}
	f, sp, ok := h.followUp(w, r, unit)
	if !ok {
		return
	}
	is := Issue{Number: strings.TrimSpace(r.PostFormValue("number")), SignerTitle: strings.TrimSpace(r.PostFormValue("signer_title")),
		SignerName: strings.TrimSpace(r.PostFormValue("signer_name")), Date: h.store.Today()}
	bounds := web.FieldErrors{}
	bounds.Within("number", is.Number, web.MaxCode)
	bounds.Within("signer_title", is.SignerTitle, web.MaxShort)
	bounds.Within("signer_name", is.SignerName, web.MaxShort)
	if bounds.Any() {
		h.reportStatus(w, r, http.StatusUnprocessableEntity, bounds)
		return
	}
	b, err := f.Render(format, is)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	doc := f.Document(is)
	x, err := h.reports.Issue(r.Context(), user.Actor(), report.Issued{Kind: KindFollowUp, UnitID: unit.ID, Title: doc.Subject, Number: doc.Number,
		Period: sp.Key, Format: format, FileName: fmt.Sprintf("theo-doi-ket-luan-%s.%s", sp.Key, format)}, b)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "inspection.report.issued")
	http.Redirect(w, r, "/inspection/report?"+url.Values{"unit": {strconv.FormatInt(unit.ID, 10)}, "period": {sp.Key},
		"issued": {strconv.FormatInt(x.ID, 10)}}.Encode(), http.StatusSeeOther)
}
