package inspection

import (
	"net/http"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

// RecommendationJSON is a recommendation in the API.
type RecommendationJSON struct {
	ID              int64    `json:"id"`
	ConclusionID    int64    `json:"conclusion_id"`
	Conclusion      string   `json:"conclusion"`
	Seq             int      `json:"seq"`
	Kind            Kind     `json:"kind"`
	Content         string   `json:"content"`
	ResponsibleID   int64    `json:"responsible_id"`
	Responsible     string   `json:"responsible"`
	Deadline        string   `json:"deadline"`
	Progress        Progress `json:"progress"`
	Status          Status   `json:"status"`
	DaysOverdue     int      `json:"days_overdue,omitempty"`
	Late            bool     `json:"late,omitempty"`
	RepeatOf        int64    `json:"repeat_of,omitempty"`
	AmountDue       int64    `json:"amount_due,omitempty"`
	AmountRecovered int64    `json:"amount_recovered,omitempty"`
	People          int      `json:"people,omitempty"`
	DisciplineForm  string   `json:"discipline_form,omitempty"`
	Result          string   `json:"result,omitempty"`
	DoneOn          string   `json:"done_on,omitempty"`
}

func recommendationJSON(r Recommendation, h *handler) RecommendationJSON {
	today := h.store.Today()
	return RecommendationJSON{ID: r.ID, ConclusionID: r.ConclusionID, Conclusion: r.Conclusion.Number, Seq: r.Seq, Kind: r.Kind, Content: r.Content,
		ResponsibleID: r.ResponsibleID, Responsible: r.ResponsibleName, Deadline: fmtDay(r.Deadline), Progress: r.Progress, Status: r.StatusOn(today),
		DaysOverdue: r.DaysOver(today), Late: r.Late(), RepeatOf: r.RepeatOf, AmountDue: r.AmountDue, AmountRecovered: r.AmountRecovered,
		People: r.People, DisciplineForm: r.DisciplineForm, Result: r.Result, DoneOn: fmtDay(r.DoneOn)}
}

// ConclusionJSON is a conclusion in the API.
type ConclusionJSON struct {
	ID              int64                `json:"id"`
	UnitID          int64                `json:"unit_id"`
	Number          string               `json:"number"`
	IssuedOn        string               `json:"issued_on"`
	ReceivedOn      string               `json:"received_on,omitempty"`
	Issuer          string               `json:"issuer"`
	Source          Source               `json:"source"`
	Subjects        string               `json:"subjects,omitempty"`
	Summary         string               `json:"summary"`
	DirectiveDue    string               `json:"directive_due"`
	DirectiveNumber string               `json:"directive_number,omitempty"`
	DirectiveOn     string               `json:"directive_on,omitempty"`
	Directive       DirectiveState       `json:"directive"`
	Recommendations []RecommendationJSON `json:"recommendations,omitempty"`
}

func conclusionJSON(c Conclusion, h *handler) ConclusionJSON {
	out := ConclusionJSON{ID: c.ID, UnitID: c.UnitID, Number: c.Number, IssuedOn: fmtDay(c.IssuedOn), ReceivedOn: fmtDay(c.ReceivedOn), Issuer: c.Issuer,
		Source: c.Source, Subjects: c.Subjects, Summary: c.Summary, DirectiveDue: fmtDay(DirectiveDue(c.Received())), DirectiveNumber: c.DirectiveNumber,
		DirectiveOn: fmtDay(c.DirectiveOn), Directive: c.DirectiveStateOn(h.store.Today())}
	for _, r := range c.Recommendations {
		out.Recommendations = append(out.Recommendations, recommendationJSON(r, h))
	}
	return out
}

func (h *handler) apiConclusions(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	pg := web.PageOf(r)
	items, more, err := h.store.Conclusions(r.Context(), Filter{Scope: unit.Path, Query: r.FormValue("q"), Source: Source(r.FormValue("source")),
		Year: yearOf(r.FormValue("year")), Page: pg.Page, PerPage: pg.PerPage}, h.store.Today())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	out := web.ListResponse[ConclusionJSON]{Items: []ConclusionJSON{}, Page: pg.Page, PerPage: pg.PerPage, More: more}
	for _, c := range items {
		out.Items = append(out.Items, conclusionJSON(c.Conclusion, h))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func (h *handler) apiConclusion(w http.ResponseWriter, r *http.Request) {
	c, _, ok := h.loadConclusion(w, r, org.CurrentUser(r))
	if !ok {
		return
	}
	web.WriteJSON(w, http.StatusOK, conclusionJSON(c, h))
}

// apiRecommendations lists the recommendations of a unit's subtree,
// ?status= overdue, strict, open or a status.
func (h *handler) apiRecommendations(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	status := r.FormValue("status")
	if _, known := statusCondition(status, func() string { return "" }); status != "" && !known {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", web.FieldErrors{"status": "inspection.progress.invalid"})
		return
	}
	pg := web.PageOf(r)
	items, more, err := h.store.Recommendations(r.Context(), RecFilter{Scope: unit.Path, Status: status, Kind: Kind(r.FormValue("kind")),
		On: h.store.Today(), Page: pg.Page, PerPage: pg.PerPage})
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	out := web.ListResponse[RecommendationJSON]{Items: []RecommendationJSON{}, Page: pg.Page, PerPage: pg.PerPage, More: more}
	for _, rec := range items {
		out.Items = append(out.Items, recommendationJSON(rec, h))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// recommendationInput is a recommendation in the body that records a
// conclusion.
type recommendationInput struct {
	Kind            Kind   `json:"kind"`
	Content         string `json:"content"`
	ResponsibleID   int64  `json:"responsible_id"`
	Deadline        string `json:"deadline"`
	AmountDue       int64  `json:"amount_due"`
	AmountRecovered int64  `json:"amount_recovered"`
	People          int    `json:"people"`
	DisciplineForm  string `json:"discipline_form"`
}

// conclusionInput is the body that records a conclusion.
type conclusionInput struct {
	UnitID          int64                 `json:"unit_id"`
	Number          string                `json:"number"`
	IssuedOn        string                `json:"issued_on"`
	ReceivedOn      string                `json:"received_on"`
	Issuer          string                `json:"issuer"`
	Source          Source                `json:"source"`
	Subjects        string                `json:"subjects"`
	Summary         string                `json:"summary"`
	Recommendations []recommendationInput `json:"recommendations"`
}

func (h *handler) apiCreate(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	var in conclusionInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	unit, ok := org.UnitToChange(r.Context(), user, in.UnitID, h.store.Unit, unitPath)
	if !ok {
		h.render.Forbidden(w, r)
		return
	}
	errs := web.FieldErrors{}
	c := Conclusion{UnitID: unit.ID, Number: in.Number, Issuer: in.Issuer, Source: in.Source, Subjects: in.Subjects, Summary: in.Summary,
		IssuedOn: dateField(in.IssuedOn, "issued_on", errs), ReceivedOn: dateField(in.ReceivedOn, "received_on", errs)}
	for i, ri := range in.Recommendations {
		c.Recommendations = append(c.Recommendations, Recommendation{Kind: ri.Kind, Content: ri.Content, ResponsibleID: ri.ResponsibleID,
			Deadline: dateField(ri.Deadline, RecField(i, "deadline"), errs), AmountDue: ri.AmountDue, AmountRecovered: ri.AmountRecovered,
			People: ri.People, DisciplineForm: ri.DisciplineForm})
	}
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	id, err := h.store.CreateConclusion(r.Context(), user.Actor(), c)
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	if c, err = h.store.Conclusion(r.Context(), id); err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, conclusionJSON(c, h))
}

// updateInput is the body that reports progress on a recommendation
// (evidence files go through the page's form).
type updateInput struct {
	On              string   `json:"on"`
	Progress        Progress `json:"progress"`
	AmountRecovered *int64   `json:"amount_recovered"`
	Note            string   `json:"note"`
}

func (h *handler) apiAddUpdate(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	rec, paths, ok := h.loadRecommendation(w, r, user)
	if !ok {
		return
	}
	if !canAny(user, org.ActWork, paths.Unit, paths.Responsible) {
		h.render.Forbidden(w, r)
		return
	}
	var in updateInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	errs := web.FieldErrors{}
	u := Update{Progress: in.Progress, Note: in.Note, On: dateField(in.On, "on", errs), AmountRecovered: rec.AmountRecovered}
	if in.On == "" {
		u.On = h.store.Today()
	}
	if in.AmountRecovered != nil {
		u.AmountRecovered = *in.AmountRecovered
	}
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	if _, err := h.store.AddUpdate(r.Context(), user.Actor(), rec.ID, u, nil); err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	rec, err := h.store.Recommendation(r.Context(), rec.ID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, recommendationJSON(rec, h))
}
