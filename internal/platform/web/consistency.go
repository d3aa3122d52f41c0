package web

import (
	"context"
	"log/slog"
	"net/http"
)

// Consistency lets users read their own changes when heavy reads go to a
// replica that replays the primary with a delay (db.DB implements it). After
// each state-changing request the primary's position is marked and kept in a
// short-lived cookie; the user's next requests carry it, and reads under it
// wait for a replica that has replayed that far, or go to the primary.
type Consistency interface {
	// Mark returns the primary's position after a change; empty when there
	// is nothing to wait for.
	Mark(ctx context.Context) (string, error)
	// Require returns ctx whose heavy reads must see the marked position.
	Require(ctx context.Context, mark string) context.Context
}

// markCookie carries the mark. It names no user and grants nothing: a forged
// or stale value only sends that browser's reads to the primary.
const markCookie = "papihub_seen"

// markCookieAge outlives any replica lag worth serving from: past it, a
// replica that has still not replayed the change is reported by its lag
// metric, not hidden by routing.
const markCookieAge = 120

// SetConsistency turns on read-your-writes routing.
func (a *App) SetConsistency(c Consistency) { a.consistency = c }

// withConsistency applies the mark a request carries, and for a state-
// changing request returns a writer that marks the primary's position as
// the response starts, i.e. once the handler has committed its change.
func (a *App) withConsistency(w http.ResponseWriter, r *http.Request) (http.ResponseWriter, *http.Request) {
	if a.consistency == nil {
		return w, r
	}
	if c, err := r.Cookie(markCookie); err == nil && c.Value != "" {
		r = r.WithContext(a.consistency.Require(r.Context(), c.Value))
	}
	if safeMethod(r.Method) {
		return w, r
	}
	return &markingWriter{ResponseWriter: w, r: r, c: a.consistency, log: a.Log}, r
}

type markingWriter struct {
	http.ResponseWriter
	r      *http.Request
	c      Consistency
	log    *slog.Logger
	marked bool
}

func (m *markingWriter) mark() {
	if m.marked {
		return
	}
	m.marked = true
	pos, err := m.c.Mark(m.r.Context())
	if err != nil {
		// Without a mark the user may briefly see the page as it was; the
		// change itself is committed, so the request still succeeds.
		if m.log != nil {
			m.log.Warn("could not mark the primary's position after a change", slog.String("error", err.Error()))
		}
		return
	}
	if pos == "" {
		return
	}
	http.SetCookie(m.ResponseWriter, &http.Cookie{
		Name: markCookie, Value: pos, Path: "/", MaxAge: markCookieAge,
		HttpOnly: true, Secure: IsTLS(m.r), SameSite: http.SameSiteLaxMode,
	})
}

func (m *markingWriter) WriteHeader(code int) {
	m.mark()
	m.ResponseWriter.WriteHeader(code)
}

func (m *markingWriter) Write(b []byte) (int, error) {
	m.mark()
	return m.ResponseWriter.Write(b)
}

func (m *markingWriter) Unwrap() http.ResponseWriter { return m.ResponseWriter }
