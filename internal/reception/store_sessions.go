package reception

import (
	"context"
	"database/sql"
	"fmt"
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
	var id int64
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO reception_sessions (unit_id, on_day, part, hours, host, host_title, head, place, format, note, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`, ss.UnitID, fmtDay(ss.On), string(ss.Part), ss.Hours, ss.Host, ss.HostTitle,
			boolInt(ss.Head), ss.Place, ss.Format, ss.Note, db.FormatTime(s.now())).Scan(&id); err != nil {
			return fmt.Errorf("reception: add session: %w", err)
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "reception_sessions", EntityID: audit.ID(id), UnitID: ss.UnitID,
			Summary: "Lịch tiếp công dân " + fmtDay(ss.On) + " — " + ss.Host, After: map[string]any{"on": fmtDay(ss.On), "part": ss.Part, "hours": ss.Hours,
				"host": ss.Host, "host_title": ss.HostTitle, "head": ss.Head, "place": ss.Place, "format": ss.Format}})
	})
	return id, err
}

// Sessions lists the sessions of the units under scope (a path) from..to,
// in date order.
func (s *Store) Sessions(ctx context.Context, scope string, from, to time.Time) ([]Session, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT ss.id, ss.unit_id, u.name, ss.on_day, ss.part, ss.hours, ss.host, ss.host_title, ss.head, ss.place, ss.format, ss.note
FROM reception_sessions ss JOIN units u ON u.id = ss.unit_id
WHERE `+inScope("ss.unit_id", 1)+` AND ss.on_day >= $2 AND ss.on_day <= $3 ORDER BY ss.on_day, ss.part, ss.id`, escapeLike(scope)+"%", fmtDay(from), fmtDay(to))
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
		if err := rows.Scan(&ss.ID, &ss.UnitID, &ss.UnitName, ds.day(&ss.On), &part, &ss.Hours, &ss.Host, &ss.HostTitle, &head, &ss.Place, &ss.Format, &ss.Note); err != nil {
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
