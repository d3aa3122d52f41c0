package survey

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"papihub/internal/org"
)

// ExportTable lays the responses out as anonymous microdata: a running
// number, the unit, and one column per answerable question (repeats laid out
// wide as "repeat[n]/question"). Nothing that could tie a row back to a
// submission or a person is in it: no instance id, submission time, source,
// invitation code or column the form did not know; no question that asks
// for a name, phone or ID number; and free text passes the same identifier
// guard as an import. Rows come in the store's instance-id order, which says
// nothing about when they were given.
func ExportTable(f *Form, responses []StoredResponse) [][]string {
	type col struct {
		q      *Question
		repeat string
		n      int // repeat instance, from 1
	}
	var cols []col
	header := []string{"stt", "don_vi"}
	maxRepeat := map[string]int{}
	for _, r := range responses {
		for name, inst := range r.Repeats {
			maxRepeat[name] = max(maxRepeat[name], len(inst))
		}
	}
	// Times, devices, locations and file names could tie a row to an
	// interview: only the respondent's answers and calculations go out.
	exportable := func(q *Question) bool {
		if !q.Type.holdsData() || q.Type.Metadata() || q.Type.Geo() || q.Type.Media() || looksPersonal(q.Name) {
			return false
		}
		for _, l := range q.Labels {
			if looksPersonal(l) {
				return false
			}
		}
		return true
	}
	for i := range f.Questions {
		q := &f.Questions[i]
		if q.Repeat == "" && exportable(q) {
			cols = append(cols, col{q: q})
			header = append(header, q.Key)
		}
	}
	for _, rep := range f.Repeats() {
		for n := 1; n <= maxRepeat[rep]; n++ {
			for i := range f.Questions {
				q := &f.Questions[i]
				if q.Repeat == rep && exportable(q) {
					cols = append(cols, col{q: q, repeat: rep, n: n})
					header = append(header, fmt.Sprintf("%s[%d]/%s", rep, n, q.Key))
				}
			}
		}
	}
	out := [][]string{header}
	for i, r := range responses {
		row := make([]string, 0, len(header))
		row = append(row, strconv.Itoa(i+1), r.UnitCode)
		for _, c := range cols {
			v := ""
			if c.repeat == "" {
				v = r.Answers[c.q.Key]
			} else if inst := r.Repeats[c.repeat]; c.n <= len(inst) {
				v = inst[c.n-1][c.q.Key]
			}
			if c.q.Type == Text || c.q.Type == Barcode || c.q.Type == Hidden {
				v, _ = redactIdentifiers(v)
			}
			row = append(row, v)
		}
		out = append(out, row)
	}
	return out
}

// WriteExport writes the microdata as CSV (UTF-8 with a BOM, for Excel) or
// XLSX.
func WriteExport(w io.Writer, table [][]string, format string) error {
	switch format {
	case "csv":
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.WriteAll(table); err != nil {
			return fmt.Errorf("survey: export: %w", err)
		}
		return nil
	case "xlsx":
		wb := excelize.NewFile()
		defer wb.Close()
		const sheet = "du_lieu"
		if err := wb.SetSheetName("Sheet1", sheet); err != nil {
			return fmt.Errorf("survey: export: %w", err)
		}
		sw, err := wb.NewStreamWriter(sheet)
		if err != nil {
			return fmt.Errorf("survey: export: %w", err)
		}
		for r, row := range table {
			cells := make([]any, len(row))
			for c, v := range row {
				cells[c] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, cells); err != nil {
				return fmt.Errorf("survey: export: %w", err)
			}
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("survey: export: %w", err)
		}
		if err := wb.Write(w); err != nil {
			return fmt.Errorf("survey: export: %w", err)
		}
		return nil
	}
	return fmt.Errorf("survey: export format %q (csv or xlsx)", format)
}

func (h *handler) export(w http.ResponseWriter, r *http.Request) {
	sf, ok := h.loadForm(w, r, org.ActManage)
	if !ok {
		return
	}
	format := r.URL.Query().Get("format")
	if format != "xlsx" {
		format = "csv"
	}
	responses, err := h.store.Responses(r.Context(), sf.ID)
	if err != nil {
		h.render.Error(w, r, err)
		return
	}
	table := ExportTable(sf.Form, responses)
	if err := h.store.RecordExport(r.Context(), org.CurrentUser(r).Actor(), sf, format, len(table)-1); err != nil {
		h.render.Error(w, r, err)
		return
	}
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="khao-sat-%d.%s"`, sf.ID, format))
	if err := WriteExport(w, table, format); err != nil {
		h.render.Error(w, r, err)
	}
}
