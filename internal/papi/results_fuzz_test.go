package papi

import (
	"strings"
	"testing"
)

// FuzzReadResultsCSV checks that no input makes the reader panic, and that
// whatever it accepts keeps the promises the standing relies on: scores in
// 1–10, no D7/D8 before 2018, a province from the catalogue of its year.
func FuzzReadResultsCSV(f *testing.F) {
	f.Add(resultsHeader + "Hà Nội,2020,5,5,5,5,5,5,5,5,40\n")
	f.Add(resultsHeader + "Hưng Yên,2015,5,5,5,5,5,5,,,30\nBắc Ninh,2021,,,,,,,,,\n")
	f.Add("PROVINCE;Year;d1;d2;d3;d4;d5;d6;Total\nHưng Yên;2015;5,1;5,0;5,5;5,1;6,5;7,4;35\n")
	f.Add("province,year\n\"unterminated,2020\n")
	f.Fuzz(func(t *testing.T, input string) {
		rows, _, err := ReadResultsCSV(strings.NewReader(input))
		if err != nil {
			if rows != nil {
				t.Fatalf("rows returned with error %v", err)
			}
			return
		}
		for _, r := range rows {
			if r.Province.Code == "" || (r.Province.Era == 34) != (r.Year >= ReformDate.Year()) {
				t.Fatalf("row %d: province %v not of the catalogue of %d", r.Row, r.Province, r.Year)
			}
			for d, s := range r.Dimensions {
				if s.Present && (s.Value < 1 || s.Value > 10) {
					t.Fatalf("row %d: D%d = %v accepted", r.Row, d+1, s.Value)
				}
				if s.Present && d >= 6 && r.Year < FirstYearWithEightDimensions {
					t.Fatalf("row %d: D%d in %d accepted", r.Row, d+1, r.Year)
				}
			}
		}
	})
}
