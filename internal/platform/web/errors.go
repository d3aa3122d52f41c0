package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FieldErrors maps a form field (or JSON key) to a message key of the
// catalogue. The page shows each message beside its field; the API returns
// the keys as stable codes.
type FieldErrors map[string]string

// Add records a problem with field, keeping the first one reported.
func (f FieldErrors) Add(field, key string) {
	if _, ok := f[field]; !ok {
		f[field] = key
	}
}

// Any reports whether there is at least one problem.
func (f FieldErrors) Any() bool { return len(f) > 0 }

// Lengths every text field is held to, in characters. A name, title, number
// or code is one line; a paragraph, note, reason or comment is longer but
// still something a person typed: megabytes of it are an attack or an
// accident, and each is stored, audited and shown on every list.
const (
	MaxLine      = 1_000
	MaxParagraph = 20_000
)

// Tighter bounds a register holds some fields to, where what is typed is
// printed in a form's narrow column or on a public page: a number, code or
// phone; a name, address or agency; a summary or note.
const (
	MaxCode  = 60
	MaxShort = 300
	MaxText  = 4_000
)

// tooLong is the message key of each bound: the message says the bound, so
// a person knows how much to cut.
var tooLong = map[int]string{MaxCode: "form.too_long.code", MaxShort: "form.too_long.short", MaxLine: "form.too_long.line",
	MaxText: "form.too_long.text", MaxParagraph: "form.too_long.paragraph"}

// LongerThan reports whether s has more than n characters.
func LongerThan(s string, n int) bool { return len(s) > n && utf8.RuneCountInString(s) > n }

// Within reports field as too long when s has more than n characters; n is
// one of the bounds above (MaxCode … MaxParagraph), whose message names it.
func (f FieldErrors) Within(field, s string, n int) {
	key, ok := tooLong[n]
	if !ok {
		panic(fmt.Sprintf("web: no message for a bound of %d characters", n))
	}
	if LongerThan(s, n) {
		f.Add(field, key)
	}
}

// Line reports field as too long ("form.too_long.line") when s is longer
// than MaxLine characters.
func (f FieldErrors) Line(field, s string) { f.Within(field, s, MaxLine) }

// Paragraph reports field as too long ("form.too_long.paragraph") when s is
// longer than MaxParagraph characters.
func (f FieldErrors) Paragraph(field, s string) { f.Within(field, s, MaxParagraph) }

// ValidationError carries field errors out of a store method (for rules only
// the database can check, such as uniqueness) back to the handler.
type ValidationError struct{ Fields FieldErrors }

func (v *ValidationError) Error() string { return "validation failed" }

// Invalid returns a ValidationError for one field.
func Invalid(field, key string) error { return &ValidationError{Fields: FieldErrors{field: key}} }

// AsValidation extracts field errors from err, if it carries any.
func AsValidation(err error) (FieldErrors, bool) {
	var v *ValidationError
	if errors.As(err, &v) {
		return v.Fields, true
	}
	return nil, false
}

// APIError is the one error shape of the JSON API.
type APIError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// WriteAPIError answers with {"error": {...}}. Field messages are translated
// into the request's language; codes stay stable.
func WriteAPIError(w http.ResponseWriter, r *http.Request, status int, code string, fields FieldErrors) {
	e := APIError{Code: code, Message: T(Lang(r), "error."+code)}
	if len(fields) > 0 {
		e.Fields = map[string]string{}
		for f, key := range fields {
			e.Fields[f] = key + ": " + T(Lang(r), key)
		}
	}
	WriteJSON(w, status, map[string]APIError{"error": e})
}

// WriteJSON answers with v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client hung up; nothing left to tell it
}

// Unauthorized answers a request that needs a signed-in user: the API says
// so, a page sends the browser to the login form and back afterwards.
func (rd *Renderer) Unauthorized(w http.ResponseWriter, r *http.Request) {
	if IsAPI(r) {
		WriteAPIError(w, r, http.StatusUnauthorized, "unauthorized", nil)
		return
	}
	if r.Method != http.MethodGet {
		rd.status(w, r, http.StatusUnauthorized, "error.unauthorized")
		return
	}
	http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
}

// Forbidden answers a signed-in user who may not do this.
func (rd *Renderer) Forbidden(w http.ResponseWriter, r *http.Request) {
	if IsAPI(r) {
		WriteAPIError(w, r, http.StatusForbidden, "forbidden", nil)
		return
	}
	rd.status(w, r, http.StatusForbidden, "error.forbidden")
}

