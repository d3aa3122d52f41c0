package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

// Judged selects dossiers by how the index counted them in a period.
type Judged string

const (
	JudgedAny      Judged = ""         // received in the period
	JudgedLate     Judged = "late"     // ended late in the period, or open and overdue at its end
	JudgedOnTime   Judged = "ontime"   // ended early or on time in the period
	JudgedAll      Judged = "judged"   // the denominator of PROGRESS_ON_TIME
	JudgedReceived Judged = "received" // received in the period (same as JudgedAny)
	// JudgedDisapproved: handled in the period (not Undetermined) with a
	// complaint or a dislike, the second deduction of
	// DOSSIER_RECEIVING_SATISFACTION.
	JudgedDisapproved Judged = "disapproved"
	// JudgedFeeBearing: received in the period with a fee due, the
	// denominator of PAYMENT_DOSSIER_ONLINE.
	JudgedFeeBearing Judged = "fee"
)

// DossierFilter narrows a dossier list.
type DossierFilter struct {
	Scope       string // unit path prefix
	Period      *Period
	Judged      Judged
	ProcedureID int64
	Status      Status
	Channel     Channel
	Code        string // a prefix of the dossier code
	Limit       int
	Offset      int
}

// Dossiers lists dossiers newest first, with their histories; more reports
// whether a further page exists.
func (s *Store) Dossiers(ctx context.Context, f DossierFilter) ([]*StoredDossier, bool, error) {
	args := []any{escapeLike(f.Scope) + "%"}
	where := []string{"d.unit_id IN (" + subtreeUnits(1) + ")"}
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.Period != nil {
		a, b := arg(f.Period.From.String()), arg(f.Period.To.String())
		late := fmt.Sprintf("((d.end_day >= %s AND d.end_day <= %s AND d.verdict = 3) OR (d.overdue_from <= %s AND (d.end_day IS NULL OR d.end_day > %s)))", a, b, b, b)
		switch f.Judged {
		case JudgedLate:
			where = append(where, late)
		case JudgedOnTime:
			where = append(where, fmt.Sprintf("d.end_day >= %s AND d.end_day <= %s AND d.verdict IN (1, 2)", a, b))
		case JudgedAll:
			where = append(where, fmt.Sprintf("(%s OR (d.end_day >= %s AND d.end_day <= %s AND d.verdict IN (1, 2)))", late, a, b))
		case JudgedDisapproved:
			where = append(where, fmt.Sprintf("d.end_day >= %s AND d.end_day <= %s AND d.verdict IN (1, 2, 3) AND (d.complaint = 1 OR d.rating = %d)", a, b, RatingDislike))
		case JudgedFeeBearing:
			where = append(where, fmt.Sprintf("d.received_day >= %s AND d.received_day <= %s AND d.fee > 0", a, b))
		default:
			where = append(where, fmt.Sprintf("d.received_day >= %s AND d.received_day <= %s", a, b))
		}
	}
	if f.ProcedureID != 0 {
		where = append(where, "d.procedure_id = "+arg(f.ProcedureID))
	}
	if f.Status != 0 {
		where = append(where, "d.status = "+arg(int(f.Status)))
	}
	if f.Channel != 0 {
		where = append(where, "d.channel = "+arg(int(f.Channel)))
	}
	if c := strings.TrimSpace(f.Code); c != "" {
		where = append(where, "d.code LIKE "+arg(escapeLike(c)+"%")+" ESCAPE '\\'")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	q := strings.Join(where, " AND ") + fmt.Sprintf(" ORDER BY d.received_day DESC, d.id DESC LIMIT %d OFFSET %d", limit+1, f.Offset)
	table, first, err := s.dossierSource(ctx, f)
	if err != nil {
		return nil, false, err
	}
	ds, err := loadDossiersFrom(ctx, s.db.Heavy(ctx), table, q, args...)
	if err != nil {
		return nil, false, err
	}
	markArchived(ds, first)
	ds, more := db.TrimPage(ds, limit)
	return ds, more, nil
}

// dossierSource is the table a list with filter f reads, and the first
// live year (0: nothing archived). On PostgreSQL with archived years, a
// period starting in one is refused as its index is, and a judged list
// of a kept period reads the archived partitions too (archive_read.go).
func (s *Store) dossierSource(ctx context.Context, f DossierFilter) (table string, first int, err error) {
	table = dossierTable.name
	if s.db.Dialect != db.Postgres || f.Period == nil {
		return table, 0, nil
	}
	q := s.db.Heavy(ctx)
	if first, err = firstLiveYear(ctx, q); err != nil || first == 0 {
		return table, first, err
	}
	if y, _, _ := f.Period.From.Date(); y < first {
		return "", 0, &ArchivedPeriodError{Period: f.Period.Label(), FirstLive: first}
	}
	if !f.readsArchive() {
		return table, first, nil
	}
	tables, err := archivedDossierTables(ctx, q)
	if err != nil || len(tables) == 0 {
		return table, first, err
	}
	return withArchive(tables), first, nil
}

// Judge classifies a stored dossier at the end of a period (or now), with
// its procedure's statutory time.
func (s *Store) Judge(ctx context.Context, d *StoredDossier, cal *Calendar, at time.Time) (Outcome, error) {
	p, err := s.Procedure(ctx, d.ProcedureID)
	if err != nil {
		return Outcome{}, err
	}
	return Classify(d.Dossier, cal, p.Statutory, at), nil
}

// Reveal opens a dossier's personal data for a permitted user and records
// the reveal in the audit log, in one transaction: no reveal without its
// entry. The caller checks org.ActReveal on the dossier's unit.
func (s *Store) Reveal(ctx context.Context, actor audit.Actor, d *StoredDossier) (PersonalData, error) {
	p, err := s.open(d)
	if err != nil {
		return PersonalData{}, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "reveal", Entity: "tthc_dossiers", EntityID: audit.ID(d.ID),
			UnitID: d.Unit, Summary: "xem đầy đủ thông tin cá nhân của hồ sơ " + d.Code})
	})
	if err != nil {
		return PersonalData{}, err
	}
	return p, nil
}

