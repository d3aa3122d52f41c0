package report

import (
	"embed"
	"errors"
	"net/http"
	"os"
	"strconv"

	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

// Kinds lists the kinds of issued reports the register page filters by, in
// the order it shows them.
var Kinds = []string{"plan", "reception", "inspection", "legal_expired", "province"}

type registerPage struct {
	Reports []Issued
	Kinds   []string
	Kind    string
	More    bool
	Page    int
}

// Routes registers the register of issued reports: the list across kinds
// (an agency's own; every agency's for a Home Affairs reviewer) and the
// download of a file, for those who may read the issuer's records.
func Routes(app *web.App, reg *Register) {
	app.Render.Add("report", templatesFS, "templates")
	app.Handle("GET /reports", web.SignedIn, func(w http.ResponseWriter, r *http.Request) {
		pg := web.PageOf(r)
		kind := r.URL.Query().Get("kind")
		list, more, err := reg.List(r.Context(), RegisterFilter{Kind: kind, Scopes: org.CurrentUser(r).ReadScopes(), Page: pg.Page, PerPage: pg.PerPage})
		if err != nil {
			app.Render.Error(w, r, err)
			return
		}
		app.Render.Render(w, r, "report/register", registerPage{Reports: list, Kinds: Kinds, Kind: kind, More: more, Page: pg.Page})
	})
	app.Handle("GET /reports/{id}/file", web.SignedIn, func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			app.Render.NotFound(w, r)
			return
		}
		x, path, err := reg.Get(r.Context(), id)
		if errors.Is(err, db.ErrNotFound) || err == nil && !org.CurrentUser(r).Can(org.ActRead, path) {
			app.Render.NotFound(w, r) // another unit's report is not told to exist
			return
		}
		if err != nil {
			app.Render.Error(w, r, err)
			return
		}
		ServeAttachment(w, r, reg.Path(x.SHA256), x.FileName, ContentType(x.Format), app.Render)
	})
}

// ServeAttachment sends a stored file as a download with its checked type,
// never rendered inline.
func ServeAttachment(w http.ResponseWriter, r *http.Request, path, name, contentType string, render *web.Renderer) {
	f, err := os.Open(path)
	if err != nil {
		render.Error(w, r, err)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+pathEscape(name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// pathEscape percent-encodes everything but RFC 3986's unreserved
// characters, as RFC 5987 wants a file name in Content-Disposition.
func pathEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b []byte
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}
