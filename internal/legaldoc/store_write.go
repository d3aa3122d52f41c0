package legaldoc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// documentAudit is what the audit log keeps of a document.
func documentAudit(d Document) map[string]any {
	return map[string]any{"number": d.Number, "type": d.Type, "title": d.Title, "issuing_body": d.IssuingBody, "signer": d.Signer,
		"field": d.Field, "issued_on": fmtDay(d.IssuedOn), "effective_from": fmtDay(d.EffectiveFrom), "expires_on": fmtDay(d.ExpiresOn),
		"expiry_reason": d.ExpiryReason}
}

func relationAudit(r Relation) map[string]any {
	return map[string]any{"source_id": r.SourceID, "target_id": r.TargetID, "kind": r.Kind, "provisions": r.Provisions,
		"starts_on": fmtDay(r.StartsOn), "until": fmtDay(r.Until)}
}

// CreateDocument adds a document to the register of d.UnitID, with its
// audit entry, and returns its ID. Bad fields and a number already in the
// register come back as a *web.ValidationError; nothing is saved.
func (s *Store) CreateDocument(ctx context.Context, actor audit.Actor, d Document) (int64, error) {
	if errs := d.Validate(); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = s.insertDocument(ctx, tx, d); err != nil {
			return err
		}
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "legal_documents", EntityID: audit.ID(id),
			UnitID: d.UnitID, Summary: d.Number + " " + d.Title, After: documentAudit(d)}); err != nil {
			return err
		}
		return s.rederive(ctx, tx, d.UnitID)
	})
	return id, err
}

func (s *Store) insertDocument(ctx context.Context, tx *sql.Tx, d Document) (int64, error) {
	now := db.FormatTime(s.now())
	var id int64
	err := tx.QueryRowContext(ctx, `
INSERT INTO legal_documents (unit_id, number, number_key, doc_type, title, issuing_body, signer, field, issued_on, effective_from,
	expires_on, expiry_reason, search_fold, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
		d.UnitID, d.Number, NumberKey(d.Number), d.Type, d.Title, d.IssuingBody, d.Signer, d.Field, fmtDay(d.IssuedOn), fmtDay(d.EffectiveFrom),
		fmtDay(d.ExpiresOn), d.ExpiryReason, searchFold(d), now).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, web.Invalid("number", "legaldoc.number.taken")
	}
	if err != nil {
		return 0, fmt.Errorf("legaldoc: insert %s: %w", d.Number, err)
	}
	return id, nil
}

// UpdateDocument saves a document's fields, re-derives the register's
// timelines (its dates move the relations it is the source of) and writes
// the audit entry.
func (s *Store) UpdateDocument(ctx context.Context, actor audit.Actor, d Document) error {
	if errs := d.Validate(); errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	old, err := s.Document(ctx, d.ID)
	if err != nil {
		return err
	}
	d.UnitID = old.UnitID
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.updateDocument(ctx, tx, d); err != nil {
			return err
		}
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "legal_documents", EntityID: audit.ID(d.ID),
			UnitID: d.UnitID, Summary: d.Number + " " + d.Title, Before: documentAudit(old), After: documentAudit(d)}); err != nil {
			return err
		}
		return s.rederive(ctx, tx, d.UnitID)
	})
}

func (s *Store) updateDocument(ctx context.Context, tx *sql.Tx, d Document) error {
	_, err := tx.ExecContext(ctx, `
UPDATE legal_documents SET number = $2, number_key = $3, doc_type = $4, title = $5, issuing_body = $6, signer = $7, field = $8,
	issued_on = $9, effective_from = $10, expires_on = $11, expiry_reason = $12, search_fold = $13, updated_at = $14
WHERE id = $1`, d.ID, d.Number, NumberKey(d.Number), d.Type, d.Title, d.IssuingBody, d.Signer, d.Field, fmtDay(d.IssuedOn),
		fmtDay(d.EffectiveFrom), fmtDay(d.ExpiresOn), d.ExpiryReason, searchFold(d), db.FormatTime(s.now()))
	if db.IsUniqueViolation(err) {
		return web.Invalid("number", "legaldoc.number.taken")
	}
	if err != nil {
		return fmt.Errorf("legaldoc: update %d: %w", d.ID, err)
	}
	return nil
}

// AddRelation records that r.SourceID acts on r.TargetID. Both must be in
// the same register; a relation that closes a loop, or that repeats one
// already recorded, is refused with a field error and nothing is saved.
func (s *Store) AddRelation(ctx context.Context, actor audit.Actor, r Relation) (int64, error) {
	if errs := r.Validate(); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		unitID, err := s.checkRelation(ctx, tx, r)
		if err != nil {
			return err
		}
		if id, err = s.insertRelation(ctx, tx, unitID, r); err != nil {
			return err
		}
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "legal_relations", EntityID: audit.ID(id),
			UnitID: unitID, Summary: string(r.Kind), After: relationAudit(r)}); err != nil {
			return err
		}
		return s.rederive(ctx, tx, unitID)
	})
	return id, err
}

// checkRelation finds the register both sides belong to and refuses a
// relation across registers or one that closes a loop.
func (s *Store) checkRelation(ctx context.Context, tx *sql.Tx, r Relation) (int64, error) {
	var src, tgt int64
	if err := tx.QueryRowContext(ctx, `SELECT unit_id FROM legal_documents WHERE id = $1`, r.SourceID).Scan(&src); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, web.Invalid("source", "legaldoc.relation.document.unknown")
		}
		return 0, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT unit_id FROM legal_documents WHERE id = $1`, r.TargetID).Scan(&tgt); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, web.Invalid("target", "legaldoc.relation.document.unknown")
		}
		return 0, err
	}
	if src != tgt {
		return 0, web.Invalid("target", "legaldoc.relation.other_register")
	}
	rels, err := loadRelations(ctx, tx, src)
	if err != nil {
		return 0, err
	}
	if Cycle(rels, r) != nil {
		return 0, web.Invalid("target", "legaldoc.relation.cycle")
	}
	return src, nil
}

