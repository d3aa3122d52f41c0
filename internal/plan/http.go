package plan

import (
	"context"
	"embed"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

// Who may reach each kind of route; the handler then checks the unit with
// user.Can. The role sets follow org's grants for the action.
var (
	mayManage  = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager)...)
	mayWork    = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager, org.RoleOfficer)...)
	mayApprove = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleLeader)...)
)

// MaxUploadBody bounds a progress update with its files: three files at the
// per-file limit and the form around them.
const MaxUploadBody = 3*MaxEvidenceSize + 1<<20

type handler struct {
	store    *Store
	org      *org.Store
	render   *web.Renderer
	standing StandingSource
	kept     audit.Cache[keptKey, keptPage]
}

// An OfficialStanding is where a plan's province stood in the latest
// official PAPI results: the province, the survey year, the dimension
// scores (missing ones absent) and the standing page.
type OfficialStanding struct {
	Province string
	Year     int
	Scores   map[string]float64
	URL      string
}

// A StandingSource finds the official standing of the province a unit
// belongs to; ok is false when the unit names no province or the results
// have none. The papi capability provides it; nil shows no standing.
type StandingSource func(ctx context.Context, unitID int64, planYear int) (s OfficialStanding, ok bool, err error)

// Routes registers the plan pages and the plan API.
func Routes(app *web.App, store *Store, orgStore *org.Store, standing StandingSource) {
	app.Render.Add("plan", templatesFS, "templates")
	h := &handler{store: store, org: orgStore, render: app.Render, standing: standing}

	app.Handle("GET /plans", web.SignedIn, h.plans)
	app.Handle("GET /plans/new", mayManage, h.newPlan)
	app.Handle("GET /plans/framework", web.SignedIn, h.framework)
	app.Handle("POST /plans/parse", mayManage, h.parsePlan, web.MaxBody(maxPlanFile+1<<20))
	app.Handle("POST /plans", mayManage, h.createPlan, web.MaxBody(4<<20))
	app.Handle("POST /plans/template", mayManage, h.createFromTemplate)
	app.Handle("GET /plans/{id}", web.SignedIn, h.planPage)
	app.Handle("GET /plans/{id}/overview", web.SignedIn, h.overview)
	app.Handle("GET /plans/{id}/overdue", web.SignedIn, h.overdue)
	app.Handle("GET /plans/{id}/calendar", web.SignedIn, h.calendar)
	app.Handle("GET /plans/{id}/export.xlsx", web.SignedIn, h.exportTasks)
	app.Handle("GET /plans/{id}/rollup", web.SignedIn, h.rollup)
	app.Handle("GET /plans/{id}/edit", mayManage, h.editPlan)
	app.Handle("POST /plans/{id}", mayManage, h.savePlan)
	app.Handle("POST /plans/{id}/status", mayManage, h.setStatus)
	app.Handle("POST /plans/{id}/derive", mayManage, h.derive)
	app.Handle("GET /plans/{id}/tasks/new", mayManage, h.newTask)
	app.Handle("POST /plans/{id}/tasks", mayManage, h.createTask)
	app.Handle("GET /plans/{id}/reports", web.SignedIn, h.planReports)
	app.Handle("POST /plans/{id}/reports", mayApprove, h.issueReport)
	app.Handle("GET /tasks/mine", web.SignedIn, h.myTasks)
	app.Handle("GET /tasks/{id}", web.SignedIn, h.taskPage)
	app.Handle("POST /tasks/{id}", mayManage, h.updateTask)
	app.Handle("GET /instances/{id}", web.SignedIn, h.instancePage)
	app.Handle("POST /instances/{id}/updates", mayWork, h.postUpdate, web.MaxBody(MaxUploadBody))
	app.Handle("POST /instances/{id}/review", mayApprove, h.review)
	app.Handle("GET /evidence/{id}", web.SignedIn, h.downloadEvidence)
	app.Handle("GET /notifications", web.SignedIn, h.notifications)
	app.Handle("POST /notifications/read", web.SignedIn, h.markRead)

	apiRoutes(app, h)
}

// pathID reads a numeric {id}; a malformed one is a 404.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// storeError answers a store failure that is not a validation error.
func (h *handler) storeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, db.ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	h.render.Error(w, r, err)
}

// planView is what a user may see of a plan: all of it (Full), or only the
// tasks led by units in Scope (an officer of a division).
type planView struct {
	Plan  Plan
	Full  bool
	Scope string
}

// loadPlan reads the plan of the route and what the user may see of it. A
// plan the user may not see at all is a 404, so its existence is not told.
func (h *handler) loadPlan(w http.ResponseWriter, r *http.Request) (planView, bool) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return planView{}, false
	}
	v, err := h.viewPlan(r, id)
	if err != nil {
		h.storeError(w, r, err)
		return planView{}, false
	}
	return v, true
}

// viewPlan is loadPlan for plan id without answering: a plan the user may
// not see is db.ErrNotFound.
func (h *handler) viewPlan(r *http.Request, id int64) (planView, error) {
	p, err := h.store.Plan(r.Context(), id)
	if err != nil {
		return planView{}, err
	}
	user := org.CurrentUser(r)
	if user.Can(org.ActRead, p.UnitPath) {
		return planView{Plan: p, Full: true}, nil
	}
	tasks, _, err := h.store.Tasks(r.Context(), TaskFilter{PlanID: id, LeadScope: user.UnitPath, PerPage: 1})
	if err != nil {
		return planView{}, err
	}
	if len(tasks) == 0 {
		return planView{}, ErrNotFound
	}
	return planView{Plan: p, Scope: user.UnitPath}, nil
}

// canReadInstance: the plan's readers, the lead unit's, and the task's
// assignees and coordinating units.
func (h *handler) canReadInstance(r *http.Request, inst TaskInstance) bool {
	user := org.CurrentUser(r)
	if user.Can(org.ActRead, inst.PlanUnitPath) || user.Can(org.ActRead, inst.LeadUnitPath) {
		return true
	}
	t, err := h.store.Task(r.Context(), inst.TaskID)
	if err != nil {
		return false
	}
	for _, a := range t.Assignees {
		if a == user.ID {
			return true
		}
	}
	for _, c := range t.Coordinators {
		if u, err := h.org.Unit(r.Context(), c); err == nil && user.Can(org.ActRead, u.Path) {
			return true
		}
	}
	return false
}

func canWork(user *org.User, inst TaskInstance) bool {
	return user.Can(org.ActWork, inst.LeadUnitPath)
}

func canApprove(user *org.User, inst TaskInstance) bool {
	return user.Can(org.ActApprove, inst.PlanUnitPath)
}

func (h *handler) loadInstance(w http.ResponseWriter, r *http.Request) (TaskInstance, bool) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return TaskInstance{}, false
	}
	inst, err := h.store.Instance(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return inst, false
	}
	if !h.canReadInstance(r, inst) {
		h.render.NotFound(w, r)
		return inst, false
	}
	return inst, true
}

func atoiDefault(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}
