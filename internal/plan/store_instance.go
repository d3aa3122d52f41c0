package plan

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// overdueSQL is Overdue written in SQL over task_instances i with today as
// the placeholder given: past its due day, neither accepted nor cancelled,
// and not submitted on or before the due day. A test checks it against
// Overdue on every status.
func overdueSQL(today string) string {
	return `(i.status NOT IN ('accepted', 'cancelled') AND i.due_date < ` + today +
		` AND NOT (i.status = 'submitted' AND i.submitted_on IS NOT NULL AND i.submitted_on <= i.due_date))`
}

// dueSoonSQL is DueSoon in SQL: still waiting for the unit's work and due
// between today and until.
func dueSoonSQL(today, until string) string {
	return `(i.status IN ('not_started', 'in_progress', 'returned') AND i.due_date >= ` + today + ` AND i.due_date <= ` + until + `)`
}

// DueSoonDays is how far ahead "due soon" looks on pages and in reminders.
const DueSoonDays = 7

const selectInstanceColumns = `
SELECT i.id, i.task_id, i.plan_id, i.lead_unit_id, i.period, i.due_date, i.status, i.percent, i.submitted_on, i.updated_at,
	t.text, s.dimension, u.name, u.path, p.title, pu.path, t.due_text
FROM task_instances i
JOIN tasks t ON t.id = i.task_id
JOIN plan_sections s ON s.id = t.section_id
JOIN units u ON u.id = i.lead_unit_id
JOIN plans p ON p.id = i.plan_id
JOIN units pu ON pu.id = p.unit_id`

func scanInstance(sc interface{ Scan(...any) error }, today time.Time) (TaskInstance, error) {
	var ti TaskInstance
	var due, updated string
	var submitted sql.NullString
	if err := sc.Scan(&ti.ID, &ti.TaskID, &ti.PlanID, &ti.LeadUnitID, &ti.Period, &due, &ti.Status, &ti.Percent, &submitted, &updated,
		&ti.TaskText, &ti.Dimension, &ti.LeadUnitName, &ti.LeadUnitPath, &ti.PlanTitle, &ti.PlanUnitPath, &ti.DueText); err != nil {
		return ti, err
	}
	// A row an older version or a hand edit left unreadable is kept in the
	// list with its problem: one bad row must not take the page down.
	var probs []string
	ti.Due = storedDate(due, "hạn", &probs)
	if submitted.Valid && submitted.String != "" {
		ti.SubmittedOn = storedDate(submitted.String, "ngày nộp", &probs)
	}
	if t, err := db.ParseTime(updated); err == nil {
		ti.UpdatedAt = t
	} else {
		probs = append(probs, badStored("thời điểm cập nhật", updated))
	}
	if len(probs) > 0 {
		ti.Problem = strings.Join(probs, "; ")
		return ti, nil
	}
	ti.Overdue = Overdue(ti.Instance(), today)
	ti.DueSoon = DueSoon(ti.Instance(), today, DueSoonDays)
	return ti, nil
}

// storedDate reads a stored YYYY-MM-DD date of a plan row; one that does not
// read, or lies outside the years plans are about, is the zero time with
// its problem added to probs.
func storedDate(s, what string, probs *[]string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || t.Year() < minPlanYear || t.Year() > maxPlanYear+1 {
		*probs = append(*probs, badStored(what, s))
		return time.Time{}
	}
	return t
}

// badStored describes a stored value that cannot be read, in Vietnamese,
// with the value itself so that whoever repairs the row finds it.
func badStored(what, value string) string {
	return "Dữ liệu lưu bị hỏng: " + what + " “" + value + "” không đọc được, hãy sửa lại nhiệm vụ"
}

