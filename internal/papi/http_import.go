package papi

import (
	"errors"
	"net/http"
	"path/filepath"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

type importPage struct {
	Nav      subNav
	Errors   web.FieldErrors
	FileName string
	// A refused file: every problem, and how many rows had errors.
	Refused  bool
	Problems []Problem
	More     int // problems beyond the first bounded.MaxErrors, counted only
	Rejected int
	// An imported file.
	Report *ImportReport
	Detail string // why the file could not be read at all
}

func (h *handler) importForm(w http.ResponseWriter, r *http.Request) {
	h.render.Render(w, r, "papi/import", importPage{Nav: subNav{Active: "import", MayImport: true}})
}

// importFile reads the uploaded file whole before storing any of it: a file
// with one bad cell is refused with every problem listed by row and column,
// so that it is fixed once and imported once.
func (h *handler) importFile(w http.ResponseWriter, r *http.Request) {
	user := org.CurrentUser(r)
	page := importPage{Nav: subNav{Active: "import", MayImport: true}, Errors: web.FieldErrors{}}
	f, header, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.render.BadRequest(w, r, err)
			return
		}
		page.Errors.Add("file", "papi.import.file.required")
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "papi/import", page)
		return
	}
	defer f.Close()
	page.FileName = filepath.Base(header.Filename)
	results, warnings, err := ReadResults(page.FileName, f)
	if err != nil {
		var re *ResultsError
		if errors.As(err, &re) {
			page.Refused, page.Problems, page.More, page.Rejected = true, re.Problems, re.More, rowsWithErrors(re.Problems)
			page.Errors.Add("file", "papi.import.refused")
		} else {
			page.Errors.Add("file", "papi.import.file.unreadable")
			page.Detail = strings.TrimPrefix(err.Error(), "papi: ")
		}
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "papi/import", page)
		return
	}
	rep, err := h.store.Save(r.Context(), user.Actor(), page.FileName, results)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	rep.Warnings = warnings
	page.Report = &rep
	page.Errors = nil
	if years := yearsOf(results); len(years) > 0 {
		page.Nav.Year = years[len(years)-1]
	}
	h.render.Render(w, r, "papi/import", page)
}

// rowsWithErrors counts the rows a refused file was refused for; warnings
// alone do not refuse a row.
func rowsWithErrors(ps []Problem) int {
	rows := map[int]bool{}
	for _, p := range ps {
		if !p.Warning {
			rows[p.Row] = true
		}
	}
	return len(rows)
}
