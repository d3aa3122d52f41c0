package plan

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/registers"
	"papihub/internal/report"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates plans, tasks, instances, updates, evidence, reminders
// and the report register.
var Migrations = withFuncs(db.NewModule("plan", migrationsFS, "migrations"))

// Store reads and writes plans. Evidence files and issued reports are kept
// below dataDir.
type Store struct {
	db        *db.DB
	dataDir   string
	now       func() time.Time
	registers *registers.Hub // what the agency's registers offer; nil for none
	reports   *report.Register
	summaries audit.Cache[summaryKey, summary]
	overdue   audit.Cache[keptOverdueKey, overdueHead] // leaderOverdue
}

// NewStore returns a Store on d keeping files below dataDir. now is the clock.
func NewStore(d *db.DB, dataDir string, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, dataDir: dataDir, now: now, reports: report.NewRegister(d, dataDir, now)}
}

// Today is the calendar day in Vietnam, as this package's dates are: midnight
// UTC of that day.
func (s *Store) Today() time.Time {
	t := s.now().In(vn.Location())
	return date(t.Year(), t.Month(), t.Day())
}

// ErrNotFound wraps db.ErrNotFound for a plan, task, instance or file.
var ErrNotFound = fmt.Errorf("plan: %w", db.ErrNotFound)

func jsonText(v any) string {
	if v == nil {
		return "[]"
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return "[]"
	}
	return string(b)
}

func fromJSON[T any](s string) T {
	var v T
	_ = json.Unmarshal([]byte(s), &v) // written by jsonText: well-formed
	return v
}

// unitInfo is what validation needs to know of a unit.
type unitInfo struct {
	ID        int64
	Name      string
	Path      string
	ValidFrom string
	ValidTo   sql.NullString
}

func (u unitInfo) openOn(day time.Time) bool {
	d := db.FormatDate(day)
	return u.ValidFrom <= d && (!u.ValidTo.Valid || u.ValidTo.String == "" || d <= u.ValidTo.String)
}

const selectUnitInfo = `SELECT id, name, path, valid_from, valid_to FROM units WHERE id = $1`

func loadUnit(ctx context.Context, q db.Querier, id int64) (unitInfo, error) {
	var u unitInfo
	err := q.QueryRowContext(ctx, selectUnitInfo, id).Scan(&u.ID, &u.Name, &u.Path, &u.ValidFrom, &u.ValidTo)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("unit %d: %w", id, db.ErrNotFound)
	}
	return u, err
}

// checkUnit adds a field error when a unit is unknown or closed on day, and
// (when within is set) when it lies outside the issuer's subtree.
func checkUnit(ctx context.Context, q db.Querier, errs web.FieldErrors, field string, id int64, day time.Time, within string) error {
	if id == 0 {
		return nil
	}
	u, err := loadUnit(ctx, q, id)
	switch {
	case errors.Is(err, db.ErrNotFound):
		errs.Add(field, "plan.unit.unknown")
	case err != nil:
		return err
	case !u.openOn(day):
		errs.Add(field, "plan.unit.closed")
	case within != "" && !strings.HasPrefix(u.Path, within):
		errs.Add(field, "plan.unit.outside")
	}
	return nil
}

// Querier for reads and the write transaction alike.
type querier interface {
	db.Querier
}

