package tthc

import (
	"strings"
	"testing"
)

func TestReadScoreCSVReadsCounts(t *testing.T) {
	in := "\ufeffmetric,numerator,denominator\nPROGRESS_ON_TIME,970,1000\n\nONLINE_SUBMITTED, 400, 1000\n"
	got, err := ReadScoreCSV(strings.NewReader(in), table)
	if err != nil {
		t.Fatal(err)
	}
	if got["PROGRESS_ON_TIME"] != (Count{970, 1000}) || got["ONLINE_SUBMITTED"] != (Count{400, 1000}) || len(got) != 2 {
		t.Fatalf("counts = %v", got)
	}
}

func TestReadScoreCSVRejectsBadRowsNamingTheLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"an empty file", "", "tiêu đề"},
		{"no header", "PROGRESS_ON_TIME,1,2\n", "dòng 1: tiêu đề"},
		{"an unknown metric", "metric,numerator,denominator\nPROGRESS_ON_TIME,1,2\nSPEED,1,2\n", "dòng 3: chỉ số \"SPEED\""},
		{"a numerator above the denominator", "metric,numerator,denominator\nDOSSIER_SYNC,5,4\n", "dòng 2: DOSSIER_SYNC có tử số 5 lớn hơn mẫu số 4"},
		{"a negative count", "metric,numerator,denominator\nDOSSIER_SYNC,-1,4\n", "dòng 2: DOSSIER_SYNC có số âm"},
		{"not a number", "metric,numerator,denominator\nDOSSIER_SYNC,1.5,4\n", "dòng 2: tử số và mẫu số phải là số nguyên"},
		{"a metric twice", "metric,numerator,denominator\nDOSSIER_SYNC,1,4\nDOSSIER_SYNC,1,4\n", "dòng 3: chỉ số DOSSIER_SYNC xuất hiện hai lần"},
		{"a missing column", "metric,numerator,denominator\nDOSSIER_SYNC,1\n", "dòng 2: cần 3 cột"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadScoreCSV(strings.NewReader(tc.in), table)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
