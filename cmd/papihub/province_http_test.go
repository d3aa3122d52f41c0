package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"papihub/internal/plan"
	"papihub/internal/platform/period"
)

// newProvinceServer is the test server with the demo plans loaded (the
// department's 2026 plan, its divisions' work in every state).
func newProvinceServer(t *testing.T) *testServer {
	t.Helper()
	ts := newTestServer(t)
	if err := loadPlanDemo(context.Background(), deps{db: ts.db, org: ts.org, dataDir: t.TempDir()}.complete()); err != nil {
		t.Fatal(err)
	}
	return ts
}

type summaryJSON struct {
	Period string `json:"period"`
	Rows   []struct {
		UnitID    int64  `json:"unit_id"`
		Code      string `json:"code"`
		Instances int    `json:"instances"`
		Done      int    `json:"done"`
		Overdue   int    `json:"overdue"`
		Submitted int    `json:"submitted"`
		Report    string `json:"report"`
		Late      bool   `json:"late"`
	} `json:"rows"`
	Totals struct {
		Instances, Done, Overdue, Units, Late, Returned int
	} `json:"totals"`
}

// TestTheProvinceDashboardAddsUpTheUnitsOwnPlanPages computes every unit's
// figures as its plan pages do, plan by plan, and finds the same on the
// dashboard and in its totals.
func TestTheProvinceDashboardAddsUpTheUnitsOwnPlanPages(t *testing.T) {
	ts := newProvinceServer(t)
	ctx := context.Background()
	year := time.Now().Year()
	var got summaryJSON
	body := mustStatus(t, ts.client(t, "noivu").get(t, "/api/v1/province/summary?period="+itoa(int64(year))), http.StatusOK)
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	plans := plan.NewStore(ts.db, t.TempDir(), nil)
	var sumInstances, sumDone, sumOverdue int
	for _, row := range got.Rows {
		list, _, err := plans.Plans(ctx, plan.PlanFilter{ReadScopes: []string{"/"}, UnitID: row.UnitID, Year: year, PerPage: 100})
		if err != nil {
			t.Fatal(err)
		}
		var want plan.Figures
		for _, p := range list {
			_, total, err := plans.Summary(ctx, plan.SummaryFilter{PlanID: p.ID})
			if err != nil {
				t.Fatal(err)
			}
			want.Total += total.Total
			want.Done += total.Done
			want.Overdue += total.Overdue
		}
		if row.Instances != want.Total || row.Done != want.Done || row.Overdue != want.Overdue {
			t.Errorf("%s: dashboard %d/%d done, %d overdue; its plan pages %d/%d, %d", row.Code, row.Done, row.Instances, row.Overdue, want.Done, want.Total, want.Overdue)
		}
		sumInstances += want.Total
		sumDone += want.Done
		sumOverdue += want.Overdue
	}
	if sumInstances == 0 {
		t.Fatal("the demo has no plan instance this year: the check proves nothing")
	}
	if got.Totals.Instances != sumInstances || got.Totals.Done != sumDone || got.Totals.Overdue != sumOverdue || got.Totals.Units != len(got.Rows) {
		t.Errorf("totals %+v, want %d instances, %d done, %d overdue", got.Totals, sumInstances, sumDone, sumOverdue)
	}
	// The leader of the department sees the department alone; an officer
	// is not shown the province view.
	var leader summaryJSON
	if err := json.Unmarshal([]byte(mustStatus(t, ts.client(t, "giamdoc").get(t, "/api/v1/province/summary"), http.StatusOK)), &leader); err != nil {
		t.Fatal(err)
	}
	if len(leader.Rows) != 1 || leader.Rows[0].Code != "000.07.00.H33" {
		t.Errorf("the leader's rows: %+v", leader.Rows)
	}
	mustStatus(t, ts.client(t, "chuyenvien").get(t, "/province"), http.StatusForbidden)
	page := mustStatus(t, ts.client(t, "noivu").get(t, "/province?q=khoa+hoc"), http.StatusOK)
	if !strings.Contains(page, "Sở Khoa học và Công nghệ") || strings.Contains(page, "Phường Phố Hiến</a>") {
		t.Error("the search without diacritics does not keep just the department")
	}
}

