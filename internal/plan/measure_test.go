package plan

import (
	"context"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/registers"
	"papihub/internal/report"
)

// desk is a register as the plan sees it: a share and a count it measures,
// a case due for everyone in the department, and two report sections.
type desk struct {
	dept  string // path of the department whose staff the case falls on
	asked []string
}

func (*desk) Measures() []registers.Measure {
	return []registers.Measure{
		{Code: "desk.ontime", Name: "Tỷ lệ vụ việc trả lời đúng hạn", Share: true, Dimension: "D3"},
		{Code: "desk.sessions", Name: "Số phiên tiếp công dân của người đứng đầu", Unit: "phiên", Dimension: "D3"},
	}
}

// Figure gives 17 of 20 cases on time in the first quarter and 4 sessions
// over any other span, and remembers what it was asked.
func (d *desk) Figure(_ context.Context, code string, scope registers.Scope, from, to time.Time) (registers.Figure, error) {
	d.asked = append(d.asked, code+" "+scope.UnitPath+" "+from.Format("2006-01-02")+".."+to.Format("2006-01-02"))
	if code == "desk.ontime" && from.Equal(on("2026-01-01")) && to.Equal(on("2026-03-31")) {
		return registers.Figure{Value: 0.85, Num: 17, Den: 20, Link: "/reception/cases"}, nil
	}
	return registers.Figure{Value: 4}, nil
}

func (d *desk) Agenda(_ context.Context, user *org.User, today time.Time, days int) ([]registers.Item, error) {
	if !user.Can(org.ActRead, d.dept) {
		return nil, nil
	}
	return []registers.Item{{Kind: "Vụ việc khiếu nại", Title: "Khiếu nại về cấp phép", Due: today.AddDate(0, 0, -2), Overdue: true, State: "Đang xác minh", Link: "/reception/cases/7"}}, nil
}

func (*desk) Sections(_ context.Context, scope registers.Scope, from, to time.Time) ([]registers.Section, error) {
	return []registers.Section{
		{Dimension: "D3", Heading: "Tiếp công dân, giải quyết khiếu nại", Body: []report.Block{report.Paragraph{Text: "Tiếp 12 lượt công dân."}},
			Sheet: &report.Sheet{Name: "Tiếp công dân", Header: []string{"Chỉ tiêu", "Số"}, Rows: [][]any{{"Lượt tiếp", 12}}}},
		{Heading: "Theo dõi kết luận thanh tra", Body: []report.Block{report.Paragraph{Text: "3 kiến nghị đến hạn."}}},
	}, nil
}

func (f *fixture) withDesk() *desk {
	d := &desk{dept: f.unit("000.07.00.H33").Path}
	f.store.WithRegisters(new(registers.Hub).Add(d))
	return d
}

// boundTask adds to the plan's D3 section a quarterly task bound to code.
func (f *fixture) boundTask(planID int64, code string, target float64) (int64, error) {
	p, err := f.store.Plan(context.Background(), planID)
	if err != nil {
		f.t.Fatal(err)
	}
	var d3 int64
	for _, s := range p.Sections {
		if s.Dimension == "D3" {
			d3 = s.ID
		}
	}
	return f.store.CreateTask(context.Background(), audit.System, planID, TaskInput{SectionID: d3, Text: "Trả lời đúng hạn các vụ việc",
		LeadUnitID: p.UnitID, Recurrence: Recurrence{Frequency: Quarterly}, Target: &Target{Value: target, Unit: "%", MetricCode: code}})
}

func TestATargetCanOnlyBeBoundToAMeasureARegisterOffers(t *testing.T) {
	f := newFixture(t)
	f.withDesk()
	_, id := f.plan2026()
	_, err := f.boundTask(id, "desk.nowhere", 100)
	if fe := fieldErrors(t, err); fe["metric_code"] != "plan.target.metric.unknown" {
		t.Fatalf("errors = %v", fe)
	}
	if _, err := f.boundTask(id, "desk.ontime", 100); err != nil {
		t.Fatalf("a known measure is refused: %v", err)
	}
}

func TestAWithoutRegistersStoreKeepsAnyCodeAsTyped(t *testing.T) {
	f := newFixture(t)
	_, id := f.plan2026()
	if _, err := f.boundTask(id, "to-be-bound-later", 100); err != nil {
		t.Fatalf("a plan without registers refuses a code: %v", err)
	}
}

