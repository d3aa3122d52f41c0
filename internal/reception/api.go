package reception

import (
	"errors"
	"net/http"
	"strconv"

	"papihub/internal/org"
	"papihub/internal/platform/period"
	"papihub/internal/platform/web"
)

// EntryJSON is a row of the logbook in the API: the person masked, and for
// a denunciation not even masked.
type EntryJSON struct {
	ID             int64    `json:"id"`
	UnitID         int64    `json:"unit_id"`
	Number         string   `json:"number"`
	ReceivedOn     string   `json:"received_on"`
	Channel        Channel  `json:"channel"`
	Kind           Kind     `json:"kind"`
	Round          int      `json:"round,omitempty"`
	Anonymous      bool     `json:"anonymous"`
	People         int      `json:"people"`
	Person         string   `json:"person"`
	IDNumber       string   `json:"id_number,omitempty"`
	Phone          string   `json:"phone,omitempty"`
	Summary        string   `json:"summary"`
	PriorAgency    string   `json:"prior_agency,omitempty"`
	Handling       Handling `json:"handling"`
	HandlingTo     string   `json:"handling_to,omitempty"`
	HandlingLetter string   `json:"handling_letter,omitempty"`
	HandledOn      string   `json:"handled_on,omitempty"`
	CaseID         int64    `json:"case_id,omitempty"`
}

func entryJSON(e Entry) EntryJSON {
	return EntryJSON{ID: e.ID, UnitID: e.UnitID, Number: e.Number(), ReceivedOn: fmtDay(e.ReceivedOn), Channel: e.Channel, Kind: e.Kind, Round: e.Round,
		Anonymous: e.Anonymous, People: e.People, Person: e.ShownName(), IDNumber: e.IDMasked, Phone: e.PhoneMasked, Summary: e.Summary,
		PriorAgency: e.PriorAgency, Handling: e.Handling, HandlingTo: e.HandlingTo, HandlingLetter: e.HandlingLetter, HandledOn: fmtDay(e.HandledOn), CaseID: e.CaseID}
}

// CaseJSON is a case in the API.
type CaseJSON struct {
	ID             int64  `json:"id"`
	EntryID        int64  `json:"entry_id"`
	UnitID         int64  `json:"unit_id"`
	Number         string `json:"number"`
	Kind           Kind   `json:"kind"`
	Round          int    `json:"round,omitempty"`
	Summary        string `json:"summary"`
	Status         Status `json:"status"`
	Outcome        string `json:"outcome"`
	ReceivedOn     string `json:"received_on"`
	AcceptedOn     string `json:"accepted_on"`
	DueOn          string `json:"due_on"`
	Extensions     int    `json:"extensions"`
	Complexity     int    `json:"complexity"`
	HandlerID      int64  `json:"handler_id,omitempty"`
	DecidedOn      string `json:"decided_on,omitempty"`
	Answer         string `json:"answer,omitempty"`
	Public         bool   `json:"public"`
	TransferredTo  string `json:"transferred_to,omitempty"`
	TransferLetter string `json:"transfer_letter,omitempty"`
	Rating         Rating `json:"rating,omitempty"`
}

func caseJSON(c Case, o Outcome) CaseJSON {
	return CaseJSON{ID: c.ID, EntryID: c.EntryID, UnitID: c.UnitID, Number: strconv.Itoa(c.Seq) + "/" + strconv.Itoa(c.Year), Kind: c.Kind, Round: c.Round,
		Summary: c.Summary, Status: c.Status, Outcome: o.Key(), ReceivedOn: fmtDay(c.ReceivedOn), AcceptedOn: fmtDay(c.AcceptedOn), DueOn: fmtDay(c.Due),
		Extensions: c.Extensions, Complexity: int(c.Complexity), HandlerID: c.HandlerID, DecidedOn: fmtDay(c.DecidedOn), Answer: c.Answer, Public: c.Public,
		TransferredTo: c.TransferredTo, TransferLetter: c.TransferLetter, Rating: c.Rating}
}

