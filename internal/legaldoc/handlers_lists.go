package legaldoc

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/chart"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

type importPage struct {
	Nav      subNav
	Errors   web.FieldErrors
	FileName string
	Report   *ImportReport
	Detail   string
}

func (h *handler) importForm(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	h.render.Render(w, r, "legaldoc/import", importPage{Nav: h.nav("import", unit, user)})
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
		page.Errors.Add("file", "legaldoc.import.file.required")
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "legaldoc/import", page)
		return
	}
	defer f.Close()
	page.FileName = filepath.Base(header.Filename)
	format := "csv"
	if strings.HasSuffix(strings.ToLower(page.FileName), ".xlsx") {
		format = "xlsx"
	}
	dec, err := NewDecoder(f, format)
	if err != nil {
		page.Errors.Add("file", "legaldoc.import.file.required")
		page.Detail = err.Error()
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "legaldoc/import", page)
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
	h.render.PageStatus(w, r, status, "legaldoc/import", page)
}

type expiredPage struct {
	Nav       subNav
	List      ExpiredList
	Due       time.Time
	CanIssue  bool
	Errors    web.FieldErrors
	Issue     Issue
	IssuedURL string
	DraftDOCX string
	DraftXLSX string
}

// Full and Partial are the list's two parts, for the tables shared with
// the systematisation page.
func (p expiredPage) Full() []ExpiredRow    { return p.List.Full }
func (p expiredPage) Partial() []ExpiredRow { return p.List.Partial }
func (p systemPage) Full() []ExpiredRow     { return p.Sys.Expired }
func (p systemPage) Partial() []ExpiredRow  { return p.Sys.Partial }

// lastYear is the year whose list is due this January.
func (h *handler) lastYear() int { return h.store.Today().Year() - 1 }

func (h *handler) expired(w http.ResponseWriter, r *http.Request) {
	h.expiredStatus(w, r, http.StatusOK, nil, "")
}

func (h *handler) expiredStatus(w http.ResponseWriter, r *http.Request, status int, errs web.FieldErrors, issued string) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	year, ok := h.yearOf(r, "year", h.lastYear())
	if !ok {
		h.render.BadRequest(w, r, errors.New("year"))
		return
	}
	l, err := h.store.Expired(r.Context(), unit, year)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	q := url.Values{"unit": {strconv.FormatInt(unit.ID, 10)}, "year": {strconv.Itoa(year)}}
	if id, err := strconv.ParseInt(r.FormValue("issued"), 10, 64); err == nil && issued == "" {
		issued = "/reports/" + strconv.FormatInt(id, 10) + "/file"
	}
	page := expiredPage{Nav: h.nav("expired", unit, user), List: l, Due: DueDate(year), CanIssue: user.Can(org.ActApprove, unit.Path) && h.reports != nil,
		Errors: errs, IssuedURL: issued}
	q.Set("format", "docx")
	page.DraftDOCX = "/legal/expired/file?" + q.Encode()
	q.Set("format", "xlsx")
	page.DraftXLSX = "/legal/expired/file?" + q.Encode()
	h.render.PageStatus(w, r, status, "legaldoc/expired", page)
}

// render writes a list as DOCX or XLSX.
func renderList(format string, doc report.Document, sheets []report.Sheet) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "docx":
		err = report.WriteDOCX(&buf, doc)
	case "xlsx":
		err = report.WriteXLSX(&buf, sheets)
	default:
		return nil, web.Invalid("format", "legaldoc.list.format.invalid")
	}
	return buf.Bytes(), err
}

