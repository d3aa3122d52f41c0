package org

import "testing"

func TestPermissionsAreScopedToTheUsersSubtree(t *testing.T) {
	dept := "/1/3/"
	division := "/1/3/7/"
	other := "/1/4/"
	user := func(path string, roles ...Role) *User { return &User{UnitPath: path, Roles: roles, Active: true} }
	for _, tc := range []struct {
		name string
		u    *User
		act  Action
		at   string
		want bool
	}{
		{"officer works in own division", user(division, RoleOfficer), ActWork, division, true},
		{"officer may not work in the parent department", user(division, RoleOfficer), ActWork, dept, false},
		{"officer may not manage", user(division, RoleOfficer), ActManage, division, false},
		{"focal of the department manages a division", user(dept, RoleFocal), ActManage, division, true},
		{"focal may not touch another department", user(dept, RoleFocal), ActRead, other, false},
		{"leader approves in the department", user(dept, RoleLeader), ActApprove, division, true},
		{"leader does not manage tasks", user(dept, RoleLeader), ActManage, division, false},
		{"reviewer reads every agency", user("/1/2/", RoleReviewer), ActRead, other, true},
		{"reviewer changes nothing", user("/1/2/", RoleReviewer), ActWork, "/1/2/", false},
		{"viewer reads own subtree only", user(dept, RoleViewer), ActRead, other, false},
		{"manager reveals personal data in own division", user(division, RoleManager), ActReveal, division, true},
		{"officer may not reveal personal data", user(division, RoleOfficer), ActReveal, division, false},
		{"admin of the province administers all", user("/1/", RoleAdmin), ActAdmin, division, true},
		{"admin of a department cannot administer the province", user(dept, RoleAdmin), ActAdmin, "/1/", false},
		{"a disabled user can do nothing", &User{UnitPath: "/1/", Roles: []Role{RoleAdmin}}, ActRead, "/1/", false},
		{"a prefix that is not a subtree does not count", user("/1/3/", RoleAdmin), ActAdmin, "/1/30/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.u.Can(tc.act, tc.at); got != tc.want {
				t.Fatalf("Can(%s, %s) = %v, want %v", tc.act, tc.at, got, tc.want)
			}
		})
	}
}

func TestPasswordHashesVerifyAndResistTampering(t *testing.T) {
	h, err := HashPassword("mật khẩu đủ dài")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := CheckPassword(h, "mật khẩu đủ dài"); !ok || err != nil {
		t.Fatalf("right password: %v, %v", ok, err)
	}
	if ok, _ := CheckPassword(h, "mat khau du dai"); ok {
		t.Fatal("a folded password must not match")
	}
	if _, err := CheckPassword("$argon2id$v=19$m=1,t=1,p=1$$", "x"); err == nil {
		t.Fatal("a malformed hash must be an error")
	}
	h2, _ := HashPassword("mật khẩu đủ dài")
	if h == h2 {
		t.Fatal("two hashes of one password must differ (salt)")
	}
}
