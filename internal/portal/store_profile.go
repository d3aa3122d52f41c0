package portal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// Profiles keeps what agencies publish about themselves.
type Profiles struct {
	db  *db.DB
	now func() time.Time
}

// NewProfiles returns the profiles kept in d.
func NewProfiles(d *db.DB, now func() time.Time) *Profiles {
	if now == nil {
		now = time.Now
	}
	return &Profiles{db: d, now: now}
}

// Profile reads a unit's profile; an empty one when nothing was published.
func (s *Profiles) Profile(ctx context.Context, unitID int64) (Profile, error) {
	return readProfile(ctx, s.db.R, unitID)
}

func readProfile(ctx context.Context, q db.Querier, unitID int64) (Profile, error) {
	p := Profile{UnitID: unitID}
	err := q.QueryRowContext(ctx, `SELECT functions, address, phone, email FROM portal_profiles WHERE unit_id = $1`, unitID).
		Scan(&p.Functions, &p.Address, &p.Phone, &p.Email)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("portal: profile of unit %d: %w", unitID, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT position, name, title, phone, email FROM portal_contacts WHERE unit_id = $1 ORDER BY seq`, unitID)
	if err != nil {
		return p, fmt.Errorf("portal: contacts of unit %d: %w", unitID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Contact
		if err := rows.Scan(&c.Position, &c.Name, &c.Title, &c.Phone, &c.Email); err != nil {
			return p, fmt.Errorf("portal: contacts of unit %d: %w", unitID, err)
		}
		p.Contacts = append(p.Contacts, c)
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("portal: contacts of unit %d: %w", unitID, err)
	}
	return p, nil
}

// SaveProfile replaces a unit's profile and its contacts as a whole (the
// form shows them on one page), with the audit entry of the change in the
// same transaction: the portal's cached pages are good until the next
// audited change, so the new contacts are on the portal at once. Bad fields
// come back as a *web.ValidationError.
func (s *Profiles) SaveProfile(ctx context.Context, actor audit.Actor, p Profile) error {
	if errs := p.Validate(); errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := readProfile(ctx, tx, p.UnitID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
INSERT INTO portal_profiles (unit_id, functions, address, phone, email, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (unit_id) DO UPDATE SET functions = excluded.functions, address = excluded.address, phone = excluded.phone,
	email = excluded.email, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			p.UnitID, p.Functions, p.Address, p.Phone, p.Email, db.FormatTime(s.now()), actor.Username); err != nil {
			return fmt.Errorf("portal: save profile: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM portal_contacts WHERE unit_id = $1`, p.UnitID); err != nil {
			return fmt.Errorf("portal: save contacts: %w", err)
		}
		for i, c := range p.Contacts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO portal_contacts (unit_id, position, seq, name, title, phone, email) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				p.UnitID, string(c.Position), i, c.Name, c.Title, c.Phone, c.Email); err != nil {
				return fmt.Errorf("portal: save contacts: %w", err)
			}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "portal_profiles", EntityID: audit.ID(p.UnitID), UnitID: p.UnitID,
			Summary: fmt.Sprintf("Thông tin công khai của cơ quan (%d người đầu mối)", len(p.Contacts)), Before: before, After: p})
	})
}
