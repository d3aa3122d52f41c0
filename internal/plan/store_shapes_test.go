package plan

import (
	"context"
	"os"
	"reflect"
	"testing"

	"papihub/internal/audit"
)

// importShape saves a test document as a draft plan of the Department of
// Science and Technology.
func (f *fixture) importShape(path string) (int64, []Problem) {
	f.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		f.t.Fatal(err)
	}
	id, probs, err := f.store.Import(context.Background(), audit.System, data, path, f.unit("000.07.00.H33").ID)
	if err != nil {
		f.t.Fatalf("import %s: %v", path, err)
	}
	return id, probs
}

func TestAnImportedPlanKeepsItsBaselinesTheWordsItWroteAndItsUnits(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, probs := f.importShape("testdata/shapes/a-thuc-trang-giai-phap.md")
	p, err := f.store.Plan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range p.Baselines {
		got = append(got, baselineLine(b))
	}
	if want := []string{"D3 2025 4.21 trung bình thấp -0.12", "D5 2025 7.05 cao nhất 0.31", "D8 2025 3.02 thấp nhất 0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stored baselines %q, want %q", got, want)
	}
	tasks, _, err := f.store.Tasks(ctx, TaskFilter{PlanID: id, PerPage: 50})
	if err != nil {
		t.Fatal(err)
	}
	office := f.unit("000.07.01.H33").ID
	dept := f.unit("000.07.00.H33").ID
	// "Văn phòng Sở" and "VP Sở" are the department's office; "Phòng Hành
	// chính tư pháp" is no unit of this department: the department leads
	// until assigned, and the name stays on the task.
	for i, want := range []struct {
		lead     int64
		due      string
		leadText string
	}{
		{office, "Thường xuyên", "Chủ trì: Văn phòng Sở; phối hợp: Thanh tra Sở"},
		{dept, "trước ngày 30/6", ""},
		{dept, "Quý II/2026", "Chủ trì: Phòng Hành chính tư pháp"},
		{dept, "tháng 10 hằng năm", ""},
		{office, "6 tháng đầu năm", "Chủ trì: VP Sở"},
	} {
		tk := tasks[i]
		if tk.LeadUnitID != want.lead || tk.DueText != want.due || tk.LeadText != want.leadText {
			t.Errorf("task %d: lead %d due %q lead text %q; want %d %q %q", i, tk.LeadUnitID, tk.DueText, tk.LeadText, want.lead, want.due, want.leadText)
		}
	}
	// "Thanh tra Sở" closed on 30/06/2025: a 2026 plan does not take it as a
	// coordinator, and its name stays in the lead text.
	if len(tasks[0].Coordinators) != 0 {
		t.Errorf("coordinators %v", tasks[0].Coordinators)
	}
	if r := tasks[3].Recurrence; r.Frequency != Yearly || r.OffsetDays != -61 {
		t.Errorf("tháng 10 hằng năm = %+v", r)
	}
	if !hasProblem(probs, SevWarning, "Phòng Hành chính tư pháp") {
		t.Errorf("problems %+v", probs)
	}

	// The header form changes a baseline; leaving baselines out keeps them.
	h := HeaderOf(p)
	score := 4.5
	h.Baselines[0].Score, h.Baselines[0].Group = &score, "trung bình"
	if err := f.store.UpdatePlanHeader(ctx, audit.System, id, h); err != nil {
		t.Fatal(err)
	}
	h.Baselines = nil
	h.Title = "Cải thiện Chỉ số PAPI năm 2026"
	if err := f.store.UpdatePlanHeader(ctx, audit.System, id, h); err != nil {
		t.Fatal(err)
	}
	p, _ = f.store.Plan(ctx, id)
	if b, _ := p.Baseline("D3"); b.Score == nil || *b.Score != 4.5 || b.Group != "trung bình" || len(p.Baselines) != 3 {
		t.Errorf("after edit: %+v", p.Baselines)
	}
	// A score off the scale is refused with its field.
	bad := 12.0
	h = HeaderOf(p)
	h.Baselines[1].Score = &bad
	if err := f.store.UpdatePlanHeader(ctx, audit.System, id, h); err == nil {
		t.Error("a score of 12 was accepted")
	}
	if err := f.store.DeletePlan(ctx, audit.System, id); err != nil {
		t.Fatal(err)
	}
	if n := f.count("plan_baselines"); n != 0 {
		t.Errorf("%d baselines left after delete", n)
	}
}

func TestATwoDimensionSectionIsListedUnderBothDimensions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, _ := f.importShape("testdata/shapes/b-kem-quyet-dinh-tinh.txt")
	for _, tc := range []struct {
		dim  string
		want int
	}{{"D2", 2}, {"D3", 2}, {"D1", 2}, {"D5", 1}, {"D4", 0}} {
		tasks, _, err := f.store.Tasks(ctx, TaskFilter{PlanID: id, Dimension: tc.dim, PerPage: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(tasks) != tc.want {
			t.Errorf("%s: %d tasks, want %d", tc.dim, len(tasks), tc.want)
		}
	}
	p, _ := f.store.Plan(ctx, id)
	if p.Number != "1234" || p.Symbol != "QĐ-UBND" || p.IssueDate != "2026-03-20" || !reflect.DeepEqual(p.Sections[2].Also, []string{"D3"}) {
		t.Errorf("plan %+v", p)
	}
}

func TestAPlanCountsATwoDimensionTaskOnceAndShowsItUnderBoth(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, _ := f.importShape("testdata/shapes/b-kem-quyet-dinh-tinh.txt")
	dims, total, err := f.store.Summary(ctx, SummaryFilter{PlanID: id})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]int{}
	for _, d := range dims {
		got[d.Dimension] = [2]int{d.Tasks, d.Also.Tasks}
	}
	// D2 leads the "2 và 3" section's two tasks; D3 has no section of its
	// own but a card that shows them as also serving it.
	want := map[string][2]int{"": {2, 0}, "D1": {2, 0}, "D2": {2, 0}, "D3": {0, 2}, "D5": {1, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cards %v, want %v", got, want)
	}
	if total.Tasks != 7 {
		t.Errorf("the plan counts %d tasks, want 7 (each once)", total.Tasks)
	}
}
