package legaldoc

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// DocumentJSON is a document in the API.
type DocumentJSON struct {
	ID            int64  `json:"id"`
	UnitID        int64  `json:"unit_id"`
	Number        string `json:"number"`
	Type          string `json:"type"`
	Title         string `json:"title"`
	IssuingBody   string `json:"issuing_body"`
	Signer        string `json:"signer"`
	Field         string `json:"field"`
	IssuedOn      string `json:"issued_on"`
	EffectiveFrom string `json:"effective_from"`
	ExpiresOn     string `json:"expires_on,omitempty"`
	ExpiryReason  string `json:"expiry_reason,omitempty"`
	Status        Status `json:"status"`
	ExpiredOn     string `json:"expired_on,omitempty"`
	ExpiredReason string `json:"expired_reason,omitempty"`
	PartlyFrom    string `json:"partly_expired_from,omitempty"`
}

func documentJSON(d Document, on time.Time) DocumentJSON {
	return DocumentJSON{ID: d.ID, UnitID: d.UnitID, Number: d.Number, Type: d.Type, Title: d.Title, IssuingBody: d.IssuingBody, Signer: d.Signer,
		Field: d.Field, IssuedOn: fmtDay(d.IssuedOn), EffectiveFrom: fmtDay(d.EffectiveFrom), ExpiresOn: fmtDay(d.ExpiresOn), ExpiryReason: d.ExpiryReason,
		Status: d.StatusOn(on), ExpiredOn: fmtDay(d.Timeline.ExpiredOn), ExpiredReason: d.Timeline.ExpiredReason, PartlyFrom: fmtDay(d.Timeline.PartlyFrom)}
}

// RelationJSON is a relation in the API.
type RelationJSON struct {
	ID          int64        `json:"id"`
	SourceID    int64        `json:"source_id"`
	Source      string       `json:"source"`
	TargetID    int64        `json:"target_id"`
	Target      string       `json:"target"`
	Kind        RelationKind `json:"kind"`
	Provisions  string       `json:"provisions,omitempty"`
	StartsOn    string       `json:"starts_on,omitempty"`
	Until       string       `json:"until,omitempty"`
	EffectiveOn string       `json:"effective_on"`
}

// ReviewJSON is a review in the API and the body that records one.
type ReviewJSON struct {
	ID         int64   `json:"id,omitempty"`
	ReviewedOn string  `json:"reviewed_on"`
	Reviewer   string  `json:"reviewer"`
	Finding    Finding `json:"finding"`
	Provisions string  `json:"provisions,omitempty"`
	Note       string  `json:"note,omitempty"`
	ProposedTo string  `json:"proposed_to,omitempty"`
	ProposalNo string  `json:"proposal_no,omitempty"`
}

// onOf reads ?on= (default today); ok is false for a bad date.
func (h *handler) onOf(r *http.Request) (time.Time, bool) {
	v := r.FormValue("on")
	if v == "" {
		return h.store.Today(), true
	}
	t, err := vn.ParseDate(v)
	return day(t), err == nil
}