// Instance returns one instance with its task's text and units.
func (s *Store) Instance(ctx context.Context, id int64) (TaskInstance, error) {
	ti, err := scanInstance(s.db.R.QueryRowContext(ctx, selectInstanceColumns+` WHERE i.id = $1`, id), s.Today())
	if errors.Is(err, sql.ErrNoRows) {
		return ti, fmt.Errorf("instance %d: %w", id, ErrNotFound)
	}
	return ti, err
}

// An InstanceFilter narrows an instance list.
type InstanceFilter struct {
	PlanID    int64
	TaskID    int64
	LeadScope string // lead unit path prefix
	ReadScope string // plan issuer path prefix, for lists across plans
	UnitID    int64  // exactly this lead unit
	Assignee  int64  // tasks assigned to this user
	Status    []Status
	Open      bool // not accepted nor cancelled
	Overdue   bool // derived on Today
	DueSoon   bool
	DueFrom   time.Time
	DueTo     time.Time
	Period    string
	Query     string
	ByUnit    bool // order by lead unit, then due date
	Page      int
	PerPage   int
}

// Instances lists one page of instances by due date, and whether more
// follow.
func (s *Store) Instances(ctx context.Context, f InstanceFilter) ([]TaskInstance, bool, error) {
	today := s.Today()
	var w where
	if f.PlanID != 0 {
		w.add("i.plan_id = ?", f.PlanID)
	}
	if f.TaskID != 0 {
		w.add("i.task_id = ?", f.TaskID)
	}
	if f.UnitID != 0 {
		w.add("i.lead_unit_id = ?", f.UnitID)
	}
	// Both conditions are IN lists so that each can use an index
	// (task_instances_lead_due; task_instances_task_period). The lists are
	// read first and given as values: PostgreSQL cannot tell how few rows a
	// subquery's list selects, and walked the province's 240,000 instances
	// in due order for an officer who had none (0.6 s).
	if f.LeadScope != "" { // the assignee counts only beside a scope
		mine, err := s.instanceScope(ctx, f.LeadScope, f.Assignee)
		if err != nil || mine.cond == "" {
			return nil, false, err
		}
		w.add(mine.cond, mine.args...)
	}
	if f.ReadScope != "" {
		w.add(under("pu.path"), underArgs(f.ReadScope)...)
	}
	if len(f.Status) > 0 {
		ph := make([]string, len(f.Status))
		for i := range ph {
			ph[i] = "?"
		}
		args := make([]any, len(f.Status))
		for i, st := range f.Status {
			args[i] = string(st)
		}
		w.add("i.status IN ("+strings.Join(ph, ", ")+")", args...)
	}
	if f.Open {
		w.add("i.status NOT IN ('accepted', 'cancelled')")
	}
	if f.Overdue {
		w.add(overdueSQL("?"), db.FormatDate(today))
	}
	if f.DueSoon {
		w.add(dueSoonSQL("?", "?"), db.FormatDate(today), db.FormatDate(today.AddDate(0, 0, DueSoonDays)))
	}
	if !f.DueFrom.IsZero() {
		w.add("i.due_date >= ?", db.FormatDate(f.DueFrom))
	}
	if !f.DueTo.IsZero() {
		w.add("i.due_date <= ?", db.FormatDate(f.DueTo))
	}
	if f.Period != "" {
		w.add("i.period = ?", f.Period)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		w.add("t.text_fold LIKE ?", "%"+foldQuery(q)+"%")
	}
	perPage := f.PerPage
	if perPage <= 0 {
		perPage = 50
	}
	order := ` ORDER BY i.due_date, i.id`
	switch {
	case f.ByUnit:
		order = ` ORDER BY u.sort_key, u.id, i.due_date, i.id`
	case f.LeadScope != "" && f.PlanID == 0:
		// A unit's lists across plans (homes, my tasks): PostgreSQL cannot
		// tell how few of the province's instances a division leads, and
		// walked task_instances_due in due order under the LIMIT (716 ms,
		// 240,000 rows filtered out, for a division with none overdue). An
		// order by an expression leaves it no index order to walk: it reads
		// the division's own rows (task_instances_lead_due) and sorts them,
		// 3.5 ms. Due dates are YYYY-MM-DD text, so the order is the same.
		order = ` ORDER BY i.due_date || '', i.id`
	}
	rows, err := s.db.R.QueryContext(ctx, selectInstanceColumns+w.sql()+order+w.limit(f.Page, perPage), w.args...)
	if err != nil {
		return nil, false, fmt.Errorf("plan: list instances: %w", err)
	}
	return scanInstancePage(rows, today, perPage)
}

