package reception

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// MaskName hides a name for lists: the first letter of each word.
// MaskName("Nguyễn Văn An") = "N. V. A."
func MaskName(s string) string {
	var out []rune
	start := true
	for _, r := range s {
		switch {
		case r == ' ':
			start = true
		case start:
			if len(out) > 0 {
				out = append(out, ' ')
			}
			out = append(out, r, '.')
			start = false
		}
	}
	return string(out)
}

// sealed is the stored form of a Person.
type sealed struct {
	name, nameMasked, address, id, idMasked, phone, phoneMasked string
}

// seal encrypts p; a denouncer's masks stay empty, so that no list can
// show even their initials.
func (s *Store) seal(p Person, protected bool) (sealed, error) {
	var out sealed
	for _, f := range []struct {
		plain string
		dst   *string
	}{{p.Name, &out.name}, {p.Address, &out.address}, {p.IDNumber, &out.id}, {p.Phone, &out.phone}} {
		v, err := s.box.Seal(f.plain)
		if err != nil {
			return out, fmt.Errorf("reception: seal: %w", err)
		}
		*f.dst = v
	}
	if !protected {
		out.nameMasked, out.idMasked, out.phoneMasked = MaskName(p.Name), vn.MaskID(p.IDNumber), vn.MaskPhone(p.Phone)
	}
	return out, nil
}

// entryAudit is what the audit log keeps of an entry: never the person,
// only the entry's number, which leads to the sealed record.
func entryAudit(e Entry) map[string]any {
	return map[string]any{"number": e.Number(), "received_on": fmtDay(e.ReceivedOn), "channel": e.Channel, "kind": e.Kind,
		"anonymous": e.Anonymous, "people": e.People, "round": e.Round, "handling": e.Handling, "handling_to": e.HandlingTo,
		"handling_letter": e.HandlingLetter, "handled_on": fmtDay(e.HandledOn), "person": "sealed"}
}

// Number is the entry's number in the logbook: "12/2026".
func (e Entry) Number() string { return strconv.Itoa(e.Seq) + "/" + strconv.Itoa(e.Year) }

// CreateEntry writes a row of the logbook of e.UnitID, numbered next in
// the year of its receipt, with its audit entry; an accepted entry becomes
// a case with its deadlines in the same transaction. Bad fields come back
// as a *web.ValidationError and nothing is saved.
func (s *Store) CreateEntry(ctx context.Context, actor audit.Actor, e Entry) (int64, error) {
	unit, err := s.Unit(ctx, e.UnitID)
	if err != nil {
		return 0, err
	}
	if errs := e.Validate(s.Today(), unit.Name); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	if err := s.checkDossier(ctx, e, unit); err != nil {
		return 0, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return 0, err
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		return s.insertEntry(ctx, tx, actor, &e, "", cal)
	})
	return e.ID, err
}

// insertEntry writes a validated entry (and its case) in tx.
func (s *Store) insertEntry(ctx context.Context, tx *sql.Tx, actor audit.Actor, e *Entry, sourceKey string, cal Calendar) error {
	if e.Handling == Linked {
		if err := s.checkLinked(ctx, tx, *e); err != nil {
			return err
		}
	}
	p, err := s.seal(e.Person, e.Protected())
	if err != nil {
		return err
	}
	e.Year = day(e.ReceivedOn).Year()
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM reception_entries WHERE unit_id = $1 AND year = $2`, e.UnitID, e.Year).Scan(&e.Seq); err != nil {
		return fmt.Errorf("reception: number: %w", err)
	}
	var key sql.NullString
	if sourceKey != "" {
		key = sql.NullString{String: sourceKey, Valid: true}
	}
	var linked sql.NullInt64
	if e.LinkedEntryID != 0 {
		linked = sql.NullInt64{Int64: e.LinkedEntryID, Valid: true}
	}
	if e.LookupCode, err = newLookupCode(); err != nil {
		return err
	}
	now := db.FormatTime(s.now())
	err = tx.QueryRowContext(ctx, `
INSERT INTO reception_entries (unit_id, year, seq, received_on, channel, kind, anonymous, people, name_sealed, name_masked, address_sealed,
	id_sealed, id_masked, phone_sealed, phone_masked, summary, prior_agency, round, remote, handling, handling_to, handling_letter, handled_on,
	linked_entry_id, follow_up, note, dossier_code, source_key, search_fold, created_by, created_at, updated_at, lookup_code)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $31, $32)