// NotFound answers a request for something that does not exist (or that the
// user may not know exists).
func (rd *Renderer) NotFound(w http.ResponseWriter, r *http.Request) {
	if IsAPI(r) {
		WriteAPIError(w, r, http.StatusNotFound, "not_found", nil)
		return
	}
	rd.status(w, r, http.StatusNotFound, "error.not_found")
}

// Gone answers a request for something that exists but is no longer served
// (a dossier or period of an archived year): 410, with detail saying why
// and what to do (the API answers the code "gone").
func (rd *Renderer) Gone(w http.ResponseWriter, r *http.Request, detail string) {
	if IsAPI(r) {
		WriteAPIError(w, r, http.StatusGone, "gone", nil)
		return
	}
	rd.PageStatus(w, r, http.StatusGone, "web/error", errorPage{Status: http.StatusGone, Key: "error.gone", RequestID: RequestID(r), Detail: detail})
}

// BadRequest answers a request that could not be understood at all.
func (rd *Renderer) BadRequest(w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		if IsAPI(r) {
			WriteAPIError(w, r, http.StatusRequestEntityTooLarge, "too_large", nil)
			return
		}
		// Say what the page takes: the person can then split the file.
		key := "error.too_large"
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			key = "error.too_large.file"
		}
		rd.PageStatus(w, r, http.StatusRequestEntityTooLarge, "web/error", errorPage{Status: http.StatusRequestEntityTooLarge,
			Key: key, RequestID: RequestID(r), Detail: T(Lang(r), "error.too_large.limit", megabytes(tooBig.Limit))})
		return
	}
	if IsAPI(r) {
		WriteAPIError(w, r, http.StatusBadRequest, "bad_request", nil)
		return
	}
	rd.status(w, r, http.StatusBadRequest, "error.bad_request")
}

// APIFailure answers an API call whose change a store refused: field errors
// as 422 with their messages, notFound (the room's own not-found error) as
// 404, anything else as a logged 500.
func (rd *Renderer) APIFailure(w http.ResponseWriter, r *http.Request, err, notFound error) {
	if fe, ok := AsValidation(err); ok {
		WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", fe)
		return
	}
	if errors.Is(err, notFound) {
		rd.NotFound(w, r)
		return
	}
	rd.Error(w, r, err)
}

// Saved answers a form's store write: on success the flash and a redirect
// to next() (nil errors: the handler is done); on a refusal the field errors
// to show with the form again; on anything else the apology (nil errors,
// done). next is called only on success, when the new id is known.
func (rd *Renderer) Saved(w http.ResponseWriter, r *http.Request, err error, flash string, next func() string) FieldErrors {
	if fe, ok := AsValidation(err); ok {
		return fe
	}
	if err != nil {
		rd.Error(w, r, err)
		return nil
	}
	Flash(w, flash)
	http.Redirect(w, r, next(), http.StatusSeeOther)
	return nil
}

// CSRFFailed answers a form post without a valid token, typically a page left
// open across a new login.
func (rd *Renderer) CSRFFailed(w http.ResponseWriter, r *http.Request) {
	if IsAPI(r) {
		WriteAPIError(w, r, http.StatusForbidden, "csrf", nil)
		return
	}
	rd.status(w, r, http.StatusForbidden, "error.csrf")
}

// Error logs an unexpected error once, with the request id, and shows the
// user a short apology carrying that id.
func (rd *Renderer) Error(w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		rd.BadRequest(w, r, err)
		return
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client went away (closed the tab, a load tester stopped):
		// nothing failed on our side, so no error in the log.
		if rd.log != nil {
			rd.log.Debug("request abandoned by the client", slog.String("id", RequestID(r)), slog.String("path", r.URL.Path))
		}
		return
	}
	if rd.log != nil {
		rd.log.Error("request failed", slog.String("id", RequestID(r)), slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	if IsAPI(r) {
		WriteAPIError(w, r, http.StatusInternalServerError, "internal", nil)
		return
	}
	rd.status(w, r, http.StatusInternalServerError, "error.internal")
}

func (rd *Renderer) status(w http.ResponseWriter, r *http.Request, status int, key string) {
	rd.PageStatus(w, r, status, "web/error", errorPage{Status: status, Key: key, RequestID: RequestID(r)})
}

type errorPage struct {
	Status    int
	Key       string
	RequestID string
	Detail    string
}

// megabytes writes a byte limit as people read it: "20 MB", "1,5 MB".
func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
}
