package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// fakeConsistency hands out increasing marks and records what reads require.
type fakeConsistency struct {
	marks    int
	required []string
}

type requiredKey struct{}

func (f *fakeConsistency) Mark(context.Context) (string, error) {
	f.marks++
	return "0/" + string(rune('A'+f.marks-1)), nil
}

func (f *fakeConsistency) Require(ctx context.Context, mark string) context.Context {
	f.required = append(f.required, mark)
	return context.WithValue(ctx, requiredKey{}, mark)
}

func TestAChangeMarksThePrimaryAndTheNextRequestRequiresIt(t *testing.T) {
	f := &fakeConsistency{}
	app := NewApp(nil, nil, nil, nil)
	app.SetConsistency(f)
	var seen string
	app.Handle("POST /things", Public, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/things", http.StatusSeeOther)
	})
	app.Handle("GET /things", Public, func(w http.ResponseWriter, r *http.Request) {
		seen, _ = r.Context().Value(requiredKey{}).(string)
	})

	get := httptest.NewRecorder()
	app.ServeHTTP(get, httptest.NewRequest("GET", "/things", nil))
	if f.marks != 0 || len(get.Result().Cookies()) != 0 || seen != "" {
		t.Fatalf("a read marked %d times, set %v, required %q; want nothing", f.marks, get.Result().Cookies(), seen)
	}

	post := httptest.NewRecorder()
	app.ServeHTTP(post, httptest.NewRequest("POST", "/things", nil))
	cookies := post.Result().Cookies()
	if f.marks != 1 || len(cookies) != 1 || cookies[0].Name != markCookie || cookies[0].Value != "0/A" || !cookies[0].HttpOnly || cookies[0].MaxAge != markCookieAge {
		t.Fatalf("after a change: %d marks, cookies %+v; want one mark 0/A in %s", f.marks, cookies, markCookie)
	}

	next := httptest.NewRequest("GET", "/things", nil)
	next.AddCookie(cookies[0])
	app.ServeHTTP(httptest.NewRecorder(), next)
	if seen != "0/A" {
		t.Fatalf("the next read required %q, want 0/A", seen)
	}
}

func TestWithoutConsistencyNoCookieIsSet(t *testing.T) {
	app := NewApp(nil, nil, nil, nil)
	app.Handle("POST /things", Public, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("POST", "/things", nil))
	if c := rec.Result().Cookies(); len(c) != 0 {
		t.Fatalf("cookies %+v, want none", c)
	}
}
