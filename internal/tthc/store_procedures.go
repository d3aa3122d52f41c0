package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

const procedureColumns = `p.id, p.unit_id, u.name, p.code, p.name, p.issuing_body, p.competent_unit, p.field,
	p.statutory_amount, p.statutory_unit, p.fee, p.online_level, p.payment_integrated, p.content_parts,
	p.decision_date, p.published_date, p.status`

const procedureFrom = ` FROM tthc_procedures p JOIN units u ON u.id = p.unit_id`

func scanProcedure(row interface{ Scan(...any) error }) (Procedure, error) {
	var p Procedure
	var c procedureCodes
	if err := row.Scan(&p.ID, &p.UnitID, &p.UnitName, &p.Code, &p.Name, &p.IssuingBody, &p.CompetentUnit, &p.Field,
		&p.Statutory.Amount, &c.unit, &p.Fee, &c.online, &c.pay, &c.parts, &c.decision, &c.published, &c.status); err != nil {
		return p, err
	}
	c.decode(&p)
	return p, nil
}

// procedureCodes are the columns of a procedure stored as codes, scanned
// raw and decoded into the Procedure by decode (scanProcedure, and the
// narrower read of the index, indexProcedures).
type procedureCodes struct {
	unit, online, status string
	decision, published  sql.NullString
	parts, pay           int
}

func (c *procedureCodes) decode(p *Procedure) {
	p.Statutory.Unit, _ = UnitFromCode(c.unit)
	p.Online, p.Status = OnlineLevel(c.online), ProcedureStatus(c.status)
	p.PaymentIntegrated, p.Parts = c.pay == 1, ContentParts(c.parts)
	p.DecisionDate, p.PublishedDate = parseNullDay(c.decision), parseNullDay(c.published)
}

// Procedure returns one procedure.
func (s *Store) Procedure(ctx context.Context, id int64) (Procedure, error) {
	p, err := scanProcedure(s.db.R.QueryRowContext(ctx, "SELECT "+procedureColumns+procedureFrom+" WHERE p.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("tthc: procedure %d: %w", id, err)
	}
	return p, nil
}

// ProcedureFilter narrows a procedure listing.
type ProcedureFilter struct {
	Scope   string // unit path prefix
	Query   string // diacritic-insensitive match on name, code or field
	Field   string
	Limit   int // 0: no limit
	Offset  int
	OrderBy string // "" (name) or "code"
}

// Procedures lists the procedures of a subtree in Vietnamese name order.
// With a Limit, more reports whether a further page exists.
func (s *Store) Procedures(ctx context.Context, f ProcedureFilter) (out []Procedure, more bool, err error) {
	where := []string{"u.path LIKE $1 ESCAPE '\\'"}
	args := []any{escapeLike(f.Scope) + "%"}
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, "%"+escapeLike(foldKey(q))+"%")
		where = append(where, fmt.Sprintf("(p.name_fold LIKE $%d ESCAPE '\\' OR lower(p.code) LIKE $%d ESCAPE '\\')", len(args), len(args)))
	}
	if f.Field != "" {
		args = append(args, f.Field)
		where = append(where, fmt.Sprintf("p.field = $%d", len(args)))
	}
	q := "SELECT " + procedureColumns + procedureFrom + " WHERE " + strings.Join(where, " AND ")
	if f.OrderBy == "code" {
		q += " ORDER BY p.code, p.id"
	} else {
		q += " ORDER BY p.sort_key, p.id"
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit+1, f.Offset)
	}
	rows, err := s.db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("tthc: list procedures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, false, fmt.Errorf("tthc: list procedures: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("tthc: list procedures: %w", err)
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out, more = out[:f.Limit], true
	}
	return out, more, nil
}