func (s *Store) insertRelation(ctx context.Context, tx *sql.Tx, unitID int64, r Relation) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `
INSERT INTO legal_relations (unit_id, source_id, target_id, kind, provisions, starts_on, until_on, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, unitID, r.SourceID, r.TargetID, string(r.Kind), r.Provisions,
		fmtDay(r.StartsOn), fmtDay(r.Until), db.FormatTime(s.now())).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, web.Invalid("kind", "legaldoc.relation.duplicate")
	}
	if err != nil {
		return 0, fmt.Errorf("legaldoc: insert relation: %w", err)
	}
	return id, nil
}

// RemoveRelation deletes a relation recorded by mistake.
func (s *Store) RemoveRelation(ctx context.Context, actor audit.Actor, id int64) error {
	r, err := s.Relation(ctx, id)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var unitID int64
		if err := tx.QueryRowContext(ctx, `DELETE FROM legal_relations WHERE id = $1 RETURNING unit_id`, id).Scan(&unitID); err != nil {
			return fmt.Errorf("legaldoc: remove relation %d: %w", id, err)
		}
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "delete", Entity: "legal_relations", EntityID: audit.ID(id),
			UnitID: unitID, Summary: string(r.Kind) + " " + r.Source.Number + " → " + r.Target.Number, Before: relationAudit(r)}); err != nil {
			return err
		}
		return s.rederive(ctx, tx, unitID)
	})
}

// loadRelations reads a register's relations for the rules (IDs, kind,
// provisions, dates).
func loadRelations(ctx context.Context, q db.Querier, unitID int64) ([]Relation, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, source_id, target_id, kind, provisions, starts_on, until_on, effective_on FROM legal_relations WHERE unit_id = $1`, unitID)
	if err != nil {
		return nil, fmt.Errorf("legaldoc: relations of unit %d: %w", unitID, err)
	}
	defer rows.Close()
	var out []Relation
	for rows.Next() {
		var r Relation
		var kind string
		var ds dayScanner
		if err := rows.Scan(&r.ID, &r.SourceID, &r.TargetID, &kind, &r.Provisions, ds.day(&r.StartsOn), ds.day(&r.Until), ds.day(&r.EffectiveOn)); err != nil {
			return nil, err
		}
		if err := ds.parse(); err != nil {
			return nil, err
		}
		r.Kind = RelationKind(kind)
		out = append(out, r)
	}
	return out, rows.Err()
}

