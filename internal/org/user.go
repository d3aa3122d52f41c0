package org

import (
	"slices"
	"strings"

	"papihub/internal/audit"
)

// User is a person who signs in, with the unit whose subtree bounds what
// they may touch.
type User struct {
	ID       int64
	Username string
	FullName string
	Email    string
	Title    string // chức vụ, e.g. "Phó Giám đốc"
	UnitID   int64
	UnitPath string // path of the user's unit, e.g. "/1/4/"
	UnitName string
	Roles    []Role
	// Predecessors are the paths of the closed units whose records the
	// user's unit inherited in a merger (see predecessorsOf): read-only.
	Predecessors []string
	Active       bool
	Lang         string
	IP           string // of the current request, for the audit log
}

// HasRole implements web.Principal.
func (u *User) HasRole(role string) bool { return slices.Contains(u.Roles, Role(role)) }

// DisplayName is what the page header shows.
func (u *User) DisplayName() string {
	if u.FullName != "" {
		return u.FullName
	}
	return u.Username
}

// Actor is the user as the audit log records them.
func (u *User) Actor() audit.Actor {
	return audit.Actor{UserID: u.ID, Username: u.Username, IP: u.IP}
}

// Can reports whether the user may take action on data belonging to the unit
// at unitPath. A role counts only inside the subtree of the user's unit;
// reviewers (Home Affairs) may read any unit's data, and a role that reads
// reads the records of the closed units the user's unit succeeded, without
// changing them.
func (u *User) Can(act Action, unitPath string) bool {
	if u == nil || !u.Active {
		return false
	}
	for _, r := range grants[act] {
		if !u.HasRole(string(r)) {
			continue
		}
		if r == RoleReviewer && act == ActRead {
			return true
		}
		if InSubtree(unitPath, u.UnitPath) {
			return true
		}
		if act == ActRead && u.inPredecessor(unitPath) {
			return true
		}
	}
	return false
}

func (u *User) inPredecessor(unitPath string) bool {
	for _, p := range u.Predecessors {
		if InSubtree(unitPath, p) {
			return true
		}
	}
	return false
}

// CanAnywhere reports whether the user may take action somewhere in their
// subtree, to decide whether to offer a page at all.
func (u *User) CanAnywhere(act Action) bool { return u.Can(act, u.UnitPath) }

// ReadScope is the path prefix a list query filters on: the user's subtree,
// or everything ("/") for a reviewer.
func (u *User) ReadScope() string {
	if u.HasRole(string(RoleReviewer)) {
		return "/"
	}
	return u.UnitPath
}

// ReadScopes are ReadScope and the subtrees of the user's predecessors: the
// prefixes a list of records the user may read filters on.
func (u *User) ReadScopes() []string {
	if s := u.ReadScope(); s == "/" {
		return []string{s}
	}
	return append([]string{u.UnitPath}, u.Predecessors...)
}

// PathIn is the SQL condition "column lies under one of scopes", each
// prefix passed through arg (which returns its placeholder) with its length
// before it. It is written without LIKE: SQLite compiles a statement again
// each time a LIKE pattern is bound to it, which was half the CPU of the
// lists of the logged-in pages. Unit paths are ASCII, so characters and
// bytes count alike.
func PathIn(column string, scopes []string, arg func(any) string) string {
	conds := make([]string, len(scopes))
	for i, s := range scopes {
		n := arg(len(s)) // before the prefix: the placeholders go in order
		conds[i] = "substr(" + column + ", 1, " + n + ") = " + arg(s)
	}
	if len(conds) == 1 {
		return conds[0]
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}

// InSubtree reports whether the unit at path lies in the subtree rooted at
// root (the root itself included).
func InSubtree(path, root string) bool {
	return root != "" && path != "" && strings.HasPrefix(path, root)
}
