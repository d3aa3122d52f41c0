package province

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/period"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

// OpenRound opens a round of province for the input's period, on behalf of
// the Home Affairs unit openedBy, expecting a report from every reporting
// unit open at the period's end. One round per province and period.
func (s *Store) OpenRound(ctx context.Context, actor audit.Actor, province, openedBy org.Unit, in RoundInput) (int64, error) {
	in.Period, in.Note = strings.TrimSpace(in.Period), strings.TrimSpace(in.Note)
	span, perr := period.Parse(in.Period)
	if errs := in.Validate(span.To, perr == nil && !strings.Contains(in.Period, "..")); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	all, err := s.units(ctx, province)
	if err != nil {
		return 0, err
	}
	expected := Expected(all, span.To)
	now := s.now()
	var id int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
INSERT INTO report_rounds (province_id, opened_by, period, deadline, note, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, province.ID, openedBy.ID, span.Key, db.FormatDate(in.Deadline), in.Note,
			actor.Username, db.FormatTime(now)).Scan(&id)
		if db.IsUniqueViolation(err) {
			return web.Invalid("period", "province.round.period.taken")
		}
		if err != nil {
			return err
		}
		for _, u := range expected {
			if _, err := tx.ExecContext(ctx, `INSERT INTO round_units (round_id, unit_id, status, updated_at) VALUES ($1, $2, 'pending', $3)`,
				id, u.ID, db.FormatTime(now)); err != nil {
				return err
			}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "report_rounds", EntityID: audit.ID(id), UnitID: openedBy.ID,
			Summary: fmt.Sprintf("Mở đợt báo cáo kỳ %s, hạn %s, %d đơn vị", span.Key, in.Deadline.Format("02/01/2006"), len(expected)),
			After:   map[string]any{"period": span.Key, "deadline": db.FormatDate(in.Deadline), "units": len(expected)}})
	})
	if err != nil {
		if _, ok := web.AsValidation(err); ok {
			return 0, err
		}
		return 0, fmt.Errorf("province: open round: %w", err)
	}
	return id, nil
}

const selectRound = `SELECT id, province_id, opened_by, period, deadline, note, created_by, created_at FROM report_rounds`

func scanRound(sc interface{ Scan(...any) error }) (Round, error) {
	var r Round
	var deadline, created string
	if err := sc.Scan(&r.ID, &r.ProvinceID, &r.OpenedBy, &r.Period, &deadline, &r.Note, &r.CreatedBy, &created); err != nil {
		return r, err
	}
	r.Deadline = dateOf(deadline)
	r.CreatedAt, _ = db.ParseTime(created)
	return r, nil
}

// Round returns the round with id.
func (s *Store) Round(ctx context.Context, id int64) (Round, error) {
	r, err := scanRound(s.db.R.QueryRowContext(ctx, selectRound+" WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("province: round %d: %w", id, err)
	}
	return r, nil
}

// RoundFor returns the round of province for the period; ok is false when
// none was opened.
func (s *Store) RoundFor(ctx context.Context, provinceID int64, periodKey string) (Round, bool, error) {
	r, err := scanRound(s.db.R.QueryRowContext(ctx, selectRound+" WHERE province_id = $1 AND period = $2", provinceID, periodKey))
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("province: round of %s: %w", periodKey, err)
	}
	return r, true, nil
}

