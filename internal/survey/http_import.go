package survey

import (
	"errors"
	"net/http"
	"strings"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

// maxRowErrorsShown bounds the error list of one import page; the count says
// how many there were in all.
const maxRowErrorsShown = 200

type importPage struct {
	Form        StoredForm
	UnitColumn  string
	SkipInvalid bool
	Errors      web.FieldErrors
	ReadError   string
	Report      *ImportReport
	RowErrors   []RowError
	MoreErrors  int
}

func (h *handler) importPage(w http.ResponseWriter, r *http.Request) {
	sf, ok := h.loadForm(w, r, org.ActManage)
	if !ok {
		return
	}
	h.render.Render(w, r, "survey/import", importPage{Form: sf})
}

// importResponses reads the uploaded export files (a main table and its
// repeat tables, or ODK Central's zip) and stores them all, or shows every
// rejected row and stores nothing.
func (h *handler) importResponses(w http.ResponseWriter, r *http.Request) {
	sf, ok := h.loadForm(w, r, org.ActManage)
	if !ok {
		return
	}
	user := org.CurrentUser(r)
	if err := r.ParseMultipartForm(maxResponseUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		h.render.BadRequest(w, r, err)
		return
	}
	page := importPage{Form: sf, UnitColumn: strings.TrimSpace(r.PostFormValue("unit_column")),
		SkipInvalid: r.PostFormValue("skip_invalid") != "", Errors: web.FieldErrors{}}
	var files []NamedReader
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["files"] {
			f, err := fh.Open()
			if err != nil {
				h.render.BadRequest(w, r, err)
				return
			}
			defer f.Close()
			files = append(files, NamedReader{Name: fh.Filename, R: f})
		}
	}
	if len(files) == 0 {
		page.Errors.Add("files", "survey.import.files.required")
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "survey/import", page)
		return
	}
	opts := ImportOptions{UnitColumn: page.UnitColumn}
	if opts.UnitColumn != "" {
		units, err := h.org.Units(r.Context(), org.UnitFilter{Scope: "/"})
		if err != nil {
			h.render.Error(w, r, err)
			return
		}
		opts.UnitOf = UnitMatcher(units)
	}
	rep, err := h.store.ImportFiles(r.Context(), user.Actor(), sf, files, opts, page.SkipInvalid)
	if err != nil {
		// A file that is not an export at all: the reader says why, in Vietnamese.
		page.ReadError = strings.TrimPrefix(err.Error(), "survey: ")
		h.render.PageStatus(w, r, http.StatusUnprocessableEntity, "survey/import", page)
		return
	}
	if rep.Imported > 0 {
		h.refresh.Refresh(sf.ID)
	}
	page.Report = &rep
	page.RowErrors = rep.Batch.Rejected
	if len(page.RowErrors) > maxRowErrorsShown {
		page.MoreErrors = len(page.RowErrors) - maxRowErrorsShown
		page.RowErrors = page.RowErrors[:maxRowErrorsShown]
	}
	status := http.StatusOK
	if rep.Refused {
		status = http.StatusUnprocessableEntity
	}
	h.render.PageStatus(w, r, status, "survey/import", page)
}
