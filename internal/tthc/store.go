package tthc

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the procedures, dossiers, aggregates, calendar and
// manual counts; it refers to the organisation's units.
var Migrations = withFuncs(db.NewModule("tthc", migrationsFS, "migrations"))

// withFuncs adds the migrations written in Go.
func withFuncs(m db.Module) db.Module {
	m.Funcs = map[string]db.MigrationFunc{"006_partition_aggregates": partitionAggregates, "008_partition_dossiers": partitionDossiers, "011_dossier_references": dossierReferences,
		"012_dossier_references_truncate": dossierReferencesTruncate, "013_sampled_statistics": sampledStatistics}
	m.Detached = archivedPartitions
	return m
}

// Sealer seals personal data before it is stored and opens it for a
// permitted reveal (platform/secret.Box).
type Sealer interface {
	Seal(plain string) (string, error)
	Open(sealed string) (string, error)
}

// ErrNotFound is returned when a procedure or dossier does not exist (or is
// outside what the caller may see).
var ErrNotFound = errors.New("tthc: not found")

// Store reads and writes procedures, dossiers and their aggregates.
type Store struct {
	db  *db.DB
	box Sealer
	now func() time.Time

	bulkOnce   sync.Once
	bulkStmts  *stmtCache // the statements of file imports and generation (import.go)
	indexes    audit.Cache[indexKey, IndexReport]
	computed   atomic.Int64   // indexes computed by Index rather than given from indexes
	catalogues keptCatalogues // the index's reading of the catalogue (index_catalogue.go)
	feedback   FeedbackSource // the reception register, when wired (WithFeedback)
	years      storedYears    // weighs the ways of reading the overdue deltas (overdue_total.go)
	overdueWay overdueWay     // overdueAuto but in the figure-identity test
}

// NewStore makes a Store; now may be nil (time.Now).
func NewStore(d *db.DB, box Sealer, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, box: box, now: now}
}

// bulkStatements is the statement cache of the bulk imports.
func (s *Store) bulkStatements() *stmtCache {
	s.bulkOnce.Do(func() { s.bulkStmts = newStmtCache(s.db) })
	return s.bulkStmts
}

// DB is the database the store works on.
func (s *Store) DB() *db.DB { return s.db }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// Calendar loads the working-day calendar as admins edited it: the years
// they took over from tthc_calendar, the others from the embedded seed.
func (s *Store) Calendar(ctx context.Context) (*Calendar, error) {
	return loadCalendar(ctx, s.db.R)
}

// nullTime stores a zero time as NULL.
func nullTime(t time.Time) sql.NullString { return db.NullTime(t) }

// parseNullTime reads an instant column.
func parseNullTime(s sql.NullString) time.Time {
	t, _ := db.ParseNullTime(s)
	return t
}

// nullDay stores a day, or NULL for a zero time.
func nullDay(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: DayOf(t).String(), Valid: true}
}

// parseNullDay reads a date column as midnight in Vietnam time.
func parseNullDay(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	d, err := ParseDay(s.String)
	if err != nil {
		return time.Time{}
	}
	return d.At(0, 0)
}

// placeholders writes $from, $from+1, … n times.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(from + i))
	}
	return b.String()
}

// escapeLike protects % and _ in user text used inside a LIKE pattern.
func escapeLike(s string) string { return likeEscaper.Replace(s) }

// likeEscaper is built once: building a Replacer per call cost a public
// look-up 4% of its CPU.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// subtreeUnits selects the ids of the units in a subtree ($n is the path
// prefix pattern).
func subtreeUnits(n int) string {
	return fmt.Sprintf("SELECT id FROM units WHERE path LIKE $%d ESCAPE '\\'", n)
}

// subtreeByPath selects the ids of the units in a subtree as a range of
// paths: $n and $n+1 are subtreeBounds of its root's path. The index's reads
// use it rather than subtreeUnits because SQLite compiles a statement whose
// LIKE pattern is a bound parameter anew each time the parameter is bound
// (its LIKE optimisation depends on the value): at one agency × month that
// re-compiling cost more than reading the rows did.
func (s *Store) subtreeByPath(n int) string {
	path := s.db.Dialect.Bytewise("path")
	return fmt.Sprintf("SELECT id FROM units WHERE %s >= $%d AND %s < $%d", path, n, path, n+1)
}

// subtreeBounds are the paths from which and below which the subtree at
// path lies in byte order: a path ends with "/", and "0" follows "/".
func subtreeBounds(path string) (from, below string) {
	return path, strings.TrimSuffix(path, "/") + "0"
}
