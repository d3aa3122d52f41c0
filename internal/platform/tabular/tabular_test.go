package tabular

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"papihub/internal/platform/bounded"
	"papihub/internal/platform/bounded/bombtest"
)

func rowsOf(t *testing.T, r *Reader) (out []string) {
	t.Helper()
	for {
		cells, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Join(append([]string{string(rune('0' + line))}, cells...), "|"))
	}
}

func TestACSVIsReadWithTheLineOfEachRowAndBlankRowsSkipped(t *testing.T) {
	in := "\xEF\xBB\xBFBáo cáo kiến nghị\n\nSố,Hạn\n\"12/KL-TTr\",\"01/02/2026\"\n,\n\"13/KL\nTTr\",x\n"
	r, err := Open(strings.NewReader(in), "csv")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	header, line, err := r.Header(func(c []string) bool { return len(c) > 1 && HeaderKey(c[0]) == "so" }, "cột Số")
	if err != nil || line != 3 || header[1] != "Hạn" {
		t.Fatalf("header %v at %d, %v", header, line, err)
	}
	got := rowsOf(t, r)
	want := []string{"4|12/KL-TTr|01/02/2026", "6|13/KL\nTTr|x"}
	if strings.Join(got, ";") != strings.Join(want, ";") {
		t.Fatalf("rows %q, want %q", got, want)
	}
}

func TestAWorkbookIsReadFromItsFirstSheet(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Số kết luận", "Số tiền"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"12/KL-TTr", 1250000})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := Open(&buf, "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, line, err := r.Header(func(c []string) bool { return HeaderKey(c[0]) == "soketluan" }, "x"); err != nil || line != 1 {
		t.Fatalf("header at %d: %v", line, err)
	}
	if got := rowsOf(t, r); len(got) != 1 || got[0] != "3|12/KL-TTr|1250000" {
		t.Fatalf("rows %q", got)
	}
}

func TestTextThatIsNotUTF8IsNamedWithItsLine(t *testing.T) {
	for name, in := range map[string]string{
		"Windows-1258 on line 2": "So,Han\n\xd0\xe0 N\xb5ng,x\n",
		"UTF-16":                 "\xff\xfeS\x00o\x00",
	} {
		r, err := Open(strings.NewReader(in), "csv")
		if err == nil {
			_, _, err = r.Next()
			if err == nil {
				_, _, err = r.Next()
			}
		}
		var re *RowError
		if !errors.As(err, &re) || !strings.Contains(re.Reason, "UTF") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestATitleSeenTwiceIsRefused(t *testing.T) {
	_, err := Columns([]string{"Hạn", "HAN"}, 1, map[string]int{"han": 1})
	var re *RowError
	if !errors.As(err, &re) || re.Column != "HAN" {
		t.Fatalf("err = %v", err)
	}
}

func TestDatesInTheShapesSpreadsheetsGive(t *testing.T) {
	for in, want := range map[string]string{"05/03/2026": "2026-03-05", "5/3/2026": "2026-03-05", "2026-03-05": "2026-03-05", "46086": "2026-03-05", "": "0001-01-01"} {
		got, err := ParseDate(in)
		if err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"31/02/2026", "2026/03/05", "mai"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
}

func TestAmountsAreWholeDongWithThousandsGrouped(t *testing.T) {
	for in, want := range map[string]int64{"": 0, "0": 0, "1250000": 1250000, "1.250.000": 1250000, "1,250,000": 1250000,
		"1 250 000 đ": 1250000, "12.000 VNĐ": 12000, "999": 999} {
		got, err := ParseAmount(in)
		if err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"1,5", "1.25", "-5", "1.250,000", "12.5000", "mười", "1e6"} {
		if _, err := ParseAmount(in); err == nil {
			t.Errorf("ParseAmount(%q) accepted", in)
		}
	}
}

func TestAWorkbookThatInflatesBeyondTheLimitsIsRefusedBeforeItIsRead(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"a sheet of 260 MiB", bombtest.Workbook([]string{"a"}, []string{"1"}, 260<<20, 100)},
		{"a styles part of 30 MiB, held in memory", bombtest.Workbook([]string{"a"}, []string{"1"}, 100, 100,
			bombtest.Repeat("xl/styles.xml", "<styleSheet>", "<numFmt/>", "</styleSheet>", 30<<20))},
		{"one cell of 2 MiB", bombtest.LongCell(2 << 20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) > 1<<20 {
				t.Fatalf("the bomb is %d bytes, not a small file", len(tc.data))
			}
			_, err := Open(bytes.NewReader(tc.data), "xlsx")
			if !errors.Is(err, bounded.ErrLimit) {
				t.Fatalf("Open = %v, want a limit error", err)
			}
		})
	}
}

func TestASheetOfTooManyRowsStopsAtTheRowLimitWithItsLine(t *testing.T) {
	data := bombtest.Workbook([]string{"mã", "tên"}, []string{"1", "x"}, 1<<20, 100)
	lim := bounded.Default
	lim.Rows = 1000
	f, rows, _, err := OpenFirstSheetWithin(bytes.NewReader(data), lim)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defer rows.Close()
	n := 0
	for {
		_, line, err := rows.Next()
		if err == nil {
			n++
			continue
		}
		if !errors.Is(err, bounded.ErrLimit) || n != lim.Rows || line != lim.Rows+1 {
			t.Fatalf("after %d rows, line %d: %v", n, line, err)
		}
		break
	}
}
