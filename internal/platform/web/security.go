package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
)

// contentSecurityPolicy allows nothing inline and nothing from elsewhere:
// every script and style is a file served by papihub itself.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

func setSecurityHeaders(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// CSRFField is the form field (and X-CSRF-Token the header) that carries the
// session's token on every state-changing request from a browser.
const CSRFField = "csrf"

// validCSRF reports whether the request carries the session's token. The
// error is the body's when reading the form failed, so that an upload over
// the route's limit is answered as such, not as a stale session.
func validCSRF(r *http.Request, want string) (bool, error) {
	if want == "" {
		return false, nil
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		// ParseMultipartForm also fills r.PostForm for multipart bodies.
		if err := r.ParseMultipartForm(32 << 20); err != nil && err != http.ErrNotMultipart {
			return false, err
		}
		got = r.PostFormValue(CSRFField)
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1, nil
}

// RandomToken returns n random bytes, URL-safe base64 encoded: session ids,
// CSRF tokens and API tokens.
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("web: no randomness: " + err.Error()) // the OS source does not fail on Linux
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func newRequestID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("web: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// IsTLS reports whether the request reached us over TLS, directly or through
// a proxy that says so; cookies are then marked Secure.
func IsTLS(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}