RETURNING id`, e.UnitID, e.Year, e.Seq, fmtDay(e.ReceivedOn), string(e.Channel), string(e.Kind), boolInt(e.Anonymous), e.People,
		p.name, p.nameMasked, p.address, p.id, p.idMasked, p.phone, p.phoneMasked, e.Summary, e.PriorAgency, e.Round, boolInt(e.Remote),
		string(e.Handling), e.HandlingTo, e.HandlingLetter, fmtDay(e.HandledOn), linked, e.FollowUp, e.Note, e.DossierCode, key,
		searchFold(*e), actor.Username, now, e.LookupCode).Scan(&e.ID)
	if db.IsUniqueViolation(err) && sourceKey != "" {
		return web.Invalid("source_key", "reception.source_key.taken")
	}
	if err != nil {
		return fmt.Errorf("reception: insert entry: %w", err)
	}
	if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "reception_entries", EntityID: audit.ID(e.ID),
		UnitID: e.UnitID, Summary: "Sổ tiếp công dân số " + e.Number(), After: entryAudit(*e)}); err != nil {
		return err
	}
	if e.Handling == Accepted {
		return s.openCase(ctx, tx, actor, *e, cal)
	}
	return nil
}

// checkLinked: a duplicate is linked to an earlier entry of the same
// logbook.
func (s *Store) checkLinked(ctx context.Context, q db.Querier, e Entry) error {
	var unitID int64
	err := q.QueryRowContext(ctx, `SELECT unit_id FROM reception_entries WHERE id = $1`, e.LinkedEntryID).Scan(&unitID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && unitID != e.UnitID) {
		return web.Invalid("linked_entry", "reception.linked_entry.unknown")
	}
	return err
}

// openCase makes an accepted entry a case: its rule by kind, round and day
// of receipt, its deadline from the day of acceptance.
func (s *Store) openCase(ctx context.Context, tx *sql.Tx, actor audit.Actor, e Entry, cal Calendar) error {
	rule, err := s.rules.For(e.Kind, e.Round, e.ReceivedOn)
	if errors.Is(err, ErrNoRule) {
		return web.Invalid("received_on", "reception.rule.none")
	}
	if err != nil {
		return err
	}
	c := Case{EntryID: e.ID, UnitID: e.UnitID, Kind: e.Kind, Round: e.Round, Remote: e.Remote, ReceivedOn: e.ReceivedOn,
		AcceptedOn: e.HandledOn, Status: StAccepted}
	c.Due = rule.ResolveDue(c.facts(), cal)
	now := db.FormatTime(s.now())
	if err := tx.QueryRowContext(ctx, `
