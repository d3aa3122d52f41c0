package web

import (
	"context"
	"net/http"
	"net/http/httptest"
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
