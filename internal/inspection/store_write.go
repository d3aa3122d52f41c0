package inspection

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/upload"
	"papihub/internal/platform/web"
)

// conclusionAudit is what the audit log keeps of a conclusion.
func conclusionAudit(c Conclusion) map[string]any {
	recs := make([]map[string]any, len(c.Recommendations))
	for i, r := range c.Recommendations {
		recs[i] = recommendationAudit(r)
	}
	return map[string]any{"number": c.Number, "issued_on": fmtDay(c.IssuedOn), "received_on": fmtDay(c.ReceivedOn), "issuer": c.Issuer,
		"source": c.Source, "subjects": c.Subjects, "summary": c.Summary, "directive_number": c.DirectiveNumber,
		"directive_on": fmtDay(c.DirectiveOn), "recommendations": recs}
}

func recommendationAudit(r Recommendation) map[string]any {
	return map[string]any{"seq": r.Seq, "kind": r.Kind, "content": r.Content, "responsible_id": r.ResponsibleID, "deadline": fmtDay(r.Deadline),
		"progress": r.Progress, "amount_due": r.AmountDue, "amount_recovered": r.AmountRecovered, "people": r.People,
		"discipline_form": r.DisciplineForm, "result": r.Result, "done_on": fmtDay(r.DoneOn)}
}

// CreateConclusion records a conclusion the unit c.UnitID follows up, with
// its recommendations, in one transaction with its audit entry, and marks
// the repeat violations it brings. Bad fields, a number already recorded
// or a responsible unit outside the unit's subtree come back as a
// *web.ValidationError; nothing is saved.
func (s *Store) CreateConclusion(ctx context.Context, actor audit.Actor, c Conclusion) (int64, error) {
	if errs := c.Validate(s.Today()); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertConclusion(ctx, tx, actor, c)
		if err != nil {
			return err
		}
		if err := s.rederiveRepeats(ctx, tx, responsibleOf(c)); err != nil {
			return err
		}
		c.ID = id
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "inspection_conclusions", EntityID: audit.ID(id),
			UnitID: c.UnitID, Summary: c.Number + " " + c.Issuer, After: conclusionAudit(c)})
	})
	return id, err
}

// responsibleOf is the set of units responsible for c's recommendations.
func responsibleOf(c Conclusion) map[int64]bool {
	out := map[int64]bool{}
	for _, r := range c.Recommendations {
		out[r.ResponsibleID] = true
	}
	return out
}

// insertConclusion writes a valid conclusion and its recommendations; the
// caller re-derives the repeats of their responsible units (an import does
// it once for the whole file).
func (s *Store) insertConclusion(ctx context.Context, tx *sql.Tx, actor audit.Actor, c Conclusion) (int64, error) {
	var unitPath string
	if err := tx.QueryRowContext(ctx, `SELECT path FROM units WHERE id = $1`, c.UnitID).Scan(&unitPath); err != nil {
		return 0, fmt.Errorf("inspection: unit %d: %w", c.UnitID, err)
	}
	errs := web.FieldErrors{}
	for i, r := range c.Recommendations {
		var path string
		err := tx.QueryRowContext(ctx, `SELECT path FROM units WHERE id = $1`, r.ResponsibleID).Scan(&path)
		switch {
		case errors.Is(err, sql.ErrNoRows) || (err == nil && !strings.HasPrefix(path, unitPath)):
			errs.Add(RecField(i, "responsible"), "inspection.responsible.outside")
		case err != nil:
			return 0, err
		}
	}
	if errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	now := db.FormatTime(s.now())
	var checkID sql.NullInt64
	if c.CheckID != 0 {
		checkID = sql.NullInt64{Int64: c.CheckID, Valid: true}
	}
	var id int64
	err := tx.QueryRowContext(ctx, `
INSERT INTO inspection_conclusions (unit_id, number, number_key, issued_on, received_on, issuer, source, subjects, summary,
	directive_number, directive_on, check_id, search_fold, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
		c.UnitID, c.Number, NumberKey(c.Number), fmtDay(c.IssuedOn), fmtDay(c.ReceivedOn), c.Issuer, string(c.Source), c.Subjects, c.Summary,
		c.DirectiveNumber, fmtDay(c.DirectiveOn), checkID, searchFold(c), actor.Username, now).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, web.Invalid("number", "inspection.number.taken")
	}
	if err != nil {
		return 0, fmt.Errorf("inspection: insert %s: %w", c.Number, err)
	}
	for i, r := range c.Recommendations {
		if _, err := tx.ExecContext(ctx, `
INSERT INTO inspection_recommendations (conclusion_id, unit_id, issued_on, seq, kind, content, responsible_id, deadline, progress,
	amount_due, amount_recovered, people, discipline_form, result, done_on, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			id, c.UnitID, fmtDay(c.IssuedOn), i+1, string(r.Kind), r.Content, r.ResponsibleID, fmtDay(r.Deadline), string(r.Progress),
			r.AmountDue, r.AmountRecovered, r.People, r.DisciplineForm, r.Result, fmtDay(r.DoneOn), now); err != nil {
			return 0, fmt.Errorf("inspection: insert recommendation %d of %s: %w", i+1, c.Number, err)
		}
	}
	return id, nil
}

