package portal

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
)

func TestQueryParametersAreReadOnceAndBounded(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  params // query left out of the comparison
		bad   bool
	}{
		{"", params{lang: "vi", page: 1}, false},
		{"lang=en&q=+cap+phep+&page=3", params{lang: "en", q: "cap phep", page: 3}, false},
		{"lang=fr", params{lang: "vi", page: 1}, false},
		{"nam=2025", params{lang: "vi", page: 1, year: 2025}, false},
		{"ma=H15.50.05.13-261008-0975", params{lang: "vi", page: 1, code: "H15.50.05.13-261008-0975"}, false},
		{"page=1000", params{lang: "vi", page: 1000}, false},
		{"page=1001", params{}, true},
		{"page=0", params{}, true},
		{"page=99999999999999999999999", params{}, true},
		{"page=2a", params{}, true},
		{"nam=1999", params{}, true},
		{"nam=2101", params{}, true},
		{"q=%ff", params{}, true},
		{"q=a%0Ab", params{}, true},
		{"q=" + strings.Repeat("đ", 201), params{}, true},
		{"q=" + strings.Repeat("đ", 200), params{lang: "vi", page: 1, q: strings.Repeat("đ", 200)}, false},
		{"q=%zz", params{}, true},
		{"q=%27+OR+1%3D1", params{lang: "vi", page: 1, q: "' OR 1=1"}, false},
	} {
		t.Run(tc.query, func(t *testing.T) {
			got, err := parseParams(httptest.NewRequest(http.MethodGet, "/cong-khai?"+tc.query, nil))
			if (err != nil) != tc.bad {
				t.Fatalf("err = %v, want bad %v", err, tc.bad)
			}
			got.query = nil
			if !tc.bad && (got.lang != tc.want.lang || got.q != tc.want.q || got.page != tc.want.page || got.year != tc.want.year || got.code != tc.want.code) {
				t.Fatalf("params = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestAConditionalRequestIsAnsweredByTheTagFirst(t *testing.T) {
	modified := time.Date(2026, 8, 14, 2, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		header map[string]string
		want   bool
	}{
		{"no validator", nil, false},
		{"the same tag", map[string]string{"If-None-Match": `"abc"`}, true},
		{"the same tag, weak, in a list", map[string]string{"If-None-Match": `"x", W/"abc"`}, true},
		{"any tag", map[string]string{"If-None-Match": `*`}, true},
		{"another tag, even with a later date", map[string]string{"If-None-Match": `"x"`, "If-Modified-Since": "Fri, 14 Aug 2026 03:00:00 GMT"}, false},
		{"the same second", map[string]string{"If-Modified-Since": "Fri, 14 Aug 2026 02:30:00 GMT"}, true},
		{"a second before", map[string]string{"If-Modified-Since": "Fri, 14 Aug 2026 02:29:59 GMT"}, false},
		{"a date that does not parse", map[string]string{"If-Modified-Since": "yesterday"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			if got := notModified(r, `"abc"`, modified.Add(400*time.Millisecond)); got != tc.want {
				t.Fatalf("notModified = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestACachedPageLastsUntilTheNextChange(t *testing.T) {
	c := newPageCache(2)
	first := audit.Change{ID: 7, At: time.Date(2026, 8, 14, 0, 0, 0, 0, time.UTC)}
	c.put("a", &cachedPage{change: first, body: []byte("A")})
	if p, ok := c.get("a", first); !ok || string(p.body) != "A" {
		t.Fatal("the page is not kept")
	}
	if _, ok := c.get("a", audit.Change{ID: 8, At: first.At}); ok {
		t.Fatal("a page rendered before a change is served after it")
	}
	c.put("b", &cachedPage{change: first})
	c.put("c", &cachedPage{change: first}) // full: starts again
	if _, ok := c.get("a", first); ok {
		t.Fatal("the cache grew past its size")
	}
	if _, ok := c.get("c", first); !ok {
		t.Fatal("the page put last is lost")
	}
}
