package report

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// taskSheet is the task export of one dimension, as the office files it.
func taskSheet() Sheet {
	return Sheet{
		Name:   "D3 Trách nhiệm giải trình",
		Title:  "Tiến độ nhiệm vụ quý I năm 2026",
		Header: []string{"TT", "Nhiệm vụ", "Hạn", "Tiến độ", "Kinh phí (đồng)", "Hoàn thành"},
		Rows: [][]any{
			{1, "Tổ chức đối thoại với người dân", day("2026-03-05"), 0.75, 12500000.5, false},
			{2, norm.NFD.String("Công khai thủ tục hành chính"), time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC), 1.0, int64(3000000), true},
			{3, "Chưa có hạn", nil, 0, nil, false},
		},
		NumberFormats: []string{"", "", "", "0%", "#,##0", ""},
	}
}

func openXLSX(t *testing.T, sheets ...Sheet) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sheets); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func shown(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestTheWorkbookKeepsTitleHeaderAndVietnameseText(t *testing.T) {
	f := openXLSX(t, taskSheet())
	const s = "D3 Trách nhiệm giải trình"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != s {
		t.Fatalf("sheets = %q, want [%q]", got, s)
	}
	for cell, want := range map[string]string{
		"A1": "Tiến độ nhiệm vụ quý I năm 2026",
		"B2": "Nhiệm vụ",
		"E2": "Kinh phí (đồng)",
		"B3": "Tổ chức đối thoại với người dân",
		"B4": "Công khai thủ tục hành chính", // written composed though given decomposed
	} {
		if got := shown(t, f, s, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	merged, err := f.GetMergeCells(s)
	if err != nil || len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "F1" {
		t.Errorf("the title is not merged across A1:F1: %v %v", merged, err)
	}
}

func TestNumbersAreNumbersAndDatesAreDatesShownDayMonthYear(t *testing.T) {
	f := openXLSX(t, taskSheet())
	const s = "D3 Trách nhiệm giải trình"
	for _, cell := range []string{"A3", "D3", "E3", "E4"} {
		typ, err := f.GetCellType(s, cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
			t.Errorf("%s is stored as text, want a number", cell)
		}
		if _, err := strconv.ParseFloat(raw(t, f, s, cell), 64); err != nil {
			t.Errorf("%s = %q is not a number", cell, raw(t, f, s, cell))
		}
	}
	if got := raw(t, f, s, "E3"); got != "12500000.5" {
		t.Errorf("E3 = %s, want 12500000.5", got)
	}
	if got := shown(t, f, s, "E3"); got != "12,500,001" {
		t.Errorf("E3 shows %q, want the #,##0 format", got)
	}
	if got := shown(t, f, s, "D3"); got != "75%" {
		t.Errorf("D3 shows %q, want 75%%", got)
	}
	for cell, want := range map[string]string{
		"C3": "05/03/2026",
		"C4": "05/03/2026", // 20:00 UTC on the 4th is the 5th in Vietnam
	} {
		serial, err := strconv.ParseFloat(raw(t, f, s, cell), 64)
		if err != nil {
			t.Fatalf("%s = %q is not a date serial: %v", cell, raw(t, f, s, cell), err)
		}
		date, _ := excelize.ExcelDateToTime(serial, false)
		if got := date.Format("02/01/2006"); got != want {
			t.Errorf("%s holds %s, want %s", cell, got, want)
		}
		if got := shown(t, f, s, cell); got != want {
			t.Errorf("%s shows %q, want %q", cell, got, want)
		}
	}
	if got := raw(t, f, s, "C5"); got != "" {
		t.Errorf("a task without a due date shows %q, want an empty cell", got)
	}
	if got := raw(t, f, s, "F4"); got != "1" {
		t.Errorf("F4 = %q, want TRUE stored as 1", got)
	}
}

func TestTheHeaderIsBoldFrozenAndFiltered(t *testing.T) {
	f := openXLSX(t, taskSheet())
	const s = "D3 Trách nhiệm giải trình"
	id, err := f.GetCellStyle(s, "B2")
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if style.Font == nil || !style.Font.Bold {
		t.Error("the header is not bold")
	}
	panes, err := f.GetPanes(s)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes = %+v, want the title and header frozen above A3", panes)
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm._FilterDatabase" && n.RefersTo == "'"+s+"'!$A$2:$F$5" {
			found = true
		}
	}
	if !found {
		t.Errorf("no autofilter over the header and rows A2:F5; defined names: %+v", names)
	}
}

func TestColumnsAreSizedToTheirContents(t *testing.T) {
	sheet := taskSheet()
	sheet.ColumnWidths = []float64{5}
	f := openXLSX(t, sheet)
	const s = "D3 Trách nhiệm giải trình"
	for col, want := range map[string]float64{
		"A": 5,  // given
		"B": 33, // "Tổ chức đối thoại với người dân" (31) and 2 of room
		"C": 12, // dd/mm/yyyy
	} {
		got, err := f.GetColWidth(s, col)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("column %s is %v wide, want %v", col, got, want)
		}
	}
}

func TestSheetsWithoutTitleStartWithTheHeader(t *testing.T) {
	sheet := taskSheet()
	sheet.Title = ""
	sheet.Name = "Tổng hợp: quý I/2026 [bản nháp] theo từng chỉ số nội dung"
	f := openXLSX(t, sheet, Sheet{Header: []string{"Chỉ số"}})
	list := f.GetSheetList()
	if len(list) != 2 || list[0] != "Tổng hợp- quý I-2026 -bản nháp-" || list[1] != "Sheet2" {
		t.Fatalf("sheets = %q, want a cleaned, shortened name and a default one", list)
	}
	if got := shown(t, f, list[0], "A1"); got != "TT" {
		t.Errorf("A1 = %q, want the header", got)
	}
	panes, _ := f.GetPanes(list[0])
	if panes.YSplit != 1 {
		t.Errorf("frozen rows = %d, want the header only", panes.YSplit)
	}
}

func TestTwoSheetsWithTheSameNameAreRefused(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, []Sheet{{Name: "Quý I"}, {Name: "Quý I"}}); err == nil {
		t.Error("WriteXLSX accepted two sheets named the same")
	}
}

func TestAWorkbookWithoutSheetsStillOpens(t *testing.T) {
	f := openXLSX(t)
	if len(f.GetSheetList()) != 1 {
		t.Errorf("sheets = %q, want the one empty sheet a workbook needs", f.GetSheetList())
	}
}
