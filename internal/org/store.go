package org

import (
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
	db  *db.DB
	now func() time.Time
}

// NewStore returns a Store on d. now is the clock (time.Now in production).
func NewStore(d *db.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: d, now: now}
}

// DB exposes the database for packages wired next to org (the CLI, demo).
func (s *Store) DB() *db.DB { return s.db }
