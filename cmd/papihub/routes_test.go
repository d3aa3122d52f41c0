package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// Who may call each route. A route missing here fails the test, so nobody
// adds a route without deciding who may use it.
var (
	everyone = []string{"", "admin", "leader", "focal", "manager", "officer", "reviewer", "viewer"}
	signedIn = everyone[1:]
	admins   = []string{"admin"}
)

var routeAccess = map[string][]string{
	"GET /healthz":                    everyone,
	"GET /readyz":                     everyone,
	"GET /metrics":                    everyone,
	"GET /static/":                    everyone,
	"GET /api/v1/openapi.json":        everyone,
	"GET /login":                      everyone,
	"POST /login":                     everyone,
	"POST /lang":                      everyone,
	"POST /logout":                    signedIn,
	"GET /{$}":                        signedIn,
	"GET /account":                    signedIn,
	"POST /account/password":          signedIn,
	"GET /api/v1/me":                  signedIn,
	"GET /api/v1/units":               signedIn,
	"GET /api/v1/units/{id}":          signedIn,
	"PUT /api/v1/units/{id}":          admins,
	"POST /api/v1/units":              admins,
	"GET /api/v1/users":               admins,
	"POST /api/v1/users":              admins,
	"GET /api/v1/users/{id}":          admins,
	"GET /admin/units":                admins,
	"GET /admin/units/new":            admins,
	"POST /admin/units":               admins,
	"GET /admin/units/{id}":           admins,
	"POST /admin/units/{id}":          admins,
	"POST /admin/units/{id}/close":    admins,
	"GET /admin/users":                admins,
	"GET /admin/users/new":            admins,
	"POST /admin/users":               admins,
	"GET /admin/users/{id}":           admins,
	"POST /admin/users/{id}":          admins,
	"POST /admin/users/{id}/password": admins,
	"GET /admin/tokens":               admins,
	"POST /admin/tokens":              admins,
	"POST /admin/tokens/{id}/revoke":  admins,
	"GET /admin/audit":                admins,
}

// addRouteAccess lets each capability's test file declare its routes (from
// init), so that this table does not become everyone's merge conflict.
func addRouteAccess(m map[string][]string) {
	for k, v := range m {
		if _, dup := routeAccess[k]; dup {
			panic("routeAccess: " + k + " declared twice")
		}
		routeAccess[k] = v
	}
}

// demoUserOfRole maps a role to the demo account that holds it.
var demoUserOfRole = map[string]string{
	"admin": "admin", "leader": "giamdoc", "focal": "vanphong", "manager": "truongphong",
	"officer": "chuyenvien", "reviewer": "noivu", "viewer": "xem",
}

var pathParam = regexp.MustCompile(`\{[a-z_]+\}`)

// concretePath turns a pattern into a path that reaches the handler. Ids
// point at a row that does not exist, so an allowed call can answer 404 or
// 422 but changes nothing.
func concretePath(pattern string) string {
	p := strings.TrimSuffix(pattern, "{$}")
	if strings.HasSuffix(p, "/static/") {
		p += "style.css"
	}
	return pathParam.ReplaceAllString(p, "999999")
}

func TestEveryRouteAnswersEachRoleAsDeclared(t *testing.T) {
	ts := newTestServer(t)
	for _, rt := range ts.app.Routes() {
		allowed, ok := routeAccess[rt.Pattern]
		if !ok {
			t.Errorf("route %q has no entry in routeAccess: decide who may call it", rt.Pattern)
			continue
		}
		method, pattern, _ := strings.Cut(rt.Pattern, " ")
		for _, role := range everyone {
			may := false
			for _, a := range allowed {
				may = may || a == role
			}
			username := demoUserOfRole[role]
			c := ts.client(t, username) // a fresh session each time: some routes end it
			var resp *http.Response
			switch {
			case method == http.MethodGet:
				resp = c.get(t, concretePath(pattern))
			case strings.HasPrefix(pattern, "/api/"):
				resp = c.do(t, method, concretePath(pattern), "application/json", "{}")
			default:
				resp = c.postForm(t, concretePath(pattern), nil)
			}
			denied := resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized ||
				(resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login?next="))
			if may && denied {
				t.Errorf("%s as %q: status %d, want allowed", rt.Pattern, role, resp.StatusCode)
			}
			if !may && !denied {
				t.Errorf("%s as %q: status %d, want denied", rt.Pattern, role, resp.StatusCode)
			}
		}
	}
	for pattern := range routeAccess {
		found := false
		for _, rt := range ts.app.Routes() {
			found = found || rt.Pattern == pattern
		}
		if !found {
			t.Errorf("routeAccess lists %q, which is not registered", pattern)
		}
	}
}
