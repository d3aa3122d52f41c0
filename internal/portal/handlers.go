package portal

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"papihub/internal/papi"
	"papihub/internal/platform/web"
)

const perPage = 20

// listing is one page of a list with the words it was searched with.
type listing[T any] struct {
	Query string
	Page  int
	More  bool
	Items []T
}

// Prev and Next are the neighbouring page numbers (0: none).
func (l listing[T]) Prev() int {
	if l.Page > 1 {
		return l.Page - 1
	}
	return 0
}

func (l listing[T]) Next() int {
	if l.More {
		return l.Page + 1
	}
	return 0
}

// home lists the agencies that publish a portal.
func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, func(ctx context.Context, p params) (built, error) {
		list, err := agencies(ctx, h.units, h.today())
		if err != nil {
			return built{}, err
		}
		d, err := h.homeData(ctx, list)
		return built{status: http.StatusOK, name: "home", v: view{Title: web.T(p.lang, "portal.title"), Data: d}}, err
	})
}

// agencyPage reads the agency of the path and builds one of its pages.
func (h *handler) agencyPage(w http.ResponseWriter, r *http.Request, section string,
	build func(ctx context.Context, a *Agency, p params) (name string, title string, data any, err error)) {
	h.serve(w, r, func(ctx context.Context, p params) (built, error) {
		a, err := agency(ctx, h.units, r.PathValue("agency"), h.today())
		if err != nil {
			return built{}, err
		}
		name, title, data, err := build(ctx, &a, p)
		if err != nil {
			return built{}, err
		}
		return built{status: http.StatusOK, name: name, v: view{Title: title, Section: section, Agency: &a, Data: data}}, nil
	})
}

// agencyHomeData is what an agency's home page shows besides its structure.
type agencyHomeData struct {
	Index    *Index
	Profile  Profile
	Standing *papi.Standing // the province's official PAPI standing
	Plan     *PlanLine      // the latest plan the agency issued
}

func (h *handler) agencyHome(w http.ResponseWriter, r *http.Request) {
	h.agencyPage(w, r, "home", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		var d agencyHomeData
		var err error
		if d.Profile, err = h.profiles.Profile(ctx, a.ID); err != nil {
			return "", "", nil, err
		}
		if d.Standing, err = h.standing(ctx, a.Unit); err != nil {
			return "", "", nil, err
		}
		if h.src.Plans != nil {
			plans, err := h.src.Plans.Plans(ctx, a.Unit)
			if err != nil {
				return "", "", nil, err
			}
			if len(plans) > 0 {
				d.Plan = &plans[0]
			}
		}
		if h.src.Index != nil && !a.Closed {
			ix, err := h.src.Index.Index(ctx, a.Unit, h.now())
			if err != nil {
				return "", "", nil, err
			}
			d.Index = &ix
		}
		return "agency", a.Name, d, nil
	})
}

func (h *handler) procedures(w http.ResponseWriter, r *http.Request) {
	if h.src.Procedures == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "procedures", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		items, more, err := h.src.Procedures.Procedures(ctx, a.Unit, p.q, p.page, perPage)
		l := listing[Procedure]{Query: p.q, Page: p.page, More: more, Items: items}
		return "procedures", web.T(p.lang, "portal.procedures.title"), l, err
	})
}

// procedureData is a procedure with its figures.
type procedureData struct {
	Procedure
	Stats ProcedureStats
}

func (h *handler) procedure(w http.ResponseWriter, r *http.Request) {
	if h.src.Procedures == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "procedures", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		pr, st, err := h.src.Procedures.Procedure(ctx, a.Unit, r.PathValue("code"), h.now())
		return "procedure", pr.Name, procedureData{Procedure: pr, Stats: st}, err
	})
}

func (h *handler) index(w http.ResponseWriter, r *http.Request) {
	if h.src.Index == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "index", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		ix, err := h.src.Index.Index(ctx, a.Unit, h.now())
		return "index", web.T(p.lang, "portal.index.title"), indexData{Index: ix, Computed: h.now()}, err
	})
}

func (h *handler) legalInForce(w http.ResponseWriter, r *http.Request) {
	if h.src.Legal == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "legal", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		items, more, err := h.src.Legal.InForce(ctx, a.Unit, p.q, p.page, perPage)
		l := listing[LegalDocument]{Query: p.q, Page: p.page, More: more, Items: items}
		return "legal", web.T(p.lang, "portal.legal.title"), l, err
	})
}

