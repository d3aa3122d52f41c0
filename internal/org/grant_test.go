package org

import (
	"slices"
	"testing"
)

func TestNobodyGrantsARoleWiderThanTheirOwnScope(t *testing.T) {
	province, dept, division, other := "/1/", "/1/3/", "/1/3/7/", "/1/4/"
	admin := func(path string) *User { return &User{UnitPath: path, Roles: []Role{RoleAdmin}, Active: true} }
	for _, tc := range []struct {
		name    string
		granter *User
		role    Role
		at      string
		want    bool
	}{
		{"a department admin makes an officer of a division", admin(dept), RoleOfficer, division, true},
		{"a department admin makes another admin in the department", admin(dept), RoleAdmin, dept, true},
		{"a department admin may not make a reviewer, who reads every unit", admin(dept), RoleReviewer, dept, false},
		{"a department admin grants nothing in another department", admin(dept), RoleViewer, other, false},
		{"a department admin grants nothing in the province unit above", admin(dept), RoleViewer, province, false},
		{"the province admin makes a reviewer", admin(province), RoleReviewer, other, true},
		{"a leader, not an admin, grants nothing", &User{UnitPath: province, Roles: []Role{RoleLeader}, Active: true}, RoleViewer, dept, false},
		{"a disabled province admin grants nothing", &User{UnitPath: province, Roles: []Role{RoleAdmin}}, RoleViewer, dept, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.granter.MayGrant(tc.role, tc.at); got != tc.want {
				t.Fatalf("MayGrant(%s, %s) = %v, want %v", tc.role, tc.at, got, tc.want)
			}
		})
	}
	if got := admin(dept).GrantableRoles(); slices.Contains(got, RoleReviewer) || len(got) != len(AllRoles)-1 {
		t.Fatalf("a department admin is offered %v", got)
	}
}

func TestTheRolesAChangeGivesAreTheNewOnesOrAllWhenTheUnitChanges(t *testing.T) {
	old := &User{UnitID: 3, Roles: []Role{RoleReviewer, RoleViewer}}
	for _, tc := range []struct {
		name string
		old  *User
		next UserInput
		want []Role
	}{
		{"a new user is given every role", nil, UserInput{UnitID: 3, Roles: []Role{RoleViewer, RoleOfficer}}, []Role{RoleViewer, RoleOfficer}},
		{"keeping or dropping roles gives nothing", old, UserInput{UnitID: 3, Roles: []Role{RoleReviewer}}, nil},
		{"an added role is given", old, UserInput{UnitID: 3, Roles: []Role{RoleViewer, RoleAdmin}}, []Role{RoleAdmin}},
		{"a move to another unit gives every role again", old, UserInput{UnitID: 4, Roles: []Role{RoleViewer}}, []Role{RoleViewer}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := GrantedRoles(tc.old, tc.next); !slices.Equal(got, tc.want) {
				t.Fatalf("GrantedRoles = %v, want %v", got, tc.want)
			}
		})
	}
}