// scanInstancePage reads the instances of a query that asked for one more
// than perPage, and closes rows; more tells whether that one came.
func scanInstancePage(rows *sql.Rows, today time.Time, perPage int) (page []TaskInstance, more bool, err error) {
	defer rows.Close()
	for rows.Next() {
		ti, err := scanInstance(rows, today)
		if err != nil {
			return nil, false, err
		}
		page = append(page, ti)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	page, more = db.TrimPage(page, perPage)
	return page, more, nil
}

// An UpdateInput is progress posted on an instance by its unit.
type UpdateInput struct {
	Text    string   `json:"text"`
	Percent int      `json:"percent"`
	Submit  bool     `json:"submit"` // report the work done, for the focal office to review
	Files   []Upload `json:"-"`
}

// EvidencePath is where a file with the given SHA-256 lives on disk.
func (s *Store) EvidencePath(sum string) string {
	return filepath.Join(s.dataDir, "evidence", sum[:2], sum)
}

// saveFile writes data under its SHA-256 and returns the sum. Writing first
// and recording in the transaction after is safe: a failed transaction
// leaves at most an unreferenced file, never a row without its file.
func (s *Store) saveFile(data []byte) (string, error) {
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	path := s.EvidencePath(sum)
	if _, err := os.Stat(path); err == nil {
		return sum, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return "", fmt.Errorf("plan: evidence directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return "", fmt.Errorf("plan: evidence file: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", fmt.Errorf("plan: evidence write: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return sum, nil
}

const (
	insertUpdate   = `INSERT INTO task_updates (instance_id, kind, text, percent, author_id, author, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
	insertEvidence = `INSERT INTO evidence_files (update_id, instance_id, name, content_type, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
)

// PostUpdate records progress on an instance, with its evidence files, and
// moves it to in progress or (Submit) submitted. Files of the wrong type
// (by content) or too large are refused with a field error and nothing is
// saved.
func (s *Store) PostUpdate(ctx context.Context, actor audit.Actor, instanceID int64, in UpdateInput) (int64, error) {
	inst, err := s.Instance(ctx, instanceID)
	if err != nil {
		return 0, err
	}
	errs := web.FieldErrors{}
	in.Text = strings.TrimSpace(in.Text)
	if in.Text == "" {
		errs.Add("text", "plan.update.text.required")
	}
	if in.Percent < 0 || in.Percent > 100 {
		errs.Add("percent", "plan.update.percent.invalid")
	}
	errs.Paragraph("text", in.Text)
	for _, f := range in.Files {
		errs.Line("files", f.Name)
	}
	to := InProgress
	if in.Submit {
		to = Submitted
	}
	if inst.Status != to && !CanTransition(inst.Status, to) {
		errs.Add("status", "plan.update.closed")
	}
	types := make([]string, len(in.Files))
	for i, f := range in.Files {
		ct, err := CheckEvidence(f.Data)
		switch {
		case errors.Is(err, ErrEvidenceSize):
			errs.Add("files", "plan.evidence.too_large")
		case err != nil:
			errs.Add("files", "plan.evidence.type")
		}
		types[i] = ct
	}
	if errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	sums := make([]string, len(in.Files))
	for i, f := range in.Files {
		if sums[i], err = s.saveFile(f.Data); err != nil {
			return 0, err
		}
	}
	percent := in.Percent
	if in.Submit && percent == 0 {
		percent = 100
	}
	var id int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		kind := UpdateProgress
		if in.Submit {
			kind = UpdateSubmit
		}
		if err := tx.QueryRowContext(ctx, insertUpdate, instanceID, kind, in.Text, percent, nullID(actor.UserID), actor.Username, db.FormatTime(now)).Scan(&id); err != nil {
			return fmt.Errorf("plan: insert update: %w", err)
		}
		for i, f := range in.Files {
			var eid int64
			if err := tx.QueryRowContext(ctx, insertEvidence, id, instanceID, cleanName(f.Name, types[i]), types[i], len(f.Data), sums[i], db.FormatTime(now)).Scan(&eid); err != nil {
				return fmt.Errorf("plan: insert evidence: %w", err)
			}
		}
		submitted := sql.NullString{}
		if in.Submit {
			submitted = sql.NullString{String: db.FormatDate(s.Today()), Valid: true}
		}
		// The status guard makes a concurrent review and update conflict
		// visibly instead of one silently overwriting the other.
		res, err := tx.ExecContext(ctx, `UPDATE task_instances SET status = $2, percent = $3, submitted_on = COALESCE($4, submitted_on), updated_at = $5 WHERE id = $1 AND status = $6`,
			instanceID, to, percent, submitted, db.FormatTime(now), inst.Status)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return web.Invalid("status", "plan.update.conflict")
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: string(kind), Entity: "task_instances", EntityID: audit.ID(instanceID), UnitID: inst.LeadUnitID,
			Summary: fmt.Sprintf("Cập nhật tiến độ %d%%, %d tệp minh chứng", percent, len(in.Files)),
			Before:  map[string]any{"status": inst.Status, "percent": inst.Percent},
			After:   map[string]any{"status": to, "percent": percent, "text": in.Text, "files": sums}})
	})
	return id, err
}

