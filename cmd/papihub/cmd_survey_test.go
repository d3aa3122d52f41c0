package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"papihub/internal/survey"
)

// surveyDataDir is a SQLite data directory with the demo organisation (and
// its demo survey, form 1).
func surveyDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	conn, err := (&dataFlags{dir: dir}).open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string {
		if k == "PAPIHUB_ADMIN_PASSWORD" {
			return testPassword
		}
		return ""
	}}
	d, err := deps{db: conn, dataDir: dir}.withSecret(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := loadDemo(context.Background(), e, d); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeSurveyFile writes b into the test's temporary directory.
func writeSurveyFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// koboCSV is a Kobo export of the built-in form: group/question headers,
// _uuid, and a commune column; rows answer every unconditional question.
func koboCSV(t *testing.T, rows int, firstID int, commune string) []byte {
	t.Helper()
	f := survey.BuiltinPAPIForm()
	header := []string{"_uuid", "_submission_time", "xa"}
	var qs []survey.Question
	for _, q := range f.Questions {
		if q.Type == survey.SelectOne && q.Relevant.IsZero() {
			qs = append(qs, q)
			header = append(header, strings.Join(append(append([]string{}, q.Group...), q.Name), "/"))
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(header)
	for i := range rows {
		r := []string{fmt.Sprintf("b2c1e0c4-0000-4000-8000-%012d", firstID+i), "2026-03-02T09:15:00.000+07:00", commune}
		for j, q := range qs {
			choices := f.Choices[q.ListName]
			r = append(r, choices[(i+j)%len(choices)].Name)
		}
		_ = w.Write(r)
	}
	w.Flush()
	return buf.Bytes()
}

func TestImportingAFormFromTheCommandLinePrintsItsID(t *testing.T) {
	dir := surveyDataDir(t)
	var xls bytes.Buffer
	if err := survey.WriteXLSForm(survey.BuiltinPAPIForm(), &xls); err != nil {
		t.Fatal(err)
	}
	path := writeSurveyFile(t, "papi.xlsx", xls.Bytes())
	code, out, errOut := run(t, "", "survey", "import-form", path, "--data", dir, "--unit", demoSurveyDepartment)
	if code != 0 || strings.TrimSpace(out) != "3" { // after the demo's two rounds (2025, closed; 2026, open)
		t.Fatalf("import-form: exit %d, %q, %s", code, out, errOut)
	}
	// A broken form: every problem named by sheet and row, nothing stored.
	bad := writeSurveyFile(t, "bad.xlsx", brokenXLSForm(t))
	code, out, errOut = run(t, "", "survey", "import-form", bad, "--data", dir, "--unit", demoSurveyDepartment)
	if code != 1 || out != "" || !strings.Contains(errOut, "sheet survey, dòng 2") {
		t.Fatalf("broken form: exit %d, %q, %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "survey", "import-form", "--data", dir); code != 2 {
		t.Fatalf("no file: exit %d, %s", code, errOut)
	}
}

// brokenXLSForm has a question of an unknown type.
func brokenXLSForm(t *testing.T) []byte {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	if err := wb.SetSheetName("Sheet1", "survey"); err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{{"type", "name", "label"}, {"select_won yn", "q1", "Câu 1"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := wb.SetSheetRow("survey", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReimportingResponsesFromTheCommandLineCountsDuplicates(t *testing.T) {
	dir := surveyDataDir(t)
	first := writeSurveyFile(t, "kobo.csv", koboCSV(t, 12, 1, "Xã Nghĩa Trụ"))
	code, out, errOut := run(t, "", "survey", "import-responses", "--form", "1", "--unit-column", "xa", first, "--data", dir)
	if code != 0 || out != "imported 12, duplicates 0, rejected 0\n" {
		t.Fatalf("first import: exit %d, %q, %s", code, out, errOut)
	}
	second := writeSurveyFile(t, "kobo2.csv", koboCSV(t, 15, 1, "000.00.03.H33.12347"))
	code, out, errOut = run(t, "", "survey", "import-responses", "--data", dir, "--form", "1", "--unit-column", "xa", second, first)
	if code != 0 || out != "imported 3, duplicates 24, rejected 0\n" {
		t.Fatalf("second import: exit %d, %q, %s", code, out, errOut)
	}
}

func TestAResponsesFileWithRejectedRowsIsRefusedUnlessSkipInvalid(t *testing.T) {
	dir := surveyDataDir(t)
	good := koboCSV(t, 5, 1, "Xã Nghĩa Trụ")
	bad := strings.SplitN(string(koboCSV(t, 1, 99, "Xã Không Có")), "\n", 2)[1]
	path := writeSurveyFile(t, "mixed.csv", append(good, bad...))
	code, out, errOut := run(t, "", "survey", "import-responses", "--data", dir, "--form", "1", "--unit-column", "xa", path)
	if code != 1 || out != "imported 0, duplicates 0, rejected 1\n" || !strings.Contains(errOut, "mixed.csv dòng 7, cột xa") {
		t.Fatalf("refused import: exit %d, %q, %s", code, out, errOut)
	}
	code, out, errOut = run(t, "", "survey", "import-responses", "--data", dir, "--form", "1", "--unit-column", "xa", "--skip-invalid", path)
	if code != 0 || out != "imported 5, duplicates 0, rejected 1\n" {
		t.Fatalf("skip-invalid: exit %d, %q, %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "survey", "import-responses", "--data", dir, "--form", "99", path); code != 1 || !strings.Contains(errOut, "no survey form with id 99") {
		t.Fatalf("unknown form: exit %d, %s", code, errOut)
	}
}

func TestTheCommandLineExportIsAnonymousMicrodata(t *testing.T) {
	dir := surveyDataDir(t)
	// Form 2 is the demo's open 2026 round, with 36 responses.
	code, out, errOut := run(t, "", "survey", "export", "--data", dir, "--form", "2", "--format", "csv")
	if code != 0 {
		t.Fatalf("export: exit %d, %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 37 || rows[0][0] != "stt" || rows[0][1] != "don_vi" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	for _, h := range rows[0] {
		if strings.Contains(h, "instance") || strings.Contains(h, "uuid") || strings.Contains(h, "submi") || strings.Contains(h, "code") {
			t.Fatalf("identifying column %q", h)
		}
	}
	if strings.Contains(out, "demo-") {
		t.Fatal("the export holds instance ids")
	}
	xlsx := filepath.Join(t.TempDir(), "out.xlsx")
	if code, _, errOut := run(t, "", "survey", "export", "--data", dir, "--form", "1", "--format", "xlsx", "--out", xlsx); code != 0 {
		t.Fatalf("xlsx export: %s", errOut)
	}
	if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Fatalf("xlsx: %v", err)
	}
	if code, _, _ := run(t, "", "survey", "export", "--data", dir, "--form", "1", "--format", "pdf"); code != 2 {
		t.Fatalf("pdf export: exit %d, want 2", code)
	}
}

// A form with warnings imports, and the command says so, errors (none here)
// before warnings; a form with an error lists it apart from its warnings.
func TestImportingAFormWithWarningsSaysTheyDoNotStopIt(t *testing.T) {
	dir := surveyDataDir(t)
	survey := [][]any{
		{"type", "name", "label", "relevant", "module name", "choice_filter"},
		{"select_one yn", "used", "Có dùng?", "", "A", ""},
		{"integer", "times", "Mấy lần?", "pulldata('x', 'y', 'z', ${used}) = '1'", "A", ""},
	}
	choices := [][]any{{"list_name", "name", "label"}, {"yn", "1", "Có"}, {"yn", "2", "Không"}}
	settings := [][]any{{"form_id"}, {"kobo_cli"}}
	path := writeSurveyFile(t, "kobo.xlsx", xlsformBytes(t, survey, choices, settings))
	code, out, errOut := run(t, "", "survey", "import-form", path, "--data", dir, "--unit", demoSurveyDepartment)
	if code != 0 || strings.TrimSpace(out) == "" {
		t.Fatalf("exit %d, %q, %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "2 cảnh báo, biểu mẫu vẫn được nhập") || !strings.Contains(errOut, "  cảnh báo: sheet survey, dòng 1: hệ thống không dùng các cột sau") ||
		!strings.Contains(errOut, "pulldata()") || strings.Contains(errOut, "lỗi") {
		t.Fatalf("stderr:\n%s", errOut)
	}

	survey = append(survey, []any{"select_one nolist", "bad", "Sai"})
	path = writeSurveyFile(t, "bad.xlsx", xlsformBytes(t, survey, choices, settings))
	code, out, errOut = run(t, "", "survey", "import-form", path, "--data", dir, "--unit", demoSurveyDepartment)
	if code != 1 || out != "" {
		t.Fatalf("exit %d, %q", code, out)
	}
	errPart, warnPart, ok := strings.Cut(errOut, "cảnh báo, sẽ còn lại")
	if !ok || !strings.Contains(errPart, "1 lỗi, biểu mẫu chưa được nhập") || !strings.Contains(errPart, "  lỗi: sheet survey, dòng 4") ||
		!strings.Contains(warnPart, "module name") {
		t.Fatalf("stderr:\n%s", errOut)
	}
}
