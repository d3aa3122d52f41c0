package portal

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// pages are the portal's templates. They have a layout of their own, not
// the signed-in application's: no script, one small stylesheet, no account
// menu, so that a page is the same for everyone and may be cached.
type pages struct {
	set map[string]*template.Template
}

func newPages() *pages {
	sub, err := fs.Sub(templatesFS, "templates")
	if err != nil {
		panic(err)
	}
	files, err := fs.Glob(sub, "*.html")
	if err != nil {
		panic(err)
	}
	p := &pages{set: map[string]*template.Template{}}
	// Files named _*.html are parts shared by several pages.
	shared := []string{"layout.html"}
	for _, f := range files {
		if strings.HasPrefix(f, "_") {
			shared = append(shared, f)
		}
	}
	for _, f := range files {
		if f == "layout.html" || strings.HasPrefix(f, "_") {
			continue
		}
		t := template.Must(template.New("layout").Funcs(funcs).ParseFS(sub, append(shared, f)...))
		p.set[strings.TrimSuffix(f, ".html")] = t
	}
	return p
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return vn.FormatDate(t)
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return vn.FormatDateTime(t)
	},
	"num": func(n int64) string { return vn.FormatInt(n) },
	"dec": func(x float64, places int) string { return vn.FormatDecimal(x, places) },
	"pct": func(num, den int64) string {
		if den == 0 {
			return "—"
		}
		return vn.FormatDecimal(100*float64(num)/float64(den), 1) + "%"
	},
	"add": func(a, b int) int { return a + b },
	// tel is a published phone as a tel: address.
	"tel": telLink,
	// paragraphs are the lines of a typed text, each a paragraph.
	"paragraphs": func(s string) []string {
		var out []string
		for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	},
	"hasPortal": hasPortal,
	// clip shortens text to n characters at a word, for a list.
	"clip": clip,
	// pair hands a sub-template the page and a value.
	"pair": func(p view, v any) pagePair { return pagePair{P: p, V: v} },
}

// pagePair is a value with the page it is shown on.
type pagePair struct {
	P view
	V any
}

// clip shortens s to at most n characters, cut at a space, with an
// ellipsis.
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	cut := n
	for i := n; i > n/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,.;:") + "…"
}

// view is what every portal template receives.
type view struct {
	Lang    string
	Path    string // the page's path, for the language switch
	Query   url.Values
	Title   string
	Section string // the agency menu's current entry
	Agency  *Agency
	CSS     string          // the stylesheet's version
	Has     map[string]bool // the sections whose source is wired
	Origin  string          // scheme and host, for the absolute addresses of Open Graph
	Data    any
}

// T translates a message key in the page's language.
func (v view) T(key string, args ...any) string { return web.T(v.Lang, key, args...) }

// Link is a path of the portal in the page's language.
func (v view) Link(path string, kv ...any) string {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if s := fmt.Sprint(kv[i+1]); s != "" && s != "0" {
			q.Set(fmt.Sprint(kv[i]), s)
		}
	}
	if v.Lang == web.LangEN {
		q.Set("lang", web.LangEN)
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// AgencyLink is a path inside the current agency's portal.
func (v view) AgencyLink(rest string, kv ...any) string {
	return v.Link(Base+"/"+url.PathEscape(v.Agency.Code)+rest, kv...)
}

// URL is the page's absolute address in its language, what Open Graph and
// the canonical link name.
func (v view) URL() string {
	u := v.Origin + v.Path
	q := url.Values{}
	for _, k := range []string{"q", "page", "nam"} {
		if s := v.Query.Get(k); s != "" {
			q.Set(k, s)
		}
	}
	if v.Lang == web.LangEN {
		q.Set("lang", web.LangEN)
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// Description is the page's summary for search engines and link previews.
func (v view) Description() string {
	if v.Agency != nil {
		return v.T("portal.og.agency", v.Agency.Name)
	}
	return v.T("portal.og.home")
}

// Other is the language the switch offers and SwitchLink the same page in it.
func (v view) Other() string {
	if v.Lang == web.LangEN {
		return web.LangVI
	}
	return web.LangEN
}

func (v view) SwitchLink() string {
	q := url.Values{}
	for k, vals := range v.Query {
		if k != "lang" && len(vals) > 0 {
			q.Set(k, vals[0])
		}
	}
	if v.Lang == web.LangVI {
		q.Set("lang", web.LangEN)
	}
	if len(q) == 0 {
		return v.Path
	}
	return v.Path + "?" + q.Encode()
}

// Name picks the Vietnamese or English of a pair.
func (v view) Name(vi, en string) string {
	if v.Lang == web.LangEN && en != "" {
		return en
	}
	return vi
}

// params are the query parameters a portal page reads, checked once: the
// language (?lang=en, Vietnamese otherwise), words to search, a page, a year.
type params struct {
	lang  string
	q     string
	page  int
	year  int
	code  string // a dossier code typed in the look-up
	query url.Values
}

const (
	maxQuery = 200
	maxPage  = 1000
)

var errBadParam = errors.New("portal: bad query parameter")

func parseParams(r *http.Request) (params, error) {
	raw, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return params{}, errBadParam
	}
	p := params{lang: web.LangVI, page: 1, query: raw}
	if raw.Get("lang") == web.LangEN {
		p.lang = web.LangEN
	}
	for _, k := range []string{"q", "ma"} {
		s := strings.TrimSpace(raw.Get(k))
		if len([]rune(s)) > maxQuery || !utf8Clean(s) {
			return p, errBadParam
		}
		if k == "q" {
			p.q = s
		} else {
			p.code = s
		}
	}
	if s := raw.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPage {
			return p, errBadParam
		}
		p.page = n
	}
	// A year is "nam" on the pages, "year" in the API.
	for _, k := range []string{"nam", "year"} {
		if s := raw.Get(k); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 2000 || n > 2100 {
				return p, errBadParam
			}
			p.year = n
		}
	}
	return p, nil
}

