package tthc

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

type proceduresPage struct {
	Unit    UnitInfo
	Query   string
	Items   []Procedure
	Page    int
	PrevURL string
	NextURL string
}

func (h *handler) procedures(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	pg := web.PageOf(r)
	q := r.FormValue("q")
	items, more, err := h.store.Procedures(r.Context(), ProcedureFilter{Scope: unit.Path, Query: q, Limit: pg.PerPage, Offset: pg.Offset()})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := proceduresPage{Unit: unit, Query: q, Items: items, Page: pg.Page}
	page.PrevURL, page.NextURL = pageLinks(r.URL.Query(), pg.Page, more)
	h.render.Render(w, r, "tthc/procedures", page)
}

type procedurePage struct {
	P            Procedure
	CanEdit      bool
	Errors       web.FieldErrors
	PartNames    [7]string
	Units        []unitOption
	OnlineLevels []string
	Statuses     []string
}

type unitOption struct {
	Code, Label string
	Selected    bool
}

func newProcedurePage(p Procedure, canEdit bool, errs web.FieldErrors) procedurePage {
	page := procedurePage{P: p, CanEdit: canEdit, Errors: errs, PartNames: PartNames,
		OnlineLevels: []string{"none", "partial", "full"}, Statuses: []string{"in_force", "amended", "abolished"}}
	for _, u := range []Unit{UnitWorkingDays, UnitDays, UnitHours, UnitMonths} {
		page.Units = append(page.Units, unitOption{UnitCode(u), u.String(), u == p.Statutory.Unit})
	}
	return page
}

func (h *handler) loadProcedure(w http.ResponseWriter, r *http.Request, user *org.User) (Procedure, string, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return Procedure{}, "", false
	}
	p, err := h.store.Procedure(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return p, "", false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return p, "", false
	}
	u, err := h.store.Unit(r.Context(), p.UnitID)
	if err != nil {
		h.render.Error(w, r, err)
		return p, "", false
	}
	if !user.Can(org.ActRead, u.Path) {
		h.render.NotFound(w, r)
		return p, "", false
	}
	return p, u.Path, true
}

func (h *handler) procedure(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	p, path, ok := h.loadProcedure(w, r, user)
	if !ok {
		return
	}
	h.render.Render(w, r, "tthc/procedure", newProcedurePage(p, user.Can(org.ActManage, path), nil))
}

// saveProcedure completes the fields a catalogue export lacks.
func (h *handler) saveProcedure(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	p, path, ok := h.loadProcedure(w, r, user)
	if !ok {
		return
	}
	if !user.Can(org.ActManage, path) {
		h.render.Forbidden(w, r)
		return
	}
	errs := web.FieldErrors{}
	p.Name = strings.TrimSpace(r.PostFormValue("name"))
	p.Field = strings.TrimSpace(r.PostFormValue("field"))
	p.CompetentUnit = strings.TrimSpace(r.PostFormValue("competent_unit"))
	p.IssuingBody = strings.TrimSpace(r.PostFormValue("issuing_body"))
	if n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("statutory_amount"))); err == nil && n >= 0 {
		p.Statutory.Amount = n
	} else {
		errs.Add("statutory_amount", "tthc.procedure.statutory.invalid")
	}
	if u, err := UnitFromCode(r.PostFormValue("statutory_unit")); err == nil {
		p.Statutory.Unit = u
	} else {
		errs.Add("statutory_amount", "tthc.procedure.statutory.invalid")
	}
	if n, err := strconv.ParseInt(strings.NewReplacer(".", "", " ", "").Replace(r.PostFormValue("fee")), 10, 64); err == nil && n >= 0 {
		p.Fee = n
	} else if strings.TrimSpace(r.PostFormValue("fee")) != "" {
		errs.Add("fee", "tthc.procedure.fee.invalid")
	} else {
		p.Fee = 0
	}
	if lvl, err := ParseOnlineLevel(r.PostFormValue("online")); err == nil {
		p.Online = lvl
	}
	if st, err := ParseProcedureStatus(r.PostFormValue("status")); err == nil {
		p.Status = st
	}
	p.PaymentIntegrated = r.PostFormValue("payment_integrated") == "1"
	p.Parts = 0
	for i := range 7 {
		if r.PostFormValue("part"+strconv.Itoa(i)) == "1" {
			p.Parts |= 1 << i
		}
	}
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"decision_date", &p.DecisionDate}, {"published_date", &p.PublishedDate}} {
		v := strings.TrimSpace(r.PostFormValue(f.name))
		if v == "" {
			*f.dst = time.Time{}
			continue
		}
		parsed, err := vn.ParseDate(v)
		if err != nil {
			errs.Add(f.name, "form.date.invalid")
			continue
		}
		y, m, d := parsed.Date()
		*f.dst = DateDay(y, m, d).At(0, 0)
	}
	if field, key := p.Validate(); key != "" {
		errs.Add(field, key)
	}
	if errs.Any() {
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "tthc/procedure", newProcedurePage(p, true, errs))
		return
	}
	if err := h.store.UpdateProcedure(r.Context(), user.Actor(), p); err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "tthc.procedure.saved")
	http.Redirect(w, r, "/tthc/procedures/"+strconv.FormatInt(p.ID, 10), http.StatusSeeOther)
}