// Validate checks a procedure before it is stored; it returns a field
// name and a message key, or "" when the procedure is acceptable.
func (p Procedure) Validate() (field, key string) {
	switch {
	case CheckProcedureCode(p.Code) != nil:
		return "code", "tthc.procedure.code.invalid"
	case strings.TrimSpace(p.Name) == "":
		return "name", "tthc.procedure.name.required"
	case p.Statutory.Amount < 0:
		return "statutory", "tthc.procedure.statutory.invalid"
	case p.Fee < 0:
		return "fee", "tthc.procedure.fee.invalid"
	case tooLong(p.Name):
		return "name", "form.too_long.line"
	case tooLong(p.IssuingBody):
		return "issuing_body", "form.too_long.line"
	case tooLong(p.CompetentUnit):
		return "competent_unit", "form.too_long.line"
	case tooLong(p.Field):
		return "field", "form.too_long.line"
	case !p.PublishedDate.IsZero() && !p.DecisionDate.IsZero() && p.PublishedDate.Before(p.DecisionDate):
		return "published_date", "tthc.procedure.published.before_decision"
	}
	return "", ""
}

// tooLong says a procedure's text is beyond the platform's line length.
func tooLong(s string) bool { return web.LongerThan(s, web.MaxLine) }

const insertProcedure = `
INSERT INTO tthc_procedures (unit_id, code, name, name_fold, sort_key, issuing_body, competent_unit, field,
	statutory_amount, statutory_unit, fee, online_level, payment_integrated, content_parts,
	decision_date, published_date, status, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
RETURNING id`

const updateProcedure = `
UPDATE tthc_procedures SET name = $2, name_fold = $3, sort_key = $4, issuing_body = $5, competent_unit = $6,
	field = $7, statutory_amount = $8, statutory_unit = $9, fee = $10, online_level = $11,
	payment_integrated = $12, content_parts = $13, decision_date = $14, published_date = $15, status = $16,
	updated_at = $17
WHERE id = $1`

// procedureArgs are the stored values of p's editable fields, in the order
// of updateProcedure from $2.
func procedureArgs(p Procedure) []any {
	return []any{p.Name, foldKey(p.Name + " " + p.Field), vn.SortKey(p.Name), p.IssuingBody, p.CompetentUnit, p.Field,
		p.Statutory.Amount, UnitCode(p.Statutory.Unit), p.Fee, string(p.Online), db.Bool(p.PaymentIntegrated), int(p.Parts),
		nullDay(p.DecisionDate), nullDay(p.PublishedDate), string(p.Status)}
}

func normalizeProcedure(p *Procedure) {
	p.Code, p.Name = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name)
	if p.Online == "" {
		p.Online = OnlineNone
	}
	if p.Status == "" {
		p.Status = InForce
	}
}

// CreateProcedure adds a procedure to a unit's catalogue.
func (s *Store) CreateProcedure(ctx context.Context, actor audit.Actor, p Procedure) (int64, error) {
	normalizeProcedure(&p)
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertProcedure(ctx, tx, actor, p)
		return err
	})
	return id, err
}

func (s *Store) insertProcedure(ctx context.Context, tx *sql.Tx, actor audit.Actor, p Procedure) (int64, error) {
	args := append([]any{p.UnitID, p.Code}, procedureArgs(p)...)
	args = append(args, db.FormatTime(s.now()))
	var id int64
	if err := tx.QueryRowContext(ctx, insertProcedure, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("tthc: create procedure %s: %w", p.Code, err)
	}
	p.ID = id
	return id, audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "tthc_procedures", EntityID: audit.ID(id),
		UnitID: p.UnitID, Summary: p.Code + " " + p.Name, After: procedureAudit(p)})
}

// UpdateProcedure saves the editable fields of a procedure. When its
// statutory time changes, the on-time verdicts of its dossiers without an
// appointment date change too, so their aggregates are recomputed in the
// same transaction.
func (s *Store) UpdateProcedure(ctx context.Context, actor audit.Actor, p Procedure) error {
	normalizeProcedure(&p)
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		old, err := scanProcedure(tx.QueryRowContext(ctx, "SELECT "+procedureColumns+procedureFrom+" WHERE p.id = $1", p.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("tthc: update procedure: %w", err)
		}
		p.UnitID, p.Code = old.UnitID, old.Code
		return s.updateProcedure(ctx, tx, actor, old, p)
	})
}