// rederiveRepeats works out the repeat violations of the responsible units
// again (Repeats) and writes those that changed.
func (s *Store) rederiveRepeats(ctx context.Context, tx *sql.Tx, units map[int64]bool) error {
	for unit := range units {
		rows, err := tx.QueryContext(ctx, `SELECT id, conclusion_id, kind, issued_on, COALESCE(repeat_of, 0) FROM inspection_recommendations WHERE responsible_id = $1`, unit)
		if err != nil {
			return fmt.Errorf("inspection: repeats of unit %d: %w", unit, err)
		}
		var recs []Prior
		stored := map[int64]int64{}
		for rows.Next() {
			p := Prior{ResponsibleID: unit}
			var kind string
			var ds dayScanner
			var was int64
			if err := rows.Scan(&p.ID, &p.ConclusionID, &kind, ds.day(&p.IssuedOn), &was); err != nil {
				rows.Close()
				return err
			}
			if err := ds.parse(); err != nil {
				rows.Close()
				return err
			}
			p.Kind = Kind(kind)
			recs = append(recs, p)
			stored[p.ID] = was
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		repeats := Repeats(recs)
		for _, p := range recs {
			if repeats[p.ID] == stored[p.ID] {
				continue
			}
			var of sql.NullInt64
			if v := repeats[p.ID]; v != 0 {
				of = sql.NullInt64{Int64: v, Valid: true}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE inspection_recommendations SET repeat_of = $2 WHERE id = $1`, p.ID, of); err != nil {
				return fmt.Errorf("inspection: repeat of %d: %w", p.ID, err)
			}
		}
	}
	return nil
}

// RecordDirective records the head's directive implementing conclusion
// id: its number and day, the day neither before receipt nor in the future.
func (s *Store) RecordDirective(ctx context.Context, actor audit.Actor, id int64, number string, on time.Time) error {
	c, err := s.Conclusion(ctx, id)
	if err != nil {
		return err
	}
	before := map[string]any{"directive_number": c.DirectiveNumber, "directive_on": fmtDay(c.DirectiveOn)}
	c.DirectiveNumber, c.DirectiveOn = strings.TrimSpace(number), on
	errs := web.FieldErrors{}
	if c.DirectiveNumber == "" && c.DirectiveOn.IsZero() {
		errs.Add("directive_number", "inspection.directive_number.required")
	}
	c.directive(errs, s.Today())
	if errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE inspection_conclusions SET directive_number = $2, directive_on = $3, updated_at = $4 WHERE id = $1`,
			id, c.DirectiveNumber, fmtDay(c.DirectiveOn), db.FormatTime(s.now())); err != nil {
			return fmt.Errorf("inspection: directive of %d: %w", id, err)
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "inspection_conclusions", EntityID: audit.ID(id),
			UnitID: c.UnitID, Summary: "Chỉ đạo thực hiện " + c.Number, Before: before,
			After: map[string]any{"directive_number": c.DirectiveNumber, "directive_on": fmtDay(c.DirectiveOn)}})
	})
}

// File is an evidence file as uploaded.
type File struct {
	Name string
	Data []byte
}

