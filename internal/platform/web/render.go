package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"papihub/internal/platform/vn"
)

//go:embed templates/*.html
var baseTemplates embed.FS

// NavItem is one entry of the main navigation. Roles empty: every signed-in
// user sees it.
type NavItem struct {
	Key   string // message key of the label
	Href  string
	Roles []string
}

// Renderer turns page templates into HTML inside the shared layout.
type Renderer struct {
	pages  map[string]*template.Template
	shells shells   // the layout kept per request's particulars (shell.go)
	navs   sync.Map // navigation mask → the []NavItem it stands for (navFor)
	base   *template.Template
	nav    []NavItem
	log    *slog.Logger
	Assets string // version suffix for static URLs, so browsers cache them safely
}

// NewRenderer parses the shared layout. Capabilities add their pages with Add.
func NewRenderer(log *slog.Logger, nav []NavItem) *Renderer {
	base := template.Must(template.New("layout").Funcs(funcs).ParseFS(baseTemplates, "templates/layout.html"))
	rd := &Renderer{pages: map[string]*template.Template{}, base: base, nav: nav, log: log, Assets: assetVersion}
	rd.Add("web", baseTemplates, "templates")
	return rd
}

// Add parses every page template (*.html) in dir of fsys as
// "namespace/name". Files whose name starts with "_" are partials shared by
// the namespace's pages.
func (rd *Renderer) Add(namespace string, fsys fs.FS, dir string) {
	fsys = mustSub(fsys, dir)
	files, err := fs.Glob(fsys, "*.html")
	if err != nil {
		panic(err)
	}
	var partials []string
	for _, f := range files {
		if strings.HasPrefix(f, "_") {
			partials = append(partials, f)
		}
	}
	for _, f := range files {
		if strings.HasPrefix(f, "_") || f == "layout.html" {
			continue
		}
		t := template.Must(rd.base.Clone())
		if len(partials) > 0 {
			template.Must(t.ParseFS(fsys, partials...))
		}
		template.Must(t.ParseFS(fsys, f))
		name := namespace + "/" + strings.TrimSuffix(f, ".html")
		if _, dup := rd.pages[name]; dup {
			panic("web: page registered twice: " + name)
		}
		rd.pages[name] = t
	}
}

// Page is what every template receives: the request's context around the
// page's own data in .Data.
type Page struct {
	Lang      string
	Title     string
	User      Principal
	CSRF      string
	Nav       []NavItem
	Path      string
	Flash     string
	RequestID string
	Assets    string
	Data      any
	Body      template.HTML // the content rendered earlier (see Body), when set

	navMask uint64 // which of the Renderer's nav entries are in Nav (see shellKey)
}

// T translates a message key in the page's language.
func (p Page) T(key string, args ...any) string { return T(p.Lang, key, args...) }

// Active reports whether href leads to the section of the current page (the
// same first path segment, "/admin/users" for "/admin/units"), for the
// navigation's highlight.
func (p Page) Active(href string) bool {
	if href == "/" {
		return p.Path == "/"
	}
	return firstSegment(p.Path) == firstSegment(href)
}

func firstSegment(path string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return seg
}

// Render writes page name with data and status 200.
func (rd *Renderer) Render(w http.ResponseWriter, r *http.Request, name string, data any) {
	rd.PageStatus(w, r, http.StatusOK, name, data)
}

// PageStatus writes page name with data and the given status. The page is
// rendered into a buffer first so a template error becomes a clean 500, not
// half a page.
func (rd *Renderer) PageStatus(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	rd.write(w, r, status, name, data, nil)
}

// page is the template set of page name.
func (rd *Renderer) page(name string) *template.Template {
	t, ok := rd.pages[name]
	if !ok {
		panic("web: no page template " + name)
	}
	return t
}

// pageOf is the request's context around data, without the flash message.
func (rd *Renderer) pageOf(r *http.Request, data any) Page {
	p := Page{Lang: Lang(r), Path: r.URL.Path, RequestID: RequestID(r), Assets: rd.Assets, Data: data}
	if s := SessionOf(r); s != nil {
		p.User = s.Principal
		p.CSRF = s.CSRFToken
		p.Nav, p.navMask = rd.navFor(s)
	}
	return p
}

