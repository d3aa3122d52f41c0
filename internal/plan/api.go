package plan

import (
	"encoding/base64"
	"errors"
	"net/http"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

func apiRoutes(app *web.App, h *handler) {
	app.Handle("GET /api/v1/plans", web.SignedIn, h.apiPlans)
	app.Handle("POST /api/v1/plans", mayManage, h.apiCreatePlan, web.MaxBody(4<<20))
	app.Handle("GET /api/v1/plans/{id}", web.SignedIn, h.apiPlan)
	app.Handle("PUT /api/v1/plans/{id}", mayManage, h.apiUpdatePlan)
	app.Handle("DELETE /api/v1/plans/{id}", mayManage, h.apiDeletePlan)
	app.Handle("GET /api/v1/plans/{id}/tasks", web.SignedIn, h.apiTasks)
	app.Handle("POST /api/v1/plans/{id}/tasks", mayManage, h.apiCreateTask)
	app.Handle("GET /api/v1/plans/{id}/instances", web.SignedIn, h.apiInstances)
	app.Handle("GET /api/v1/tasks/{id}", web.SignedIn, h.apiTask)
	app.Handle("PUT /api/v1/tasks/{id}", mayManage, h.apiUpdateTask)
	app.Handle("DELETE /api/v1/tasks/{id}", mayManage, h.apiDeleteTask)
	app.Handle("GET /api/v1/instances/{id}", web.SignedIn, h.apiInstance)
	app.Handle("GET /api/v1/instances/{id}/updates", web.SignedIn, h.apiUpdates)
	app.Handle("POST /api/v1/instances/{id}/updates", mayWork, h.apiPostUpdate, web.MaxBody(MaxUploadBody*4/3+1<<20))
	app.Handle("POST /api/v1/instances/{id}/review", mayApprove, h.apiReview)
}

// ScheduleJSON is a task's recurrence in the API. Dates are YYYY-MM-DD.
type ScheduleJSON struct {
	Frequency   Frequency  `json:"frequency"`
	Due         string     `json:"due,omitempty"`
	ReportEvery PeriodKind `json:"report_every,omitempty"`
	OffsetDays  int        `json:"offset_days,omitempty"`
}

func scheduleJSON(r Recurrence) ScheduleJSON {
	return ScheduleJSON{Frequency: r.Frequency, Due: dateOrEmpty(r.Due), ReportEvery: r.ReportEvery, OffsetDays: r.OffsetDays}
}

func (s ScheduleJSON) recurrence(errs web.FieldErrors) Recurrence {
	r := Recurrence{Frequency: s.Frequency, ReportEvery: s.ReportEvery, OffsetDays: s.OffsetDays}
	if s.Due != "" {
		t, err := time.Parse("2006-01-02", s.Due)
		if err != nil {
			errs.Add("schedule.due", "form.date.invalid")
		}
		r.Due = t
	}
	if s.Frequency == "" {
		return DefaultRecurrence
	}
	return r
}

// TaskJSON is a task in the API.
type TaskJSON struct {
	ID             int64        `json:"id,omitempty"`
	PlanID         int64        `json:"plan_id,omitempty"`
	SectionID      int64        `json:"section_id"`
	Dimension      string       `json:"dimension,omitempty"`
	Text           string       `json:"text"`
	Details        []string     `json:"details,omitempty"`
	LeadUnitID     int64        `json:"lead_unit_id"`
	LeadUnitName   string       `json:"lead_unit_name,omitempty"`
	Coordinators   []int64      `json:"coordinators"`
	Assignees      []int64      `json:"assignees"`
	ExpectedOutput string       `json:"expected_output,omitempty"`
	Target         *Target      `json:"target,omitempty"`
	Schedule       ScheduleJSON `json:"schedule"`
	DueText        string       `json:"due_text,omitempty"`
	LeadText       string       `json:"lead_text,omitempty"`
	Also           []string     `json:"also,omitempty"`
	Cancelled      bool         `json:"cancelled,omitempty"`
	Problem        string       `json:"problem,omitempty"` // what in the stored row could not be read
}

func taskJSON(t PlanTask) TaskJSON {
	return TaskJSON{ID: t.ID, PlanID: t.PlanID, SectionID: t.SectionID, Dimension: t.Dimension, Text: t.Text, Details: t.Details,
		LeadUnitID: t.LeadUnitID, LeadUnitName: t.LeadUnitName, Coordinators: nonNil(t.Coordinators), Assignees: nonNil(t.Assignees),
		ExpectedOutput: t.ExpectedOutput, Target: t.Target, Schedule: scheduleJSON(t.Recurrence), Cancelled: t.Cancelled,
		DueText: t.DueText, LeadText: t.LeadText, Also: t.Also, Problem: t.Problem}
}

func nonNil(s []int64) []int64 {
	if s == nil {
		return []int64{}
	}
	return s
}

func (t TaskJSON) input(errs web.FieldErrors) TaskInput {
	return TaskInput{SectionID: t.SectionID, Text: t.Text, Details: t.Details, LeadUnitID: t.LeadUnitID, Coordinators: t.Coordinators,
		Assignees: t.Assignees, ExpectedOutput: t.ExpectedOutput, Target: t.Target, Recurrence: t.Schedule.recurrence(errs),
		DueText: t.DueText, LeadText: t.LeadText}
}

// PlanJSON is a plan in the API; on creation, sections carry their tasks.
type PlanJSON struct {
	ID           int64             `json:"id,omitempty"`
	UnitID       int64             `json:"unit_id"`
	UnitName     string            `json:"unit_name,omitempty"`
	Number       string            `json:"number"`
	Symbol       string            `json:"symbol"`
	Title        string            `json:"title"`
	ParentBody   string            `json:"parent_body"`
	Place        string            `json:"place"`
	Date         string            `json:"date"`
	Year         int               `json:"year"`
	Status       PlanStatus        `json:"status,omitempty"`
	DerivedFrom  int64             `json:"derived_from,omitempty"`
	Basis        []PlanBasis       `json:"basis"`
	Purposes     []string          `json:"purposes"`
	Requirements []string          `json:"requirements"`
	Organisation []string          `json:"organisation"`
	Recipients   []string          `json:"recipients"`
	Signer       Signer            `json:"signer"`
	Baselines    []Baseline        `json:"baselines"`
	Sections     []PlanSectionJSON `json:"sections"`
}

// PlanSectionJSON is a section; Tasks only on creation.
type PlanSectionJSON struct {
	ID        int64      `json:"id,omitempty"`
	Dimension string     `json:"dimension"`
	Also      []string   `json:"also,omitempty"`
	Heading   string     `json:"heading"`
	Intro     string     `json:"intro,omitempty"`
	Tasks     []TaskJSON `json:"tasks,omitempty"`
}

func planJSON(p Plan) PlanJSON {
	out := PlanJSON{ID: p.ID, UnitID: p.UnitID, UnitName: p.UnitName, Number: p.Number, Symbol: p.Symbol, Title: p.Title, ParentBody: p.ParentBody,
		Place: p.Place, Date: p.IssueDate, Year: p.Year, Status: p.Status, DerivedFrom: p.DerivedFrom, Basis: p.Basis, Purposes: p.Purposes,
		Requirements: p.Requirements, Organisation: p.Organisation, Recipients: p.Recipients, Signer: p.Signer, Sections: []PlanSectionJSON{},
		Baselines: nonNilSlice(p.Baselines)}
	for _, s := range p.Sections {
		out.Sections = append(out.Sections, PlanSectionJSON{ID: s.ID, Dimension: s.Dimension, Also: s.Also, Heading: s.Heading, Intro: s.Intro})
	}
	return out
}

// InstanceJSON is a task instance in the API; overdue is derived on the day
// of the request.
type InstanceJSON struct {
	ID          int64  `json:"id"`
	TaskID      int64  `json:"task_id"`
	PlanID      int64  `json:"plan_id"`
	LeadUnitID  int64  `json:"lead_unit_id"`
	Period      string `json:"period"`
	Due         string `json:"due"`
	Status      Status `json:"status"`
	Percent     int    `json:"percent"`
	SubmittedOn string `json:"submitted_on,omitempty"`
	Overdue     bool   `json:"overdue"`
	DueSoon     bool   `json:"due_soon"`
	TaskText    string `json:"task_text"`
	Dimension   string `json:"dimension"`
	// Problem says what in the stored row could not be read (then due is
	// empty): the list goes on instead of failing.
	Problem string `json:"problem,omitempty"`
}

func instanceJSON(i TaskInstance) InstanceJSON {
	return InstanceJSON{ID: i.ID, TaskID: i.TaskID, PlanID: i.PlanID, LeadUnitID: i.LeadUnitID, Period: i.Period, Due: dateOrEmpty(i.Due),
		Status: i.Status, Percent: i.Percent, SubmittedOn: dateOrEmpty(i.SubmittedOn), Overdue: i.Overdue, DueSoon: i.DueSoon, TaskText: i.TaskText, Dimension: i.Dimension, Problem: i.Problem}
}

// UpdateJSON is an entry of an instance's timeline.
type UpdateJSON struct {
	ID       int64          `json:"id"`
	Kind     UpdateKind     `json:"kind"`
	Text     string         `json:"text"`
	Percent  *int           `json:"percent,omitempty"`
	Author   string         `json:"author"`
	At       string         `json:"at"`
	Evidence []EvidenceJSON `json:"evidence"`
}

// EvidenceJSON is an evidence file's record; url downloads it.
type EvidenceJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	URL         string `json:"url"`
}

