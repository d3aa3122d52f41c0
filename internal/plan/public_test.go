package plan

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// The public view of a plan on 20/03/2026: the D3 notice is monthly (12
// instances, January's submitted late and February's not done, both past
// due), the D8 report quarterly (4, none due yet) and the D8 survey once
// (due 15/03, accepted). A draft is not public, nor another agency's
// plan, and nothing an officer wrote is in it.
func TestThePublicViewOfAPlanCountsItsTasksByDimensionAndShowsNoOfficersWords(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	dept := f.unit("000.07.00.H33")
	focal, officer := f.user("vanphong").Actor(), f.user("chuyenvien").Actor()

	if list, err := f.store.PublicPlans(ctx, dept.ID); err != nil || len(list) != 0 {
		t.Fatalf("a draft is listed: %v %v", list, err)
	}
	if _, err := f.store.PublicPlan(ctx, dept.ID, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a draft reads as %v", err)
	}
	f.mustErr(f.store.SetPlanStatus(ctx, focal, id, PlanIssued))

	q1, err := ParsePeriod("2026Q1")
	if err != nil {
		t.Fatal(err)
	}
	insts, _, err := f.store.Instances(ctx, InstanceFilter{PlanID: id, DueFrom: q1.Start(), DueTo: q1.End(), PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, inst := range insts {
		switch inst.Period {
		case "":
			f.must(f.store.PostUpdate(ctx, officer, inst.ID, UpdateInput{Text: "Đã khảo sát 1.200 lượt, gọi ông Nguyễn Văn Bí Mật", Percent: 100, Submit: true}))
			f.mustErr(f.store.Review(ctx, focal, inst.ID, true, "Đạt, cảm ơn chị Hạnh"))
		case "2026-01":
			f.must(f.store.PostUpdate(ctx, focal, inst.ID, UpdateInput{Text: "Đã niêm yết", Percent: 100, Submit: true}))
		}
	}

	list, err := f.store.PublicPlans(ctx, dept.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("public plans: %v %v", list, err)
	}
	if it := list[0]; it.Number != "15/KH-SKHCN" || it.Year != 2026 || it.Total.Total != 17 || it.Total.Done != 1 {
		t.Errorf("the list's line: %+v", it)
	}
	p, err := f.store.PublicPlan(ctx, dept.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	type fig struct{ total, done, overdue int }
	got := map[string]fig{}
	for _, d := range p.Dims {
		got[d.Dimension] = fig{d.Total, d.Done, d.Overdue}
	}
	if want := map[string]fig{"D3": {12, 0, 2}, "D8": {5, 1, 0}}; len(got) != 2 || got["D3"] != want["D3"] || got["D8"] != want["D8"] {
		t.Errorf("by dimension %v, want %v", got, want)
	}
	if p.Dims[0].Dimension != "D3" {
		t.Errorf("dimensions in the order %s…, want D3 first", p.Dims[0].Dimension)
	}
	tasks := map[string]PublicTask{}
	for _, tk := range p.Tasks {
		tasks[tk.Text] = tk
	}
	if tk := tasks["Khảo sát mức độ sử dụng Cổng Dịch vụ công"]; tk.Total != 1 || tk.Done != 1 || tk.Lead != "Phòng Công nghệ thông tin và Chuyển đổi số" {
		t.Errorf("the survey task: %+v", tk)
	}
	if tk := tasks["Niêm yết lịch tiếp công dân"]; tk.Total != 12 || tk.Overdue != 2 || tk.Dimension != "D3" {
		t.Errorf("the notice task: %+v", tk)
	}
	if len(p.Reports) != 0 {
		t.Errorf("reports before any was issued: %v", p.Reports)
	}

	issued, err := f.store.IssueReport(ctx, focal, id, "2026Q1", "xlsx", "12")
	if err != nil {
		t.Fatal(err)
	}
	if p, err = f.store.PublicPlan(ctx, dept.ID, id); err != nil || len(p.Reports) != 1 || p.Reports[0].Label != "quý I năm 2026" {
		t.Fatalf("the plan's reports: %+v %v", p.Reports, err)
	}
	rep, err := f.store.PublicReport(ctx, dept.ID, id, issued.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.Total != 4 || rep.Total.Done != 1 || rep.Total.Submitted != 1 || len(rep.Items) != 4 || rep.Report.Number != "12/BC-SKHCN" {
		t.Errorf("the quarter's report: %+v, %d items", rep.Total, len(rep.Items))
	}

	for _, v := range []any{list, p, rep} {
		b, _ := json.Marshal(v)
		for _, secret := range []string{"Bí Mật", "chị Hạnh", "1.200 lượt", "vanphong", "chuyenvien", "Trần Thị Hạnh"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("the public view carries %q", secret)
			}
		}
	}

	other := f.unit("000.01.00.H33")
	if _, err := f.store.PublicPlan(ctx, other.ID, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("another agency's plan reads as %v", err)
	}
	if _, err := f.store.PublicReport(ctx, other.ID, id, issued.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("another agency's report reads as %v", err)
	}
	if _, err := f.store.PublicReport(ctx, dept.ID, id, issued.ID+1); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown report reads as %v", err)
	}
}
