package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type roles []string

func (r roles) HasRole(role string) bool {
	for _, x := range r {
		if x == role {
			return true
		}
	}
	return false
}

func TestAccessAllowsWhomItNames(t *testing.T) {
	officer := &Session{Principal: roles{"officer"}}
	admin := &Session{Principal: roles{"admin", "viewer"}}
	for _, tc := range []struct {
		name string
		a    Access
		s    *Session
		want bool
	}{
		{"public lets anonymous in", Public, nil, true},
		{"signed-in refuses anonymous", SignedIn, nil, false},
		{"signed-in lets any user in", SignedIn, officer, true},
		{"roles refuse other roles", Roles("admin"), officer, false},
		{"roles accept one of several", Roles("leader", "viewer"), admin, true},
		{"roles refuse anonymous", Roles("admin"), nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.Allows(tc.s); got != tc.want {
				t.Fatalf("Allows = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTranslationFallsBackToVietnameseThenToTheKey(t *testing.T) {
	AddMessages(LangVI, map[string]string{"test.only_vi": "Chỉ tiếng Việt %d"})
	if got := T(LangEN, "test.only_vi", 3); got != "Chỉ tiếng Việt 3" {
		t.Fatalf("fallback = %q", got)
	}
	if got := T(LangVI, "test.missing"); got != "test.missing" {
		t.Fatalf("missing key = %q", got)
	}
}

func TestDecodeJSONRefusesUnknownFieldsAndTrailingData(t *testing.T) {
	type body struct {
		Name string `json:"name"`
	}
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{`{"name":"Hà"}`, true},
		{`{"name":"Hà","extra":1}`, false},
		{`{"name":"Hà"} {"name":"x"}`, false},
		{`{"name":`, false},
		{``, false},
	} {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(tc.in))
		var b body
		if err := DecodeJSON(r, &b); (err == nil) != tc.ok {
			t.Errorf("DecodeJSON(%q) error = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func TestPageOfBoundsPagination(t *testing.T) {
	for _, tc := range []struct {
		query     string
		page, per int
	}{
		{"", 1, 50},
		{"page=3&per_page=20", 3, 20},
		{"page=-1&per_page=100000", 1, 200},
		{"page=abc", 1, 50},
	} {
		p := PageOf(httptest.NewRequest("GET", "/x?"+tc.query, nil))
		if p.Page != tc.page || p.PerPage != tc.per {
			t.Errorf("%q: got %+v, want page %d per %d", tc.query, p, tc.page, tc.per)
		}
	}
}

func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"name":"Hà Nội","n":1,"tags":["a"]}`, `{}`, `[]`, `{"name":"\u0000"}`, `{"n":1e400}`} {
		f.Add(s)
	}
	type body struct {
		Name string   `json:"name"`
		N    int64    `json:"n"`
		Tags []string `json:"tags"`
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(in))
		w := httptest.NewRecorder()
		r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
		var b body
		_ = DecodeJSON(r, &b) // must not panic; errors are the caller's 400
	})
}

func TestClientIPBelievesForwardingHeadersOnlyFromTrustedProxies(t *testing.T) {
	t.Cleanup(func() { SetTrustedProxies("") })
	req := func(remote string, xff ...string) *http.Request {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		for _, v := range xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		return r
	}
	if err := SetTrustedProxies(""); err != nil {
		t.Fatal(err)
	}
	if got := ClientIP(req("203.0.113.9:5000", "1.2.3.4")); got != "203.0.113.9" {
		t.Fatalf("no trusted proxy: got %s, want the peer", got)
	}
	if err := SetTrustedProxies("10.0.0.0/8, 192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"peer not a proxy", "198.51.100.7:1", []string{"1.2.3.4"}, "198.51.100.7"},
		{"one trusted hop", "10.1.2.3:1", []string{"198.51.100.7"}, "198.51.100.7"},
		{"spoofed left part ignored", "10.1.2.3:1", []string{"6.6.6.6, 198.51.100.7"}, "198.51.100.7"},
		{"two trusted hops", "192.0.2.1:1", []string{"198.51.100.7, 10.9.9.9"}, "198.51.100.7"},
		{"header split over lines", "10.1.2.3:1", []string{"6.6.6.6", "198.51.100.7"}, "198.51.100.7"},
		{"garbage hop", "10.1.2.3:1", []string{"not-an-ip"}, "10.1.2.3"},
		{"no header", "10.1.2.3:1", nil, "10.1.2.3"},
	} {
		if got := ClientIP(req(tc.remote, tc.xff...)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
	if err := SetTrustedProxies("10.0.0.0/33"); err == nil {
		t.Fatal("a bad range must be refused")
	}
}
