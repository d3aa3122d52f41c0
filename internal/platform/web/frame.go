package web

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// The layout around a kept Body is itself kept, as the text before and
// after the content: once the content is kept, executing layout.html (the
// menu's labels and highlight, the user's name, through reflection) was
// half of what such a page cost. A frame is kept per frameKey, which holds
// everything layout.html reads: whoever changes the layout to read more
// must add it there (TestKeptFrameIsTheLayout compares both ways).

// frameKey is what the layout shows: the language, the session's token
// and user's name, the page's path (the menu's highlight, the language
// form's return) and title, and which menu entries the session sees.
type frameKey struct {
	lang, csrf, user, path, title string
	signedIn                      bool
	nav                           uint64 // bit i: rd.nav[i] shown
}

type frame struct{ before, after string }

// frames holds the kept frames of a Renderer. When full it starts again
// empty: frames are cheap to make and a session's are soon made again.
type frames struct {
	mu sync.RWMutex
	m  map[frameKey]frame
}

const frameEntries = 4096

// contentHole stands for the content while a frame is rendered; random per
// process, so that no title or name can contain it.
var contentHole = func() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return "content-hole-" + hex.EncodeToString(b)
}()

// named is a principal with a name to show, as layout.html asks of .User.
type named interface{ DisplayName() string }

// writeFramed writes body inside the kept frame of p, making the frame
// when missing; false when the page must be rendered whole instead (a
// flash message to show, a principal the key cannot name, a menu too long
// for the key's bits).
func (rd *Renderer) writeFramed(w http.ResponseWriter, r *http.Request, status int, t *template.Template, p Page, body Body) bool {
	if p.Flash != "" || len(rd.nav) > 64 {
		return false
	}
	key := frameKey{lang: p.Lang, csrf: p.CSRF, path: p.Path}
	if s := SessionOf(r); s != nil && p.User != nil {
		n, ok := p.User.(named)
		if !ok {
			return false
		}
		key.signedIn, key.user = true, n.DisplayName()
		for i, item := range rd.nav {
			if (Access{roles: item.Roles}).Allows(s) {
				key.nav |= 1 << i
			}
		}
	}
	var title strings.Builder
	if err := t.ExecuteTemplate(&title, "title", p); err != nil {
		return false
	}
	key.title = title.String()
	rd.frames.mu.RLock()
	f, ok := rd.frames.m[key]
	rd.frames.mu.RUnlock()
	if !ok {
		p.Body = template.HTML(contentHole)
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
			return false
		}
		before, after, found := strings.Cut(buf.String(), contentHole)
		if !found || strings.Contains(after, contentHole) {
			return false
		}
		f = frame{before: before, after: after}
		rd.frames.mu.Lock()
		if len(rd.frames.m) >= frameEntries || rd.frames.m == nil {
			rd.frames.m = map[frameKey]frame{}
		}
		rd.frames.m[key] = f
		rd.frames.mu.Unlock()
	}
	// One write of a known length: the page leaves in one or two system
	// calls instead of a chunk per 4 kB of the server's buffer.
	token := template.HTMLEscapeString(p.CSRF)
	bp := pagePool.Get().(*[]byte)
	page := append((*bp)[:0], f.before...)
	for i, part := range body.parts {
		if i > 0 {
			page = append(page, token...)
		}
		page = append(page, part...)
	}
	page = append(page, f.after...)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	_, _ = w.Write(page) // an error means the client hung up
	*bp = page
	pagePool.Put(bp)
	return true
}

// pagePool holds the buffers kept pages are assembled in.
var pagePool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}
