// Package audit keeps the append-only record of every change: who, when, from
// where, to what, and the state before and after. Entries are written in the
// same transaction as the change they describe, so neither exists without the
// other.
package audit

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"papihub/internal/platform/db"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Migrations creates the audit log.
var Migrations = db.NewModule("audit", migrationsFS, "migrations")

// Actor is who made a change. System jobs and the CLI use a named actor with
// no user id.
type Actor struct {
	UserID   int64
	Username string
	IP       string
}

// System is the actor for changes made by papihub itself (demo data, jobs).
var System = Actor{Username: "system"}

// CLI returns the actor for a change made from the command line.
func CLI() Actor { return Actor{Username: "cli"} }

// Entry is one change. Before and After are marshalled to JSON; leave Before
// nil for a creation and After nil for a deletion.
type Entry struct {
	Actor    Actor
	Action   string // create, update, delete, login, logout, reveal, import, ...
	Entity   string // units, users, plans, dossiers, ...
	EntityID string
	UnitID   int64 // the unit the entity belongs to, for scoped browsing; 0 if none
	Summary  string
	Before   any
	After    any
}

// ID formats a numeric id for Entry.EntityID.
func ID(id int64) string { return strconv.FormatInt(id, 10) }

const insertEntry = `
INSERT INTO audit_log (at, actor_id, actor, ip, action, entity, entity_id, unit_id, summary, before_json, after_json)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`

// Write appends e to the log inside tx.
func Write(ctx context.Context, tx *sql.Tx, e Entry) error {
	before, err := marshal(e.Before)
	if err != nil {
		return fmt.Errorf("audit: before: %w", err)
	}
	after, err := marshal(e.After)
	if err != nil {
		return fmt.Errorf("audit: after: %w", err)
	}
	var actorID, unitID sql.NullInt64
	if e.Actor.UserID != 0 {
		actorID = sql.NullInt64{Int64: e.Actor.UserID, Valid: true}
	}
	if e.UnitID != 0 {
		unitID = sql.NullInt64{Int64: e.UnitID, Valid: true}
	}
	name := e.Actor.Username
	if name == "" {
		name = "system"
	}
	_, err = tx.ExecContext(ctx, insertEntry, db.FormatTime(time.Now()), actorID, name, e.Actor.IP,
		e.Action, e.Entity, e.EntityID, unitID, e.Summary, before, after)
	if err != nil {
		return fmt.Errorf("audit: write %s %s: %w", e.Action, e.Entity, err)
	}
	return nil
}

func marshal(v any) (sql.NullString, error) {
	if v == nil {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return sql.NullString{}, err
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}