// loadDocuments reads a register's documents for the rules.
func loadDocuments(ctx context.Context, q db.Querier, unitID int64) ([]Document, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+documentColumns+documentFrom+" WHERE d.unit_id = $1 ORDER BY d.id", unitID)
	if err != nil {
		return nil, fmt.Errorf("legaldoc: documents of unit %d: %w", unitID, err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// rederive works out the timelines of a register again (Derive) and writes
// the documents and relations whose derived columns changed.
func (s *Store) rederive(ctx context.Context, tx *sql.Tx, unitID int64) error {
	docs, err := loadDocuments(ctx, tx, unitID)
	if err != nil {
		return err
	}
	rels, err := loadRelations(ctx, tx, unitID)
	if err != nil {
		return err
	}
	tls, eff := Derive(docs, rels)
	for _, d := range docs {
		t, old := tls[d.ID], d.Timeline
		if t.ExpiredOn.Equal(old.ExpiredOn) && t.ExpiredBy == old.ExpiredBy && t.ExpiredReason == old.ExpiredReason && t.PartlyFrom.Equal(old.PartlyFrom) {
			continue
		}
		var by sql.NullInt64
		if t.ExpiredBy != 0 {
			by = sql.NullInt64{Int64: t.ExpiredBy, Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE legal_documents SET expired_on = $2, expired_by = $3, expired_reason = $4, partly_from = $5 WHERE id = $1`,
			d.ID, fmtDay(t.ExpiredOn), by, t.ExpiredReason, fmtDay(t.PartlyFrom)); err != nil {
			return fmt.Errorf("legaldoc: derive %d: %w", d.ID, err)
		}
	}
	for _, r := range rels {
		if on := eff[r.ID]; !on.Equal(r.EffectiveOn) {
			if _, err := tx.ExecContext(ctx, `UPDATE legal_relations SET effective_on = $2 WHERE id = $1`, r.ID, fmtDay(on)); err != nil {
				return fmt.Errorf("legaldoc: derive relation %d: %w", r.ID, err)
			}
		}
	}
	return nil
}

// AddReview records a review of a document.
func (s *Store) AddReview(ctx context.Context, actor audit.Actor, rv Review) (int64, error) {
	if errs := rv.Validate(s.Today()); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT unit_id FROM legal_documents WHERE id = $1`, rv.DocumentID).Scan(&rv.UnitID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if err := tx.QueryRowContext(ctx, `
INSERT INTO legal_reviews (unit_id, document_id, reviewed_on, reviewer, finding, provisions, note, proposed_to, proposal_no, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`, rv.UnitID, rv.DocumentID, fmtDay(rv.ReviewedOn), rv.Reviewer, string(rv.Finding),
			rv.Provisions, rv.Note, rv.ProposedTo, rv.ProposalNo, actor.Username, db.FormatTime(s.now())).Scan(&id); err != nil {
			return fmt.Errorf("legaldoc: insert review: %w", err)
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "legal_reviews", EntityID: audit.ID(id), UnitID: rv.UnitID,
			Summary: string(rv.Finding), After: map[string]any{"document_id": rv.DocumentID, "reviewed_on": fmtDay(rv.ReviewedOn), "reviewer": rv.Reviewer,
				"finding": rv.Finding, "provisions": rv.Provisions, "note": rv.Note, "proposed_to": rv.ProposedTo, "proposal_no": rv.ProposalNo}})
	})
	return id, err
}

// Reviews lists a document's reviews, latest first.
func (s *Store) Reviews(ctx context.Context, docID int64) ([]Review, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, document_id, unit_id, reviewed_on, reviewer, finding, provisions, note, proposed_to, proposal_no, created_by
FROM legal_reviews WHERE document_id = $1 ORDER BY reviewed_on DESC, id DESC`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var rv Review
		var finding string
		var ds dayScanner
		if err := rows.Scan(&rv.ID, &rv.DocumentID, &rv.UnitID, ds.day(&rv.ReviewedOn), &rv.Reviewer, &finding, &rv.Provisions, &rv.Note,
			&rv.ProposedTo, &rv.ProposalNo, &rv.CreatedBy); err != nil {
			return nil, err
		}
		if err := ds.parse(); err != nil {
			return nil, err
		}
		rv.Finding = Finding(finding)
		out = append(out, rv)
	}
	return out, rows.Err()
}

// Validate checks a review: a finding, a reviewer, a day not in the
// future; a proposal to change the document says to whom it went.
func (rv *Review) Validate(today time.Time) web.FieldErrors {
	errs := web.FieldErrors{}
	rv.Reviewer, rv.Provisions, rv.Note = strings.TrimSpace(rv.Reviewer), strings.TrimSpace(rv.Provisions), strings.TrimSpace(rv.Note)
	rv.ProposedTo, rv.ProposalNo = strings.TrimSpace(rv.ProposedTo), strings.TrimSpace(rv.ProposalNo)
	if !rv.Finding.Valid() {
		errs.Add("finding", "legaldoc.review.finding.invalid")
	}
	if rv.Reviewer == "" {
		errs.Add("reviewer", "legaldoc.review.reviewer.required")
	}
	switch {
	case rv.ReviewedOn.IsZero():
		errs.Add("reviewed_on", "legaldoc.review.reviewed_on.required")
	case rv.ReviewedOn.After(today):
		errs.Add("reviewed_on", "legaldoc.review.reviewed_on.future")
	}
	if rv.Finding.Valid() && rv.Finding != Keep && rv.ProposedTo == "" {
		errs.Add("proposed_to", "legaldoc.review.proposed_to.required")
	}
	for f, v := range map[string]string{"provisions": rv.Provisions, "note": rv.Note, "proposed_to": rv.ProposedTo, "proposal_no": rv.ProposalNo, "reviewer": rv.Reviewer} {
		if len([]rune(v)) > maxText {
			errs.Add(f, "legaldoc.too_long")
		}
	}
	return errs
}
