package audit

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/db"
)

// Record is a stored entry as the browsing page shows it.
type Record struct {
	ID       int64
	At       time.Time
	ActorID  int64
	Actor    string
	IP       string
	Action   string
	Entity   string
	EntityID string
	UnitID   int64
	Summary  string
	Before   string
	After    string
}

// Filter narrows a listing. Empty fields do not filter. Page is 1-based.
type Filter struct {
	Actor    string
	Entity   string
	EntityID string
	Action   string
	From, To time.Time
	// UnitIDs, when not nil, keeps only entries about these units: an
	// administrator of a department sees what happened in it, not in the
	// rest of the province.
	UnitIDs []int64
	Page    int
	PerPage int
}

// List returns one page of entries, newest first, and whether more follow.
func List(ctx context.Context, q db.Querier, f Filter) ([]Record, bool, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Actor != "" {
		add("lower(actor) = lower($%d)", f.Actor)
	}
	if f.Entity != "" {
		add("entity = $%d", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id = $%d", f.EntityID)
	}
	if f.Action != "" {
		add("action = $%d", f.Action)
	}
	if !f.From.IsZero() {
		add("at >= $%d", db.FormatTime(f.From))
	}
	if !f.To.IsZero() {
		add("at < $%d", db.FormatTime(f.To))
	}
	if f.UnitIDs != nil {
		ids := make([]string, 0, len(f.UnitIDs)+1)
		ids = append(ids, "0") // an empty list must match nothing, not fail
		for _, id := range f.UnitIDs {
			ids = append(ids, strconv.FormatInt(id, 10))
		}
		where = append(where, "unit_id IN ("+strings.Join(ids, ",")+")")
	}
	per := f.PerPage
	if per <= 0 || per > 200 {
		per = 50
	}
	page := max(f.Page, 1)
	query := `SELECT id, at, COALESCE(actor_id, 0), actor, ip, action, entity, entity_id, COALESCE(unit_id, 0), summary,
		COALESCE(before_json, ''), COALESCE(after_json, '') FROM audit_log`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += fmt.Sprintf(" ORDER BY id DESC LIMIT %d OFFSET %d", per+1, (page-1)*per)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("audit: list: %w", err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		var r Record
		var at string
		if err := rows.Scan(&r.ID, &at, &r.ActorID, &r.Actor, &r.IP, &r.Action, &r.Entity, &r.EntityID, &r.UnitID, &r.Summary, &r.Before, &r.After); err != nil {
			return nil, false, fmt.Errorf("audit: list: %w", err)
		}
		if r.At, err = db.ParseTime(at); err != nil {
			return nil, false, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("audit: list: %w", err)
	}
	out, more := db.TrimPage(out, per)
	return out, more, nil
}
