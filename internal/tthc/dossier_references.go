package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"papihub/internal/platform/db"
)

// On PostgreSQL a dossier's unit and procedure are checked once per
// statement, not once per row. A foreign key runs a locking look-up for
// every row written (executor start, index scan, FOR KEY SHARE): measured on
// 03/12/2026 with perf during a 2,000,000-dossier import, 22 % of the
// backends' CPU, and 16 % of the whole import's. The triggers below keep
// what the two foreign keys guaranteed:
//
//   - rows inserted (COPY, INSERT, the insert of an upsert) are checked as a
//     set after the statement: the distinct units and procedures they name
//     are locked FOR KEY SHARE, as a foreign key locks them, so that neither
//     can be deleted before the transaction ends, and a row naming one that
//     does not exist fails the statement;
//   - a row whose unit or procedure changes (a dossier moved to another
//     unit: rare) is checked on its own;
//   - deleting a unit or a procedure that dossiers name fails.
//
// The failures carry SQLSTATE 23503 (foreign_key_violation) and the names
// of the constraints they replace, so db.IsForeignKeyViolation and the
// messages built on it are unchanged. SQLite keeps its foreign keys: they
// cost it little, being checked in the same process.

// dossierReferences is migration 011: on PostgreSQL, the dossiers' two
// foreign keys become the statement-level checks above.
func dossierReferences(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	if d != db.Postgres {
		return nil
	}
	for _, stmt := range dossierReferenceChecks {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("tthc: dossier references: %s: %w", strings.Join(strings.Fields(stmt)[0:3], " "), err)
		}
	}
	return nil
}

var dossierReferenceChecks = []string{
	`ALTER TABLE tthc_dossiers DROP CONSTRAINT IF EXISTS tthc_dossiers_procedure_id_fkey, DROP CONSTRAINT IF EXISTS tthc_dossiers_unit_id_fkey`,

	`CREATE FUNCTION tthc_dossiers_written_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	missing bigint;
BEGIN
	PERFORM 1 FROM units WHERE id IN (SELECT DISTINCT unit_id FROM written) FOR KEY SHARE;
	SELECT w.unit_id INTO missing FROM written w WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = w.unit_id) LIMIT 1;
	IF FOUND THEN
		RAISE foreign_key_violation USING CONSTRAINT = 'tthc_dossiers_unit_id_fkey', TABLE = 'tthc_dossiers',
			MESSAGE = format('tthc_dossiers: unit_id %s is not in units', missing);
	END IF;
	PERFORM 1 FROM tthc_procedures WHERE id IN (SELECT DISTINCT procedure_id FROM written) FOR KEY SHARE;
	SELECT w.procedure_id INTO missing FROM written w WHERE NOT EXISTS (SELECT 1 FROM tthc_procedures p WHERE p.id = w.procedure_id) LIMIT 1;
	IF FOUND THEN
		RAISE foreign_key_violation USING CONSTRAINT = 'tthc_dossiers_procedure_id_fkey', TABLE = 'tthc_dossiers',
			MESSAGE = format('tthc_dossiers: procedure_id %s is not in tthc_procedures', missing);
	END IF;
	RETURN NULL;
END
$$`,
	`CREATE TRIGGER tthc_dossiers_written_check AFTER INSERT ON tthc_dossiers
REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION tthc_dossiers_written_check()`,

	// A statement trigger cannot name columns when it reads a transition
	// table, and reading every updated row (each status change) would cost
	// what the foreign keys did: a row trigger on the two columns, fired
	// only when one of them changes.
	`CREATE FUNCTION tthc_dossier_moved_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM units WHERE id = NEW.unit_id FOR KEY SHARE;
	IF NOT FOUND THEN
		RAISE foreign_key_violation USING CONSTRAINT = 'tthc_dossiers_unit_id_fkey', TABLE = 'tthc_dossiers',
			MESSAGE = format('tthc_dossiers: unit_id %s is not in units', NEW.unit_id);
	END IF;
	PERFORM 1 FROM tthc_procedures WHERE id = NEW.procedure_id FOR KEY SHARE;
	IF NOT FOUND THEN
		RAISE foreign_key_violation USING CONSTRAINT = 'tthc_dossiers_procedure_id_fkey', TABLE = 'tthc_dossiers',
			MESSAGE = format('tthc_dossiers: procedure_id %s is not in tthc_procedures', NEW.procedure_id);
	END IF;
	RETURN NULL;
END
$$`,
	`CREATE TRIGGER tthc_dossier_moved_check AFTER UPDATE OF unit_id, procedure_id ON tthc_dossiers FOR EACH ROW
WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.procedure_id IS DISTINCT FROM NEW.procedure_id)
EXECUTE FUNCTION tthc_dossier_moved_check()`,

	`CREATE FUNCTION tthc_dossier_unit_gone_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	named bigint;
BEGIN
	SELECT g.id INTO named FROM gone g WHERE EXISTS (SELECT 1 FROM tthc_dossiers d WHERE d.unit_id = g.id) LIMIT 1;
	IF FOUND THEN
		RAISE foreign_key_violation USING CONSTRAINT = 'tthc_dossiers_unit_id_fkey', TABLE = 'units',
			MESSAGE = format('units: unit %s is still named by dossiers', named);
	END IF;
	RETURN NULL;
END
$$`,
	`CREATE TRIGGER tthc_dossier_unit_gone_check AFTER DELETE ON units
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION tthc_dossier_unit_gone_check()`,

	`CREATE FUNCTION tthc_dossier_procedure_gone_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	named bigint;
BEGIN
	SELECT g.id INTO named FROM gone g WHERE EXISTS (SELECT 1 FROM tthc_dossiers d WHERE d.procedure_id = g.id) LIMIT 1;
	IF FOUND THEN
		RAISE foreign_key_violation USING CONSTRAINT = 'tthc_dossiers_procedure_id_fkey', TABLE = 'tthc_procedures',
			MESSAGE = format('tthc_procedures: procedure %s is still named by dossiers', named);
	END IF;
	RETURN NULL;
END
$$`,
	`CREATE TRIGGER tthc_dossier_procedure_gone_check AFTER DELETE ON tthc_procedures
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION tthc_dossier_procedure_gone_check()`,
}