// AddUpdate records a report of progress on recommendation rid, with its
// evidence file if any: the recommendation takes the update's progress,
// amount recovered and note, and the update joins its history, in one
// transaction with the audit entry. A bad field or file comes back as a
// *web.ValidationError; nothing is saved.
func (s *Store) AddUpdate(ctx context.Context, actor audit.Actor, rid int64, u Update, file *File) (int64, error) {
	r, err := s.Recommendation(ctx, rid)
	if err != nil {
		return 0, err
	}
	errs := u.Validate(r, r.Conclusion.IssuedOn, s.Today())
	var ev *Evidence
	if file != nil {
		ct, err := upload.Check(file.Data)
		switch {
		case errors.Is(err, upload.ErrSize):
			errs.Add("evidence", "inspection.evidence.size")
		case err != nil:
			errs.Add("evidence", "inspection.evidence.type")
		default:
			sum := sha256.Sum256(file.Data)
			ev = &Evidence{Name: filepath.Base(strings.TrimSpace(file.Name)), ContentType: ct, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(file.Data))}
			if ev.Name == "" || ev.Name == "." {
				ev.Name = "minh-chung" + upload.Ext(ct)
			}
		}
	}
	if errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	if ev != nil {
		// The file is written before the transaction: a file without a row
		// is harmless (the same bytes are stored once), a row without its
		// file is not.
		path := s.EvidencePath(ev.SHA256)
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return 0, fmt.Errorf("inspection: evidence: %w", err)
		}
		if err := os.WriteFile(path, file.Data, 0o640); err != nil {
			return 0, fmt.Errorf("inspection: evidence: %w", err)
		}
		u.Evidence = ev
	}
	after := r
	after.Progress, after.AmountRecovered = u.Progress, u.AmountRecovered
	if u.Note != "" {
		after.Result = u.Note
	}
	after.DoneOn = time.Time{}
	if u.Progress == Done {
		after.DoneOn = u.On
	}
	var id int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := db.FormatTime(s.now())
		var e Evidence
		if ev != nil {
			e = *ev
		}
		if err := tx.QueryRowContext(ctx, `
INSERT INTO inspection_updates (recommendation_id, on_day, progress, amount_recovered, note, evidence_name, evidence_type, evidence_sha256,
	evidence_size, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`, rid, fmtDay(u.On), string(u.Progress), u.AmountRecovered, u.Note,
			e.Name, e.ContentType, e.SHA256, e.Size, actor.Username, now).Scan(&id); err != nil {
			return fmt.Errorf("inspection: update of %d: %w", rid, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE inspection_recommendations SET progress = $2, amount_recovered = $3, result = $4, done_on = $5, updated_at = $6 WHERE id = $1`,
			rid, string(after.Progress), after.AmountRecovered, after.Result, fmtDay(after.DoneOn), now); err != nil {
			return fmt.Errorf("inspection: update of %d: %w", rid, err)
		}
		a := recommendationAudit(after)
		if ev != nil {
			a["evidence"] = ev.Name + " " + ev.SHA256
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "inspection_recommendations", EntityID: audit.ID(rid),
			UnitID: r.Conclusion.UnitID, Summary: fmt.Sprintf("Kiến nghị %d của %s: %s", r.Seq, r.Conclusion.Number, u.Progress),
			Before: recommendationAudit(r), After: a})
	})
	return id, err
}

// EvidencePath is where the evidence file with that SHA-256 lives.
func (s *Store) EvidencePath(sum string) string {
	return filepath.Join(s.dataDir, "inspection", sum[:2], sum)
}

// Updates lists a recommendation's history, latest first.
func (s *Store) Updates(ctx context.Context, rid int64) ([]Update, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, recommendation_id, on_day, progress, amount_recovered, note, evidence_name, evidence_type,
	evidence_sha256, evidence_size, created_by, created_at FROM inspection_updates WHERE recommendation_id = $1 ORDER BY id DESC`, rid)
	if err != nil {
		return nil, fmt.Errorf("inspection: updates of %d: %w", rid, err)
	}
	defer rows.Close()
	var out []Update
	for rows.Next() {
		var u Update
		var e Evidence
		var progress, created string
		var ds dayScanner
		if err := rows.Scan(&u.ID, &u.RecommendationID, ds.day(&u.On), &progress, &u.AmountRecovered, &u.Note, &e.Name, &e.ContentType,
			&e.SHA256, &e.Size, &u.CreatedBy, &created); err != nil {
			return nil, err
		}
		if err := ds.parse(); err != nil {
			return nil, err
		}
		if u.CreatedAt, err = db.ParseTime(created); err != nil {
			return nil, err
		}
		u.Progress = Progress(progress)
		if e.SHA256 != "" {
			u.Evidence = &e
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UpdateEvidence returns update id's evidence with the recommendation it
// belongs to; ErrNotFound when the update has none.
func (s *Store) UpdateEvidence(ctx context.Context, id int64) (int64, Evidence, error) {
	var rid int64
	var e Evidence
	err := s.db.R.QueryRowContext(ctx, `SELECT recommendation_id, evidence_name, evidence_type, evidence_sha256, evidence_size FROM inspection_updates
WHERE id = $1 AND evidence_sha256 <> ''`, id).Scan(&rid, &e.Name, &e.ContentType, &e.SHA256, &e.Size)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, e, ErrNotFound
	}
	return rid, e, err
}
