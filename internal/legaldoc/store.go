package legaldoc

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the register's tables; they refer to the
// organisation's units.
var Migrations = db.NewModule("legaldoc", migrationsFS, "migrations")

// Store reads and writes the register.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore makes a Store; now may be nil (time.Now).
func NewStore(d *db.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, now: now}
}

// Today is the store clock's date in Vietnam.
func (s *Store) Today() time.Time { return day(s.now()) }

// Unit is a unit as the register needs it: whose register, under which
// parent body (the document header's first line).
type Unit struct {
	ID         int64
	Code       string
	Name       string
	ShortName  string
	Path       string
	ParentName string
}

const unitColumns = `SELECT u.id, u.code, u.name, u.short_name, u.path, COALESCE(p.name, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id `

func scanUnit(row *sql.Row) (Unit, error) {
	var u Unit
	err := row.Scan(&u.ID, &u.Code, &u.Name, &u.ShortName, &u.Path, &u.ParentName)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	return u, err
}

// Unit returns the unit with id.
func (s *Store) Unit(ctx context.Context, id int64) (Unit, error) {
	return scanUnit(s.db.R.QueryRowContext(ctx, unitColumns+"WHERE u.id = $1", id))
}

// UnitByCode returns the unit with an electronic code.
func (s *Store) UnitByCode(ctx context.Context, code string) (Unit, error) {
	return scanUnit(s.db.R.QueryRowContext(ctx, unitColumns+"WHERE u.code = $1", code))
}

// Units lists the units under scope (a path prefix) that keep a register,
// or every unit of scope when none does yet.
func (s *Store) Units(ctx context.Context, scope string) ([]Unit, error) {
	rows, err := s.db.R.QueryContext(ctx, unitColumns+`WHERE u.path LIKE $1 ESCAPE '\' AND u.valid_to IS NULL ORDER BY u.path`, escapeLike(scope)+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.ShortName, &u.Path, &u.ParentName); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// escapeLike escapes the LIKE wildcards in s.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// fmtDay stores a day; "" for the zero time.
func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return db.FormatDate(day(t))
}

// parseDay reads a stored day; the zero time for "". The stored form is
// always YYYY-MM-DD, read here digit by digit: the status of a whole
// register reads tens of thousands of them.
func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		n := func(b string) int {
			v := 0
			for i := 0; i < len(b); i++ {
				c := b[i]
				if c < '0' || c > '9' {
					return -1
				}
				v = v*10 + int(c-'0')
			}
			return v
		}
		y, m, d := n(s[:4]), n(s[5:7]), n(s[8:])
		if y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			return Day(y, time.Month(m), d), nil
		}
	}
	return db.ParseDate(s, vn.Location())
}

// searchFold is what the search box matches: number, type, title, issuer
// and field without diacritics.
func searchFold(d Document) string {
	return strings.Join(strings.Fields(vn.Fold(strings.Join([]string{d.Number, d.Type, d.Title, d.IssuingBody, d.Field, d.Signer}, " "))), " ")
}

// dayScanner collects the date columns of a row and parses them after Scan.
type dayScanner struct {
	raw  []*string
	dest []*time.Time
}

// day returns a Scan destination for a date column that lands in t.
func (ds *dayScanner) day(t *time.Time) any {
	p := new(string)
	ds.raw = append(ds.raw, p)
	ds.dest = append(ds.dest, t)
	return p
}

func (ds *dayScanner) parse() error {
	for i, s := range ds.raw {
		t, err := parseDay(*s)
		if err != nil {
			return err
		}
		*ds.dest[i] = t
	}
	return nil
}

// documentColumns are read by scanDocument.
const documentColumns = `d.id, d.unit_id, u.name, d.number, d.doc_type, d.title, d.issuing_body, d.signer, d.field, d.issued_on,
d.effective_from, d.expires_on, d.expiry_reason, d.expired_on, COALESCE(d.expired_by, 0), d.expired_reason, d.partly_from`

const documentFrom = ` FROM legal_documents d JOIN units u ON u.id = d.unit_id`

