package papi

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"papihub/internal/platform/web"
)

type provincesPage struct {
	Nav        subNav
	Years      []int
	Year       int
	Problem    string
	Empty      bool
	Query      string
	Sort       string // "rank" (the default), "province", "code", "total", "D1".."D8"
	Desc       bool
	Dims       []string // the year's dimension codes: six before 2018
	Columns    []sortColumn
	Rows       []provinceRow
	Total      int // rows before the search
	HasMissing bool
	SixDims    bool
}

// sortColumn is a column header: its link sorts by it, in the other
// direction when it is the current sort.
type sortColumn struct {
	Key, Label string
	Href       string
	Current    bool
	Desc       bool
	Numeric    bool
}

type provinceRow struct {
	Rank     int
	Name     string
	Code     string
	Link     string
	Total    string
	Dims     []string
	DimRanks []int
}

// provinces lists every province of a year, sorted on the server by any
// column and searched without diacritics; the page also filters live (data-filter).
func (h *handler) provinces(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := provincesPage{Nav: subNav{Active: "provinces", MayImport: mayImport(r)}, Query: strings.TrimSpace(q.Get("q"))}
	years, err := h.store.Years(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if len(years) == 0 {
		page.Empty = true
		h.render.Render(w, r, "papi/provinces", page)
		return
	}
	page.Years = years
	year, ok := chooseYear(q.Get("year"), years)
	if !ok {
		page.Year, page.Problem = years[0], "papi.error.year.none"
		h.render.PageStatus(w, r, http.StatusNotFound, "papi/provinces", page)
		return
	}
	page.Year, page.Nav.Year = year, year
	results, err := h.store.ResultsOfYear(r.Context(), year)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	table := Table(results, year)
	page.Total = len(table)
	if page.Query != "" {
		table = FilterTable(table, page.Query)
	}
	page.Sort, page.Desc = q.Get("sort"), q.Get("dir") == "desc"
	switch {
	case page.Sort == "" || page.Sort == "rank":
		// Rank order is total order, best first; "asc" on ranks is "desc" on totals.
		page.Sort = "rank"
		_ = SortTable(table, "total", !page.Desc)
	default:
		if err := SortTable(table, page.Sort, page.Desc); err != nil {
			page.Sort, page.Desc = "rank", false
			_ = SortTable(table, "total", true)
		}
	}
	n := DimensionCount(year)
	page.SixDims = n == 6
	page.Dims = DimensionCodes[:n]
	page.Columns = h.sortColumns(r, page)
	for _, tr := range table {
		row := provinceRow{Rank: tr.Rank, Name: tr.Province.Name, Code: tr.Province.Code,
			Link: StandingURL(tr.Province.Name, year, ""), Total: dash(tr.Total)}
		page.HasMissing = page.HasMissing || !tr.Total.Present
		for d := range n {
			row.Dims = append(row.Dims, dash(tr.Dimensions[d]))
			row.DimRanks = append(row.DimRanks, tr.DimRanks[d])
			page.HasMissing = page.HasMissing || !tr.Dimensions[d].Present
		}
		page.Rows = append(page.Rows, row)
	}
	h.render.Render(w, r, "papi/provinces", page)
}

func (h *handler) sortColumns(r *http.Request, page provincesPage) []sortColumn {
	lang := web.Lang(r)
	cols := []sortColumn{
		{Key: "rank", Label: web.T(lang, "papi.provinces.rank"), Numeric: true},
		{Key: "province", Label: web.T(lang, "papi.province")},
		{Key: "code", Label: web.T(lang, "papi.provinces.code")},
		{Key: "total", Label: web.T(lang, "papi.total"), Numeric: true},
	}
	for _, d := range page.Dims {
		cols = append(cols, sortColumn{Key: d, Label: d, Numeric: true})
	}
	for i := range cols {
		c := &cols[i]
		c.Current = strings.EqualFold(c.Key, page.Sort)
		// Scores start high-to-low, names and ranks A-to-Z / 1-to-n; a second
		// click on the current column reverses it.
		desc := c.Numeric && c.Key != "rank"
		if c.Current {
			c.Desc = page.Desc
			desc = !page.Desc
		}
		dir := "asc"
		if desc {
			dir = "desc"
		}
		v := url.Values{"year": {strconv.Itoa(page.Year)}, "sort": {c.Key}, "dir": {dir}}
		if page.Query != "" {
			v.Set("q", page.Query)
		}
		c.Href = "/papi/provinces?" + v.Encode()
	}
	return cols
}

// resultJSON is one row of GET /api/v1/papi/results: missing values are null.
type resultJSON struct {
	Province   string              `json:"province"`
	Code       string              `json:"code"`
	Era        int                 `json:"era"`
	Year       int                 `json:"year"`
	Rank       *int                `json:"rank"`
	Total      *float64            `json:"total"`
	Dimensions map[string]*float64 `json:"dimensions"`
}

// apiResults answers GET /api/v1/papi/results?year=… (default: the latest
// year), one page of the year's provinces in rank order.
func (h *handler) apiResults(w http.ResponseWriter, r *http.Request) {
	pg := web.PageOf(r)
	years, err := h.store.Years(r.Context())
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	if len(years) == 0 {
		web.WriteJSON(w, http.StatusOK, web.ListResponse[resultJSON]{Items: []resultJSON{}, Page: pg.Page, PerPage: pg.PerPage})
		return
	}
	year, ok := chooseYear(r.URL.Query().Get("year"), years)
	if !ok {
		web.WriteAPIError(w, r, http.StatusNotFound, "not_found", web.FieldErrors{"year": "papi.error.year.none"})
		return
	}
	results, err := h.store.ResultsOfYear(r.Context(), year)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	table := Table(results, year)
	from := min(pg.Offset(), len(table))
	to := min(from+pg.PerPage, len(table))
	out := web.ListResponse[resultJSON]{Items: []resultJSON{}, Page: pg.Page, PerPage: pg.PerPage, More: to < len(table)}
	for _, tr := range table[from:to] {
		item := resultJSON{Province: tr.Province.Name, Code: tr.Province.Code, Era: tr.Province.Era, Year: year,
			Total: nullable(tr.Total), Dimensions: map[string]*float64{}}
		if tr.Rank > 0 {
			rank := tr.Rank
			item.Rank = &rank
		}
		for d := range DimensionCount(year) {
			item.Dimensions[DimensionCodes[d]] = nullable(tr.Dimensions[d])
		}
		out.Items = append(out.Items, item)
	}
	web.WriteJSON(w, http.StatusOK, out)
}
