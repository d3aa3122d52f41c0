package plan

import (
	"net/http"
	"strconv"
	"strings"

	"papihub/internal/papi"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// A baselineRow is one dimension's line of the baseline form, as typed.
type baselineRow struct {
	Code, Name                       string
	Year, Score, Group, Change, Text string
}

// GroupOptions are the groups the row's select offers: the five, and the
// row's own when a plan wrote another.
func (r baselineRow) GroupOptions() []string {
	for _, g := range baselineGroups {
		if g == r.Group || r.Group == "" {
			return baselineGroups
		}
	}
	return append(append([]string{}, baselineGroups...), r.Group)
}

// baselineGroups are the group names the form offers.
var baselineGroups = []string{"cao nhất", "trung bình cao", "trung bình", "trung bình thấp", "thấp nhất"}

// baselineRows lays a plan's baselines out as one row per dimension of the
// plan's framework.
func baselineRows(year int, bs []Baseline) []baselineRow {
	fw, ok := papi.FrameworkFor(year)
	if !ok {
		fw, _ = papi.FrameworkFor(papi.FirstYearWithEightDimensions)
	}
	var rows []baselineRow
	for _, d := range fw.Dimensions {
		row := baselineRow{Code: d.Code, Name: d.NameVI}
		for _, b := range bs {
			if b.Dimension != d.Code {
				continue
			}
			if b.Year != 0 {
				row.Year = strconv.Itoa(b.Year)
			}
			if b.Score != nil {
				row.Score = vn.FormatDecimal(*b.Score, 2)
			}
			if b.Change != nil {
				row.Change = signedDecimal(*b.Change)
			}
			row.Group, row.Text = b.Group, b.Text
		}
		rows = append(rows, row)
	}
	return rows
}

// baselinesFromForm reads the baseline rows of a form ("baseline.D3.score"
// …); a row left blank is no baseline. Numbers are read the Vietnamese way
// (4,87) or the other (4.87), with "+", "-" or "−" on a change.
func baselinesFromForm(r *http.Request, year int) ([]baselineRow, []Baseline, web.FieldErrors) {
	errs := web.FieldErrors{}
	rows := baselineRows(year, nil)
	out := []Baseline{}
	for i := range rows {
		row := &rows[i]
		v := func(f string) string { return strings.TrimSpace(r.PostFormValue("baseline." + row.Code + "." + f)) }
		row.Year, row.Score, row.Group, row.Change, row.Text = v("year"), v("score"), v("group"), v("change"), v("text")
		if row.Year == "" && row.Score == "" && row.Group == "" && row.Change == "" {
			continue
		}
		b := Baseline{Dimension: row.Code, Group: row.Group, Text: row.Text}
		if y, err := strconv.Atoi(row.Year); err == nil {
			b.Year = y
		}
		field := "baselines." + row.Code + "."
		if row.Score != "" {
			if x, ok := formDecimal(row.Score); ok {
				b.Score = &x
			} else {
				errs.Add(field+"score", "plan.baseline.number")
			}
		}
		if row.Change != "" {
			if x, ok := formDecimal(row.Change); ok {
				b.Change = &x
			} else {
				errs.Add(field+"change", "plan.baseline.number")
			}
		}
		out = append(out, b)
	}
	return rows, out, errs
}

// formDecimal reads "4,87", "4.87", "+0,05", "−0,3".
func formDecimal(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "−", "-")
	s = strings.TrimPrefix(s, "+")
	x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return x, err == nil
}

// baselineErrors renames the store's "baselines.N.field" errors to the
// form's "baselines.D3.field".
func baselineErrors(errs web.FieldErrors, bs []Baseline) web.FieldErrors {
	out := web.FieldErrors{}
	for k, v := range errs {
		if rest, ok := strings.CutPrefix(k, "baselines."); ok {
			if n, field, ok := strings.Cut(rest, "."); ok {
				if i, err := strconv.Atoi(n); err == nil && i < len(bs) {
					k = "baselines." + bs[i].Dimension + "." + field
				}
			}
		}
		out[k] = v
	}
	return out
}
