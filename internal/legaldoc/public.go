package legaldoc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"papihub/internal/platform/db"
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
		out = append(out, publicDocument(d, today))
	}
	return out, more, nil
}

// publicDocument is what the portal shows of d on day today.
func publicDocument(d Document, today time.Time) PublicDocument {
	return PublicDocument{Number: d.Number, Type: d.Type, Title: d.Title, IssuingBody: d.IssuingBody, Field: d.Field,
		IssuedOn: fmtDay(d.IssuedOn), EffectiveFrom: fmtDay(d.EffectiveFrom), Status: d.StatusOn(today), PartlyFrom: fmtDay(d.Timeline.PartlyFrom)}
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

// PublicRecentDocument is a document of a unit's register with when it was
// entered and last changed, for the portal's feed of what was published.
type PublicRecentDocument struct {
	PublicDocument
	ID        int64     `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// ExpiredOn is the first day without effect of a document that ended
	// whole (YYYY-MM-DD), "" for one that has not.
	ExpiredOn string `json:"expired_on,omitempty"`
}

// scanWith scans a row into a scanner's columns followed by extra ones.
type scanWith struct {
	row   interface{ Scan(...any) error }
	extra []any
}

func (s scanWith) Scan(dest ...any) error { return s.row.Scan(append(dest, s.extra...)...) }

// PublicRecent lists the documents of the register of the unit with
// electronic code unitCode last entered or changed, latest first, at most
// limit (1–200), whatever their status: a document entered before it takes
// effect is published too. ErrNotFound for an unknown unit.
func (s *Store) PublicRecent(ctx context.Context, unitCode string, limit int) ([]PublicRecentDocument, error) {
	unit, err := s.UnitByCode(ctx, unitCode)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.R.QueryContext(ctx, "SELECT "+documentColumns+", d.created_at, d.updated_at"+documentFrom+
		" WHERE d.unit_id = $1 ORDER BY d.updated_at DESC, d.id DESC LIMIT $2", unit.ID, min(max(limit, 1), 200))
	if err != nil {
		return nil, fmt.Errorf("legaldoc: recent documents: %w", err)
	}
	defer rows.Close()
	today := s.Today()
	var out []PublicRecentDocument
	for rows.Next() {
		var created, updated string
		d, err := scanDocument(scanWith{rows, []any{&created, &updated}})
		if err != nil {
			return nil, fmt.Errorf("legaldoc: recent documents: %w", err)
		}
		r := PublicRecentDocument{ID: d.ID, PublicDocument: publicDocument(d, today), ExpiredOn: fmtDay(d.Timeline.ExpiredOn)}
		if r.CreatedAt, err = db.ParseTime(created); err != nil {
			return nil, fmt.Errorf("legaldoc: recent documents: %w", err)
		}
		if r.UpdatedAt, err = db.ParseTime(updated); err != nil {
			return nil, fmt.Errorf("legaldoc: recent documents: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("legaldoc: recent documents: %w", err)
	}
	return out, nil
}
