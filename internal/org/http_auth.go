package org

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// SessionCookie holds the browser's session token.
const SessionCookie = "papihub_session"

// Authenticate finds the user of a request: an API token in the
// Authorization header, or a session cookie. It implements web.Authenticator.
func (s *Store) Authenticate(r *http.Request) (*web.Session, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return nil, nil
		}
		u, err := s.TokenUser(r.Context(), strings.TrimSpace(token))
		if errors.Is(err, db.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		u.IP = ClientIP(r)
		return &web.Session{Principal: u, ViaToken: true, Lang: u.Lang}, nil
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return nil, nil
	}
	u, csrf, err := s.SessionUser(r.Context(), c.Value)
	if errors.Is(err, db.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	u.IP = ClientIP(r)
	return &web.Session{Principal: u, CSRFToken: csrf, Lang: u.Lang}, nil
}

// CurrentUser returns the signed-in user of a request handled behind an
// access check, or nil for a public route visited anonymously.
func CurrentUser(r *http.Request) *User {
	u, _ := web.PrincipalOf(r).(*User)
	return u
}

// ClientIP is the address a request came from, as web.ClientIP decides it
// (forwarding headers count only from PAPIHUB_TRUSTED_PROXIES).
func ClientIP(r *http.Request) string { return web.ClientIP(r) }

func setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: web.IsTLS(r), SameSite: http.SameSiteLaxMode, MaxAge: int(AbsoluteTimeout.Seconds())})
}

func clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: web.IsTLS(r), SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// localPath keeps a redirect target on this site: only a path, never a URL
// to elsewhere ("//evil.example" is a URL too).
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || u.Host != "" {
		return "/"
	}
	return next
}

type loginPage struct {
	Username string
	Next     string
	Error    string
}

func (h *handler) loginForm(w http.ResponseWriter, r *http.Request) {
	if CurrentUser(r) != nil {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	h.render.Render(w, r, "org/login", loginPage{Next: localPath(r.URL.Query().Get("next"))})
}

func (h *handler) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := localPath(r.PostFormValue("next"))
	token, _, err := h.store.Login(r.Context(), username, password, ClientIP(r), r.UserAgent())
	if err != nil {
		page := loginPage{Username: username, Next: next}
		// 422 like any form with errors: the route itself is open to all.
		status := http.StatusUnprocessableEntity
		switch {
		case errors.Is(err, ErrBadCredentials):
			page.Error = "org.login.bad"
		case errors.Is(err, ErrThrottled):
			page.Error, status = "org.login.throttled", http.StatusTooManyRequests
		case errors.Is(err, ErrInactive):
			page.Error = "org.login.inactive"
		default:
			h.render.Error(w, r, err)
			return
		}
		h.render.PageStatus(w, r, status, "org/login", page)
		return
	}
	// A new session id at every sign-in: a token planted before sign-in
	// (session fixation) is worth nothing after it. The old one is ended.
	if c, err := r.Cookie(SessionCookie); err == nil {
		if old, _, err := h.store.SessionUser(r.Context(), c.Value); err == nil {
			_ = h.store.Logout(r.Context(), c.Value, old) // best effort: the new session is what counts
		}
	}
	setSessionCookie(w, r, token)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := h.store.Logout(r.Context(), c.Value, CurrentUser(r)); err != nil {
			h.render.Error(w, r, err)
			return
		}
	}
	clearSessionCookie(w, r)
	web.Flash(w, "org.logout.done")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// setLang remembers the chosen language in a cookie (and on the account).
func (h *handler) setLang(w http.ResponseWriter, r *http.Request) {
	lang := r.PostFormValue("lang")
	if lang != web.LangEN {
		lang = web.LangVI
	}
	http.SetCookie(w, &http.Cookie{Name: web.LangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: web.IsTLS(r)})
	http.Redirect(w, r, localPath(r.PostFormValue("next")), http.StatusSeeOther)
}