// cleanName keeps a file name that is safe to offer back for download.
func cleanName(name, contentType string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == '"' || r == '/' || r == 127 {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." {
		name = "minh-chung"
	}
	if ext := EvidenceExt(contentType); !strings.HasSuffix(strings.ToLower(name), ext) {
		name += ext
	}
	if len(name) > 200 {
		name = name[len(name)-200:]
	}
	return name
}

// Review accepts or returns a submitted instance with a comment. Returning
// needs a comment: the unit must know what to fix.
func (s *Store) Review(ctx context.Context, actor audit.Actor, instanceID int64, accept bool, comment string) error {
	inst, err := s.Instance(ctx, instanceID)
	if err != nil {
		return err
	}
	comment = strings.TrimSpace(comment)
	errs := web.FieldErrors{}
	if errs.Paragraph("comment", comment); errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	to, kind := Accepted, UpdateAccept
	if !accept {
		to, kind = Returned, UpdateReturn
		if comment == "" {
			return web.Invalid("comment", "plan.review.comment.required")
		}
	}
	if !CanTransition(inst.Status, to) {
		return web.Invalid("status", "plan.review.not_submitted")
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := db.FormatTime(s.now())
		var id int64
		if err := tx.QueryRowContext(ctx, insertUpdate, instanceID, kind, comment, nil, nullID(actor.UserID), actor.Username, now).Scan(&id); err != nil {
			return err
		}
		percent := inst.Percent
		if accept {
			percent = 100
		}
		res, err := tx.ExecContext(ctx, `UPDATE task_instances SET status = $2, percent = $3, updated_at = $4 WHERE id = $1 AND status = $5`, instanceID, to, percent, now, inst.Status)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return web.Invalid("status", "plan.update.conflict")
		}
		if !accept {
			if err := notifyReturnedTx(ctx, tx, inst, comment, now); err != nil {
				return err
			}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: string(kind), Entity: "task_instances", EntityID: audit.ID(instanceID), UnitID: inst.LeadUnitID,
			Summary: map[bool]string{true: "Chấp nhận kết quả", false: "Trả lại: " + comment}[accept],
			Before:  map[string]any{"status": inst.Status}, After: map[string]any{"status": to, "comment": comment}})
	})
}

