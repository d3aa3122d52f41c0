package survey

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// sheetsFromText splits fuzz input into the three sheets: "\f" between
// sheets, newlines between rows, tabs between cells.
func sheetsFromText(s string) (survey, choices, settings sheetRows) {
	parts := strings.SplitN(s, "\f", 3)
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	rows := func(name, text string) sheetRows {
		var rs [][]string
		for _, line := range strings.Split(text, "\n") {
			rs = append(rs, strings.Split(line, "\t"))
		}
		return sheetRows{name: name, rows: rs, present: true}
	}
	return rows("survey", parts[0]), rows("choices", parts[1]), rows("settings", parts[2])
}

// textFromSheets is sheetsFromText's inverse, for seeds.
func textFromSheets(sheets ...[][]string) string {
	var parts []string
	for _, s := range sheets {
		var lines []string
		for _, r := range s {
			lines = append(lines, strings.Join(r, "\t"))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\f")
}

// FuzzXLSFormSheets checks the reader on any sheet content: it never
// panics, and a form it accepts is stored and read back to the same form
// (the property every stored form relies on), and validates an empty
// submission without panicking.
func FuzzXLSFormSheets(f *testing.F) {
	f.Add(textFromSheets(templateSurvey, templateChoices, templateSettings))
	for _, path := range []string{"testdata/forms/all_types.md", "testdata/forms/functions.md", "testdata/forms/kobo_multilingual.md",
		"testdata/forms/kobo_extensions.md"} {
		md := readMarkdownForm(f, path)
		f.Add(textFromSheets(md.sheet("survey"), md.sheet("choices"), md.sheet("settings")))
	}
	f.Add("type\tname\tlabel\trelevant\nbegin group\tg\tG\t/data/g/x = 1\nselect_one l or_other\tx\tX\t\nend group\f" +
		"list_name\tname\tlabel\nl\ta\tA\fform_id\nf")
	f.Add("type\tname\tlabel\nbegin_repeat\tr\tR\ntext\tx\tX\nend_repeat\nbegin_group\tg\tG\ntext\tx\tX\nend_group\ncalculate\tc\t\f\f")
	f.Fuzz(func(t *testing.T, text string) {
		survey, choices, settings := sheetsFromText(text)
		form, problems := parseSheets(survey, choices, settings)
		if form == nil {
			for _, p := range problems {
				if !p.Warning {
					return
				}
			}
			t.Fatalf("no form and no error: %v", problems)
		}
		form.Validate(map[string]string{})
		b, err := MarshalForm(form)
		if err != nil {
			t.Fatal(err)
		}
		again, err := UnmarshalForm(b)
		if err != nil {
			t.Fatalf("a form the reader accepted does not read back: %v", err)
		}
		if d1, d2 := describe(form), describe(again); d1 != d2 {
			t.Fatalf("stored form differs:\n%s\nwant\n%s", d2, d1)
		}
	})
}

// FuzzParseXLSForm feeds arbitrary bytes, seeded with real workbooks, to
// the XLSForm reader: it returns a form, problems or an error, never
// panics.
func FuzzParseXLSForm(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteXLSForm(BuiltinPAPIForm(), &buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	md := readMarkdownForm(f, "testdata/forms/all_types.md")
	wb := md.workbook(f)
	data := make([]byte, wb.Len())
	wb.Read(data)
	f.Add(data)
	f.Add([]byte("type,name\ntext,q\n"))
	if b, err := os.ReadFile("testdata/forms/functions.md"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		form, problems, err := ParseXLSForm(bytes.NewReader(data))
		if err == nil && form == nil {
			for _, p := range problems {
				if !p.Warning {
					return
				}
			}
			t.Fatalf("no form, no error and no error problem: %v", problems)
		}
	})
}
