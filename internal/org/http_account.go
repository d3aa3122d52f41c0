package org

import (
	"errors"
	"net/http"

	"papihub/internal/platform/web"
)

type accountPage struct {
	User   *User
	Errors web.FieldErrors
}

func (h *handler) account(w http.ResponseWriter, r *http.Request) {
	h.render.Render(w, r, "org/account", accountPage{User: CurrentUser(r)})
}

// changePassword asks for the current password, so that a session left open
// on a shared computer cannot be turned into a stolen account.
func (h *handler) changePassword(w http.ResponseWriter, r *http.Request) {
	user := CurrentUser(r)
	errs := web.FieldErrors{}
	current, next, again := r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("password_again")
	ok, err := h.store.CheckCurrentPassword(r.Context(), user.ID, user.Username, current, ClientIP(r))
	if errors.Is(err, ErrThrottled) {
		errs.Add("current", "org.account.throttled")
		h.render.PageStatus(w, r, http.StatusTooManyRequests, "org/account", accountPage{User: user, Errors: errs})
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if !ok {
		errs.Add("current", "org.account.current.wrong")
	}
	if len([]rune(next)) < MinPasswordLength {
		errs.Add("password", "org.user.password.short")
	}
	if next != again {
		errs.Add("password_again", "org.account.password.mismatch")
	}
	if errs.Any() {
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "org/account", accountPage{User: user, Errors: errs})
		return
	}
	if err := h.store.SetPassword(r.Context(), user.Actor(), user.ID, next); err != nil {
		h.render.Error(w, r, err)
		return
	}
	// SetPassword ended every session, this one included: sign in afresh.
	clearSessionCookie(w, r)
	web.Flash(w, "org.account.password.changed")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
