package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

type bodyTestUser string

func (bodyTestUser) HasRole(string) bool   { return true }
func (u bodyTestUser) DisplayName() string { return string(u) }

func bodyTestRequest(user, csrf string) *http.Request {
	r := httptest.NewRequest("GET", "/things", nil)
	return r.WithContext(context.WithValue(r.Context(), sessionKey, &Session{Principal: bodyTestUser(user), CSRFToken: csrf}))
}

// A kept Body shows the same page as a fresh rendering to another user: the
// other user's name and CSRF token, never the first one's.
func TestPageBodyIsThePageWithTheRequestsOwnCSRFToken(t *testing.T) {
	rd := NewRenderer(nil, nil)
	rd.Add("t", fstest.MapFS{"things.html": {Data: []byte(`{{define "title"}}{{.Data}}{{end}}` +
		`{{define "content"}}<p>{{.Data}}</p><form><input type="hidden" name="csrf" value="{{.CSRF}}"></form>` +
		`<a href="/x?t={{.CSRF}}">x</a>{{end}}`)}}, ".")
	body, err := rd.RenderBody(bodyTestRequest("An", "token-of-an"), "t/things", "Sổ <1>")
	if err != nil {
		t.Fatal(err)
	}
	kept := httptest.NewRecorder()
	rd.PageBody(kept, bodyTestRequest("Binh", "token-of-binh"), http.StatusOK, "t/things", "Sổ <1>", body)
	fresh := httptest.NewRecorder()
	rd.Render(fresh, bodyTestRequest("Binh", "token-of-binh"), "t/things", "Sổ <1>")
	if kept.Body.String() != fresh.Body.String() {
		t.Fatalf("kept body page differs from a fresh one:\n%s\n---\n%s", kept.Body, fresh.Body)
	}
	for _, leak := range []string{"token-of-an", csrfHole, ">An<"} {
		if strings.Contains(kept.Body.String(), leak) {
			t.Errorf("page shows %q", leak)
		}
	}
	if n := strings.Count(kept.Body.String(), "token-of-binh"); n != 4 { // the layout's two forms, the content's form and link
		t.Errorf("Binh's token appears %d times, want 4:\n%s", n, kept.Body)
	}
}

// The kept layout pieced around the content is byte for byte the layout
// executed whole, for each user, language and navigation, and never carries
// one user's name or token to another.
func TestTheKeptLayoutIsTheLayoutExecutedWhole(t *testing.T) {
	rd := NewRenderer(nil, []NavItem{{Key: "nav.home", Href: "/"}, {Key: "nav.admin", Href: "/admin", Roles: []string{"admin"}}})
	rd.Add("t", fstest.MapFS{"things.html": {Data: []byte(`{{define "title"}}Sổ {{.Data}}{{end}}` +
		`{{define "content"}}<p>{{.Data}}</p><input name="csrf" value="{{.CSRF}}">{{end}}`)}}, ".")
	for range 2 { // the second round from the kept layouts
		for _, tc := range []struct{ user, csrf, lang, data string }{
			{"An", "token-of-an", LangVI, "một"}, {"Binh", "token-of-binh", LangVI, "một"},
			{"An", "token-of-an", LangEN, "một"}, {"An", "token-of-an", LangVI, "hai"}, {"", "", LangVI, "một"},
		} {
			r := bodyTestRequest(tc.user, tc.csrf)
			if tc.user == "" {
				r = httptest.NewRequest("GET", "/things", nil)
			}
			r.AddCookie(&http.Cookie{Name: LangCookie, Value: tc.lang})
			got := httptest.NewRecorder()
			rd.Render(got, r, "t/things", tc.data)
			p := rd.pageOf(r, tc.data)
			var whole strings.Builder
			if err := rd.page("t/things").ExecuteTemplate(&whole, "layout", p); err != nil {
				t.Fatal(err)
			}
			if got.Body.String() != whole.String() {
				t.Fatalf("%+v: kept layout\n%s\n--- differs from the whole\n%s", tc, got.Body, whole.String())
			}
		}
	}
	binh := httptest.NewRecorder()
	rd.Render(binh, bodyTestRequest("Binh", "token-of-binh"), "t/things", "một")
	for _, leak := range []string{"token-of-an", ">An<", csrfHole, contentHole} {
		if strings.Contains(binh.Body.String(), leak) {
			t.Errorf("Binh's page shows %q", leak)
		}
	}
}

// A Body counts the bytes it keeps: its content without the CSRF token,
// which each request puts in.
func TestABodyCountsTheBytesOfItsContentWithoutTheToken(t *testing.T) {
	rd := NewRenderer(nil, nil)
	rd.Add("t", fstest.MapFS{"sized.html": {Data: []byte(`{{define "title"}}x{{end}}` +
		`{{define "content"}}<p>{{.Data}}</p><i>{{.CSRF}}</i>{{end}}`)}}, ".")
	body, err := rd.RenderBody(bodyTestRequest("An", "tok"), "t/sized", "a<b")
	if err != nil {
		t.Fatal(err)
	}
	// <p>a&lt;b</p> is 13 bytes, <i></i> 7.
	if got := body.Bytes(); got != 20 {
		t.Fatalf("Bytes = %d, want 20", got)
	}
}

type roleTestUser []string

func (u roleTestUser) HasRole(r string) bool { return slices.Contains(u, r) }
func (roleTestUser) DisplayName() string     { return "An" }

// The navigation is built once per set of entries and shared: each user
// still sees the entries of their own roles, whoever asked first.
func TestEachUserSeesTheNavigationOfTheirRoles(t *testing.T) {
	rd := NewRenderer(nil, []NavItem{{Key: "nav.home", Href: "/"}, {Key: "nav.admin", Href: "/admin", Roles: []string{"admin"}},
		{Key: "nav.plans", Href: "/plans", Roles: []string{"planner", "admin"}}})
	for range 2 { // the second round from the shared slices
		for _, tc := range []struct {
			roles roleTestUser
			want  []string
		}{
			{nil, []string{"/"}},
			{roleTestUser{"admin"}, []string{"/", "/admin", "/plans"}},
			{roleTestUser{"planner"}, []string{"/", "/plans"}},
			{roleTestUser{"planner", "admin"}, []string{"/", "/admin", "/plans"}},
		} {
			nav, _ := rd.navFor(&Session{Principal: tc.roles})
			var got []string
			for _, n := range nav {
				got = append(got, n.Href)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("roles %v see %v, want %v", tc.roles, got, tc.want)
			}
		}
	}
}
