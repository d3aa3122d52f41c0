package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAPIFailureAnswersByKindOfError(t *testing.T) {
	errMissing := errors.New("missing")
	rd := NewRenderer(nil, nil)
	for _, tc := range []struct {
		name     string
		err      error
		wantCode int
		wantBody string
	}{
		{"field errors are the caller's to fix", Invalid("number", "error.bad_request"), 422, `"invalid"`},
		{"the room's not-found, even wrapped", fmt.Errorf("load: %w", errMissing), 404, `"not_found"`},
		{"anything else is ours", errors.New("disk full"), 500, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			rd.APIFailure(w, httptest.NewRequest(http.MethodPost, "/api/v1/x", nil), tc.err, errMissing)
			if w.Code != tc.wantCode || !strings.Contains(w.Body.String(), tc.wantBody) {
				t.Fatalf("%d %s, want %d with %s", w.Code, w.Body.String(), tc.wantCode, tc.wantBody)
			}
		})
	}
}

func TestSavedRedirectsShowsFieldErrorsOrApologises(t *testing.T) {
	rd := NewRenderer(nil, nil)
	next := func() string { return "/x/7" }
	w := httptest.NewRecorder()
	if fe := rd.Saved(w, httptest.NewRequest(http.MethodPost, "/x", nil), nil, "saved", next); fe != nil || w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/x/7" {
		t.Fatalf("success: %v %d %q, want a redirect to /x/7", fe, w.Code, w.Header().Get("Location"))
	}
	w = httptest.NewRecorder()
	if fe := rd.Saved(w, httptest.NewRequest(http.MethodPost, "/x", nil), Invalid("number", "k"), "saved", next); fe["number"] != "k" || w.Body.Len() != 0 {
		t.Fatalf("refusal: %v with %q written, want the field errors and nothing written", fe, w.Body.String())
	}
	w = httptest.NewRecorder()
	if fe := rd.Saved(w, httptest.NewRequest(http.MethodPost, "/x", nil), errors.New("disk full"), "saved", next); fe != nil || w.Code != http.StatusInternalServerError {
		t.Fatalf("failure: %v %d, want the apology", fe, w.Code)
	}
}
