// Package home is the page a signed-in user lands on: where each part of
// the system is, and (as capabilities grow) what needs their attention.
package home

import (
	"embed"
	"net/http"

	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

type homePage struct {
	Sections []web.NavItem
}

// Routes registers the home page.
func Routes(app *web.App, nav []web.NavItem) {
	app.Render.Add("home", templatesFS, "templates")
	app.Handle("GET /{$}", web.SignedIn, func(w http.ResponseWriter, r *http.Request) {
		var sections []web.NavItem
		s := web.SessionOf(r)
		for _, n := range nav {
			if n.Href != "/" && web.Roles(n.Roles...).Allows(s) {
				sections = append(sections, n)
			}
		}
		app.Render.Render(w, r, "home/home", homePage{Sections: sections})
	})
}
