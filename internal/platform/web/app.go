// Package web is PAPI Hub's small HTTP kit: routes registered with the access
// they require, page rendering with a shared layout, forms, errors, CSRF
// protection, security headers, the message catalogue and metrics. It knows
// nothing of the domain; who the user is comes from an Authenticator that the
// org capability provides.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Principal is the signed-in user as far as routing is concerned.
type Principal interface {
	HasRole(role string) bool
}

// Session is what an Authenticator found on a request: the user, the CSRF
// token of their browser session, and whether they came with an API token
// (which carries no ambient authority, so needs no CSRF token).
type Session struct {
	Principal Principal
	CSRFToken string
	Lang      string
	ViaToken  bool
}

// Authenticator finds the session of a request; it returns nil for an
// anonymous request and an error only when the lookup itself failed.
type Authenticator func(r *http.Request) (*Session, error)

// Access is what a route requires of its caller.
type Access struct {
	name  string
	roles []string // empty with signedIn: any signed-in user
	open  bool
}

var (
	// Public routes answer anyone, signed in or not.
	Public = Access{name: "public", open: true}
	// SignedIn routes answer any signed-in user.
	SignedIn = Access{name: "signed-in"}
)

// Roles returns an Access granted to users holding at least one of roles.
func Roles(roles ...string) Access {
	return Access{name: "roles:" + strings.Join(roles, ","), roles: roles}
}

// String names the access, for the route listing and tests.
func (a Access) String() string { return a.name }

// Allows reports whether a caller with session s passes this access.
func (a Access) Allows(s *Session) bool {
	if a.open {
		return true
	}
	if s == nil {
		return false
	}
	if len(a.roles) == 0 {
		return true
	}
	for _, r := range a.roles {
		if s.Principal.HasRole(r) {
			return true
		}
	}
	return false
}

// Route is one registered pattern, for listing and the authorisation test.
type Route struct {
	Pattern string // as given to ServeMux, e.g. "GET /admin/units/{id}"
	Access  Access
	MaxBody int64
}

// App holds the routes and everything a handler needs to answer.
type App struct {
	mux     *http.ServeMux
	handler http.Handler // mux behind the cross-origin check
	routes  []Route
	auth    Authenticator
	Render  *Renderer
	Log     *slog.Logger
	metrics *Metrics
	// consistency, when set, routes a user's reads after their own change
	// (see SetConsistency).
	consistency Consistency
}

// NewApp makes an App. auth may be nil (every request anonymous) in tests.
func NewApp(render *Renderer, auth Authenticator, log *slog.Logger, metrics *Metrics) *App {
	if auth == nil {
		auth = func(*http.Request) (*Session, error) { return nil, nil }
	}
	mux := http.NewServeMux()
	return &App{mux: mux, handler: crossOrigin.Handler(mux), auth: auth, Render: render, Log: log, metrics: metrics}
}

// Option adjusts one route.
type Option func(*Route)

// MaxBody raises the request body limit of a route (uploads); the default is
// DefaultMaxBody.
func MaxBody(n int64) Option { return func(r *Route) { r.MaxBody = n } }

// DefaultMaxBody bounds every request body unless the route says otherwise.
const DefaultMaxBody = 1 << 20

// Handle registers h for pattern with the access it requires.
func (a *App) Handle(pattern string, access Access, h http.HandlerFunc, opts ...Option) {
	rt := Route{Pattern: pattern, Access: access, MaxBody: DefaultMaxBody}
	for _, o := range opts {
		o(&rt)
	}
	a.routes = append(a.routes, rt)
	a.mux.Handle(pattern, a.guard(rt, h))
}

// Routes lists every registered route in pattern order.
func (a *App) Routes() []Route {
	out := append([]Route(nil), a.routes...)
	sort.Slice(out, func(i, j int) bool { return out[i].Pattern < out[j].Pattern })
	return out
}

type ctxKey int

const (
	sessionKey ctxKey = iota
	requestIDKey
	langKey
)

// SessionOf returns the session of a request, or nil when anonymous.
func SessionOf(r *http.Request) *Session {
	s, _ := r.Context().Value(sessionKey).(*Session)
	return s
}

// PrincipalOf returns the signed-in user of a request, or nil.
func PrincipalOf(r *http.Request) Principal {
	if s := SessionOf(r); s != nil {
		return s.Principal
	}
	return nil
}

// RequestID returns the id given to the request, shown on error pages.
func RequestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey).(string)
	return id
}

// IsAPI reports whether a request is for the JSON API, which answers errors
// as JSON instead of pages and redirects.
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// guard wraps a handler with authentication, access, CSRF and the body limit.
func (a *App) guard(rt Route, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, err := a.auth(r)
		if err != nil {
			a.Render.Error(w, r, err)
			return
		}
		ctx := context.WithValue(r.Context(), sessionKey, s)
		r = r.WithContext(ctx)
		if !rt.Access.Allows(s) {
			if s == nil {
				a.Render.Unauthorized(w, r)
			} else {
				a.Render.Forbidden(w, r)
			}
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, rt.MaxBody)
		// An upload is read here, once, so that one over the route's limit
		// is answered as too large whatever the handler does with the error.
		// Beyond 1 MiB its files wait on disk, not in memory: the readers
		// take them from there within their own bounds.
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			var tooBig *http.MaxBytesError
			if err := r.ParseMultipartForm(1 << 20); errors.As(err, &tooBig) {
				a.Render.BadRequest(w, r, err)
				return
			}
		}
		if !safeMethod(r.Method) && s != nil && !s.ViaToken {
			ok, err := validCSRF(r, s.CSRFToken)
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				a.Render.BadRequest(w, r, err)
				return
			}
			if !ok {
				a.Render.CSRFFailed(w, r)
				return
			}
		}
		if carriesNUL(r) {
			a.Render.BadRequest(w, r, errNUL)
			return
		}
		h(w, r)
	})
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// ServeHTTP runs the middleware chain shared by every request: request id,
// language, security headers, cross-origin protection, metrics and logging.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := newRequestID()
	ctx := context.WithValue(r.Context(), requestIDKey, id)
	ctx = context.WithValue(ctx, langKey, chooseLang(r))
	r = r.WithContext(ctx)
	w, r = a.withConsistency(w, r)
	setSecurityHeaders(w, r)
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	a.handler.ServeHTTP(rec, r)
	elapsed := time.Since(start)
	if a.metrics != nil {
		// ServeMux records the matched pattern on the request itself.
		a.metrics.observe(r.Method, r.Pattern, rec.status, elapsed)
	}
	if a.Log != nil && (rec.status >= 500 || a.Log.Enabled(ctx, slog.LevelDebug)) {
		a.Log.LogAttrs(ctx, levelFor(rec.status), "request",
			slog.String("id", id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.Duration("elapsed", elapsed))
	}
}

func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelDebug
}

// crossOrigin rejects state-changing requests that a browser marks as coming
// from another site (Sec-Fetch-Site / Origin), before any handler runs. The
// per-session token checked in guard covers old browsers that send neither.
var crossOrigin = http.NewCrossOriginProtection()

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
