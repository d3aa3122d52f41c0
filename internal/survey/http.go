package survey

import (
	"embed"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

// Upload limits: an XLSForm is small; an ODK Central zip of a large survey is not.
const (
	maxFormUpload     = 10 << 20
	maxResponseUpload = 64 << 20
)

type handler struct {
	store   *Store
	org     *org.Store
	render  *web.Renderer
	now     func() time.Time
	refresh *Refresher // recomputes stored results after new responses
}

// managers may import forms and responses, make invitation codes and
// download microdata; the unit check in each handler narrows it to their
// subtree.
var managers = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleManager)...)

// Routes registers the survey pages: the signed-in pages of an agency's
// questionnaires and results under /surveys, and the public survey page a
// citizen opens with an invitation code under /khao-sat.
func Routes(app *web.App, store *Store, orgStore *org.Store) {
	app.Render.Add("survey", templatesFS, "templates")
	h := &handler{store: store, org: orgStore, render: app.Render, now: store.now, refresh: NewRefresher(store)}

	app.Handle("GET /surveys", web.SignedIn, h.list)
	app.Handle("GET /surveys/new", managers, h.newForm)
	app.Handle("POST /surveys", managers, h.createForm, web.MaxBody(maxFormUpload))
	app.Handle("GET /surveys/template.xlsx", web.SignedIn, h.template)
	app.Handle("GET /surveys/{id}", web.SignedIn, h.show)
	app.Handle("POST /surveys/{id}/status", managers, h.setStatus)
	app.Handle("POST /surveys/{id}/invitations", managers, h.invitations)
	app.Handle("GET /surveys/{id}/import", managers, h.importPage)
	app.Handle("POST /surveys/{id}/import", managers, h.importResponses, web.MaxBody(maxResponseUpload))
	app.Handle("GET /surveys/{id}/results", web.SignedIn, h.results)
	app.Handle("POST /surveys/{id}/results", managers, h.recomputeResults)
	app.Handle("GET /surveys/{id}/export", managers, h.export)

	app.Handle("GET /khao-sat", web.Public, h.publicStart)
	app.Handle("POST /khao-sat", web.Public, h.publicEnterCode)
	app.Handle("GET /khao-sat/cam-on", web.Public, h.publicThanks)
	app.Handle("GET /khao-sat/{code}", web.Public, h.publicForm)
	app.Handle("POST /khao-sat/{code}", web.Public, h.publicSubmit)
}

// pathID reads a numeric {id} from the route; a malformed one is a 404.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// loadForm loads the form of the route and checks that the user may take
// act on it; it has answered the request when ok is false.
func (h *handler) loadForm(w http.ResponseWriter, r *http.Request, act org.Action) (StoredForm, bool) {
	id, ok := pathID(r)
	if !ok {
		h.render.NotFound(w, r)
		return StoredForm{}, false
	}
	sf, err := h.store.Form(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		h.render.NotFound(w, r)
		return StoredForm{}, false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return StoredForm{}, false
	}
	if !org.CurrentUser(r).Can(act, sf.UnitPath) {
		h.render.Forbidden(w, r)
		return StoredForm{}, false
	}
	return sf, true
}

// manageableUnits lists the open units in which the user may manage surveys.
func (h *handler) manageableUnits(r *http.Request) ([]org.Unit, error) {
	user := org.CurrentUser(r)
	units, err := h.org.Units(r.Context(), org.UnitFilter{Scope: user.UnitPath})
	if err != nil {
		return nil, err
	}
	var out []org.Unit
	for _, u := range units {
		if user.Can(org.ActManage, u.Path) {
			out = append(out, u)
		}
	}
	return out, nil
}

// formLang picks the form's label language for the page's language: the
// language coded "vi" or "en", else one whose name says it, else the form's
// default.
func formLang(f *Form, r *http.Request) string {
	return formLangFor(f, web.Lang(r))
}

// formLangFor is the form's label language closest to the interface
// language ui ("vi" or "en").
func formLangFor(f *Form, ui string) string {
	want, words := "vi", []string{"viet", "tieng viet"}
	if ui == web.LangEN {
		want, words = "en", []string{"english", "tieng anh"}
	}
	for _, l := range f.Languages {
		if l == want {
			return l
		}
	}
	for _, l := range f.Languages {
		name := vn.Fold(f.LanguageNames[l] + " " + l)
		for _, w := range words {
			if strings.Contains(name, w) {
				return l
			}
		}
	}
	return f.DefaultLanguage
}
