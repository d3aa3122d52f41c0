package legaldoc

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type listPage struct {
	Nav      subNav
	Units    []Unit
	Query    string
	Type     string
	Status   string
	Types    []string
	Statuses []Status
	Items    []Document
	Today    time.Time
	Page     int
	PrevURL  string
	NextURL  string
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	pg := web.PageOf(r)
	f := Filter{Scope: unit.Path, Query: r.FormValue("q"), Type: r.FormValue("type"), Status: r.FormValue("status"), On: h.store.Today(), Page: pg.Page, PerPage: pg.PerPage}
	items, more, err := h.store.Documents(r.Context(), f)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	types, err := h.store.Types(r.Context(), unit.Path)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	units, err := h.store.Units(r.Context(), user.ReadScope())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := listPage{Nav: h.nav("register", unit, user), Units: units, Query: f.Query, Type: f.Type, Status: f.Status, Types: types,
		Statuses: Statuses, Items: items, Page: pg.Page, Today: h.store.Today()}
	q := r.URL.Query()
	if pg.Page > 1 {
		q.Set("page", strconv.Itoa(pg.Page-1))
		page.PrevURL = "/legal?" + q.Encode()
	}
	if more {
		q.Set("page", strconv.Itoa(pg.Page+1))
		page.NextURL = "/legal?" + q.Encode()
	}
	h.render.Render(w, r, "legaldoc/list", page)
}

type formPage struct {
	Nav    subNav
	Doc    Document
	Errors web.FieldErrors
	New    bool
}

// docForm reads a document's form.
func docForm(r *http.Request, d *Document) web.FieldErrors {
	errs := web.FieldErrors{}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	d.Number, d.Type, d.Title = v("number"), CanonicalType(v("type")), v("title")
	d.IssuingBody, d.Signer, d.Field, d.ExpiryReason = v("issuing_body"), v("signer"), v("field"), v("expiry_reason")
	d.IssuedOn = dateField(v("issued_on"), "issued_on", errs)
	d.EffectiveFrom = dateField(v("effective_from"), "effective_from", errs)
	d.ExpiresOn = dateField(v("expires_on"), "expires_on", errs)
	for f, key := range d.Validate() {
		errs.Add(f, key)
	}
	return errs
}

func (h *handler) newForm(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	h.render.Render(w, r, "legaldoc/form", formPage{Nav: h.nav("register", unit, user), Doc: Document{UnitID: unit.ID}, New: true})
}

func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	d := Document{UnitID: unit.ID}
	errs := docForm(r, &d)
	if !errs.Any() {
		id, err := h.store.CreateDocument(r.Context(), user.Actor(), d)
		if errs = h.render.Saved(w, r, err, "legaldoc.created", func() string { return "/legal/" + strconv.FormatInt(id, 10) }); errs == nil {
			return
		}
	}
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "legaldoc/form", formPage{Nav: h.nav("register", unit, user), Doc: d, Errors: errs, New: true})
}

type showPage struct {
	Nav        subNav
	Doc        Document
	Status     Status
	Relations  []relationView
	Reviews    []Review
	Timeline   template.HTML
	Errors     web.FieldErrors
	Relation   relationForm
	Review     Review
	Kinds      []RelationKind
	Findings   []Finding
	CanWork    bool
	Reviewer   string
	Today      string
	FormAnchor string
}

// relationView is a relation as the document's page words it: from this
// document's side.
type relationView struct {
	Relation
	Acts  bool // this document is the source
	Other Ref
}

type relationForm struct {
	Kind, Direction, Other, Provisions, StartsOn, Until string
}