// PublicEvent is one step of a dossier's public timeline.
type PublicEvent struct {
	Status     Status    `json:"status"`
	StatusName string    `json:"statusName"`
	At         time.Time `json:"at"`
}

// PublicDossier is what a citizen sees when looking a dossier up by its
// code: never a name, an ID number or a phone.
type PublicDossier struct {
	Code          string        `json:"code"`
	Procedure     string        `json:"procedure"`
	ProcedureCode string        `json:"procedureCode"`
	Unit          string        `json:"unit"`
	ReceivedAt    time.Time     `json:"receivedAt"`
	AppointmentAt *time.Time    `json:"appointmentAt"`
	Status        Status        `json:"status"`
	StatusName    string        `json:"statusName"`
	Timeline      []PublicEvent `json:"timeline"`
}

// Appointment is the appointment date, or the zero time.
func (p PublicDossier) Appointment() time.Time {
	if p.AppointmentAt == nil {
		return time.Time{}
	}
	return *p.AppointmentAt
}

// PublicDossier looks a dossier up by code for the public page. agencyPath,
// when not empty, limits the look-up to one agency's subtree. A malformed
// code, an unknown one and one of another agency all give ErrNotFound, after
// the same query, so the answer does not tell them apart.
func (s *Store) PublicDossier(ctx context.Context, code, agencyPath string) (PublicDossier, error) {
	var out PublicDossier
	if _, err := ParseCode(code); err != nil {
		code = "" // still query, so a malformed code costs what an unknown one does
	}
	var received, appointment sql.NullString
	var history string
	q := s.db.Heavy(ctx)
	// Without an agency, no path condition at all: SQLite re-compiles a
	// statement whose LIKE pattern is a bound parameter at every execution
	// (the pattern may change the plan), which was a quarter of a look-up's
	// CPU for a condition ("/%") that every unit meets.
	where, codes, args := `d.code = $1`, `c.code = $1`, []any{code}
	if agencyPath != "" {
		where += ` AND u.path LIKE $2 ESCAPE '\'`
		codes += ` AND u.path LIKE $2 ESCAPE '\'`
		args = append(args, escapeLike(agencyPath)+"%")
	}
	table := "tthc_dossiers"
	var entry sql.NullString // PostgreSQL: the code's day of receipt, the partition to read
	if s.db.Dialect == db.Postgres {
		err := q.QueryRowContext(ctx, `SELECT c.received_day FROM tthc_dossier_codes c JOIN units u ON u.id = c.unit_id
WHERE `+codes, args...).Scan(&entry)
		if errors.Is(err, sql.ErrNoRows) || code == "" {
			return PublicDossier{}, ErrNotFound
		}
		if err != nil {
			return out, fmt.Errorf("tthc: public look-up: %w", err)
		}
		table = dossierPartition(entry)
	}
	read := func(table string) error {
		return q.QueryRowContext(ctx, `SELECT d.code, p.name, p.code, u.name, d.received_at, d.appointment_at, d.status, d.history
FROM `+table+` d JOIN tthc_procedures p ON p.id = d.procedure_id JOIN units u ON u.id = d.unit_id
WHERE `+where, args...).Scan(
			&out.Code, &out.Procedure, &out.ProcedureCode, &out.Unit, &received, &appointment, &out.Status, &history)
	}
	var err error
	if s.db.Dialect == db.Postgres {
		err = inPartitionOf(entry, read)
	} else {
		err = read(table)
	}
	if errors.Is(err, sql.ErrNoRows) && s.db.Dialect == db.Postgres && code != "" {
		return PublicDossier{}, &ArchivedError{Code: code, Year: yearOf(entry)}
	}
	if errors.Is(err, sql.ErrNoRows) || code == "" {
		return PublicDossier{}, ErrNotFound
	}
	if err != nil {
		return out, fmt.Errorf("tthc: public look-up: %w", err)
	}
	out.ReceivedAt = parseNullTime(received).In(Location)
	if t := parseNullTime(appointment); !t.IsZero() {
		t = t.In(Location)
		out.AppointmentAt = &t
	}
	out.StatusName = out.Status.String()
	events, err := decodeHistory(history)
	if err != nil {
		return out, fmt.Errorf("tthc: public look-up: %w", err)
	}
	for _, e := range orderEvents(events) {
		out.Timeline = append(out.Timeline, PublicEvent{Status: e.Status, StatusName: e.Status.String(), At: e.At.In(Location)})
	}
	return out, nil
}

