package papi

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the tables of the official results.
var Migrations = db.NewModule("papi", migrationsFS, "migrations")

// Store keeps the official PAPI results.
type Store struct {
	db  *db.DB
	now func() time.Time
	// results keeps every stored result until an audited change: the plan
	// page reads them on every request for the agency's standing.
	results audit.Cache[struct{}, []Result]
	latest  audit.Cache[string, latestStanding]
}

type latestStanding struct {
	standing Standing
	ok       bool
}

// NewStore returns a store on d; now may be nil (the clock).
func NewStore(d *db.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, now: now}
}

// ImportReport says what an import did. Rows whose values equal the stored
// ones are unchanged and not written at all, so importing the same file twice
// changes nothing, not even the import time.
type ImportReport struct {
	Source    string
	Added     int
	Updated   int
	Unchanged int
	Warnings  []Problem // problems that did not stop the import
}

// Imported is the number of rows written: added or updated.
func (r ImportReport) Imported() int { return r.Added + r.Updated }

// ImportFile reads an official results file (CSV or XLSX, by name) and stores
// it. A file with any error is refused whole, with a *ResultsError listing
// every problem; nothing of it is stored.
func (s *Store) ImportFile(ctx context.Context, actor audit.Actor, filename string, r io.Reader) (ImportReport, error) {
	results, problems, err := ReadResults(filename, r)
	if err != nil {
		return ImportReport{Source: filename}, err
	}
	rep, err := s.Save(ctx, actor, filename, results)
	rep.Warnings = problems
	return rep, err
}

// Save stores results read from source in one transaction: a province-year
// not yet stored is added, one stored with other values is updated (with an
// audit entry holding the values before and after), an equal one is left
// alone. The import itself gets one audit entry when it changed anything.
func (s *Store) Save(ctx context.Context, actor audit.Actor, source string, results []Result) (ImportReport, error) {
	rep := ImportReport{Source: source}
	now := db.FormatTime(s.now())
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		stored, err := storedResults(ctx, tx, yearsOf(results))
		if err != nil {
			return err
		}
		for _, res := range results {
			key := resultKey(res)
			old, exists := stored[key]
			switch {
			case !exists:
				if _, err := tx.ExecContext(ctx, insertResult, append(resultArgs(res), source, now)...); err != nil {
					return fmt.Errorf("papi: add %s %d: %w", res.Province, res.Year, err)
				}
				rep.Added++
			case sameScores(old.Result, res):
				rep.Unchanged++
			default:
				if _, err := tx.ExecContext(ctx, updateResult, append(resultArgs(res), source, now, old.id)...); err != nil {
					return fmt.Errorf("papi: update %s %d: %w", res.Province, res.Year, err)
				}
				if err := audit.Write(ctx, tx, audit.Entry{
					Actor: actor, Action: "update", Entity: "papi_results", EntityID: key,
					Summary: fmt.Sprintf("%s %d: official result changed by %s", res.Province, res.Year, source),
					Before:  scoresJSON(old.Result), After: scoresJSON(res),
				}); err != nil {
					return err
				}
				rep.Updated++
			}
		}
		if rep.Imported() == 0 {
			return nil
		}
		return audit.Write(ctx, tx, audit.Entry{
			Actor: actor, Action: "import", Entity: "papi_results", EntityID: source,
			Summary: fmt.Sprintf("%s: %d added, %d updated, %d unchanged", source, rep.Added, rep.Updated, rep.Unchanged),
		})
	})
	if err != nil {
		return ImportReport{Source: source}, err
	}
	return rep, nil
}

const insertResult = `
INSERT INTO papi_results (province_era, province_code, year, d1, d2, d3, d4, d5, d6, d7, d8, total, source, imported_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`

const updateResult = `
UPDATE papi_results
SET province_era = $1, province_code = $2, year = $3, d1 = $4, d2 = $5, d3 = $6, d4 = $7, d5 = $8,
    d6 = $9, d7 = $10, d8 = $11, total = $12, source = $13, imported_at = $14
WHERE id = $15`

