package reception

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type listPage struct {
	Nav       subNav
	Query     string
	Kind      string
	Handling  string
	From, To  string
	Kinds     []Kind
	Handlings []Handling
	Items     []Entry
	Page      int
	PrevURL   string
	NextURL   string
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.unitFor(w, r, user)
	if !ok {
		return
	}
	errs := web.FieldErrors{}
	pg := web.PageOf(r)
	f := EntryFilter{Scope: unit.Path, Kind: Kind(r.FormValue("kind")), Handling: Handling(r.FormValue("handling")), Query: r.FormValue("q"),
		From: dateField(r.FormValue("from"), "from", errs), To: dateField(r.FormValue("to"), "to", errs), Page: pg.Page, PerPage: pg.PerPage}
	items, more, err := h.store.Entries(r.Context(), f)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page := listPage{Nav: h.nav("logbook", unit, user), Query: f.Query, Kind: string(f.Kind), Handling: string(f.Handling),
		From: r.FormValue("from"), To: r.FormValue("to"), Kinds: Kinds, Handlings: Handlings, Items: items, Page: pg.Page}
	q := r.URL.Query()
	if pg.Page > 1 {
		q.Set("page", strconv.Itoa(pg.Page-1))
		page.PrevURL = "/reception?" + q.Encode()
	}
	if more {
		q.Set("page", strconv.Itoa(pg.Page+1))
		page.NextURL = "/reception?" + q.Encode()
	}
	h.render.Render(w, r, "reception/list", page)
}

type formPage struct {
	Nav       subNav
	Entry     Entry
	Errors    web.FieldErrors
	Kinds     []Kind
	Channels  []Channel
	Handlings []Handling
	Today     time.Time
}

// entryForm reads the desk's one-screen form.
func entryForm(r *http.Request, e *Entry) web.FieldErrors {
	errs := web.FieldErrors{}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	e.Kind, e.Channel, e.Handling = Kind(v("kind")), Channel(v("channel")), Handling(v("handling"))
	e.ReceivedOn = dateField(v("received_on"), "received_on", errs)
	e.HandledOn = dateField(v("handled_on"), "handled_on", errs)
	e.Anonymous, e.Remote = v("anonymous") != "", v("remote") != ""
	if n := v("people"); n != "" {
		p, err := strconv.Atoi(n)
		if err != nil {
			errs.Add("people", "reception.people.invalid")
		}
		e.People = p
	}
	if n := v("round"); n != "" {
		e.Round, _ = strconv.Atoi(n)
	}
	if n := v("linked_entry"); n != "" {
		e.LinkedEntryID, _ = strconv.ParseInt(n, 10, 64)
	}
	e.Person = Person{Name: v("name"), Address: v("address"), IDNumber: v("id_number"), Phone: v("phone")}
	e.Summary, e.PriorAgency, e.HandlingTo, e.HandlingLetter = v("summary"), v("prior_agency"), v("handling_to"), v("handling_letter")
	e.FollowUp, e.Note, e.DossierCode = v("follow_up"), v("note"), v("dossier_code")
	return errs
}

func (h *handler) formPage(nav subNav, e Entry, errs web.FieldErrors) formPage {
	return formPage{Nav: nav, Entry: e, Errors: errs, Kinds: Kinds, Channels: Channels, Handlings: Handlings, Today: h.store.Today()}
}

func (h *handler) newForm(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	e := Entry{UnitID: unit.ID, ReceivedOn: h.store.Today(), Channel: InPerson, People: 1}
	h.render.Render(w, r, "reception/form", h.formPage(h.nav("new", unit, user), e, nil))
}

func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	unit, ok := h.workUnit(w, r, user)
	if !ok {
		return
	}
	e := Entry{UnitID: unit.ID}
	errs := entryForm(r, &e)
	if !errs.Any() {
		id, err := h.store.CreateEntry(r.Context(), user.Actor(), e)
		if errs = h.render.Saved(w, r, err, "reception.created", func() string { return "/reception/entries/" + strconv.FormatInt(id, 10) }); errs == nil {
			return
		}
	}
	// The person is typed again rather than echoed: a refused form does not
	// carry a denouncer's name back into a page.
	if e.Protected() {
		e.Person = Person{}
	}
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "reception/form", h.formPage(h.nav("new", unit, user), e, errs))
}

type entryPage struct {
	Nav       subNav
	Entry     Entry
	Case      Case
	Revealed  *Person
	CanReveal bool
	CanWork   bool
	Errors    web.FieldErrors
	Handlings []Handling
	Today     time.Time
}

func (h *handler) entryPage(r *http.Request, user *org.User, e Entry, c Case, path string) (entryPage, error) {
	unit, err := h.store.Unit(r.Context(), e.UnitID)
	if err != nil {
		return entryPage{}, err
	}
	return entryPage{Nav: h.nav("logbook", unit, user), Entry: e, Case: c, CanReveal: MayReveal(user, path, e, c),
		CanWork: user.Can(org.ActWork, path), Handlings: Handlings[1:], Today: h.store.Today()}, nil
}

func (h *handler) showEntry(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	e, c, path, ok := h.loadEntry(w, r, user)
	if !ok {
		return
	}
	page, err := h.entryPage(r, user, e, c, path)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "reception/entry", page)
}

// reveal shows the person in full to whom the law lets see it, and audits
// the reveal.
func (h *handler) reveal(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	e, c, path, ok := h.loadEntry(w, r, user)
	if !ok {
		return
	}
	if !MayReveal(user, path, e, c) {
		h.render.Forbidden(w, r)
		return
	}
	page, err := h.entryPage(r, user, e, c, path)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	p, err := h.store.Reveal(r.Context(), user.Actor(), e.ID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Revealed = &p
	w.Header().Set("Cache-Control", "no-store")
	h.render.Render(w, r, "reception/entry", page)
}

// handle records the desk's decision on a pending entry.
func (h *handler) handle(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	e, c, path, ok := h.loadEntry(w, r, user)
	if !ok {
		return
	}
	if !user.Can(org.ActWork, path) {
		h.render.Forbidden(w, r)
		return
	}
	errs := web.FieldErrors{}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	d := Decision{Handling: Handling(v("handling")), HandlingTo: v("handling_to"), HandlingLetter: v("handling_letter"),
		HandledOn: dateField(v("handled_on"), "handled_on", errs)}
	d.LinkedEntryID, _ = strconv.ParseInt(v("linked_entry"), 10, 64)
	if !errs.Any() {
		err := h.store.Handle(r.Context(), user.Actor(), e.ID, d)
		if errs = h.render.Saved(w, r, err, "reception.handled", func() string { return "/reception/entries/" + strconv.FormatInt(e.ID, 10) }); errs == nil {
			return
		}
	}
	page, err := h.entryPage(r, user, e, c, path)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page.Errors = errs
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "reception/entry", page)
}
