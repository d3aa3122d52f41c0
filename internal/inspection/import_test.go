package inspection

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"papihub/internal/audit"
	"papihub/internal/platform/tabular"
)

func (f *fixture) importBytes(b []byte, format string, skip bool) ImportReport {
	f.t.Helper()
	dec, err := NewDecoder(bytes.NewReader(b), format)
	if err != nil {
		f.t.Fatalf("open: %v", err)
	}
	defer dec.Close()
	rep, err := f.s.Import(context.Background(), audit.CLI(), f.unit.ID, dec, skip)
	if err != nil {
		f.t.Fatalf("import: %v", err)
	}
	return rep
}

func (f *fixture) importFile(name string, skip bool) ImportReport {
	f.t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.importBytes(b, "csv", skip)
}

func TestARegisterFileIsImportedOnceAndAgainChangesNothing(t *testing.T) {
	f := newFixture(t)
	rep := f.importFile("conclusions_basic.csv", false)
	if rep.Imported != 2 || rep.Recommendations != 4 || rep.Rejected != 0 || !rep.Applied {
		t.Fatalf("first import: %+v", rep)
	}
	c, err := f.s.ConclusionByNumber(context.Background(), f.unit.ID, "125/KL-TTr")
	if err != nil {
		t.Fatal(err)
	}
	r := c.Recommendations[0]
	if r.Progress != PartlyDone || r.AmountDue != 120_000_000 || r.AmountRecovered != 50_000_000 || r.ResponsibleID != f.units[demoFinance].ID {
		t.Errorf("the recovery: %+v", r)
	}
	if r.RepeatOf == 0 {
		t.Error("the finance division's second recovery is not marked a repeat")
	}
	if d := c.Recommendations[1]; d.Kind != Discipline || d.People != 2 || d.DisciplineForm != "Khiển trách" {
		t.Errorf("the discipline: %+v", d)
	}
	old, _ := f.s.ConclusionByNumber(context.Background(), f.unit.ID, "10/KL-TTr")
	if !old.Recommendations[1].Late() {
		t.Error("the corrective measure done on 01/09/2023 after its deadline of 31/08 is not late")
	}
	again := f.importFile("conclusions_basic.csv", false)
	if again.Imported != 0 || again.Unchanged != 2 || !again.Applied {
		t.Errorf("second import: %+v", again)
	}
}

func TestAFileWithBadRowsIsRefusedWholeWithEveryRowNamed(t *testing.T) {
	f := newFixture(t)
	rep := f.importFile("conclusions_bad.csv", false)
	if rep.Applied || rep.Imported != 0 || f.count() != 0 {
		t.Fatalf("a bad file was applied: %+v, %d saved", rep, f.count())
	}
	want := map[int]string{
		2: "Thời hạn thực hiện không được trước ngày ban hành kết luận.",
		3: "kết luận 7/KL-KTNN có dòng lỗi (dòng 2)",
		4: "Số tiền đã thu hồi không được lớn hơn số tiền phải thu hồi.",
		5: `không có đơn vị "Sở Nội vụ"`,
	}
	if rep.Rejected != len(want) {
		t.Errorf("rejected %d rows, want %d: %+v", rep.Rejected, len(want), rep.Errors)
	}
	for line, reason := range want {
		found := false
		for _, e := range rep.Errors {
			if e.Line == line && strings.Contains(e.Reason, reason) {
				found = true
			}
		}
		if !found {
			t.Errorf("line %d: no %q among %+v", line, reason, rep.Errors)
		}
	}
	rep = f.importFile("conclusions_bad.csv", true)
	if !rep.Applied || rep.Imported != 1 || rep.Rejected != 4 {
		t.Fatalf("skipping the bad rows: %+v", rep)
	}
	if _, err := f.s.ConclusionByNumber(context.Background(), f.unit.ID, "11/KL-TTr"); err != nil {
		t.Errorf("the good conclusion: %v", err)
	}
}

func TestAWorkbookImportsLikeTheCSV(t *testing.T) {
	f := newFixture(t)
	b, err := os.ReadFile("testdata/conclusions_basic.csv")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tabular.Open(bytes.NewReader(b), "csv")
	if err != nil {
		t.Fatal(err)
	}
	x := excelize.NewFile()
	for r := 1; ; r++ {
		cells, _, err := tr.Next()
		if err != nil {
			break
		}
		for c, v := range cells {
			name, _ := excelize.CoordinatesToCellName(c+1, r)
			x.SetCellValue("Sheet1", name, v)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rep := f.importBytes(buf.Bytes(), "xlsx", false)
	if rep.Imported != 2 || rep.Recommendations != 4 || !rep.Applied {
		t.Errorf("workbook import: %+v", rep)
	}
}
