package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
)

func TestSigningInWithTheRightPasswordOpensTheHomePage(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "")
	resp := c.postForm(t, "/login", url.Values{"username": {"admin"}, "password": {testPassword}, "next": {"/admin/users"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/users" {
		t.Fatalf("login: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "papihub_session" {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v, want HttpOnly and SameSite=Lax", session)
	}
	if body := readBody(t, c.get(t, "/")); !strings.Contains(body, "Xin chào, Quản trị hệ thống") {
		t.Fatalf("home page after login does not greet the admin:\n%s", body)
	}
}

func TestAWrongPasswordSaysSoInVietnameseWithoutSayingWhichPartWasWrong(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "")
	for _, form := range []url.Values{
		{"username": {"admin"}, "password": {"sai"}},
		{"username": {"khong-ton-tai"}, "password": {"sai"}},
	} {
		resp := c.postForm(t, "/login", form)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Tên đăng nhập hoặc mật khẩu không đúng.") {
			t.Fatalf("%v: %d\n%s", form, resp.StatusCode, body)
		}
	}
}

func TestRedirectAfterLoginStaysOnThisSite(t *testing.T) {
	ts := newTestServer(t)
	for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example"} {
		resp := ts.client(t, "").postForm(t, "/login", url.Values{"username": {"admin"}, "password": {testPassword}, "next": {next}})
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("next=%q redirected to %q, want /", next, loc)
		}
	}
}

func TestAFormPostWithoutTheCSRFTokenIsRefusedAndChangesNothing(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "admin")
	resp := c.postForm(t, "/admin/units", url.Values{web_csrf: {"wrong"}, "code": {"X.1"}, "kind": {"division"}, "name": {"Phòng X"}, "parent_id": {"1"}, "valid_from": {"01/01/2026"}})
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Phiên làm việc đã thay đổi") {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(readBody(t, c.get(t, "/admin/units?q=phong+x")), "Phòng X") {
		t.Fatal("the unit was created despite the bad token")
	}
}

const web_csrf = "csrf"

func TestACrossSitePostIsRefusedBeforeAnyHandler(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "admin")
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/logout", strings.NewReader("csrf="+c.csrf))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d, want 403", resp.StatusCode)
	}
}

func TestPagesCarrySecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	resp := ts.client(t, "").get(t, "/login")
	for h, want := range map[string]string{
		"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", csp)
	}
}

