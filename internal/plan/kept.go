package plan

import (
	"fmt"
	"net/http"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/web"
)

// The plan page, its overview and "my tasks" are opened all day and change
// only when someone records something, which is audited: their rendered
// content is kept in handler.kept (an audit.Cache) and written into the
// layout on each request (web.Body). Rendering them was most of their CPU.

// keptKey is what a kept page's content depends on besides the audited
// records. Reader is who reads it, as far as the page differs by reader
// (see readerOf and the handlers); day is there because overdue and
// due-soon move with the date; query holds the filters and the page number.
type keptKey struct {
	page   string
	id     int64
	reader string
	lang   string
	day    string
	query  string
}

// readerOf is what decides what a user may see and do on a plan's pages:
// org.User.Can and ReadScopes read nothing but the roles, the unit and the
// predecessors. Users who share them see the same page.
func readerOf(u *org.User) string {
	return fmt.Sprint(u.Roles) + "|" + u.UnitPath + "|" + strings.Join(u.Predecessors, ",")
}

// A keptPage is a page's content rendered once, with the data its title
// reads (the title is rendered with the layout on each request).
type keptPage struct {
	data any
	body web.Body
}

// Bytes is what a keptPage counts for in handler.kept's bound: its body,
// by far the larger part.
func (k keptPage) Bytes() int { return k.body.Bytes() }

// keep answers r with page name for key: data computes what the page
// shows, and the content rendered from it is kept until the next audited
// change. data must not write to w: its errors are answered here (a
// db.ErrNotFound as a 404).
//
// scope is what data reads (audit.Scope): a change outside it keeps the page.
func (h *handler) keep(w http.ResponseWriter, r *http.Request, key keptKey, name string, scope audit.Scope, data func() (any, error)) {
	key.page, key.lang, key.day, key.query = name, web.Lang(r), db.FormatDate(h.store.Today()), r.URL.RawQuery
	kept, err := h.kept.GetScoped(r.Context(), h.store.db.R, scope, key, func() (keptPage, error) {
		d, err := data()
		if err != nil {
			return keptPage{}, err
		}
		body, err := h.render.RenderBody(r, name, d)
		return keptPage{data: d, body: body}, err
	})
	if err != nil {
		h.storeError(w, r, err)
		return
	}
	h.render.PageBody(w, r, http.StatusOK, name, kept.data, kept.body)
}
