package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"testing/fstest"
)

type frameTestUser struct {
	name  string
	roles []string
}

func (u frameTestUser) HasRole(r string) bool { return slices.Contains(u.roles, r) }
func (u frameTestUser) DisplayName() string   { return u.name }

// The kept frame around a kept Body is the layout a fresh rendering gives,
// whoever asks, wherever, in either language, the first time and the next:
// everything layout.html reads is in frameKey.
func TestKeptFrameIsTheLayout(t *testing.T) {
	nav := []NavItem{{Key: "nav.start", Href: "/"}, {Key: "nav.plans", Href: "/plans"}, {Key: "nav.admin", Href: "/admin/units", Roles: []string{"admin"}}}
	rd := NewRenderer(nil, nav)
	rd.Add("t", fstest.MapFS{"things.html": {Data: []byte(`{{define "title"}}{{.Data}} – {{.T "nav.plans"}}{{end}}` +
		`{{define "content"}}<p>{{.Data}}</p><form><input type="hidden" name="csrf" value="{{.CSRF}}"></form>{{end}}`)}}, ".")
	type asker struct {
		user       *frameTestUser
		csrf, lang string
		path, data string
		flash      string
	}
	an := &frameTestUser{name: "An <Nguyễn>", roles: []string{"officer"}}
	admin := &frameTestUser{name: "Bình", roles: []string{"admin"}}
	askers := []asker{
		{an, "token-an", LangVI, "/plans/1", "Kế hoạch 1", ""},
		{an, "token-an", LangEN, "/plans/1", "Kế hoạch 1", ""},
		{an, "token-an", LangVI, "/plans/2", "Kế hoạch 2", ""},
		{an, "token-an-2", LangVI, "/plans/1", "Kế hoạch 1", ""},
		{admin, "token-binh", LangVI, "/plans/1", "Kế hoạch 1", ""},
		{admin, "token-binh", LangVI, "/", "Kế hoạch 1", ""},
		{&frameTestUser{name: "An <Nguyễn>", roles: []string{"admin"}}, "token-an", LangVI, "/plans/1", "Kế hoạch 1", ""},
		{an, "token-an", LangVI, "/plans/1", "Kế hoạch 1", "flash.saved"},
		{nil, "", LangVI, "/plans/1", "Kế hoạch 1", ""},
	}
	request := func(a asker) *http.Request {
		r := httptest.NewRequest("GET", a.path, nil)
		ctx := context.WithValue(r.Context(), langKey, a.lang)
		if a.user != nil {
			ctx = context.WithValue(ctx, sessionKey, &Session{Principal: a.user, CSRFToken: a.csrf})
		}
		if a.flash != "" {
			r.AddCookie(&http.Cookie{Name: flashCookie, Value: a.flash})
		}
		return r.WithContext(ctx)
	}
	bodies := map[string]Body{}
	for round := range 2 {
		for i, a := range askers {
			body, ok := bodies[a.data+a.lang]
			if !ok {
				var err error
				if body, err = rd.RenderBody(request(askers[0]), "t/things", a.data); err != nil {
					t.Fatal(err)
				}
				bodies[a.data+a.lang] = body
			}
			kept, fresh := httptest.NewRecorder(), httptest.NewRecorder()
			rd.PageBody(kept, request(a), http.StatusOK, "t/things", a.data, body)
			rd.Render(fresh, request(a), "t/things", a.data)
			if kept.Body.String() != fresh.Body.String() {
				t.Errorf("round %d, asker %d: the kept page differs from a fresh one:\n%s\n---\n%s", round, i, kept.Body, fresh.Body)
			}
		}
	}
}
