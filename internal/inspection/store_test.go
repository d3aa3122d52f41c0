package inspection

import (
	"context"
	"os"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

// Units of the demo organisation.
const (
	demoAgency  = "000.07.00.H33" // Sở Khoa học và Công nghệ
	demoOffice  = "000.07.01.H33" // its Office
	demoFinance = "000.07.03.H33" // its Planning and Finance division
	demoOther   = "000.01.00.H33" // Sở Nội vụ, another department
)

type fixture struct {
	t     *testing.T
	s     *Store
	unit  Unit
	units map[string]Unit
	today time.Time
}

// newFixture gives a store on the engine under test with the demo
// organisation loaded and a clock at 15/09/2025.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, report.Migrations, Migrations)
	if _, err := org.NewStore(conn, nil).LoadDemo(context.Background(), "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, today: on("2025-09-15"), units: map[string]Unit{}}
	f.s = NewStore(conn, t.TempDir(), func() time.Time { return f.today.Add(9 * time.Hour) })
	for _, code := range []string{demoAgency, demoOffice, demoFinance, demoOther} {
		u, err := f.s.UnitByCode(context.Background(), code)
		if err != nil {
			t.Fatal(err)
		}
		f.units[code] = u
	}
	f.unit = f.units[demoAgency]
	return f
}

// concluded is a conclusion of the provincial inspectorate issued on
// issued with recs.
func (f *fixture) concluded(number, issued string, recs ...Recommendation) Conclusion {
	return Conclusion{UnitID: f.unit.ID, Number: number, IssuedOn: on(issued), Issuer: "Thanh tra tỉnh Hưng Yên", Source: FromInspectorate,
		Subjects: "Sở Khoa học và Công nghệ", Summary: "Thanh tra việc quản lý, sử dụng ngân sách", Recommendations: recs}
}

// recover asks unit code to recover due đồng by deadline.
func (f *fixture) recover(code string, due int64, deadline string) Recommendation {
	return Recommendation{Kind: Recover, Content: "Thu hồi nộp ngân sách", ResponsibleID: f.units[code].ID, Deadline: on(deadline), AmountDue: due}
}

func (f *fixture) correct(code, deadline string) Recommendation {
	return Recommendation{Kind: Corrective, Content: "Chấn chỉnh công tác mua sắm", ResponsibleID: f.units[code].ID, Deadline: on(deadline)}
}

func (f *fixture) create(c Conclusion) Conclusion {
	f.t.Helper()
	id, err := f.s.CreateConclusion(context.Background(), audit.CLI(), c)
	if err != nil {
		f.t.Fatalf("create %s: %v", c.Number, err)
	}
	got, err := f.s.Conclusion(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return got
}

func (f *fixture) count() int {
	f.t.Helper()
	list, _, err := f.s.Conclusions(context.Background(), Filter{Scope: f.unit.Path}, f.today)
	if err != nil {
		f.t.Fatal(err)
	}
	return len(list)
}

func TestAConclusionIsKeptWithItsRecommendationsInOrder(t *testing.T) {
	f := newFixture(t)
	c := f.create(f.concluded("125/KL-TTr", "2025-07-01", f.recover(demoFinance, 1_250_000_000, "2025-09-30"),
		f.correct(demoOffice, "2025-08-31"), Recommendation{Kind: Discipline, Content: "Kiểm điểm trách nhiệm", ResponsibleID: f.units[demoOffice].ID,
			Deadline: on("2025-10-15"), People: 2, DisciplineForm: "Khiển trách"}))
	if len(c.Recommendations) != 3 {
		t.Fatalf("%d recommendations, want 3", len(c.Recommendations))
	}
	for i, want := range []Kind{Recover, Corrective, Discipline} {
		if r := c.Recommendations[i]; r.Kind != want || r.Seq != i+1 || r.Progress != NotStarted {
			t.Errorf("recommendation %d: %s seq %d %s", i+1, r.Kind, r.Seq, r.Progress)
		}
	}
	if got := c.Recommendations[1].StatusOn(f.today); got != StatusOverdue {
		t.Errorf("the corrective measure due 31/08 on 15/09: %s", got)
	}
	if !DirectiveDue(c.Received()).Equal(on("2025-07-16")) || c.DirectiveStateOn(f.today) != DirectiveOverdue {
		t.Errorf("directive: due %v, %s", DirectiveDue(c.Received()), c.DirectiveStateOn(f.today))
	}
	got, err := f.s.ConclusionByNumber(context.Background(), f.unit.ID, "125/kl-ttr")
	if err != nil || got.ID != c.ID {
		t.Errorf("ConclusionByNumber = %d, %v", got.ID, err)
	}
}

func TestBadInputIsRefusedFieldByFieldAndNothingIsSaved(t *testing.T) {
	f := newFixture(t)
	over := f.recover(demoFinance, 100_000_000, "2025-09-30")
	over.AmountRecovered = 150_000_000
	for _, tc := range []struct {
		name  string
		c     Conclusion
		field string
		key   string
	}{
		{"a deadline before the conclusion's date", f.concluded("1/KL", "2025-07-01", f.correct(demoOffice, "2025-08-01"), f.correct(demoOffice, "2025-06-30")),
			"r2_deadline", "inspection.deadline.before_conclusion"},
		{"an amount recovered above the amount due", f.concluded("2/KL", "2025-07-01", over), "r1_amount_recovered", "inspection.amount_recovered.above_due"},
		{"a recovery without an amount", f.concluded("3/KL", "2025-07-01", f.recover(demoFinance, 0, "2025-09-30")), "r1_amount_due", "inspection.amount_due.required"},
		{"a responsible unit outside the department", f.concluded("4/KL", "2025-07-01", f.correct(demoOther, "2025-09-30")), "r1_responsible", "inspection.responsible.outside"},
		{"no recommendation", f.concluded("5/KL", "2025-07-01"), "recommendations", "inspection.recommendations.required"},
		{"received before it was issued", func() Conclusion {
			c := f.concluded("6/KL", "2025-07-01", f.correct(demoOffice, "2025-09-30"))
			c.ReceivedOn = on("2025-06-30")
			return c
		}(), "received_on", "inspection.received_on.before_issue"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.s.CreateConclusion(context.Background(), audit.CLI(), tc.c)
			fe, ok := web.AsValidation(err)
			if !ok || fe[tc.field] != tc.key {
				t.Fatalf("CreateConclusion = %v (%v), want %s on %s", err, fe, tc.key, tc.field)
			}
			if n := f.count(); n != 0 {
				t.Errorf("%d conclusions saved", n)
			}
		})
	}
	f.create(f.concluded("125/KL-TTr", "2025-07-01", f.correct(demoOffice, "2025-09-30")))
	_, err := f.s.CreateConclusion(context.Background(), audit.CLI(), f.concluded("125/kl-ttr", "2025-07-02", f.correct(demoOffice, "2025-09-30")))
	if fe, ok := web.AsValidation(err); !ok || fe["number"] != "inspection.number.taken" {
		t.Errorf("the same number again: %v", err)
	}
}

func TestARepeatViolationIsMarkedWhenTheLaterConclusionArrives(t *testing.T) {
	f := newFixture(t)
	first := f.create(f.concluded("10/KL-TTr", "2023-05-10", f.recover(demoFinance, 50_000_000, "2023-08-31"), f.correct(demoOffice, "2023-08-31")))
	second := f.create(f.concluded("125/KL-TTr", "2025-07-01", f.recover(demoFinance, 80_000_000, "2025-09-30"), f.recover(demoOffice, 10_000_000, "2025-09-30")))
	if r := second.Recommendations[0]; r.RepeatOf != first.Recommendations[0].ID {
		t.Errorf("the finance division's second recovery repeats %d, want %d", r.RepeatOf, first.Recommendations[0].ID)
	}
	if r := second.Recommendations[1]; r.RepeatOf != 0 {
		t.Errorf("the office's first recovery is marked a repeat of %d", r.RepeatOf)
	}
	list, _, err := f.s.Recommendations(context.Background(), RecFilter{Scope: f.unit.Path, Status: "strict", On: on("2023-06-01")})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != second.Recommendations[0].ID {
		t.Errorf("strict handling on 01/06/2023 lists %d", len(list))
	}
}

func TestTheStatusFilterAgreesWithTheRule(t *testing.T) {
	f := newFixture(t)
	c := f.create(f.concluded("10/KL-TTr", "2025-03-01", f.recover(demoFinance, 50_000_000, "2025-06-30"), f.correct(demoOffice, "2025-08-31"),
		f.correct(demoOffice, "2025-12-31"), f.recover(demoOffice, 20_000_000, "2025-07-31")))
	ctx := context.Background()
	f.update(c.Recommendations[0].ID, Update{On: on("2025-07-10"), Progress: Done, AmountRecovered: 50_000_000, Note: "Đã nộp đủ"})
	f.update(c.Recommendations[1].ID, Update{On: on("2025-08-01"), Progress: InProgress, Note: ""})
	f.update(c.Recommendations[3].ID, Update{On: on("2025-07-20"), Progress: PartlyDone, AmountRecovered: 5_000_000, Note: "Đã thu một phần"})
	all, _, err := f.s.Recommendations(ctx, RecFilter{ConclusionID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2025-06-30", "2025-07-31", "2025-08-01", "2025-09-15", "2026-01-01"} {
		for _, st := range append([]string{"open", "strict"}, func() (s []string) {
			for _, x := range Statuses {
				s = append(s, string(x))
			}
			return
		}()...) {
			list, _, err := f.s.Recommendations(ctx, RecFilter{Scope: f.unit.Path, Status: st, On: on(day)})
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, r := range all {
				if rule(r, st, on(day)) {
					want++
				}
			}
			if len(list) != want {
				t.Errorf("%s on %s: the filter lists %d, the rule counts %d", st, day, len(list), want)
			}
			for _, r := range list {
				if !rule(r, st, on(day)) {
					t.Errorf("%s on %s: the filter lists recommendation %d (%s)", st, day, r.Seq, r.StatusOn(on(day)))
				}
			}
		}
	}
}

// rule is the filter's status read from the rules.
func rule(r Recommendation, status string, day time.Time) bool {
	switch status {
	case "open":
		return r.Progress != Done
	case "strict":
		return r.Strict(day)
	}
	return string(r.StatusOn(day)) == status
}

func (f *fixture) update(rid int64, u Update) {
	f.t.Helper()
	if _, err := f.s.AddUpdate(context.Background(), audit.CLI(), rid, u, nil); err != nil {
		f.t.Fatalf("update %d: %v", rid, err)
	}
}

func TestAnUpdateWithEvidenceMovesTheRecommendationAndJoinsItsHistory(t *testing.T) {
	f := newFixture(t)
	c := f.create(f.concluded("125/KL-TTr", "2025-07-01", f.recover(demoFinance, 100_000_000, "2025-09-30")))
	rid := c.Recommendations[0].ID
	ctx := context.Background()
	pdf := []byte("%PDF-1.4\n% giấy nộp tiền vào ngân sách\n")
	_, err := f.s.AddUpdate(ctx, audit.CLI(), rid, Update{On: on("2025-09-10"), Progress: PartlyDone, AmountRecovered: 120_000_000, Note: "Nộp thêm"}, nil)
	if fe, ok := web.AsValidation(err); !ok || fe["amount_recovered"] != "inspection.amount_recovered.above_due" {
		t.Fatalf("recovering more than due: %v", err)
	}
	_, err = f.s.AddUpdate(ctx, audit.CLI(), rid, Update{On: on("2025-09-10"), Progress: PartlyDone, AmountRecovered: 60_000_000, Note: "Nộp lần 1"},
		&File{Name: "giay-nop-tien.html", Data: []byte("<html>")})
	if fe, ok := web.AsValidation(err); !ok || fe["evidence"] != "inspection.evidence.type" {
		t.Fatalf("an HTML page as evidence: %v", err)
	}
	if _, err := f.s.AddUpdate(ctx, audit.CLI(), rid, Update{On: on("2025-09-10"), Progress: PartlyDone, AmountRecovered: 60_000_000, Note: "Nộp lần 1"},
		&File{Name: "giay-nop-tien.pdf", Data: pdf}); err != nil {
		t.Fatal(err)
	}
	r, err := f.s.Recommendation(ctx, rid)
	if err != nil {
		t.Fatal(err)
	}
	if r.Progress != PartlyDone || r.AmountRecovered != 60_000_000 || r.Result != "Nộp lần 1" {
		t.Errorf("after the update: %s %d %q", r.Progress, r.AmountRecovered, r.Result)
	}
	hist, err := f.s.Updates(ctx, rid)
	if err != nil || len(hist) != 1 || hist[0].Evidence == nil || hist[0].Evidence.Name != "giay-nop-tien.pdf" {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	_, ev, err := f.s.UpdateEvidence(ctx, hist[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(f.s.EvidencePath(ev.SHA256)); err != nil || string(b) != string(pdf) {
		t.Errorf("the stored evidence: %q, %v", b, err)
	}
}

func TestTheDirectiveIsRecordedOnlyAfterReceipt(t *testing.T) {
	f := newFixture(t)
	c := f.concluded("125/KL-TTr", "2025-07-01", f.correct(demoOffice, "2025-09-30"))
	c.ReceivedOn = on("2025-07-03")
	c = f.create(c)
	ctx := context.Background()
	err := f.s.RecordDirective(ctx, audit.CLI(), c.ID, "45/CT-SKHCN", on("2025-07-02"))
	if fe, ok := web.AsValidation(err); !ok || fe["directive_on"] != "inspection.directive_on.before_receipt" {
		t.Fatalf("a directive before receipt: %v", err)
	}
	if err := f.s.RecordDirective(ctx, audit.CLI(), c.ID, "45/CT-SKHCN", on("2025-07-20")); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Conclusion(ctx, c.ID)
	if got.DirectiveNumber != "45/CT-SKHCN" || got.DirectiveStateOn(f.today) != DirectiveLate {
		t.Errorf("directive %q %s, want late (due 18/07)", got.DirectiveNumber, got.DirectiveStateOn(f.today))
	}
}

func TestChecksDoneAreCountedAgainstThosePlanned(t *testing.T) {
	f := newFixture(t)
	f.today = on("2025-10-02")
	ctx := context.Background()
	add := func(kind CheckKind, from, done string) {
		t.Helper()
		k := Check{UnitID: f.unit.ID, Year: 2025, Subject: "Phòng Kế hoạch - Tài chính", Topic: "Kỷ luật hành chính", Kind: kind}
		if from != "" {
			k.PlannedFrom, k.PlannedTo = on(from), on(from).AddDate(0, 0, 5)
		}
		if done != "" {
			k.DoneOn = on(done)
		}
		if _, err := f.s.SaveCheck(ctx, audit.CLI(), k); err != nil {
			t.Fatal(err)
		}
	}
	add(Periodic, "2025-07-10", "2025-07-20")
	add(Periodic, "2025-08-10", "")
	add(Periodic, "2025-09-10", "2025-10-01") // done after the quarter
	add(Periodic, "2025-10-10", "")           // another quarter
	add(Unannounced, "", "2025-08-05")
	got, err := f.s.CountChecks(ctx, f.unit.Path, on("2025-07-01"), on("2025-09-30"))
	if err != nil {
		t.Fatal(err)
	}
	if got != (CheckCounts{Planned: 3, PlannedDone: 1, Unannounced: 1}) {
		t.Errorf("Q3 2025: %+v, want 3 planned, 1 of them done, 1 unannounced", got)
	}
	_, err = f.s.SaveCheck(ctx, audit.CLI(), Check{UnitID: f.unit.ID, Year: 2025, Subject: "X", Topic: "Y", Kind: Periodic,
		PlannedFrom: on("2025-10-10"), PlannedTo: on("2025-10-01")})
	if fe, ok := web.AsValidation(err); !ok || fe["planned_to"] != "inspection.check.planned_to.before_from" {
		t.Errorf("a plan ending before it starts: %v", err)
	}
}
