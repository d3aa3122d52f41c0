// Package home is the page a signed-in user lands on: what needs their
// attention, written for their role by the capabilities that know it (an
// officer's tasks, a division's work, the plan's state, a leader's one
// page, the province for Home Affairs), then where each part of the system
// is.
package home

import (
	"database/sql"
	"embed"
	"fmt"
	"net/http"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

type homePage struct {
	Blocks   []Block
	Sections []web.NavItem
}

// Keep says where a user's blocks are kept between requests: in an
// audit.Cache read against DB (the latest audited change), for the day of
// Now. Every figure a block shows comes from audited records (the plans'
// instances, the registers, the rounds, the index's dossiers, the official
// results), so the blocks hold until the next audited change, or a minute
// (audit.CacheMaxAge). A zero Keep computes them on every request.
//
// Scope is what the panels read (audit.Scope): a change to anything else
// keeps the blocks. The panels gather figures from every capability (the
// registers' agenda among them), so the application gives audit.AnyRecord;
// the zero Scope drops them at any change.
type Keep struct {
	DB    *sql.DB
	Now   func() time.Time
	Scope audit.Scope
}

// blocksKey is what a user's blocks depend on besides the records: who
// they are (their roles and unit, so a change of either is a new key even
// before the audit entry is read; their name is an audited record), the
// language and the day.
type blocksKey struct {
	user                  int64
	roles, unit, lang, on string
}

// Routes registers the home page with the panels that fill it.
func Routes(app *web.App, nav []web.NavItem, keep Keep, panels ...Panel) {
	// The page's content is kept rendered (web.Body) with the blocks: it
	// reads nothing else but the user's name and the sections their roles
	// open, and the key holds the user and their roles.
	var kept audit.Cache[blocksKey, web.Body]
	app.Render.Add("home", templatesFS, "templates")
	app.Handle("GET /{$}", web.SignedIn, func(w http.ResponseWriter, r *http.Request) {
		var sections []web.NavItem
		s := web.SessionOf(r)
		for _, n := range nav {
			if n.Href != "/" && web.Roles(n.Roles...).Allows(s) {
				sections = append(sections, n)
			}
		}
		page := homePage{Sections: sections}
		user := org.CurrentUser(r)
		if user == nil || keep.DB == nil || keep.Now == nil {
			if user != nil {
				blocks, err := blocksFor(r, user, panels)
				if err != nil {
					app.Render.Error(w, r, err)
					return
				}
				page.Blocks = blocks
			}
			app.Render.Render(w, r, "home/home", page)
			return
		}
		key := blocksKey{user: user.ID, roles: fmt.Sprint(user.Roles), unit: user.UnitPath, lang: web.Lang(r),
			on: vn.FormatDate(keep.Now().In(vn.Location()))}
		body, err := kept.GetScoped(r.Context(), keep.DB, keep.Scope, key, func() (web.Body, error) {
			blocks, err := blocksFor(r, user, panels)
			if err != nil {
				return web.Body{}, err
			}
			page.Blocks = blocks
			return app.Render.RenderBody(r, "home/home", page)
		})
		if err != nil {
			app.Render.Error(w, r, err)
			return
		}
		app.Render.PageBody(w, r, http.StatusOK, "home/home", nil, body)
	})
}
