package papi

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const resultsHeader = "province,year,D1,D2,D3,D4,D5,D6,D7,D8,total\n"

func TestTheSharedOfficialFileReadsWithoutErrorsOrWarnings(t *testing.T) {
	rows := readOfficial(t)
	if len(rows) != 63*11 { // 63 provinces × 2011..2021
		t.Fatalf("read %d rows, want 693", len(rows))
	}
	// Quảng Ninh 2018 has no D2, D4 or total in the file: missing, not zero.
	qn := find(t, rows, "Quảng Ninh", 2018)
	if qn.Dimensions[1].Present || qn.Dimensions[3].Present || qn.Total.Present {
		t.Errorf("Quảng Ninh 2018 = %+v, want D2, D4 and total missing", qn)
	}
	if qn.Dimensions[0] != Known(5.855681) {
		t.Errorf("Quảng Ninh 2018 D1 = %v, want 5.855681", qn.Dimensions[0])
	}
}

func TestResultRowsAreValidated(t *testing.T) {
	for _, tc := range []struct {
		name    string
		csv     string
		wantErr string // "" when the file is accepted
		warning string // a warning expected on an accepted file
	}{
		{"a six-dimension row with empty D7 and D8",
			"Hà Nội,2015,5,5,5,5,5,5,,,30\n", "", ""},
		{"an unknown province is named with its row and column",
			"Atlantis,2020,5,5,5,5,5,5,5,5,40\n", "row 2, column province", ""},
		{"a dimension above 10",
			"Hà Nội,2020,5,5,11,5,5,5,5,5,46\n", "row 2, column D3: error: dimension score 11 is outside 1–10", ""},
		{"a dimension of 0 is not a missing value",
			"Hà Nội,2020,0,5,5,5,5,5,5,5,35\n", "column D1: error: dimension score 0 is outside 1–10", ""},
		{"a 2017 row with D7",
			"Hà Nội,2017,5,5,5,5,5,5,4,,30\n", "column D7: error: 2017 has only 6 dimensions", ""},
		{"text in a score",
			"Hà Nội,2020,five,5,5,5,5,5,5,5,40\n", `column D1: error: "five" is not a number`, ""},
		{"a total far from the sum is only a warning",
			// 8 × 5 = 40, total 41: off by 1 > 0.005 × 9 = 0.045
			"Hà Nội,2020,5,5,5,5,5,5,5,5,41\n", "", "differs from 40.0000"},
		{"a total within rounding passes quietly",
			// 8 × 5 = 40, total 40.04: off by 0.04 ≤ 0.045
			"Hà Nội,2020,5,5,5,5,5,5,5,5,40.04\n", "", ""},
		{"the same province twice in a year",
			"Hà Nội,2020,5,5,5,5,5,5,5,5,40\nHa Noi,2020,5,5,5,5,5,5,5,5,40\n", "row 3: error: Hà Nội (01) 2020 already appears in row 2", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, warnings, err := ReadResultsCSV(strings.NewReader(resultsHeader + tc.csv))
			if tc.wantErr != "" {
				var re *ResultsError
				if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want a ResultsError mentioning %q", err, tc.wantErr)
				}
				if rows != nil {
					t.Errorf("a rejected file returned %d rows; want none", len(rows))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, w := range warnings {
				got += w.String()
			}
			if tc.warning == "" && got != "" || !strings.Contains(got, tc.warning) {
				t.Errorf("warnings = %q, want %q", got, tc.warning)
			}
		})
	}
}

func TestEveryErrorOfAFileIsReportedAtOnce(t *testing.T) {
	csv := resultsHeader +
		"Atlantis,2020,5,5,5,5,5,5,5,5,40\n" +
		"Hà Nội,2020,5,5,5,5,5,5,5,5,40\n" +
		"Hải Phòng,2016,12,5,5,5,5,5,5,,\n"
	_, _, err := ReadResultsCSV(strings.NewReader(csv))
	var re *ResultsError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a ResultsError", err)
	}
	var where []string
	for _, p := range re.Problems {
		where = append(where, p.Column)
	}
	// Row 2: province; row 4: D1 (12 > 10) and D7 (a 2016 row).
	if got := strings.Join(where, " "); got != "province D1 D7" {
		t.Errorf("problems in columns %q, want province D1 D7", got)
	}
}

func TestHeadersAreCaseInsensitiveAndDecimalCommasAreRead(t *testing.T) {
	csv := "PROVINCE;Year;d1;d2;d3;d4;d5;d6;Total\nHưng Yên;2015;5,1614995;5,081197;5,590327;5,1308537;6,5897484;7,4928784;35,0465\n"
	rows, warnings, err := ReadResultsCSV(strings.NewReader(csv))
	if err != nil || len(warnings) != 0 {
		t.Fatalf("err = %v, warnings = %v", err, warnings)
	}
	if got := rows[0].Dimensions[0]; got != Known(5.1614995) {
		t.Errorf("D1 = %v, want 5.1614995", got)
	}
	if got := rows[0].Total; got != Known(35.0465) {
		t.Errorf("total = %v, want 35.0465", got)
	}
}

func TestAMissingRequiredColumnRejectsTheFile(t *testing.T) {
	_, _, err := ReadResultsCSV(strings.NewReader("province,year,D1,D2,D3,D4,D5,total\n"))
	if err == nil || !strings.Contains(err.Error(), "column D6: error: required column is missing") {
		t.Fatalf("err = %v, want the missing D6 named", err)
	}
}

func TestAWorkbookReadsLikeTheCSV(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows := [][]any{
		{"Province", "Year", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "Total"},
		{"Hưng Yên", 2021, 5.4033084, 5.8592653, 4.4186697, 7.539984, 7.5044274, 7.9987307, 3.6510477, 2.9904537, 45.36588668823242},
		{"Bắc Ninh", 2021},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, _, err := ReadResults("ket-qua.xlsx", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Dimensions[7] != Known(2.9904537) || got[1].Total.Present {
		t.Errorf("read %+v", got)
	}
}

func readOfficial(t *testing.T) []Result {
	t.Helper()
	f, err := os.Open(officialCSV)
	if err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	defer f.Close()
	rows, warnings, err := ReadResultsCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		t.Errorf("unexpected warning: %s", w)
	}
	return rows
}

func find(t *testing.T, rows []Result, name string, year int) Result {
	t.Helper()
	p := mustMatch(t, name, year)
	for _, r := range rows {
		if r.Province == p && r.Year == year {
			return r
		}
	}
	t.Fatalf("no result for %s %d", name, year)
	return Result{}
}

func TestAResultsFileWithThousandsOfBadRowsReportsTheFirstThousandAndACount(t *testing.T) {
	var b strings.Builder
	b.WriteString("province,year,D1,D2,D3,D4,D5,D6,D7,D8,total\n")
	for range 1500 {
		b.WriteString("Hưng Yên,1800,x,5,5,5,5,5,5,5,40\n") // two problems a row: year and D1
	}
	_, _, err := ReadResultsCSV(strings.NewReader(b.String()))
	var re *ResultsError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v", err)
	}
	if len(re.Problems) != 1000 || re.More != 2000 {
		t.Fatalf("kept %d problems, %d more; want 1000 and 2000", len(re.Problems), re.More)
	}
}