// SQL for plans.
const (
	insertPlan = `
INSERT INTO plans (unit_id, number, symbol, title, title_fold, parent_body, place, issue_date, year,
	purposes, requirements, organisation, recipients, signer_title, signer_name, status, derived_from, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'draft', $16, $17, $17)
RETURNING id`
	insertBasis       = `INSERT INTO plan_basis (plan_id, position, text, refs, parent_id) VALUES ($1, $2, $3, $4, $5)`
	insertSection     = `INSERT INTO plan_sections (plan_id, position, dimension, also, heading, intro) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
	insertBaseline    = `INSERT INTO plan_baselines (plan_id, dimension, year, score, group_name, score_change, text) VALUES ($1, $2, $3, $4, $5, $6, $7)`
	selectNumberTaken = `
SELECT COUNT(*) FROM plans WHERE unit_id = $1 AND year = $2 AND number = $3 AND symbol = $4 AND number <> '' AND id <> $5`
	selectPlanByRef = `SELECT id FROM plans WHERE number || '/' || symbol = $1 ORDER BY year DESC, id DESC LIMIT 1`
)

// CreatePlan saves a whole plan with its basis, sections, tasks and their
// instances over the plan's year, in one transaction with its audit entry.
// Bad input (an unknown or closed unit, a task without a lead unit, a
// deadline before the issue date, a number the issuer already used that
// year) comes back as a web.ValidationError and nothing is saved.
func (s *Store) CreatePlan(ctx context.Context, actor audit.Actor, in PlanInput) (int64, error) {
	in.Normalize()
	for _, sec := range in.Sections {
		for ti := range sec.Tasks {
			s.bindTarget(&sec.Tasks[ti])
		}
	}
	errs := in.Validate()
	for si, sec := range in.Sections {
		for ti, t := range sec.Tasks {
			s.checkMeasure(t, taskField(si, ti, "metric_code"), errs)
		}
	}
	if errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		issuer, err := s.checkPlan(ctx, tx, in, 0, errs)
		if err != nil {
			return err
		}
		day := in.referenceDay()
		for si, sec := range in.Sections {
			for ti, t := range sec.Tasks {
				if err := s.checkTask(ctx, tx, t, in, issuer, day, func(f string) string { return taskField(si, ti, f) }, errs); err != nil {
					return err
				}
			}
		}
		if errs.Any() {
			return &web.ValidationError{Fields: errs}
		}
		now := db.FormatTime(s.now())
		if err := tx.QueryRowContext(ctx, insertPlan, in.UnitID, in.Number, in.Symbol, in.Title, vn.Fold(in.Title),
			in.ParentBody, in.Place, in.IssueDate, in.Year, jsonText(in.Purposes), jsonText(in.Requirements),
			jsonText(in.Organisation), jsonText(in.Recipients), in.Signer.Title, in.Signer.Name,
			nullID(in.DerivedFrom), now).Scan(&id); err != nil {
			if db.IsUniqueViolation(err) {
				return web.Invalid("number", "plan.number.taken")
			}
			return fmt.Errorf("plan: insert: %w", err)
		}
		if err := insertBasisTx(ctx, tx, id, in.Basis); err != nil {
			return err
		}
		if err := insertBaselinesTx(ctx, tx, id, in.Baselines); err != nil {
			return err
		}
		tasks := 0
		for si, sec := range in.Sections {
			var secID int64
			if err := tx.QueryRowContext(ctx, insertSection, id, si, sec.Dimension, jsonText(sec.Also), sec.Heading, sec.Intro).Scan(&secID); err != nil {
				return fmt.Errorf("plan: insert section: %w", err)
			}
			for ti, t := range sec.Tasks {
				if _, err := insertTaskTx(ctx, tx, id, secID, ti, t, in.Year, now); err != nil {
					return err
				}
				tasks++
			}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "plans", EntityID: audit.ID(id), UnitID: in.UnitID,
			Summary: fmt.Sprintf("Kế hoạch %q năm %d: %d mục, %d nhiệm vụ", in.Title, in.Year, len(in.Sections), tasks),
			After:   map[string]any{"title": in.Title, "number": in.Number, "symbol": in.Symbol, "year": in.Year, "date": in.IssueDate, "derived_from": in.DerivedFrom}})
	})
	return id, err
}

// checkPlan checks the issuer and the number against the database and
// returns the issuer.
func (s *Store) checkPlan(ctx context.Context, q db.Querier, in PlanInput, selfID int64, errs web.FieldErrors) (unitInfo, error) {
	issuer, err := loadUnit(ctx, q, in.UnitID)
	switch {
	case errors.Is(err, db.ErrNotFound):
		errs.Add("unit_id", "plan.unit.unknown")
	case err != nil:
		return issuer, err
	case !issuer.openOn(in.referenceDay()):
		errs.Add("unit_id", "plan.unit.closed")
	}
	if in.Number != "" {
		var n int
		if err := q.QueryRowContext(ctx, selectNumberTaken, in.UnitID, in.Year, in.Number, in.Symbol, selfID).Scan(&n); err != nil {
			return issuer, err
		}
		if n > 0 {
			errs.Add("number", "plan.number.taken")
		}
	}
	return issuer, nil
}

// checkTask checks a task's units and deadline against the plan.
func (s *Store) checkTask(ctx context.Context, q db.Querier, t TaskInput, in PlanInput, issuer unitInfo, day time.Time, field func(string) string, errs web.FieldErrors) error {
	within := issuer.Path
	if err := checkUnit(ctx, q, errs, field("lead_unit_id"), t.LeadUnitID, day, within); err != nil {
		return err
	}
	for _, c := range t.Coordinators {
		// Coordinators may sit outside the issuer (another department).
		if err := checkUnit(ctx, q, errs, field("coordinators"), c, day, ""); err != nil {
			return err
		}
	}
	if t.Recurrence.Frequency == Once && in.IssueDate != "" {
		if first, ok := earliestDay(in.IssueDate); ok && dayOf(t.Recurrence.Due).Before(first) {
			errs.Add(field("due"), "plan.task.due.before_issue")
		}
	}
	for _, u := range t.Assignees {
		var path string
		err := q.QueryRowContext(ctx, `SELECT u.path FROM users x JOIN units u ON u.id = x.unit_id WHERE x.id = $1`, u).Scan(&path)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !strings.HasPrefix(path, issuer.Path)) {
			errs.Add(field("assignees"), "plan.task.assignee.unknown")
		} else if err != nil {
			return err
		}
	}
	return nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

const selectPlan = `
SELECT p.id, p.unit_id, u.name, u.code, u.short_name, u.path, p.number, p.symbol, p.title, p.parent_body, p.place, p.issue_date, p.year,
	p.purposes, p.requirements, p.organisation, p.recipients, p.signer_title, p.signer_name, p.status,
	COALESCE(p.derived_from, 0), p.created_at, p.updated_at
FROM plans p JOIN units u ON u.id = p.unit_id WHERE p.id = $1`

const selectBasis = `SELECT text, refs, COALESCE(parent_id, 0) FROM plan_basis WHERE plan_id = $1 ORDER BY position`
const selectSections = `SELECT id, dimension, also, heading, intro FROM plan_sections WHERE plan_id = $1 ORDER BY position`
const selectBaselines = `SELECT dimension, year, score, group_name, score_change, text FROM plan_baselines WHERE plan_id = $1 ORDER BY dimension`

// Plan returns a plan with its basis and sections.
func (s *Store) Plan(ctx context.Context, id int64) (Plan, error) {
	q := s.db.R
	var p Plan
	var purposes, reqs, org, recips, created, updated string
	err := q.QueryRowContext(ctx, selectPlan, id).Scan(&p.ID, &p.UnitID, &p.UnitName, &p.UnitCode, &p.UnitShort, &p.UnitPath, &p.Number, &p.Symbol,
		&p.Title, &p.ParentBody, &p.Place, &p.IssueDate, &p.Year, &purposes, &reqs, &org, &recips, &p.Signer.Title, &p.Signer.Name,
		&p.Status, &p.DerivedFrom, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("plan %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("plan: read %d: %w", id, err)
	}
	p.Purposes, p.Requirements = fromJSON[[]string](purposes), fromJSON[[]string](reqs)
	p.Organisation, p.Recipients = fromJSON[[]string](org), fromJSON[[]string](recips)
	if p.CreatedAt, err = db.ParseTime(created); err != nil {
		return p, err
	}
	if p.UpdatedAt, err = db.ParseTime(updated); err != nil {
		return p, err
	}
	rows, err := q.QueryContext(ctx, selectBasis, id)
	if err != nil {
		return p, err
	}
	for rows.Next() {
		var b PlanBasis
		var refs string
		if err := rows.Scan(&b.Text, &refs, &b.ParentID); err != nil {
			rows.Close()
			return p, err
		}
		b.Refs = fromJSON[[]string](refs)
		p.Basis = append(p.Basis, b)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return p, err
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, selectSections, id)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var sec PlanSection
		var also string
		if err := rows.Scan(&sec.ID, &sec.Dimension, &also, &sec.Heading, &sec.Intro); err != nil {
			return p, err
		}
		sec.Also = fromJSON[[]string](also)
		p.Sections = append(p.Sections, sec)
	}
	if err := rows.Err(); err != nil {
		return p, err
	}
	p.Baselines, err = readBaselinesOf(ctx, q, id)
	return p, err
}

// readBaselinesOf reads a plan's baselines in dimension order.
func readBaselinesOf(ctx context.Context, q db.Querier, planID int64) ([]Baseline, error) {
	rows, err := q.QueryContext(ctx, selectBaselines, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Baseline
	for rows.Next() {
		var b Baseline
		var score, change sql.NullFloat64
		if err := rows.Scan(&b.Dimension, &b.Year, &score, &b.Group, &change, &b.Text); err != nil {
			return nil, err
		}
		if score.Valid {
			b.Score = &score.Float64
		}
		if change.Valid {
			b.Change = &change.Float64
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// insertBaselinesTx stores a plan's baselines.
func insertBaselinesTx(ctx context.Context, tx *sql.Tx, planID int64, bs []Baseline) error {
	for _, b := range bs {
		if _, err := tx.ExecContext(ctx, insertBaseline, planID, b.Dimension, b.Year, nullFloat(b.Score), strings.TrimSpace(b.Group),
			nullFloat(b.Change), strings.TrimSpace(b.Text)); err != nil {
			return fmt.Errorf("plan: insert baseline: %w", err)
		}
	}
	return nil
}

func nullFloat(v *float64) sql.NullFloat64 {
	if v == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *v, Valid: true}
}

// A PlanHeader is the part of a plan edited on its own: number, date,
// title, place, signer, and the legal basis, purposes and requirements. A
// nil Basis, Purposes or Requirements keeps what is stored (an API client
// that leaves them out does not erase them); an empty one clears them.
type PlanHeader struct {
	Number       string      `json:"number"`
	Symbol       string      `json:"symbol"`
	Title        string      `json:"title"`
	ParentBody   string      `json:"parent_body"`
	Place        string      `json:"place"`
	IssueDate    string      `json:"date"`
	Signer       Signer      `json:"signer"`
	Basis        []PlanBasis `json:"basis,omitempty"`
	Purposes     []string    `json:"purposes,omitempty"`
	Requirements []string    `json:"requirements,omitempty"`
	// Baselines, when given, replace the plan's (an empty list clears
	// them); nil keeps them.
	Baselines []Baseline `json:"baselines,omitempty"`
}

// HeaderOf is a plan's header as stored, for the edit form.
func HeaderOf(p Plan) PlanHeader {
	return PlanHeader{Number: p.Number, Symbol: p.Symbol, Title: p.Title, ParentBody: p.ParentBody, Place: p.Place,
		IssueDate: p.IssueDate, Signer: p.Signer, Basis: nonNilSlice(p.Basis), Purposes: nonNilSlice(p.Purposes), Requirements: nonNilSlice(p.Requirements),
		Baselines: nonNilSlice(p.Baselines)}
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

const updatePlanHeader = `
UPDATE plans SET number = $2, symbol = $3, title = $4, title_fold = $5, parent_body = $6, place = $7, issue_date = $8,
	signer_title = $9, signer_name = $10, purposes = $11, requirements = $12, status = $13, updated_at = $14
WHERE id = $1 AND status = $15`

// UpdatePlanHeader changes a plan's header and keeps its status.
func (s *Store) UpdatePlanHeader(ctx context.Context, actor audit.Actor, id int64, h PlanHeader) error {
	return s.EditPlan(ctx, actor, id, h, "")
}

// EditPlan changes a plan's header and, when to is set and differs from the
// plan's status, moves it along draft → issued → closed, in one transaction
// with one audit entry. The rules: a new issue date must not fall after a
// one-off task's deadline; the number stays unique for the issuer and year;
// an issued or closed plan keeps a number and a full issue date; a plan
// moves only forward, one step at a time.
func (s *Store) EditPlan(ctx context.Context, actor audit.Actor, id int64, h PlanHeader, to PlanStatus) error {
	before, err := s.Plan(ctx, id)
	if err != nil {
		return err
	}
	if h.Basis == nil {
		h.Basis = before.Basis
	}
	if h.Purposes == nil {
		h.Purposes = before.Purposes
	}
	if h.Requirements == nil {
		h.Requirements = before.Requirements
	}
	if h.Baselines == nil {
		h.Baselines = nonNilSlice(before.Baselines)
	}
	h.Purposes, h.Requirements = paragraphs(h.Purposes), paragraphs(h.Requirements)
	in := PlanInput{UnitID: before.UnitID, Number: h.Number, Symbol: h.Symbol, Title: h.Title, ParentBody: h.ParentBody,
		Place: h.Place, IssueDate: h.IssueDate, Year: before.Year, Signer: h.Signer, Baselines: h.Baselines,
		Basis: h.Basis, Purposes: h.Purposes, Requirements: h.Requirements}
	in.Normalize()
	h.Number, h.Symbol, h.Title, h.ParentBody, h.Place, h.IssueDate = in.Number, in.Symbol, in.Title, in.ParentBody, in.Place, in.IssueDate
	errs := in.Validate()
	if to == "" {
		to = before.Status
	}
	if to != before.Status && !canMovePlan(before.Status, to) {
		errs.Add("status", "plan.status.invalid")
	}
	if to != PlanDraft {
		if in.Number == "" {
			errs.Add("number", "plan.issued.needs_number")
		}
		if len(in.IssueDate) != 10 {
			errs.Add("date", "plan.issued.needs_date")
		}
	}
	if errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.checkPlan(ctx, tx, in, id, errs); err != nil {
			return err
		}
		if first, ok := earliestDay(in.IssueDate); ok && in.IssueDate != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM tasks WHERE plan_id = $1 AND frequency = 'once' AND due_date < $2`,
				id, db.FormatDate(first)).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				errs.Add("date", "plan.date.after_deadlines")
			}
		}
		if errs.Any() {
			return &web.ValidationError{Fields: errs}
		}
		res, err := tx.ExecContext(ctx, updatePlanHeader, id, in.Number, in.Symbol, in.Title, vn.Fold(in.Title), in.ParentBody,
			in.Place, in.IssueDate, in.Signer.Title, in.Signer.Name, jsonText(h.Purposes), jsonText(h.Requirements), to,
			db.FormatTime(s.now()), before.Status)
		if err != nil {
			if db.IsUniqueViolation(err) {
				return web.Invalid("number", "plan.number.taken")
			}
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			// Someone moved the plan meanwhile; the form is out of date.
			return web.Invalid("status", "plan.status.invalid")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plan_basis WHERE plan_id = $1`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plan_baselines WHERE plan_id = $1`, id); err != nil {
			return err
		}
		if err := insertBaselinesTx(ctx, tx, id, h.Baselines); err != nil {
			return err
		}
		kept := map[string]int64{}
		for _, b := range before.Basis {
			kept[b.Text] = b.ParentID
		}
		basis := make([]PlanBasis, 0, len(h.Basis))
		for _, b := range h.Basis {
			b.Text = strings.TrimSpace(b.Text)
			if b.Text == "" {
				continue
			}
			if b.Refs == nil {
				b.Refs = findRefs(b.Text)
			}
			if b.ParentID == 0 {
				b.ParentID = kept[b.Text] // an unchanged line keeps its link
			}
			basis = append(basis, b)
		}
		if err := insertBasisTx(ctx, tx, id, basis); err != nil {
			return err
		}
		summary := "Sửa thông tin kế hoạch"
		if to != before.Status {
			summary += "; trạng thái: " + string(before.Status) + " → " + string(to)
		}
		h.Basis = basis
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "plans", EntityID: audit.ID(id), UnitID: before.UnitID,
			Summary: summary, Before: map[string]any{"header": HeaderOf(before), "status": before.Status},
			After: map[string]any{"header": h, "status": to}})
	})
}

