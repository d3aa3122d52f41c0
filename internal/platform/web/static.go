package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// assetVersion changes whenever a static file changes, so pages can tell
// browsers to cache /static/ for a year without serving stale files.
var assetVersion = func() string {
	h := sha256.New()
	_ = fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := staticFS.ReadFile(p)
			h.Write([]byte(p))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:10]
}()

// gzipped holds each static file compressed once, at start: on a weak
// connection the stylesheet and script arrive in a third of the bytes, and
// no request pays for compressing them.
var gzipped = func() map[string][]byte {
	out := map[string][]byte{}
	_ = fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, _ := staticFS.ReadFile(p)
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(b)
		w.Close()
		if z.Len() < len(b) {
			out[strings.TrimPrefix(p, "static/")] = z.Bytes()
		}
		return nil
	})
	return out
}()

// StaticHandler serves the embedded stylesheet, scripts and icons, gzipped
// to the browsers that accept it.
func StaticHandler() http.Handler {
	files := http.FileServerFS(mustSub(staticFS, "static"))
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") == assetVersion {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=300")
		}
		w.Header().Add("Vary", "Accept-Encoding")
		if z, ok := gzipped[r.URL.Path]; ok && acceptsGzip(r) && r.Header.Get("Range") == "" {
			if ct := mime.TypeByExtension(path.Ext(r.URL.Path)); ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("ETag", `"`+assetVersion+"-"+r.URL.Path+`.gz"`)
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(z))
			return
		}
		files.ServeHTTP(w, r)
	}))
}

// acceptsGzip says the request's Accept-Encoding lists gzip with a
// non-zero quality.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			return strings.ReplaceAll(strings.TrimSpace(params), " ", "") != "q=0"
		}
	}
	return false
}