func resultArgs(r Result) []any {
	args := []any{r.Province.Era, r.Province.Code, r.Year}
	for _, s := range r.Dimensions {
		args = append(args, nullFloat(s))
	}
	return append(args, nullFloat(r.Total))
}

func nullFloat(s Score) sql.NullFloat64 { return sql.NullFloat64{Float64: s.Value, Valid: s.Present} }

// resultKey names a stored result in the audit log: era, code and year,
// "63:33:2021", since a code alone is ambiguous across the 2025 reform.
func resultKey(r Result) string {
	return strconv.Itoa(r.Province.Era) + ":" + r.Province.Code + ":" + strconv.Itoa(r.Year)
}

// sameScores compares exactly: a re-import of the same file parses to the
// same float64 values, and any other difference is a real revision.
func sameScores(a, b Result) bool { return a.Dimensions == b.Dimensions && a.Total == b.Total }

// scoresJSON is a result's values as the audit log keeps them, null for missing.
func scoresJSON(r Result) map[string]*float64 {
	m := map[string]*float64{"total": nullable(r.Total)}
	for d, s := range r.Dimensions {
		m[DimensionCodes[d]] = nullable(s)
	}
	return m
}

func yearsOf(results []Result) []int {
	var years []int
	for _, r := range results {
		if !slices.Contains(years, r.Year) {
			years = append(years, r.Year)
		}
	}
	slices.Sort(years)
	return years
}

type storedResult struct {
	Result
	id int64
}

// storedResults loads the stored rows of the years, keyed by resultKey.
func storedResults(ctx context.Context, q db.Querier, years []int) (map[string]storedResult, error) {
	out := map[string]storedResult{}
	for _, y := range years {
		rows, err := q.QueryContext(ctx, selectResults+` WHERE year = $1`, y)
		if err != nil {
			return nil, fmt.Errorf("papi: load results of %d: %w", y, err)
		}
		got, err := scanResults(rows)
		if err != nil {
			return nil, err
		}
		for _, r := range got {
			out[resultKey(r.Result)] = r
		}
	}
	return out, nil
}

const selectResults = `
SELECT id, province_era, province_code, year, d1, d2, d3, d4, d5, d6, d7, d8, total, source, imported_at
FROM papi_results`

// scanResults reads rows of selectResults and closes them.
func scanResults(rows *sql.Rows) ([]storedResult, error) {
	defer rows.Close()
	var out []storedResult
	for rows.Next() {
		var (
			r          storedResult
			era        int
			code       string
			dims       [8]sql.NullFloat64
			total      sql.NullFloat64
			source, at string
		)
		if err := rows.Scan(&r.id, &era, &code, &r.Year, &dims[0], &dims[1], &dims[2], &dims[3],
			&dims[4], &dims[5], &dims[6], &dims[7], &total, &source, &at); err != nil {
			return nil, fmt.Errorf("papi: scan result: %w", err)
		}
		p, ok := provinceByCode(era, code)
		if !ok {
			return nil, fmt.Errorf("papi: stored result %d names province %d:%s, which is not in the catalogue", r.id, era, code)
		}
		r.Province = p
		for d, v := range dims {
			r.Dimensions[d] = Score{Value: v.Float64, Present: v.Valid}
		}
		r.Total = Score{Value: total.Float64, Present: total.Valid}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("papi: read results: %w", err)
	}
	return out, nil
}

// provinceByCode finds a province of the catalogue by era and code.
func provinceByCode(era int, code string) (Province, bool) {
	catalogue := provinces63
	if era == 34 {
		catalogue = provinces34
	}
	for _, p := range catalogue {
		if p.Code == code {
			return p, true
		}
	}
	return Province{}, false
}

