package portal

import (
	"context"
	"net/http"

	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// surveysData are the agency's surveys split as the page shows them.
type surveysData struct {
	Open, Closed []Survey
}

// maxSurveys bounds the list: an agency runs a few surveys a year.
const maxSurveys = 100

func (h *handler) surveys(w http.ResponseWriter, r *http.Request) {
	if h.src.Surveys == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "surveys", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		list, err := h.src.Surveys.Surveys(ctx, a.Unit)
		var d surveysData
		for _, s := range list {
			if s.Open {
				d.Open = append(d.Open, s)
			} else {
				d.Closed = append(d.Closed, s)
			}
		}
		return "surveys", web.T(p.lang, "portal.surveys.title"), d, err
	})
}

func (h *handler) survey(w http.ResponseWriter, r *http.Request) {
	if h.src.Surveys == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "surveys", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		id, ok := pathID(r.PathValue("id"))
		if !ok {
			return "", "", nil, ErrNotFound
		}
		res, err := h.src.Surveys.Results(ctx, a.Unit, id, p.lang)
		return "survey", res.Survey.Title, res, err
	})
}

func (h *handler) answers(w http.ResponseWriter, r *http.Request) {
	if h.src.Answers == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "answers", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		items, more, err := h.src.Answers.Answers(ctx, a.Unit, p.page, perPage)
		return "answers", web.T(p.lang, "portal.answers.title"), listing[Answer]{Page: p.page, More: more, Items: items}, err
	})
}

func (h *handler) answer(w http.ResponseWriter, r *http.Request) {
	if h.src.Answers == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "answers", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		id, ok := pathID(r.PathValue("id"))
		if !ok {
			return "", "", nil, ErrNotFound
		}
		ans, err := h.src.Answers.Answer(ctx, a.Unit, id)
		return "published_answer", web.T(p.lang, "portal.pubanswer.title", kindName(p.lang, ans.Kind), vn.FormatDate(ans.Published)), ans, err
	})
}
