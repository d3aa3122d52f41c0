package org

import (
	"slices"
	"strings"
)

// Role is what a user may do, granted within the subtree of their unit.
type Role string

const (
	RoleAdmin    Role = "admin"    // manages units, users, tokens; everything in their subtree
	RoleLeader   Role = "leader"   // Giám đốc / Phó Giám đốc: reads everything, approves
	RoleFocal    Role = "focal"    // Văn phòng: runs plans, consolidates and issues reports
	RoleManager  Role = "manager"  // head of a division: assigns and updates the division's work
	RoleOfficer  Role = "officer"  // does tasks, posts progress and evidence
	RoleReviewer Role = "reviewer" // Home Affairs: reads every agency's reports, changes nothing
	RoleViewer   Role = "viewer"   // reads their subtree
)

// AllRoles in the order forms list them.
var AllRoles = []Role{RoleAdmin, RoleLeader, RoleFocal, RoleManager, RoleOfficer, RoleReviewer, RoleViewer}

// ParseRole checks a role name from a form, the CLI or the API.
func ParseRole(s string) (Role, bool) {
	r := Role(strings.TrimSpace(strings.ToLower(s)))
	return r, slices.Contains(AllRoles, r)
}

// Action is a kind of thing a user does to a unit's data.
type Action string

const (
	ActRead    Action = "read"    // see the unit's plans, tasks, dossiers, reports
	ActWork    Action = "work"    // post progress and evidence on the unit's tasks
	ActManage  Action = "manage"  // create and edit plans, tasks, procedures; import data
	ActApprove Action = "approve" // accept or return submitted work; issue reports
	ActReveal  Action = "reveal"  // see personal data (ID numbers, phones) in full
	ActAdmin   Action = "admin"   // manage units, users and tokens
)

// grants says which roles may take each action inside their own subtree.
// Reviewers are the one exception to the subtree rule: they read everywhere
// (see User.Can).
var grants = map[Action][]Role{
	ActRead:    {RoleAdmin, RoleLeader, RoleFocal, RoleManager, RoleOfficer, RoleReviewer, RoleViewer},
	ActWork:    {RoleAdmin, RoleFocal, RoleManager, RoleOfficer},
	ActManage:  {RoleAdmin, RoleFocal, RoleManager},
	ActApprove: {RoleAdmin, RoleFocal, RoleLeader},
	ActReveal:  {RoleAdmin, RoleLeader, RoleManager},
	ActAdmin:   {RoleAdmin},
}

// RoleNames lists a role set as strings, for web.Roles.
func RoleNames(roles ...Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}
