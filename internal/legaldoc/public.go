package legaldoc

import (
	"context"
	"errors"
	"net/http"

	"papihub/internal/platform/web"
)

// PublicDocument is a document as the agency's portal shows it (Decree
// 42/2022: form, issuer, number, issue and effective dates, summary): what
// the document itself prints, and no personal data of anyone who handled
// it (signer, reviewers and review records stay inside).
type PublicDocument struct {
	Number        string `json:"number"`
	Type          string `json:"type"`
	Title         string `json:"title"`
	IssuingBody   string `json:"issuing_body"`
	Field         string `json:"field"`
	IssuedOn      string `json:"issued_on"`
	EffectiveFrom string `json:"effective_from"`
	Status        Status `json:"status"`
	PartlyFrom    string `json:"partly_expired_from,omitempty"`
}

// PublicQuery is what a portal page asks: one unit's register (by its
// electronic code), words to search, a page.
type PublicQuery struct {
	UnitCode string
	Query    string
	Page     int
	PerPage  int
}

// PublicInForce lists the documents of a unit's register that apply today
// (in force, partly expired or suspended), latest issued first. It is the
// read-only query the public portal uses; ErrNotFound for an unknown unit.
func (s *Store) PublicInForce(ctx context.Context, q PublicQuery) ([]PublicDocument, bool, error) {
	unit, err := s.UnitByCode(ctx, q.UnitCode)
	if err != nil {
		return nil, false, err
	}
	today := s.Today()
	docs, more, err := s.Documents(ctx, Filter{UnitID: unit.ID, Query: q.Query, Status: "applies", On: today, Page: q.Page, PerPage: min(max(q.PerPage, 1), 200)})
	if err != nil {
		return nil, false, err
	}
	out := make([]PublicDocument, 0, len(docs))
	for _, d := range docs {
		out = append(out, PublicDocument{Number: d.Number, Type: d.Type, Title: d.Title, IssuingBody: d.IssuingBody, Field: d.Field,
			IssuedOn: fmtDay(d.IssuedOn), EffectiveFrom: fmtDay(d.EffectiveFrom), Status: d.StatusOn(today), PartlyFrom: fmtDay(d.Timeline.PartlyFrom)})
	}
	return out, more, nil
}

// PublicExpired is the yearly list of a unit's register for the portal.
func (s *Store) PublicExpired(ctx context.Context, unitCode string, year int) (ExpiredJSON, error) {
	unit, err := s.UnitByCode(ctx, unitCode)
	if err != nil {
		return ExpiredJSON{}, err
	}
	l, err := s.Expired(ctx, unit, year)
	return l.JSON(), err
}

func (h *handler) apiPublicDocuments(w http.ResponseWriter, r *http.Request) {
	pg := web.PageOf(r)
	items, more, err := h.store.PublicInForce(r.Context(), PublicQuery{UnitCode: r.FormValue("unit"), Query: r.FormValue("q"), Page: pg.Page, PerPage: pg.PerPage})
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	web.WriteJSON(w, http.StatusOK, web.ListResponse[PublicDocument]{Items: items, Page: pg.Page, PerPage: pg.PerPage, More: more})
}

func (h *handler) apiPublicExpired(w http.ResponseWriter, r *http.Request) {
	year, ok := h.yearOf(r, "year", h.lastYear())
	if !ok {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", web.FieldErrors{"year": "legaldoc.list.year.invalid"})
		return
	}
	l, err := h.store.PublicExpired(r.Context(), r.FormValue("unit"), year)
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	web.WriteJSON(w, http.StatusOK, l)
}