// TestARoundCollectsTheDepartmentsReportAndHomeAffairsIssuesTheProvincesReport
// opens a round for last quarter, has the department's focal officer
// submit its issued report, returns it, and builds the consolidated report
// that LibreOffice opens.
func TestARoundCollectsTheDepartmentsReportAndHomeAffairsIssuesTheProvincesReport(t *testing.T) {
	ts := newProvinceServer(t)
	ctx := context.Background()
	last, _ := period.Parse(period.Quarter(period.Today(time.Now()).AddDate(0, -3, 0)).Key)
	reviewer, focal := ts.client(t, "noivu"), ts.client(t, "vanphong")

	bad := mustStatus(t, reviewer.postForm(t, "/province/rounds", url.Values{"period": {last.Key}, "deadline": {last.To.AddDate(0, 0, -1).Format("2006-01-02")}}), http.StatusUnprocessableEntity)
	if !strings.Contains(bad, "Hạn gửi phải từ ngày cuối của kỳ trở đi") {
		t.Error("no Vietnamese message for a deadline before the period ends")
	}
	mustStatus(t, focal.postForm(t, "/province/rounds", url.Values{"period": {last.Key}, "deadline": {last.To.Format("2006-01-02")}}), http.StatusForbidden)
	resp := reviewer.postForm(t, "/province/rounds", url.Values{"period": {last.Key}, "deadline": {last.To.Format("2006-01-02")}})
	mustStatus(t, resp, http.StatusSeeOther)
	roundPath := resp.Header.Get("Location")

	// The department issues its plan report for the quarter, then submits it.
	plans := plan.NewStore(ts.db, t.TempDir(), nil)
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	list, _, err := plans.Plans(ctx, plan.PlanFilter{ReadScopes: []string{"/"}, UnitID: dept.ID, Year: last.From.Year(), PerPage: 5})
	if err != nil || len(list) == 0 {
		t.Skipf("the demo plan is of %d, last quarter of %d: nothing to report (%v)", time.Now().Year(), last.From.Year(), err)
	}
	officer, _ := ts.org.UserByUsername(ctx, "vanphong")
	issued, err := planStore(deps{db: ts.db, org: ts.org, dataDir: t.TempDir()}.complete()).IssueReport(ctx, officer.Actor(), list[0].ID, last.Key, "docx", "21")
	if err != nil {
		t.Fatal(err)
	}
	page := mustStatus(t, focal.get(t, roundPath), http.StatusOK)
	if !strings.Contains(page, "21/BC-SKHCN") {
		t.Fatal("the focal officer is not offered the department's issued report")
	}
	submit := roundPath + "/units/" + itoa(dept.ID) + "/submit"
	mustStatus(t, ts.client(t, "chuyenvien").postForm(t, submit, url.Values{"report_id": {itoa(issued.ID)}}), http.StatusForbidden)
	mustStatus(t, focal.postForm(t, submit, url.Values{"report_id": {itoa(issued.ID)}}), http.StatusSeeOther)
	review := roundPath + "/units/" + itoa(dept.ID) + "/review"
	mustStatus(t, focal.postForm(t, review, url.Values{"decision": {"accept"}}), http.StatusForbidden)
	noWord := mustStatus(t, reviewer.postForm(t, review, url.Values{"decision": {"return"}}), http.StatusUnprocessableEntity)
	if !strings.Contains(noWord, "Ghi ý kiến để đơn vị biết cần hoàn thiện gì") {
		t.Error("returning without a comment does not say why it is refused")
	}
	mustStatus(t, reviewer.postForm(t, review, url.Values{"decision": {"return"}, "comment": {"Bổ sung số liệu D8."}}), http.StatusSeeOther)

	var round struct {
		Units []struct {
			Code, Status string
			Late         bool
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(mustStatus(t, reviewer.get(t, "/api/v1/rounds/"+filepath.Base(roundPath)), http.StatusOK)), &round); err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, u := range round.Units {
		states[u.Code] = u.Status
		if u.Status == "pending" && !u.Late {
			t.Errorf("%s sent nothing by a deadline that passed but is not late", u.Code)
		}
	}
	if states["000.07.00.H33"] != "returned" || len(round.Units) != 5 {
		t.Errorf("round units %v", states)
	}
	// The department's staff see the report it owes again on their agenda.
	if agenda := mustStatus(t, focal.get(t, "/tasks/mine"), http.StatusOK); !strings.Contains(agenda, "Báo cáo kỳ "+last.Key) {
		t.Error("the returned report is not on the focal officer's agenda")
	}

	resp = reviewer.postForm(t, roundPath+"/report", url.Values{"format": {"docx"}, "number": {"15"}, "signer_name": {"Đỗ Minh Đức"}})
	mustStatus(t, resp, http.StatusSeeOther)
	page = mustStatus(t, reviewer.get(t, roundPath), http.StatusOK)
	link := regexp.MustCompile(`href="(/reports/\d+/file)">15/BC-SNV`).FindStringSubmatch(page)
	if link == nil {
		t.Fatal("the consolidated report is not listed on the round")
	}
	docx := mustStatus(t, reviewer.get(t, link[1]), http.StatusOK)
	mustStatus(t, reviewer.postForm(t, roundPath+"/report", url.Values{"format": {"xlsx"}, "number": {"15"}}), http.StatusSeeOther)
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Fatal("LibreOffice (soffice) is needed to check the report opens")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tong-hop.docx"), []byte(docx), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "tong-hop.docx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	text, err := exec.Command("pdftotext", filepath.Join(dir, "tong-hop.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"UBND TỈNH HƯNG YÊN", "SỞ NỘI VỤ", "Số: 15/BC-SNV", "BÁO CÁO", "TÌNH HÌNH GỬI BÁO CÁO", "trả lại để hoàn thiện 1",
		"KẾT QUẢ THỰC HIỆN THEO CHỈ SỐ NỘI DUNG", "Quản trị điện tử", "Đỗ Minh Đức"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the consolidated report lacks %q", want)
		}
	}
	if out := os.Getenv("PAPIHUB_ARTEFACTS"); out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", filepath.Join(dir, "tong-hop.pdf"), filepath.Join(out, "province-report-page1")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, b)
		}
	}
}

