package province

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"papihub/internal/audit"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/period"
	"papihub/internal/report"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the reporting rounds.
var Migrations = db.NewModule("province", migrationsFS, "migrations")

// ErrNotFound is returned for a round or round unit that does not exist.
var ErrNotFound = errors.New("province: not found")

// Store keeps the rounds and reads the organisation and the report
// register the province view is built on.
type Store struct {
	db      *db.DB
	org     *org.Store
	reports *report.Register
	src     Sources
	now     func() time.Time
	// progress keeps the plan's counts per issuer until an audited change
	// in src.ProgressReads:
	// the dashboard and every home page of Home Affairs read them, and
	// counting 288,000 instances costs a tenth of a second each time.
	progress audit.Cache[progressKey, map[int64]Progress]
	leaders  audit.Cache[leaderKey, []DimensionProgress] // leaderProgress
}

type progressKey struct {
	year  int
	scope string
	today time.Time
}

// NewStore returns the province store on d reading the other capabilities
// through src.
func NewStore(d *db.DB, orgs *org.Store, reports *report.Register, src Sources, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, org: orgs, reports: reports, src: src, now: now}
}

// Today is the calendar date in Vietnam.
func (s *Store) Today() time.Time { return period.Today(s.now()) }

// rootID is the id of the root of the tree a unit path lies in: the
// province.
func rootID(path string) int64 {
	first, _, _ := strings.Cut(strings.Trim(path, "/"), "/")
	id, _ := strconv.ParseInt(first, 10, 64)
	return id
}

// ScopeOf is the unit whose reporting units a user's dashboard lists:
// the province for Home Affairs reviewers and for anyone whose unit is the
// province itself; otherwise the reporting unit (agency or commune) the
// user's unit belongs to, so that a division head sees their agency.
func (s *Store) ScopeOf(ctx context.Context, u *org.User) (org.Unit, error) {
	own, err := s.org.Unit(ctx, u.UnitID)
	if err != nil {
		return org.Unit{}, fmt.Errorf("province: scope: %w", err)
	}
	if u.HasRole(string(org.RoleReviewer)) || own.Kind == org.KindProvince {
		return s.org.Unit(ctx, rootID(own.Path))
	}
	parts := strings.Split(strings.Trim(own.Path, "/"), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		id, _ := strconv.ParseInt(parts[i], 10, 64)
		x, err := s.org.Unit(ctx, id)
		if err != nil {
			return org.Unit{}, fmt.Errorf("province: scope: %w", err)
		}
		if Reports(x.Kind) {
			return x, nil
		}
	}
	return own, nil
}

// units lists every unit of scope's subtree, closed ones included.
func (s *Store) units(ctx context.Context, scope org.Unit) ([]org.Unit, error) {
	all, err := s.org.Units(ctx, org.UnitFilter{Scope: scope.Path, IncludeClosed: true})
	if err != nil {
		return nil, fmt.Errorf("province: units: %w", err)
	}
	return all, nil
}

// issuedFor finds, for each unit, the newest plan report it issued for
// the period, keyed by unit.
func (s *Store) issuedFor(ctx context.Context, scope, periodKey string) (map[int64]int64, error) {
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `
SELECT r.unit_id, MAX(r.id) FROM issued_reports r JOIN units u ON u.id = r.unit_id
WHERE r.kind = 'plan' AND r.period = $1 AND substr(u.path, 1, $2) = $3 GROUP BY r.unit_id`, periodKey, len(scope), scope) // not LIKE: see org.PathIn
	if err != nil {
		return nil, fmt.Errorf("province: issued reports: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var unit, id int64
		if err := rows.Scan(&unit, &id); err != nil {
			return nil, fmt.Errorf("province: issued reports: %w", err)
		}
		out[unit] = id
	}
	return out, rows.Err()
}

// dateOf parses a stored calendar date.
func dateOf(s string) time.Time {
	t, _ := db.ParseDate(s, time.UTC)
	return t
}

// nullDate is a date column that may be empty.
func nullDate(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: db.FormatDate(t), Valid: true}
}

// unitLabel is a unit's name for the audit log and the pages.
func unitLabel(u org.Unit) string {
	if u.ShortName != "" {
		return u.Name + " (" + u.ShortName + ")"
	}
	return u.Name
}