func scanDocument(sc interface{ Scan(...any) error }) (Document, error) {
	var d Document
	var ds dayScanner
	t := &d.Timeline
	err := sc.Scan(&d.ID, &d.UnitID, &d.UnitName, &d.Number, &d.Type, &d.Title, &d.IssuingBody, &d.Signer, &d.Field, ds.day(&d.IssuedOn),
		ds.day(&d.EffectiveFrom), ds.day(&d.ExpiresOn), &d.ExpiryReason, ds.day(&t.ExpiredOn), &t.ExpiredBy, &t.ExpiredReason, ds.day(&t.PartlyFrom))
	if err != nil {
		return d, err
	}
	if err := ds.parse(); err != nil {
		return d, err
	}
	t.EffectiveFrom = d.EffectiveFrom
	return d, nil
}

// Document returns one document with its derived timeline (suspensions
// included).
func (s *Store) Document(ctx context.Context, id int64) (Document, error) {
	d, err := scanDocument(s.db.R.QueryRowContext(ctx, "SELECT "+documentColumns+documentFrom+" WHERE d.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("legaldoc: document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("legaldoc: document %d: %w", id, err)
	}
	rels, err := s.Relations(ctx, id)
	if err != nil {
		return d, err
	}
	for _, r := range rels {
		if r.Kind == Suspends && r.TargetID == id {
			d.Timeline.Suspensions = append(d.Timeline.Suspensions, Span{From: r.EffectiveOn, To: r.Until})
		}
	}
	return d, nil
}

// UnitPath is the path of the unit that keeps document id.
func (s *Store) UnitPath(ctx context.Context, id int64) (string, error) {
	var path string
	err := s.db.R.QueryRowContext(ctx, `SELECT u.path FROM legal_documents d JOIN units u ON u.id = d.unit_id WHERE d.id = $1`, id).Scan(&path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return path, err
}

// relationColumns are read by scanRelation: the relation and both sides.
const relationColumns = `SELECT r.id, r.source_id, r.target_id, r.kind, r.provisions, r.starts_on, r.until_on, r.effective_on,
s.number, s.doc_type, s.title, s.issued_on, s.effective_from, t.number, t.doc_type, t.title, t.issued_on, t.effective_from
FROM legal_relations r JOIN legal_documents s ON s.id = r.source_id JOIN legal_documents t ON t.id = r.target_id `

func scanRelation(sc interface{ Scan(...any) error }) (Relation, error) {
	var r Relation
	var kind string
	var ds dayScanner
	err := sc.Scan(&r.ID, &r.SourceID, &r.TargetID, &kind, &r.Provisions, ds.day(&r.StartsOn), ds.day(&r.Until), ds.day(&r.EffectiveOn),
		&r.Source.Number, &r.Source.Type, &r.Source.Title, ds.day(&r.Source.IssuedOn), ds.day(&r.Source.EffectiveFrom),
		&r.Target.Number, &r.Target.Type, &r.Target.Title, ds.day(&r.Target.IssuedOn), ds.day(&r.Target.EffectiveFrom))
	if err != nil {
		return r, err
	}
	r.Kind = RelationKind(kind)
	r.Source.ID, r.Target.ID = r.SourceID, r.TargetID
	return r, ds.parse()
}

// Relations lists the relations a document takes part in, either side,
// in the order they took effect.
func (s *Store) Relations(ctx context.Context, docID int64) ([]Relation, error) {
	rows, err := s.db.R.QueryContext(ctx, relationColumns+`WHERE r.source_id = $1 OR r.target_id = $1 ORDER BY r.effective_on, r.id`, docID)
	if err != nil {
		return nil, fmt.Errorf("legaldoc: relations of %d: %w", docID, err)
	}
	defer rows.Close()
	var out []Relation
	for rows.Next() {
		r, err := scanRelation(rows)
		if err != nil {
			return nil, fmt.Errorf("legaldoc: relations of %d: %w", docID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Relation returns one relation.
func (s *Store) Relation(ctx context.Context, id int64) (Relation, error) {
	r, err := scanRelation(s.db.R.QueryRowContext(ctx, relationColumns+`WHERE r.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("legaldoc: relation %d: %w", id, ErrNotFound)
	}
	return r, err
}

// DocumentByNumber finds a document of a unit's register by its number and
// symbol, however it is typed (NumberKey).
func (s *Store) DocumentByNumber(ctx context.Context, unitID int64, number string) (Document, error) {
	d, err := scanDocument(s.db.R.QueryRowContext(ctx, "SELECT "+documentColumns+documentFrom+" WHERE d.unit_id = $1 AND d.number_key = $2", unitID, NumberKey(number)))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("legaldoc: document %q: %w", number, ErrNotFound)
	}
	return d, err
}
