package portal

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"papihub/internal/platform/web"
)

// answerData is the look-up of a letter by its code: the form, and the
// letter found with its rating form.
type answerData struct {
	Code        string
	Searched    bool
	Limited     bool
	Found       *FeedbackCase
	Rated       bool // the rating was just recorded
	Error       string
	Token       string
	SessionCSRF string
}

// answerLink is the look-up page of code in agency's portal.
func answerLink(agency, code, lang string) string {
	q := url.Values{}
	if code != "" {
		q.Set("ma", code)
	}
	if lang == web.LangEN {
		q.Set("lang", web.LangEN)
	}
	link := Base + "/" + url.PathEscape(agency) + "/gop-y/tra-cuu"
	if len(q) == 0 {
		return link
	}
	return link + "?" + q.Encode()
}

// lookupAnswer shows a citizen their letter by its code. It is never
// cached (each answer is one citizen's); every look-up passes the
// per-address limiter of the dossier look-up, and a code that names no
// letter counts against the address in the database, so the codes cannot
// be walked from many processes either.
func (h *handler) lookupAnswer(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		h.badRequest(w, r, p.lang)
		return
	}
	d := answerData{Code: p.code, Rated: r.URL.Query().Get("da-danh-gia") == "1"}
	h.answerPage(w, r, p, http.StatusOK, d)
}

// answerPage finds d.Code, when given, and writes the page.
func (h *handler) answerPage(w http.ResponseWriter, r *http.Request, p params, status int, d answerData) {
	if h.src.Feedback == nil {
		h.notFound(w, r)
		return
	}
	a, ok := h.requestedAgency(w, r)
	if !ok {
		return
	}
	if d.Code != "" && !d.Limited {
		d.Searched = true
		ip := web.ClientIP(r)
		if err := throttled(r.Context(), h.db, misses, ip, h.now(), MissLimits); errors.Is(err, errThrottled) ||
			(err == nil && h.src.Lookups != nil && !h.src.Lookups.Allow(ip)) {
			d.Limited = true
		} else if err != nil {
			h.render.Error(w, r, err)
			return
		}
		if d.Limited {
			status = http.StatusTooManyRequests
			w.Header().Set("Retry-After", "60")
		} else {
			found, err := h.src.Feedback.Lookup(r.Context(), a.Unit, strings.TrimSpace(d.Code))
			switch {
			case errors.Is(err, ErrNotFound):
				if err := recordSubmission(r.Context(), h.db, misses, ip, h.now()); err != nil {
					h.render.Error(w, r, err)
					return
				}
				status = http.StatusNotFound
			case err != nil:
				h.render.Error(w, r, err)
				return
			default:
				d.Found = &found
				if found.CanRate {
					d.Token, d.SessionCSRF = issueFormToken(w, r)
				}
			}
		}
	}
	h.writeUncached(w, r, p, status, built{name: "answer", v: view{Title: web.T(p.lang, "portal.answer.title"), Section: "feedback", Agency: &a, Data: d}})
}

// rateAnswer records the citizen's rating of the answer to their letter:
// the form's token, the hidden field robots fill, the per-address count of
// ratings, then the register, which takes one rating per letter.
func (h *handler) rateAnswer(w http.ResponseWriter, r *http.Request) {
	if h.src.Feedback == nil {
		h.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.badRequest(w, r, web.LangVI)
		return
	}
	p := params{lang: web.LangVI, page: 1}
	if r.PostForm.Get("lang") == web.LangEN {
		p.lang = web.LangEN
	}
	code := strings.TrimSpace(r.PostForm.Get("ma"))
	if len(code) > maxQuery || !utf8Clean(code) {
		h.badRequest(w, r, p.lang)
		return
	}
	d := answerData{Code: code}
	if !formTokenOK(r) {
		d.Error = "portal.feedback.expired"
		h.answerPage(w, r, p, http.StatusForbidden, d)
		return
	}
	a, ok := h.requestedAgency(w, r)
	if !ok {
		return
	}
	done := answerLink(a.Code, code, p.lang)
	if r.PostForm.Get(honeypot) != "" {
		// A robot: it is told what a person would be, and nothing is kept.
		http.Redirect(w, r, done, http.StatusSeeOther)
		return
	}
	rating := r.PostForm.Get("rating")
	if rating != "satisfied" && rating != "dissatisfied" {
		d.Error = "portal.answer.rating.required"
		h.answerPage(w, r, p, http.StatusUnprocessableEntity, d)
		return
	}
	ip := web.ClientIP(r)
	if err := throttled(r.Context(), h.db, ratings, ip, h.now(), SubmitLimits); errors.Is(err, errThrottled) {
		w.Header().Set("Retry-After", "600")
		d.Error = "portal.feedback.limited"
		h.answerPage(w, r, p, http.StatusTooManyRequests, d)
		return
	} else if err != nil {
		h.render.Error(w, r, err)
		return
	}
	err := h.src.Feedback.Rate(r.Context(), a.Unit, code, rating == "satisfied", ip)
	if errs, ok := web.AsValidation(err); ok {
		d.Error = errs["rating"]
		if d.Error == "" {
			d.Error = "portal.answer.rating.required"
		}
		h.answerPage(w, r, p, http.StatusUnprocessableEntity, d)
		return
	}
	if errors.Is(err, ErrNotFound) {
		h.answerPage(w, r, p, http.StatusNotFound, d)
		return
	}
	if err == nil {
		err = recordSubmission(r.Context(), h.db, ratings, ip, h.now())
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	q := url.Values{"ma": {code}, "da-danh-gia": {"1"}}
	if p.lang == web.LangEN {
		q.Set("lang", web.LangEN)
	}
	http.Redirect(w, r, Base+"/"+url.PathEscape(a.Code)+"/gop-y/tra-cuu?"+q.Encode(), http.StatusSeeOther)
}
