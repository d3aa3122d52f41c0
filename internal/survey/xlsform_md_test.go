package survey

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// mdForm is a form written as pyxform's own tests write them: markdown
// tables, a line "| sheet |" opening each sheet and "|  | a | b |" lines its
// rows, the first of them the header. Lines not starting with '|' are
// comments.
type mdForm struct {
	sheets []namedRows
}

func readMarkdownForm(t testing.TB, path string) mdForm {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f mdForm
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := splitMarkdownRow(line)
		if len(cells) == 0 {
			continue
		}
		if strings.TrimSpace(cells[0]) != "" {
			f.sheets = append(f.sheets, namedRows{name: strings.TrimSpace(cells[0])})
			continue
		}
		if len(f.sheets) == 0 {
			t.Fatalf("%s: a row before any sheet: %q", path, line)
		}
		row := make([]string, len(cells)-1)
		for i, c := range cells[1:] {
			row[i] = strings.Trim(c, " \t") // keep no-break spaces: they are what some tests are about
		}
		s := &f.sheets[len(f.sheets)-1]
		s.rows = append(s.rows, row)
	}
	return f
}

// splitMarkdownRow splits "| a | b\|c |" into cells, "\|" being a pipe.
func splitMarkdownRow(line string) []string {
	line = strings.TrimPrefix(strings.TrimSuffix(line, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, cur.String())
}

// sheet returns the rows of the named sheet.
func (f mdForm) sheet(name string) [][]string {
	for _, s := range f.sheets {
		if s.name == name {
			return s.rows
		}
	}
	return nil
}

// workbook writes the form as the XLSX a person would upload.
func (f mdForm) workbook(t testing.TB) *bytes.Reader { return workbook(t, f.sheets...) }

// column returns, for each row of a sheet after the header, the cell of
// the named column, by the row's value in the key column.
func (f mdForm) column(sheet, key, col string) map[string]string {
	rows := f.sheet(sheet)
	if len(rows) == 0 {
		return nil
	}
	ki, ci := -1, -1
	for i, h := range rows[0] {
		switch strings.TrimSpace(h) {
		case key:
			ki = i
		case col:
			ci = i
		}
	}
	out := map[string]string{}
	for _, r := range rows[1:] {
		if ki >= 0 && ci >= 0 && ki < len(r) && ci < len(r) {
			out[strings.TrimSpace(r[ki])] = strings.TrimSpace(r[ci])
		}
	}
	return out
}

func parseMarkdownForm(t testing.TB, path string) (*Form, []Problem, mdForm) {
	t.Helper()
	md := readMarkdownForm(t, path)
	form, problems, err := ParseXLSForm(md.workbook(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if !p.Warning {
			t.Errorf("%s: unexpected error %v", path, p)
		}
	}
	if form == nil {
		t.FailNow()
	}
	return form, problems, md
}

func problemsWith(problems []Problem, code string) []Problem {
	var out []Problem
	for _, p := range problems {
		if p.Code == code {
			out = append(out, p)
		}
	}
	return out
}
