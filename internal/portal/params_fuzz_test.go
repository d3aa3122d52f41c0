package portal

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"unicode/utf8"
)

// FuzzQueryParameters feeds the portal's query string reader anything a
// crawler or an attacker might send: it never panics, and what it accepts
// is bounded and clean.
func FuzzQueryParameters(f *testing.F) {
	for _, s := range []string{"", "q=cap+phep&page=2&lang=en", "page=99999999999999", "q=%ff%fe", "nam=2025", "ma=H15.50.05.13-261008-0975", "q=%27%20OR%201=1--", "&&==", "q=%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest(http.MethodGet, "/cong-khai", nil)
		r.URL.RawQuery = raw
		p, err := parseParams(r)
		if err != nil {
			return
		}
		if p.page < 1 || p.page > maxPage || (p.year != 0 && (p.year < 2000 || p.year > 2100)) {
			t.Fatalf("out of bounds: %+v", p)
		}
		for _, s := range []string{p.q, p.code} {
			if !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxQuery || !utf8Clean(s) {
				t.Fatalf("unclean text accepted: %q", s)
			}
		}
		if p.lang != "vi" && p.lang != "en" {
			t.Fatalf("language %q", p.lang)
		}
	})
}
