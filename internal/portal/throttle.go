package portal

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"papihub/internal/platform/db"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the portal's own table: the throttle of submissions.
var Migrations = db.NewModule("portal", migrationsFS, "migrations")

// Limit is how many submissions one address may make within a window.
type Limit struct {
	N      int
	Window time.Duration
}

// SubmitLimits bound a citizen's form submissions per address: a person
// writes a few letters a day; a script writes many a minute. A rating of
// an answer is bounded the same way, on its own count.
var SubmitLimits = []Limit{{N: 3, Window: 10 * time.Minute}, {N: 10, Window: 24 * time.Hour}}

// MissLimits bound the look-ups by a code that names no letter: a person
// mistypes a code a few times; a script walking the codes misses all day.
// A code found costs nothing.
var MissLimits = []Limit{{N: 10, Window: 10 * time.Minute}, {N: 30, Window: 24 * time.Hour}}

// retention is how long the table keeps a row: the longest window of
// every list of limits above.
const retention = 24 * time.Hour

// counter names what is counted per address: each has its own count in
// the one table.
type counter string

const (
	letters counter = "portal-submission:"
	ratings counter = "portal-rating:"
	misses  counter = "portal-lookup-miss:"
)

// errThrottled says an address has used its submissions for now.
var errThrottled = errors.New("portal: too many submissions")

// clientKey is what the table keeps of an address under a counter: a hash,
// not the address.
func clientKey(c counter, ip string) string {
	sum := sha256.Sum256([]byte(string(c) + ip))
	return hex.EncodeToString(sum[:16])
}

// throttled returns errThrottled when the address ip has reached one of
// limits of counter c at now. It counts in the database, so the limits
// hold across processes. Only what was saved is counted (see
// recordSubmission): a letter refused for a bad field costs the citizen
// nothing.
func throttled(ctx context.Context, d *db.DB, c counter, ip string, now time.Time, limits []Limit) error {
	client := clientKey(c, ip)
	for _, l := range limits {
		var n int
		if err := d.R.QueryRowContext(ctx, "SELECT COUNT(*) FROM portal_submissions WHERE client = $1 AND at > $2",
			client, db.FormatTime(now.Add(-l.Window))).Scan(&n); err != nil {
			return fmt.Errorf("portal: throttle: %w", err)
		}
		if n >= l.N {
			return errThrottled
		}
	}
	return nil
}

// recordSubmission counts one of counter c from ip at now and forgets the
// rows older than the retention.
func recordSubmission(ctx context.Context, d *db.DB, c counter, ip string, now time.Time) error {
	return d.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM portal_submissions WHERE at < $1", db.FormatTime(now.Add(-retention))); err != nil {
			return fmt.Errorf("portal: throttle: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO portal_submissions (client, at) VALUES ($1, $2)", clientKey(c, ip), db.FormatTime(now)); err != nil {
			return fmt.Errorf("portal: throttle: %w", err)
		}
		return nil
	})
}
