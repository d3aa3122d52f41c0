package reception

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

const caseColumns = `SELECT c.id, c.entry_id, c.unit_id, u.name, c.kind, c.round, c.complexity, c.remote, c.received_on, c.accepted_on, c.due_on,
c.extensions, c.status, COALESCE(c.handler_id, 0), COALESCE(c.division_id, 0), COALESCE(h.full_name, ''), c.decided_on, c.answer, c.public,
c.published_on, c.closed_on, c.ended_on, c.transferred_to, c.transfer_letter, c.rating, e.summary, e.year, e.seq
FROM reception_cases c JOIN reception_entries e ON e.id = c.entry_id JOIN units u ON u.id = c.unit_id LEFT JOIN users h ON h.id = c.handler_id `

func scanCase(sc interface{ Scan(...any) error }) (Case, error) {
	var c Case
	var ds dayScanner
	var kind, status, rating string
	var complexity, remote, public int
	err := sc.Scan(&c.ID, &c.EntryID, &c.UnitID, &c.UnitName, &kind, &c.Round, &complexity, &remote, ds.day(&c.ReceivedOn), ds.day(&c.AcceptedOn),
		ds.day(&c.Due), &c.Extensions, &status, &c.HandlerID, &c.DivisionID, &c.HandlerName, ds.day(&c.DecidedOn), &c.Answer, &public,
		ds.day(&c.PublishedOn), ds.day(&c.ClosedOn), ds.day(&c.EndedOn), &c.TransferredTo, &c.TransferLetter, &rating, &c.Summary, &c.Year, &c.Seq)
	if err != nil {
		return c, err
	}
	c.Kind, c.Status, c.Rating, c.Complexity = Kind(kind), Status(status), Rating(rating), Complexity(complexity)
	c.Remote, c.Public = remote == 1, public == 1
	return c, ds.parse()
}

