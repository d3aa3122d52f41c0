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