func TestABoundInstanceShowsTheFigureOfItsPeriodForThePlansUnit(t *testing.T) {
	f := newFixture(t)
	d := f.withDesk()
	_, id := f.plan2026()
	taskID, err := f.boundTask(id, "desk.ontime", 90)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	insts, _, err := f.store.Instances(ctx, InstanceFilter{TaskID: taskID, Period: "2026Q1"})
	if err != nil || len(insts) != 1 {
		t.Fatalf("instances %v, %v", insts, err)
	}
	task, err := f.store.Task(ctx, taskID)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := f.store.instanceFigure(ctx, insts[0], task)
	if err != nil || fig == nil {
		t.Fatalf("figure %v, %v", fig, err)
	}
	if fig.Text != "85,0% (17/20)" || fig.Met || fig.Target != "90 %" {
		t.Fatalf("figure = %+v; want 85,0%% (17/20), not meeting 90 %%", fig)
	}
	dept := f.unit("000.07.00.H33")
	if want := "desk.ontime " + dept.Path + " 2026-01-01..2026-03-31"; d.asked[len(d.asked)-1] != want {
		t.Fatalf("asked %q, want %q", d.asked[len(d.asked)-1], want)
	}
}

func TestTheCountTargetIsMetWhenTheCountReachesIt(t *testing.T) {
	f := newFixture(t)
	f.withDesk()
	_, id := f.plan2026()
	taskID, err := f.boundTask(id, "desk.sessions", 3)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	task, _ := f.store.Task(ctx, taskID)
	p, _ := f.store.Plan(ctx, id)
	fig, err := f.store.Figure(ctx, task, p, on("2026-04-01"), on("2026-06-30"))
	if err != nil || fig == nil || !fig.Met || fig.Text != "4 phiên" {
		t.Fatalf("figure = %+v, %v; want 4 phiên meeting 3", fig, err)
	}
}

func TestThePeriodicReportCarriesBoundFiguresAndTheRegistersSections(t *testing.T) {
	f := newFixture(t)
	f.withDesk()
	_, id := f.plan2026()
	if _, err := f.boundTask(id, "desk.ontime", 90); err != nil {
		t.Fatal(err)
	}
	q1, _ := ParsePeriod("2026Q1")
	rep, err := f.store.BuildPeriodReport(context.Background(), id, q1)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range rep.Document("3", on("2026-04-05")).Body {
		switch b := b.(type) {
		case report.Heading:
			text = append(text, b.Number+". "+b.Text)
		case report.Paragraph:
			text = append(text, b.Text)
		case report.Bullets:
			text = append(text, b.Items...)
		}
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{
		"Trả lời đúng hạn các vụ việc — Tỷ lệ vụ việc trả lời đúng hạn: 85,0% (17/20) (chỉ tiêu 90 %; chưa đạt)",
		"a. Tiếp công dân, giải quyết khiếu nại\nTiếp 12 lượt công dân.",
		"III. SỐ LIỆU TỪ CÁC SỔ THEO DÕI\n1. Theo dõi kết luận thanh tra\n3 kiến nghị đến hạn.",
		"IV. TỒN TẠI, HẠN CHẾ",
		"V. NHIỆM VỤ KỲ TỚI",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the report lacks %q:\n%s", want, all)
		}
	}
	// The D3 section sits inside the D3 part, after its task lines.
	if d3, sec := strings.Index(all, "Trách nhiệm giải trình"), strings.Index(all, "a. Tiếp công dân"); d3 < 0 || sec < d3 {
		t.Errorf("the D3 section is not under D3:\n%s", all)
	}
	sheets := rep.Sheets()
	if len(sheets) != 3 || sheets[2].Name != "Tiếp công dân" {
		t.Fatalf("sheets = %d, want the two of the plan and the register's", len(sheets))
	}
}

func TestTheDigestTellsALeaderWhatTheRegistersHaveDue(t *testing.T) {
	f := newFixture(t)
	f.withDesk()
	ctx := context.Background()
	leader := f.user("giamdoc")
	in := org.UserInput{Username: leader.Username, FullName: leader.FullName, Title: leader.Title, UnitID: leader.UnitID,
		Roles: leader.Roles, Active: true, Email: "giamdoc@skhcn.example.vn"}
	if err := f.org.UpdateUser(ctx, audit.System, leader.ID, in); err != nil {
		t.Fatal(err)
	}
	digests, err := f.store.Digests(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	var got *Digest
	for i := range digests {
		if digests[i].UserID == leader.ID {
			got = &digests[i]
		}
	}
	if got == nil || len(got.Registers) != 1 || len(got.Overdue) != 0 {
		t.Fatalf("leader's digest = %+v", got)
	}
	msg := string(got.Message("papihub@example.vn", on("2026-03-20")))
	if !strings.Contains(msg, "Vụ việc khiếu nại: Khiếu nại về cấp phép — QUÁ HẠN, Đang xác minh, hạn 18/03/2026") {
		t.Fatalf("message lacks the register's item:\n%s", msg)
	}
}