func TestTheAPIAnswersErrorsInOneShape(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.client(t, "admin")
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"anonymous", "GET", "/api/v1/me", "", 401, "unauthorized"},
		{"malformed JSON", "POST", "/api/v1/units", "{not json", 400, "bad_request"},
		{"unknown field", "POST", "/api/v1/units", `{"code":"A","nope":1}`, 400, "bad_request"},
		{"invalid unit", "POST", "/api/v1/units", `{"code":"bad code","kind":"division","name":"","parent_id":1,"valid_from":"2026-01-01"}`, 422, "validation"},
		{"oversized body", "POST", "/api/v1/units", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "too_large"},
		{"unknown unit", "GET", "/api/v1/units/424242", "", 404, "not_found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := admin
			if tc.name == "anonymous" {
				c = ts.client(t, "")
			}
			resp := c.do(t, tc.method, tc.path, "application/json", tc.body)
			var e struct {
				Error struct {
					Code    string            `json:"code"`
					Message string            `json:"message"`
					Fields  map[string]string `json:"fields"`
				} `json:"error"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
				t.Fatalf("status %d, body is not the error shape: %v", resp.StatusCode, err)
			}
			if resp.StatusCode != tc.status || e.Error.Code != tc.code || e.Error.Message == "" {
				t.Fatalf("got %d %+v, want %d %s", resp.StatusCode, e.Error, tc.status, tc.code)
			}
			if tc.code == "validation" && (e.Error.Fields["code"] == "" || e.Error.Fields["name"] == "") {
				t.Fatalf("validation fields = %v, want code and name", e.Error.Fields)
			}
		})
	}
}

func TestAUnitCannotBeMovedUnderItsOwnDescendantThroughTheAPI(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "admin")
	dept, _ := ts.org.UnitByCode(t.Context(), "000.07.00.H33")
	office, _ := ts.org.UnitByCode(t.Context(), "000.07.01.H33")
	body := `{"code":"000.07.00.H33","kind":"agency","name":"Sở Khoa học và Công nghệ","parent_id":` + itoa(office.ID) + `,"valid_from":"2008-08-01"}`
	resp := c.do(t, "PUT", "/api/v1/units/"+itoa(dept.ID), "application/json", body)
	if got := readBody(t, resp); resp.StatusCode != 422 || !strings.Contains(got, "org.unit.parent.cycle") {
		t.Fatalf("%d %s", resp.StatusCode, got)
	}
}

func TestTheAPITakesBearerTokensAndRefusesRevokedOnes(t *testing.T) {
	ts := newTestServer(t)
	u, _ := ts.org.UserByUsername(t.Context(), "chuyenvien")
	token, err := ts.org.CreateToken(t.Context(), u.Actor(), u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	call := func() *http.Response {
		req, _ := http.NewRequest("GET", ts.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	resp := call()
	if body := readBody(t, resp); resp.StatusCode != 200 || !strings.Contains(body, `"username":"chuyenvien"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	toks, _ := ts.org.Tokens(t.Context(), "/")
	if err := ts.org.RevokeToken(t.Context(), u.Actor(), toks[0].ID); err != nil {
		t.Fatal(err)
	}
	if resp := call(); resp.StatusCode != 401 {
		t.Fatalf("revoked token: %d, want 401", resp.StatusCode)
	}
}

func TestTheOpenAPIDocumentListsExactlyTheAPIRoutes(t *testing.T) {
	ts := newTestServer(t)
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	registered := map[string]bool{}
	for _, rt := range ts.app.Routes() {
		if strings.Contains(rt.Pattern, " /api/") {
			registered[rt.Pattern] = true
		}
	}
	var missing, stale []string
	for r := range registered {
		if !documented[r] {
			missing = append(missing, r)
		}
	}
	for d := range documented {
		if !registered[d] {
			stale = append(stale, d)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(missing)+len(stale) > 0 {
		t.Fatalf("openapi.json out of step with the routes:\nundocumented: %v\ndocumented but not registered: %v", missing, stale)
	}
}

func TestAnAdminOfADepartmentCannotSeeAnotherDepartmentsUsers(t *testing.T) {
	ts := newTestServer(t)
	dept, _ := ts.org.UnitByCode(t.Context(), "000.07.00.H33")
	_, err := ts.org.CreateUser(t.Context(), audit.System, org.UserInput{Username: "qtso", FullName: "Quản trị Sở", UnitID: dept.ID, Roles: []org.Role{org.RoleAdmin}, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	c := ts.client(t, "qtso")
	reviewer, _ := ts.org.UserByUsername(t.Context(), "noivu") // in Home Affairs, outside the department
	if resp := c.get(t, "/admin/users/"+itoa(reviewer.ID)); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("department admin opened a Home Affairs user: %d", resp.StatusCode)
	}
	if body := readBody(t, c.get(t, "/admin/users?q=do+minh")); strings.Contains(body, "Đỗ Minh Đức") {
		t.Fatal("department admin's user list shows a Home Affairs user")
	}
}

func TestADepartmentAdminSeesOnlyTheAuditOfTheirDepartment(t *testing.T) {
	ts := newTestServer(t)
	dept, _ := ts.org.UnitByCode(t.Context(), "000.07.00.H33")
	if _, err := ts.org.CreateUser(t.Context(), audit.System, org.UserInput{Username: "qtso", FullName: "Quản trị Sở", UnitID: dept.ID, Roles: []org.Role{org.RoleAdmin}, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	body := readBody(t, ts.client(t, "qtso").get(t, "/admin/audit?entity=units"))
	if !strings.Contains(body, "Văn phòng Sở") || strings.Contains(body, "Sở Nội vụ") {
		t.Fatal("a department admin's audit view must show their units and hide others")
	}
	if body := readBody(t, ts.client(t, "admin").get(t, "/admin/audit?entity=units&per_page=200")); !strings.Contains(body, "Sở Nội vụ") {
		t.Fatal("the province admin's audit view must show every unit")
	}
}

func TestMetricsCountRequestsByRoutePattern(t *testing.T) {
	ts := newTestServer(t)
	ts.client(t, "admin").get(t, "/admin/units/1")
	// A request is counted just after its response is sent, so the scrape
	// may come first: look a few times.
	for range 50 {
		if strings.Contains(readBody(t, ts.client(t, "").get(t, "/metrics")), `route="GET /admin/units/{id}"`) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("metrics do not label requests by their route pattern")
}
