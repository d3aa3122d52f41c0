// Package home is the page a signed-in user lands on: what needs their
// attention, written for their role by the capabilities that know it (an
// officer's tasks, a division's work, the plan's state, a leader's one
// page, the province for Home Affairs), then where each part of the system
// is.
package home

import (
	"embed"
	"net/http"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

type homePage struct {
	Blocks   []Block
	Sections []web.NavItem
}

// Routes registers the home page with the panels that fill it.
func Routes(app *web.App, nav []web.NavItem, panels ...Panel) {
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
		if user := org.CurrentUser(r); user != nil {
			blocks, err := blocksFor(r, user, panels)
			if err != nil {
				app.Render.Error(w, r, err)
				return
			}
			page.Blocks = blocks
		}
		app.Render.Render(w, r, "home/home", page)
	})
}
