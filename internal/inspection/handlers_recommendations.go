package inspection

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/upload"
	"papihub/internal/platform/web"
)

type recommendationPage struct {
	Nav        subNav
	R          Recommendation
	Status     Status
	DaysOver   int
	Share      float64
	HasShare   bool
	Updates    []Update
	Progresses []Progress
	CanWork    bool
	Today      time.Time
	Errors     web.FieldErrors
	Form       updateForm
}

type updateForm struct {
	Progress, On, Recovered, Note string
}

func (h *handler) recommendation(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	rec, paths, ok := h.loadRecommendation(w, r, user)
	if !ok {
		return
	}
	today := h.store.Today()
	h.recommendationStatus(w, r, http.StatusOK, rec, paths, recommendationPage{Form: updateForm{Progress: string(rec.Progress),
		On: today.Format("02/01/2006"), Recovered: strconv.FormatInt(rec.AmountRecovered, 10)}})
}

func (h *handler) recommendationStatus(w http.ResponseWriter, r *http.Request, status int, rec Recommendation, paths Paths, page recommendationPage) {
	user := org.CurrentUser(r)
	updates, err := h.store.Updates(r.Context(), rec.ID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	unit, err := h.store.Unit(r.Context(), rec.Conclusion.UnitID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	today := h.store.Today()
	page.Nav, page.R, page.Updates, page.Today, page.Progresses = h.nav("conclusions", unit, user), rec, updates, today, Progresses
	page.Status, page.DaysOver = rec.StatusOn(today), rec.DaysOver(today)
	page.Share, page.HasShare = RecoveredShare(rec.AmountDue, rec.AmountRecovered)
	page.Share *= 100
	page.CanWork = canAny(user, org.ActWork, paths.Unit, paths.Responsible)
	h.render.PageStatus(w, r, status, "inspection/recommendation", page)
}

// addUpdate records a report of progress with its evidence file.
func (h *handler) addUpdate(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	rec, paths, ok := h.loadRecommendation(w, r, user)
	if !ok {
		return
	}
	if !canAny(user, org.ActWork, paths.Unit, paths.Responsible) {
		h.render.Forbidden(w, r)
		return
	}
	errs := web.FieldErrors{}
	var file *File
	f, header, err := r.FormFile("evidence")
	switch {
	case err == nil:
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, upload.MaxSize+1))
		if err != nil {
			h.render.BadRequest(w, r, err)
			return
		}
		file = &File{Name: header.Filename, Data: data}
	case errors.Is(err, http.ErrMissingFile), errors.Is(err, http.ErrNotMultipart):
	default:
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.render.BadRequest(w, r, err)
			return
		}
		errs.Add("evidence", "inspection.evidence.type")
	}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	form := updateForm{Progress: v("progress"), On: v("on"), Recovered: v("amount_recovered"), Note: v("note")}
	u := Update{Progress: Progress(form.Progress), Note: form.Note, On: dateField(form.On, "on", errs)}
	u.AmountRecovered = rec.AmountRecovered
	if form.Recovered != "" {
		u.AmountRecovered = amountField(form.Recovered, "amount_recovered", errs)
	}
	if !errs.Any() {
		_, err := h.store.AddUpdate(r.Context(), user.Actor(), rec.ID, u, file)
		if errs = h.render.Saved(w, r, err, "inspection.update.saved", func() string { return idURL("/inspection/recommendations/", rec.ID) }); errs == nil {
			return
		}
	}
	h.recommendationStatus(w, r, http.StatusUnprocessableEntity, rec, paths, recommendationPage{Errors: errs, Form: form})
}

// evidence sends an update's evidence file to those who read the
// recommendation.
func (h *handler) evidence(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	uid, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		h.render.NotFound(w, r)
		return
	}
	rid, ev, err := h.store.UpdateEvidence(r.Context(), uid)
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	p, err := h.store.RecommendationPaths(r.Context(), rid)
	if err != nil || !canAny(user, org.ActRead, p.Unit, p.Responsible) {
		h.render.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ev.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", ev.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeFile(w, r, h.store.EvidencePath(ev.SHA256))
}

type overduePage struct {
	Nav     subNav
	Units   []Unit
	Status  string
	Items   []Recommendation
	Today   time.Time
	Page    int
	PrevURL string
	NextURL string
}

// overdue is the leader's view: the recommendations of the unit's subtree
// past their deadline (?status=strict adds those done late and the repeat
// violations), the longest overdue first.
func (h *handler) overdue(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	status := r.FormValue("status")
	if status != "strict" {
		status = string(StatusOverdue)
	}
	pg := web.PageOf(r)
	today := h.store.Today()
	items, more, err := h.store.Recommendations(r.Context(), RecFilter{Scope: unit.Path, Status: status, On: today, Page: pg.Page, PerPage: pg.PerPage})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	units, err := h.store.Units(r.Context(), user.ReadScope())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := overduePage{Nav: h.nav(status, unit, user), Units: units, Status: status, Items: items, Today: today, Page: pg.Page}
	page.PrevURL, page.NextURL = pager(r, "/inspection/overdue", pg.Page, more)
	h.render.Render(w, r, "inspection/overdue", page)
}
