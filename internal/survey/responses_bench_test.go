package survey

import (
	"bytes"
	"fmt"
	"testing"
)

// koboExport generates a Kobo CSV as the default export writes it: ';',
// group paths, both the joined select_multiple column and its 0/1 columns,
// and Kobo's metadata, for n respondents of the commune form plus 30 more
// scale questions, the size of a PAPI-style questionnaire.
func koboExport(tb testing.TB, n int) (*Form, []byte) {
	survey := [][]string{row("type", "name", "label::Vietnamese (vi)", "label::English (en)", "relevant", "constraint")}
	survey = append(survey, row("text", "commune", "Xã", "Commune"),
		row("begin_group", "respondent", "Người trả lời", "Respondent"),
		row("select_one sex", "sex", "Giới tính", "Sex"),
		row("integer", "age", "Tuổi", "Age", "", ". >= 18 and . <= 110"),
		row("end_group"),
		row("begin_group", "services", "Dịch vụ", "Services"),
		row("select_multiple service", "used", "Dịch vụ đã dùng", "Services used"),
		row("text", "comment", "Ý kiến", "Comment"))
	for i := 0; i < 30; i++ {
		survey = append(survey, row("select_one scale5", fmt.Sprintf("s%d", i), fmt.Sprintf("Mức hài lòng %d", i), fmt.Sprintf("Satisfaction %d", i), "${sex} != ''"))
	}
	survey = append(survey, row("end_group"))
	choices := [][]string{row("list_name", "name", "label::Vietnamese (vi)", "label::English (en)"),
		row("sex", "m", "Nam", "Male"), row("sex", "f", "Nữ", "Female"),
		row("service", "health", "Y tế", "Health"), row("service", "school", "Trường học", "School"), row("service", "water", "Nước sạch", "Water")}
	for v := 1; v <= 5; v++ {
		choices = append(choices, row("scale5", fmt.Sprint(v), fmt.Sprintf("Mức %d", v), fmt.Sprintf("Level %d", v)))
	}
	form := parseOK(tb, survey, choices)

	header := row("start", "end", "commune", "respondent/sex", "respondent/age", "services/used",
		"services/used/health", "services/used/school", "services/used/water", "services/comment")
	for i := 0; i < 30; i++ {
		header = append(header, fmt.Sprintf("services/s%d", i))
	}
	header = append(header, "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index")
	rows := [][]string{header}
	for r := 0; r < n; r++ {
		rec := row("2026-03-01T08:00:00.000+07:00", "2026-03-01T08:20:00.000+07:00", fmt.Sprintf("Xã %d", r%120),
			[]string{"m", "f"}[r%2], fmt.Sprint(18+r%70), "health water", "1", "0", "1", "Cán bộ xã hướng dẫn tận tình, thủ tục nhanh gọn")
		for i := 0; i < 30; i++ {
			rec = append(rec, fmt.Sprint(1+(r+i)%5))
		}
		rec = append(rec, fmt.Sprint(1000+r), fmt.Sprintf("6f1c2a7e-%04x-4d2b-9a51-%012x", r%65536, r), "2026-03-01T01:25:00", "", "", "submitted_via_web", "", "vX1", "", fmt.Sprint(r+1))
		rows = append(rows, rec)
	}
	return form, csvFile(tb, ';', rows...)
}

// BenchmarkImportKoboCSV20000 measures the import the issue sets a budget
// for: 20,000 responses from a Kobo CSV in at most 2 s on the 2-core machine.
func BenchmarkImportKoboCSV20000(b *testing.B) {
	form, data := koboExport(b, 20000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		batch, err := ReadResponses(form, []NamedReader{{Name: "kobo.csv", R: bytes.NewReader(data)}}, ImportOptions{UnitColumn: "commune"})
		if err != nil {
			b.Fatal(err)
		}
		if len(batch.Responses) != 20000 || len(batch.Rejected) != 0 {
			b.Fatalf("%d responses, %d rejected", len(batch.Responses), len(batch.Rejected))
		}
	}
}

func TestTheGeneratedKoboExportImportsCleanly(t *testing.T) {
	form, data := koboExport(t, 50)
	b := read(t, form, ImportOptions{UnitColumn: "commune"}, file("kobo.csv", data))
	if len(b.Responses) != 50 || len(b.Rejected) != 0 || len(b.UnknownColumns) != 0 || len(b.Warnings) != 0 {
		t.Fatalf("%d responses, rejected %v, unknown %v, warnings %v", len(b.Responses), b.Rejected, b.UnknownColumns, b.Warnings)
	}
	if got := b.Responses[0].Answers["used"]; got != "health water" {
		t.Fatalf("used = %q", got)
	}
}
