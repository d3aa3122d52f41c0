package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

const unitColumns = `u.id, u.code, u.kind, u.name, u.short_name, COALESCE(u.parent_id, 0), u.path, u.level,
	u.valid_from, COALESCE(u.valid_to, ''), COALESCE(u.successor_id, 0), COALESCE(p.name, '')`

const unitFrom = ` FROM units u LEFT JOIN units p ON p.id = u.parent_id`

func scanUnit(row interface{ Scan(...any) error }) (Unit, error) {
	var u Unit
	var from, to string
	if err := row.Scan(&u.ID, &u.Code, &u.Kind, &u.Name, &u.ShortName, &u.ParentID, &u.Path, &u.Level,
		&from, &to, &u.SuccessorID, &u.ParentName); err != nil {
		return u, err
	}
	var err error
	if u.ValidFrom, err = db.ParseDate(from, vn.Location()); err != nil {
		return u, err
	}
	if to != "" {
		if u.ValidTo, err = db.ParseDate(to, vn.Location()); err != nil {
			return u, err
		}
	}
	return u, nil
}

// Unit returns the unit with id, or an error wrapping db.ErrNotFound.
func (s *Store) Unit(ctx context.Context, id int64) (Unit, error) {
	return s.unitWhere(ctx, s.db.R, "u.id = $1", id)
}

// UnitByCode returns the unit with an electronic agency code.
func (s *Store) UnitByCode(ctx context.Context, code string) (Unit, error) {
	return s.unitWhere(ctx, s.db.R, "u.code = $1", strings.TrimSpace(code))
}

func (s *Store) unitWhere(ctx context.Context, q db.Querier, where string, arg any) (Unit, error) {
	u, err := scanUnit(q.QueryRowContext(ctx, "SELECT "+unitColumns+unitFrom+" WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("org: unit %v: %w", arg, db.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("org: unit %v: %w", arg, err)
	}
	return u, nil
}

// UnitFilter narrows a unit listing.
type UnitFilter struct {
	Scope         string // path prefix: only this subtree
	Query         string // diacritic-insensitive match on name or code
	IncludeClosed bool
	On            time.Time // with IncludeClosed false: units open on this day (default today)
}

// Units lists units in tree order: each parent before its children, siblings
// in Vietnamese alphabetical order.
func (s *Store) Units(ctx context.Context, f UnitFilter) ([]Unit, error) {
	// The scope as a prefix, not LIKE: see PathIn.
	where := []string{"substr(u.path, 1, $1) = $2"}
	args := []any{len(f.Scope), f.Scope}
	if f.Query != "" {
		args = append(args, "%"+escapeLike(vn.Fold(f.Query))+"%")
		where = append(where, fmt.Sprintf("(u.name_fold LIKE $%d ESCAPE '\\' OR lower(u.code) LIKE $%d ESCAPE '\\')", len(args), len(args)))
	}
	if !f.IncludeClosed {
		on := f.On
		if on.IsZero() {
			on = s.now()
		}
		args = append(args, db.FormatDate(on.In(vn.Location())))
		where = append(where, fmt.Sprintf("u.valid_from <= $%d AND (u.valid_to IS NULL OR u.valid_to >= $%d)", len(args), len(args)))
	}
	rows, err := s.db.R.QueryContext(ctx, "SELECT "+unitColumns+", u.sort_key"+unitFrom+" WHERE "+strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, fmt.Errorf("org: list units: %w", err)
	}
	defer rows.Close()
	type keyed struct {
		Unit
		key string
	}
	var all []keyed
	for rows.Next() {
		var k keyed
		var from, to string
		if err := rows.Scan(&k.ID, &k.Code, &k.Kind, &k.Name, &k.ShortName, &k.ParentID, &k.Path, &k.Level,
			&from, &to, &k.SuccessorID, &k.ParentName, &k.key); err != nil {
			return nil, fmt.Errorf("org: list units: %w", err)
		}
		k.ValidFrom, _ = db.ParseDate(from, vn.Location())
		if to != "" {
			k.ValidTo, _ = db.ParseDate(to, vn.Location())
		}
		all = append(all, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("org: list units: %w", err)
	}
	// Tree order: compare the chain of sibling sort keys from the root down.
	keyOf := map[int64]string{}
	for _, k := range all {
		keyOf[k.ID] = k.key
	}
	chain := func(u Unit) string {
		var b strings.Builder
		for _, part := range strings.Split(strings.Trim(u.Path, "/"), "/") {
			id, _ := strconv.ParseInt(part, 10, 64)
			b.WriteString(keyOf[id])
			b.WriteByte(0)
		}
		return b.String()
	}
	sort.SliceStable(all, func(i, j int) bool { return chain(all[i].Unit) < chain(all[j].Unit) })
	out := make([]Unit, len(all))
	for i, k := range all {
		out[i] = k.Unit
	}
	return out, nil
}

// escapeLike protects % and _ in user text used inside a LIKE pattern.
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// CreateUnit adds a unit under its parent. The parent must exist and be open
// on the new unit's first day.
func (s *Store) CreateUnit(ctx context.Context, actor audit.Actor, in UnitInput) (int64, error) {
	in.Normalize()
	if errs := in.Validate(); errs.Any() {
		return 0, &web.ValidationError{Fields: errs}
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		parentPath, level := "/", 0
		if in.ParentID != 0 {
			p, err := s.unitWhere(ctx, tx, "u.id = $1", in.ParentID)
			if errors.Is(err, db.ErrNotFound) {
				return web.Invalid("parent_id", "org.unit.parent.unknown")
			}
			if err != nil {
				return err
			}
			if !p.OpenOn(in.ValidFrom) {
				return web.Invalid("parent_id", "org.unit.parent.closed")
			}
			parentPath, level = p.Path, p.Level+1
		}
		now := db.FormatTime(s.now())
		err := tx.QueryRowContext(ctx, `INSERT INTO units (code, kind, name, short_name, name_fold, sort_key, parent_id, path, level, valid_from, valid_to, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, $9, $10, $11, $11) RETURNING id`,
			in.Code, in.Kind, in.Name, in.ShortName, vn.Fold(in.Name), vn.SortKey(in.Name), nullID(in.ParentID), level,
			db.FormatDate(in.ValidFrom), nullDate(in.ValidTo), now).Scan(&id)
		if db.IsUniqueViolation(err) {
			return web.Invalid("code", "org.unit.code.taken")
		}
		if err != nil {
			return err
		}
		path := parentPath + strconv.FormatInt(id, 10) + "/"
		if _, err := tx.ExecContext(ctx, `UPDATE units SET path = $1 WHERE id = $2`, path, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "create", Entity: "units", EntityID: audit.ID(id),
			UnitID: id, Summary: in.Code + " " + in.Name, After: in})
	})
	if err != nil {
		return 0, fmt.Errorf("org: create unit: %w", err)
	}
	return id, nil
}

