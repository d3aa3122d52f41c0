package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

// The portal's JSON API says what its pages say, read through the same
// sources, for anyone and without an account: an app or another site may
// show an agency's procedures, index, documents, surveys and answers. The
// answers are cached and revalidated like the pages (ETag, Last-Modified,
// Cache-Control: public, no-cache), and any origin may read them (CORS:
// plain GETs need no preflight).

// APIBase is where the portal's API lives.
const APIBase = "/api/v1/public/agencies"

const jsonType = "application/json; charset=utf-8"

func (h *handler) apiRoutes(app *web.App) {
	app.Handle("GET "+APIBase, web.Public, h.apiAgencies)
	app.Handle("GET "+APIBase+"/{agency}", web.Public, h.apiAgency)
	app.Handle("GET "+APIBase+"/{agency}/procedures", web.Public, h.apiProcedures)
	app.Handle("GET "+APIBase+"/{agency}/procedures/{code}", web.Public, h.apiProcedure)
	app.Handle("GET "+APIBase+"/{agency}/index", web.Public, h.apiIndex)
	app.Handle("GET "+APIBase+"/{agency}/legal/documents", web.Public, h.apiLegalDocuments)
	app.Handle("GET "+APIBase+"/{agency}/legal/expired", web.Public, h.apiLegalExpired)
	app.Handle("GET "+APIBase+"/{agency}/surveys", web.Public, h.apiSurveys)
	app.Handle("GET "+APIBase+"/{agency}/surveys/{id}", web.Public, h.apiSurvey)
	app.Handle("GET "+APIBase+"/{agency}/answers", web.Public, h.apiAnswers)
	app.Handle("GET "+APIBase+"/{agency}/answers/{id}", web.Public, h.apiAnswer)
	app.Handle("GET "+APIBase+"/{agency}/reports", web.Public, h.apiReports)
	h.planAPIRoutes(app)
}

// apiList is one page of a list, as every papihub API list is shaped.
type apiList[T any] struct {
	Items   []T  `json:"items"`
	Page    int  `json:"page"`
	PerPage int  `json:"per_page"`
	More    bool `json:"more"`
}

func newAPIList[T any](items []T, page int, more bool) apiList[T] {
	if items == nil {
		items = []T{}
	}
	return apiList[T]{Items: items, Page: page, PerPage: perPage, More: more}
}

// serveAPI answers a cacheable JSON read. Bad query parameters are a 400,
// an unknown agency or record a 404, both in the API's error shape.
func (h *handler) serveAPI(w http.ResponseWriter, r *http.Request, build func(ctx context.Context, p params) (any, error)) {
	hd := w.Header()
	hd.Set("Access-Control-Allow-Origin", "*")
	hd.Set("Access-Control-Expose-Headers", "ETag, Last-Modified")
	if _, err := parseParams(r); err != nil {
		web.WriteAPIError(w, r, http.StatusBadRequest, "bad_request", nil)
		return
	}
	h.serve(w, r, func(ctx context.Context, p params) (built, error) {
		v, err := build(ctx, p)
		status := http.StatusOK
		switch {
		case errors.Is(err, ErrNotFound):
			status, v = http.StatusNotFound, map[string]web.APIError{"error": {Code: "not_found", Message: web.T(p.lang, "error.not_found")}}
		case err != nil:
			return built{}, err
		}
		// As web.WriteJSON writes: "&" and "<" stay as they are in text.
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		err = enc.Encode(v)
		return built{status: status, raw: buf.Bytes(), ctype: jsonType}, err
	})
}

// apiAgencyOf reads the agency of the path.
func (h *handler) apiAgencyOf(ctx context.Context, r *http.Request) (Agency, error) {
	return agency(ctx, h.units, r.PathValue("agency"), h.today())
}

