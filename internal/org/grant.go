package org

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"papihub/internal/platform/web"
)

// Who may hand out which role (issue 9): an administrator grants roles only
// inside their own subtree, and never a role whose reach is wider than that
// subtree. A reviewer reads every unit (User.Can), so only an administrator
// of a root unit, whose subtree is everything, may make one.

// MayGrant reports whether u may give role to a user of the unit at
// unitPath.
func (u *User) MayGrant(role Role, unitPath string) bool {
	if !u.Can(ActAdmin, unitPath) {
		return false
	}
	if role == RoleReviewer {
		return u.coversEverything()
	}
	return true
}

// coversEverything reports whether u's subtree is a whole tree: their unit
// is a root.
func (u *User) coversEverything() bool { return strings.Count(u.UnitPath, "/") == 2 }

// GrantableRoles are the roles u may give somewhere, in form order.
func (u *User) GrantableRoles() []Role {
	var out []Role
	for _, r := range AllRoles {
		if u.MayGrant(r, u.UnitPath) {
			out = append(out, r)
		}
	}
	return out
}

// GrantErrors checks the roles u gives to a user of the unit at unitPath
// (granted: the roles being added; all of them for a new user or a user
// moved to another unit). The field error goes on "roles".
func (u *User) GrantErrors(granted []Role, unitPath string) web.FieldErrors {
	errs := web.FieldErrors{}
	for _, r := range granted {
		if !u.MayGrant(r, unitPath) {
			errs.Add("roles", "org.user.roles.beyond_scope")
			break
		}
	}
	return errs
}

// GrantedRoles are the roles a change gives: all of next when the user is
// new or moves to another unit (each role then reaches a new subtree), else
// those of next the user did not hold.
func GrantedRoles(old *User, next UserInput) []Role {
	if old == nil || old.UnitID != next.UnitID {
		return next.Roles
	}
	var out []Role
	for _, r := range next.Roles {
		if !slices.Contains(old.Roles, r) {
			out = append(out, r)
		}
	}
	return out
}

// roleKinds says which kinds of unit a role is reserved to: a Home Affairs
// reviewer sits in a Home Affairs unit (Sở Nội vụ) or one of its divisions.
var roleKinds = map[Role][]Kind{RoleReviewer: {KindHomeAffairs}}

// checkRoleKinds refuses a role reserved to a kind of unit that neither the
// user's unit nor any unit above it is. It holds for every writer (web, API,
// command line), whoever the actor.
func (s *Store) checkRoleKinds(ctx context.Context, tx *sql.Tx, unitID int64, roles []Role) error {
	var need []Kind
	for _, r := range roles {
		need = append(need, roleKinds[r]...)
	}
	if len(need) == 0 {
		return nil
	}
	u, err := s.unitWhere(ctx, tx, "u.id = $1", unitID)
	if err != nil {
		return err
	}
	ids := strings.Split(strings.Trim(u.Path, "/"), "/")
	args := make([]any, len(ids))
	marks := make([]string, len(ids))
	for i, id := range ids {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return err
		}
		args[i], marks[i] = n, "$"+strconv.Itoa(i+1)
	}
	rows, err := tx.QueryContext(ctx, "SELECT kind FROM units WHERE id IN ("+strings.Join(marks, ", ")+")", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	have := map[Kind]bool{}
	for rows.Next() {
		var k Kind
		if err := rows.Scan(&k); err != nil {
			return err
		}
		have[k] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range need {
		if !have[k] {
			return web.Invalid("roles", "org.user.roles.wrong_unit_kind")
		}
	}
	return nil
}
