package inspection

import (
	"embed"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/tabular"
	"papihub/internal/platform/upload"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

//go:embed templates/*.html
var templatesFS embed.FS

type handler struct {
	store   *Store
	render  *web.Renderer
	reports *report.Register // where issued follow-up reports are kept
}

// Who changes the register: those who work on a unit's records (the
// officer of a responsible division reports its progress). Reports are
// issued by those who approve and issue reports. Everyone else who reads
// the unit reads the register; a Home Affairs reviewer reads every unit's
// and changes nothing.
var (
	workers = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager, org.RoleOfficer)...)
	issuers = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleLeader)...)
	// maxUpdate bounds an update's body: one evidence file and the form.
	maxUpdate = int64(upload.MaxSize + 1<<20)
	// maxFile bounds an uploaded register: 30,000 rows of CSV are 6 MB.
	maxFile = int64(20 << 20)
)

// Routes registers the register's pages and its API.
func Routes(app *web.App, s *Store, reports *report.Register) {
	app.Render.Add("inspection", templatesFS, "templates")
	h := &handler{store: s, render: app.Render, reports: reports}

	app.Handle("GET /inspection", web.SignedIn, h.list)
	app.Handle("GET /inspection/new", workers, h.newForm)
	app.Handle("POST /inspection", workers, h.create)
	app.Handle("GET /inspection/{id}", web.SignedIn, h.show)
	app.Handle("POST /inspection/{id}/directive", workers, h.directive)
	app.Handle("GET /inspection/recommendations/{rid}", web.SignedIn, h.recommendation)
	app.Handle("POST /inspection/recommendations/{rid}/updates", workers, h.addUpdate, web.MaxBody(maxUpdate))
	app.Handle("GET /inspection/updates/{uid}/evidence", web.SignedIn, h.evidence)
	app.Handle("GET /inspection/overdue", web.SignedIn, h.overdue)
	app.Handle("GET /inspection/checks", web.SignedIn, h.checks)
	app.Handle("POST /inspection/checks", workers, h.saveCheck)
	app.Handle("GET /inspection/import", workers, h.importForm)
	app.Handle("POST /inspection/import", workers, h.importFile, web.MaxBody(maxFile))
	app.Handle("GET /inspection/report", web.SignedIn, h.reportView)
	app.Handle("GET /inspection/report/file", web.SignedIn, h.reportFile)
	app.Handle("POST /inspection/report", issuers, h.issueReport)

	app.Handle("GET /api/v1/inspection/conclusions", web.SignedIn, h.apiConclusions)
	app.Handle("POST /api/v1/inspection/conclusions", workers, h.apiCreate)
	app.Handle("GET /api/v1/inspection/conclusions/{id}", web.SignedIn, h.apiConclusion)
	app.Handle("GET /api/v1/inspection/recommendations", web.SignedIn, h.apiRecommendations)
	app.Handle("POST /api/v1/inspection/recommendations/{rid}/updates", workers, h.apiAddUpdate)
}

// unitFor reads ?unit= (default the user's unit) and checks that the user
// reads it.
func (h *handler) unitFor(w http.ResponseWriter, r *http.Request, user *org.User) (Unit, bool) {
	return org.RequestedUnit(w, r, h.render, user, org.ActRead, h.store.Unit, ErrNotFound, unitPath)
}

// workUnit is unitFor for a change: the user must work on the unit.
func (h *handler) workUnit(w http.ResponseWriter, r *http.Request, user *org.User) (Unit, bool) {
	return org.RequestedUnit(w, r, h.render, user, org.ActWork, h.store.Unit, ErrNotFound, unitPath)
}

func unitPath(u Unit) string { return u.Path }

// canAny reports whether the user may act on one of paths.
func canAny(user *org.User, act org.Action, paths ...string) bool {
	for _, p := range paths {
		if user.Can(act, p) {
			return true
		}
	}
	return false
}

// loadConclusion reads the conclusion of {id} if the user reads its unit
// or a unit responsible for one of its recommendations; it answers 404
// otherwise, so that others' registers are not probed. It returns the
// following unit's path.
func (h *handler) loadConclusion(w http.ResponseWriter, r *http.Request, user *org.User) (Conclusion, string, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return Conclusion{}, "", false
	}
	unit, resp, err := h.store.ConclusionPaths(r.Context(), id)
	if errors.Is(err, ErrNotFound) || (err == nil && !canAny(user, org.ActRead, append(resp, unit)...)) {
		h.render.NotFound(w, r)
		return Conclusion{}, "", false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return Conclusion{}, "", false
	}
	c, err := h.store.Conclusion(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return c, "", false
	}
	return c, unit, true
}

// loadRecommendation reads the recommendation of {rid} if the user reads
// the following or the responsible unit (404 otherwise).
func (h *handler) loadRecommendation(w http.ResponseWriter, r *http.Request, user *org.User) (Recommendation, Paths, bool) {
	id, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return Recommendation{}, Paths{}, false
	}
	p, err := h.store.RecommendationPaths(r.Context(), id)
	if errors.Is(err, ErrNotFound) || (err == nil && !canAny(user, org.ActRead, p.Unit, p.Responsible)) {
		h.render.NotFound(w, r)
		return Recommendation{}, p, false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return Recommendation{}, p, false
	}
	rec, err := h.store.Recommendation(r.Context(), id)
	if err != nil {
		h.render.Error(w, r, err)
		return rec, p, false
	}
	return rec, p, true
}

// dateField reads a dd/mm/yyyy (or yyyy-mm-dd) form field; blank is the
// zero time.
func dateField(v, field string, errs web.FieldErrors) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	t, err := vn.ParseDate(v)
	if err != nil {
		errs.Add(field, "inspection.date.invalid")
		return time.Time{}
	}
	return day(t)
}

// amountField reads a sum of đồng as people type it ("1.250.000").
func amountField(v, field string, errs web.FieldErrors) int64 {
	n, err := tabular.ParseAmount(v)
	if err != nil {
		errs.Add(field, "inspection.amount.negative")
	}
	return n
}

// subNav is the register's tabs.
type subNav struct {
	Active  string
	Unit    Unit
	CanWork bool
}

func (h *handler) nav(active string, u Unit, user *org.User) subNav {
	return subNav{Active: active, Unit: u, CanWork: user.Can(org.ActWork, u.Path)}
}

func idURL(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }
