package reception

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// AddSession puts a session on a unit's reception schedule.
func (s *Store) AddSession(ctx context.Context, actor audit.Actor, ss Session) (int64, error) {
	if errs := ss.Validate(); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var host sql.NullInt64
	if ss.HostID != 0 {
		unit, err := s.Unit(ctx, ss.UnitID)
		if err != nil {
			return 0, err
		}
		leaders, err := s.Leaders(ctx, unit.Path)
		if err != nil {
			return 0, err
		}
		if !slices.ContainsFunc(leaders, func(o Officer) bool { return o.ID == ss.HostID }) {
			return 0, web.Invalid("host_id", "reception.host_id.invalid")
		}
		host = sql.NullInt64{Int64: ss.HostID, Valid: true}
	}
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO reception_sessions (unit_id, on_day, part, hours, host, host_id, host_title, head, place, format, note, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`, ss.UnitID, fmtDay(ss.On), string(ss.Part), ss.Hours, ss.Host, host, ss.HostTitle,
			boolInt(ss.Head), ss.Place, ss.Format, ss.Note, db.FormatTime(s.now())).Scan(&id); err != nil {
			return fmt.Errorf("reception: add session: %w", err)
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "reception_sessions", EntityID: audit.ID(id), UnitID: ss.UnitID,
			Summary: "Lịch tiếp công dân " + fmtDay(ss.On) + " — " + ss.Host, After: map[string]any{"on": fmtDay(ss.On), "part": ss.Part, "hours": ss.Hours,
				"host": ss.Host, "host_id": ss.HostID, "host_title": ss.HostTitle, "head": ss.Head, "place": ss.Place, "format": ss.Format}})
	})
	return id, err
}

// Sessions lists the sessions of the units under scope (a path) from..to,
// in date order.
func (s *Store) Sessions(ctx context.Context, scope string, from, to time.Time) ([]Session, error) {
	return s.sessions(ctx, inScope("ss.unit_id", 1), escapeLike(scope)+"%", from, to)
}

// HostSessions lists the sessions from..to in which the user with id
// userID receives citizens, in date order: a leader's own schedule.
func (s *Store) HostSessions(ctx context.Context, userID int64, from, to time.Time) ([]Session, error) {
	return s.sessions(ctx, "ss.host_id = $1", userID, from, to)
}

// sessions lists the sessions matching where ($1 is key) from..to.
func (s *Store) sessions(ctx context.Context, where string, key any, from, to time.Time) ([]Session, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT ss.id, ss.unit_id, u.name, ss.on_day, ss.part, ss.hours, ss.host, COALESCE(ss.host_id, 0), ss.host_title, ss.head, ss.place, ss.format, ss.note
FROM reception_sessions ss JOIN units u ON u.id = ss.unit_id
WHERE `+where+` AND ss.on_day >= $2 AND ss.on_day <= $3 ORDER BY ss.on_day, ss.part, ss.id`, key, fmtDay(from), fmtDay(to))
	if err != nil {
		return nil, fmt.Errorf("reception: sessions: %w", err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var ss Session
		var ds dayScanner
		var part string
		var head int
		if err := rows.Scan(&ss.ID, &ss.UnitID, &ss.UnitName, ds.day(&ss.On), &part, &ss.Hours, &ss.Host, &ss.HostID, &ss.HostTitle, &head, &ss.Place, &ss.Format, &ss.Note); err != nil {
			return nil, err
		}
		if err := ds.parse(); err != nil {
			return nil, err
		}
		ss.Part, ss.Head = Part(part), head == 1
		out = append(out, ss)
	}
	return out, rows.Err()
}

// Leaders lists the active users with the leader role in the units under
// scope: those a session may name as its receiving leader.
func (s *Store) Leaders(ctx context.Context, scope string) ([]Officer, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT u.id, u.full_name, u.title, n.name FROM users u JOIN units n ON n.id = u.unit_id
JOIN user_roles r ON r.user_id = u.id AND r.role = 'leader'
WHERE u.active = 1 AND n.path LIKE $1 ESCAPE '\' ORDER BY n.path, u.sort_key, u.id`, escapeLike(scope)+"%")
	if err != nil {
		return nil, fmt.Errorf("reception: leaders: %w", err)
	}
	defer rows.Close()
	var out []Officer
	for rows.Next() {
		var o Officer
		if err := rows.Scan(&o.ID, &o.Name, &o.Title, &o.UnitName); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
