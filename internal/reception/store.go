package reception

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/platform/secret"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the register's tables; they refer to the
// organisation's units and users.
var Migrations = db.NewModule("reception", migrationsFS, "migrations")

// Store reads and writes the register.
type Store struct {
	db       *db.DB
	box      *secret.Box
	rules    Rules
	calendar func(context.Context) (Calendar, error)
	now      func() time.Time
	dossiers Dossiers
}

// Dossiers answers whether a dossier code names a dossier of a unit's
// subtree: the procedures' register, which cmd/papihub wires in
// (WithDossiers), so that an entry can only name a dossier of its agency.
type Dossiers interface {
	DossierInSubtree(ctx context.Context, code, unitPath string) (bool, error)
}

// WithDossiers makes the store check the dossier an entry names against d.
// Without it an entry cannot name a dossier (nothing to check it against).
func (s *Store) WithDossiers(d Dossiers) *Store {
	s.dossiers = d
	return s
}

// checkDossier: the dossier an entry names is one of its unit's subtree.
func (s *Store) checkDossier(ctx context.Context, e Entry, unit Unit) error {
	if e.DossierCode == "" {
		return nil
	}
	if s.dossiers == nil {
		return web.Invalid("dossier_code", "reception.dossier_code.unknown")
	}
	ok, err := s.dossiers.DossierInSubtree(ctx, e.DossierCode, unit.Path)
	if err != nil {
		return err
	}
	if !ok {
		return web.Invalid("dossier_code", "reception.dossier_code.unknown")
	}
	return nil
}

// NewStore makes a Store. box seals personal data; calendar gives the
// working-day calendar (nil: Monday–Friday without holidays); now may be
// nil (time.Now).
func NewStore(d *db.DB, box *secret.Box, calendar func(context.Context) (Calendar, error), now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	if calendar == nil {
		calendar = func(context.Context) (Calendar, error) { return Weekdays{}, nil }
	}
	return &Store{db: d, box: box, rules: DefaultRules(), calendar: calendar, now: now}
}

// Today is the store clock's date in Vietnam.
func (s *Store) Today() time.Time { return day(s.now()) }

// Rules is the table of legal terms the store applies.
func (s *Store) Rules() Rules { return s.rules }

// Unit is a unit as the register needs it.
type Unit struct {
	ID         int64
	Code       string
	Name       string
	Path       string
	ParentName string
}

const unitColumns = `SELECT u.id, u.code, u.name, u.path, COALESCE(p.name, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id `

func scanUnit(row *sql.Row) (Unit, error) {
	var u Unit
	err := row.Scan(&u.ID, &u.Code, &u.Name, &u.Path, &u.ParentName)
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

// escapeLike escapes the LIKE wildcards in s.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// inScope is the condition "the row's unit lies under the path $n".
func inScope(col string, n int) string {
	return fmt.Sprintf(`%s IN (SELECT id FROM units WHERE path LIKE $%d ESCAPE '\')`, col, n)
}

// fmtDay stores a day; "" for the zero time.
func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return db.FormatDate(day(t))
}

// parseDay reads a stored day; the zero time for "".
func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := db.ParseDate(s, vn.Location())
	if err != nil {
		return t, err
	}
	return day(t), nil
}

// dayScanner collects the date columns of a row and parses them after Scan.
type dayScanner struct {
	raw  []*string
	dest []*time.Time
}

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

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// searchFold is what the search box matches: the logbook number, the
// summary, the agencies and letters, without diacritics. Never a name:
// that is sealed.
func searchFold(e Entry) string {
	return strings.Join(strings.Fields(vn.Fold(strings.Join([]string{
		fmt.Sprintf("%d/%d", e.Seq, e.Year), e.Summary, e.PriorAgency, e.HandlingTo, e.HandlingLetter, e.DossierCode, e.Note,
	}, " "))), " ")
}