func (s *Store) updateProcedure(ctx context.Context, tx *sql.Tx, actor audit.Actor, old, p Procedure) error {
	args := append([]any{p.ID}, procedureArgs(p)...)
	args = append(args, db.FormatTime(s.now()))
	if _, err := tx.ExecContext(ctx, updateProcedure, args...); err != nil {
		return fmt.Errorf("tthc: update procedure %s: %w", p.Code, err)
	}
	if old.Terms() != p.Terms() {
		if err := s.rejudgeProcedure(ctx, tx, p.ID, old.Terms(), p.Terms()); err != nil {
			return err
		}
	}
	return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "tthc_procedures", EntityID: audit.ID(p.ID),
		UnitID: p.UnitID, Summary: p.Code + " " + p.Name, Before: procedureAudit(old), After: procedureAudit(p)})
}

// procedureAudit is what the audit log keeps of a procedure.
func procedureAudit(p Procedure) map[string]any {
	return map[string]any{"code": p.Code, "name": p.Name, "field": p.Field, "issuing_body": p.IssuingBody,
		"competent_unit": p.CompetentUnit, "statutory": p.Statutory.String(), "fee": p.Fee, "online": p.Online,
		"payment_integrated": p.PaymentIntegrated, "parts": p.Parts.String(), "decision_date": nullDay(p.DecisionDate).String,
		"published_date": nullDay(p.PublishedDate).String, "status": p.Status}
}

// ImportReport counts what an import did.
type ImportReport struct {
	Imported  int        `json:"imported"`
	Unchanged int        `json:"unchanged"`
	Rejected  int        `json:"rejected"`
	Errors    []RowError `json:"errors,omitempty"` // the first MaxReportedErrors
	Applied   bool       `json:"applied"`          // false when the file was rejected whole
}

// MaxReportedErrors bounds the per-row report kept in memory.
const MaxReportedErrors = 1000

func (r *ImportReport) reject(e *RowError) {
	r.Rejected++
	if len(r.Errors) < MaxReportedErrors {
		r.Errors = append(r.Errors, *e)
	}
}

// ImportProcedures reads a procedure file into the catalogue of unitID, in
// one transaction: a new code is added, a known one gets the fields the file
// carries. With bad rows the whole file is rejected (nothing changes) unless
// skipInvalid, when the good rows are applied and the report lists the bad.
func (s *Store) ImportProcedures(ctx context.Context, actor audit.Actor, unitID int64, dec *ProcedureDecoder, skipInvalid bool) (ImportReport, error) {
	var rep ImportReport
	errRejected := errors.New("rejected")
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		existing := map[string]Procedure{}
		rows, err := tx.QueryContext(ctx, "SELECT "+procedureColumns+procedureFrom+" WHERE p.unit_id = $1", unitID)
		if err != nil {
			return fmt.Errorf("tthc: import procedures: %w", err)
		}
		for rows.Next() {
			p, err := scanProcedure(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("tthc: import procedures: %w", err)
			}
			existing[p.Code] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("tthc: import procedures: %w", err)
		}
		for {
			row, err := dec.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var re *RowError
			if errors.As(err, &re) {
				rep.reject(re)
				continue
			}
			if err != nil {
				return err
			}
			old, known := existing[row.Code]
			p := old
			if !known {
				p = Procedure{UnitID: unitID}
			}
			row.Apply(&p)
			normalizeProcedure(&p)
			if field, key := p.Validate(); key != "" {
				reason := "thiếu tên thủ tục (tệp không có cột Tên và mã này chưa có trong danh mục)"
				if field != "name" {
					reason = key
				}
				rep.reject(&RowError{Line: row.Line, Field: field, Reason: reason})
				continue
			}
			switch {
			case !known:
				id, err := s.insertProcedure(ctx, tx, actor, p)
				if err != nil {
					return err
				}
				p.ID = id
				rep.Imported++
			case procedureAudit(old) == nil || fmt.Sprint(procedureAudit(old)) != fmt.Sprint(procedureAudit(p)):
				if err := s.updateProcedure(ctx, tx, actor, old, p); err != nil {
					return err
				}
				rep.Imported++
			default:
				rep.Unchanged++
			}
			existing[p.Code] = p
		}
		if rep.Rejected > 0 && !skipInvalid {
			rep.Imported, rep.Unchanged = 0, 0
			return errRejected
		}
		rep.Applied = true
		return nil
	})
	if errors.Is(err, errRejected) {
		return rep, nil
	}
	return rep, err
}