// sendDraft answers with a list rendered in the requested format (?format=
// docx or xlsx) as a draft: no number, no date, nothing recorded.
func (h *handler) sendDraft(w http.ResponseWriter, r *http.Request, name string, doc report.Document, sheets []report.Sheet) {
	format := r.FormValue("format")
	b, err := renderList(format, doc, sheets)
	if _, bad := web.AsValidation(err); bad {
		h.render.BadRequest(w, r, err)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	sendFile(w, name+"."+format, format, b)
}

func sendFile(w http.ResponseWriter, name, format string, b []byte) {
	w.Header().Set("Content-Type", report.ContentType(format))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

// expiredFile sends the year's list as a draft to read or print before it
// is signed: no number, no date, nothing recorded.
func (h *handler) expiredFile(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	year, ok := h.yearOf(r, "year", h.lastYear())
	if !ok {
		h.render.BadRequest(w, r, errors.New("year"))
		return
	}
	l, err := h.store.Expired(r.Context(), unit, year)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.sendDraft(w, r, fmt.Sprintf("danh-muc-het-hieu-luc-%d", year), l.Document(Issue{}), l.Sheets())
}

// issueExpired issues the year's list: numbered, dated today, recorded in
// the register of issued reports.
func (h *handler) issueExpired(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	if !user.Can(org.ActApprove, unit.Path) || h.reports == nil {
		h.render.Forbidden(w, r)
		return
	}
	errs := web.FieldErrors{}
	year, ok := h.yearOf(r, "year", h.lastYear())
	if !ok {
		errs.Add("year", "legaldoc.list.year.invalid")
	}
	format := r.PostFormValue("format")
	if format != "docx" && format != "xlsx" {
		errs.Add("format", "legaldoc.list.format.invalid")
	}
	if errs.Any() {
		h.expiredStatus(w, r, http.StatusUnprocessableEntity, errs, "")
		return
	}
	l, err := h.store.Expired(r.Context(), unit, year)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	is := Issue{Number: strings.TrimSpace(r.PostFormValue("number")), SignerTitle: strings.TrimSpace(r.PostFormValue("signer_title")),
		SignerName: strings.TrimSpace(r.PostFormValue("signer_name")), Date: h.store.Today()}
	doc := l.Document(is)
	b, err := renderList(format, doc, l.Sheets())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	x, err := h.reports.Issue(r.Context(), user.Actor(), report.Issued{Kind: KindExpiredList, UnitID: unit.ID, Title: doc.Subject,
		Number: doc.Number, Period: strconv.Itoa(year), Format: format, FileName: fmt.Sprintf("danh-muc-het-hieu-luc-%d.%s", year, format)}, b)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "legaldoc.expired.issued")
	http.Redirect(w, r, "/legal/expired?"+url.Values{"unit": {strconv.FormatInt(unit.ID, 10)}, "year": {strconv.Itoa(year)},
		"issued": {strconv.FormatInt(x.ID, 10)}}.Encode(), http.StatusSeeOther)
}

// KindExpiredList is the kind of the yearly list in the register of issued
// reports; KindSystematisation that of the five-yearly lists.
const (
	KindExpiredList     = "legal_expired"
	KindSystematisation = "legal_system"
)

type systemPage struct {
	Nav   subNav
	Sys   Systematisation
	Draft string
	XLSX  string
}

func (h *handler) system(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	end, ok := h.yearOf(r, "end", h.lastYear())
	if !ok {
		h.render.BadRequest(w, r, errors.New("end"))
		return
	}
	sy, err := h.store.Systematise(r.Context(), unit, end)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	q := url.Values{"unit": {strconv.FormatInt(unit.ID, 10)}, "end": {strconv.Itoa(end)}, "format": {"docx"}}
	page := systemPage{Nav: h.nav("system", unit, user), Sys: sy, Draft: "/legal/system/file?" + q.Encode()}
	q.Set("format", "xlsx")
	page.XLSX = "/legal/system/file?" + q.Encode()
	h.render.Render(w, r, "legaldoc/system", page)
}

func (h *handler) systemFile(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	end, ok := h.yearOf(r, "end", h.lastYear())
	if !ok {
		h.render.BadRequest(w, r, errors.New("end"))
		return
	}
	sy, err := h.store.Systematise(r.Context(), unit, end)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.sendDraft(w, r, fmt.Sprintf("he-thong-hoa-%d-%d", sy.From, sy.To), sy.Document(Issue{}), sy.Sheets())
}

type overviewPage struct {
	Nav       subNav
	Year      int
	Counts    template.HTML
	Total     int
	Expired   ExpiredList
	Reviewed  map[Finding]int
	Reviews   int
	Proposals []Review
	ListYear  int
	ListDue   time.Time
}

// overview is the leader's page: where the register stands today, what
// ended and what was reviewed this year, and the proposals still waiting.
func (h *handler) overview(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	ctx := r.Context()
	today := h.store.Today()
	counts, err := h.store.Counts(ctx, unit.Path, today)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := overviewPage{Nav: h.nav("overview", unit, user), Year: today.Year(), ListYear: today.Year() - 1, ListDue: DueDate(today.Year() - 1)}
	var parts []chart.Part
	tones := map[Status]chart.Tone{InForce: chart.ToneGood, PartlyExpired: chart.ToneWarn, Suspended: chart.ToneNeutral, NotYetInForce: chart.ToneOK, Expired: chart.ToneBad}
	for _, st := range Statuses {
		parts = append(parts, chart.Part{Label: statusVI[st], Value: float64(counts[st]), Tone: tones[st]})
		page.Total += counts[st]
	}
	page.Counts = chart.Stacked(chart.StackedBar{Title: "Văn bản theo tình trạng hiệu lực ngày " + today.Format("02/01/2006"), Parts: parts, Unit: "văn bản"})
	if page.Expired, err = h.store.Expired(ctx, unit, today.Year()); err != nil {
		h.render.Error(w, r, err)
		return
	}
	if page.Reviewed, err = h.store.ReviewCounts(ctx, unit.Path, Day(today.Year(), 1, 1), today); err != nil {
		h.render.Error(w, r, err)
		return
	}
	for _, n := range page.Reviewed {
		page.Reviews += n
	}
	if page.Proposals, err = h.store.Proposals(ctx, ProposalFilter{Scope: unit.Path}); err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "legaldoc/overview", page)
}
