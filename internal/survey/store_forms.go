package survey

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// A StoredForm is a questionnaire as the agency keeps it: who owns it, its
// state, and the parsed form with its indicator bindings.
type StoredForm struct {
	ID        int64
	UnitID    int64
	UnitPath  string
	UnitName  string
	Title     string
	Version   string
	Status    Status
	CreatedAt time.Time
	Form      *Form
	Responses int // filled by Forms
	// Warnings are what the reader reported when the form was imported.
	Warnings []Problem
}

// formJSON is the stored definition: the form laid out as the three XLSForm
// sheets. Reading it back goes through parseSheets, so a stored form obeys
// every rule an uploaded one does, and the format needs no second schema.
type formJSON struct {
	Survey   [][]string `json:"survey"`
	Choices  [][]string `json:"choices"`
	Settings [][]string `json:"settings"`
}

// MarshalForm encodes a form as stored.
func MarshalForm(f *Form) ([]byte, error) {
	s, c, st := formSheets(f)
	return json.Marshal(formJSON{Survey: s.rows, Choices: c.rows, Settings: st.rows})
}

// UnmarshalForm reads a stored form back.
func UnmarshalForm(b []byte) (*Form, error) {
	var fj formJSON
	if err := json.Unmarshal(b, &fj); err != nil {
		return nil, fmt.Errorf("survey: stored form: %w", err)
	}
	form, problems := parseSheets(
		sheetRows{name: "survey", rows: fj.Survey, present: true},
		sheetRows{name: "choices", rows: fj.Choices, present: true},
		sheetRows{name: "settings", rows: fj.Settings, present: true},
	)
	if form == nil {
		msgs := make([]string, 0, len(problems))
		for _, p := range problems {
			if !p.Warning {
				msgs = append(msgs, p.Error())
			}
		}
		return nil, fmt.Errorf("survey: stored form no longer parses: %s", strings.Join(msgs, "; "))
	}
	return form, nil
}

const insertForm = `
INSERT INTO survey_forms (unit_id, title, xform_id, version, definition, status, created_at, updated_at, import_warnings)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id`

// CreateForm stores a parsed form for the unit, with the warnings the
// reader gave (nil for a built-in form), and returns its id.
func (s *Store) CreateForm(ctx context.Context, actor audit.Actor, unitID int64, f *Form, status Status, warnings []Problem) (int64, error) {
	def, err := MarshalForm(f)
	if err != nil {
		return 0, fmt.Errorf("survey: create form: %w", err)
	}
	if warnings == nil {
		warnings = []Problem{}
	}
	warned, err := json.Marshal(warnings)
	if err != nil {
		return 0, fmt.Errorf("survey: create form: %w", err)
	}
	title := strings.TrimSpace(f.Title)
	if title == "" {
		title = f.ID
	}
	if title == "" {
		title = "Khảo sát"
	}
	var id int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, insertForm, unitID, title, f.ID, f.Version, string(def), string(status),
			db.FormatTime(s.now()), string(warned)).Scan(&id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "survey_forms", EntityID: audit.ID(id),
			UnitID: unitID, Summary: title, After: map[string]any{"title": title, "version": f.Version, "status": status,
				"questions": len(f.Questions), "warnings": len(warnings)}})
	})
	if err != nil {
		return 0, fmt.Errorf("survey: create form: %w", err)
	}
	return id, nil
}

const selectForm = `
SELECT f.id, f.unit_id, u.path, u.name, f.title, f.version, f.status, f.created_at, f.definition, f.import_warnings
FROM survey_forms f JOIN units u ON u.id = f.unit_id
WHERE f.id = $1`

// Form returns the stored form with the id, or an error wrapping
// db.ErrNotFound.
func (s *Store) Form(ctx context.Context, id int64) (StoredForm, error) {
	var sf StoredForm
	var created, def, warned string
	err := s.db.R.QueryRowContext(ctx, selectForm, id).Scan(&sf.ID, &sf.UnitID, &sf.UnitPath, &sf.UnitName, &sf.Title,
		&sf.Version, &sf.Status, &created, &def, &warned)
	if errors.Is(err, sql.ErrNoRows) {
		return StoredForm{}, fmt.Errorf("survey: form %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return StoredForm{}, fmt.Errorf("survey: form %d: %w", id, err)
	}
	if sf.CreatedAt, err = db.ParseTime(created); err != nil {
		return StoredForm{}, fmt.Errorf("survey: form %d: %w", id, err)
	}
	if sf.Form, err = UnmarshalForm([]byte(def)); err != nil {
		return StoredForm{}, fmt.Errorf("survey: form %d: %w", id, err)
	}
	if err := json.Unmarshal([]byte(warned), &sf.Warnings); err != nil {
		return StoredForm{}, fmt.Errorf("survey: form %d warnings: %w", id, err)
	}
	return sf, nil
}

const selectForms = `
SELECT f.id, f.unit_id, u.path, u.name, f.title, f.version, f.status, f.created_at,
       (SELECT COUNT(*) FROM survey_responses r WHERE r.form_id = f.id)
FROM survey_forms f JOIN units u ON u.id = f.unit_id
WHERE u.path LIKE $1 ESCAPE '\'
ORDER BY f.id DESC
LIMIT $2 OFFSET $3`

// Forms lists the forms of units in the subtree at scope, newest first, with
// their response counts, without parsing definitions. It returns one page
// and whether there are more.
func (s *Store) Forms(ctx context.Context, scope string, limit, offset int) ([]StoredForm, bool, error) {
	rows, err := s.db.R.QueryContext(ctx, selectForms, escapeLike(scope)+"%", limit+1, offset)
	if err != nil {
		return nil, false, fmt.Errorf("survey: list forms: %w", err)
	}
	defer rows.Close()
	var out []StoredForm
	for rows.Next() {
		var sf StoredForm
		var created string
		if err := rows.Scan(&sf.ID, &sf.UnitID, &sf.UnitPath, &sf.UnitName, &sf.Title, &sf.Version, &sf.Status, &created, &sf.Responses); err != nil {
			return nil, false, fmt.Errorf("survey: list forms: %w", err)
		}
		if sf.CreatedAt, err = db.ParseTime(created); err != nil {
			return nil, false, fmt.Errorf("survey: list forms: %w", err)
		}
		out = append(out, sf)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("survey: list forms: %w", err)
	}
	out, more := db.TrimPage(out, limit)
	return out, more, nil
}

// SetStatus opens or closes a form.
func (s *Store) SetStatus(ctx context.Context, actor audit.Actor, id int64, status Status) error {
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var old Status
		var unitID int64
		err := tx.QueryRowContext(ctx, `SELECT status, unit_id FROM survey_forms WHERE id = $1`, id).Scan(&old, &unitID)
		if errors.Is(err, sql.ErrNoRows) {
			return db.ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE survey_forms SET status = $1, updated_at = $2 WHERE id = $3`,
			string(status), db.FormatTime(s.now()), id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "survey_forms", EntityID: audit.ID(id),
			UnitID: unitID, Summary: "status", Before: map[string]any{"status": old}, After: map[string]any{"status": status}})
	})
	if err != nil {
		return fmt.Errorf("survey: form %d status: %w", id, err)
	}
	return nil
}

// escapeLike protects % and _ in a path used inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
