package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"papihub/internal/org"
)

// demoDataDir is a data directory holding the demo organisation.
func demoDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	conn, err := (&dataFlags{dir: dir}).open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := org.NewStore(conn, nil).LoadDemo(context.Background(), testPassword); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTthcImportPrintsCountsAndExitsNonZeroWhenItRejectsAFile(t *testing.T) {
	dir := demoDataDir(t)
	procs := filepath.Join(dir, "thu-tuc.csv")
	os.WriteFile(procs, []byte("Mã số,Tên,Lĩnh vực,Thời hạn giải quyết,Đơn vị tính\n1.000001,Cấp giấy phép bưu chính,Bưu chính,5,ngày làm việc\n"), 0o600)
	code, out, errOut := run(t, "", "tthc", "import", "procedures", procs, "--unit", "000.07.00.H33", "--data", dir)
	if code != 0 || !strings.Contains(out, "imported 1, unchanged 0, rejected 0") {
		t.Fatalf("import procedures: exit %d\n%s%s", code, out, errOut)
	}
	good := "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo,NgayKetThucXuLy\n" +
		"000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,9,20260806100000\n"
	bad := good + "000.07.00.H33-260803-0002,1.000001,20260803090000,20260807170000,12,\n"
	file := filepath.Join(dir, "ho-so.csv")
	os.WriteFile(file, []byte(bad), 0o600)
	code, out, _ = run(t, "", "tthc", "import", "dossiers", file, "--data", dir)
	if code != 1 || !strings.Contains(out, "imported 0, unchanged 0, rejected 1") || !strings.Contains(out, "dòng 3\tTrangThaiHoSo") {
		t.Fatalf("bad file: exit %d\n%s", code, out)
	}
	os.WriteFile(file, []byte(good), 0o600)
	for _, want := range []string{"imported 1, unchanged 0, rejected 0", "imported 0, unchanged 1, rejected 0"} {
		code, out, errOut = run(t, "", "tthc", "import", "dossiers", file, "--data", dir)
		if code != 0 || !strings.Contains(out, want) || strings.Contains(errOut, "\r") {
			t.Fatalf("import: exit %d, want %q\n%s%s", code, want, out, errOut)
		}
	}
	code, out, _ = run(t, "", "index", "compute", "--unit", "000.07.00.H33", "--period", "2026-08", "--json", "--data", dir)
	if code != 0 || !strings.Contains(out, `"metric": "PROGRESS_ON_TIME"`) {
		t.Fatalf("index compute: exit %d\n%s", code, out)
	}
}

func TestTthcImportAsAnOfficerRefusesDossiersHeldByAnotherUnit(t *testing.T) {
	dir := demoDataDir(t)
	procs := filepath.Join(dir, "thu-tuc.csv")
	os.WriteFile(procs, []byte("Mã số,Tên,Lĩnh vực,Thời hạn giải quyết,Đơn vị tính\n1.000001,Cấp giấy phép bưu chính,Bưu chính,5,ngày làm việc\n"), 0o600)
	if code, out, errOut := run(t, "", "tthc", "import", "procedures", procs, "--unit", "000.07.00.H33", "--data", dir); code != 0 {
		t.Fatalf("import procedures: exit %d\n%s%s", code, out, errOut)
	}
	file := filepath.Join(dir, "ho-so.csv")
	row := func(unit string) string {
		return "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo,DonViXuLy\n000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,4," + unit + "\n"
	}
	os.WriteFile(file, []byte(row("000.07.01.H33")), 0o600) // the department's Office holds it
	if code, out, errOut := run(t, "", "tthc", "import", "dossiers", file, "--data", dir); code != 0 {
		t.Fatalf("operator import: exit %d\n%s%s", code, out, errOut)
	}
	os.WriteFile(file, []byte(row("000.07.06.H33")), 0o600) // chuyenvien's division
	code, out, _ := run(t, "", "tthc", "import", "dossiers", file, "--as", "chuyenvien", "--data", dir)
	if code != 1 || !strings.Contains(out, "rejected 1") || !strings.Contains(out, "000.07.01.H33") {
		t.Fatalf("officer pulling the Office's dossier: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "tthc", "import", "dossiers", file, "--as", "vanphong", "--data", dir)
	if code != 0 || !strings.Contains(out, "imported 1") {
		t.Fatalf("the department's focal point moving it: exit %d\n%s", code, out)
	}
}
