package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAnAbandonedRequestIsNotLoggedAsAnError(t *testing.T) {
	var logged bytes.Buffer
	rd := NewRenderer(slog.New(slog.NewTextHandler(&logged, nil)), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequest(http.MethodGet, "/api/v1/x", nil).WithContext(ctx)
	rd.Error(httptest.NewRecorder(), r, fmt.Errorf("query: %w", context.Canceled))
	if logged.Len() != 0 {
		t.Fatalf("logged: %s", logged.String())
	}
	// A real failure is still logged, and so is a cancellation the client
	// did not cause (its request is still alive).
	for _, err := range []error{errors.New("disk full"), context.Canceled} {
		logged.Reset()
		rd.Error(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/api/v1/x", nil), err)
		if !strings.Contains(logged.String(), "request failed") {
			t.Errorf("%v: logged %q", err, logged.String())
		}
	}
}
