package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

// instanceRow is one task instance of a large export: the shape of the
// 120,000-instance history the plan pages are measured against.
func instanceRow(i int) []any {
	return []any{
		i + 1,
		fmt.Sprintf("Nhiệm vụ %d: cập nhật, công khai thông tin theo quy định", i%200+1),
		"Văn phòng Sở",
		day("2026-01-01").AddDate(0, 0, i%365),
		float64(i%101) / 100,
		i%3 == 0,
	}
}

var instanceSheet = Sheet{
	Name:          "Nhiệm vụ",
	Header:        []string{"TT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Tiến độ", "Quá hạn"},
	ColumnWidths:  []float64{8, 60, 20, 12, 10, 10},
	NumberFormats: []string{"", "", "", "", "0%", ""},
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func TestAStreamOfOneHundredThousandRowsKeepsMemoryBounded(t *testing.T) {
	const rows = 100_000
	path := filepath.Join(t.TempDir(), "nhiem-vu.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()

	before := heapInUse()
	s := NewXLSXStream(out)
	if err := s.AddSheet(instanceSheet); err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if err := s.WriteRow(instanceRow(i)...); err != nil {
			t.Fatal(err)
		}
	}
	held := heapInUse() - min(before, heapInUse())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// excelize keeps at most a 16 MB chunk of sheet XML in memory and moves
	// the rest to a temporary file. Holding the rows themselves would take
	// hundreds of megabytes; 48 MB leaves room for the chunk and its growth.
	t.Logf("heap held after %d rows: %.1f MB", rows, float64(held)/(1<<20))
	if held > 48<<20 {
		t.Errorf("the stream holds %.1f MB after %d rows, want it bounded by the 16 MB chunk", float64(held)/(1<<20), rows)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the streamed workbook does not open: %v", err)
	}
	defer f.Close()
	it, err := f.Rows("Nhiệm vụ")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var last []string
	for it.Next() {
		n++
		if last, err = it.Columns(); err != nil {
			t.Fatal(err)
		}
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if n != rows+1 {
		t.Errorf("the sheet has %d rows, want the header and %d", n, rows)
	}
	// Row 99,999: day 99999 mod 365 = 354 after 1 January is 21 December;
	// progress 99999 mod 101 = 9 %; 99999 is a multiple of 3, so overdue.
	want := []string{"100000", "Nhiệm vụ 200: cập nhật, công khai thông tin theo quy định", "Văn phòng Sở", "21/12/2026", "9%", "TRUE"}
	if fmt.Sprint(last) != fmt.Sprint(want) {
		t.Errorf("the last row reads %q, want %q", last, want)
	}
}

func TestAStreamWritesSeveralSheetsEachWithItsOwnHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bao-cao.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	s := NewXLSXStream(out)
	for q := 1; q <= 2; q++ {
		if err := s.AddSheet(Sheet{Name: fmt.Sprintf("Quý %d", q), Header: []string{"Chỉ số", "Điểm"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteRow("Quản trị điện tử", 3.25+float64(q)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for q, want := range map[string]string{"Quý 1": "4.25", "Quý 2": "5.25"} {
		if got, _ := f.GetCellValue(q, "B2"); got != want {
			t.Errorf("%s B2 = %q, want %s", q, got, want)
		}
		if got, _ := f.GetCellValue(q, "A1"); got != "Chỉ số" {
			t.Errorf("%s A1 = %q, want the header", q, got)
		}
	}
}

func TestAStreamRefusesRowsWithoutASheetAndWorkAfterClose(t *testing.T) {
	s := NewXLSXStream(io.Discard)
	if err := s.WriteRow(1, "x"); err == nil {
		t.Error("WriteRow before AddSheet was accepted")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSheet(Sheet{Name: "Muộn"}); err == nil {
		t.Error("AddSheet after Close was accepted")
	}
	if err := s.Close(); err == nil {
		t.Error("a second Close was accepted")
	}
}

// BenchmarkXLSXStream100000Rows streams a 100,000-row task export; the
// allocations it reports are per whole workbook.
func BenchmarkXLSXStream100000Rows(b *testing.B) {
	rows := make([][]any, 100_000)
	for i := range rows {
		rows[i] = instanceRow(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		s := NewXLSXStream(io.Discard)
		if err := s.AddSheet(instanceSheet); err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := s.WriteRow(r...); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