// Results returns every stored result, by year and then province code.
func (s *Store) Results(ctx context.Context) ([]Result, error) {
	// The change is read where the results are, so that a lagging replica's
	// results are kept under the replica's latest change, not the primary's.
	heavy := s.db.Heavy(ctx)
	all, err := s.results.Get(ctx, heavy, struct{}{}, func() ([]Result, error) {
		rows, err := heavy.QueryContext(ctx, selectResults+` ORDER BY year, province_era, province_code`)
		if err != nil {
			return nil, fmt.Errorf("papi: load results: %w", err)
		}
		return plainResults(scanResults(rows))
	})
	return slices.Clone(all), err // a Result is a value: the caller may sort or change its copy
}

// LatestStanding is LatestStanding of the stored results for p, kept until
// the next audited change: the leaders' home pages show it on every request,
// and ranking every province is the costly part. The standing is shared:
// callers must not modify it.
func (s *Store) LatestStanding(ctx context.Context, p Province) (Standing, bool, error) {
	got, err := s.latest.Get(ctx, s.db.Heavy(ctx), fmt.Sprint(p.Era, "/", p.Code), func() (latestStanding, error) {
		all, err := s.Results(ctx)
		if err != nil {
			return latestStanding{}, err
		}
		st, ok := LatestStanding(all, p)
		return latestStanding{st, ok}, nil
	})
	return got.standing, got.ok, err
}

// ResultsOfYear returns the stored results of one year in province code order.
func (s *Store) ResultsOfYear(ctx context.Context, year int) ([]Result, error) {
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, selectResults+` WHERE year = $1 ORDER BY province_era, province_code`, year)
	if err != nil {
		return nil, fmt.Errorf("papi: load results of %d: %w", year, err)
	}
	return plainResults(scanResults(rows))
}

func plainResults(stored []storedResult, err error) ([]Result, error) {
	if err != nil {
		return nil, err
	}
	out := make([]Result, len(stored))
	for i, r := range stored {
		out[i] = r.Result
	}
	return out, nil
}

// Years returns the years with stored results, latest first.
func (s *Store) Years(ctx context.Context) ([]int, error) {
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `SELECT DISTINCT year FROM papi_results ORDER BY year DESC`)
	if err != nil {
		return nil, fmt.Errorf("papi: list years: %w", err)
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("papi: scan year: %w", err)
		}
		years = append(years, y)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("papi: list years: %w", err)
	}
	return years, nil
}

// Source is where the stored results of a year came from.
type Source struct {
	Name       string
	ImportedAt time.Time // the latest write of a row from this file
	Rows       int
}

// SourcesOfYear lists the files the stored results of year came from, the
// most recent first, so a page can say which file it shows.
func (s *Store) SourcesOfYear(ctx context.Context, year int) ([]Source, error) {
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `
SELECT source, MAX(imported_at), COUNT(*) FROM papi_results WHERE year = $1
GROUP BY source ORDER BY MAX(imported_at) DESC, source`, year)
	if err != nil {
		return nil, fmt.Errorf("papi: sources of %d: %w", year, err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		var src Source
		var at string
		if err := rows.Scan(&src.Name, &at, &src.Rows); err != nil {
			return nil, fmt.Errorf("papi: scan source: %w", err)
		}
		if src.ImportedAt, err = db.ParseTime(at); err != nil {
			return nil, fmt.Errorf("papi: source %s: %w", src.Name, err)
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("papi: sources of %d: %w", year, err)
	}
	return out, nil
}

// OfficialResultsFile is the name the bundled official results are imported
// under; OfficialResultsCSV is their content (the shared papi-official-2011-2021.csv).
const OfficialResultsFile = "papi-official-2011-2021.csv"

//go:embed data/papi-official-2011-2021.csv
var OfficialResultsCSV string

// LoadOfficial imports the bundled official results 2011–2021, for the demo.
// Like any import it changes nothing when they are already stored.
func (s *Store) LoadOfficial(ctx context.Context, actor audit.Actor) (ImportReport, error) {
	return s.ImportFile(ctx, actor, OfficialResultsFile, strings.NewReader(OfficialResultsCSV))
}
