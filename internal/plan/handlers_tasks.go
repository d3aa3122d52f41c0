package plan

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/registers"
)

// taskForm is the task form as typed, kept as text so that a page with
// errors shows back what the user wrote.
type taskForm struct {
	SectionID, Text, LeadUnitID, ExpectedOutput       string
	Coordinators, Assignees                           []string
	TargetValue, TargetUnit, TargetMethod, MetricCode string
	Frequency, Due, ReportEvery, OffsetDays           string
	DueText, LeadText                                 string // the plan document's words
}

func parseTaskForm(r *http.Request) taskForm {
	return taskForm{
		SectionID: r.PostFormValue("section_id"), Text: r.PostFormValue("text"), LeadUnitID: r.PostFormValue("lead_unit_id"),
		ExpectedOutput: r.PostFormValue("expected_output"), Coordinators: r.PostForm["coordinators"], Assignees: r.PostForm["assignees"],
		TargetValue: r.PostFormValue("target_value"), TargetUnit: r.PostFormValue("target_unit"), TargetMethod: r.PostFormValue("target_method"),
		MetricCode: r.PostFormValue("metric_code"), Frequency: r.PostFormValue("frequency"), Due: r.PostFormValue("due"),
		ReportEvery: r.PostFormValue("report_every"), OffsetDays: r.PostFormValue("offset_days"),
		DueText: r.PostFormValue("due_text"), LeadText: r.PostFormValue("lead_text"),
	}
}

