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
//   - deleting a unit or a procedure that dossiers name fails;
//   - emptying units or tthc_procedures by TRUNCATE fails while dossiers
//     remain (migration 012), unless the same statement empties the
//     dossiers too, as a foreign key allowed.
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
	for _, stmt := range dossierReferenceChecks() {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("tthc: dossier references: %s: %w", strings.Join(strings.Fields(stmt)[0:3], " "), err)
		}
	}
	return nil
}

// dossierReference is a column of tthc_dossiers naming a row of another
// table, and the foreign key it had.
type dossierReference struct{ column, table, constraint string }

var dossierReferencesChecked = []dossierReference{
	{"unit_id", "units", "tthc_dossiers_unit_id_fkey"},
	{"procedure_id", "tthc_procedures", "tthc_dossiers_procedure_id_fkey"},
}

// raise is the PL/pgSQL that fails with a foreign-key violation of r on
// table, the message formatted with the offending id.
func (r dossierReference) raise(table, message, id string) string {
	return fmt.Sprintf(`RAISE foreign_key_violation USING CONSTRAINT = '%s', TABLE = '%s', MESSAGE = format('%s', %s);`,
		r.constraint, table, message, id)
}

// dossierReferenceChecks are migration 011's statements.
func dossierReferenceChecks() []string {
	var drops, written, moved, gone []string
	for _, r := range dossierReferencesChecked {
		drops = append(drops, "DROP CONSTRAINT IF EXISTS "+r.constraint)
		missing := fmt.Sprintf("tthc_dossiers: %s %%s is not in %s", r.column, r.table)
		written = append(written, fmt.Sprintf(`	PERFORM 1 FROM %[2]s WHERE id IN (SELECT DISTINCT %[1]s FROM written) FOR KEY SHARE;
	SELECT w.%[1]s INTO missing FROM written w WHERE NOT EXISTS (SELECT 1 FROM %[2]s x WHERE x.id = w.%[1]s) LIMIT 1;
	IF FOUND THEN
		%[3]s
	END IF;`, r.column, r.table, r.raise("tthc_dossiers", missing, "missing")))
		moved = append(moved, fmt.Sprintf(`	PERFORM 1 FROM %[2]s WHERE id = NEW.%[1]s FOR KEY SHARE;
	IF NOT FOUND THEN
		%[3]s
	END IF;`, r.column, r.table, r.raise("tthc_dossiers", missing, "NEW."+r.column)))
		// Deleting a row the dossiers name fails, as the foreign key made it.
		fn := "tthc_dossier_" + strings.TrimSuffix(r.column, "_id") + "_gone_check"
		gone = append(gone, fmt.Sprintf(`CREATE FUNCTION %[1]s() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	named bigint;
BEGIN
	SELECT g.id INTO named FROM gone g WHERE EXISTS (SELECT 1 FROM tthc_dossiers d WHERE d.%[2]s = g.id) LIMIT 1;
	IF FOUND THEN
		%[3]s
	END IF;
	RETURN NULL;
END
$$`, fn, r.column, r.raise(r.table, r.table+": %s is still named by dossiers", "named")),
			fmt.Sprintf(`CREATE TRIGGER %[1]s AFTER DELETE ON %[2]s
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION %[1]s()`, fn, r.table))
	}
	stmts := []string{
		`ALTER TABLE tthc_dossiers ` + strings.Join(drops, ", "),

		`CREATE FUNCTION tthc_dossiers_written_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	missing bigint;
BEGIN
` + strings.Join(written, "\n") + `
	RETURN NULL;
END
$$`,
		`CREATE TRIGGER tthc_dossiers_written_check AFTER INSERT ON tthc_dossiers
REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION tthc_dossiers_written_check()`,

		// A statement trigger cannot name columns when it reads a transition
		// table, and reading every updated row (each status change) would
		// cost what the foreign keys did: a row trigger on the two columns,
		// fired only when one of them changes.
		`CREATE FUNCTION tthc_dossier_moved_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
` + strings.Join(moved, "\n") + `
	RETURN NULL;
END
$$`,
		`CREATE TRIGGER tthc_dossier_moved_check AFTER UPDATE OF unit_id, procedure_id ON tthc_dossiers FOR EACH ROW
WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.procedure_id IS DISTINCT FROM NEW.procedure_id)
EXECUTE FUNCTION tthc_dossier_moved_check()`,
	}
	return append(stmts, gone...)
}

// dossierReferencesTruncate is migration 012: TRUNCATE fires no delete
// trigger, and with the foreign keys gone nothing else stopped `TRUNCATE
// tthc_procedures` from leaving every dossier naming a procedure that is no
// more. The check runs after the statement's truncations, so that one
// statement emptying the dossiers as well passes, as with a foreign key.
func dossierReferencesTruncate(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	if d != db.Postgres {
		return nil
	}
	for _, r := range dossierReferencesChecked {
		fn := "tthc_dossier_" + strings.TrimSuffix(r.column, "_id") + "_truncate_check"
		for _, stmt := range []string{
			fmt.Sprintf(`CREATE FUNCTION %[1]s() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM tthc_dossiers) THEN
		%[2]s
	END IF;
	RETURN NULL;
END
$$`, fn, r.raise(r.table, r.table+": emptied while dossiers name its rows (%s)", "'TRUNCATE'")),
			fmt.Sprintf(`CREATE TRIGGER %[1]s AFTER TRUNCATE ON %[2]s FOR EACH STATEMENT EXECUTE FUNCTION %[1]s()`, fn, r.table),
		} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("tthc: dossier references on truncate: %s: %w", strings.Join(strings.Fields(stmt)[0:3], " "), err)
			}
		}
	}
	return nil
}
