package web

import (
	"bytes"
	"html/template"
	"sync"

	"papihub/internal/platform/lru"
)

// A page's layout (head, header with the user's name, navigation, footer)
// is the same for every request with the same page, title, language, path,
// user name and navigation, but executing it through html/template's
// reflection cost a third of a kept page's CPU. The Renderer keeps it
// rendered, split at the content and at the CSRF token's holes, and only
// pieces the request's token and content in.

// shellKey is everything layout.html reads besides the CSRF token, the
// flash message (pages with one are rendered whole) and the content.
type shellKey struct {
	page, title, lang, path, assets string
	user                            string // the display name; "" when anonymous
	signedIn, csrf                  bool   // csrf: the layout prints the token only when there is one
	nav                             uint64 // which entries of the navigation the user sees
}

// shell is the layout rendered for one shellKey: before and after the
// content, each split at the CSRF token's holes.
type shell struct {
	head, tail [][]byte
}

// Bytes is what a shell counts for in the bound of the kept layouts.
func (s shell) Bytes() int {
	n := 0
	for _, parts := range [][][]byte{s.head, s.tail} {
		for _, p := range parts {
			n += len(p)
		}
	}
	return n
}

// contentHole stands for the content while a shell is rendered.
const contentHole = "contenthole5e8a2c7f1b3d"

// The kept layouts are one per page and user at most, a few kilobytes
// each; the least recently used go first.
const (
	shellEntries = 4096
	shellBytes   = 16 << 20
)

type shells struct {
	mu   sync.Mutex
	kept *lru.Cache[shellKey, shell]
}

// shellFor returns the layout of p for page name, rendering it once.
// ok is false when the layout cannot be kept for p (a flash message, a
// principal without a display name, a navigation of more than 64 entries).
func (rd *Renderer) shellFor(t *template.Template, name string, p Page) (shell, bool, error) {
	if p.Flash != "" || len(rd.nav) > 64 {
		return shell{}, false, nil
	}
	key := shellKey{page: name, lang: p.Lang, path: p.Path, assets: p.Assets, csrf: p.CSRF != ""}
	if p.User != nil {
		named, ok := p.User.(interface{ DisplayName() string })
		if !ok {
			return shell{}, false, nil
		}
		key.user, key.signedIn, key.nav = named.DisplayName(), true, p.navMask
	}
	var title bytes.Buffer
	if err := t.ExecuteTemplate(&title, "title", p); err != nil {
		return shell{}, false, err
	}
	key.title = title.String()
	rd.shells.mu.Lock()
	if rd.shells.kept == nil {
		rd.shells.kept = lru.New[shellKey, shell](shellEntries, shellBytes)
	}
	s, ok := rd.shells.kept.Get(key)
	rd.shells.mu.Unlock()
	if ok {
		return s, true, nil
	}
	if p.CSRF != "" {
		p.CSRF = csrfHole
	}
	p.Body = contentHole
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return shell{}, false, err
	}
	// Cloned so that what is kept is the layout's bytes, not the buffer's
	// spare capacity.
	head, tail, found := bytes.Cut(bytes.Clone(buf.Bytes()), []byte(contentHole))
	if !found {
		return shell{}, false, nil
	}
	s = shell{head: bytes.Split(head, []byte(csrfHole)), tail: bytes.Split(tail, []byte(csrfHole))}
	rd.shells.mu.Lock()
	rd.shells.kept.Add(key, s)
	rd.shells.mu.Unlock()
	return s, true, nil
}
