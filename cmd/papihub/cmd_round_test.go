package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"papihub/internal/org"
)

// TestARoundIsOpenedFollowedAndConsolidatedFromTheCommandLine opens a round
// on a database with the demo province, lists who has reported, and builds
// the consolidated report into a file and the register.
func TestARoundIsOpenedFollowedAndConsolidatedFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "", "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	conn, err := (&dataFlags{dir: dir}).open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := org.NewStore(conn, nil).LoadDemo(context.Background(), testPassword); err != nil {
		t.Fatal(err)
	}
	conn.Close()

	if code, _, errOut := run(t, "", "round", "open", "--data", dir, "--period", "2026Q3", "--deadline", "29/09/2026"); code != 1 || !strings.Contains(errOut, "Hạn gửi phải từ ngày cuối của kỳ trở đi") {
		t.Fatalf("an early deadline: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, "", "round", "open", "--data", dir, "--period", "2026Q3"); code != 2 {
		t.Fatalf("no deadline: exit %d, %s", code, errOut)
	}
	code, out, errOut := run(t, "", "round", "open", "--data", dir, "--period", "2026Q3", "--deadline", "15/10/2026")
	if code != 0 || !strings.Contains(out, "kỳ 2026Q3, hạn 15/10/2026: 5 đơn vị phải báo cáo") {
		t.Fatalf("open: exit %d, %s %s", code, out, errOut)
	}
	code, out, errOut = run(t, "", "round", "status", "--data", dir, "--period", "2026Q3")
	if code != 0 || !strings.Contains(out, "Sở Khoa học và Công nghệ") || !strings.Contains(out, "5 đơn vị") || strings.Contains(out, "Sở Thông tin và Truyền thông") {
		t.Fatalf("status: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "round", "status", "--data", dir, "--period", "2026Q2"); code != 1 || !strings.Contains(errOut, "no reporting round for 2026Q2") {
		t.Fatalf("a period without a round: exit %d, %s", code, errOut)
	}
	file := filepath.Join(dir, "tong-hop.xlsx")
	code, out, errOut = run(t, "", "report", "province", "--data", dir, "--period", "2026Q3", "--format", "xlsx", "--number", "7", "--out", file)
	if code != 0 || !strings.Contains(out, "Báo cáo tổng hợp số 7/BC-SNV, kỳ 2026Q3") {
		t.Fatalf("report: exit %d, %s %s", code, out, errOut)
	}
	if b, err := os.ReadFile(file); err != nil || len(b) < 1000 || string(b[:2]) != "PK" {
		t.Fatalf("the workbook: %d bytes, %v", len(b), err)
	}
}