// navFor is the navigation session s sees and which of the Renderer's
// entries it holds. Users with the same roles see the same entries, so the
// slice is built once per set of entries and shared by their requests
// (templates only read it): building it on each request was a seventh of
// the bytes a kept page allocated.
func (rd *Renderer) navFor(s *Session) ([]NavItem, uint64) {
	var mask uint64
	for i, n := range rd.nav {
		if (Access{roles: n.Roles}).Allows(s) {
			mask |= 1 << (i % 64)
		}
	}
	if len(rd.nav) > 64 { // the mask does not tell the entries apart
		return rd.navOf(s), mask
	}
	if nav, ok := rd.navs.Load(mask); ok {
		return nav.([]NavItem), mask
	}
	nav := rd.navOf(s)
	rd.navs.Store(mask, nav) // at most one per set of entries: bounded by the roles' combinations in use
	return nav, mask
}

// navOf builds the navigation session s sees.
func (rd *Renderer) navOf(s *Session) []NavItem {
	var nav []NavItem
	for _, n := range rd.nav {
		if (Access{roles: n.Roles}).Allows(s) {
			nav = append(nav, n)
		}
	}
	return nav
}

// write renders page name inside the layout, with its content template or
// with body when one was rendered earlier. The content is executed alone and
// pieced into the layout kept for the request (see shellFor).
func (rd *Renderer) write(w http.ResponseWriter, r *http.Request, status int, name string, data any, body *Body) {
	t := rd.page(name)
	p := rd.pageOf(r, data)
	p.Flash = takeFlash(w, r)
	pieces, err := rd.compose(t, name, p, body)
	if err != nil {
		if rd.log != nil {
			rd.log.Error("template failed", slog.String("page", name), slog.String("id", p.RequestID), slog.Any("err", err))
		}
		http.Error(w, "Lỗi hệ thống / Internal error: "+p.RequestID, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	n := 0
	for _, piece := range pieces {
		n += len(piece)
	}
	w.Header().Set("Content-Length", strconv.Itoa(n))
	w.WriteHeader(status)
	// Written piece by piece, not copied into one buffer first: the index
	// page of a province is a quarter of a megabyte.
	for _, piece := range pieces {
		if _, err := w.Write(piece); err != nil {
			return // the client hung up
		}
	}
}

// compose is the whole page, in pieces: the kept layout around the content
// with the CSRF token between, or the layout executed with the content when
// it cannot be kept.
func (rd *Renderer) compose(t *template.Template, name string, p Page, body *Body) ([][]byte, error) {
	var content [][]byte
	if body != nil {
		content = body.parts
	} else {
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "content", p); err != nil {
			return nil, err
		}
		content = [][]byte{buf.Bytes()}
	}
	s, ok, err := rd.shellFor(t, name, p)
	if err != nil {
		return nil, err
	}
	csrf := []byte(template.HTMLEscapeString(p.CSRF))
	if !ok {
		p.Body = template.HTML(bytes.Join(content, csrf))
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
			return nil, err
		}
		return [][]byte{buf.Bytes()}, nil
	}
	pieces := make([][]byte, 0, 2*(len(s.head)+len(content)+len(s.tail)))
	for _, parts := range [][][]byte{s.head, content, s.tail} {
		for i, part := range parts {
			if i > 0 {
				pieces = append(pieces, csrf)
			}
			pieces = append(pieces, part)
		}
	}
	return pieces, nil
}

// Has reports whether a page template exists, for tests.
func (rd *Renderer) Has(name string) bool { _, ok := rd.pages[name]; return ok }

// FlashCookie carries a one-time message key across a redirect.
const flashCookie = "flash"

// Flash sets a message key shown once on the next page.
func Flash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1})
	// Only catalogue keys are shown, so a forged cookie cannot inject text.
	if !HasMessage(c.Value) {
		return ""
	}
	return c.Value
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return vn.FormatDate(t)
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return vn.FormatDateTime(t)
	},
	"num":  func(n int64) string { return vn.FormatInt(n) },
	"dec":  func(x float64, places int) string { return vn.FormatDecimal(x, places) },
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i + 1
		}
		return s
	},
	"query": func(base string, kv ...any) template.URL { return template.URL(base + "?" + encodeQuery(kv...)) },
}

func encodeQuery(kv ...any) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(template.URLQueryEscaper(kv[i]))
		b.WriteByte('=')
		b.WriteString(template.URLQueryEscaper(fmt.Sprint(kv[i+1])))
	}
	return b.String()
}

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
