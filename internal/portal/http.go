package portal

import (
	"embed"
	"net/http"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

//go:embed static/portal.css
var staticFS embed.FS

// Base is where the portal lives: /cong-khai for the list of agencies,
// /cong-khai/{agency code} for one agency's portal.
const Base = "/cong-khai"

type handler struct {
	db      *db.DB
	units   *org.Store
	src     Sources
	now     func() time.Time
	render  *web.Renderer // the apology page of an internal error
	pages   *pages
	cache   *pageCache
	cssETag string
	changes *audit.Watcher // the latest change, read on every request
	// profiles are what agencies publish about themselves (the portal's
	// own records, entered on /portal/profile).
	profiles *Profiles
}

// Routes registers the portal's pages. Every one is public: a citizen needs
// no account, and nothing on them belongs to anyone but the agency.
func Routes(app *web.App, d *db.DB, units *org.Store, src Sources, now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	css, err := staticFS.ReadFile("static/portal.css")
	if err != nil {
		panic(err)
	}
	h := &handler{db: d, units: units, src: src, now: now, render: app.Render, pages: newPages(), cache: newPageCache(4096), cssETag: etagOf(css), changes: new(audit.Watcher)}
	h.profiles = NewProfiles(d, now)
	profileRoutes(app, units, h.profiles)
	h.planRoutes(app)
	h.apiRoutes(app)

	app.Handle("GET "+Base, web.Public, h.home)
	app.Handle("GET "+Base+"/static/portal.css", web.Public, h.static)
	app.Handle("GET "+Base+"/sitemap.xml", web.Public, h.sitemap)
	app.Handle("GET /robots.txt", web.Public, h.robots)
	app.Handle("GET "+Base+"/{agency}", web.Public, h.agencyHome)
	app.Handle("GET "+Base+"/{agency}/thu-tuc", web.Public, h.procedures)
	app.Handle("GET "+Base+"/{agency}/thu-tuc/{code}", web.Public, h.procedure)
	app.Handle("GET "+Base+"/{agency}/tra-cuu", web.Public, h.lookup)
	app.Handle("GET "+Base+"/{agency}/chi-so", web.Public, h.index)
	app.Handle("GET "+Base+"/{agency}/van-ban", web.Public, h.legalInForce)
	app.Handle("GET "+Base+"/{agency}/van-ban/het-hieu-luc", web.Public, h.legalExpired)
	app.Handle("GET "+Base+"/{agency}/tiep-cong-dan", web.Public, h.reception)
	app.Handle("GET "+Base+"/{agency}/tiep-cong-dan/lich.ics", web.Public, h.receptionCalendar)
	app.Handle("GET "+Base+"/{agency}/gop-y", web.Public, h.feedbackPage)
	app.Handle("POST "+Base+"/{agency}/gop-y", web.Public, h.submitFeedback, web.MaxBody(64<<10))
	app.Handle("GET "+Base+"/{agency}/gop-y/da-gui", web.Public, h.feedbackThanks)
	app.Handle("GET "+Base+"/{agency}/gop-y/tra-cuu", web.Public, h.lookupAnswer)
	app.Handle("POST "+Base+"/{agency}/gop-y/danh-gia", web.Public, h.rateAnswer, web.MaxBody(8<<10))
	app.Handle("GET "+Base+"/{agency}/khao-sat", web.Public, h.surveys)
	app.Handle("GET "+Base+"/{agency}/khao-sat/{id}", web.Public, h.survey)
	app.Handle("GET "+Base+"/{agency}/tra-loi", web.Public, h.answers)
	app.Handle("GET "+Base+"/{agency}/tra-loi/{id}", web.Public, h.answer)
	app.Handle("GET "+Base+"/{agency}/atom.xml", web.Public, h.feed)
}

// today is the calendar day in Viet Nam.
func (h *handler) today() time.Time { return h.now().In(vn.Location()) }

func (h *handler) static(w http.ResponseWriter, r *http.Request) {
	b, _ := staticFS.ReadFile("static/portal.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	// The pages link the file with its hash in the query, so a browser may
	// keep it for a year.
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", h.cssETag)
	if r.Header.Get("If-None-Match") == h.cssETag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(b)
}
