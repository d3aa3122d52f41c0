package survey

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// Source says how a response arrived.
type Source string

const (
	SourceWeb    Source = "web"    // the public survey page, opened by an invitation code
	SourceImport Source = "import" // a KoboToolbox or ODK export
)

// PublicActor is who the audit log names for a response given on the public
// page. It carries no address: a response must not be traceable to a client.
var PublicActor = audit.Actor{Username: "khao-sat-cong-khai"}

// storedAnswers is the answers column.
type storedAnswers struct {
	Answers map[string]string              `json:"answers"`
	Repeats map[string][]map[string]string `json:"repeats,omitempty"`
}

// A StoredResponse is one response as results and exports read it. It has no
// instance id on purpose: nothing read out of the store can be tied back to
// a submission in the collecting tool.
type StoredResponse struct {
	UnitID      int64
	UnitName    string
	UnitCode    string
	SubmittedAt time.Time
	Source      Source
	Answers     map[string]string
	Repeats     map[string][]map[string]string
}

func randomInstanceID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("survey: no randomness: " + err.Error())
	}
	return "web-" + hex.EncodeToString(b[:])
}

const insertResponse = `
INSERT INTO survey_responses (form_id, unit_id, submitted_at, source, instance_id, answers, extra)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (form_id, instance_id) DO NOTHING`

// SubmitWeb stores the answers given with an invitation code and uses the
// code up, in one transaction: of two submissions racing with one code,
// exactly one is stored. The answers must have been checked (see
// PrepareAnswers and Form.Validate).
func (s *Store) SubmitWeb(ctx context.Context, code string, answers map[string]string) error {
	body, err := json.Marshal(storedAnswers{Answers: answers})
	if err != nil {
		return fmt.Errorf("survey: submit: %w", err)
	}
	now := db.FormatTime(s.now())
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		inv, err := openInvitation(ctx, tx, code)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE survey_invitations SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL`, now, hashCode(code))
		if err != nil {
			return fmt.Errorf("survey: submit: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("survey: submit: %w", err)
		} else if n != 1 {
			return ErrCodeUsed
		}
		if _, err := tx.ExecContext(ctx, insertResponse, inv.FormID, inv.UnitID, now, string(SourceWeb), randomInstanceID(), string(body), "{}"); err != nil {
			return fmt.Errorf("survey: submit: %w", err)
		}
		// The entry names the form, not the response or the code.
		return audit.Write(ctx, tx, audit.Entry{Actor: PublicActor, Action: "create", Entity: "survey_responses",
			EntityID: audit.ID(inv.FormID), UnitID: inv.UnitID, Summary: "trả lời qua trang khảo sát công khai"})
	})
}

// ImportResult counts what an import stored.
type ImportResult struct {
	Imported   int
	Duplicates int // already stored: by KnownIDs while reading, or by a concurrent import
}

// KnownInstanceIDs returns the instance ids stored for the form, for
// ImportOptions.KnownIDs.
func (s *Store) KnownInstanceIDs(ctx context.Context, formID int64) (map[string]bool, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT instance_id FROM survey_responses WHERE form_id = $1`, formID)
	if err != nil {
		return nil, fmt.Errorf("survey: known instance ids: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("survey: known instance ids: %w", err)
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("survey: known instance ids: %w", err)
	}
	return out, nil
}

// ImportResponses stores every response of a batch read by ReadResponses, in
// one transaction with one audit entry: all of them or none. A response's
// Unit is a unit id in decimal (see ImportOptions.UnitOf); empty means the
// form's own unit. Rows the reader rejected are the caller's to refuse or
// skip before calling.
func (s *Store) ImportResponses(ctx context.Context, actor audit.Actor, formID int64, b *Batch, file string) (ImportResult, error) {
	res := ImportResult{Duplicates: b.Duplicates}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var formUnit int64
		err := tx.QueryRowContext(ctx, `SELECT unit_id FROM survey_forms WHERE id = $1`, formID).Scan(&formUnit)
		if errors.Is(err, sql.ErrNoRows) {
			return db.ErrNotFound
		}
		if err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, insertResponse)
		if err != nil {
			return err
		}
		defer stmt.Close()
		now := s.now()
		for i, r := range b.Responses {
			unit := formUnit
			if r.Unit != "" {
				if unit, err = strconv.ParseInt(r.Unit, 10, 64); err != nil {
					return fmt.Errorf("response %d: unit %q is not a unit id", i+1, r.Unit)
				}
			}
			at := r.SubmittedAt
			if at.IsZero() {
				at = now
			}
			id := r.InstanceID
			if id == "" {
				id = randomInstanceID() // nothing to de-duplicate on
			}
			body, err := json.Marshal(storedAnswers{Answers: r.Answers, Repeats: r.Repeats})
			if err != nil {
				return err
			}
			extra, err := json.Marshal(r.Extra)
			if err != nil {
				return err
			}
			if r.Extra == nil {
				extra = []byte("{}")
			}
			out, err := stmt.ExecContext(ctx, formID, unit, db.FormatTime(at), string(SourceImport), id, string(body), string(extra))
			if err != nil {
				return fmt.Errorf("response %d: %w", i+1, err)
			}
			if n, err := out.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				res.Duplicates++
				continue
			}
			res.Imported++
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "import", Entity: "survey_responses", EntityID: audit.ID(formID),
			UnitID: formUnit, Summary: fmt.Sprintf("%s: %d câu trả lời", file, res.Imported),
			After: map[string]any{"file": file, "imported": res.Imported, "duplicates": res.Duplicates, "unknown_columns": b.UnknownColumns}})
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("survey: import responses into form %d: %w", formID, err)
	}
	return res, nil
}