// Rounds lists the rounds of a province, the latest deadline first.
func (s *Store) Rounds(ctx context.Context, provinceID int64, limit int) ([]Round, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := s.db.R.QueryContext(ctx, selectRound+" WHERE province_id = $1 ORDER BY deadline DESC, id DESC LIMIT $2", provinceID, limit)
	if err != nil {
		return nil, fmt.Errorf("province: rounds: %w", err)
	}
	defer rows.Close()
	var out []Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, fmt.Errorf("province: rounds: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RoundUnits lists the units a round expects, each with the unit answering
// for it today, in the organisation's tree order.
func (s *Store) RoundUnits(ctx context.Context, round Round) ([]RoundUnit, error) {
	province, err := s.org.Unit(ctx, round.ProvinceID)
	if err != nil {
		return nil, fmt.Errorf("province: round units: %w", err)
	}
	all, err := s.units(ctx, province)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]org.Unit, len(all))
	for _, u := range all {
		byID[u.ID] = u
	}
	rows, err := s.db.R.QueryContext(ctx, `
SELECT x.unit_id, x.status, COALESCE(x.report_id, 0), COALESCE(r.number, ''), COALESCE(r.file_name, ''), COALESCE(x.submitted_on, ''), x.comment
FROM round_units x LEFT JOIN issued_reports r ON r.id = x.report_id WHERE x.round_id = $1`, round.ID)
	if err != nil {
		return nil, fmt.Errorf("province: round units: %w", err)
	}
	defer rows.Close()
	got := map[int64]RoundUnit{}
	for rows.Next() {
		var ru RoundUnit
		var unitID int64
		var number, file, submitted string
		if err := rows.Scan(&unitID, &ru.Status, &ru.ReportID, &number, &file, &submitted, &ru.Comment); err != nil {
			return nil, fmt.Errorf("province: round units: %w", err)
		}
		ru.RoundID = round.ID
		ru.ReportName = strings.TrimSpace(number + " " + file)
		if submitted != "" {
			ru.SubmittedOn = dateOf(submitted)
		}
		got[unitID] = ru
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("province: round units: %w", err)
	}
	today := s.Today()
	var out []RoundUnit
	for _, u := range all { // tree order
		ru, ok := got[u.ID]
		if !ok {
			continue
		}
		ru.Unit = u
		if a := Answerer(u, byID, today); a.ID != u.ID {
			ru.StandIn = a
		}
		out = append(out, ru)
	}
	return out, nil
}

// roundUnitTx reads one unit's row of a round for a change.
func roundUnitTx(ctx context.Context, tx *sql.Tx, roundID, unitID int64) (Status, error) {
	var st Status
	err := tx.QueryRowContext(ctx, "SELECT status FROM round_units WHERE round_id = $1 AND unit_id = $2", roundID, unitID).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return st, ErrNotFound
	}
	return st, err
}

// Submit hands the issued report reportID into round for the round unit
// unitID. The report must be a plan report of the round's period issued by
// that unit or by the unit answering for it; a report already accepted is
// not replaced.
func (s *Store) Submit(ctx context.Context, actor audit.Actor, round Round, unitID, reportID int64) error {
	rep, _, err := s.reports.Get(ctx, reportID)
	if err != nil {
		return web.Invalid("report_id", "province.submit.report.unknown")
	}
	units, err := s.RoundUnits(ctx, round)
	if err != nil {
		return err
	}
	var ru *RoundUnit
	for i := range units {
		if units[i].Unit.ID == unitID {
			ru = &units[i]
		}
	}
	if ru == nil {
		return ErrNotFound
	}
	if rep.Kind != "plan" || rep.Period != round.Period || (rep.UnitID != unitID && rep.UnitID != ru.StandIn.ID) {
		return web.Invalid("report_id", "province.submit.report.mismatch")
	}
	today := s.Today()
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		st, err := roundUnitTx(ctx, tx, round.ID, unitID)
		if err != nil {
			return err
		}
		if st == Accepted {
			return web.Invalid("report_id", "province.submit.accepted")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE round_units SET status = 'submitted', report_id = $1, submitted_on = $2, updated_by = $3, updated_at = $4
WHERE round_id = $5 AND unit_id = $6`, reportID, db.FormatDate(today), actor.Username, db.FormatTime(s.now()), round.ID, unitID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "submit", Entity: "round_units", EntityID: fmt.Sprintf("%d/%d", round.ID, unitID), UnitID: unitID,
			Summary: fmt.Sprintf("Gửi báo cáo %s vào đợt báo cáo kỳ %s", strings.TrimSpace(rep.Number), round.Period),
			Before:  map[string]any{"status": st}, After: map[string]any{"status": Submitted, "report_id": reportID}})
	})
}

// Review accepts a submitted report, or returns it for corrections with
// Home Affairs' comment (required: the unit must know what to correct).
func (s *Store) Review(ctx context.Context, actor audit.Actor, round Round, unitID int64, accept bool, comment string) error {
	comment = strings.TrimSpace(comment)
	if !accept && comment == "" {
		return web.Invalid("comment", "province.review.comment.required")
	}
	if errs := (web.FieldErrors{}); web.LongerThan(comment, web.MaxText) {
		errs.Within("comment", comment, web.MaxText)
		return &web.ValidationError{Fields: errs}
	}
	to := Accepted
	if !accept {
		to = Returned
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		st, err := roundUnitTx(ctx, tx, round.ID, unitID)
		if err != nil {
			return err
		}
		if st != Submitted {
			return web.Invalid("status", "province.review.not_submitted")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE round_units SET status = $1, comment = $2, updated_by = $3, updated_at = $4 WHERE round_id = $5 AND unit_id = $6`,
			string(to), comment, actor.Username, db.FormatTime(s.now()), round.ID, unitID); err != nil {
			return err
		}
		verb := "Chấp nhận"
		if !accept {
			verb = "Trả lại để hoàn thiện"
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "review", Entity: "round_units", EntityID: fmt.Sprintf("%d/%d", round.ID, unitID), UnitID: unitID,
			Summary: verb + " báo cáo kỳ " + round.Period, Before: map[string]any{"status": st}, After: map[string]any{"status": to, "comment": comment}})
	})
}

