package province

import (
	"net/http"
	"strconv"

	"papihub/internal/org"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

// issue builds and keeps the consolidated report of the round, then sends
// the file.
func (h *handler) issue(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	round, province, ok := h.loadRound(w, r, user)
	if !ok {
		return
	}
	if !mayManage(user, province) {
		h.render.Forbidden(w, r)
		return
	}
	signer := report.Signature{Authority: r.PostFormValue("authority"), Title: r.PostFormValue("signer_title"), Name: r.PostFormValue("signer_name")}
	x, err := h.store.IssueConsolidated(r.Context(), user.Actor(), round, r.PostFormValue("format"), r.PostFormValue("number"), signer)
	if fields, ok := web.AsValidation(err); ok {
		h.roundPage(w, r, http.StatusUnprocessableEntity, fields)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	web.Flash(w, "province.report.done")
	http.Redirect(w, r, "/province/rounds/"+strconv.FormatInt(round.ID, 10)+"#report-"+strconv.FormatInt(x.ID, 10), http.StatusSeeOther)
}
