package legaldoc

import (
	"context"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/registers"
	"papihub/internal/report"
)

func (f *fixture) register() Register {
	return NewRegister(f.s, report.NewRegister(f.s.db, f.t.TempDir(), f.s.now))
}

func TestTheReviewMeasuresCountDocumentsNotReviews(t *testing.T) {
	f := newFixture(t)
	f.importFile("register_basic.csv", false)
	ctx := context.Background()
	id := func(n string) int64 {
		d, err := f.s.DocumentByNumber(ctx, f.unit.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	for _, rv := range []Review{
		{DocumentID: id("08/2022/QĐ-UBND"), ReviewedOn: on("2025-04-10"), Reviewer: "A", Finding: Keep},
		{DocumentID: id("08/2022/QĐ-UBND"), ReviewedOn: on("2025-05-10"), Reviewer: "A", Finding: Amend, ProposedTo: "UBND tỉnh"}, // the same document again
		{DocumentID: id("05/2021/NQ-HĐND"), ReviewedOn: on("2025-05-20"), Reviewer: "B", Finding: Keep},
		{DocumentID: id("12/2020/QĐ-UBND"), ReviewedOn: on("2025-06-01"), Reviewer: "B", Finding: Keep}, // expired 20/03/2025
		{DocumentID: id("15/2025/QĐ-UBND"), ReviewedOn: on("2025-03-31"), Reviewer: "B", Finding: Keep}, // before the quarter
	} {
		if _, err := f.s.AddReview(ctx, audit.CLI(), rv); err != nil {
			t.Fatal(err)
		}
	}
	reg := f.register()
	scope := registers.Scope{UnitID: f.unit.ID, UnitPath: f.unit.Path}
	from, to := on("2025-04-01"), on("2025-06-30")
	n, err := reg.Figure(ctx, MeasureReviewed, scope, from, to)
	if err != nil || n.Value != 3 {
		t.Errorf("documents reviewed in Q2 2025: %+v, %v; want 3 (08/2022 once, 05/2021, 12/2020)", n, err)
	}
	// On 30/06/2025 these apply: 05/2021 (partly), 08/2022, 15/2025, 07/2025
	// = 4 (03/CT and 12/2020 have ended, 20/2025 starts in August); of
	// them 08/2022 and 05/2021 were reviewed in the quarter: 2 of 4.
	share, err := reg.Figure(ctx, MeasureReviewedShare, scope, from, to)
	if err != nil || share.Num != 2 || share.Den != 4 || share.Value != 0.5 {
		t.Errorf("share reviewed: %+v, %v; want 2/4", share, err)
	}
	secs, err := reg.Sections(ctx, scope, from, to)
	if err != nil || len(secs) != 1 {
		t.Fatalf("sections: %v, %v", secs, err)
	}
	var text []string
	for _, b := range secs[0].Body {
		text = append(text, b.(report.Paragraph).Text)
	}
	joined := strings.Join(text, " ")
	for _, want := range []string{"rà soát 3 văn bản", "giữ nguyên 2, kiến nghị sửa đổi, bổ sung 1", "còn 1 kiến nghị chưa được xử lý",
		"1 lượt văn bản hết hiệu lực một phần", "có 4 văn bản còn hiệu lực", "năm 2024 chưa được ban hành (hạn 31/01/2025)"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the D2 section lacks %q:\n%s", want, joined)
		}
	}
	if secs, _ := reg.Sections(ctx, registers.Scope{UnitID: 1, UnitPath: "/nowhere/"}, from, to); len(secs) != 0 {
		t.Errorf("a unit without a register got a section: %+v", secs)
	}
}

func TestLastYearsListIsOnTheAgendaUntilItIsIssued(t *testing.T) {
	f := newFixture(t)
	f.add("01/2024/QĐ-UBND", "2024-01-01")
	reg := f.register()
	ctx := context.Background()
	leader := &org.User{Username: "giamdoc", Active: true, Roles: []org.Role{org.RoleLeader}, UnitID: f.unit.ID, UnitPath: f.unit.Path}
	officer := &org.User{Username: "cv", Active: true, Roles: []org.Role{org.RoleOfficer}, UnitID: f.unit.ID, UnitPath: f.unit.Path}
	for _, tc := range []struct {
		today   string
		days    int
		want    int
		overdue bool
	}{
		{"2025-01-10", 7, 0, false}, // due 31/01, beyond a week
		{"2025-01-25", 7, 1, false}, // due within the week
		{"2025-02-03", 7, 1, true},  // late
	} {
		items, err := reg.Agenda(ctx, leader, on(tc.today), tc.days)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != tc.want || (len(items) == 1 && (items[0].Overdue != tc.overdue || !items[0].Due.Equal(on("2025-01-31")))) {
			t.Errorf("%s: %+v", tc.today, items)
		}
	}
	if items, _ := reg.Agenda(ctx, officer, on("2025-02-03"), 7); len(items) != 0 {
		t.Errorf("an officer, who does not issue lists, got %+v", items)
	}
	if _, err := reg.reports.Issue(ctx, audit.CLI(), report.Issued{Kind: KindExpiredList, UnitID: f.unit.ID, Period: "2024", Format: "docx", FileName: "x.docx"}, []byte("PK")); err != nil {
		t.Fatal(err)
	}
	if items, _ := reg.Agenda(ctx, leader, on("2025-02-03"), 7); len(items) != 0 {
		t.Errorf("after the list was issued: %+v", items)
	}
	n, err := reg.Figure(ctx, MeasureListPublished, registers.Scope{UnitID: f.unit.ID, UnitPath: f.unit.Path}, on("2025-01-01"), on("2025-12-31"))
	if err != nil || n.Value != 1 {
		t.Errorf("lists issued in 2025: %+v, %v", n, err)
	}
}

func TestTheTimelineDrawsTheLifeAndSaysItInWords(t *testing.T) {
	f := newFixture(t)
	ids := f.chain()
	ctx := context.Background()
	c, _ := f.s.Document(ctx, ids["C"])
	rels, _ := f.s.Relations(ctx, ids["C"])
	svg := string(TimelineSVG(c, rels, on("2025-06-15")))
	for _, want := range []string{`role="img"`, "01/01/2024: Bị ngưng hiệu lực bởi S-10/2024/QĐ-UBND", "15/03/2025: Bị bãi bỏ bởi D-07/2025/QĐ-UBND",
		"01/01/2023: Thay thế B-05/2021/QĐ-UBND", `chart-bar chart-tone-neutral`} {
		if !strings.Contains(svg, want) {
			t.Errorf("the timeline lacks %q", want)
		}
	}
}
