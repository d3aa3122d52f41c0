package bounded

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// zipOf builds a zip whose parts are name → content, deflated.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var small = Limits{File: 1 << 20, Inflated: 64 << 10, InMemory: 16 << 10, Parts: 4, Token: 1 << 10, Rows: 3, Columns: 2, Cells: 5}

func heldAll(string, uint64) bool { return true }

func TestOpenZipRefusesWhatWouldInflateBeyondTheLimits(t *testing.T) {
	xml := func(n int) string { return "<a>" + strings.Repeat("<b>x</b>", n) + "</a>" }
	for _, tc := range []struct {
		name  string
		data  []byte
		held  func(string, uint64) bool
		limit bool // refused for a limit (else accepted)
	}{
		{"a small workbook", zipOf(t, "a.xml", xml(10), "b.xml", xml(10)), heldAll, false},
		{"parts beyond the inflated bound", zipOf(t, "a.xml", xml(5000), "b.xml", xml(5000)), nil, true},
		{"parts held in memory beyond their bound", zipOf(t, "a.xml", xml(1500), "b.xml", xml(1500)), heldAll, true},
		{"the same parts streamed", zipOf(t, "a.xml", xml(1500), "b.xml", xml(1500)), nil, false},
		{"too many parts", zipOf(t, "1", "", "2", "", "3", "", "4", "", "5", ""), nil, true},
		{"one text run longer than a token", zipOf(t, "a.xml", "<a>"+strings.Repeat("x", 1025)+"</a>"), nil, true},
		{"one tag longer than a token", zipOf(t, "a.xml", "<a b=\""+strings.Repeat("x", 1025)+"\"/>"), nil, true},
		{"a long run outside XML is not scanned", zipOf(t, "a.bin", strings.Repeat("x", 2048)), nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := OpenZip(tc.data, small, tc.held)
			if got := errors.Is(err, ErrLimit); got != tc.limit || (!tc.limit && err != nil) {
				t.Fatalf("OpenZip = %v, want limit %v", err, tc.limit)
			}
		})
	}
	if _, err := OpenZip([]byte("not a zip"), small, nil); err == nil || errors.Is(err, ErrLimit) {
		t.Errorf("a file that is not a zip: %v", err)
	}
	if _, err := OpenZip(make([]byte, 2<<20), small, nil); !errors.Is(err, ErrLimit) {
		t.Errorf("a file over the size bound: %v", err)
	}
}

func TestReadPartRefusesMoreThanItsBound(t *testing.T) {
	data := zipOf(t, "a.xml", strings.Repeat("<b>x</b>", 100))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadPart(zr.File[0], 100); !errors.Is(err, ErrLimit) {
		t.Errorf("ReadPart beyond max = %v", err)
	}
	if got, err := ReadPart(zr.File[0], 800); err != nil || len(got) != 800 {
		t.Errorf("ReadPart = %d bytes, %v", len(got), err)
	}
}

func TestTheCounterStopsAtRowsColumnsAndCells(t *testing.T) {
	c := NewCounter(small)
	steps := []struct {
		cells int
		limit bool
	}{{2, false}, {3, true}}
	for i, s := range steps {
		if err := c.Row(i+1, s.cells); errors.Is(err, ErrLimit) != s.limit {
			t.Fatalf("row %d of %d cells: %v", i+1, s.cells, err)
		}
	}
	c = NewCounter(small)
	for line, want := range []bool{false, false, true} { // 2 + 2 + 2 cells > 5
		if err := c.Row(line+1, 2); errors.Is(err, ErrLimit) != want {
			t.Fatalf("row %d: %v", line+1, err)
		}
	}
	c = NewCounter(Limits{Rows: 2, Columns: 9, Cells: 99})
	for line, want := range []bool{false, false, true} {
		if err := c.Row(line+1, 1); errors.Is(err, ErrLimit) != want {
			t.Fatalf("row %d of 2: %v", line+1, err)
		}
	}
}

func TestErrorsKeepTheFirstThousandAndCountTheRest(t *testing.T) {
	var e Errors[int]
	for i := range 2500 {
		e.Add(i)
	}
	if len(e.List) != 1000 || e.List[999] != 999 || e.Total != 2500 || e.More() != 1500 {
		t.Fatalf("kept %d (last %d), total %d, more %d", len(e.List), e.List[len(e.List)-1], e.Total, e.More())
	}
}

func TestLinesRefusesALineLongerThanItsBound(t *testing.T) {
	ok := strings.Repeat(strings.Repeat("x", 10)+"\n", 100)
	if got, err := io.ReadAll(Lines(strings.NewReader(ok), 10)); err != nil || string(got) != ok {
		t.Fatalf("lines of exactly the bound: %v", err)
	}
	if _, err := io.ReadAll(Lines(strings.NewReader("ab\n"+strings.Repeat("x", 11)), 10)); !errors.Is(err, ErrLimit) {
		t.Fatalf("a line over the bound: %v", err)
	}
}

func FuzzOpenZip(f *testing.F) {
	f.Add(zipOf(f, "a.xml", "<a>x</a>"))
	f.Add(zipOf(f, "a.xml", "<a>"+strings.Repeat("x", 2000)+"</a>", "b", "y"))
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := OpenZip(data, small, heldAll)
		if err != nil {
			return
		}
		// What passed the check reads within it.
		var total int64
		for _, zf := range zr.File {
			b, err := ReadPart(zf, small.Inflated)
			if err != nil {
				continue
			}
			total += int64(len(b))
		}
		if total > small.Inflated {
			t.Fatalf("inflated %d bytes past the check", total)
		}
	})
}