INSERT INTO reception_cases (entry_id, unit_id, kind, round, remote, received_on, accepted_on, due_on, status, open, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'accepted', 1, $9, $9) RETURNING id`, e.ID, e.UnitID, string(e.Kind), e.Round, boolInt(e.Remote),
		fmtDay(e.ReceivedOn), fmtDay(c.AcceptedOn), fmtDay(c.Due), now).Scan(&c.ID); err != nil {
		return fmt.Errorf("reception: open case: %w", err)
	}
	delta := map[foldKey]foldDay{}
	caseFold(c).fold(delta, 1)
	if err := applyFold(ctx, tx, delta); err != nil {
		return err
	}
	if err := s.event(ctx, tx, actor, c.ID, c.AcceptedOn, string(StAccepted), "Hạn giải quyết "+vn.FormatDate(c.Due)); err != nil {
		return err
	}
	return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "reception_cases", EntityID: audit.ID(c.ID), UnitID: c.UnitID,
		Summary: "Thụ lý vụ việc, sổ số " + e.Number(), After: map[string]any{"entry_id": e.ID, "kind": c.Kind, "accepted_on": fmtDay(c.AcceptedOn), "due_on": fmtDay(c.Due)}})
}

// event appends a step to a case's timeline.
func (s *Store) event(ctx context.Context, tx *sql.Tx, actor audit.Actor, caseID int64, on time.Time, step, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO reception_events (case_id, on_day, step, note, actor, at) VALUES ($1, $2, $3, $4, $5, $6)`,
		caseID, fmtDay(on), step, note, actor.Username, db.FormatTime(s.now()))
	if err != nil {
		return fmt.Errorf("reception: event: %w", err)
	}
	return nil
}

// Decision is what the desk decides for a pending entry.
type Decision struct {
	Handling       Handling
	HandlingTo     string
	HandlingLetter string
	HandledOn      time.Time
	LinkedEntryID  int64
}

// Handle records the desk's decision on a pending entry; accepting it
// opens its case. Only a pending entry can be decided: a decision once
// recorded is corrected by the case's own steps.
func (s *Store) Handle(ctx context.Context, actor audit.Actor, entryID int64, d Decision) error {
	e, err := s.Entry(ctx, entryID)
	if err != nil {
		return err
	}
	unit, err := s.Unit(ctx, e.UnitID)
	if err != nil {
		return err
	}
	if e.Handling != Pending {
		return web.Invalid("handling", "reception.handling.decided")
	}
	before := entryAudit(e)
	e.Handling, e.HandlingTo, e.HandlingLetter, e.HandledOn, e.LinkedEntryID = d.Handling, d.HandlingTo, d.HandlingLetter, d.HandledOn, d.LinkedEntryID
	errs := web.FieldErrors{}
	e.validateHandling(errs, s.Today(), unit.Name)
	if d.Handling == Pending {
		errs.Add("handling", "reception.handling.invalid")
	}
	if errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if e.Handling == Linked {
			if err := s.checkLinked(ctx, tx, e); err != nil {
				return err
			}
		}
		var linked sql.NullInt64
		if e.LinkedEntryID != 0 {
			linked = sql.NullInt64{Int64: e.LinkedEntryID, Valid: true}
		}
		res, err := tx.ExecContext(ctx, `UPDATE reception_entries SET handling = $2, handling_to = $3, handling_letter = $4, handled_on = $5,
	linked_entry_id = $6, search_fold = $7, updated_at = $8 WHERE id = $1 AND handling = 'pending'`, e.ID, string(e.Handling), e.HandlingTo,
			e.HandlingLetter, fmtDay(e.HandledOn), linked, searchFold(e), db.FormatTime(s.now()))
		if err != nil {
			return fmt.Errorf("reception: handle %d: %w", e.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return web.Invalid("handling", "reception.handling.decided")
		}
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "reception_entries", EntityID: audit.ID(e.ID),
			UnitID: e.UnitID, Summary: "Xử lý đơn, sổ số " + e.Number(), Before: before, After: entryAudit(e)}); err != nil {
			return err
		}
		if e.Handling == Accepted {
			return s.openCase(ctx, tx, actor, e, cal)
		}
		return nil
	})
}

// entryColumns are read by scanEntry: never the sealed columns.
const entryColumns = `SELECT e.id, e.unit_id, u.name, e.year, e.seq, e.received_on, e.channel, e.kind, e.anonymous, e.people, e.name_masked,
e.id_masked, e.phone_masked, e.summary, e.prior_agency, e.round, e.remote, e.handling, e.handling_to, e.handling_letter, e.handled_on,
COALESCE(e.linked_entry_id, 0), e.follow_up, e.note, e.dossier_code, COALESCE(c.id, 0), COALESCE(e.lookup_code, '')
FROM reception_entries e JOIN units u ON u.id = e.unit_id LEFT JOIN reception_cases c ON c.entry_id = e.id `

