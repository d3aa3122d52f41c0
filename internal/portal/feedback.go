package portal

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"papihub/internal/platform/web"
)

// A citizen's form has no session to carry a CSRF token, so the form
// carries its own: a random value set both in a cookie (SameSite=Strict,
// readable only by this site) and in a hidden field; another site can
// neither read the cookie nor make the browser send it, so a forged post
// lacks the pair. The cross-origin check of web.App runs before it. A
// signed-in official posting the form passes the session's token as well.
const (
	formCookie = "portal_form"
	formField  = "form_token"
	// honeypot is a field hidden from people and filled by form robots.
	honeypot = "website"
)

// feedbackForm is the form and its errors.
type feedbackForm struct {
	Input       FeedbackInput
	Errors      web.FieldErrors
	Token       string
	SessionCSRF string
	Limited     bool
	Expired     bool
}

// Error is the message key of field's problem ("" when none).
func (f feedbackForm) Error(field string) string { return f.Errors[field] }

// minMessage is the shortest letter worth an officer's reading; the
// longest is web.MaxText, as the register's summary.
const minMessage = 20

// validate checks what the portal can check before the register does.
func (in *FeedbackInput) validate() web.FieldErrors {
	errs := web.FieldErrors{}
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Phone, in.Address = strings.TrimSpace(in.Phone), strings.TrimSpace(in.Address)
	in.Message, in.DossierCode = strings.TrimSpace(in.Message), strings.TrimSpace(in.DossierCode)
	if in.Kind != "petition" && in.Kind != "reflection" {
		errs.Add("kind", "portal.feedback.kind.required")
	}
	if in.Name == "" {
		errs.Add("name", "portal.feedback.name.required")
	}
	if in.Phone == "" && in.Address == "" {
		errs.Add("phone", "portal.feedback.contact.required")
	}
	errs.Within("name", in.Name, web.MaxShort)
	errs.Within("phone", in.Phone, web.MaxCode)
	errs.Within("address", in.Address, web.MaxShort)
	errs.Within("dossier_code", in.DossierCode, web.MaxCode)
	if utf8.RuneCountInString(in.Message) < minMessage {
		errs.Add("message", "portal.feedback.message.short")
	}
	errs.Within("message", in.Message, web.MaxText)
	for _, s := range []string{in.Name, in.Phone, in.Address, in.DossierCode} {
		if !utf8Clean(s) {
			errs.Add("name", "portal.feedback.invalid")
		}
	}
	if !utf8.ValidString(in.Message) || strings.ContainsRune(in.Message, 0) {
		errs.Add("message", "portal.feedback.invalid")
	}
	return errs
}

// issueFormToken sets a fresh token in the form's cookie and returns it,
// with the session's CSRF token when an official is signed in.
func issueFormToken(w http.ResponseWriter, r *http.Request) (token, sessionCSRF string) {
	token = web.RandomToken(18)
	if s := web.SessionOf(r); s != nil {
		sessionCSRF = s.CSRFToken
	}
	http.SetCookie(w, &http.Cookie{Name: formCookie, Value: token, Path: Base, HttpOnly: true, Secure: web.IsTLS(r),
		SameSite: http.SameSiteStrictMode, MaxAge: 2 * 60 * 60})
	return token, sessionCSRF
}

// formTokenOK says the posted form carries the token of its cookie.
func formTokenOK(r *http.Request) bool {
	c, err := r.Cookie(formCookie)
	return err == nil && c.Value != "" && subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostForm.Get(formField))) == 1
}

// feedbackPage shows the form with a fresh token.
func (h *handler) feedbackPage(w http.ResponseWriter, r *http.Request) {
	h.feedbackForm(w, r, http.StatusOK, feedbackForm{Input: FeedbackInput{Kind: "reflection"}})
}

