package web

import (
	"net/http/httptest"
	"testing"
)

func TestTheSitesOriginIsThePublicURLWhenSetAndTheRequestsHostOtherwise(t *testing.T) {
	t.Cleanup(func() { SetPublicOrigin(""); SetTrustedProxies("") })
	if err := SetTrustedProxies("10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	req := func(remote, proto string) string {
		r := httptest.NewRequest("GET", "http://portal.example/cong-khai", nil)
		r.RemoteAddr = remote
		if proto != "" {
			r.Header.Set("X-Forwarded-Proto", proto)
		}
		return Origin(r)
	}
	for _, c := range []struct{ remote, proto, want string }{
		{"192.0.2.7:5000", "", "http://portal.example"},
		{"192.0.2.7:5000", "https", "http://portal.example"}, // not a proxy of ours
		{"10.0.0.1:5000", "https", "https://portal.example"},
		{"10.0.0.1:5000", "http", "http://portal.example"},
	} {
		if got := req(c.remote, c.proto); got != c.want {
			t.Errorf("from %s with X-Forwarded-Proto %q: %s, want %s", c.remote, c.proto, got, c.want)
		}
	}

	for _, c := range []struct{ in, want string }{
		{"https://CongKhai.HungYen.gov.vn", "https://congkhai.hungyen.gov.vn"},
		{"https://congkhai.hungyen.gov.vn/", "https://congkhai.hungyen.gov.vn"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
	} {
		if err := SetPublicOrigin(c.in); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got := req("192.0.2.7:5000", ""); got != c.want {
			t.Errorf("public URL %s: origin %s, want %s", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"congkhai.hungyen.gov.vn", "ftp://x.vn", "https://", "https://a.vn/cong-khai", "https://a.vn/?x=1", "https://u:p@a.vn", "https://a.vn/#x"} {
		if err := SetPublicOrigin(bad); err == nil {
			t.Errorf("SetPublicOrigin(%q) accepted", bad)
		}
	}
	if err := SetPublicOrigin(""); err != nil || req("192.0.2.7:5000", "") != "http://portal.example" {
		t.Error("an empty public URL does not go back to the request's host")
	}
}
