package inspection

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
var Migrations = db.NewModule("inspection", migrationsFS, "migrations")

// Store reads and writes the register.
type Store struct {
	db      *db.DB
	dataDir string // evidence files live below it
	now     func() time.Time
}

// NewStore makes a Store keeping evidence below dataDir; now may be nil
// (time.Now).
func NewStore(d *db.DB, dataDir string, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, dataDir: dataDir, now: now}
}

// Today is the store clock's date in Vietnam.
func (s *Store) Today() time.Time { return day(s.now()) }

// Unit is a unit as the register needs it: whose register, under which
// parent body (a report's header).
type Unit struct {
	ID         int64
	Code       string
	Name       string
	ShortName  string
	Path       string
	ParentName string
}

const unitColumns = `SELECT u.id, u.code, u.name, u.short_name, u.path, COALESCE(p.name, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id `

func scanUnit(sc interface{ Scan(...any) error }) (Unit, error) {
	var u Unit
	err := sc.Scan(&u.ID, &u.Code, &u.Name, &u.ShortName, &u.Path, &u.ParentName)
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

// Units lists the open units under scope (a path prefix), in tree order:
// whose register to read, and who may be responsible for a recommendation.
func (s *Store) Units(ctx context.Context, scope string) ([]Unit, error) {
	rows, err := s.db.R.QueryContext(ctx, unitColumns+`WHERE u.path LIKE $1 ESCAPE '\' AND u.valid_to IS NULL ORDER BY u.path`, escapeLike(scope)+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
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

// inScope is the SQL condition "column's unit lies under the path of arg".
func inScope(column, arg string) string {
	return column + " IN (SELECT id FROM units WHERE path LIKE " + arg + ` ESCAPE '\')`
}

// fmtDay stores a day; "" for the zero time.
func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return db.FormatDate(day(t))
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
		if *s == "" {
			*ds.dest[i] = time.Time{}
			continue
		}
		t, err := db.ParseDate(*s, vn.Location())
		if err != nil {
			return err
		}
		*ds.dest[i] = t
	}
	return nil
}

// searchFold is what the search box matches: number, issuer, subjects and
// summary without diacritics.
func searchFold(c Conclusion) string {
	return strings.Join(strings.Fields(vn.Fold(strings.Join([]string{c.Number, c.Issuer, c.Subjects, c.Summary}, " "))), " ")
}

const conclusionColumns = `c.id, c.unit_id, u.name, c.number, c.issued_on, c.received_on, c.issuer, c.source, c.subjects, c.summary,
c.directive_number, c.directive_on, COALESCE(c.check_id, 0)`

const conclusionFrom = ` FROM inspection_conclusions c JOIN units u ON u.id = c.unit_id`

func scanConclusion(sc interface{ Scan(...any) error }) (Conclusion, error) {
	var c Conclusion
	var ds dayScanner
	var src string
	err := sc.Scan(&c.ID, &c.UnitID, &c.UnitName, &c.Number, ds.day(&c.IssuedOn), ds.day(&c.ReceivedOn), &c.Issuer, &src, &c.Subjects, &c.Summary,
		&c.DirectiveNumber, ds.day(&c.DirectiveOn), &c.CheckID)
	if err != nil {
		return c, err
	}
	c.Source = Source(src)
	return c, ds.parse()
}

// Conclusion returns one conclusion with its recommendations in order.
func (s *Store) Conclusion(ctx context.Context, id int64) (Conclusion, error) {
	c, err := scanConclusion(s.db.R.QueryRowContext(ctx, "SELECT "+conclusionColumns+conclusionFrom+" WHERE c.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("inspection: conclusion %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("inspection: conclusion %d: %w", id, err)
	}
	c.Recommendations, _, err = s.Recommendations(ctx, RecFilter{ConclusionID: id, PerPage: MaxRecommendations})
	return c, err
}

// ConclusionByNumber finds a conclusion the unit follows up by its number,
// however it is typed (NumberKey).
func (s *Store) ConclusionByNumber(ctx context.Context, unitID int64, number string) (Conclusion, error) {
	var id int64
	err := s.db.R.QueryRowContext(ctx, `SELECT id FROM inspection_conclusions WHERE unit_id = $1 AND number_key = $2`, unitID, NumberKey(number)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Conclusion{}, fmt.Errorf("inspection: conclusion %q: %w", number, ErrNotFound)
	}
	if err != nil {
		return Conclusion{}, err
	}
	return s.Conclusion(ctx, id)
}

// recommendationColumns are read by scanRecommendation: the recommendation,
// its responsible unit's name and its conclusion's reference.
const recommendationColumns = `SELECT r.id, r.conclusion_id, r.seq, r.kind, r.content, r.responsible_id, ru.name, r.deadline, r.progress,
r.amount_due, r.amount_recovered, r.people, r.discipline_form, r.result, r.done_on, COALESCE(r.repeat_of, 0),
c.unit_id, c.number, c.issued_on, c.received_on, c.issuer, cu.name
FROM inspection_recommendations r JOIN units ru ON ru.id = r.responsible_id
JOIN inspection_conclusions c ON c.id = r.conclusion_id JOIN units cu ON cu.id = c.unit_id`

func scanRecommendation(sc interface{ Scan(...any) error }) (Recommendation, error) {
	var r Recommendation
	var ds dayScanner
	var kind, progress string
	err := sc.Scan(&r.ID, &r.ConclusionID, &r.Seq, &kind, &r.Content, &r.ResponsibleID, &r.ResponsibleName, ds.day(&r.Deadline), &progress,
		&r.AmountDue, &r.AmountRecovered, &r.People, &r.DisciplineForm, &r.Result, ds.day(&r.DoneOn), &r.RepeatOf,
		&r.Conclusion.UnitID, &r.Conclusion.Number, ds.day(&r.Conclusion.IssuedOn), ds.day(&r.Conclusion.ReceivedOn), &r.Conclusion.Issuer, &r.Conclusion.UnitName)
	if err != nil {
		return r, err
	}
	r.Kind, r.Progress, r.Conclusion.ID = Kind(kind), Progress(progress), r.ConclusionID
	return r, ds.parse()
}

// Recommendation returns one recommendation with its conclusion's
// reference.
func (s *Store) Recommendation(ctx context.Context, id int64) (Recommendation, error) {
	r, err := scanRecommendation(s.db.R.QueryRowContext(ctx, recommendationColumns+" WHERE r.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("inspection: recommendation %d: %w", id, ErrNotFound)
	}
	return r, err
}

// Paths are the unit paths that decide who reads and works on a
// recommendation: the unit following the conclusion up, and the unit
// responsible for it.
type Paths struct {
	Unit, Responsible string
}

// RecommendationPaths returns the two paths of recommendation id.
func (s *Store) RecommendationPaths(ctx context.Context, id int64) (Paths, error) {
	var p Paths
	err := s.db.R.QueryRowContext(ctx, `SELECT u.path, ru.path FROM inspection_recommendations r JOIN units u ON u.id = r.unit_id
JOIN units ru ON ru.id = r.responsible_id WHERE r.id = $1`, id).Scan(&p.Unit, &p.Responsible)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

// ConclusionPaths returns the path of the unit following conclusion id up,
// and the paths of the units responsible for its recommendations.
func (s *Store) ConclusionPaths(ctx context.Context, id int64) (string, []string, error) {
	var unit string
	err := s.db.R.QueryRowContext(ctx, `SELECT u.path FROM inspection_conclusions c JOIN units u ON u.id = c.unit_id WHERE c.id = $1`, id).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, ErrNotFound
	}
	if err != nil {
		return "", nil, err
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT DISTINCT ru.path FROM inspection_recommendations r JOIN units ru ON ru.id = r.responsible_id WHERE r.conclusion_id = $1`, id)
	if err != nil {
		return "", nil, err
	}
	defer rows.Close()
	var resp []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return "", nil, err
		}
		resp = append(resp, p)
	}
	return unit, resp, rows.Err()
}

// DB is the database the store reads, for a caller that records what it
// builds from the register elsewhere (the register of issued reports).
func (s *Store) DB() *db.DB { return s.db }