// UpdateUnit changes a unit, moving it (with its subtree) when the parent
// changes. A unit cannot move under itself or one of its descendants.
func (s *Store) UpdateUnit(ctx context.Context, actor audit.Actor, id int64, in UnitInput) error {
	in.Normalize()
	if errs := in.Validate(); errs.Any() {
		return &web.ValidationError{Fields: errs}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.unitWhere(ctx, tx, "u.id = $1", id)
		if err != nil {
			return err
		}
		newPath, newLevel := old.Path, old.Level
		if in.ParentID != old.ParentID {
			if in.ParentID == 0 {
				newPath, newLevel = "/"+strconv.FormatInt(id, 10)+"/", 0
			} else {
				p, err := s.unitWhere(ctx, tx, "u.id = $1", in.ParentID)
				if errors.Is(err, db.ErrNotFound) {
					return web.Invalid("parent_id", "org.unit.parent.unknown")
				}
				if err != nil {
					return err
				}
				if InSubtree(p.Path, old.Path) {
					return web.Invalid("parent_id", "org.unit.parent.cycle")
				}
				if !p.OpenOn(s.now()) {
					return web.Invalid("parent_id", "org.unit.parent.closed")
				}
				newPath, newLevel = p.Path+strconv.FormatInt(id, 10)+"/", p.Level+1
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE units SET code = $1, kind = $2, name = $3, short_name = $4, name_fold = $5, sort_key = $6,
			parent_id = $7, valid_from = $8, valid_to = $9, updated_at = $10 WHERE id = $11`,
			in.Code, in.Kind, in.Name, in.ShortName, vn.Fold(in.Name), vn.SortKey(in.Name), nullID(in.ParentID),
			db.FormatDate(in.ValidFrom), nullDate(in.ValidTo), db.FormatTime(s.now()), id)
		if db.IsUniqueViolation(err) {
			return web.Invalid("code", "org.unit.code.taken")
		}
		if err != nil {
			return err
		}
		if newPath != old.Path {
			// Re-root the whole subtree: every descendant's path starts with
			// the old path, which is replaced by the new one.
			_, err = tx.ExecContext(ctx, `UPDATE units SET path = $1 || substr(path, $2), level = level + $3 WHERE path LIKE $4`,
				newPath, len(old.Path)+1, newLevel-old.Level, old.Path+"%")
			if err != nil {
				return err
			}
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "update", Entity: "units", EntityID: audit.ID(id),
			UnitID: id, Summary: in.Code + " " + in.Name, Before: unitInputOf(old), After: in})
	})
	if err != nil {
		return fmt.Errorf("org: update unit %d: %w", id, err)
	}
	return nil
}

func unitInputOf(u Unit) UnitInput {
	return UnitInput{Code: u.Code, Kind: u.Kind, Name: u.Name, ShortName: u.ShortName, ParentID: u.ParentID, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo}
}

// CloseUnit ends a unit's validity on lastDay, naming the unit that takes
// over its work (0 for none). Its history stays attached to it.
func (s *Store) CloseUnit(ctx context.Context, actor audit.Actor, id int64, lastDay time.Time, successorID int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.unitWhere(ctx, tx, "u.id = $1", id)
		if err != nil {
			return err
		}
		if lastDay.Before(old.ValidFrom) {
			return web.Invalid("valid_to", "org.unit.valid_to.before")
		}
		if successorID == id {
			return web.Invalid("successor_id", "org.unit.successor.self")
		}
		if successorID != 0 {
			if _, err := s.unitWhere(ctx, tx, "u.id = $1", successorID); err != nil {
				return web.Invalid("successor_id", "org.unit.successor.unknown")
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET valid_to = $1, successor_id = $2, updated_at = $3 WHERE id = $4`,
			db.FormatDate(lastDay), nullID(successorID), db.FormatTime(s.now()), id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Action: "close", Entity: "units", EntityID: audit.ID(id), UnitID: id,
			Summary: old.Code + " " + old.Name, Before: unitInputOf(old), After: map[string]any{"valid_to": db.FormatDate(lastDay), "successor_id": successorID}})
	})
	if err != nil {
		return fmt.Errorf("org: close unit %d: %w", id, err)
	}
	return nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

func nullDate(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: db.FormatDate(t), Valid: true}
}
