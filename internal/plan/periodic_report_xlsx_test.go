package plan

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The XLSX report, read back cell by cell, holds the figures the plan's
// instances give: per dimension, what fell due in the quarter, how much was
// accepted, submitted and overdue, and one row per instance.
func TestTheQuarterlyXLSXReportReadsBackWithTheFiguresOfThePlansInstances(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	focal, officer := f.user("vanphong").Actor(), f.user("chuyenvien").Actor()
	q1, err := ParsePeriod("2026Q1")
	if err != nil {
		t.Fatal(err)
	}
	insts, _, err := f.store.Instances(ctx, InstanceFilter{PlanID: id, DueFrom: q1.Start(), DueTo: q1.End(), PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	// The one-off survey (D8, due 15/03) is accepted; January's notice (D3)
	// is submitted; February's and March's are left as they are.
	for _, inst := range insts {
		switch {
		case inst.Period == "":
			f.must(f.store.PostUpdate(ctx, officer, inst.ID, UpdateInput{Text: "Đã khảo sát 1.200 lượt", Percent: 100, Submit: true}))
			f.mustErr(f.store.Review(ctx, focal, inst.ID, true, "Đạt"))
		case inst.Period == "2026-01":
			f.must(f.store.PostUpdate(ctx, focal, inst.ID, UpdateInput{Text: "Đã niêm yết", Percent: 100, Submit: true}))
		}
	}
	rep, err := f.store.IssueReport(ctx, focal, id, "2026Q1", "xlsx", "12")
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(f.store.ReportPath(rep.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	book, err := excelize.OpenReader(file)
	if err != nil {
		t.Fatalf("the report does not open as XLSX: %v", err)
	}
	defer book.Close()

	// What the instances say, counted here independently of Summary.
	insts, _, err = f.store.Instances(ctx, InstanceFilter{PlanID: id, DueFrom: q1.Start(), DueTo: q1.End(), PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	type figures struct{ total, done, submitted, overdue int }
	want := map[string]*figures{"": {}}
	for _, inst := range insts {
		for _, key := range []string{inst.Dimension, ""} { // "" is the total
			if want[key] == nil {
				want[key] = &figures{}
			}
			w := want[key]
			w.total++
			if inst.Status == Accepted {
				w.done++
			}
			if inst.Status == Submitted {
				w.submitted++
			}
			if inst.Overdue {
				w.overdue++
			}
		}
	}
	if w := want[""]; w.total != 4 || w.done != 1 || w.submitted != 1 {
		t.Fatalf("the fixture is not what the test assumes: %+v", *w)
	}

	rows, err := book.GetRows("Tổng hợp", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+len(want) || rows[1][0] != "Mã" || rows[len(rows)-1][1] != "Tổng cộng" {
		t.Fatalf("summary sheet rows: %q", rows)
	}
	seen := 0
	for _, row := range rows[2:] {
		code := row[0]
		w, ok := want[code]
		if !ok {
			t.Fatalf("the report has dimension %q that no instance has", code)
		}
		seen++
		got := []int{cellInt(t, row[2]), cellInt(t, row[3]), cellInt(t, row[4]), cellInt(t, row[5])}
		if exp := []int{w.total, w.done, w.submitted, w.overdue}; !equalInts(got, exp) {
			t.Errorf("dimension %q: due/done/submitted/overdue %v, want %v", code, got, exp)
		}
		rate, err := strconv.ParseFloat(row[6], 64)
		if err != nil || rate != float64(w.done)/float64(w.total) {
			t.Errorf("dimension %q: rate %q, want %v", code, row[6], float64(w.done)/float64(w.total))
		}
	}
	if seen != len(want) {
		t.Errorf("%d dimension rows, want %d", seen, len(want))
	}

	items, err := book.GetRows("Nhiệm vụ", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(items)-1 != len(insts) {
		t.Fatalf("%d task rows, want one per instance due in the quarter (%d)", len(items)-1, len(insts))
	}
	for i, inst := range insts {
		row := items[i+1]
		if row[1] != inst.TaskText || row[3] != inst.Period || row[5] != statusVI[inst.Status] {
			t.Errorf("row %d: %q, want %q %q %q", i+1, row, inst.TaskText, inst.Period, statusVI[inst.Status])
		}
	}
}

func (f *fixture) must(_ any, err error) {
	f.t.Helper()
	f.mustErr(err)
}

func (f *fixture) mustErr(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func cellInt(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("cell %q is not a count", s)
	}
	return n
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