// Owed lists the rounds in which the units of subtree scope (or the units
// they answer for) still owe a report, with the round: the "report due"
// items of a focal officer's agenda.
func (s *Store) Owed(ctx context.Context, scope string) ([]OwedReport, error) {
	rows, err := s.db.R.QueryContext(ctx, `
SELECT r.id, r.period, r.deadline, x.unit_id, u.name, x.status, x.comment, COALESCE(su.path, u.path)
FROM round_units x JOIN report_rounds r ON r.id = x.round_id JOIN units u ON u.id = x.unit_id
LEFT JOIN units su ON su.id = u.successor_id
WHERE x.status IN ('pending', 'returned') AND (substr(u.path, 1, $1) = $2 OR substr(su.path, 1, $1) = $2)
ORDER BY r.deadline, u.name`, len(scope), scope) // not LIKE: see org.PathIn
	if err != nil {
		return nil, fmt.Errorf("province: owed reports: %w", err)
	}
	defer rows.Close()
	var out []OwedReport
	for rows.Next() {
		var o OwedReport
		var deadline, path string
		if err := rows.Scan(&o.RoundID, &o.Period, &deadline, &o.UnitID, &o.UnitName, &o.Status, &o.Comment, &path); err != nil {
			return nil, fmt.Errorf("province: owed reports: %w", err)
		}
		o.Deadline = dateOf(deadline)
		o.unitPath = path
		out = append(out, o)
	}
	return out, rows.Err()
}

// An OwedReport is a report a unit still owes a round.
type OwedReport struct {
	RoundID  int64
	Period   string
	Deadline time.Time
	UnitID   int64
	UnitName string
	Status   Status
	Comment  string
	unitPath string // of the unit answering for it
}

// PlanReports lists the plan reports of the period issued by a round
// unit or by the unit answering for it, newest first: what it may submit.
func (s *Store) PlanReports(ctx context.Context, ru RoundUnit, periodKey string) ([]report.Issued, error) {
	ids := []any{ru.Unit.ID, ru.StandIn.ID}
	rows, err := s.db.R.QueryContext(ctx, `SELECT id FROM issued_reports WHERE kind = 'plan' AND period = $1 AND unit_id IN ($2, $3) ORDER BY id DESC LIMIT 20`,
		periodKey, ids[0], ids[1])
	if err != nil {
		return nil, fmt.Errorf("province: plan reports: %w", err)
	}
	var found []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("province: plan reports: %w", err)
		}
		found = append(found, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("province: plan reports: %w", err)
	}
	out := make([]report.Issued, 0, len(found))
	for _, id := range found {
		x, _, err := s.reports.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}
