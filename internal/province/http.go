package province

import (
	"embed"
	"errors"
	"net/http"
	"strconv"

	"papihub/internal/org"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

//go:embed templates/*.html
var templatesFS embed.FS

// Who sees the province view: leaders, focal officers and Home Affairs
// reviewers (and administrators). Rounds are opened and reviewed by Home
// Affairs; a unit's report is submitted by those who issue its reports.
var (
	readers   = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleLeader, org.RoleFocal, org.RoleReviewer)...)
	managers  = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleReviewer)...)
	submitter = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleLeader)...)
)

type handler struct {
	store   *Store
	render  *web.Renderer
	reports *report.Register
}

// Routes registers the dashboard, the rounds and their API.
func Routes(app *web.App, s *Store) {
	app.Render.Add("province", templatesFS, "templates")
	h := &handler{store: s, render: app.Render, reports: s.reports}
	app.Handle("GET /province", readers, h.dashboard)
	app.Handle("GET /province/print", readers, h.printable)
	app.Handle("GET /province/rounds", readers, h.rounds)
	app.Handle("POST /province/rounds", managers, h.openRound)
	app.Handle("GET /province/rounds/{id}", readers, h.round)
	app.Handle("POST /province/rounds/{id}/units/{unit}/submit", submitter, h.submit)
	app.Handle("POST /province/rounds/{id}/units/{unit}/review", managers, h.review)
	app.Handle("POST /province/rounds/{id}/report", managers, h.issue)

	app.Handle("GET /api/v1/province/summary", readers, h.apiSummary)
	app.Handle("GET /api/v1/rounds", readers, h.apiRounds)
	app.Handle("POST /api/v1/rounds", managers, h.apiOpenRound)
	app.Handle("GET /api/v1/rounds/{id}", readers, h.apiRound)
}

// mayManage says whether user opens and reviews rounds of province: a Home
// Affairs reviewer, or an administrator of the province.
func mayManage(user *org.User, province org.Unit) bool {
	return user.HasRole(string(org.RoleReviewer)) || user.Can(org.ActAdmin, province.Path)
}

// loadRound reads the round of {id} and its province; a user whose scope
// does not reach the province gets 404, so rounds of other provinces are
// not probed.
func (h *handler) loadRound(w http.ResponseWriter, r *http.Request, user *org.User) (Round, org.Unit, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return Round{}, org.Unit{}, false
	}
	round, err := h.store.Round(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return round, org.Unit{}, false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return round, org.Unit{}, false
	}
	scope, err := h.store.ScopeOf(r.Context(), user)
	if err != nil {
		h.render.Error(w, r, err)
		return round, org.Unit{}, false
	}
	province, err := h.store.org.Unit(r.Context(), round.ProvinceID)
	if err != nil {
		h.render.Error(w, r, err)
		return round, org.Unit{}, false
	}
	if rootID(scope.Path) != province.ID {
		h.render.NotFound(w, r)
		return round, org.Unit{}, false
	}
	return round, province, true
}