// expiredData is a yearly list with the years a reader may pick.
type expiredData struct {
	Year     int
	Years    []int
	Sections []expiredSection
}

// expiredSection is one table of the list: whole or partial expiry.
type expiredSection struct {
	Caption string // message key
	Rows    []ExpiredDocument
}

func (h *handler) legalExpired(w http.ResponseWriter, r *http.Request) {
	if h.src.Legal == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "expired", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		last := h.today().Year() - 1
		year := p.year
		if year == 0 {
			year = last
		}
		if year > last+1 {
			return "", "", nil, ErrNotFound
		}
		l, err := h.src.Legal.Expired(ctx, a.Unit, year)
		var years []int
		for y := last + 1; y >= last-5; y-- {
			years = append(years, y)
		}
		return "expired", web.T(p.lang, "portal.expired.title", year), expiredData{Year: year, Years: years, Sections: []expiredSection{
			{"portal.expired.whole", l.Whole}, {"portal.expired.partly", l.Partly}}}, err
	})
}

// lookupData is the look-up form and its answer.
type lookupData struct {
	Code     string
	Searched bool
	Limited  bool
	Found    *Dossier
	Archived string // why the dossier is not shown (an archived year)
}

// lookup finds a dossier by its code. It is never cached (each answer is
// one citizen's) and is throttled per client address, so the codes cannot
// be walked.
func (h *handler) lookup(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		h.badRequest(w, r, p.lang)
		return
	}
	if h.src.Dossiers == nil {
		h.notFound(w, r)
		return
	}
	a, ok := h.requestedAgency(w, r)
	if !ok {
		return
	}
	d := lookupData{Code: p.code}
	status := http.StatusOK
	if p.code != "" {
		d.Searched = true
		switch {
		case h.src.Lookups != nil && !h.src.Lookups.Allow(web.ClientIP(r)):
			d.Limited, status = true, http.StatusTooManyRequests
			w.Header().Set("Retry-After", "1")
		default:
			found, err := h.src.Dossiers.Dossier(r.Context(), a.Unit, strings.TrimSpace(p.code))
			var gone *ArchivedError
			switch {
			case errors.Is(err, ErrNotFound):
				status = http.StatusNotFound
			case errors.As(err, &gone):
				status, d.Archived = http.StatusGone, gone.Reason
			case err != nil:
				h.render.Error(w, r, err)
				return
			default:
				d.Found = &found
			}
		}
	}
	h.writeUncached(w, r, p, status, built{name: "lookup", v: view{Title: web.T(p.lang, "portal.lookup.title"), Section: "lookup", Agency: &a, Data: d}})
}

// notFound answers the portal's one "not found" page.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	p, _ := parseParams(r)
	h.writeUncached(w, r, p, http.StatusNotFound, h.notFoundPage(r, p.lang))
}

// receptionData is the reception page: the coming sessions and this year's
// figures.
type receptionData struct {
	Sessions []ReceptionSession
	Year     int
	Figures  ReceptionFigures
	Kinds    []string
}

// receptionDays is how far ahead the schedule is posted.
const receptionDays = 90

func (h *handler) reception(w http.ResponseWriter, r *http.Request) {
	if h.src.Reception == nil {
		h.notFound(w, r)
		return
	}
	h.agencyPage(w, r, "reception", func(ctx context.Context, a *Agency, p params) (string, string, any, error) {
		today := h.today()
		sessions, err := h.src.Reception.Schedule(ctx, a.Unit, receptionDays)
		if err != nil {
			return "", "", nil, err
		}
		from := time.Date(today.Year(), 1, 1, 0, 0, 0, 0, today.Location())
		f, err := h.src.Reception.Figures(ctx, a.Unit, from, today)
		d := receptionData{Sessions: sessions, Year: today.Year(), Figures: f, Kinds: []string{"complaint", "denunciation", "petition", "reflection"}}
		return "reception", web.T(p.lang, "portal.reception.title"), d, err
	})
}

// requestedAgency reads the agency the path names, answering 404 for an
// unknown code or a unit without a portal and 500 for any other error.
func (h *handler) requestedAgency(w http.ResponseWriter, r *http.Request) (Agency, bool) {
	a, err := agency(r.Context(), h.units, r.PathValue("agency"), h.today())
	if errors.Is(err, ErrNotFound) {
		h.notFound(w, r)
		return a, false
	}
	if err != nil {
		h.render.Error(w, r, err)
		return a, false
	}
	return a, true
}
