package main

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// withDepartmentAdmin adds an administrator of the Department of Science and
// Technology (an agency, not the province) to the demo organisation.
func withDepartmentAdmin(t *testing.T, ts *testServer) {
	t.Helper()
	dept, err := ts.org.UnitByCode(t.Context(), scienceDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.org.CreateUser(t.Context(), audit.System, org.UserInput{Username: "qtso", FullName: "Quản trị Sở", UnitID: dept.ID,
		Roles: []org.Role{org.RoleAdmin}, Password: testPassword, Active: true}); err != nil {
		t.Fatal(err)
	}
}

func unitID(t *testing.T, ts *testServer, code string) string {
	t.Helper()
	u, err := ts.org.UnitByCode(t.Context(), code)
	if err != nil {
		t.Fatal(err)
	}
	return itoa(u.ID)
}

func rolesOf(t *testing.T, ts *testServer, username string) []org.Role {
	t.Helper()
	u, err := ts.org.UserByUsername(t.Context(), username)
	if err != nil {
		return nil
	}
	return u.Roles
}

func TestAnAgencyAdminCannotCreateAProvinceWideReader(t *testing.T) {
	ts := newTestServer(t)
	withDepartmentAdmin(t, ts)
	web := ts.client(t, "qtso")
	form := url.Values{"username": {"doc.ca.tinh"}, "full_name": {"Người đọc"}, "unit_id": {unitID(t, ts, scienceDeptCode)},
		"password": {testPassword}, "active": {"1"}, "roles": {"reviewer"}}
	if resp := web.postForm(t, "/admin/users", form); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(readBody(t, resp), "rộng hơn phạm vi quản trị") {
		t.Fatalf("web: %d, want 422 saying the role is beyond the admin's scope", resp.StatusCode)
	}
	status, body := bearer(t, ts, "qtso", "POST", "/api/v1/users",
		`{"username":"doc.ca.tinh","full_name":"Người đọc","unit_id":`+unitID(t, ts, scienceDeptCode)+`,"roles":["reviewer"],"password":"`+testPassword+`"}`)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "org.user.roles.beyond_scope") {
		t.Fatalf("API: %d %s", status, body)
	}
	if roles := rolesOf(t, ts, "doc.ca.tinh"); roles != nil {
		t.Fatalf("the user was created with %v", roles)
	}
	if page := readBody(t, web.get(t, "/admin/users/new")); strings.Contains(page, `value="reviewer"`) {
		t.Fatal("the form offers the reviewer role to an agency admin")
	}
	// What the agency admin may grant still works.
	form.Set("roles", "officer")
	if resp := web.postForm(t, "/admin/users", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("creating an officer: %d", resp.StatusCode)
	}
}

func TestAnAgencyAdminCannotWidenAnExistingUsersRole(t *testing.T) {
	ts := newTestServer(t)
	withDepartmentAdmin(t, ts)
	xem, err := ts.org.UserByUsername(t.Context(), "xem")
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"username": {"xem"}, "full_name": {xem.FullName}, "unit_id": {itoa(xem.UnitID)}, "active": {"1"}, "roles": {"viewer", "reviewer"}}
	if resp := ts.client(t, "qtso").postForm(t, "/admin/users/"+itoa(xem.ID), form); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("adding reviewer: %d, want 422", resp.StatusCode)
	}
	if roles := rolesOf(t, ts, "xem"); !slices.Equal(roles, []org.Role{org.RoleViewer}) {
		t.Fatalf("xem now holds %v", roles)
	}
}

func TestTheReviewerRoleBelongsToHomeAffairsUnitsEvenForTheProvinceAdmin(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.client(t, "admin")
	form := url.Values{"username": {"doc.so"}, "full_name": {"Người đọc"}, "unit_id": {unitID(t, ts, scienceDeptCode)},
		"password": {testPassword}, "active": {"1"}, "roles": {"reviewer"}}
	if resp := admin.postForm(t, "/admin/users", form); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(readBody(t, resp), "chỉ dành cho người dùng của Sở Nội vụ") {
		t.Fatalf("reviewer in an agency: %d, want 422", resp.StatusCode)
	}
	noivu, err := ts.org.UserByUsername(t.Context(), "noivu")
	if err != nil {
		t.Fatal(err)
	}
	move := url.Values{"username": {"noivu"}, "full_name": {noivu.FullName}, "unit_id": {unitID(t, ts, scienceDeptCode)}, "active": {"1"}, "roles": {"reviewer"}}
	if resp := admin.postForm(t, "/admin/users/"+itoa(noivu.ID), move); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("moving the reviewer into an agency: %d, want 422", resp.StatusCode)
	}
	status, body := bearer(t, ts, "admin", "POST", "/api/v1/users",
		`{"username":"doc.so","full_name":"Người đọc","unit_id":`+unitID(t, ts, scienceDeptCode)+`,"roles":["reviewer"],"password":"`+testPassword+`"}`)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "org.user.roles.wrong_unit_kind") {
		t.Fatalf("API: %d %s", status, body)
	}
	form.Set("unit_id", unitID(t, ts, homeAffairsCode))
	if resp := admin.postForm(t, "/admin/users", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reviewer in Home Affairs by the province admin: %d", resp.StatusCode)
	}
}