const selectResponses = `
SELECT r.unit_id, COALESCE(u.name, ''), COALESCE(u.code, ''), r.submitted_at, r.source, r.answers
FROM survey_responses r LEFT JOIN units u ON u.id = r.unit_id
WHERE r.form_id = $1
ORDER BY r.instance_id`

// Responses returns every response of the form, in the order of their
// random instance ids rather than of submission, so that a row's position
// says nothing about when or where it was given.
func (s *Store) Responses(ctx context.Context, formID int64) ([]StoredResponse, error) {
	rows, err := s.db.R.QueryContext(ctx, selectResponses, formID)
	if err != nil {
		return nil, fmt.Errorf("survey: responses of form %d: %w", formID, err)
	}
	defer rows.Close()
	var out []StoredResponse
	for rows.Next() {
		var r StoredResponse
		var unit sql.NullInt64
		var at, body string
		if err := rows.Scan(&unit, &r.UnitName, &r.UnitCode, &at, &r.Source, &body); err != nil {
			return nil, fmt.Errorf("survey: responses of form %d: %w", formID, err)
		}
		r.UnitID = unit.Int64
		if r.SubmittedAt, err = db.ParseTime(at); err != nil {
			return nil, fmt.Errorf("survey: responses of form %d: %w", formID, err)
		}
		var sa storedAnswers
		if err := json.Unmarshal([]byte(body), &sa); err != nil {
			return nil, fmt.Errorf("survey: responses of form %d: %w", formID, err)
		}
		r.Answers, r.Repeats = sa.Answers, sa.Repeats
		if r.Answers == nil {
			r.Answers = map[string]string{}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("survey: responses of form %d: %w", formID, err)
	}
	return out, nil
}

// A UnitCount is the number of responses counted for one unit.
type UnitCount struct {
	UnitID int64
	Name   string
	N      int
}

const selectUnitCounts = `
SELECT COALESCE(r.unit_id, 0), COALESCE(u.name, ''), COUNT(*)
FROM survey_responses r LEFT JOIN units u ON u.id = r.unit_id
WHERE r.form_id = $1
GROUP BY r.unit_id, u.name
ORDER BY COUNT(*) DESC, u.name`

// CountsByUnit counts the form's responses by unit, largest first.
func (s *Store) CountsByUnit(ctx context.Context, formID int64) ([]UnitCount, error) {
	rows, err := s.db.R.QueryContext(ctx, selectUnitCounts, formID)
	if err != nil {
		return nil, fmt.Errorf("survey: counts of form %d: %w", formID, err)
	}
	defer rows.Close()
	var out []UnitCount
	for rows.Next() {
		var c UnitCount
		if err := rows.Scan(&c.UnitID, &c.Name, &c.N); err != nil {
			return nil, fmt.Errorf("survey: counts of form %d: %w", formID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("survey: counts of form %d: %w", formID, err)
	}
	return out, nil
}

// RecordExport writes the audit entry of a microdata download: who, which
// form, the format and the number of rows. It is written before the data
// leave, so that no export goes unrecorded; the entry holds no answers.
func (s *Store) RecordExport(ctx context.Context, actor audit.Actor, sf StoredForm, format string, rows int) error {
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "export", Entity: "survey_responses", EntityID: audit.ID(sf.ID),
			UnitID: sf.UnitID, Summary: fmt.Sprintf("tải dữ liệu vi mô ẩn danh (%s, %d dòng)", format, rows),
			After: map[string]any{"form": sf.ID, "format": format, "rows": rows}})
	})
	if err != nil {
		return fmt.Errorf("survey: record export of form %d: %w", sf.ID, err)
	}
	return nil
}
