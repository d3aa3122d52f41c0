package main

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/plan"
	"papihub/internal/platform/secret"
)

// TestATaskBoundToTheServiceIndexShowsItsFigure binds a D5 task of the
// demo department's plan, through the task form, to the index's on-time
// indicator, and reads the figure on the task and on a quarter's instance.
func TestATaskBoundToTheServiceIndexShowsItsFigure(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	box, err := secret.New(make([]byte, 32)) // the test server's key
	if err != nil {
		t.Fatal(err)
	}
	d := deps{db: ts.db, org: ts.org, dataDir: t.TempDir(), secret: box}.complete()
	if err := loadTTHCDemo(ctx, d); err != nil {
		t.Fatal(err)
	}
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	year := time.Now().Year()
	id, err := planStore(d).CreateFromTemplate(ctx, audit.System, dept.ID, year)
	if err != nil {
		t.Fatal(err)
	}
	p, err := planStore(d).Plan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var d5 int64
	for _, s := range p.Sections {
		if s.Dimension == "D5" {
			d5 = s.ID
		}
	}
	focal := ts.client(t, "vanphong")
	form := url.Values{"section_id": {itoa(d5)}, "text": {"Giải quyết hồ sơ đúng hạn"}, "lead_unit_id": {itoa(dept.ID)},
		"frequency": {"quarterly"}, "report_every": {"quarter"}, "target_value": {"95"}, "metric_code": {"tthc.NO_SUCH_FIGURE"}}
	page := mustStatus(t, focal.postForm(t, "/plans/"+itoa(id)+"/tasks", form), 422)
	if !strings.Contains(page, "Số liệu này không có trong hệ thống") {
		t.Fatal("an unknown figure is not named on the form")
	}
	form.Set("metric_code", "tthc.PROGRESS_ON_TIME")
	resp := focal.postForm(t, "/plans/"+itoa(id)+"/tasks", form)
	mustStatus(t, resp, 303)
	taskURL := resp.Header.Get("Location")
	page = mustStatus(t, focal.get(t, taskURL), 200)
	if !regexp.MustCompile(`Số liệu từ đầu năm: <strong>[0-9.,]+% \([0-9.]+/[0-9.]+\)</strong> · chỉ tiêu 95 %`).MatchString(page) {
		t.Fatalf("the task page does not show the year's figure against 95 %%:\n%s", page)
	}
	if !strings.Contains(page, `<option value="tthc.PROGRESS_ON_TIME" selected>`) {
		t.Fatal("the form does not show the bound figure as chosen")
	}
	insts, _, err := planStore(d).Instances(ctx, plan.InstanceFilter{PlanID: id, Period: itoa(int64(year)) + "Q1", PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, inst := range insts {
		if inst.TaskText != "Giải quyết hồ sơ đúng hạn" {
			continue
		}
		page = mustStatus(t, focal.get(t, "/instances/"+itoa(inst.ID)), 200)
		if !regexp.MustCompile(`Số liệu của kỳ: <strong>[0-9.,]+% \([0-9.]+/[0-9.]+\)</strong>`).MatchString(page) || !strings.Contains(page, "period="+itoa(int64(year))+"Q1") {
			t.Fatalf("the instance does not show the quarter's figure:\n%s", page)
		}
		return
	}
	t.Fatal("no first-quarter instance of the bound task")
}
