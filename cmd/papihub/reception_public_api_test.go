package main

import (
	"net/http"
	"testing"
)

// The public look-up and rating of a citizen's letter by its code are
// limited per client as the dossiers' look-up is (PAPIHUB_LOOKUP_RATE,
// default 5 a second in bursts of 20): a client walking codes is refused.
func TestThePublicLetterLookUpAndRatingAreLimitedPerClient(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "")
	for _, call := range []struct{ method, path, body string }{
		{http.MethodGet, "/api/v1/public/reception/lookup?code=AAAAA-AAAAA", ""},
		{http.MethodPost, "/api/v1/public/reception/rating", `{"code":"AAAAA-AAAAA","rating":"satisfied"}`},
	} {
		limited := 0
		for range 40 {
			resp := c.do(t, call.method, call.path, "application/json", call.body)
			switch resp.StatusCode {
			case http.StatusTooManyRequests:
				limited++
				if resp.Header.Get("Retry-After") == "" {
					t.Fatalf("%s: 429 without Retry-After", call.path)
				}
			case http.StatusNotFound:
			default:
				t.Fatalf("%s: %d, want 404 for an unknown code or 429", call.path, resp.StatusCode)
			}
		}
		if limited < 15 {
			t.Errorf("%s: %d of 40 calls at once refused, want at least 15 (a burst of 20)", call.path, limited)
		}
	}
}