// apiFail answers a store error in the API's one error shape.
func apiFail(w http.ResponseWriter, r *http.Request, h *handler, err error) {
	if fe, ok := web.AsValidation(err); ok {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", fe)
		return
	}
	var conflict *ConflictError
	if errors.As(err, &conflict) {
		web.WriteAPIError(w, r, http.StatusConflict, conflict.Code, nil)
		return
	}
	if errors.Is(err, db.ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	h.render.Error(w, r, err)
}

// apiDeletePlan deletes a draft plan with everything below it; an issued
// or closed plan answers 409 plan_not_draft.
func (h *handler) apiDeletePlan(w http.ResponseWriter, r *http.Request) {
	v, ok := h.apiLoadPlan(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	if err := h.store.DeletePlan(r.Context(), user.Actor(), v.Plan.ID); err != nil {
		apiFail(w, r, h, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiDeleteTask deletes a task of a draft plan (204), or cancels a task of
// an issued plan and answers it with "cancelled": true (200).
func (h *handler) apiDeleteTask(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.loadTask(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActManage, p.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	deleted, err := h.store.DeleteTask(r.Context(), user.Actor(), t.ID)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	if deleted {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if t, err = h.store.Task(r.Context(), t.ID); err != nil {
		apiFail(w, r, h, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, taskJSON(t))
}

func (h *handler) apiPlans(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	pg := web.PageOf(r)
	q := r.URL.Query()
	list, more, err := h.store.Plans(r.Context(), PlanFilter{ReadScopes: user.ReadScopes(), WorkScope: user.UnitPath, Query: q.Get("q"),
		Year: atoiDefault(q.Get("year"), 0), Page: pg.Page, PerPage: pg.PerPage})
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	items := make([]PlanJSON, 0, len(list))
	for _, p := range list {
		items = append(items, PlanJSON{ID: p.ID, UnitID: p.UnitID, UnitName: p.UnitName, Number: p.Number, Symbol: p.Symbol, Title: p.Title,
			Date: p.IssueDate, Year: p.Year, Status: p.Status, DerivedFrom: p.DerivedFrom, Sections: []PlanSectionJSON{}})
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[PlanJSON]{Items: items, Page: pg.Page, PerPage: pg.PerPage, More: more})
}

func (h *handler) apiCreatePlan(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	var body PlanJSON
	if err := web.DecodeJSON(r, &body); err != nil {
		h.render.BadRequest(w, r, err) // 413 for a body over the route's limit
		return
	}
	errs := web.FieldErrors{}
	in := PlanInput{UnitID: body.UnitID, Number: body.Number, Symbol: body.Symbol, Title: body.Title, ParentBody: body.ParentBody, Place: body.Place,
		IssueDate: body.Date, Year: body.Year, Basis: body.Basis, Purposes: body.Purposes, Requirements: body.Requirements,
		Organisation: body.Organisation, Recipients: body.Recipients, Signer: body.Signer, DerivedFrom: body.DerivedFrom, Baselines: body.Baselines}
	for _, s := range body.Sections {
		si := SectionInput{Dimension: s.Dimension, Also: s.Also, Heading: s.Heading, Intro: s.Intro}
		for _, t := range s.Tasks {
			si.Tasks = append(si.Tasks, t.input(errs))
		}
		in.Sections = append(in.Sections, si)
	}
	in.Normalize()
	for k, v := range in.Validate() {
		errs.Add(k, v)
	}
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", errs)
		return
	}
	u, err := h.org.Unit(r.Context(), in.UnitID)
	if err != nil {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", web.FieldErrors{"unit_id": "plan.unit.unknown"})
		return
	}
	if !user.Can(org.ActManage, u.Path) {
		h.render.Forbidden(w, r)
		return
	}
	id, err := h.store.CreatePlan(r.Context(), user.Actor(), in)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	p, err := h.store.Plan(r.Context(), id)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, planJSON(p))
}

// apiLoadPlan is loadPlan for the API.
func (h *handler) apiLoadPlan(w http.ResponseWriter, r *http.Request) (planView, bool) {
	return h.loadPlan(w, r) // the renderer answers JSON errors on /api/
}

func (h *handler) apiPlan(w http.ResponseWriter, r *http.Request) {
	v, ok := h.apiLoadPlan(w, r)
	if !ok {
		return
	}
	web.WriteJSON(w, http.StatusOK, planJSON(v.Plan))
}

func (h *handler) apiUpdatePlan(w http.ResponseWriter, r *http.Request) {
	v, ok := h.apiLoadPlan(w, r)
	if !ok {
		return
	}
	var body struct {
		PlanHeader
		Status PlanStatus `json:"status,omitempty"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		h.render.BadRequest(w, r, err) // 413 for a body over the route's limit
		return
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	// Header and status change together or not at all.
	if err := h.store.EditPlan(r.Context(), user.Actor(), v.Plan.ID, body.PlanHeader, body.Status); err != nil {
		apiFail(w, r, h, err)
		return
	}
	p, err := h.store.Plan(r.Context(), v.Plan.ID)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, planJSON(p))
}

func (h *handler) apiTasks(w http.ResponseWriter, r *http.Request) {
	v, ok := h.apiLoadPlan(w, r)
	if !ok {
		return
	}
	pg := web.PageOf(r)
	q := r.URL.Query()
	list, more, err := h.store.Tasks(r.Context(), TaskFilter{PlanID: v.Plan.ID, LeadScope: v.Scope, Dimension: q.Get("dimension"), Query: q.Get("q"), Page: pg.Page, PerPage: pg.PerPage})
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	items := make([]TaskJSON, 0, len(list))
	for _, t := range list {
		items = append(items, taskJSON(t))
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[TaskJSON]{Items: items, Page: pg.Page, PerPage: pg.PerPage, More: more})
}

func (h *handler) apiCreateTask(w http.ResponseWriter, r *http.Request) {
	v, ok := h.apiLoadPlan(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	var body TaskJSON
	if err := web.DecodeJSON(r, &body); err != nil {
		h.render.BadRequest(w, r, err) // 413 for a body over the route's limit
		return
	}
	errs := web.FieldErrors{}
	in := body.input(errs)
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", errs)
		return
	}
	id, err := h.store.CreateTask(r.Context(), user.Actor(), v.Plan.ID, in)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	t, err := h.store.Task(r.Context(), id)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, taskJSON(t))
}

func (h *handler) apiInstances(w http.ResponseWriter, r *http.Request) {
	v, ok := h.apiLoadPlan(w, r)
	if !ok {
		return
	}
	pg := web.PageOf(r)
	q := r.URL.Query()
	f := InstanceFilter{PlanID: v.Plan.ID, LeadScope: v.Scope, Period: q.Get("period"), Overdue: q.Get("overdue") == "1", Page: pg.Page, PerPage: pg.PerPage}
	if st := q.Get("status"); st != "" {
		f.Status = []Status{Status(st)}
	}
	list, more, err := h.store.Instances(r.Context(), f)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	items := make([]InstanceJSON, 0, len(list))
	for _, i := range list {
		items = append(items, instanceJSON(i))
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[InstanceJSON]{Items: items, Page: pg.Page, PerPage: pg.PerPage, More: more})
}

func (h *handler) apiTask(w http.ResponseWriter, r *http.Request) {
	t, _, ok := h.loadTask(w, r)
	if !ok {
		return
	}
	web.WriteJSON(w, http.StatusOK, taskJSON(t))
}

func (h *handler) apiUpdateTask(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.loadTask(w, r)
	if !ok {
		return
	}
	var body TaskJSON
	if err := web.DecodeJSON(r, &body); err != nil {
		h.render.BadRequest(w, r, err) // 413 for a body over the route's limit
		return
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActManage, p.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	errs := web.FieldErrors{}
	in := body.input(errs)
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", errs)
		return
	}
	if err := h.store.UpdateTask(r.Context(), user.Actor(), t.ID, in); err != nil {
		apiFail(w, r, h, err)
		return
	}
	t, err := h.store.Task(r.Context(), t.ID)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, taskJSON(t))
}

func (h *handler) apiInstance(w http.ResponseWriter, r *http.Request) {
	inst, ok := h.loadInstance(w, r)
	if !ok {
		return
	}
	web.WriteJSON(w, http.StatusOK, instanceJSON(inst))
}

func (h *handler) apiUpdates(w http.ResponseWriter, r *http.Request) {
	inst, ok := h.loadInstance(w, r)
	if !ok {
		return
	}
	list, err := h.store.Updates(r.Context(), inst.ID)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	items := make([]UpdateJSON, 0, len(list))
	for _, u := range list {
		j := UpdateJSON{ID: u.ID, Kind: u.Kind, Text: u.Text, Author: u.Author, At: db.FormatTime(u.At), Evidence: []EvidenceJSON{}}
		if u.HasPercent {
			p := u.Percent
			j.Percent = &p
		}
		for _, e := range u.Evidence {
			j.Evidence = append(j.Evidence, EvidenceJSON{ID: e.ID, Name: e.Name, ContentType: e.ContentType, Size: e.Size, SHA256: e.SHA256, URL: "/evidence/" + audit64(e.ID)})
		}
		items = append(items, j)
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[UpdateJSON]{Items: items, Page: 1, PerPage: len(items)})
}

// postUpdateJSON is a progress update through the API; files come base64
// encoded.
type postUpdateJSON struct {
	Text    string `json:"text"`
	Percent int    `json:"percent"`
	Submit  bool   `json:"submit"`
	Files   []struct {
		Name    string `json:"name"`
		Content string `json:"content_base64"`
	} `json:"files"`
}

func (h *handler) apiPostUpdate(w http.ResponseWriter, r *http.Request) {
	inst, ok := h.loadInstance(w, r)
	if !ok {
		return
	}
	var body postUpdateJSON
	if err := web.DecodeJSON(r, &body); err != nil {
		h.render.BadRequest(w, r, err) // 413 for a body over the route's limit
		return
	}
	in := UpdateInput{Text: body.Text, Percent: body.Percent, Submit: body.Submit}
	for _, f := range body.Files {
		data, err := base64.StdEncoding.DecodeString(f.Content)
		if err != nil {
			web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", web.FieldErrors{"files": "plan.evidence.type"})
			return
		}
		in.Files = append(in.Files, Upload{Name: f.Name, Data: data})
	}
	user := org.CurrentUser(r)
	if !canWork(user, inst) {
		h.render.Forbidden(w, r)
		return
	}
	if _, err := h.store.PostUpdate(r.Context(), user.Actor(), inst.ID, in); err != nil {
		apiFail(w, r, h, err)
		return
	}
	inst, err := h.store.Instance(r.Context(), inst.ID)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, instanceJSON(inst))
}

func (h *handler) apiReview(w http.ResponseWriter, r *http.Request) {
	inst, ok := h.loadInstance(w, r)
	if !ok {
		return
	}
	// Permission first: a reader of the unit (its successor's staff, say)
	// learns nothing from a validation answer.
	user := org.CurrentUser(r)
	if !canApprove(user, inst) {
		h.render.Forbidden(w, r)
		return
	}
	var body struct {
		Decision string `json:"decision"`
		Comment  string `json:"comment"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		h.render.BadRequest(w, r, err) // 413 for a body over the route's limit
		return
	}
	if body.Decision != "accept" && body.Decision != "return" {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "validation", web.FieldErrors{"decision": "plan.review.decision.invalid"})
		return
	}
	if err := h.store.Review(r.Context(), user.Actor(), inst.ID, body.Decision == "accept", body.Comment); err != nil {
		apiFail(w, r, h, err)
		return
	}
	inst, err := h.store.Instance(r.Context(), inst.ID)
	if err != nil {
		apiFail(w, r, h, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, instanceJSON(inst))
}

func audit64(id int64) string { return itoa(int(id)) }
