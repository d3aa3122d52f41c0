package org

import (
	"context"
	"slices"
	"testing"
)

// Mergers in the tests below: /1/10/ (a department) closed into /1/7/, its
// division /1/10/4/ closed into /1/7/6/, /1/20/ closed into /1/10/ before
// /1/10/ itself closed, and /1/30/ closed into /1/40/, elsewhere.
var testMergers = [][2]string{
	{"/1/10/", "/1/7/"},
	{"/1/10/4/", "/1/7/6/"},
	{"/1/20/", "/1/10/"},
	{"/1/30/", "/1/40/"},
}

func TestStaffOfASuccessorInheritTheClosedUnitsDownTheChainOfMergers(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"the successor department inherits the closed one and what merged into it", "/1/7/", []string{"/1/10/", "/1/20/"}},
		{"the successor division inherits the closed division only", "/1/7/6/", []string{"/1/10/4/"}},
		{"a sibling division inherits nothing", "/1/7/1/", nil},
		{"the province already holds them all", "/1/", nil},
		{"an unrelated department inherits nothing", "/1/5/", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := followMergers(tc.path, testMergers)
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("followMergers(%s) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
}

func TestPredecessorsAreReadOnly(t *testing.T) {
	u := &User{UnitPath: "/1/7/", Roles: []Role{RoleAdmin}, Active: true, Predecessors: followMergers("/1/7/", testMergers)}
	for _, tc := range []struct {
		act  Action
		at   string
		want bool
	}{
		{ActRead, "/1/10/", true},
		{ActRead, "/1/10/4/", true},
		{ActRead, "/1/20/", true},
		{ActRead, "/1/30/", false},
		{ActWork, "/1/10/", false},
		{ActManage, "/1/10/4/", false},
		{ActApprove, "/1/20/", false},
		{ActReveal, "/1/10/", false},
		{ActAdmin, "/1/10/", false},
	} {
		if got := u.Can(tc.act, tc.at); got != tc.want {
			t.Errorf("Can(%s, %s) = %v, want %v", tc.act, tc.at, got, tc.want)
		}
	}
	if got, want := u.ReadScopes(), []string{"/1/7/", "/1/10/", "/1/20/"}; !slices.Equal(got, want) {
		t.Errorf("ReadScopes = %v, want %v", got, want)
	}
	args := 0
	cond := PathIn("u.path", u.ReadScopes(), func(any) string { args++; return "?" })
	if cond != "(substr(u.path, 1, ?) = ? OR substr(u.path, 1, ?) = ? OR substr(u.path, 1, ?) = ?)" || args != 6 {
		t.Errorf("PathIn = %q with %d arguments", cond, args)
	}
}

func TestASignedInUserCarriesTheUnitsTheirUnitSucceeded(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	root := province(s, t)
	heir := under(t, s, root, "000.07.00.H33", "Sở Khoa học và Công nghệ", KindAgency)
	closed := under(t, s, root, "000.10.00.H33", "Sở Thông tin và Truyền thông", KindAgency)
	if err := s.CloseUnit(ctx, testActor, closed, day("30/06/2025"), heir); err != nil {
		t.Fatal(err)
	}
	id := newUser(t, s, "hoa", heir, RoleViewer)
	u, err := s.User(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.Unit(ctx, closed)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(u.Predecessors, []string{old.Path}) || !u.Can(ActRead, old.Path) || u.Can(ActWork, old.Path) {
		t.Fatalf("predecessors %v (closed unit at %s)", u.Predecessors, old.Path)
	}
}
