package plan

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"papihub/internal/audit"
	"papihub/internal/report"
)

// bodyText flattens a report document's headings, paragraphs, bullets and
// table rows into lines.
func bodyText(doc report.Document) string {
	var text []string
	for _, b := range doc.Body {
		switch b := b.(type) {
		case report.Heading:
			text = append(text, b.Number+". "+b.Text)
		case report.Paragraph:
			text = append(text, b.Text)
		case report.Bullets:
			text = append(text, b.Items...)
		case report.Table:
			for _, r := range b.Rows {
				text = append(text, strings.Join(r, " | "))
			}
		}
	}
	return strings.Join(text, "\n")
}

func TestThePeriodicReportStatesEachDimensionsBaselineAndTheDeadlinesAsWritten(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, _ := f.importShape("testdata/shapes/a-thuc-trang-giai-phap.md")
	q2, _ := ParsePeriod("2026Q2")
	f.today = on("2026-07-10") // the June deadlines have passed
	rep, err := f.store.BuildPeriodReport(ctx, id, q2)
	if err != nil {
		t.Fatal(err)
	}
	all := bodyText(rep.Document("7", on("2026-07-10")))
	for _, want := range []string{
		"1. Chỉ số nội dung “Trách nhiệm giải trình với người dân”\nĐiểm xuất phát theo Kế hoạch: năm 2025 đạt 4,21 điểm, thuộc nhóm trung bình thấp; giảm 0,12 điểm so với năm trước.",
		"Điểm xuất phát theo Kế hoạch: năm 2025 đạt 3,02 điểm, thuộc nhóm thấp nhất; không thay đổi so với năm trước.",
		"D5. Thủ tục hành chính công | 7,05 (2025) |",
		// Overdue on 10/07: the June deadline, with the plan's words.
		"hạn 30/06/2026 — theo kế hoạch: trước ngày 30/6)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks %q:\n%s", want, all)
		}
	}

	issued, err := f.store.IssueReport(ctx, audit.System, id, "2026Q2", "xlsx", "7")
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(f.store.ReportPath(issued.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	book, err := excelize.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows("Tổng hợp", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var d3 []string
	for _, r := range rows {
		if len(r) > 0 && r[0] == "D3" {
			d3 = r
		}
	}
	// Columns 9–12: survey year, score, group, change.
	if len(d3) < 13 || d3[9] != "2025" || d3[10] != "4.21" || d3[11] != "trung bình thấp" || d3[12] != "-0.12" {
		t.Errorf("D3 row %q", d3)
	}
	items, err := book.GetRows("Nhiệm vụ")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range items {
		found = found || len(r) >= 10 && r[9] == "Quý II/2026"
	}
	if !found {
		t.Errorf("no task row keeps “Quý II/2026”: %q", items)
	}
}
