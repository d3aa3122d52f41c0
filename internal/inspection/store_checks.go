package inspection

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

func checkAudit(k Check) map[string]any {
	return map[string]any{"year": k.Year, "subject": k.Subject, "topic": k.Topic, "kind": k.Kind, "planned_from": fmtDay(k.PlannedFrom),
		"planned_to": fmtDay(k.PlannedTo), "decision_number": k.DecisionNumber, "decision_on": fmtDay(k.DecisionOn), "team": k.Team,
		"findings": k.Findings, "done_on": fmtDay(k.DoneOn)}
}

// SaveCheck adds a check to the plan of k.UnitID (k.ID 0) or saves one
// already there (its decision, team, findings, the day it ended), with the
// audit entry; bad fields come back as a *web.ValidationError.
func (s *Store) SaveCheck(ctx context.Context, actor audit.Actor, k Check) (int64, error) {
	if errs := k.Validate(s.Today()); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var before map[string]any
	if k.ID != 0 {
		old, err := s.Check(ctx, k.ID)
		if err != nil {
			return 0, err
		}
		k.UnitID, before = old.UnitID, checkAudit(old)
	}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := db.FormatTime(s.now())
		action := "update"
		if k.ID == 0 {
			action = "create"
			if err := tx.QueryRowContext(ctx, `
INSERT INTO inspection_checks (unit_id, year, subject, topic, kind, planned_from, planned_to, decision_number, decision_on, team, findings, done_on,
	created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`, k.UnitID, k.Year, k.Subject, k.Topic, string(k.Kind),
				fmtDay(k.PlannedFrom), fmtDay(k.PlannedTo), k.DecisionNumber, fmtDay(k.DecisionOn), k.Team, k.Findings, fmtDay(k.DoneOn), now).Scan(&k.ID); err != nil {
				return fmt.Errorf("inspection: insert check: %w", err)
			}
		} else if _, err := tx.ExecContext(ctx, `
UPDATE inspection_checks SET year = $2, subject = $3, topic = $4, kind = $5, planned_from = $6, planned_to = $7, decision_number = $8,
	decision_on = $9, team = $10, findings = $11, done_on = $12, updated_at = $13 WHERE id = $1`, k.ID, k.Year, k.Subject, k.Topic, string(k.Kind),
			fmtDay(k.PlannedFrom), fmtDay(k.PlannedTo), k.DecisionNumber, fmtDay(k.DecisionOn), k.Team, k.Findings, fmtDay(k.DoneOn), now); err != nil {
			return fmt.Errorf("inspection: save check %d: %w", k.ID, err)
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: action, Entity: "inspection_checks", EntityID: audit.ID(k.ID), UnitID: k.UnitID,
			Summary: k.Subject + ": " + k.Topic, Before: before, After: checkAudit(k)})
	})
	return k.ID, err
}

const checkColumns = `SELECT k.id, k.unit_id, k.year, k.subject, k.topic, k.kind, k.planned_from, k.planned_to, k.decision_number, k.decision_on,
k.team, k.findings, k.done_on, COALESCE((SELECT MIN(c.id) FROM inspection_conclusions c WHERE c.check_id = k.id), 0) FROM inspection_checks k `

func scanCheck(sc interface{ Scan(...any) error }) (Check, error) {
	var k Check
	var kind string
	var ds dayScanner
	if err := sc.Scan(&k.ID, &k.UnitID, &k.Year, &k.Subject, &k.Topic, &kind, ds.day(&k.PlannedFrom), ds.day(&k.PlannedTo), &k.DecisionNumber,
		ds.day(&k.DecisionOn), &k.Team, &k.Findings, ds.day(&k.DoneOn), &k.ConclusionID); err != nil {
		return k, err
	}
	k.Kind = CheckKind(kind)
	return k, ds.parse()
}

// Check returns one check.
func (s *Store) Check(ctx context.Context, id int64) (Check, error) {
	k, err := scanCheck(s.db.R.QueryRowContext(ctx, checkColumns+"WHERE k.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("inspection: check %d: %w", id, ErrNotFound)
	}
	return k, err
}

// Checks lists a unit's checks of a year in the order they are planned.
func (s *Store) Checks(ctx context.Context, unitID int64, year int) ([]Check, error) {
	rows, err := s.db.R.QueryContext(ctx, checkColumns+"WHERE k.unit_id = $1 AND k.year = $2 ORDER BY k.planned_from, k.id", unitID, year)
	if err != nil {
		return nil, fmt.Errorf("inspection: checks of %d in %d: %w", unitID, year, err)
	}
	defer rows.Close()
	var out []Check
	for rows.Next() {
		k, err := scanCheck(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// CheckCounts counts the checks of scope for from..to: the periodic ones
// planned to start in the span, those of them done by its end, and the
// unannounced ones done in it.
type CheckCounts struct {
	Planned, PlannedDone, Unannounced int
}

// CountChecks counts the checks of scope over from..to (CheckCounts).
func (s *Store) CountChecks(ctx context.Context, scope string, from, to time.Time) (CheckCounts, error) {
	var c CheckCounts
	err := s.db.R.QueryRowContext(ctx, `
SELECT COALESCE(SUM(CASE WHEN k.kind = 'periodic' AND k.planned_from >= $2 AND k.planned_from <= $3 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN k.kind = 'periodic' AND k.planned_from >= $2 AND k.planned_from <= $3 AND k.done_on <> '' AND k.done_on <= $3 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN k.kind = 'unannounced' AND k.done_on >= $2 AND k.done_on <= $3 THEN 1 ELSE 0 END), 0)
FROM inspection_checks k WHERE `+inScope("k.unit_id", "$1"), escapeLike(scope)+"%", fmtDay(from), fmtDay(to)).Scan(&c.Planned, &c.PlannedDone, &c.Unannounced)
	if err != nil {
		return c, fmt.Errorf("inspection: count checks: %w", err)
	}
	return c, nil
}

// yearOf reads a year typed in a form; 0 for anything else.
func yearOf(s string) int {
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return y
}
