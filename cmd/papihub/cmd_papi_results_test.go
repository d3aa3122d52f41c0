package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"papihub/internal/papi"
	"papihub/internal/platform/db/dbtest"
)

// writeFile puts content in a file of the test's temporary directory.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportResultsFromTheCommandLineIsIdempotent(t *testing.T) {
	db := dbtest.DSN(t)
	file := writeFile(t, papi.OfficialResultsFile, papi.OfficialResultsCSV)
	code, out, errOut := run(t, "", "papi", "import-results", file, "--db", db)
	if code != 0 || !strings.Contains(out, "imported 693 (693 new, 0 updated), unchanged 0, rejected 0") {
		t.Fatalf("first import: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "", "papi", "import-results", "--db", db, file)
	if code != 0 || !strings.Contains(out, "imported 0 (0 new, 0 updated), unchanged 693, rejected 0") {
		t.Fatalf("second import: exit %d\n%s%s", code, out, errOut)
	}
}

func TestImportResultsRefusesABadFileWholeAndNamesEveryRowAndColumn(t *testing.T) {
	db := dbtest.DSN(t)
	file := writeFile(t, "bad.csv", "province,year,D1,D2,D3,D4,D5,D6,D7,D8,total\n"+
		"Hưng Yên,2021,5.1,5.2,5.3,5.4,5.5,5.6,5.7,5.8,43.6\n"+
		"Atlantis,2021,5,5,5,5,5,5,5,5,40\n"+
		"Hà Nam,2021,5,11,5,5,5,5,5,5,40\n"+
		"Nam Định,2015,4,4,4,4,4,4,4,,24\n")
	code, out, errOut := run(t, "", "papi", "import-results", file, "--db", db)
	if code != 1 {
		t.Fatalf("bad file: exit %d, want 1\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"imported 0, unchanged 0, rejected 3",
		"dòng 3, cột province: lỗi: không có tỉnh \"Atlantis\"",
		"dòng 4, cột D2: lỗi: điểm chỉ số nội dung 11 nằm ngoài khoảng 1–10",
		"dòng 5, cột D7: lỗi: năm 2015 PAPI chỉ có 6 chỉ số nội dung",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, _, errOut = run(t, "", "papi", "standing", "--province", "Hưng Yên", "--year", "2021", "--db", db)
	if code != 1 || !strings.Contains(errOut, "no official results stored yet") {
		t.Errorf("after a refused file: exit %d, %s; want nothing stored, not even the good row", code, errOut)
	}
}

func TestStandingJSONForHungYen2021FromTheOfficialData(t *testing.T) {
	db := dbtest.DSN(t)
	if code, out, errOut := run(t, papi.OfficialResultsCSV, "papi", "import-results", "-", "--db", db); code != 0 {
		t.Fatalf("import from stdin: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := run(t, "", "papi", "standing", "--province", "hung yen", "--year", "2021", "--json", "--db", db)
	if code != 0 {
		t.Fatalf("standing: exit %d\n%s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("standing --json: %v\n%s", err, out)
	}
	for _, key := range []string{"province", "year", "total", "rank", "of", "dimensions"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	if got["province"] != "Hưng Yên" || got["year"] != 2021.0 || got["rank"] != 5.0 || got["of"] != 60.0 || got["total"] != 45.36588668823242 {
		t.Errorf("standing = %v; want Hưng Yên 2021, 45.36588668823242, rank 5 of 60", got)
	}
	dims, _ := got["dimensions"].([]any)
	if len(dims) != 8 {
		t.Fatalf("%d dimensions, want 8", len(dims))
	}
	d3 := dims[2].(map[string]any)
	for _, key := range []string{"code", "score", "rank", "best", "median", "gap_to_best"} {
		if _, ok := d3[key]; !ok {
			t.Errorf("dimension JSON lacks %q: %v", key, d3)
		}
	}
	if d3["code"] != "D3" || d3["gap_to_best"].(float64) <= 0 {
		t.Errorf("D3 = %v; want a positive gap to the best", d3)
	}
}

func TestStandingAsATableDefaultsToTheLatestYearAndShowsMissingAsADash(t *testing.T) {
	db := dbtest.DSN(t)
	file := writeFile(t, "official.csv", papi.OfficialResultsCSV)
	if code, _, errOut := run(t, "", "papi", "import-results", file, "--db", db); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "", "papi", "standing", "--province", "Bắc Ninh", "--db", db)
	if code != 0 {
		t.Fatalf("standing: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"Bắc Ninh (27), 2021: total –, not ranked (no total)", "not 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "", "papi", "standing", "--province", "Hưng Yên", "--year", "2014", "--db", db)
	if code != 0 || !strings.Contains(out, "rank 39 of 61 (6 dimensions, 6–60)") || !strings.Contains(out, "not comparable") {
		t.Errorf("2014 standing: exit %d\n%s", code, out)
	}
}

func TestPapiResultsCommandsReportWrongUsage(t *testing.T) {
	db := dbtest.DSN(t)
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"import without a file", []string{"papi", "import-results", "--db", db}, 2, "exactly one FILE"},
		{"standing without a province", []string{"papi", "standing", "--db", db}, 2, "--province is required"},
		{"an unknown province", []string{"papi", "standing", "--province", "Atlantis", "--db", db}, 1, ""},
		{"a missing file", []string{"papi", "import-results", "/nonexistent/x.csv", "--db", db}, 1, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, "", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d, %q; want %d and %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
}