func ids(ss []string) []int64 {
	var out []int64
	for _, s := range ss {
		if id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// input converts the typed form, reporting numbers and dates that do not
// parse.
func (f taskForm) input() (TaskInput, web.FieldErrors) {
	errs := web.FieldErrors{}
	in := TaskInput{Text: f.Text, ExpectedOutput: f.ExpectedOutput, Coordinators: ids(f.Coordinators), Assignees: ids(f.Assignees),
		DueText: f.DueText, LeadText: f.LeadText}
	in.SectionID, _ = strconv.ParseInt(f.SectionID, 10, 64)
	in.LeadUnitID, _ = strconv.ParseInt(f.LeadUnitID, 10, 64)
	if strings.TrimSpace(f.TargetValue) != "" {
		v, err := parseNumber(f.TargetValue)
		if err != nil {
			errs.Add("target_value", "plan.task.target.value.invalid")
		}
		in.Target = &Target{Value: v, Unit: f.TargetUnit, Method: f.TargetMethod, MetricCode: f.MetricCode}
	} else if strings.TrimSpace(f.MetricCode) != "" {
		// A figure is bound to be held against a target.
		errs.Add("target_value", "plan.task.target.value.required")
	}
	in.Recurrence = Recurrence{Frequency: Frequency(f.Frequency), ReportEvery: PeriodKind(f.ReportEvery)}
	if in.Recurrence.Frequency != Continuous {
		in.Recurrence.ReportEvery = ""
	}
	if strings.TrimSpace(f.OffsetDays) != "" && in.Recurrence.Frequency != Once {
		// The bounds are TaskInput.validate's, shared with the API.
		n, err := strconv.Atoi(strings.TrimSpace(f.OffsetDays))
		if err != nil {
			errs.Add("offset_days", "plan.task.offset.invalid")
		}
		in.Recurrence.OffsetDays = n
	}
	if in.Recurrence.Frequency == Once && strings.TrimSpace(f.Due) != "" {
		t, err := vn.ParseDate(f.Due)
		if err != nil {
			errs.Add("due", "form.date.invalid")
		} else {
			in.Recurrence.Due = date(t.Year(), t.Month(), t.Day())
		}
	}
	return in, errs
}

// minOffset is how far before a period's end a deadline may fall: within
// the period ("trước 15/12 hằng năm" is 16 days before the year's end,
// "tháng 10 hằng năm" 61), at most 60 days for shorter periods.
func minOffset(f Frequency) int {
	switch f {
	case Yearly:
		return -364
	case HalfYearly:
		return -181
	case Quarterly:
		return -89
	}
	return -60
}

func formOfTask(t PlanTask) taskForm {
	f := taskForm{SectionID: strconv.FormatInt(t.SectionID, 10), Text: t.Text, LeadUnitID: strconv.FormatInt(t.LeadUnitID, 10),
		ExpectedOutput: t.ExpectedOutput, Frequency: string(t.Recurrence.Frequency), ReportEvery: string(t.Recurrence.ReportEvery),
		DueText: t.DueText, LeadText: t.LeadText}
	for _, c := range t.Coordinators {
		f.Coordinators = append(f.Coordinators, strconv.FormatInt(c, 10))
	}
	for _, a := range t.Assignees {
		f.Assignees = append(f.Assignees, strconv.FormatInt(a, 10))
	}
	if t.Target != nil {
		f.TargetValue, f.TargetUnit, f.TargetMethod, f.MetricCode = vn.FormatDecimal(t.Target.Value, 2), t.Target.Unit, t.Target.Method, t.Target.MetricCode
	}
	if t.Recurrence.Frequency == Once {
		f.Due = t.Recurrence.Due.Format("02/01/2006")
	} else if t.Recurrence.OffsetDays != 0 {
		f.OffsetDays = strconv.Itoa(t.Recurrence.OffsetDays)
	}
	return f
}

// Has reports whether a multi-select holds id, for the template.
func (f taskForm) Has(list []string, id int64) bool {
	s := strconv.FormatInt(id, 10)
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type taskFormPage struct {
	Plan        Plan
	Task        *PlanTask
	Form        taskForm
	Errors      web.FieldErrors
	Leads       []org.Unit
	Units       []org.Unit
	Users       []*org.User
	Frequencies []Frequency
	Kinds       []PeriodKind
	Instances   []TaskInstance
	CanManage   bool
	Measures    []measureOption
	// Figure is the bound measure over the plan's year so far.
	Figure *BoundFigure
}

// A measureOption is one choice of the target's "bound to" list.
type measureOption struct {
	Code, Label string
}

// measureOptions lists the registers' measures in the user's language, and
// keeps a code that is no longer offered so that saving the form does not
// drop it silently (the save then says it is unknown).
func (h *handler) measureOptions(lang, current string) []measureOption {
	var out []measureOption
	known := false
	for _, m := range h.store.Measures() {
		label := m.Name
		if lang == "en" && m.NameEN != "" {
			label = m.NameEN
		}
		if m.Dimension != "" {
			label = m.Dimension + " · " + label
		}
		out = append(out, measureOption{Code: m.Code, Label: label})
		known = known || m.Code == current
	}
	if current != "" && !known {
		out = append(out, measureOption{Code: current, Label: current})
	}
	return out
}

var allFrequencies = []Frequency{Once, Continuous, Monthly, Quarterly, HalfYearly, Yearly}
var allKinds = []PeriodKind{Month, Quarter, HalfYear, Year}

func (h *handler) taskFormPage(w http.ResponseWriter, r *http.Request, status int, page taskFormPage) {
	ctx := r.Context()
	day := planInputOf(page.Plan).referenceDay()
	leads, err := h.org.Units(ctx, org.UnitFilter{Scope: page.Plan.UnitPath, IncludeClosed: true})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	for _, u := range leads {
		if u.OpenOn(day) {
			page.Leads = append(page.Leads, u)
		}
	}
	all, err := h.org.Units(ctx, org.UnitFilter{Scope: "/", IncludeClosed: true})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	for _, u := range all {
		if u.OpenOn(day) {
			page.Units = append(page.Units, u)
		}
	}
	users, _, err := h.org.Users(ctx, org.UserFilter{Scope: page.Plan.UnitPath, PerPage: 200})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Users, page.Frequencies, page.Kinds = users, allFrequencies, allKinds
	page.Measures = h.measureOptions(web.Lang(r), page.Form.MetricCode)
	if page.Task != nil {
		to := date(page.Plan.Year, time.December, 31)
		if today := h.store.Today(); today.Before(to) {
			to = today
		}
		if page.Figure, err = h.store.Figure(ctx, *page.Task, page.Plan, date(page.Plan.Year, time.January, 1), to); err != nil {
			h.render.Error(w, r, err)
			return
		}
	}
	h.render.PageStatus(w, r, status, "plan/task", page)
}

func (h *handler) newTask(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	if !org.CurrentUser(r).Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	f := taskForm{Frequency: string(Continuous), ReportEvery: string(Quarter), LeadUnitID: strconv.FormatInt(v.Plan.UnitID, 10), SectionID: r.URL.Query().Get("section")}
	h.taskFormPage(w, r, http.StatusOK, taskFormPage{Plan: v.Plan, Form: f, CanManage: true})
}

func (h *handler) createTask(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	form := parseTaskForm(r)
	in, errs := form.input()
	if errs.Any() {
		h.taskFormPage(w, r, http.StatusUnprocessableEntity, taskFormPage{Plan: v.Plan, Form: form, Errors: errs, CanManage: true})
		return
	}
	if !user.Can(org.ActManage, v.Plan.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	id, err := h.store.CreateTask(r.Context(), user.Actor(), v.Plan.ID, in)
	if err != nil {
		if fe, ok := web.AsValidation(err); ok {
			h.taskFormPage(w, r, http.StatusUnprocessableEntity, taskFormPage{Plan: v.Plan, Form: form, Errors: fe, CanManage: true})
			return
		}
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, "flash.saved")
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// loadTask reads the task of the route with its plan; a user who may read
// neither the plan nor the task's unit gets a 404.
func (h *handler) loadTask(w http.ResponseWriter, r *http.Request) (PlanTask, Plan, bool) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return PlanTask{}, Plan{}, false
	}
	t, err := h.store.Task(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return t, Plan{}, false
	}
	p, err := h.store.Plan(r.Context(), t.PlanID)
	if err != nil {
		h.storeError(w, r, err)
		return t, p, false
	}
	user := org.CurrentUser(r)
	if !user.Can(org.ActRead, p.UnitPath) && !user.Can(org.ActRead, t.LeadUnitPath) {
		h.render.NotFound(w, r)
		return t, p, false
	}
	return t, p, true
}

func (h *handler) taskPage(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.loadTask(w, r)
	if !ok {
		return
	}
	insts, _, err := h.store.Instances(r.Context(), InstanceFilter{TaskID: t.ID, PerPage: 100})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.taskFormPage(w, r, http.StatusOK, taskFormPage{Plan: p, Task: &t, Form: formOfTask(t), Instances: insts,
		CanManage: org.CurrentUser(r).Can(org.ActManage, p.UnitPath)})
}

func (h *handler) updateTask(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.loadTask(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	form := parseTaskForm(r)
	in, errs := form.input()
	if in.SectionID == 0 {
		in.SectionID = t.SectionID
	}
	if !user.Can(org.ActManage, p.UnitPath) {
		h.render.Forbidden(w, r)
		return
	}
	if errs.Any() {
		h.taskFormPage(w, r, http.StatusUnprocessableEntity, taskFormPage{Plan: p, Task: &t, Form: form, Errors: errs, CanManage: true})
		return
	}
	if err := h.store.UpdateTask(r.Context(), user.Actor(), t.ID, in); err != nil {
		if fe, ok := web.AsValidation(err); ok {
			h.taskFormPage(w, r, http.StatusUnprocessableEntity, taskFormPage{Plan: p, Task: &t, Form: form, Errors: fe, CanManage: true})
			return
		}
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, "flash.saved")
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(t.ID, 10), http.StatusSeeOther)
}

type myTasksPage struct {
	Due      instanceRows
	Returned instanceRows
	Overdue  instanceRows
	Waiting  instanceRows
	Notes    []Notification
	// Registers are the registers' deadlines that fall on the user.
	Registers []registers.Item
	More      bool
	Page      int
	Query     string
}

// myTasks is an officer's home: what is overdue, what was returned, what
// falls due in the coming weeks, and what waits for the focal office.
func (h *handler) myTasks(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	ctx := r.Context()
	// Notifications are not audited records: read on every request, and
	// the page kept per list of them.
	notes, err := h.store.Notifications(ctx, user.ID, 5)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	// The lists are the user's own (assignee) within their unit.
	h.keep(w, r, keptKey{id: user.ID, reader: readerOf(user) + "|" + notesKey(notes)}, "plan/mytasks", audit.AnyRecord, func() (any, error) {
		pg := web.PageOf(r)
		q := r.URL.Query().Get("q")
		base := InstanceFilter{LeadScope: user.UnitPath, Assignee: user.ID, Query: q}
		today := h.store.Today()
		page := myTasksPage{Page: pg.Page, Query: q, Notes: notes}
		page.Overdue, page.Returned, page.Due, page.Waiting = rowsOf(r, nil, "overdue"), rowsOf(r, nil, "returned"), rowsOf(r, nil, "due"), rowsOf(r, nil, "waiting")
		var err error
		f := base
		f.Overdue, f.PerPage = true, 20
		if page.Overdue.List, _, err = h.store.Instances(ctx, f); err != nil {
			return nil, err
		}
		f = base
		f.Status, f.PerPage = []Status{Returned}, 20
		if page.Returned.List, _, err = h.store.Instances(ctx, f); err != nil {
			return nil, err
		}
		f = base
		f.Status, f.DueFrom, f.DueTo, f.Page, f.PerPage = []Status{NotStarted, InProgress}, today, today.AddDate(0, 0, 45), pg.Page, pg.PerPage
		if page.Due.List, page.More, err = h.store.Instances(ctx, f); err != nil {
			return nil, err
		}
		f = base
		f.Status, f.PerPage = []Status{Submitted}, 20
		if page.Waiting.List, _, err = h.store.Instances(ctx, f); err != nil {
			return nil, err
		}
		if page.Registers, err = h.store.registers.Agenda(ctx, user, today, 45); err != nil {
			return nil, err
		}
		return page, nil
	})
}

// notesKey names the notifications shown: their text never changes, only
// whether they were read.
func notesKey(notes []Notification) string {
	var b strings.Builder
	for _, n := range notes {
		b.WriteString(strconv.FormatInt(n.ID, 10) + ":" + strconv.FormatBool(n.Read) + ",")
	}
	return b.String()
}

type unitGroup struct {
	Unit string
	Rows instanceRows
}

type overduePage struct {
	View   planView
	Groups []unitGroup
	More   bool
	Page   int
}

// overdue lists a plan's overdue instances grouped by lead unit.
func (h *handler) overdue(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	pg := web.PageOf(r)
	list, more, err := h.store.OverdueByUnit(r.Context(), v.Plan.ID, v.Scope, pg.Page, pg.PerPage)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	var groups []unitGroup
	for _, inst := range list {
		if len(groups) == 0 || groups[len(groups)-1].Unit != inst.LeadUnitName {
			groups = append(groups, unitGroup{Unit: inst.LeadUnitName, Rows: rowsOf(r, nil, "")})
		}
		g := &groups[len(groups)-1]
		g.Rows.List = append(g.Rows.List, inst)
	}
	h.render.Render(w, r, "plan/overdue", overduePage{View: v, Groups: groups, More: more, Page: pg.Page})
}

type calendarDay struct {
	Day       time.Time
	InMonth   bool
	Today     bool
	Instances []TaskInstance
}

type calendarPage struct {
	View       planView
	Month      string
	Title      string
	Prev, Next string
	Weeks      [][]calendarDay
	More       bool
}

// calendar draws a month of deadlines as a grid, Monday first, on the
// server.
func (h *handler) calendar(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	today := h.store.Today()
	month := PeriodOf(Month, today)
	if m, err := ParsePeriod(r.URL.Query().Get("month")); err == nil && m.Kind == Month {
		month = m
	} else if today.Year() != v.Plan.Year {
		month = Period{Kind: Month, Year: v.Plan.Year, N: 1}
	}
	start := month.Start()
	gridStart := start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7))
	end := month.End()
	gridEnd := end.AddDate(0, 0, 6-((int(end.Weekday())+6)%7))
	list, more, err := h.store.Instances(r.Context(), InstanceFilter{PlanID: v.Plan.ID, LeadScope: v.Scope, DueFrom: gridStart, DueTo: gridEnd, PerPage: 200})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	byDay := map[string][]TaskInstance{}
	for _, inst := range list {
		k := db.FormatDate(inst.Due)
		byDay[k] = append(byDay[k], inst)
	}
	var weeks [][]calendarDay
	for d := gridStart; !d.After(gridEnd); d = d.AddDate(0, 0, 7) {
		var week []calendarDay
		for i := 0; i < 7; i++ {
			day := d.AddDate(0, 0, i)
			week = append(week, calendarDay{Day: day, InMonth: day.Month() == start.Month(), Today: day.Equal(today), Instances: byDay[db.FormatDate(day)]})
		}
		weeks = append(weeks, week)
	}
	prev := month
	for p := (Period{Kind: Month, Year: month.Year - 1, N: 1}); p != month; p = p.Next() {
		prev = p
	}
	h.render.Render(w, r, "plan/calendar", calendarPage{View: v, Month: month.String(), Title: start.Format("01/2006"),
		Prev: prev.String(), Next: month.Next().String(), Weeks: weeks, More: more})
}

// parseNumber reads a figure typed the Vietnamese way (95,5) or the plain
// way (95.5); a trailing % is ignored.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	return strconv.ParseFloat(s, 64)
}
