package reception

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/period"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

type reportPage struct {
	Nav       subNav
	Period    string
	Report    Report
	CanIssue  bool
	Errors    web.FieldErrors
	FileQuery string
}

// reportOf reads ?period= (default the current quarter) and gathers the
// report of the unit.
func (h *handler) reportOf(r *http.Request, unit Unit) (Report, string, web.FieldErrors, error) {
	key := strings.TrimSpace(r.FormValue("period"))
	if key == "" {
		key = period.Quarter(h.store.Today()).Key
	}
	span, err := period.Parse(key)
	if err != nil {
		return Report{}, key, web.FieldErrors{"period": "reception.period.invalid"}, nil
	}
	rep, err := h.store.Report(r.Context(), unit, span)
	return rep, key, nil, err
}

// report shows the period's figures, with the DOCX and XLSX to download
// and, for those who issue reports, the button that records it.
func (h *handler) report(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	rep, key, errs, err := h.reportOf(r, unit)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := reportPage{Nav: h.nav("report", unit, user), Period: key, Report: rep, CanIssue: user.Can(org.ActApprove, unit.Path), Errors: errs,
		FileQuery: "unit=" + strconv.FormatInt(unit.ID, 10) + "&period=" + key}
	status := http.StatusOK
	if errs.Any() {
		status = http.StatusUnprocessableEntity
	}
	h.render.PageStatus(w, r, status, "reception/report", page)
}

// reportFile renders the report, for download or for the register.
func (h *handler) reportFile(rep Report, format string, is Issue) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if format == "xlsx" {
		err = report.WriteXLSX(&buf, rep.Sheets())
	} else {
		err = report.WriteDOCX(&buf, rep.Document(is))
	}
	return buf.Bytes(), err
}

func (h *handler) reportDownload(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	rep, key, errs, err := h.reportOf(r, unit)
	if errs.Any() {
		h.render.BadRequest(w, r, web.Invalid("period", errs["period"]))
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	format := "docx"
	if r.FormValue("format") == "xlsx" {
		format = "xlsx"
	}
	b, err := h.reportFile(rep, format, Issue{})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", report.ContentType(format))
	w.Header().Set("Content-Disposition", `attachment; filename="tiep-cong-dan-`+key+`.`+format+`"`)
	w.Write(b)
}

// issueReport records the report in the register of issued reports.
func (h *handler) issueReport(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	if !user.Can(org.ActApprove, unit.Path) {
		h.render.Forbidden(w, r)
		return
	}
	rep, key, errs, err := h.reportOf(r, unit)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if !errs.Any() {
		format := "docx"
		if r.PostFormValue("format") == "xlsx" {
			format = "xlsx"
		}
		is := Issue{Number: strings.TrimSpace(r.PostFormValue("number")), SignerName: strings.TrimSpace(r.PostFormValue("signer")), Date: time.Now()}
		bounds := web.FieldErrors{}
		bounds.Within("number", is.Number, web.MaxCode)
		bounds.Within("signer", is.SignerName, web.MaxShort)
		var b []byte
		if bounds.Any() {
			err = &web.ValidationError{Fields: bounds}
		} else if b, err = h.reportFile(rep, format, is); err == nil {
			doc := rep.Document(is)
			_, err = h.reports.Issue(r.Context(), user.Actor(), report.Issued{Kind: KindReport, UnitID: unit.ID, Title: doc.Subject, Number: doc.Number,
				Period: key, Format: format, FileName: "tiep-cong-dan-" + key + "." + format}, b)
		}
		if errs = h.render.Saved(w, r, err, "reception.report.issued", func() string { return "/reports?kind=" + KindReport }); errs == nil {
			return
		}
	}
	page := reportPage{Nav: h.nav("report", unit, user), Period: key, Report: rep, CanIssue: true, Errors: errs,
		FileQuery: "unit=" + strconv.FormatInt(unit.ID, 10) + "&period=" + key}
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "reception/report", page)
}

// logbookDownload gives the period's logbook as form 03: DOCX, PDF laid out
// from the same DOCX by the report kit, or XLSX. Persons are as the list
// shows them (masked; a denouncer not at all).
func (h *handler) logbookDownload(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	format := r.FormValue("format")
	if format != "pdf" && format != "xlsx" {
		format = "docx"
	}
	rep, key, errs, err := h.reportOf(r, unit)
	if errs.Any() {
		h.render.BadRequest(w, r, web.Invalid("period", errs["period"]))
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	if format == "xlsx" {
		err = report.WriteXLSX(&buf, []report.Sheet{rep.LogbookSheet()})
	} else {
		err = report.WriteDOCX(&buf, rep.Form03(Issue{}))
	}
	b := buf.Bytes()
	if err == nil && format == "pdf" {
		b, err = report.PDF(r.Context(), b)
	}
	if errors.Is(err, report.ErrNoPDF) {
		h.render.BadRequest(w, r, web.Invalid("format", "reception.pdf.unavailable"))
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", report.ContentType(format))
	w.Header().Set("Content-Disposition", `attachment; filename="so-tiep-cong-dan-`+key+`.`+format+`"`)
	w.Write(b)
}
