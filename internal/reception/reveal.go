package reception

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// MayReveal reports whether user may see the personal data of entry e,
// kept by the unit at unitPath, whose case (if any) is c. A denouncer's
// identity is open only to the officer assigned to handle the case and to
// the head (a leader of the unit); anyone else's to the roles that reveal
// personal data of the unit (org.ActReveal).
func MayReveal(user *org.User, unitPath string, e Entry, c Case) bool {
	if e.Anonymous || user == nil || !user.Active {
		return false
	}
	if e.Protected() {
		if c.ID != 0 && c.HandlerID == user.ID {
			return true
		}
		return user.HasRole(string(org.RoleLeader)) && user.Can(org.ActReveal, unitPath)
	}
	return user.Can(org.ActReveal, unitPath)
}

// Reveal opens an entry's personal data and records the reveal in the audit
// log in the same transaction: no reveal without its entry. The entry names
// the logbook row, never the person. The caller checks MayReveal.
func (s *Store) Reveal(ctx context.Context, actor audit.Actor, entryID int64) (Person, error) {
	var p Person
	var unitID int64
	var year, seq int
	var name, address, id, phone string
	err := s.db.R.QueryRowContext(ctx, `SELECT unit_id, year, seq, name_sealed, address_sealed, id_sealed, phone_sealed FROM reception_entries WHERE id = $1`, entryID).
		Scan(&unitID, &year, &seq, &name, &address, &id, &phone)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, err
	}
	for _, f := range []struct {
		sealed string
		dst    *string
	}{{name, &p.Name}, {address, &p.Address}, {id, &p.IDNumber}, {phone, &p.Phone}} {
		if *f.dst, err = s.box.Open(f.sealed); err != nil {
			return Person{}, fmt.Errorf("reception: reveal %d: %w", entryID, err)
		}
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "reveal", Entity: "reception_entries", EntityID: audit.ID(entryID), UnitID: unitID,
			Summary: fmt.Sprintf("xem đầy đủ thông tin cá nhân, sổ tiếp công dân số %d/%d", seq, year)})
	})
	if err != nil {
		return Person{}, err
	}
	return p, nil
}

// MayReadCase reports whether user may read case c of the unit at
// unitPath: those who read the unit, and the officer assigned to it, who
// may sit in a division below the agency that keeps the logbook.
func MayReadCase(user *org.User, unitPath string, c Case) bool {
	return user.Can(org.ActRead, unitPath) || (user != nil && user.Active && c.HandlerID != 0 && c.HandlerID == user.ID)
}

// MayWorkCase reports whether user may take a step of case c: those who
// work on the unit's records, and its assigned officer.
func MayWorkCase(user *org.User, unitPath string, c Case) bool {
	return user.Can(org.ActWork, unitPath) || (user != nil && user.Active && c.HandlerID != 0 && c.HandlerID == user.ID)
}

// UnitPath is the path of the unit that keeps entry id.
func (s *Store) UnitPath(ctx context.Context, entryID int64) (string, error) {
	var path string
	err := s.db.R.QueryRowContext(ctx, `SELECT u.path FROM reception_entries e JOIN units u ON u.id = e.unit_id WHERE e.id = $1`, entryID).Scan(&path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return path, err
}
