package survey

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// PrepareAnswers turns a submitted page into the answers to check and store:
// one value per answerable question (select_multiple space-separated, in
// choice order), free text cleaned of anything that looks like a phone or ID
// number, nothing for a question that asks for a name or number outright,
// and nothing for a question that is not relevant given the other answers,
// since the respondent was not meant to answer it.
func PrepareAnswers(f *Form, posted url.Values) map[string]string {
	answers := map[string]string{}
	for i := range f.Questions {
		q := &f.Questions[i]
		if !onPublicPage(q) || q.Type == Note {
			continue
		}
		var v string
		switch q.Type {
		case SelectMultiple:
			chosen := map[string]bool{}
			for _, s := range posted[q.Key] {
				chosen[strings.TrimSpace(s)] = true
			}
			var parts []string
			for _, c := range f.Choices[q.ListName] {
				if chosen[c.Name] {
					parts = append(parts, c.Name)
					delete(chosen, c.Name)
				}
			}
			for s := range chosen { // not a choice: kept so that validation names it
				if s != "" {
					parts = append(parts, s)
				}
			}
			v = strings.Join(parts, " ")
		case Text:
			if looksPersonal(q.Name) || looksPersonal(q.Label("vi")) {
				continue
			}
			v, _ = redactIdentifiers(strings.TrimSpace(posted.Get(q.Key)))
		default:
			v = strings.TrimSpace(posted.Get(q.Key))
		}
		if v != "" {
			answers[q.Key] = v
		}
	}
	// Dropping an answer can make another question irrelevant in turn; a
	// chain is at most as long as the form.
	for range f.Questions {
		changed := false
		env := f.env(answers, nil)
		for i := range f.Questions {
			q := &f.Questions[i]
			if v, ok := answers[q.Key]; ok {
				env.Current = v
				if !f.relevant(q, env) {
					delete(answers, q.Key)
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	f.Compute(answers, nil, time.Now().In(vn.Location()))
	return answers
}

// onPublicPage reports whether the public page asks the question: a web
// page takes choices, numbers, text, dates and times, not photos,
// locations or the device's metadata; nor questions inside repeats.
func onPublicPage(q *Question) bool {
	if q.Repeat != "" {
		return false
	}
	switch q.Type {
	case SelectOne, SelectMultiple, Integer, Decimal, Range, Text, Date, Time, DateTime, Barcode, Note:
		return !q.derived || q.Type == Text
	}
	return false
}

// inputType is the HTML input a question gets on the public page.
func inputType(t QuestionType) string {
	switch t {
	case Date:
		return "date"
	case Time:
		return "time"
	case DateTime:
		return "datetime-local"
	}
	return "text"
}

// publicItem is one line of the public form: a group opening or closing, a
// note or a question.
type publicItem struct {
	Open, Close bool
	Legend      string
	Q           *publicQuestion
}

type publicQuestion struct {
	Name, Type, Label, Hint, Value, Error string
	InputType                             string
	Required, Conditional, Note           bool
	InputMode                             string
	Choices                               []publicChoice
}

type publicChoice struct {
	Value, Label string
	Checked      bool
}

type publicPage struct {
	Code      string
	Title     string
	Items     []publicItem
	Errors    int
	CodeError string // message key on the code-entry page
}

// publicItems lays the form out for the page. Before a submission every
// question shows (the page works without JavaScript); after one, questions
// and groups that are not relevant given the answers are left out.
func publicItems(f *Form, lang string, answers map[string]string, errs []FieldError, submitted bool) []publicItem {
	env := f.env(answers, nil)
	byQuestion := map[string]FieldError{}
	for _, e := range errs {
		byQuestion[e.Question] = e
	}
	var items []publicItem
	var open []string
	for i := range f.Questions {
		q := &f.Questions[i]
		if !onPublicPage(q) {
			continue
		}
		common := 0
		for common < len(open) && common < len(q.Group) && open[common] == q.Group[common] {
			common++
		}
		for len(open) > common {
			items = append(items, publicItem{Close: true})
			open = open[:len(open)-1]
		}
		for n := common + 1; n <= len(q.Group); n++ {
			legend := ""
			if grp := f.group(q.Group[:n]); grp != nil {
				legend = pick(grp.Labels, lang)
			}
			items = append(items, publicItem{Open: true, Legend: legend})
			open = append(open, q.Group[n-1])
		}
		env.Current = answers[q.Key]
		if submitted && !f.relevant(q, env) {
			continue
		}
		pq := &publicQuestion{Name: q.Key, Type: string(q.Type), Label: q.Label(lang), Hint: pick(q.Hints, lang),
			Value: answers[q.Key], Required: q.Required || !q.RequiredIf.IsZero(), Note: q.Type == Note,
			Conditional: !q.Relevant.IsZero(), InputType: inputType(q.Type)}
		if e, ok := byQuestion[q.Key]; ok {
			pq.Error = fieldMessage(q, e, lang)
		}
		switch q.Type {
		case Integer:
			pq.InputMode = "numeric"
		case Decimal, Range:
			pq.InputMode = "decimal"
		case SelectOne, SelectMultiple:
			chosen := map[string]bool{}
			for _, v := range strings.Fields(answers[q.Key]) {
				chosen[v] = true
			}
			for _, c := range f.Choices[q.ListName] {
				pq.Choices = append(pq.Choices, publicChoice{Value: c.Name, Label: c.Label(lang), Checked: chosen[c.Name]})
			}
			if q.OrOther {
				pq.Choices = append(pq.Choices, publicChoice{Value: "other", Label: web.T(uiLangOf(lang), "survey.public.other"), Checked: chosen["other"]})
			}
		}
		items = append(items, publicItem{Q: pq})
	}
	for range open {
		items = append(items, publicItem{Close: true})
	}
	return dropEmptyGroups(items)
}

// dropEmptyGroups removes group openings whose questions were all left out.
func dropEmptyGroups(items []publicItem) []publicItem {
	for changed := true; changed; {
		changed = false
		for i := 0; i+1 < len(items); i++ {
			if items[i].Open && items[i+1].Close {
				items = append(items[:i], items[i+2:]...)
				changed = true
				break
			}
		}
	}
	return items
}

// fieldMessage is the message beside a field: the form's own required or
// constraint message in the page's language when it has one, else the
// catalogue's.
func fieldMessage(q *Question, e FieldError, lang string) string {
	uiLang := uiLangOf(lang)
	switch e.Code {
	case "constraint":
		if s := q.ConstraintMessage[lang]; s != "" {
			return s
		}
		if uiLang == web.LangVI {
			if s := pick(q.ConstraintMessage, lang); s != "" {
				return s
			}
		}
	case "required":
		if s := q.RequiredMessage[lang]; s != "" {
			return s
		}
	}
	return web.T(uiLang, "survey.answer."+e.Code)
}

// uiLangOf is the catalogue language for a form language key.
func uiLangOf(lang string) string {
	if lang == "en" {
		return web.LangEN
	}
	return web.LangVI
}

func (h *handler) publicStart(w http.ResponseWriter, r *http.Request) {
	h.render.Render(w, r, "survey/public_code", publicPage{})
}

// publicEnterCode takes the code typed on the start page to the form.
func (h *handler) publicEnterCode(w http.ResponseWriter, r *http.Request) {
	code, ok := NormalizeCode(r.PostFormValue("code"))
	if !ok {
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "survey/public_code", publicPage{CodeError: "survey.public.code.unknown"})
		return
	}
	http.Redirect(w, r, "/khao-sat/"+code, http.StatusSeeOther)
}

// openCode checks the route's code against the throttle and the store; it
// has answered the request when ok is false.
func (h *handler) openCode(w http.ResponseWriter, r *http.Request) (string, StoredForm, Invitation, bool) {
	ctx := r.Context()
	ip := org.ClientIP(r)
	if throttled, err := h.store.CodeGuessingThrottled(ctx, ip); err != nil {
		h.render.Error(w, r, err)
		return "", StoredForm{}, Invitation{}, false
	} else if throttled {
		h.render.PageStatus(w, r, http.StatusTooManyRequests, "survey/public_code", publicPage{CodeError: "survey.public.code.throttled"})
		return "", StoredForm{}, Invitation{}, false
	}
	code, _ := NormalizeCode(r.PathValue("code"))
	inv, err := h.store.OpenInvitation(ctx, code)
	switch {
	case errors.Is(err, ErrCodeUnknown):
		if err := h.store.RecordCodeFailure(ctx, ip); err != nil {
			h.render.Error(w, r, err)
			return "", StoredForm{}, Invitation{}, false
		}
		h.render.PageStatus(w, r, http.StatusNotFound, "survey/public_code", publicPage{CodeError: "survey.public.code.unknown"})
		return "", StoredForm{}, Invitation{}, false
	case errors.Is(err, ErrCodeUsed):
		h.render.PageStatus(w, r, http.StatusConflict, "survey/public_code", publicPage{CodeError: "survey.public.code.used"})
		return "", StoredForm{}, Invitation{}, false
	case errors.Is(err, ErrFormNotOpen):
		h.render.PageStatus(w, r, http.StatusConflict, "survey/public_code", publicPage{CodeError: "survey.public.closed"})
		return "", StoredForm{}, Invitation{}, false
	case err != nil:
		h.render.Error(w, r, err)
		return "", StoredForm{}, Invitation{}, false
	}
	sf, err := h.store.Form(ctx, inv.FormID)
	if err != nil {
		h.render.Error(w, r, err)
		return "", StoredForm{}, Invitation{}, false
	}
	return code, sf, inv, true
}

func (h *handler) publicForm(w http.ResponseWriter, r *http.Request) {
	code, sf, _, ok := h.openCode(w, r)
	if !ok {
		return
	}
	lang := formLang(sf.Form, r)
	h.render.Render(w, r, "survey/public_form", publicPage{Code: code, Title: sf.Title,
		Items: publicItems(sf.Form, lang, map[string]string{}, nil, false)})
}

// publicSubmit checks the answers and stores them with the code used up, or
// shows the form again with a message beside each field to fix and stores
// nothing.
func (h *handler) publicSubmit(w http.ResponseWriter, r *http.Request) {
	code, sf, _, ok := h.openCode(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		h.render.BadRequest(w, r, err)
		return
	}
	answers := PrepareAnswers(sf.Form, r.PostForm)
	if errs := sf.Form.validate(answers, onPublicPage, time.Now().In(vn.Location())); len(errs) > 0 {
		lang := formLang(sf.Form, r)
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "survey/public_form", publicPage{Code: code, Title: sf.Title,
			Items: publicItems(sf.Form, lang, answers, errs, true), Errors: len(errs)})
		return
	}
	err := h.store.SubmitWeb(r.Context(), code, answers)
	if errors.Is(err, ErrCodeUsed) {
		h.render.PageStatus(w, r, http.StatusConflict, "survey/public_code", publicPage{CodeError: "survey.public.code.used"})
		return
	}
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	h.refresh.Refresh(sf.ID)
	http.Redirect(w, r, "/khao-sat/cam-on", http.StatusSeeOther)
}

func (h *handler) publicThanks(w http.ResponseWriter, r *http.Request) {
	h.render.Render(w, r, "survey/public_thanks", nil)
}
