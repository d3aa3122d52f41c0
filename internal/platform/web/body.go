package web

import (
	"bytes"
	"net/http"
)

// Body is a page's content (its "content" template) rendered once and shown
// to many requests: a page whose content depends only on data that changes
// rarely keeps its Body (in an audit.Cache, keyed by everything the content
// depends on) and skips html/template's reflection, most of such a page's
// cost, on every later request. The layout around it (the user's name, the
// navigation, the flash message) is still rendered per request, and the
// session's CSRF token, which forms in the content carry, is put in each
// time: the Body holds a hole where it goes.
type Body struct {
	parts [][]byte // the content split at the CSRF token's holes
}

// csrfHole stands for the CSRF token while a Body is rendered: letters and
// digits only, so no escaper changes it, and nothing a page prints by chance.
const csrfHole = "csrfhole0b7c1e9a4d2f"

// RenderBody renders the content of page name with data for r, as
// PageStatus would inside the layout, with the CSRF token left as a hole.
// Everything the content reads must be in the key the caller keeps the Body
// under: data, the language, and whatever the template reads of .User or of
// the query, and whether the request is signed in.
func (rd *Renderer) RenderBody(r *http.Request, name string, data any) (Body, error) {
	t := rd.page(name)
	p := rd.pageOf(r, data)
	if p.CSRF != "" { // a template may print the token only when there is one
		p.CSRF = csrfHole
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "content", p); err != nil {
		return Body{}, err
	}
	// Cloned so that what is kept is the page's bytes, not the buffer's
	// spare capacity (up to as much again), which Bytes would not count.
	return Body{parts: bytes.Split(bytes.Clone(buf.Bytes()), []byte(csrfHole))}, nil
}

// Bytes is the size of the rendered content, which bounds how many Bodies
// an audit.Cache keeps (lru.Sized).
func (b Body) Bytes() int {
	n := 0
	for _, p := range b.parts {
		n += len(p)
	}
	return n
}

// PageBody writes page name with status around a Body rendered earlier by
// RenderBody; data is what the page's title (and nothing else) reads.
func (rd *Renderer) PageBody(w http.ResponseWriter, r *http.Request, status int, name string, data any, b Body) {
	rd.write(w, r, status, name, data, &b)
}