// ManualCount is an indicator count entered for a unit and period.
type ManualCount struct {
	UnitID int64
	Metric string
	Period Period
	Count  Count
}

// SetManualCount enters (or replaces) the count of an indicator for a unit
// and period.
func (s *Store) SetManualCount(ctx context.Context, actor audit.Actor, m ManualCount) error {
	if _, ok := CurrentScoringTable().Indicator(m.Metric); !ok {
		return fmt.Errorf("chỉ số %q không có trong bảng điểm", m.Metric)
	}
	if m.Count.Num < 0 || m.Count.Den < m.Count.Num {
		return fmt.Errorf("cần 0 ≤ tử số ≤ mẫu số")
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO tthc_manual_counts (unit_id, metric, period_from, period_to, numerator, denominator, updated_at, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (unit_id, metric, period_from, period_to) DO UPDATE SET numerator = excluded.numerator,
	denominator = excluded.denominator, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			m.UnitID, m.Metric, m.Period.From.String(), m.Period.To.String(), m.Count.Num, m.Count.Den, db.FormatTime(s.now()), actor.Username)
		if err != nil {
			return fmt.Errorf("tthc: manual count: %w", err)
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "tthc_manual_counts", UnitID: m.UnitID,
			Summary: fmt.Sprintf("%s %s: %d/%d", m.Metric, m.Period, m.Count.Num, m.Count.Den),
			After:   map[string]any{"metric": m.Metric, "period": m.Period.String(), "numerator": m.Count.Num, "denominator": m.Count.Den}})
	})
}