// utf8Clean refuses text that is not UTF-8 or carries control characters.
func utf8Clean(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' || r < ' ' || r == 0x7f {
			return false
		}
	}
	return true
}

// key names what a page was read with, for the cache.
func (p params) key(path string) string {
	return fmt.Sprintf("%s|%s|%s|%d|%d", p.lang, path, p.q, p.page, p.year)
}

// built is a rendered portal page before it is written: a template and
// its view, or a body of another type (the feed, an API answer).
type built struct {
	status int
	name   string
	v      view
	raw    []byte
	ctype  string // the raw body's media type
}

// serve answers a cacheable page: from the cache when no record changed
// since it was rendered, else rendered by build and kept. The validators
// let a browser or a reverse proxy ask again for nothing (304).
func (h *handler) serve(w http.ResponseWriter, r *http.Request, build func(ctx context.Context, p params) (built, error)) {
	p, err := parseParams(r)
	if err != nil {
		h.badRequest(w, r, p.lang)
		return
	}
	change, err := h.changes.Latest(r.Context(), h.db.Heavy(r.Context()))
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	today := h.today()
	// The origin is part of the key: pages and feeds carry absolute
	// addresses (og:url, the feed's links and ids).
	key := today.Format("2006-01-02") + "|" + web.Origin(r) + "|" + p.key(r.URL.Path)
	page, ok := h.cache.get(key, change)
	if !ok {
		b, err := build(r.Context(), p)
		if errors.Is(err, ErrNotFound) {
			b = h.notFoundPage(r, p.lang)
		} else if err != nil {
			h.render.Error(w, r, err)
			return
		}
		body, ctype := b.raw, b.ctype
		if body == nil {
			body, err = h.execute(b, r, p)
			if err != nil {
				h.render.Error(w, r, err)
				return
			}
			ctype = "text/html; charset=utf-8"
		}
		page = &cachedPage{change: change, status: b.status, body: body, ctype: ctype, etag: etagOf(body), created: h.now()}
		h.cache.put(key, page)
	}
	h.write(w, r, page)
}

// execute renders b into bytes, so a template error is a clean 500.
func (h *handler) execute(b built, r *http.Request, p params) ([]byte, error) {
	t, ok := h.pages.set[b.name]
	if !ok {
		return nil, fmt.Errorf("portal: no page %s", b.name)
	}
	b.v.Lang, b.v.Path, b.v.Query, b.v.CSS, b.v.Origin = p.lang, r.URL.Path, p.query, h.cssETag[1:9], web.Origin(r)
	b.v.Has = map[string]bool{"reception": h.src.Reception != nil, "feedback": h.src.Feedback != nil, "plan": h.src.Plans != nil,
		"surveys": h.src.Surveys != nil, "answers": h.src.Answers != nil}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", b.v); err != nil {
		return nil, fmt.Errorf("portal: page %s: %w", b.name, err)
	}
	return buf.Bytes(), nil
}

// write sends a cached page, or 304 when the client holds it already.
// Last-Modified is the time of the latest change (or when the page was
// rendered, on an empty log), to the second as HTTP has it.
func (h *handler) write(w http.ResponseWriter, r *http.Request, page *cachedPage) {
	hd := w.Header()
	modified := page.change.At
	if modified.IsZero() {
		modified = page.created
	}
	body, etag := page.body, page.etag
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		if gz := page.gzipped(); gz != nil {
			// The compressed body is another representation: its own tag.
			body, etag = gz, strings.TrimSuffix(etag, `"`)+`-gz"`
			hd.Set("Content-Encoding", "gzip")
		}
	}
	hd.Set("Content-Type", page.ctype)
	// Browsers and proxies may keep a page but must ask again before they
	// show it: a change to a record is on the portal at once, and asking
	// again costs a 304 of no body.
	hd.Set("Cache-Control", "public, no-cache")
	hd.Set("Vary", "Accept-Encoding")
	hd.Set("ETag", etag)
	hd.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	if notModified(r, etag, modified) {
		hd.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(page.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// notModified applies the conditional request rules: If-None-Match wins
// over If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil {
		return !modified.Truncate(time.Second).After(ims)
	}
	return false
}

// gzipped is the body compressed once, for phones on slow links; nil when
// compressing does not pay.
func (c *cachedPage) gzipped() []byte {
	c.gzOnce.Do(func() {
		if len(c.body) < 512 {
			return
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(c.body)
		_ = zw.Close()
		c.gz = buf.Bytes()
	})
	return c.gz
}

// notFoundPage is the portal's one "not found" page.
func (h *handler) notFoundPage(r *http.Request, lang string) built {
	return built{status: http.StatusNotFound, name: "notfound", v: view{Title: web.T(lang, "portal.notfound.title")}}
}

// badRequest answers odd query strings with a plain page, never cached.
func (h *handler) badRequest(w http.ResponseWriter, r *http.Request, lang string) {
	h.writeUncached(w, r, params{lang: lang}, http.StatusBadRequest, built{name: "badrequest", v: view{Title: web.T(lang, "portal.bad.title")}})
}