// feedbackForm writes the form page (never cached: it carries a token).
func (h *handler) feedbackForm(w http.ResponseWriter, r *http.Request, status int, f feedbackForm) {
	p, err := parseParams(r)
	if err != nil {
		h.badRequest(w, r, p.lang)
		return
	}
	if r.Method == http.MethodPost && r.PostForm.Get("lang") == web.LangEN {
		p.lang = web.LangEN
	}
	if h.src.Feedback == nil {
		h.notFound(w, r)
		return
	}
	a, err := agency(r.Context(), h.units, r.PathValue("agency"), h.today())
	if errors.Is(err, ErrNotFound) || (err == nil && !a.Unit.OpenOn(h.today())) {
		h.notFound(w, r)
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	f.Token, f.SessionCSRF = issueFormToken(w, r)
	h.writeUncached(w, r, p, status, built{name: "feedback", v: view{Title: web.T(p.lang, "portal.feedback.title"), Section: "feedback", Agency: &a, Data: f}})
}

// submitFeedback takes a citizen's letter: token, honeypot, fields,
// throttle, then the register.
func (h *handler) submitFeedback(w http.ResponseWriter, r *http.Request) {
	if h.src.Feedback == nil {
		h.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.badRequest(w, r, web.LangVI)
		return
	}
	in := FeedbackInput{Kind: r.PostForm.Get("kind"), Name: r.PostForm.Get("name"), Phone: r.PostForm.Get("phone"),
		Address: r.PostForm.Get("address"), Message: r.PostForm.Get("message"), DossierCode: r.PostForm.Get("dossier")}
	if !formTokenOK(r) {
		h.feedbackForm(w, r, http.StatusForbidden, feedbackForm{Input: in, Expired: true})
		return
	}
	a, ok := h.requestedAgency(w, r)
	if !ok {
		return
	}
	thanks := Base + "/" + url.PathEscape(a.Code) + "/gop-y/da-gui"
	if r.PostForm.Get(honeypot) != "" {
		// A robot: it is told what a person would be, and nothing is kept.
		http.Redirect(w, r, thanks, http.StatusSeeOther)
		return
	}
	if errs := in.validate(); errs.Any() {
		h.feedbackForm(w, r, http.StatusUnprocessableEntity, feedbackForm{Input: in, Errors: errs})
		return
	}
	ip := web.ClientIP(r)
	if err := throttled(r.Context(), h.db, letters, ip, h.now(), SubmitLimits); errors.Is(err, errThrottled) {
		w.Header().Set("Retry-After", "600")
		h.feedbackForm(w, r, http.StatusTooManyRequests, feedbackForm{Input: in, Limited: true})
		return
	} else if err != nil {
		h.render.Error(w, r, err)
		return
	}
	ref, err := h.src.Feedback.Submit(r.Context(), a.Unit, in, ip)
	if errs, ok := web.AsValidation(err); ok {
		h.feedbackForm(w, r, http.StatusUnprocessableEntity, feedbackForm{Input: in, Errors: errs})
		return
	}
	if err == nil {
		err = recordSubmission(r.Context(), h.db, letters, ip, h.now())
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	q := url.Values{"so": {ref}}
	if r.PostForm.Get("lang") == web.LangEN {
		q.Set("lang", web.LangEN)
	}
	http.Redirect(w, r, thanks+"?"+q.Encode(), http.StatusSeeOther)
}

// codeShaped says s may be a letter's look-up code as the register gives
// it (XXXXX-XXXXX of digits and capitals): the thanks page shows nothing
// else.
func codeShaped(s string) bool {
	return len(s) == 11 && s[5] == '-' && strings.Trim(s[:5]+s[6:], "0123456789ABCDEFGHJKMNPQRSTVWXYZ") == ""
}

// feedbackThanks confirms a letter with the look-up code it was given.
func (h *handler) feedbackThanks(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	ref := r.URL.Query().Get("so")
	if err != nil || !codeShaped(ref) {
		h.badRequest(w, r, p.lang)
		return
	}
	a, ok := h.requestedAgency(w, r)
	if !ok {
		return
	}
	h.writeUncached(w, r, p, http.StatusOK, built{name: "thanks", v: view{Title: web.T(p.lang, "portal.feedback.thanks"), Section: "feedback", Agency: &a, Data: ref}})
}

// writeUncached renders a page that belongs to one visitor.
func (h *handler) writeUncached(w http.ResponseWriter, r *http.Request, p params, status int, b built) {
	body, err := h.execute(b, r, p)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