// paragraphs drops blank paragraphs and trims the others.
func paragraphs(in []string) []string {
	out := make([]string, 0, len(in))
	for _, p := range in {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func canMovePlan(from, to PlanStatus) bool {
	for _, st := range planTransitions[from] {
		if st == to {
			return true
		}
	}
	return false
}

// insertBasisTx stores a plan's legal basis in order. A ground citing a plan
// already in the system ("Kế hoạch số 07/KH-UBND") links to it.
func insertBasisTx(ctx context.Context, tx *sql.Tx, planID int64, basis []PlanBasis) error {
	for i, b := range basis {
		parent := b.ParentID
		if parent == 0 {
			for _, ref := range b.Refs {
				if err := tx.QueryRowContext(ctx, selectPlanByRef, ref).Scan(&parent); err == nil {
					break
				} else if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
		}
		if parent == planID {
			parent = 0 // a plan is not its own basis
		}
		if _, err := tx.ExecContext(ctx, insertBasis, planID, i, b.Text, jsonText(b.Refs), nullID(parent)); err != nil {
			return fmt.Errorf("plan: insert basis: %w", err)
		}
	}
	return nil
}

// SetPlanStatus moves a plan from draft to issued or from issued to closed.
// Issuing needs a number and a full issue date.
func (s *Store) SetPlanStatus(ctx context.Context, actor audit.Actor, id int64, to PlanStatus) error {
	p, err := s.Plan(ctx, id)
	if err != nil {
		return err
	}
	if !canMovePlan(p.Status, to) {
		return web.Invalid("status", "plan.status.invalid")
	}
	if to == PlanIssued && (p.Number == "" || len(p.IssueDate) != 10) {
		return web.Invalid("number", "plan.issued.needs_number")
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE plans SET status = $2, updated_at = $3 WHERE id = $1 AND status = $4`, id, to, db.FormatTime(s.now()), p.Status)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return web.Invalid("status", "plan.status.invalid")
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "plans", EntityID: audit.ID(id), UnitID: p.UnitID,
			Summary: "Trạng thái kế hoạch: " + string(p.Status) + " → " + string(to), Before: map[string]any{"status": p.Status}, After: map[string]any{"status": to}})
	})
}

// A PlanFilter narrows the plan list. A plan is listed when its issuer lies
// in one of ReadScopes (org.User.ReadScopes), or when one of its tasks is led
// by a unit in WorkScope (an officer sees the department plan their division
// works on).
type PlanFilter struct {
	ReadScopes  []string
	WorkScope   string
	Year        int
	UnitID      int64
	Query       string
	Status      PlanStatus
	DerivedFrom int64
	Page        int
	PerPage     int
}

// A PlanListItem is one row of the plan list.
type PlanListItem struct {
	ID          int64
	UnitID      int64
	UnitName    string
	Number      string
	Symbol      string
	Title       string
	Year        int
	IssueDate   string
	Status      PlanStatus
	DerivedFrom int64
	Tasks       int
}

// NumberSymbol as Plan's.
func (p PlanListItem) NumberSymbol() string {
	return Plan{Number: p.Number, Symbol: p.Symbol}.NumberSymbol()
}

// where builds a WHERE clause with $n placeholders in order.
type where struct {
	conds []string
	args  []any
}

// under is the condition "the unit path in col lies in the subtree at a
// scope" (the scope's path a prefix of it), to add with underArgs(scope).
// It is written without LIKE: SQLite compiles a statement again each time a
// LIKE pattern is bound to it (the pattern might be planned as a range),
// which was half the CPU of "my tasks" and the officer's home page. Unit
// paths are ASCII, so characters and bytes count alike.
func under(col string) string { return "substr(" + col + ", 1, ?) = ?" }

func underArgs(scope string) []any { return []any{len(scope), scope} }

func (w *where) add(cond string, args ...any) {
	for range args {
		cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(w.args)+1), 1)
		w.args = append(w.args, args[0])
		args = args[1:]
	}
	w.conds = append(w.conds, cond)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func (w *where) limit(page, perPage int) string {
	if perPage <= 0 {
		perPage = 50
	}
	if page <= 0 {
		page = 1
	}
	n := len(w.args)
	w.args = append(w.args, perPage+1, (page-1)*perPage)
	return fmt.Sprintf(" LIMIT $%d OFFSET $%d", n+1, n+2)
}

// Plans lists one page of plans, newest year first, and whether more follow.
func (s *Store) Plans(ctx context.Context, f PlanFilter) ([]PlanListItem, bool, error) {
	var w where
	var args []any
	scope := org.PathIn("u.path", f.ReadScopes, func(v any) string { args = append(args, v); return "?" })
	if f.WorkScope != "" {
		scope = "(" + scope + " OR EXISTS (SELECT 1 FROM tasks t JOIN units lu ON lu.id = t.lead_unit_id WHERE t.plan_id = p.id AND " + under("lu.path") + "))"
		args = append(args, underArgs(f.WorkScope)...)
	}
	w.add(scope, args...)
	if f.Year != 0 {
		w.add("p.year = ?", f.Year)
	}
	if f.UnitID != 0 {
		w.add("p.unit_id = ?", f.UnitID)
	}
	if f.Status != "" {
		w.add("p.status = ?", string(f.Status))
	}
	if f.DerivedFrom != 0 {
		w.add("p.derived_from = ?", f.DerivedFrom)
	}
	if q := vn.Fold(strings.TrimSpace(f.Query)); q != "" {
		w.add("(p.title_fold LIKE ? OR lower(p.number || '/' || p.symbol) LIKE ?)", "%"+q+"%", "%"+q+"%")
	}
	perPage := f.PerPage
	if perPage <= 0 {
		perPage = 50
	}
	query := `
SELECT p.id, p.unit_id, u.name, p.number, p.symbol, p.title, p.year, p.issue_date, p.status, COALESCE(p.derived_from, 0),
	(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id)
FROM plans p JOIN units u ON u.id = p.unit_id` + w.sql() + ` ORDER BY p.year DESC, p.id DESC` + w.limit(f.Page, perPage)
	rows, err := s.db.R.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, false, fmt.Errorf("plan: list: %w", err)
	}
	defer rows.Close()
	var out []PlanListItem
	for rows.Next() {
		var p PlanListItem
		if err := rows.Scan(&p.ID, &p.UnitID, &p.UnitName, &p.Number, &p.Symbol, &p.Title, &p.Year, &p.IssueDate, &p.Status, &p.DerivedFrom, &p.Tasks); err != nil {
			return nil, false, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	out, more := db.TrimPage(out, perPage)
	return out, more, nil
}