func (h *handler) showStatus(w http.ResponseWriter, r *http.Request, status int, d Document, path string, page showPage) {
	user := org.CurrentUser(r)
	rels, err := h.store.Relations(r.Context(), d.ID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	reviews, err := h.store.Reviews(r.Context(), d.ID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	unit, err := h.store.Unit(r.Context(), d.UnitID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	today := h.store.Today()
	page.Nav, page.Doc, page.Status, page.Reviews = h.nav("register", unit, user), d, d.Timeline.StatusOn(today), reviews
	page.Timeline = TimelineSVG(d, rels, today)
	page.Kinds, page.Findings, page.CanWork = RelationKinds, Findings, user.Can(org.ActWork, path)
	page.Reviewer, page.Today = user.DisplayName(), today.Format("02/01/2006")
	for _, rel := range rels {
		v := relationView{Relation: rel, Acts: rel.SourceID == d.ID, Other: rel.Source}
		if v.Acts {
			v.Other = rel.Target
		}
		page.Relations = append(page.Relations, v)
	}
	h.render.PageStatus(w, r, status, "legaldoc/show", page)
}

func (h *handler) show(w http.ResponseWriter, r *http.Request) {
	d, path, ok := h.loadDocument(w, r, org.CurrentUser(r))
	if !ok {
		return
	}
	h.showStatus(w, r, http.StatusOK, d, path, showPage{})
}

func (h *handler) update(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, _, ok := h.workDocument(w, r, user)
	if !ok {
		return
	}
	unit, err := h.store.Unit(r.Context(), d.UnitID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	errs := docForm(r, &d)
	if !errs.Any() {
		err := h.store.UpdateDocument(r.Context(), user.Actor(), d)
		if errs = h.render.Saved(w, r, err, "legaldoc.saved", func() string { return "/legal/" + strconv.FormatInt(d.ID, 10) }); errs == nil {
			return
		}
	}
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "legaldoc/form", formPage{Nav: h.nav("register", unit, user), Doc: d, Errors: errs})
}

func (h *handler) addRelation(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, path, ok := h.workDocument(w, r, user)
	if !ok {
		return
	}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	form := relationForm{Kind: v("kind"), Direction: v("direction"), Other: v("other"), Provisions: v("provisions"), StartsOn: v("starts_on"), Until: v("until")}
	errs := web.FieldErrors{}
	rel := Relation{Kind: RelationKind(form.Kind), Provisions: form.Provisions}
	rel.StartsOn = dateField(form.StartsOn, "starts_on", errs)
	rel.Until = dateField(form.Until, "until", errs)
	other, err := h.store.DocumentByNumber(r.Context(), d.UnitID, form.Other)
	switch {
	case errors.Is(err, ErrNotFound):
		errs.Add("other", "legaldoc.relation.document.unknown")
	case err != nil:
		h.render.Error(w, r, err)
		return
	}
	rel.SourceID, rel.TargetID = d.ID, other.ID
	if form.Direction == "acted" {
		rel.SourceID, rel.TargetID = other.ID, d.ID
	}
	if !errs.Any() {
		for f, key := range rel.Validate() {
			errs.Add(f, key)
		}
	}
	if !errs.Any() {
		_, err := h.store.AddRelation(r.Context(), user.Actor(), rel)
		if errs = h.render.Saved(w, r, err, "legaldoc.relation.added", func() string { return "/legal/" + strconv.FormatInt(d.ID, 10) + "#relations" }); errs == nil {
			return
		}
	}
	// "source"/"target" errors are the other document's, shown beside it.
	for _, f := range []string{"source", "target"} {
		if key, ok := errs[f]; ok {
			delete(errs, f)
			errs.Add("other", key)
		}
	}
	h.showStatus(w, r, http.StatusUnprocessableEntity, d, path, showPage{Errors: errs, Relation: form, FormAnchor: "relations"})
}

func (h *handler) removeRelation(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, _, ok := h.workDocument(w, r, user)
	if !ok {
		return
	}
	rid, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return
	}
	rel, err := h.store.Relation(r.Context(), rid)
	if errors.Is(err, ErrNotFound) || (err == nil && rel.SourceID != d.ID && rel.TargetID != d.ID) {
		h.render.NotFound(w, r)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if err := h.store.RemoveRelation(r.Context(), user.Actor(), rid); err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "legaldoc.relation.removed")
	http.Redirect(w, r, "/legal/"+strconv.FormatInt(d.ID, 10)+"#relations", http.StatusSeeOther)
}

func (h *handler) addReview(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, path, ok := h.workDocument(w, r, user)
	if !ok {
		return
	}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	errs := web.FieldErrors{}
	rv := Review{DocumentID: d.ID, Reviewer: v("reviewer"), Finding: Finding(v("finding")), Provisions: v("provisions"), Note: v("note"),
		ProposedTo: v("proposed_to"), ProposalNo: v("proposal_no")}
	rv.ReviewedOn = dateField(v("reviewed_on"), "reviewed_on", errs)
	if !errs.Any() {
		_, err := h.store.AddReview(r.Context(), user.Actor(), rv)
		if errs = h.render.Saved(w, r, err, "legaldoc.review.added", func() string { return "/legal/" + strconv.FormatInt(d.ID, 10) + "#reviews" }); errs == nil {
			return
		}
	}
	h.showStatus(w, r, http.StatusUnprocessableEntity, d, path, showPage{Errors: errs, Review: rv, FormAnchor: "reviews"})
}