// SetInstanceStatus cancels an instance (a period the plan dropped).
func (s *Store) CancelInstance(ctx context.Context, actor audit.Actor, instanceID int64, reason string) error {
	inst, err := s.Instance(ctx, instanceID)
	if err != nil {
		return err
	}
	if !CanTransition(inst.Status, Cancelled) {
		return web.Invalid("status", "plan.update.closed")
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := db.FormatTime(s.now())
		if _, err := tx.ExecContext(ctx, insertUpdate+``, instanceID, UpdateCancel, strings.TrimSpace(reason), nil, nullID(actor.UserID), actor.Username, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE task_instances SET status = 'cancelled', updated_at = $2 WHERE id = $1`, instanceID, now); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "cancel", Entity: "task_instances", EntityID: audit.ID(instanceID), UnitID: inst.LeadUnitID,
			Summary: "Huỷ kỳ thực hiện", Before: map[string]any{"status": inst.Status}, After: map[string]any{"status": Cancelled, "reason": reason}})
	})
}

// Updates returns the timeline of an instance, oldest first, with evidence.
func (s *Store) Updates(ctx context.Context, instanceID int64) ([]Update, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, instance_id, kind, text, percent, COALESCE(author_id, 0), author, at FROM task_updates WHERE instance_id = $1 ORDER BY at, id`, instanceID)
	if err != nil {
		return nil, err
	}
	var out []Update
	idx := map[int64]int{}
	for rows.Next() {
		var u Update
		var pct sql.NullInt64
		var at string
		if err := rows.Scan(&u.ID, &u.InstanceID, &u.Kind, &u.Text, &pct, &u.AuthorID, &u.Author, &at); err != nil {
			rows.Close()
			return nil, err
		}
		u.Percent, u.HasPercent = int(pct.Int64), pct.Valid
		if u.At, err = db.ParseTime(at); err != nil {
			rows.Close()
			return nil, err
		}
		idx[u.ID] = len(out)
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ev, err := s.evidenceOf(ctx, `instance_id = $1`, instanceID)
	if err != nil {
		return nil, err
	}
	for _, e := range ev {
		if i, ok := idx[e.UpdateID]; ok {
			out[i].Evidence = append(out[i].Evidence, e)
		}
	}
	return out, nil
}

func (s *Store) evidenceOf(ctx context.Context, cond string, arg any) ([]Evidence, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, update_id, instance_id, name, content_type, size, sha256, created_at FROM evidence_files WHERE `+cond+` ORDER BY id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Evidence
	for rows.Next() {
		var e Evidence
		var at string
		if err := rows.Scan(&e.ID, &e.UpdateID, &e.InstanceID, &e.Name, &e.ContentType, &e.Size, &e.SHA256, &at); err != nil {
			return nil, err
		}
		if e.CreatedAt, err = db.ParseTime(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EvidenceFile returns one evidence file's record.
func (s *Store) EvidenceFile(ctx context.Context, id int64) (Evidence, error) {
	ev, err := s.evidenceOf(ctx, `id = $1`, id)
	if err != nil {
		return Evidence{}, err
	}
	if len(ev) == 0 {
		return Evidence{}, fmt.Errorf("evidence %d: %w", id, ErrNotFound)
	}
	return ev[0], nil
}

// OverdueByUnit lists one page of a plan's overdue instances, grouped by
// lead unit in Vietnamese order.
func (s *Store) OverdueByUnit(ctx context.Context, planID int64, scope string, page, perPage int) ([]TaskInstance, bool, error) {
	return s.Instances(ctx, InstanceFilter{PlanID: planID, LeadScope: scope, Overdue: true, ByUnit: true, Page: page, PerPage: perPage})
}
