package tthc

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type dossierRow struct {
	*StoredDossier
	Outcome Outcome
}

type dossiersPage struct {
	Unit     UnitInfo
	Units    []UnitInfo
	Period   string
	Label    string
	Judged   string
	Status   int
	Channel  int
	Code     string
	Rows     []dossierRow
	Page     int
	PrevURL  string
	NextURL  string
	Statuses []Status

	JudgedOptions []string
}

func (h *handler) dossierFilter(w http.ResponseWriter, r *http.Request, user *org.User) (DossierFilter, dossiersPage, bool) {
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return DossierFilter{}, dossiersPage{}, false
	}
	f := DossierFilter{Scope: unit.Path, Judged: Judged(r.FormValue("judged")), Code: r.FormValue("code")}
	page := dossiersPage{Unit: unit, Judged: string(f.Judged), Code: f.Code, JudgedOptions: []string{"", "late", "ontime", "judged", "disapproved", "fee"}}
	if v := r.FormValue("period"); v != "" {
		p, err := ParsePeriod(v)
		if err != nil {
			h.render.BadRequest(w, r, err)
			return f, page, false
		}
		f.Period, page.Period, page.Label = &p, p.String(), p.Label()
	}
	if n, err := strconv.Atoi(r.FormValue("status")); err == nil && Status(n).Valid() {
		f.Status, page.Status = Status(n), n
	}
	if n, err := strconv.Atoi(r.FormValue("channel")); err == nil && Channel(n).Valid() {
		f.Channel, page.Channel = Channel(n), n
	}
	if n, err := strconv.ParseInt(r.FormValue("procedure"), 10, 64); err == nil {
		f.ProcedureID = n
	}
	return f, page, true
}

// dossiers lists dossiers with filters; from the index it lists the
// dossiers behind a number, each with why it is late or on time.
func (h *handler) dossiers(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	f, page, ok := h.dossierFilter(w, r, user)
	if !ok {
		return
	}
	pg := web.PageOf(r)
	f.Limit, f.Offset = pg.PerPage, pg.Offset()
	ds, more, err := h.store.Dossiers(r.Context(), f)
	if err != nil {
		h.failed(w, r, err)
		return
	}
	cal, err := h.store.Calendar(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	at := h.store.now()
	if f.Period != nil {
		at = f.Period.End()
	}
	for _, d := range ds {
		o, err := h.store.Judge(r.Context(), d, cal, at)
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		page.Rows = append(page.Rows, dossierRow{d, o})
	}
	if page.Units, err = h.unitsInScope(r.Context(), user); err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Page = pg.Page
	page.PrevURL, page.NextURL = pageLinks(r.URL.Query(), pg.Page, more)
	for s := StatusSubmittedOnline; s <= StatusReturned; s++ {
		page.Statuses = append(page.Statuses, s)
	}
	h.render.Render(w, r, "tthc/dossiers", page)
}

type dossierPage struct {
	D         *StoredDossier
	Outcome   Outcome
	Procedure Procedure
	Revealed  *PersonalData
	CanReveal bool
}

// loadDossier finds the dossier of the path and checks the user may read it.
func (h *handler) loadDossier(w http.ResponseWriter, r *http.Request, user *org.User) (*StoredDossier, bool) {
	d, err := h.store.Dossier(r.Context(), r.PathValue("code"))
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return nil, false
	}
	if err != nil {
		h.failed(w, r, err)
		return nil, false
	}
	if !user.Can(org.ActRead, d.UnitPath) {
		h.render.NotFound(w, r) // do not say it exists elsewhere
		return nil, false
	}
	return d, true
}

func (h *handler) dossierPageData(r *http.Request, user *org.User, d *StoredDossier) (dossierPage, error) {
	p, err := h.store.Procedure(r.Context(), d.ProcedureID)
	if err != nil {
		return dossierPage{}, err
	}
	cal, err := h.store.Calendar(r.Context())
	if err != nil {
		return dossierPage{}, err
	}
	return dossierPage{D: d, Procedure: p, Outcome: Classify(d.Dossier, cal, p.Statutory, h.store.now()),
		CanReveal: user.Can(org.ActReveal, d.UnitPath)}, nil
}

func (h *handler) dossier(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, ok := h.loadDossier(w, r, user)
	if !ok {
		return
	}
	data, err := h.dossierPageData(r, user, d)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "tthc/dossier", data)
}

// reveal shows the personal data in full to a permitted user, recording
// the reveal in the audit log.
func (h *handler) reveal(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, ok := h.loadDossier(w, r, user)
	if !ok {
		return
	}
	if !user.Can(org.ActReveal, d.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	data, err := h.dossierPageData(r, user, d)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	p, err := h.store.Reveal(r.Context(), user.Actor(), d)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	data.Revealed = &p
	h.render.Render(w, r, "tthc/dossier", data)
}

type formPage struct {
	dossierPage
	Form    string
	Agency  UnitInfo
	Today   time.Time
	NewDue  time.Time
	Name    string // the applicant as the form may show it
	IDShown string
}

// form prints form 01 (receipt and appointment slip) or 04 (apology and
// extension request) of Circular 03/2025. The applicant's name and ID
// number appear in full only for users who may reveal them, and printing
// them is audited as a reveal; others get the masked forms.
func (h *handler) form(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	name := r.PathValue("form")
	if name != "01" && name != "04" {
		h.render.NotFound(w, r)
		return
	}
	d, ok := h.loadDossier(w, r, user)
	if !ok {
		return
	}
	data, err := h.dossierPageData(r, user, d)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := formPage{dossierPage: data, Form: name, Today: h.store.now(), Name: d.ApplicantMasked, IDShown: d.IDMasked}
	if page.Agency, err = h.store.Unit(r.Context(), d.Unit); err != nil {
		h.render.Error(w, r, err)
		return
	}
	if data.CanReveal {
		p, err := h.store.Reveal(r.Context(), user.Actor(), d)
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		page.Name, page.IDShown = p.Applicant, p.IDNumber
	}
	if name == "04" {
		cal, err := h.store.Calendar(r.Context())
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		page.NewDue = cal.AddWorkingDays(DayOf(h.store.now()), max(data.Outcome.LateDays, 1)+2).At(17, 0)
	}
	h.render.Render(w, r, "tthc/form"+name, page)
}

type registerPage struct {
	dossiersPage
	Rows []dossierRow
}

// register prints form 07, the dossier register of a unit over a period,
// with masked personal data.
func (h *handler) register(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	f, page, ok := h.dossierFilter(w, r, user)
	if !ok {
		return
	}
	if f.Period == nil {
		p := MonthOf(h.store.now())
		f.Period, page.Period, page.Label = &p, p.String(), p.Label()
	}
	pg := web.PageOf(r)
	f.Limit, f.Offset = 500, (pg.Page-1)*500
	ds, more, err := h.store.Dossiers(r.Context(), f)
	if err != nil {
		h.failed(w, r, err)
		return
	}
	cal, err := h.store.Calendar(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	out := registerPage{dossiersPage: page}
	for _, d := range ds {
		o, err := h.store.Judge(r.Context(), d, cal, f.Period.End())
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		out.Rows = append(out.Rows, dossierRow{d, o})
	}
	out.Page = pg.Page
	out.PrevURL, out.NextURL = pageLinks(r.URL.Query(), pg.Page, more)
	h.render.Render(w, r, "tthc/register", out)
}
