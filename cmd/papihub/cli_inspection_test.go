package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInspectionImportRefusesABadFileWholeThenReportsTheQuarter(t *testing.T) {
	dir := demoDataDir(t)
	bad, _ := filepath.Abs("../../internal/inspection/testdata/conclusions_bad.csv")
	code, out, errOut := run(t, "", "inspection", "import", bad, "--unit", demoAgencyCode, "--data", dir)
	if code != 1 || !strings.Contains(out, "imported 0, recommendations 0, unchanged 0, rejected 4") || !strings.Contains(out, "dòng 4\tĐã thu hồi\tSố tiền đã thu hồi không được lớn hơn số tiền phải thu hồi.") {
		t.Fatalf("a bad file: exit %d\n%s%s", code, out, errOut)
	}
	good, _ := filepath.Abs("../../internal/inspection/testdata/conclusions_basic.csv")
	code, out, errOut = run(t, "", "inspection", "import", good, "--unit", demoAgencyCode, "--data", dir)
	if code != 0 || !strings.Contains(out, "imported 2, recommendations 4, unchanged 0, rejected 0") {
		t.Fatalf("a good file: exit %d\n%s%s", code, out, errOut)
	}
	file := filepath.Join(dir, "theo-doi.docx")
	code, out, errOut = run(t, "", "inspection", "report", "--unit", demoAgencyCode, "--period", "2025Q3", "--out", file, "--issue", "--number", "15", "--data", dir)
	if code != 0 || !strings.Contains(out, "1 kết luận, 2 kiến nghị: 0 đã hoàn thành (0 muộn), 2 đang thực hiện, 0 quá hạn, 1 tái phạm") || !strings.Contains(out, "Đã lưu vào sổ báo cáo") {
		t.Fatalf("report: exit %d\n%s%s", code, out, errOut)
	}
	if b, err := os.ReadFile(file); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Errorf("the DOCX: %v", err)
	}
}