func (h *handler) apiDocuments(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	on, ok := h.onOf(r)
	if !ok {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", web.FieldErrors{"on": "legaldoc.date.invalid"})
		return
	}
	pg := web.PageOf(r)
	items, more, err := h.store.Documents(r.Context(), Filter{Scope: unit.Path, Query: r.FormValue("q"), Type: r.FormValue("type"),
		Status: r.FormValue("status"), On: on, Page: pg.Page, PerPage: pg.PerPage})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	out := web.ListResponse[DocumentJSON]{Items: []DocumentJSON{}, Page: pg.Page, PerPage: pg.PerPage, More: more}
	for _, d := range items {
		out.Items = append(out.Items, documentJSON(d, on))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

type documentDetail struct {
	DocumentJSON
	Relations []RelationJSON `json:"relations"`
	Reviews   []ReviewJSON   `json:"reviews"`
}

func (h *handler) apiDocument(w http.ResponseWriter, r *http.Request) {
	d, _, ok := h.loadDocument(w, r, org.CurrentUser(r))
	if !ok {
		return
	}
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
	out := documentDetail{DocumentJSON: documentJSON(d, h.store.Today()), Relations: []RelationJSON{}, Reviews: []ReviewJSON{}}
	for _, rel := range rels {
		out.Relations = append(out.Relations, RelationJSON{ID: rel.ID, SourceID: rel.SourceID, Source: rel.Source.Number, TargetID: rel.TargetID,
			Target: rel.Target.Number, Kind: rel.Kind, Provisions: rel.Provisions, StartsOn: fmtDay(rel.StartsOn), Until: fmtDay(rel.Until), EffectiveOn: fmtDay(rel.EffectiveOn)})
	}
	for _, rv := range reviews {
		out.Reviews = append(out.Reviews, ReviewJSON{ID: rv.ID, ReviewedOn: fmtDay(rv.ReviewedOn), Reviewer: rv.Reviewer, Finding: rv.Finding,
			Provisions: rv.Provisions, Note: rv.Note, ProposedTo: rv.ProposedTo, ProposalNo: rv.ProposalNo})
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// documentInput is the body that creates a document.
type documentInput struct {
	UnitID        int64  `json:"unit_id"`
	Number        string `json:"number"`
	Type          string `json:"type"`
	Title         string `json:"title"`
	IssuingBody   string `json:"issuing_body"`
	Signer        string `json:"signer"`
	Field         string `json:"field"`
	IssuedOn      string `json:"issued_on"`
	EffectiveFrom string `json:"effective_from"`
	ExpiresOn     string `json:"expires_on"`
	ExpiryReason  string `json:"expiry_reason"`
}

func (h *handler) apiCreate(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	var in documentInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	unit, ok := org.UnitToChange(r.Context(), user, in.UnitID, h.store.Unit, unitPath)
	if !ok {
		h.render.Forbidden(w, r)
		return
	}
	errs := web.FieldErrors{}
	d := Document{UnitID: unit.ID, Number: in.Number, Type: CanonicalType(in.Type), Title: in.Title, IssuingBody: in.IssuingBody, Signer: in.Signer,
		Field: in.Field, ExpiryReason: in.ExpiryReason}
	d.IssuedOn = dateField(in.IssuedOn, "issued_on", errs)
	d.EffectiveFrom = dateField(in.EffectiveFrom, "effective_from", errs)
	d.ExpiresOn = dateField(in.ExpiresOn, "expires_on", errs)
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	id, err := h.store.CreateDocument(r.Context(), user.Actor(), d)
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	d, err = h.store.Document(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, documentJSON(d, h.store.Today()))
}

// relationInput records a relation of the document in the path with
// another, named by number: "acts" true when the document in the path is
// the source (it replaces the other), false when it is the target.
type relationInput struct {
	Kind       RelationKind `json:"kind"`
	Other      string       `json:"other"`
	Acts       bool         `json:"acts"`
	Provisions string       `json:"provisions"`
	StartsOn   string       `json:"starts_on"`
	Until      string       `json:"until"`
}

func (h *handler) apiAddRelation(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, _, ok := h.workDocument(w, r, user)
	if !ok {
		return
	}
	var in relationInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	errs := web.FieldErrors{}
	rel := Relation{Kind: in.Kind, Provisions: in.Provisions}
	rel.StartsOn = dateField(in.StartsOn, "starts_on", errs)
	rel.Until = dateField(in.Until, "until", errs)
	other, err := h.store.DocumentByNumber(r.Context(), d.UnitID, in.Other)
	if errors.Is(err, ErrNotFound) {
		errs.Add("other", "legaldoc.relation.document.unknown")
	} else if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	rel.SourceID, rel.TargetID = other.ID, d.ID
	if in.Acts {
		rel.SourceID, rel.TargetID = d.ID, other.ID
	}
	id, err := h.store.AddRelation(r.Context(), user.Actor(), rel)
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

func (h *handler) apiAddReview(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	d, _, ok := h.workDocument(w, r, user)
	if !ok {
		return
	}
	var in ReviewJSON
	if err := web.DecodeJSON(r, &in); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	errs := web.FieldErrors{}
	rv := Review{DocumentID: d.ID, Reviewer: in.Reviewer, Finding: in.Finding, Provisions: in.Provisions, Note: in.Note, ProposedTo: in.ProposedTo, ProposalNo: in.ProposalNo}
	rv.ReviewedOn = dateField(in.ReviewedOn, "reviewed_on", errs)
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	id, err := h.store.AddReview(r.Context(), user.Actor(), rv)
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

// statusJSON is the status of every document on a day.
type statusJSON struct {
	On     string            `json:"on"`
	Counts map[Status]int    `json:"counts"`
	Status map[string]Status `json:"status"` // by document ID
}

func (h *handler) apiStatus(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	on, ok := h.onOf(r)
	if !ok {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", web.FieldErrors{"on": "legaldoc.date.invalid"})
		return
	}
	st, err := h.store.StatusesOn(r.Context(), unit.Path, on)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	out := statusJSON{On: fmtDay(on), Counts: map[Status]int{}, Status: make(map[string]Status, len(st))}
	for id, s := range st {
		out.Status[strconv.FormatInt(id, 10)] = s
		out.Counts[s]++
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// ExpiredJSON is the yearly list in the API, the public one included: the
// legal list's columns and nothing personal.
type ExpiredJSON struct {
	Year    int              `json:"year"`
	Unit    string           `json:"unit"`
	Full    []ExpiredRowJSON `json:"wholly_expired"`
	Partial []ExpiredRowJSON `json:"partly_expired"`
}

// ExpiredRowJSON is one line of the list.
type ExpiredRowJSON struct {
	Number     string `json:"number"`
	Type       string `json:"type"`
	IssuedOn   string `json:"issued_on"`
	Title      string `json:"title"`
	Provisions string `json:"provisions,omitempty"`
	Reason     string `json:"reason"`
	ExpiredOn  string `json:"expired_on"`
}

// JSON is the list as the API gives it.
func (l ExpiredList) JSON() ExpiredJSON {
	out := ExpiredJSON{Year: l.Year, Unit: l.Unit.Name, Full: []ExpiredRowJSON{}, Partial: []ExpiredRowJSON{}}
	conv := func(r ExpiredRow) ExpiredRowJSON {
		return ExpiredRowJSON{Number: r.Number, Type: r.Type, IssuedOn: fmtDay(r.IssuedOn), Title: r.Title, Provisions: r.Provisions, Reason: r.Reason, ExpiredOn: fmtDay(r.ExpiredOn)}
	}
	for _, r := range l.Full {
		out.Full = append(out.Full, conv(r))
	}
	for _, r := range l.Partial {
		out.Partial = append(out.Partial, conv(r))
	}
	return out
}

func (h *handler) apiExpired(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	year, ok := h.yearOf(r, "year", h.lastYear())
	if !ok {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", web.FieldErrors{"year": "legaldoc.list.year.invalid"})
		return
	}
	l, err := h.store.Expired(r.Context(), unit, year)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, l.JSON())
}
