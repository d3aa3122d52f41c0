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
// writes a few letters a day; a script writes many a minute.
var SubmitLimits = []Limit{{N: 3, Window: 10 * time.Minute}, {N: 10, Window: 24 * time.Hour}}

// errThrottled says an address has used its submissions for now.
var errThrottled = errors.New("portal: too many submissions")

// clientKey is what the table keeps of an address: a hash, not the
// address.
func clientKey(ip string) string {
	sum := sha256.Sum256([]byte("portal-submission:" + ip))
	return hex.EncodeToString(sum[:16])
}

// throttled returns errThrottled when the address ip has reached one of
// limits at now. It counts in the database, so the limits hold across
// processes. Only what was saved is counted (see recordSubmission): a
// letter refused for a bad field costs the citizen nothing.
func throttled(ctx context.Context, d *db.DB, ip string, now time.Time, limits []Limit) error {
	client := clientKey(ip)
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

// recordSubmission counts a saved submission from ip at now and forgets
// those older than the longest window of limits.
func recordSubmission(ctx context.Context, d *db.DB, ip string, now time.Time, limits []Limit) error {
	var longest time.Duration
	for _, l := range limits {
		longest = max(longest, l.Window)
	}
	return d.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM portal_submissions WHERE at < $1", db.FormatTime(now.Add(-longest))); err != nil {
			return fmt.Errorf("portal: throttle: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO portal_submissions (client, at) VALUES ($1, $2)", clientKey(ip), db.FormatTime(now)); err != nil {
			return fmt.Errorf("portal: throttle: %w", err)
		}
		return nil
	})
}
