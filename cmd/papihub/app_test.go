package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/secret"
	"papihub/internal/platform/web"
)

const testPassword = "mat-khau-thu-nghiem"

// testServer is papihub with the demo organisation, on the engine under test.
type testServer struct {
	*httptest.Server
	db   *db.DB
	org  *org.Store
	app  *web.App
	deps deps // what the app was built with, for loading demo data into it
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	conn := dbtest.Open(t, modules()...)
	store := org.NewStore(conn, nil)
	if _, err := store.LoadDemo(context.Background(), testPassword); err != nil {
		t.Fatal(err)
	}
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	d := deps{db: conn, org: store, log: slog.New(slog.NewTextHandler(io.Discard, nil)), dataDir: t.TempDir(), secret: box}.complete()
	app := newApp(d)
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return &testServer{Server: srv, db: conn, org: store, app: app, deps: d}
}

// client is a browser-like client signed in as username (anonymous when
// username is empty), with its CSRF token.
type client struct {
	*http.Client
	base string
	csrf string
}

func (ts *testServer) client(t *testing.T, username string) *client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, base: ts.URL}
	if username == "" {
		return c
	}
	ctx := context.Background()
	u, err := ts.org.UserByUsername(ctx, username)
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	token, err := ts.org.OpenSession(ctx, u.ID, u.Username, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	_, c.csrf, err = ts.org.SessionUser(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(ts.URL)
	jar.SetCookies(base, []*http.Cookie{{Name: org.SessionCookie, Value: token, Path: "/"}})
	return c
}

func (c *client) get(t *testing.T, path string) *http.Response {
	t.Helper()
	resp, err := c.Get(c.base + path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// postForm sends a form with the client's CSRF token.
func (c *client) postForm(t *testing.T, path string, form url.Values) *http.Response {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if c.csrf != "" && form.Get(web.CSRFField) == "" {
		form.Set(web.CSRFField, c.csrf)
	}
	resp, err := c.PostForm(c.base+path, form)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// do sends any request with the CSRF header set.
func (c *client) do(t *testing.T, method, path, contentType, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