// TestEachRoleLandsOnWhatNeedsItsAttention signs in as each role of the
// demo and finds its own blocks on the home page, with the menu still
// there.
func TestEachRoleLandsOnWhatNeedsItsAttention(t *testing.T) {
	ts := newProvinceServer(t)
	for _, c := range []struct {
		user       string
		blocks     []string
		not        []string
		wantInPage string
	}{
		{"chuyenvien", []string{"mytasks"}, []string{"division", "plan", "leader", "province"}, "Bị trả lại"},
		{"truongphong", []string{"division"}, []string{"mytasks", "leader"}, "Chờ Văn phòng xem xét"},
		{"vanphong", []string{"plan"}, []string{"mytasks", "leader", "province"}, "Chờ bạn xem xét"},
		{"giamdoc", []string{"leader", "decide"}, []string{"mytasks", "province"}, "Việc quá hạn cần chỉ đạo"},
		{"noivu", []string{"province"}, []string{"mytasks", "leader", "plan"}, "Đơn vị đã báo cáo"},
		{"xem", nil, []string{"mytasks", "division", "plan", "leader", "decide", "province"}, "Kế hoạch"},
	} {
		t.Run(c.user, func(t *testing.T) {
			page := mustStatus(t, ts.client(t, c.user).get(t, "/"), http.StatusOK)
			for _, b := range c.blocks {
				if !strings.Contains(page, `data-testid="block-`+b+`"`) {
					t.Errorf("no %s block", b)
				}
			}
			for _, b := range c.not {
				if strings.Contains(page, `data-testid="block-`+b+`"`) {
					t.Errorf("a %s block it has no use for", b)
				}
			}
			if !strings.Contains(page, c.wantInPage) || !strings.Contains(page, `class="mainnav"`) {
				t.Errorf("the page lacks %q or the menu", c.wantInPage)
			}
		})
	}
}
