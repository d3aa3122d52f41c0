package org

import (
	"context"
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

func TestTheReviewerRoleIsStoredOnlyForHomeAffairsUnitsWhoeverAsks(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	p := province(s, t)
	home := under(t, s, p, "000.01.00.H33", "Sở Nội vụ", KindHomeAffairs)
	homeDivision := under(t, s, home, "000.01.01.H33", "Phòng Cải cách hành chính", KindDivision)
	agency := under(t, s, p, "000.07.00.H33", "Sở Khoa học và Công nghệ", KindAgency)
	reviewer := func(name string, unit int64) UserInput {
		return UserInput{Username: name, FullName: "Người xem xét", UnitID: unit, Roles: []Role{RoleReviewer}, Password: "mat-khau-dai-du", Active: true}
	}
	if _, err := s.CreateUser(ctx, testActor, reviewer("xemxet.so", agency)); fieldError(t, err, "roles") != "org.user.roles.wrong_unit_kind" {
		t.Fatalf("a reviewer in an agency: %v", err)
	}
	for _, unit := range []int64{home, homeDivision} {
		if _, err := s.CreateUser(ctx, testActor, reviewer("xemxet"+itoa(unit), unit)); err != nil {
			t.Fatalf("a reviewer in Home Affairs (unit %d): %v", unit, err)
		}
	}
	u, err := s.UserByUsername(ctx, "xemxet"+itoa(home))
	if err != nil {
		t.Fatal(err)
	}
	moved := reviewer(u.Username, agency)
	if err := s.UpdateUser(ctx, testActor, u.ID, moved); fieldError(t, err, "roles") != "org.user.roles.wrong_unit_kind" {
		t.Fatalf("moving a reviewer into an agency: %v", err)
	}
}