// agencyJSON is an agency as the API gives it.
type agencyJSON struct {
	Code      string        `json:"code"`
	Name      string        `json:"name"`
	Kind      string        `json:"kind"`
	Parent    string        `json:"parent,omitempty"`
	ValidFrom time.Time     `json:"valid_from"`
	ValidTo   time.Time     `json:"valid_to,omitzero"`
	Closed    bool          `json:"closed"`
	Successor *unitJSON     `json:"successor,omitempty"`
	Units     []unitJSON    `json:"units,omitempty"` // the units under it, open today
	Profile   *profileJSON  `json:"profile,omitempty"`
	Portal    string        `json:"portal"` // its portal's address, from the site's root
	Sections  []sectionJSON `json:"sections,omitempty"`
}

type unitJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// profileJSON is what the agency published about itself.
type profileJSON struct {
	Functions string        `json:"functions,omitempty"`
	Address   string        `json:"address,omitempty"`
	Phone     string        `json:"phone,omitempty"`
	Email     string        `json:"email,omitempty"`
	Contacts  []contactJSON `json:"contacts"`
}

type contactJSON struct {
	Position string `json:"position"` // head, deputy, contact
	Name     string `json:"name"`
	Title    string `json:"title"`
	Phone    string `json:"phone,omitempty"`
	Email    string `json:"email,omitempty"`
}

// sectionJSON names one of the agency's API reads.
type sectionJSON struct {
	Name string `json:"name"`
	Href string `json:"href"`
}

func unitOf(u org.Unit) unitJSON { return unitJSON{Code: u.Code, Name: u.Name} }

func (h *handler) apiAgencies(w http.ResponseWriter, r *http.Request) {
	h.serveAPI(w, r, func(ctx context.Context, p params) (any, error) {
		list, err := agencies(ctx, h.units, h.today())
		out := make([]agencyJSON, 0, len(list))
		for _, u := range list {
			out = append(out, agencyJSON{Code: u.Code, Name: u.Name, Kind: string(u.Kind), Parent: u.ParentName, ValidFrom: u.ValidFrom,
				Portal: Base + "/" + u.Code})
		}
		return map[string]any{"items": out}, err
	})
}

func (h *handler) apiAgency(w http.ResponseWriter, r *http.Request) {
	h.serveAPI(w, r, func(ctx context.Context, p params) (any, error) {
		a, err := h.apiAgencyOf(ctx, r)
		if err != nil {
			return nil, err
		}
		out := agencyJSON{Code: a.Code, Name: a.Name, Kind: string(a.Kind), Parent: a.ParentName, ValidFrom: a.ValidFrom, ValidTo: a.ValidTo,
			Closed: a.Closed, Portal: Base + "/" + a.Code}
		if a.Successor != nil {
			s := unitOf(*a.Successor)
			out.Successor = &s
		}
		for _, c := range a.Children {
			out.Units = append(out.Units, unitOf(c))
		}
		if h.profiles != nil {
			pr, err := h.profiles.Profile(ctx, a.ID)
			if err != nil {
				return nil, err
			}
			if !pr.Empty() {
				pj := &profileJSON{Functions: pr.Functions, Address: pr.Address, Phone: pr.Phone, Email: pr.Email, Contacts: []contactJSON{}}
				for _, c := range pr.Contacts {
					pj.Contacts = append(pj.Contacts, contactJSON{Position: string(c.Position), Name: c.Name, Title: c.Title, Phone: c.Phone, Email: c.Email})
				}
				out.Profile = pj
			}
		}
		self := APIBase + "/" + a.Code
		for _, s := range []struct {
			name, path string
			wired      bool
		}{{"procedures", "/procedures", h.src.Procedures != nil}, {"index", "/index", h.src.Index != nil},
			{"legal_documents", "/legal/documents", h.src.Legal != nil}, {"legal_expired", "/legal/expired", h.src.Legal != nil},
			{"surveys", "/surveys", h.src.Surveys != nil}, {"answers", "/answers", h.src.Answers != nil},
			{"reports", "/reports", h.src.Reports != nil}, {"plans", "/plans", h.src.Plans != nil}} {
			if s.wired {
				out.Sections = append(out.Sections, sectionJSON{Name: s.name, Href: self + s.path})
			}
		}
		return out, nil
	})
}

