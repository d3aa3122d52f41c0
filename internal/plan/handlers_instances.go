package plan

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"papihub/internal/org"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

type instancePage struct {
	Instance   TaskInstance
	Task       PlanTask
	Updates    []Update
	CanWork    bool
	CanApprove bool
	Errors     web.FieldErrors
	Text       string
	Percent    int
	// Figure is what the task's bound measure counts over the instance's
	// period; nil when the task is not bound.
	Figure *BoundFigure
}

func (h *handler) instancePageStatus(w http.ResponseWriter, r *http.Request, status int, inst TaskInstance, page instancePage) {
	user := org.CurrentUser(r)
	t, err := h.store.Task(r.Context(), inst.TaskID)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	updates, err := h.store.Updates(r.Context(), inst.ID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if page.Figure, err = h.store.instanceFigure(r.Context(), inst, t); err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Instance, page.Task, page.Updates = inst, t, updates
	page.CanWork = canWork(user, inst) && inst.Status != Accepted && inst.Status != Cancelled
	page.CanApprove = canApprove(user, inst) && inst.Status == Submitted
	if page.Percent == 0 {
		page.Percent = inst.Percent
	}
	h.render.PageStatus(w, r, status, "plan/instance", page)
}

func (h *handler) instancePage(w http.ResponseWriter, r *http.Request) {
	inst, ok := h.loadInstance(w, r)
	if !ok {
		return
	}
	h.instancePageStatus(w, r, http.StatusOK, inst, instancePage{})
}

// uploads reads the files of a multipart form, at most the per-file limit
// plus one byte each so that CheckEvidence can say "too large".
func uploads(r *http.Request) ([]Upload, error) {
	if r.MultipartForm == nil {
		// A client that sent its CSRF token as a header has not had its
		// form parsed yet.
		if err := r.ParseMultipartForm(32 << 20); err == http.ErrNotMultipart {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
	}
	var out []Upload
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, MaxEvidenceSize+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, Upload{Name: fh.Filename, Data: data})
	}
	return out, nil
}

func (h *handler) postUpdate(w http.ResponseWriter, r *http.Request) {
	inst, ok := h.loadInstance(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	files, err := uploads(r)
	if err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	in := UpdateInput{Text: r.PostFormValue("text"), Percent: atoiDefault(r.PostFormValue("percent"), -1), Submit: r.PostFormValue("submit") == "1", Files: files}
	if !canWork(user, inst) {
		h.render.Forbidden(w, r)
		return
	}
	if _, err := h.store.PostUpdate(r.Context(), user.Actor(), inst.ID, in); err != nil {
		if fe, ok := web.AsValidation(err); ok {
			h.instancePageStatus(w, r, http.StatusUnprocessableEntity, inst, instancePage{Errors: fe, Text: in.Text, Percent: max(in.Percent, 0)})
			return
		}
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, map[bool]string{true: "plan.update.submitted", false: "plan.update.saved"}[in.Submit])
	http.Redirect(w, r, "/instances/"+strconv.FormatInt(inst.ID, 10), http.StatusSeeOther)
}

func (h *handler) review(w http.ResponseWriter, r *http.Request) {
	inst, ok := h.loadInstance(w, r)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	if !canApprove(user, inst) {
		h.render.Forbidden(w, r)
		return
	}
	accept := r.PostFormValue("decision") == "accept"
	if err := h.store.Review(r.Context(), user.Actor(), inst.ID, accept, r.PostFormValue("comment")); err != nil {
		if fe, ok := web.AsValidation(err); ok {
			h.instancePageStatus(w, r, http.StatusUnprocessableEntity, inst, instancePage{Errors: fe})
			return
		}
		h.storeError(w, r, err)
		return
	}
	web.Flash(w, map[bool]string{true: "plan.review.accepted", false: "plan.review.returned"}[accept])
	http.Redirect(w, r, "/instances/"+strconv.FormatInt(inst.ID, 10), http.StatusSeeOther)
}

// downloadEvidence serves a file to those who may see its task, as an
// attachment with its checked type, never rendered inline.
func (h *handler) downloadEvidence(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return
	}
	ev, err := h.store.EvidenceFile(r.Context(), id)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	inst, err := h.store.Instance(r.Context(), ev.InstanceID)
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	if !h.canReadInstance(r, inst) {
		h.render.NotFound(w, r)
		return
	}
	report.ServeAttachment(w, r, h.store.EvidencePath(ev.SHA256), ev.Name, ev.ContentType, h.render)
}

type notificationsPage struct{ Notes []Notification }

func (h *handler) notifications(w http.ResponseWriter, r *http.Request) {
	notes, err := h.store.Notifications(r.Context(), org.CurrentUser(r).ID, 100)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "plan/notifications", notificationsPage{Notes: notes})
}

func (h *handler) markRead(w http.ResponseWriter, r *http.Request) {
	if err := h.store.MarkNotificationsRead(r.Context(), org.CurrentUser(r).ID); err != nil {
		h.render.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications", http.StatusSeeOther)
}

// exportTasks writes the tasks the user may see, one row per instance, as
// a workbook.
func (h *handler) exportTasks(w http.ResponseWriter, r *http.Request) {
	v, ok := h.loadPlan(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	sheet := report.Sheet{Name: "Nhiệm vụ", Title: v.Plan.Title,
		Header: []string{"Chỉ số", "Nhiệm vụ", "Đơn vị chủ trì", "Kỳ", "Hạn", "Trạng thái", "Tiến độ (%)", "Quá hạn"}}
	for page := 1; ; page++ {
		list, more, err := h.store.Instances(ctx, InstanceFilter{PlanID: v.Plan.ID, LeadScope: v.Scope, Query: r.URL.Query().Get("q"), Page: page, PerPage: 200})
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		for _, it := range list {
			var due any = it.Due
			if it.Problem != "" {
				due = it.Problem // the row stays, its unreadable date said in its place
			}
			sheet.Rows = append(sheet.Rows, []any{it.Dimension, it.TaskText, it.LeadUnitName, it.Period, due, web.T(web.Lang(r), "plan.status."+string(it.Status)), it.Percent, it.Overdue})
		}
		if !more {
			break
		}
	}
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, []report.Sheet{sheet}); err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", TypeXLSX)
	w.Header().Set("Content-Disposition", "attachment; filename=\"nhiem-vu-ke-hoach-"+strconv.FormatInt(v.Plan.ID, 10)+".xlsx\"")
	w.Write(buf.Bytes())
}