func (h *handler) apiEntries(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	errs := web.FieldErrors{}
	pg := web.PageOf(r)
	f := EntryFilter{Scope: unit.Path, Kind: Kind(r.FormValue("kind")), Handling: Handling(r.FormValue("handling")), Query: r.FormValue("q"),
		From: dateField(r.FormValue("from"), "from", errs), To: dateField(r.FormValue("to"), "to", errs), Page: pg.Page, PerPage: pg.PerPage}
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	items, more, err := h.store.Entries(r.Context(), f)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	out := web.ListResponse[EntryJSON]{Items: []EntryJSON{}, Page: pg.Page, PerPage: pg.PerPage, More: more}
	for _, e := range items {
		out.Items = append(out.Items, entryJSON(e))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// entryInput is the body that writes a row of the logbook.
type entryInput struct {
	UnitID         int64    `json:"unit_id"`
	ReceivedOn     string   `json:"received_on"`
	Channel        Channel  `json:"channel"`
	Kind           Kind     `json:"kind"`
	Round          int      `json:"round"`
	Anonymous      bool     `json:"anonymous"`
	Remote         bool     `json:"remote"`
	People         int      `json:"people"`
	Name           string   `json:"name"`
	Address        string   `json:"address"`
	IDNumber       string   `json:"id_number"`
	Phone          string   `json:"phone"`
	Summary        string   `json:"summary"`
	PriorAgency    string   `json:"prior_agency"`
	Handling       Handling `json:"handling"`
	HandlingTo     string   `json:"handling_to"`
	HandlingLetter string   `json:"handling_letter"`
	HandledOn      string   `json:"handled_on"`
	LinkedEntryID  int64    `json:"linked_entry_id"`
	Note           string   `json:"note"`
	DossierCode    string   `json:"dossier_code"`
}

func (h *handler) apiCreate(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	var in entryInput
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
	e := Entry{UnitID: unit.ID, Channel: in.Channel, Kind: in.Kind, Round: in.Round, Anonymous: in.Anonymous, Remote: in.Remote, People: in.People,
		Person: Person{Name: in.Name, Address: in.Address, IDNumber: in.IDNumber, Phone: in.Phone}, Summary: in.Summary, PriorAgency: in.PriorAgency,
		Handling: in.Handling, HandlingTo: in.HandlingTo, HandlingLetter: in.HandlingLetter, LinkedEntryID: in.LinkedEntryID, Note: in.Note, DossierCode: in.DossierCode}
	e.ReceivedOn = dateField(in.ReceivedOn, "received_on", errs)
	e.HandledOn = dateField(in.HandledOn, "handled_on", errs)
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	id, err := h.store.CreateEntry(r.Context(), user.Actor(), e)
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	if e, err = h.store.Entry(r.Context(), id); err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, entryJSON(e))
}

func (h *handler) apiCases(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	cal, err := h.store.calendar(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	f, _, err := h.caseFilter(r, user, unit, cal)
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	f.Status = Status(r.FormValue("status"))
	items, more, err := h.store.Cases(r.Context(), f)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	today := h.store.Today()
	out := web.ListResponse[CaseJSON]{Items: []CaseJSON{}, Page: f.Page, PerPage: f.PerPage, More: more}
	for _, c := range items {
		out.Items = append(out.Items, caseJSON(c, Judge(c, today, cal)))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func (h *handler) apiCase(w http.ResponseWriter, r *http.Request) {
	c, _, ok := h.loadCase(w, r, org.CurrentUser(r))
	if !ok {
		return
	}
	cal, err := h.store.calendar(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, caseJSON(c, Judge(c, h.store.Today(), cal)))
}

// stepInput is the body of a step.
type stepInput struct {
	To            string `json:"to"` // a status, or "extend"
	On            string `json:"on"`
	HandlerID     int64  `json:"handler_id"`
	DivisionID    int64  `json:"division_id"`
	Complexity    int    `json:"complexity"`
	Reason        string `json:"reason"`
	Answer        string `json:"answer"`
	Public        bool   `json:"public"`
	Letter        string `json:"letter"`
	TransferredTo string `json:"transferred_to"`
}

func (h *handler) apiStep(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	c, path, ok := h.loadCase(w, r, user)
	if !ok {
		return
	}
	if !MayWorkCase(user, path, c) {
		h.render.Forbidden(w, r)
		return
	}
	var in stepInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	errs := web.FieldErrors{}
	st := Step{To: Status(in.To), Extend: in.To == "extend", On: dateField(in.On, "on", errs), HandlerID: in.HandlerID, DivisionID: in.DivisionID,
		Complexity: Complexity(in.Complexity), Reason: in.Reason, Answer: in.Answer, Public: in.Public, Letter: in.Letter, Agency: in.TransferredTo}
	if st.Extend {
		st.To = ""
	}
	if errs.Any() {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", errs)
		return
	}
	after, err := h.store.Step(r.Context(), user.Actor(), c.ID, st)
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	cal, err := h.store.calendar(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, caseJSON(after, Judge(after, h.store.Today(), cal)))
}

func (h *handler) apiPublicSchedule(w http.ResponseWriter, r *http.Request) {
	days, err := strconv.Atoi(r.FormValue("days"))
	if err != nil {
		days = 90
	}
	items, err := h.store.PublicSchedule(r.Context(), r.FormValue("unit"), days)
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	web.WriteJSON(w, http.StatusOK, struct {
		Items []PublicSession `json:"items"`
	}{items})
}

func (h *handler) apiPublicFigures(w http.ResponseWriter, r *http.Request) {
	key := r.FormValue("period")
	if key == "" {
		key = strconv.Itoa(h.store.Today().Year())
	}
	span, err := period.Parse(key)
	if err != nil {
		web.WriteAPIError(w, r, http.StatusUnprocessableEntity, "invalid", web.FieldErrors{"period": "reception.period.invalid"})
		return
	}
	out, err := h.store.PublicFigures(r.Context(), r.FormValue("unit"), Day(span.From.Year(), span.From.Month(), span.From.Day()),
		Day(span.To.Year(), span.To.Month(), span.To.Day()))
	if errors.Is(err, ErrNotFound) {
		h.render.NotFound(w, r)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	web.WriteJSON(w, http.StatusOK, out)
}

func (h *handler) apiPublicLookup(w http.ResponseWriter, r *http.Request) {
	if h.lookups.Refused(w, r) {
		return
	}
	p, err := h.store.PublicLookup(r.Context(), r.FormValue("code"))
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, p)
}

// ratingInput is the citizen's rating of an answer, by the entry's code.
type ratingInput struct {
	Code   string `json:"code"`
	Rating Rating `json:"rating"`
}

func (h *handler) apiPublicRate(w http.ResponseWriter, r *http.Request) {
	if h.lookups.Refused(w, r) {
		return
	}
	var in ratingInput
	if err := web.DecodeJSON(r, &in); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	if err := h.store.PublicRate(r.Context(), in.Code, in.Rating, web.ClientIP(r)); err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	p, err := h.store.PublicLookup(r.Context(), in.Code)
	if err != nil {
		h.render.APIFailure(w, r, err, ErrNotFound)
		return
	}
	web.WriteJSON(w, http.StatusOK, p)
}
