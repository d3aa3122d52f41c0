package reception

import (
	"context"
	"os"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/tabular"
)

func (f *fixture) importFile(name string, skip bool) ImportReport {
	f.t.Helper()
	file, err := os.Open("testdata/" + name)
	if err != nil {
		f.t.Fatal(err)
	}
	defer file.Close()
	dec, err := NewDecoder(file, "csv")
	if err != nil {
		f.t.Fatal(err)
	}
	defer dec.Close()
	rep, err := f.s.Import(context.Background(), audit.CLI(), f.unit.ID, dec, skip)
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

func TestAFeedbackFileImportsOnceAndFeedsTheFigures(t *testing.T) {
	f := newFixture(t)
	rep := f.importFile("feedback_basic.csv", false)
	if rep.Imported != 3 || rep.Unchanged != 0 || rep.Rejected != 0 || !rep.Applied {
		t.Fatalf("first import: %+v", rep)
	}
	if again := f.importFile("feedback_basic.csv", false); again.Imported != 0 || again.Unchanged != 3 {
		t.Fatalf("second import: %+v", again)
	}
	// Ten working days from receipt: 05/01 → 19/01 (answered 15/01, on
	// time), 06/01 → 20/01 (answered 30/01, late), 12/01 → 26/01 (open,
	// overdue at the end of the quarter).
	figs, err := f.s.Figures(context.Background(), f.unit.Path, on("2026-01-01"), on("2026-03-31"), true)
	if err != nil {
		t.Fatal(err)
	}
	if figs.Entries != 3 || figs.Due != 3 || figs.OnTime != 1 || figs.Late != 1 || figs.Overdue != 1 || figs.Rated != 2 || figs.Satisfied != 1 {
		t.Fatalf("figures %+v", figs)
	}
	list, _, err := f.s.Entries(context.Background(), EntryFilter{Scope: f.unit.Path, Query: "cong dich vu cong"})
	if err != nil || len(list) != 1 || list[0].NameMasked != "N. T. M." {
		t.Fatalf("search without diacritics: %+v %v", list, err)
	}
}

func TestABadFeedbackFileIsRefusedWholeWithEveryBadRow(t *testing.T) {
	f := newFixture(t)
	rep := f.importFile("feedback_bad.csv", false)
	want := []tabular.RowError{
		{Line: 3, Column: "Ngày gửi"},
		{Line: 4, Column: "Loại"},
		{Line: 5, Column: "Ngày trả lời"},
		{Line: 6, Column: "Mã PAKN"},
		{Line: 7, Column: "Đánh giá"},
		{Line: 8, Column: "Số điện thoại"},
	}
	if rep.Applied || rep.Imported != 0 || rep.Rejected != len(want) {
		t.Fatalf("report %+v", rep)
	}
	for i, w := range want {
		if i >= len(rep.Errors) || rep.Errors[i].Line != w.Line || rep.Errors[i].Column != w.Column || strings.TrimSpace(rep.Errors[i].Reason) == "" {
			t.Fatalf("error %d = %+v, want line %d column %s (all: %+v)", i, rep.Errors, w.Line, w.Column, rep.Errors)
		}
	}
	if list, _, _ := f.s.Entries(context.Background(), EntryFilter{Scope: "/"}); len(list) != 0 {
		t.Fatalf("a refused file left %d entries", len(list))
	}
	skipped := f.importFile("feedback_bad.csv", true)
	if !skipped.Applied || skipped.Imported != 1 || skipped.Rejected != len(want) {
		t.Fatalf("with skip-invalid: %+v", skipped)
	}
}
