package survey

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbook builds an XLSX in memory with the named sheets, the first row of
// each being its header, as a person would type it in Excel.
func workbook(t testing.TB, sheets ...namedRows) *bytes.Reader {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cells := make([]any, len(row))
			for c, v := range row {
				cells[c] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &cells); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(buf.Bytes())
}

type namedRows struct {
	name string
	rows [][]string
}

func sheet(name string, rows ...[]string) namedRows { return namedRows{name, rows} }
func row(cells ...string) []string                  { return cells }

// xlsform builds a three-sheet XLSForm.
func xlsform(t testing.TB, survey, choices, settings [][]string) *bytes.Reader {
	return workbook(t, namedRows{"survey", survey}, namedRows{"choices", choices}, namedRows{"settings", settings})
}

var yesNoChoices = [][]string{
	row("list_name", "name", "label::Vietnamese (vi)", "label::English (en)"),
	row("yes_no", "1", "Có", "Yes"),
	row("yes_no", "2", "Không", "No"),
	row("yes_no", "98", "Không biết", "Don't know"),
}

var plainSettings = [][]string{row("form_id", "form_title", "version", "default_language"), row("papi_test", "Khảo sát thử", "2026.1", "Vietnamese (vi)")}

func parseOK(t testing.TB, survey, choices [][]string) *Form {
	t.Helper()
	form, problems, err := ParseXLSForm(xlsform(t, survey, choices, plainSettings))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if !p.Warning {
			t.Fatalf("unexpected problem: %v", p)
		}
	}
	return form
}
