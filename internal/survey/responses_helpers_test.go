package survey

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"testing"
)

// communeForm is a small citizen survey with groups, a select_multiple, a
// repeat and a unit column, the shapes Kobo and ODK exports take apart.
func communeForm(t testing.TB) *Form {
	t.Helper()
	return parseOK(t, [][]string{
		row("type", "name", "label::Vietnamese (vi)", "label::English (en)", "required", "constraint"),
		row("start", "start"),
		row("end", "end"),
		row("text", "commune", "Xã", "Commune"),
		row("begin_group", "respondent", "Người trả lời", "Respondent"),
		row("select_one sex", "sex", "Giới tính", "Sex", "yes"),
		row("integer", "age", "Tuổi", "Age", "", ". >= 18"),
		row("end_group"),
		row("begin_group", "services", "Dịch vụ", "Services"),
		row("select_one yes_no", "visited", "Ông/bà có đến UBND xã không?", "Did you visit the commune office?"),
		row("select_multiple service", "used", "Ông/bà đã dùng dịch vụ nào?", "Which services did you use?"),
		row("text", "comment", "Ý kiến", "Comment"),
		row("end_group"),
		row("begin_repeat", "hh_pop_repeat", "Thành viên hộ", "Household members"),
		row("integer", "member_age", "Tuổi thành viên", "Member's age"),
		row("select_one sex", "member_sex", "Giới tính thành viên", "Member's sex"),
		row("end_repeat"),
	}, [][]string{
		row("list_name", "name", "label::Vietnamese (vi)", "label::English (en)"),
		row("sex", "m", "Nam", "Male"),
		row("sex", "f", "Nữ", "Female"),
		row("yes_no", "1", "Có", "Yes"),
		row("yes_no", "2", "Không", "No"),
		row("service", "health", "Y tế", "Health"),
		row("service", "school", "Trường học", "School"),
		row("service", "water", "Nước sạch", "Clean water"),
	})
}

// csvFile writes rows as a CSV with the separator an exporter uses.
func csvFile(t testing.TB, sep rune, rows ...[]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = sep
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipFile packs files the way ODK Central's "download all" does.
func zipFile(t testing.TB, files ...namedBytes) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type namedBytes struct {
	name string
	data []byte
}

func file(name string, data []byte) NamedReader {
	return NamedReader{Name: name, R: bytes.NewReader(data)}
}

func read(t testing.TB, form *Form, opts ImportOptions, files ...NamedReader) *Batch {
	t.Helper()
	b, err := ReadResponses(form, files, opts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func byID(t testing.TB, b *Batch, id string) Response {
	t.Helper()
	for _, r := range b.Responses {
		if r.InstanceID == id {
			return r
		}
	}
	t.Fatalf("no response %s among %d (rejected: %v)", id, len(b.Responses), b.Rejected)
	return Response{}
}