func scanEntry(sc interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var ds dayScanner
	var channel, kind, handling string
	var anon, remote int
	err := sc.Scan(&e.ID, &e.UnitID, &e.UnitName, &e.Year, &e.Seq, ds.day(&e.ReceivedOn), &channel, &kind, &anon, &e.People, &e.NameMasked,
		&e.IDMasked, &e.PhoneMasked, &e.Summary, &e.PriorAgency, &e.Round, &remote, &handling, &e.HandlingTo, &e.HandlingLetter, ds.day(&e.HandledOn),
		&e.LinkedEntryID, &e.FollowUp, &e.Note, &e.DossierCode, &e.CaseID, &e.LookupCode)
	if err != nil {
		return e, err
	}
	e.Channel, e.Kind, e.Handling = Channel(channel), Kind(kind), Handling(handling)
	e.Anonymous, e.Remote = anon == 1, remote == 1
	return e, ds.parse()
}

// Entry returns one row of the logbook, its personal data masked.
func (s *Store) Entry(ctx context.Context, id int64) (Entry, error) {
	e, err := scanEntry(s.db.R.QueryRowContext(ctx, entryColumns+"WHERE e.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("reception: entry %d: %w", id, ErrNotFound)
	}
	return e, err
}

// EntryFilter selects rows of the logbook.
type EntryFilter struct {
	Scope    string // a unit path: the unit and its subtree
	UnitID   int64  // one unit only, when set
	Kind     Kind
	Handling Handling
	From, To time.Time
	Query    string // words of the summary, agencies, letters, number; diacritics ignored
	Page     int
	PerPage  int
}

// Entries lists rows of the logbook, latest first, a page at a time; more
// says whether another page follows.
func (s *Store) Entries(ctx context.Context, f EntryFilter) ([]Entry, bool, error) {
	where, args := []string{}, []any{}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.UnitID != 0 {
		add("e.unit_id = $%d", f.UnitID)
	} else {
		add(`e.unit_id IN (SELECT id FROM units WHERE path LIKE $%d ESCAPE '\')`, escapeLike(f.Scope)+"%")
	}
	if f.Kind != "" {
		add("e.kind = $%d", string(f.Kind))
	}
	if f.Handling != "" {
		add("e.handling = $%d", string(f.Handling))
	}
	if !f.From.IsZero() {
		add("e.received_on >= $%d", fmtDay(f.From))
	}
	if !f.To.IsZero() {
		add("e.received_on <= $%d", fmtDay(f.To))
	}
	for _, w := range splitWords(f.Query) {
		add(`e.search_fold LIKE $%d ESCAPE '\'`, "%"+escapeLike(w)+"%")
	}
	page, per := pageOf(f.Page, f.PerPage)
	// The page's ids first, then their rows with the joins (see Cases).
	q := entryColumns + "WHERE e.id IN (SELECT e.id FROM reception_entries e WHERE " + strings.Join(where, " AND ") +
		fmt.Sprintf(" ORDER BY e.received_on DESC, e.id DESC LIMIT %d OFFSET %d) ORDER BY e.received_on DESC, e.id DESC", per+1, (page-1)*per)
	rows, err := s.db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("reception: entries: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, false, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(out) > per {
		return out[:per], true, nil
	}
	return out, false, nil
}

// splitWords folds a query into its words.
func splitWords(q string) []string { return strings.Fields(vn.Fold(q)) }

func pageOf(page, per int) (int, int) {
	if page < 1 {
		page = 1
	}
	if per < 1 || per > 500 {
		per = 50
	}
	return page, per
}
