package papi

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"papihub/internal/platform/web"
)

func TestEveryImportProblemSpeaksVietnameseAndEnglishNamingRowAndColumn(t *testing.T) {
	file := "province,year,D1,D2,D3,D4,D5,D6,D7,D8,total,ghi_chu\n" +
		"Atlantis,2021,5,5,5,5,5,5,5,5,40,\n" +
		"Hà Nam,2021,5,11,5,5,5,5,5,5,40,\n" +
		"Nam Định,2015,4,4,4,4,4,4,4,,24,\n" +
		"Hưng Yên,năm,5,5,5,5,5,5,5,5,40,\n" +
		"Hưng Yên,2021,5;1,5,5,5,5,5,5,5,40,\n"
	_, _, err := ReadResultsCSV(strings.NewReader(file))
	var re *ResultsError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a *ResultsError", err)
	}
	want := map[string]string{ // row/column → the Vietnamese line
		"1/ghi_chu":  "dòng 1, cột ghi_chu: lưu ý: cột không dùng đến, bỏ qua",
		"2/province": `dòng 2, cột province: lỗi: không có tỉnh "Atlantis" (có phải là`,
		"3/D2":       "dòng 3, cột D2: lỗi: điểm chỉ số nội dung 11 nằm ngoài khoảng 1–10",
		"4/D7":       "dòng 4, cột D7: lỗi: năm 2015 PAPI chỉ có 6 chỉ số nội dung, nhưng cột D7 có giá trị 4",
		"5/year":     `dòng 5, cột year: lỗi: "năm" không phải là năm`,
		"6/D1":       `dòng 6, cột D1: lỗi: "5;1" không phải là số`,
	}
	seen := map[string]bool{}
	for _, p := range re.Problems {
		if p.Key == "" {
			t.Errorf("problem %v has no message key", p)
			continue
		}
		if !web.HasMessage(p.Key) {
			t.Errorf("key %s is not in the Vietnamese catalogue", p.Key)
		}
		if en := p.Text(web.LangEN); en != p.Message || strings.HasPrefix(en, "papi.") {
			t.Errorf("English text %q, Message %q", en, p.Message)
		}
		if vi := p.Text(web.LangVI); vi == p.Message {
			t.Errorf("%s: the Vietnamese text is the English one: %q", p.Key, vi)
		}
		k := strconv.Itoa(p.Row) + "/" + p.Column
		if w, ok := want[k]; ok {
			seen[k] = true
			if got := p.In(web.LangVI); !strings.HasPrefix(got, w) {
				t.Errorf("line %q, want it to start %q", got, w)
			}
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("no problem at %s in %v", k, re.Problems)
		}
	}
}
