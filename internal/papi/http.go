package papi

import (
	"context"
	"embed"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

//go:embed templates/*.html
var templatesFS embed.FS

type handler struct {
	store  *Store
	org    *org.Store
	render *web.Renderer
	views  audit.Cache[standingKey, standingView]
}

// importers may load official results: they are national data that every
// page of every unit reads, so the roles that run the PAPI work (the focal
// office, the leadership) and administrators import them.
var importers = web.Roles(org.RoleNames(org.RoleAdmin, org.RoleFocal, org.RoleLeader)...)

// MaxUpload bounds a results file: the official file of all years is 60 kB,
// a workbook of it a few hundred.
const MaxUpload = 10 << 20

// Routes registers the standing pages, the import of official results and
// the PAPI API. orgStore finds the province of a user's organisation, the
// default of the standing page.
func Routes(app *web.App, store *Store, orgStore *org.Store) {
	app.Render.Add("papi", templatesFS, "templates")
	h := &handler{store: store, org: orgStore, render: app.Render}

	app.Handle("GET /papi", web.SignedIn, h.standing)
	app.Handle("GET /papi/provinces", web.SignedIn, h.provinces)
	app.Handle("GET /papi/import", importers, h.importForm)
	app.Handle("POST /papi/import", importers, h.importFile, web.MaxBody(MaxUpload))

	app.Handle("GET /api/v1/papi/standing", web.SignedIn, h.apiStanding)
	app.Handle("GET /api/v1/papi/results", web.SignedIn, h.apiResults)
}

// StandingURL is the address of a province's standing in a year, opened at a
// dimension ("D3") when dim is not empty: a plan's dimension card links here.
func StandingURL(province string, year int, dim string) string {
	// %20 rather than "+" for the space: the address is also pasted into plan
	// documents, where a "+" in a name reads oddly.
	u := "/papi?province=" + url.PathEscape(province) + "&year=" + strconv.Itoa(year)
	if dim != "" {
		u += "#" + dim
	}
	return u
}

// mayImport says whether to offer the import page to the user.
func mayImport(r *http.Request) bool {
	s := web.SessionOf(r)
	return s != nil && importers.Allows(s)
}

// yearsOfResults lists the years present in results, latest first.
func yearsOfResults(results []Result) []int {
	years := yearsOf(results)
	slices.Reverse(years)
	return years
}

// chooseYear reads ?year=, defaulting to the latest year with results. ok is
// false for a year given but absent.
func chooseYear(raw string, years []int) (year int, ok bool) {
	if strings.TrimSpace(raw) == "" {
		return years[0], true
	}
	y, err := strconv.Atoi(strings.TrimSpace(raw))
	return y, err == nil && slices.Contains(years, y)
}

// userRoot is the name of the root unit of the user's organisation, or "":
// ProvinceIn finds the province it names in a year.
func (h *handler) userRoot(ctx context.Context, u *org.User) string {
	if u == nil || h.org == nil {
		return ""
	}
	rootID, err := strconv.ParseInt(strings.Split(strings.Trim(u.UnitPath, "/"), "/")[0], 10, 64)
	if err != nil {
		return ""
	}
	root, err := h.org.Unit(ctx, rootID)
	if err != nil {
		return ""
	}
	return root.Name
}

// provinceOptions is the province selector of a year: that year's map,
// alphabetically in Vietnamese order.
func provinceOptions(year int) []Province {
	ps := Provinces(year)
	slices.SortFunc(ps, func(a, b Province) int { return vn.Compare(a.Name, b.Name) })
	return ps
}

// dash shows a score with two decimals the Vietnamese way, or "—" when it is
// missing: a withheld score must never read as 0.
func dash(s Score) string {
	if !s.Present {
		return "—"
	}
	return vn.FormatDecimal(s.Value, 2)
}

// signed shows a gap with its sign ("+0,35", "−0,20"), or "—".
func signed(s Score) string {
	switch {
	case !s.Present:
		return "—"
	case s.Value > 0:
		return "+" + vn.FormatDecimal(s.Value, 2)
	case s.Value < 0:
		return "−" + vn.FormatDecimal(-s.Value, 2)
	}
	return vn.FormatDecimal(0, 2)
}

// dimensionName is a dimension's full name in the page's language, from the
// framework of the year.
func dimensionName(lang string, year int, code string) string {
	fw, ok := FrameworkFor(year)
	if !ok {
		return code
	}
	d, ok := fw.Dimension(code)
	if !ok {
		return code
	}
	if lang == web.LangEN {
		return d.NameEN
	}
	return d.NameVI
}

// subNav is the tab bar shared by the PAPI pages.
type subNav struct {
	Active    string
	MayImport bool
	Year      int
}
