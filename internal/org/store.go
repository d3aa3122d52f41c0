package org

import (
	"context"
	"database/sql"
	"embed"
	"time"

	"papihub/internal/platform/db"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates units, users, roles, sessions and tokens.
var Migrations = db.NewModule("org", migrationsFS, "migrations")

// Store reads and writes the organisation: units, users, sessions, tokens.
type Store struct {
	db       *db.DB
	now      func() time.Time
	sessions *sessionCache
}

// NewStore returns a Store on d. now is the clock (time.Now in production).
func NewStore(d *db.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, now: now, sessions: sessionCacheFor(d.DSN)}
}

// tx runs fn in one transaction, then forgets the sessions validated so far:
// every change to users, roles, units or sessions goes through here, so a
// sign-out or a revoked role holds at once in this process.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	err := s.db.Tx(ctx, fn)
	s.sessions.clear()
	return err
}

// DB exposes the database for packages wired next to org (the CLI, demo).
func (s *Store) DB() *db.DB { return s.db }