// apiSection is a read of one agency's section: ErrNotFound when the
// section's source is not wired or the agency unknown.
func (h *handler) apiSection(w http.ResponseWriter, r *http.Request, wired bool, build func(ctx context.Context, a Agency, p params) (any, error)) {
	h.serveAPI(w, r, func(ctx context.Context, p params) (any, error) {
		if !wired {
			return nil, ErrNotFound
		}
		a, err := h.apiAgencyOf(ctx, r)
		if err != nil {
			return nil, err
		}
		return build(ctx, a, p)
	})
}

func (h *handler) apiProcedures(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Procedures != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		items, more, err := h.src.Procedures.Procedures(ctx, a.Unit, p.q, p.page, perPage)
		return newAPIList(items, p.page, more), err
	})
}

// procedureJSON is a procedure with how its dossiers fared this year.
type procedureJSON struct {
	Procedure
	Stats ProcedureStats `json:"stats"`
}

func (h *handler) apiProcedure(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Procedures != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		pr, st, err := h.src.Procedures.Procedure(ctx, a.Unit, r.PathValue("code"), h.now())
		return procedureJSON{Procedure: pr, Stats: st}, err
	})
}

// indexJSON is the service index with when it was computed.
type indexJSON struct {
	Index
	Computed time.Time `json:"computed_at"`
}

func (h *handler) apiIndex(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Index != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		ix, err := h.src.Index.Index(ctx, a.Unit, h.now())
		return indexJSON{Index: ix, Computed: h.now()}, err
	})
}

func (h *handler) apiLegalDocuments(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Legal != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		items, more, err := h.src.Legal.InForce(ctx, a.Unit, p.q, p.page, perPage)
		return newAPIList(items, p.page, more), err
	})
}

func (h *handler) apiLegalExpired(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Legal != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		last := h.today().Year() - 1
		year := p.year
		if year == 0 {
			year = last
		}
		if year > last+1 {
			return nil, ErrNotFound
		}
		l, err := h.src.Legal.Expired(ctx, a.Unit, year)
		if l.Whole == nil {
			l.Whole = []ExpiredDocument{}
		}
		if l.Partly == nil {
			l.Partly = []ExpiredDocument{}
		}
		l.Year = year
		return l, err
	})
}

func (h *handler) apiSurveys(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Surveys != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		list, err := h.src.Surveys.Surveys(ctx, a.Unit)
		if list == nil {
			list = []Survey{}
		}
		return map[string]any{"items": list, "form": "/khao-sat"}, err
	})
}

func (h *handler) apiSurvey(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Surveys != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		id, ok := pathID(r.PathValue("id"))
		if !ok {
			return nil, ErrNotFound
		}
		return h.src.Surveys.Results(ctx, a.Unit, id, p.lang)
	})
}

func (h *handler) apiAnswers(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Answers != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		items, more, err := h.src.Answers.Answers(ctx, a.Unit, p.page, perPage)
		return newAPIList(items, p.page, more), err
	})
}

func (h *handler) apiAnswer(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Answers != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		id, ok := pathID(r.PathValue("id"))
		if !ok {
			return nil, ErrNotFound
		}
		return h.src.Answers.Answer(ctx, a.Unit, id)
	})
}

// reportJSON is a published report with the portal page that shows it.
type reportJSON struct {
	Report
	Page string `json:"page"`
}

// apiReportLimit is how many of the latest reports the API lists.
const apiReportLimit = 50

func (h *handler) apiReports(w http.ResponseWriter, r *http.Request) {
	h.apiSection(w, r, h.src.Reports != nil, func(ctx context.Context, a Agency, p params) (any, error) {
		list, err := h.src.Reports.Issued(ctx, a.Unit, apiReportLimit)
		out := make([]reportJSON, 0, len(list))
		for _, rep := range list {
			out = append(out, reportJSON{Report: rep, Page: reportPath(Base+"/"+url.PathEscape(a.Code), rep, "")})
		}
		return map[string]any{"items": out}, err
	})
}
