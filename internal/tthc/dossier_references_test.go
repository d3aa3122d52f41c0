package tthc

import (
	"context"
	"testing"

	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

// The dossiers' unit and procedure must exist, and stay while dossiers name
// them, on both engines: foreign keys on SQLite, statement-level checks on
// PostgreSQL (dossier_references.go). Each failure is a foreign-key
// violation, as the code that reads errors expects.
func TestADossierCannotNameAUnitOrProcedureThatDoesNotExist(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p := withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, calendarDossiers, false)
	agency := unitOf(t, s, demoAgency)
	var spare int64 // a unit no procedure, user or dossier names yet
	if err := s.db.W.QueryRowContext(ctx, `INSERT INTO units (code, kind, name, name_fold, sort_key, parent_id, path, level, valid_from, created_at, updated_at)
SELECT 'SPARE', 'division', 'Phòng dự phòng', 'phong du phong', 'phong du phong', id, path || 'x/', level + 1, '2026-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM units WHERE id = $1 RETURNING id`, agency.ID).Scan(&spare); err != nil {
		t.Fatal(err)
	}
	insert := `INSERT INTO tthc_dossiers (code, procedure_id, unit_id, channel, status, received_day, created_at, updated_at) VALUES
('OK-1', $1, $2, 1, 1, '2026-08-04', 'x', 'x'), ('BAD-1', $3, $4, 1, 1, '2026-08-04', 'x', 'x')`
	cases := []struct {
		name string
		stmt string
		args []any
	}{
		{"a row of several with a unit that does not exist", insert, []any{p.ID, agency.ID, p.ID, int64(987654)}},
		{"a row of several with a procedure that does not exist", insert, []any{p.ID, agency.ID, int64(987654), agency.ID}},
		{"a dossier moved to a unit that does not exist", `UPDATE tthc_dossiers SET unit_id = $1 WHERE code = '000.07.00.H33-260803-0001'`, []any{int64(987654)}},
		{"a dossier given a procedure that does not exist", `UPDATE tthc_dossiers SET procedure_id = $1 WHERE code = '000.07.00.H33-260803-0001'`, []any{int64(987654)}},
		{"a procedure that dossiers name deleted", `DELETE FROM tthc_procedures WHERE id = $1`, []any{p.ID}},
	}
	for _, c := range cases {
		_, err := s.db.W.ExecContext(ctx, c.stmt, c.args...)
		if !db.IsForeignKeyViolation(err) {
			t.Errorf("%s: got %v, want a foreign-key violation", c.name, err)
		}
	}
	if n := count(t, s, "SELECT COUNT(*) FROM tthc_dossiers WHERE code IN ('OK-1', 'BAD-1')"); n != 0 {
		t.Errorf("%d rows of the refused statements stayed", n)
	}

	// A move to a unit that exists is allowed; then that unit cannot go.
	if _, err := s.db.W.ExecContext(ctx, `UPDATE tthc_dossiers SET unit_id = $1 WHERE code = '000.07.00.H33-260803-0001'`, spare); err != nil {
		t.Fatalf("a move to an existing unit: %v", err)
	}
	if _, err := s.db.W.ExecContext(ctx, `DELETE FROM units WHERE id = $1`, spare); !db.IsForeignKeyViolation(err) {
		t.Errorf("a unit that a dossier names deleted: got %v, want a foreign-key violation", err)
	}
	// Once no dossier names it, it can.
	if _, err := s.db.W.ExecContext(ctx, `UPDATE tthc_dossiers SET unit_id = $1 WHERE code = '000.07.00.H33-260803-0001'`, agency.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.W.ExecContext(ctx, `DELETE FROM units WHERE id = $1`, spare); err != nil {
		t.Errorf("a unit no dossier names deleted: %v", err)
	}
}

// TRUNCATE fires no delete trigger: on PostgreSQL emptying the units or the
// procedures fails while dossiers remain (migration 012), and passes when
// the same statement empties the dossiers, as the foreign keys allowed.
// SQLite has no TRUNCATE; its DELETE keeps the foreign keys' check.
func TestTheUnitsAndProceduresCannotBeEmptiedUnderTheDossiers(t *testing.T) {
	if dbtest.Engine() != db.Postgres {
		t.Skip("TRUNCATE is PostgreSQL's")
	}
	ctx := context.Background()
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, calendarDossiers, false)
	dossiers := count(t, s, "SELECT COUNT(*) FROM tthc_dossiers")
	if dossiers == 0 {
		t.Fatal("no dossier imported")
	}
	for _, c := range []struct {
		stmt    string
		refused bool
	}{
		{"TRUNCATE tthc_procedures", true},
		{"TRUNCATE units CASCADE", true},
		{"TRUNCATE tthc_procedures, tthc_dossiers", false},
	} {
		tx, err := s.db.W.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tx.ExecContext(ctx, c.stmt)
		if c.refused && !db.IsForeignKeyViolation(err) {
			t.Errorf("%s: got %v, want a foreign-key violation", c.stmt, err)
		}
		if !c.refused && err != nil {
			t.Errorf("%s (the dossiers emptied too): %v", c.stmt, err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, s, "SELECT COUNT(*) FROM tthc_dossiers"); n != dossiers {
		t.Errorf("%d dossiers after the rolled-back statements, want %d", n, dossiers)
	}
}
