package legaldoc

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"papihub/internal/audit"
	"papihub/internal/report"
)

func TestTheYearsListHoldsWholeAndPartialExpiriesWithTheirReasons(t *testing.T) {
	f := newFixture(t)
	f.importFile("register_basic.csv", false)
	l, err := f.s.Expired(context.Background(), f.unit, 2025)
	if err != nil {
		t.Fatal(err)
	}
	var full []string
	for _, r := range l.Full {
		full = append(full, r.Number+" "+fmtDay(r.ExpiredOn)+" "+r.Reason)
	}
	want := []string{
		"03/CT-UBND 2025-01-01 Hết thời hạn thực hiện theo Chỉ thị",
		"12/2020/QĐ-UBND 2025-03-20 Được thay thế bởi Quyết định số 15/2025/QĐ-UBND ngày 10/03/2025 của UBND tỉnh Hưng Yên",
	}
	if strings.Join(full, "\n") != strings.Join(want, "\n") {
		t.Errorf("wholly expired:\n%s\nwant\n%s", strings.Join(full, "\n"), strings.Join(want, "\n"))
	}
	if len(l.Partial) != 1 || l.Partial[0].Number != "05/2021/NQ-HĐND" || l.Partial[0].Provisions != "Điều 4" ||
		l.Partial[0].Reason != "Hết hiệu lực một phần theo Nghị quyết số 07/2025/NQ-HĐND ngày 01/06/2025 của HĐND tỉnh Hưng Yên" {
		t.Errorf("partly expired: %+v", l.Partial)
	}
	if prev, _ := f.s.Expired(context.Background(), f.unit, 2024); len(prev.Full)+len(prev.Partial) != 0 {
		t.Errorf("2024 list: %+v", prev)
	}
}

func TestAPartialEndOfADocumentThatEndedWhollyTheSameDayIsNotListedTwice(t *testing.T) {
	f := newFixture(t)
	a, b := f.add("01/2020/QĐ-UBND", "2020-01-01"), f.add("02/2025/QĐ-UBND", "2025-03-01")
	c := f.add("03/2025/QĐ-UBND", "2025-05-01")
	f.relate(b, a, Repeals, "")
	f.relate(c, a, PartlyExpires, "Điều 2")
	l, err := f.s.Expired(context.Background(), f.unit, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Full) != 1 || len(l.Partial) != 0 {
		t.Errorf("full %d, partial %d: a provision of a repealed document cannot end again", len(l.Full), len(l.Partial))
	}
}

// docxText is the text of a DOCX's body.
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, _ := f.Open()
			x, _ := io.ReadAll(r)
			r.Close()
			return string(x)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestTheListIsADecisionInTheDecree30LayoutAndAWorkbook(t *testing.T) {
	f := newFixture(t)
	f.importFile("register_basic.csv", false)
	l, _ := f.s.Expired(context.Background(), f.unit, 2025)
	var buf bytes.Buffer
	if err := report.WriteDOCX(&buf, l.Document(Issue{Number: "05", SignerName: "Nguyễn Văn Phúc"})); err != nil {
		t.Fatal(err)
	}
	text := docxText(t, buf.Bytes())
	for _, want := range []string{"QUYẾT ĐỊNH", "Độc lập - Tự do - Hạnh phúc", "Số: 05/QĐ", "năm 2025",
		"VĂN BẢN HẾT HIỆU LỰC TOÀN BỘ", "12/2020/QĐ-UBND", "Được thay thế bởi Quyết định số 15/2025/QĐ-UBND", "20/03/2025",
		"VĂN BẢN HẾT HIỆU LỰC MỘT PHẦN", "Điều 4", "Nguyễn Văn Phúc", "Nơi nhận"} {
		if !strings.Contains(text, want) {
			t.Errorf("the DOCX lacks %q", want)
		}
	}
	buf.Reset()
	if err := report.WriteXLSX(&buf, l.Sheets()); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Hết hiệu lực toàn bộ")
	if len(rows) != 4 || rows[3][1] != "12/2020/QĐ-UBND" || rows[3][5] != "20/03/2025" {
		t.Errorf("workbook rows: %q", rows)
	}
}

func TestTheFiveYearlyListsAndTheProposalsStillWaiting(t *testing.T) {
	f := newFixture(t)
	f.importFile("register_basic.csv", false)
	ctx := context.Background()
	nq, _ := f.s.DocumentByNumber(ctx, f.unit.ID, "08/2022/QĐ-UBND")
	g, _ := f.s.DocumentByNumber(ctx, f.unit.ID, "05/2021/NQ-HĐND")
	for _, rv := range []Review{
		{DocumentID: nq.ID, ReviewedOn: on("2025-02-01"), Reviewer: "Lê Thị Hoa", Finding: Repeal, ProposedTo: "UBND tỉnh"},
		// Reviewed before 07/2025/NQ-HĐND ended its article 4: followed.
		{DocumentID: g.ID, ReviewedOn: on("2025-05-01"), Reviewer: "Lê Thị Hoa", Finding: Amend, ProposedTo: "HĐND tỉnh"},
	} {
		if _, err := f.s.AddReview(ctx, audit.CLI(), rv); err != nil {
			t.Fatal(err)
		}
	}
	sy, err := f.s.Systematise(ctx, f.unit, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if sy.From != 2021 || len(sy.Expired) != 2 || len(sy.Partial) != 1 {
		t.Errorf("period %d–%d: %d wholly, %d partly expired", sy.From, sy.To, len(sy.Expired), len(sy.Partial))
	}
	// In force at 31/12/2025: 05/2021 (partly), 08/2022, 15/2025, 07/2025, 20/2025.
	if len(sy.InForce) != 5 {
		var n []string
		for _, d := range sy.InForce {
			n = append(n, d.Number)
		}
		t.Errorf("in force at the cut-off: %v", n)
	}
	if len(sy.ToAct) != 1 || sy.ToAct[0].Document.Number != "08/2022/QĐ-UBND" {
		t.Errorf("to act on: %+v", sy.ToAct)
	}
	var buf bytes.Buffer
	if err := report.WriteDOCX(&buf, sy.Document(Issue{})); err != nil {
		t.Fatal(err)
	}
	if text := docxText(t, buf.Bytes()); !strings.Contains(text, "kỳ 2021–2025") || !strings.Contains(text, "CẦN SỬA ĐỔI") {
		t.Error("the systematisation DOCX lacks its period or its fourth list")
	}
}
