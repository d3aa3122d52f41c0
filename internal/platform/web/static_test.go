package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestStaticFilesAreGzippedForBrowsersThatAcceptIt(t *testing.T) {
	h := StaticHandler()
	plain, _ := staticFS.ReadFile("static/style.css")
	for _, tc := range []struct {
		accept string
		gzip   bool
	}{
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8", true},
		{"gzip;q=0", false},
		{"", false},
		{"deflate", false},
	} {
		req := httptest.NewRequest(http.MethodGet, "/static/style.css?v="+assetVersion, nil)
		if tc.accept != "" {
			req.Header.Set("Accept-Encoding", tc.accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%q: status %d", tc.accept, rec.Code)
		}
		if got := rec.Header().Get("Content-Type"); got != "text/css; charset=utf-8" {
			t.Errorf("%q: Content-Type %q", tc.accept, got)
		}
		body := rec.Body.Bytes()
		if (rec.Header().Get("Content-Encoding") == "gzip") != tc.gzip {
			t.Fatalf("%q: Content-Encoding %q", tc.accept, rec.Header().Get("Content-Encoding"))
		}
		if tc.gzip {
			if len(body) >= len(plain) {
				t.Errorf("%q: %d bytes gzipped, %d plain", tc.accept, len(body), len(plain))
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(body, plain) {
			t.Errorf("%q: the content differs from the file", tc.accept)
		}
		if rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%q: Cache-Control %q", tc.accept, rec.Header().Get("Cache-Control"))
		}
	}
}
