package plan

import (
	"net/http"

	"papihub/internal/papi"
)

// frameworkPage is the PAPI catalogue as plans and tasks refer to it: every
// version, newest first, with its dimensions and sub-dimensions.
type frameworkPage struct {
	Versions []papi.Framework
	Current  string // the version scoring this year, marked on the page
}

// framework shows the built-in PAPI framework catalogue. It is read-only:
// the catalogue changes with the survey, in code, not through a form.
func (h *handler) framework(w http.ResponseWriter, r *http.Request) {
	all := papi.Frameworks()
	versions := make([]papi.Framework, 0, len(all))
	for i := len(all) - 1; i >= 0; i-- {
		versions = append(versions, all[i])
	}
	page := frameworkPage{Versions: versions}
	if fw, ok := papi.FrameworkFor(h.store.Today().Year()); ok {
		page.Current = fw.ID
	}
	h.render.Render(w, r, "plan/framework", page)
}
