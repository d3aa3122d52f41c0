package inspection

import (
	"bytes"
	"context"
	"testing"

	"papihub/internal/report"
)

// followUpQ3 stores three conclusions whose figures for the third quarter
// of 2025 are counted by hand in the test below.
func (f *fixture) followUpQ3() {
	f.t.Helper()
	f.today = on("2025-10-05")
	a := f.create(f.concluded("10/KL-TTr", "2025-03-01", f.recover(demoFinance, 50_000_000, "2025-06-30")))
	f.update(a.Recommendations[0].ID, Update{On: on("2025-06-20"), Progress: Done, AmountRecovered: 50_000_000, Note: "Đã nộp đủ"})
	b := f.concluded("20/KL-TTr", "2025-07-10", f.recover(demoFinance, 100_000_000, "2025-09-30"),
		Recommendation{Kind: Discipline, Content: "Kiểm điểm", ResponsibleID: f.units[demoOffice].ID, Deadline: on("2025-09-15"), People: 3},
		f.correct(demoOffice, "2025-08-31"))
	b.ReceivedOn, b.DirectiveNumber, b.DirectiveOn = on("2025-07-12"), "45/CT-SKHCN", on("2025-07-25")
	b = f.create(b)
	f.update(b.Recommendations[0].ID, Update{On: on("2025-09-01"), Progress: PartlyDone, AmountRecovered: 40_000_000, Note: "Nộp lần 1"})
	f.update(b.Recommendations[1].ID, Update{On: on("2025-09-20"), Progress: Done, Note: "Đã khiển trách 3 cá nhân"})
	f.create(f.concluded("30/KL-TTr", "2025-09-20", Recommendation{Kind: Policy, Content: "Sửa định mức", ResponsibleID: f.units[demoFinance].ID, Deadline: on("2025-12-31")}))
}

func TestTheFollowUpOfAQuarterCountsAsOfItsLastDay(t *testing.T) {
	f := newFixture(t)
	f.followUpQ3()
	fu, err := f.s.FollowUp(context.Background(), f.unit, on("2025-07-01"), on("2025-09-30"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fu.Rows) != 2 || fu.Rows[0].Conclusion.Number != "20/KL-TTr" || fu.Rows[1].Conclusion.Number != "30/KL-TTr" {
		t.Fatalf("rows: %+v (the conclusion done before the quarter is left out)", fu.Rows)
	}
	want := FollowRow{Recs: 4, Done: 1, Open: 2, Overdue: 1, Late: 1, Repeats: 1, AmountDue: 100_000_000, AmountRecovered: 40_000_000, People: 3, PeopleDone: 3}
	got := fu.Total
	got.Conclusion = Ref{}
	if got != want {
		t.Errorf("total:\n got %+v\nwant %+v", got, want)
	}
	if s, ok := got.Share(); !ok || s != 0.4 {
		t.Errorf("share recovered %v", s)
	}
	if fu.Directives[DirectiveOnTime] != 1 || fu.Directives[DirectiveWaiting] != 1 || len(fu.Directives) != 2 {
		t.Errorf("directives: %v, want one on time (20/KL) and one still in time (30/KL, due 05/10)", fu.Directives)
	}
	if len(fu.Strict) != 3 {
		t.Errorf("strict handling: %d, want the repeat recovery, the late discipline and the overdue measure", len(fu.Strict))
	}
	var buf bytes.Buffer
	if err := report.WriteDOCX(&buf, fu.Document(Issue{})); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("PK")) {
		t.Errorf("DOCX: %v", err)
	}
	buf.Reset()
	if err := report.WriteXLSX(&buf, fu.Sheets()); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("PK")) {
		t.Errorf("XLSX: %v", err)
	}
}
