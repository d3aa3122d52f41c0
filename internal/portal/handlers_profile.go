package portal

import (
	"context"
	"embed"
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

//go:embed admin/*.html
var adminFS embed.FS

// The agency enters what it publishes on a page of the signed-in
// application: those who manage the unit's data (its administrator, its
// focal office) edit it; everyone else reads it on the portal.
var profileEditors = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager)...)

// blankContactRows is how many empty rows the form offers for new
// officials (a page without script cannot add rows).
const blankContactRows = 3

// profileHandler serves the profile's form.
type profileHandler struct {
	units    *org.Store
	profiles *Profiles
	render   *web.Renderer
}

func profileRoutes(app *web.App, units *org.Store, profiles *Profiles) {
	app.Render.Add("portal", adminFS, "admin")
	h := &profileHandler{units: units, profiles: profiles, render: app.Render}
	app.Handle("GET /portal/profile", profileEditors, h.form)
	app.Handle("POST /portal/profile", profileEditors, h.save)
}

// profilePage is the form with the units the user may edit.
type profilePage struct {
	Unit      org.Unit
	Profile   Profile
	Rows      []Contact // the contacts, then blank rows
	Errors    web.FieldErrors
	Positions []Position
	Others    []org.Unit // other units with a portal the user manages
	PortalURL string
}

// Error is the message key of a field's problem ("" when none).
func (p profilePage) Error(field string) string { return p.Errors[field] }

// RowError is the message key of a contact row's field.
func (p profilePage) RowError(i int, field string) string { return p.Errors[contactField(i, field)] }

// unit reads ?unit= (default the user's own) and checks that it has a
// portal and that the user manages it.
func (h *profileHandler) unit(w http.ResponseWriter, r *http.Request, user *org.User) (org.Unit, bool) {
	u, ok := org.RequestedUnit(w, r, h.render, user, org.ActManage, h.units.Unit, db.ErrNotFound, func(u org.Unit) string { return u.Path })
	if !ok {
		return u, false
	}
	if !hasPortal(u.Kind) {
		h.render.NotFound(w, r)
		return u, false
	}
	return u, true
}

func (h *profileHandler) page(ctx context.Context, user *org.User, u org.Unit, p Profile, errs web.FieldErrors) (profilePage, error) {
	rows := append([]Contact(nil), p.Contacts...)
	for range blankContactRows {
		rows = append(rows, Contact{Position: Deputy})
	}
	page := profilePage{Unit: u, Profile: p, Rows: rows, Errors: errs, Positions: Positions, PortalURL: Base + "/" + u.Code}
	all, err := h.units.Units(ctx, org.UnitFilter{Scope: user.UnitPath})
	if err != nil {
		return page, err
	}
	for _, o := range all {
		if o.ID != u.ID && hasPortal(o.Kind) && user.Can(org.ActManage, o.Path) {
			page.Others = append(page.Others, o)
		}
	}
	return page, nil
}

func (h *profileHandler) form(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	u, ok := h.unit(w, r, user)
	if !ok {
		return
	}
	p, err := h.profiles.Profile(r.Context(), u.ID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	page, err := h.page(r.Context(), user, u, p, nil)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.render.Render(w, r, "portal/profile", page)
}

// maxFormRows bounds the rows a posted form may carry.
const maxFormRows = MaxContacts + blankContactRows

func (h *profileHandler) save(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	u, ok := h.unit(w, r, user)
	if !ok {
		return
	}
	p := parseProfileForm(r, u.ID)
	err := h.profiles.SaveProfile(r.Context(), user.Actor(), p)
	errs := h.render.Saved(w, r, err, "portal.profile.saved", func() string { return "/portal/profile?unit=" + strconv.FormatInt(u.ID, 10) })
	if errs == nil {
		return
	}
	page, err := h.page(r.Context(), user, u, p, errs)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	// The rows as typed, so that the errors stand beside them.
	page.Rows = append(p.Contacts, Contact{Position: Deputy})
	h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "portal/profile", page)
}

// parseProfileForm reads the form: the agency's fields and the contact
// rows contact_0_name… in order; a row marked for removal is left out.
func parseProfileForm(r *http.Request, unitID int64) Profile {
	v := func(k string) string { return r.PostFormValue(k) }
	p := Profile{UnitID: unitID, Functions: strings.ReplaceAll(v("functions"), "\r\n", "\n"), Address: v("address"), Phone: v("phone"), Email: v("email")}
	for i := range maxFormRows {
		f := func(name string) string { return v(contactField(i, name)) }
		if f("remove") != "" {
			continue
		}
		c := Contact{Position: Position(f("position")), Name: f("name"), Title: f("title"), Phone: f("phone"), Email: f("email")}
		if oneLine(c.Name+c.Title+c.Phone+c.Email) == "" {
			continue
		}
		p.Contacts = append(p.Contacts, c)
	}
	return p
}