// Case returns one case.
func (s *Store) Case(ctx context.Context, id int64) (Case, error) {
	c, err := scanCase(s.db.R.QueryRowContext(ctx, caseColumns+"WHERE c.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("reception: case %d: %w", id, ErrNotFound)
	}
	return c, err
}

// CaseFilter selects cases.
type CaseFilter struct {
	Scope     string // a unit path: the unit and its subtree
	Kind      Kind
	Status    Status
	Open      bool      // only those waiting for an answer
	DueBy     time.Time // only open ones due on or before this day (overdue and due soon)
	HandlerID int64
	DueFrom   time.Time // due in a span
	DueTo     time.Time
	// List, with From and To, selects the petitions and reflections behind
	// a count of the service index's feedback indicators over From..To
	// (FeedbackByUnit): one of the Feedback*List values.
	List     string
	From, To time.Time
	Page     int
	PerPage  int
}

// Cases lists cases by deadline, earliest first, a page at a time.
func (s *Store) Cases(ctx context.Context, f CaseFilter) ([]Case, bool, error) {
	where, args := []string{}, []any{}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	add(`c.unit_id IN (SELECT id FROM units WHERE path LIKE $%d ESCAPE '\')`, escapeLike(f.Scope)+"%")
	if f.Kind != "" {
		add("c.kind = $%d", string(f.Kind))
	}
	if f.Status != "" {
		add("c.status = $%d", string(f.Status))
	}
	if f.Open || !f.DueBy.IsZero() {
		where = append(where, "c.open = 1")
	}
	if !f.DueBy.IsZero() {
		add("c.due_on <= $%d", fmtDay(f.DueBy))
	}
	if !f.DueFrom.IsZero() {
		add("c.due_on >= $%d", fmtDay(f.DueFrom))
	}
	if !f.DueTo.IsZero() {
		add("c.due_on <= $%d", fmtDay(f.DueTo))
	}
	if f.HandlerID != 0 {
		add("c.handler_id = $%d", f.HandlerID)
	}
	if f.List != "" {
		cond, err := s.listCondition(f, func(v any) string {
			args = append(args, v)
			return fmt.Sprintf("$%d", len(args))
		})
		if err != nil {
			return nil, false, err
		}
		where = append(where, cond)
	}
	page, per := pageOf(f.Page, f.PerPage)
	// The page's ids first, from the cases' own indexes, then their rows
	// with the joins: joining before the sort costs a join per open case
	// of the province (docs/benchmarks.md, issue 11).
	q := caseColumns + "WHERE c.id IN (SELECT c.id FROM reception_cases c WHERE " + strings.Join(where, " AND ") +
		fmt.Sprintf(" ORDER BY c.due_on, c.id LIMIT %d OFFSET %d) ORDER BY c.due_on, c.id", per+1, (page-1)*per)
	rows, err := s.db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("reception: cases: %w", err)
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, false, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(out) > per {
		return out[:per], true, nil
	}
	return out, false, nil
}

// listCondition is the SQL of a feedback list (CaseFilter.List), arg
// giving the placeholder of each value: the conditions caseCounts counts
// with.
func (s *Store) listCondition(f CaseFilter, arg func(any) string) (string, error) {
	at, lateBefore := judgedAt(f.To, s.Today())
	feedback := "c.kind IN ('petition', 'reflection') AND "
	due := func() string {
		return feedback + "c.due_on >= " + arg(fmtDay(f.From)) + " AND c.due_on <= " + arg(fmtDay(f.To)) + " AND "
	}
	judge := func() judgement { return judging("c", arg(fmtDay(at)), arg(fmtDay(lateBefore))) }
	rated := func() string {
		return feedback + "c.decided_on >= " + arg(fmtDay(f.From)) + " AND c.decided_on <= " + arg(fmtDay(at)) + " AND "
	}
	switch f.List {
	case FeedbackOnTime:
		d := due()
		return d + judging("c", arg(fmtDay(at)), "").onTime, nil // on time needs no late day
	case FeedbackLate:
		d, j := due(), judge()
		return d + "((" + j.late + ") OR (" + j.overdue + "))", nil
	case FeedbackJudged:
		d, j := due(), judge()
		return d + "((" + j.onTime + ") OR (" + j.late + ") OR (" + j.overdue + "))", nil
	case FeedbackRated:
		return rated() + "c.rating <> ''", nil
	case FeedbackSatisfied:
		return rated() + "c.rating = 'satisfied'", nil
	case FeedbackDissatisfied:
		return rated() + "c.rating = 'dissatisfied'", nil
	}
	return "", web.Invalid("list", "reception.list.invalid")
}

// Step takes one step of a case (Apply), writes the case, its timeline and
// the audit entry in one transaction.
func (s *Store) Step(ctx context.Context, actor audit.Actor, caseID int64, st Step) (Case, error) {
	c, err := s.Case(ctx, caseID)
	if err != nil {
		return c, err
	}
	unit, err := s.Unit(ctx, c.UnitID)
	if err != nil {
		return c, err
	}
	rule, err := s.rules.For(c.Kind, c.Round, c.ReceivedOn)
	if err != nil {
		return c, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return c, err
	}
	after, errs := Apply(c, st, rule, cal, s.Today(), unit.Name)
	if errs.Any() {
		return c, &web.ValidationError{Fields: errs}
	}
	name, note := string(after.Status), st.Reason
	if st.Extend {
		name, note = "extended", strings.TrimSpace(st.Reason)+" — hạn mới "+fmtDay(after.Due)
	}
	if st.To == StAnswered {
		note = st.Letter
	}
	if st.To == StTransferred {
		note = after.TransferredTo + " (" + after.TransferLetter + ")"
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var handler, division sql.NullInt64
		if after.HandlerID != 0 {
			handler = sql.NullInt64{Int64: after.HandlerID, Valid: true}
		}
		if after.DivisionID != 0 {
			division = sql.NullInt64{Int64: after.DivisionID, Valid: true}
		}
		err := refold(ctx, tx, c.ID, func() error {
			res, err := tx.ExecContext(ctx, `UPDATE reception_cases SET status = $2, open = $3, complexity = $4, extensions = $5, due_on = $6,
		handler_id = $7, division_id = $8, decided_on = $9, answer = $10, public = $11, published_on = $12, closed_on = $13, ended_on = $14,
		transferred_to = $15, transfer_letter = $16, updated_at = $17 WHERE id = $1 AND status = $18 AND extensions = $19`,
				c.ID, string(after.Status), boolInt(after.Status.Open()), int(after.Complexity), after.Extensions, fmtDay(after.Due), handler, division,
				fmtDay(after.DecidedOn), after.Answer, boolInt(after.Public), fmtDay(after.PublishedOn), fmtDay(after.ClosedOn), fmtDay(after.EndedOn),
				after.TransferredTo, after.TransferLetter, db.FormatTime(s.now()), string(c.Status), c.Extensions)
			if err != nil {
				return fmt.Errorf("reception: step %d: %w", c.ID, err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				// Someone else took a step in between: their step stands.
				return web.Invalid("status", "reception.step.stale")
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.event(ctx, tx, actor, c.ID, st.On, name, note); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "reception_cases", EntityID: audit.ID(c.ID), UnitID: c.UnitID,
			Summary: "Vụ việc sổ số " + fmt.Sprintf("%d/%d", c.Seq, c.Year) + ": " + name, Before: caseAudit(c), After: caseAudit(after)})
	})
	return after, err
}

// caseAudit is what the audit log keeps of a case: its state, never the
// person.
func caseAudit(c Case) map[string]any {
	return map[string]any{"status": c.Status, "complexity": int(c.Complexity), "extensions": c.Extensions, "due_on": fmtDay(c.Due),
		"handler_id": c.HandlerID, "division_id": c.DivisionID, "decided_on": fmtDay(c.DecidedOn), "public": c.Public,
		"transferred_to": c.TransferredTo, "transfer_letter": c.TransferLetter}
}

// Event is one step of a case's timeline.
type Event struct {
	On    time.Time
	Step  string
	Note  string
	Actor string
}

// Events lists a case's timeline in order.
func (s *Store) Events(ctx context.Context, caseID int64) ([]Event, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT on_day, step, note, actor FROM reception_events WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var ev Event
		var ds dayScanner
		if err := rows.Scan(ds.day(&ev.On), &ev.Step, &ev.Note, &ev.Actor); err != nil {
			return nil, err
		}
		if err := ds.parse(); err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// Rate records the citizen's rating of an answered case.
func (s *Store) Rate(ctx context.Context, actor audit.Actor, caseID int64, r Rating) error {
	if r != Satisfied && r != Dissatisfied {
		return web.Invalid("rating", "reception.rating.invalid")
	}
	c, err := s.Case(ctx, caseID)
	if err != nil {
		return err
	}
	if !c.Status.Answered() {
		return web.Invalid("rating", "reception.rating.unanswered")
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		err := refold(ctx, tx, c.ID, func() error {
			_, err := tx.ExecContext(ctx, `UPDATE reception_cases SET rating = $2, updated_at = $3 WHERE id = $1`, c.ID, string(r), db.FormatTime(s.now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("reception: rate %d: %w", c.ID, err)
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "reception_cases", EntityID: audit.ID(c.ID), UnitID: c.UnitID,
			Summary: "Đánh giá kết quả trả lời", Before: map[string]any{"rating": c.Rating}, After: map[string]any{"rating": r}})
	})
}

// Officer is someone a case can be assigned to.
type Officer struct {
	ID       int64
	Name     string
	Title    string // filled by Leaders
	UnitName string
}

// Officers lists the active users of the units under scope, by name.
func (s *Store) Officers(ctx context.Context, scope string) ([]Officer, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT u.id, u.full_name, n.name FROM users u JOIN units n ON n.id = u.unit_id
WHERE u.active = 1 AND n.path LIKE $1 ESCAPE '\' ORDER BY u.sort_key, u.id`, escapeLike(scope)+"%")
	if err != nil {
		return nil, fmt.Errorf("reception: officers: %w", err)
	}
	defer rows.Close()
	var out []Officer
	for rows.Next() {
		var o Officer
		if err := rows.Scan(&o.ID, &o.Name, &o.UnitName); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
