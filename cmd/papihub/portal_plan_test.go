package main

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/papi"
	"papihub/internal/plan"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// planPortal is the test server with the demo's plans, the official PAPI
// results and the department's published profile, the department's 2026
// plan issued; it returns the plan.
func planPortal(t *testing.T) (*testServer, plan.Plan) {
	t.Helper()
	ts := newTestServer(t)
	if err := loadPortalDemo(context.Background(), ts.deps.complete()); err != nil {
		t.Fatal(err)
	}
	return ts, loadPortalPlan(t, ts)
}

// loadPortalPlan loads the demo's plans and the official PAPI results into
// ts and issues the department's 2026 plan, numbered and dated as a plan is
// issued.
func loadPortalPlan(t testing.TB, ts *testServer) plan.Plan {
	t.Helper()
	ctx := context.Background()
	d := ts.deps.complete()
	if err := loadPlanDemo(ctx, d); err != nil {
		t.Fatal(err)
	}
	if _, err := papi.NewStore(d.db, d.now).LoadOfficial(ctx, audit.System); err != nil {
		t.Fatal(err)
	}
	dept, err := ts.org.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	store := planStore(d)
	list, _, err := store.Plans(ctx, plan.PlanFilter{ReadScopes: []string{"/"}, UnitID: dept.ID, Year: 2026, PerPage: 1})
	if err != nil || len(list) != 1 {
		t.Fatalf("the demo's 2026 plan: %v %v", list, err)
	}
	focal, err := ts.org.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	draft, err := store.Plan(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.UpdatePlanHeader(ctx, focal.Actor(), draft.ID, plan.PlanHeader{Number: "15", Symbol: "KH-SKHCN", Title: draft.Title,
		ParentBody: draft.ParentBody, Place: draft.Place, IssueDate: "2026-02-10", Signer: draft.Signer}); err != nil {
		fe, _ := web.AsValidation(err)
		t.Fatalf("number the plan: %v %v", err, fe)
	}
	if draft.Status != plan.PlanIssued { // the demo issues it itself
		if err := store.SetPlanStatus(ctx, focal.Actor(), draft.ID, plan.PlanIssued); err != nil {
			fe, _ := web.AsValidation(err)
			t.Fatalf("issue the plan: %v %v", err, fe)
		}
	}
	p, err := store.Plan(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestThePortalPublishesThePlanByDimensionAndAReportAsSoonAsItIsIssued:
// the plan's public view groups its tasks by dimension with the leading
// division and what is done, shows no officer's words or names, and a
// report issued is on the plan's page at once (its cached page's tag no
// longer matches) with its period's figures.
func TestThePortalPublishesThePlanByDimensionAndAReportAsSoonAsItIsIssued(t *testing.T) {
	ts, p := planPortal(t)
	ctx := context.Background()
	base := "/cong-khai/" + demoAgencyCode
	page := base + "/ke-hoach/" + strconv.FormatInt(p.ID, 10)

	resp, body := portalGet(t, ts, base+"/ke-hoach")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `href="`+page+`"`) || !strings.Contains(body, p.Title) {
		t.Fatalf("the list of plans: %d\n%s", resp.StatusCode, body)
	}
	resp, body = portalGet(t, ts, page)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the plan: %d", resp.StatusCode)
	}
	// What the plan room counts, read independently: every dimension's
	// heading and figures, and the leading divisions.
	dims, total, err := planStore(ts.deps.complete()).Summary(ctx, plan.SummaryFilter{PlanID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	fw, _ := papi.FrameworkFor(p.Year)
	for _, d := range dims {
		if d.Dimension == "" {
			continue
		}
		dim, _ := fw.Dimension(d.Dimension)
		want := d.Dimension + ". " + dim.NameVI
		if !strings.Contains(body, want) {
			t.Errorf("the plan's page lacks the dimension %q", want)
		}
	}
	if want := "hoàn thành " + strconv.Itoa(total.Done) + "/" + strconv.Itoa(total.Total) + " lượt nhiệm vụ"; !strings.Contains(body, want) {
		t.Errorf("the plan's page lacks %q", want)
	}
	for _, want := range []string{"Phòng Công nghệ thông tin và Chuyển đổi số", "Phòng Kế hoạch - Tài chính", "Chưa có báo cáo nào được ban hành."} {
		if !strings.Contains(body, want) {
			t.Errorf("the plan's page lacks %q", want)
		}
	}
	officer, err := ts.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	for _, never := range []string{officer.FullName, "Đã thực hiện theo kế hoạch; báo cáo kèm theo.", "Bổ sung số liệu truy cập", "Đạt yêu cầu."} {
		if strings.Contains(body, never) {
			t.Errorf("the plan's page shows %q", never)
		}
	}
	etag := resp.Header.Get("ETag")

	focal, err := ts.org.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	issued, err := planStore(ts.deps.complete()).IssueReport(ctx, focal.Actor(), p.ID, "2026Q1", "docx", "5")
	if err != nil {
		t.Fatal(err)
	}
	report := page + "/bao-cao/" + strconv.FormatInt(issued.ID, 10)
	resp, body = portalGet(t, ts, page, "If-None-Match", etag)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `href="`+report+`"`) || !strings.Contains(body, "Báo cáo kết quả quý I năm 2026") {
		t.Fatalf("after the report was issued the plan's page answers %d; link shown: %v", resp.StatusCode, strings.Contains(body, report))
	}
	resp, body = portalGet(t, ts, report)
	q1, _ := plan.ParsePeriod("2026Q1")
	_, qt, err := planStore(ts.deps.complete()).Summary(ctx, plan.SummaryFilter{PlanID: p.ID, DueFrom: q1.Start(), DueTo: q1.End()})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Báo cáo kết quả quý I năm 2026", issued.Number, vn.FormatDate(issued.IssuedOn), `id="report-figures"`,
		"<td class=\"num\" data-label=\"Đến hạn\">" + strconv.Itoa(qt.Total) + "</td><td class=\"num\" data-label=\"Hoàn thành\">" + strconv.Itoa(qt.Done) + "</td>"} {
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("the report's page (%d) lacks %q", resp.StatusCode, want)
		}
	}
	if resp, _ := portalGet(t, ts, report+"?lang=en"); resp.StatusCode != http.StatusOK {
		t.Errorf("the report in English: %d", resp.StatusCode)
	}

	// A draft, another agency's path, an unknown or odd number: the one
	// "not found" page.
	draft, err := planStore(ts.deps.complete()).CreateFromTemplate(ctx, audit.System, p.UnitID, 2027)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{base + "/ke-hoach/" + strconv.FormatInt(draft, 10), "/cong-khai/000.01.00.H33/ke-hoach/" + strconv.FormatInt(p.ID, 10),
		page + "/bao-cao/999999", base + "/ke-hoach/999999", base + "/ke-hoach/abc", base + "/ke-hoach/-1", base + "/ke-hoach/1e3",
		"/cong-khai/000.01.00.H33/ke-hoach/" + strconv.FormatInt(p.ID, 10) + "/bao-cao/" + strconv.FormatInt(issued.ID, 10),
		"/cong-khai/KHONG.CO/ke-hoach"} {
		if resp, body := portalGet(t, ts, path); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Không tìm thấy trang") {
			t.Errorf("GET %s = %d, want the portal's 404", path, resp.StatusCode)
		}
	}
	resp, body = portalGet(t, ts, "/cong-khai/sitemap.xml")
	for _, want := range []string{base + "/ke-hoach</loc>", page + "</loc>", report + "</loc>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the sitemap lacks %s", want)
		}
	}
	if strings.Contains(body, "/ke-hoach/"+strconv.FormatInt(draft, 10)+"<") {
		t.Error("the sitemap lists a draft")
	}
}

// TestTheProvincesOfficialPAPIStandingIsOnTheProvinceAndEachAgencyPortal:
// the latest official results of the demo province (Hưng Yên, 2021: 45,37,
// fifth of 60 scored) on the province's home, which lists the agencies and
// communes apart, and on each agency's portal.
func TestTheProvincesOfficialPAPIStandingIsOnTheProvinceAndEachAgencyPortal(t *testing.T) {
	ts, _ := planPortal(t)
	resp, body := portalGet(t, ts, "/cong-khai")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the province's home: %d", resp.StatusCode)
	}
	for _, want := range []string{"Chỉ số PAPI năm 2021 của tỉnh", "45,37", "xếp thứ 5/60", "Sở, ban, ngành", "Xã, phường", "Phường Phố Hiến",
		"Sở Khoa học và Công nghệ", "D8. Quản trị điện tử"} {
		if !strings.Contains(body, want) {
			t.Errorf("the province's home lacks %q", want)
		}
	}
	if strings.Contains(body, "Sở Thông tin và Truyền thông") {
		t.Error("the province's home lists a closed agency")
	}
	for _, code := range []string{demoAgencyCode, "000.01.00.H33", "000.00.00.H33", "000.00.01.H33.12345"} {
		_, body := portalGet(t, ts, "/cong-khai/"+code)
		if !strings.Contains(body, "45,37") || !strings.Contains(body, "xếp thứ 5/60") {
			t.Errorf("the portal of %s lacks the province's standing", code)
		}
	}
	_, body = portalGet(t, ts, "/cong-khai?lang=en")
	if !strings.Contains(body, "ranked 5 of 60 provinces") || !strings.Contains(body, "D8. E-governance") {
		t.Errorf("the English home lacks the standing")
	}
}

// loadPortalPlanReport is loadPortalPlan with the first quarter's report
// issued, so that every kind of plan page exists for the crawler and the
// accessibility run.
func loadPortalPlanReport(t testing.TB, ts *testServer) {
	t.Helper()
	p := loadPortalPlan(t, ts)
	focal, err := ts.org.UserByUsername(context.Background(), "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := planStore(ts.deps.complete()).IssueReport(context.Background(), focal.Actor(), p.ID, "2026Q1", "docx", "5"); err != nil {
		t.Fatal(err)
	}
}

// TestThePortalsAPIGivesThePlanAsItsPagesDo: the plan, its dimensions'
// figures (as the plan room counts them), the report issued on it, in the
// asked language; drafts and other agencies' plans are the API's 404; no
// officer's name or words.
func TestThePortalsAPIGivesThePlanAsItsPagesDo(t *testing.T) {
	ts, p := planPortal(t)
	ctx := context.Background()
	d := ts.deps.complete()
	api := "/api/v1/public/agencies/" + demoAgencyCode
	getJSON := func(path string, v any) string {
		t.Helper()
		resp, body := portalGet(t, ts, path)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("GET %s = %d\n%s", path, resp.StatusCode, body)
		}
		if err := json.Unmarshal([]byte(body), v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		return body
	}

	var agency struct {
		Sections []struct{ Name, Href string } `json:"sections"`
	}
	getJSON(api, &agency)
	if !slices.ContainsFunc(agency.Sections, func(s struct{ Name, Href string }) bool { return s.Name == "plans" && s.Href == api+"/plans" }) {
		t.Errorf("the agency's sections do not name its plans: %+v", agency.Sections)
	}
	var list struct {
		Items []struct {
			ID      int64  `json:"id"`
			Number  string `json:"number"`
			Year    int    `json:"year"`
			Page    string `json:"page"`
			Href    string `json:"href"`
			Figures struct{ Total, Done int }
		} `json:"items"`
	}
	getJSON(api+"/plans", &list)
	self := api + "/plans/" + strconv.FormatInt(p.ID, 10)
	if len(list.Items) != 1 || list.Items[0].ID != p.ID || list.Items[0].Year != 2026 || list.Items[0].Href != self ||
		list.Items[0].Page != "/cong-khai/"+demoAgencyCode+"/ke-hoach/"+strconv.FormatInt(p.ID, 10) {
		t.Fatalf("the list of issued plans: %+v", list.Items)
	}

	dims, total, err := planStore(d).Summary(ctx, plan.SummaryFilter{PlanID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	type dimJSON struct {
		Code    string `json:"code"`
		Name    string `json:"name"`
		Figures struct{ Total, Done, Submitted, Overdue int }
		Tasks   []struct{ Text, Lead string } `json:"tasks"`
	}
	var one struct {
		ID      int64 `json:"id"`
		Figures struct{ Total, Done int }
		Dims    []dimJSON            `json:"dimensions"`
		Reports []struct{ ID int64 } `json:"reports"`
	}
	body := getJSON(self+"?lang=en", &one)
	if one.ID != p.ID || one.Figures.Total != total.Total || one.Figures.Done != total.Done || one.Reports == nil {
		t.Errorf("the plan's figures %+v, want total %d done %d and a list of reports", one.Figures, total.Total, total.Done)
	}
	fw, _ := papi.FrameworkFor(p.Year)
	for _, want := range dims {
		if want.Dimension == "" {
			continue
		}
		i := slices.IndexFunc(one.Dims, func(d dimJSON) bool { return d.Code == want.Dimension })
		dim, _ := fw.Dimension(want.Dimension)
		switch {
		case i < 0:
			t.Errorf("dimension %s missing", want.Dimension)
		case one.Dims[i].Name != want.Dimension+". "+dim.NameEN:
			t.Errorf("dimension %s named %q in English", want.Dimension, one.Dims[i].Name)
		case one.Dims[i].Figures.Total != want.Total || one.Dims[i].Figures.Done != want.Done || one.Dims[i].Figures.Overdue != want.Overdue:
			t.Errorf("dimension %s: %+v, want %+v", want.Dimension, one.Dims[i].Figures, want.Figures)
		case len(one.Dims[i].Tasks) == 0 || one.Dims[i].Tasks[0].Lead == "":
			t.Errorf("dimension %s: tasks %+v", want.Dimension, one.Dims[i].Tasks)
		}
	}
	officer, err := ts.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	for _, never := range []string{officer.FullName, "Đã thực hiện theo kế hoạch; báo cáo kèm theo.", "Bổ sung số liệu truy cập", "Đạt yêu cầu."} {
		if strings.Contains(body, never) {
			t.Errorf("the plan's API shows %q", never)
		}
	}

	focal, err := ts.org.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	issued, err := planStore(d).IssueReport(ctx, focal.Actor(), p.ID, "2026Q1", "docx", "5")
	if err != nil {
		t.Fatal(err)
	}
	getJSON(self, &one) // the plan's answer changes at once
	if len(one.Reports) != 1 || one.Reports[0].ID != issued.ID {
		t.Errorf("after the report was issued the plan lists %+v", one.Reports)
	}
	q1, _ := plan.ParsePeriod("2026Q1")
	_, qt, err := planStore(d).Summary(ctx, plan.SummaryFilter{PlanID: p.ID, DueFrom: q1.Start(), DueTo: q1.End()})
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Report struct {
			Number string `json:"number"`
			Period string `json:"period"`
		} `json:"report"`
		Total struct{ Total, Done int }
		Items []struct {
			Status string `json:"status"`
		} `json:"items"`
		Page string `json:"page"`
	}
	getJSON(self+"/reports/"+strconv.FormatInt(issued.ID, 10), &rep)
	if rep.Report.Number != issued.Number || rep.Report.Period != "2026Q1" || rep.Total.Total != qt.Total || rep.Total.Done != qt.Done ||
		len(rep.Items) != qt.Total || !strings.HasSuffix(rep.Page, "/bao-cao/"+strconv.FormatInt(issued.ID, 10)) {
		t.Errorf("the report: %+v, want the quarter's %d due, %d done", rep, qt.Total, qt.Done)
	}

	draft, err := planStore(d).CreateFromTemplate(ctx, audit.System, p.UnitID, 2027)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{api + "/plans/" + strconv.FormatInt(draft, 10), "/api/v1/public/agencies/000.01.00.H33/plans/" + strconv.FormatInt(p.ID, 10),
		self + "/reports/999999", api + "/plans/abc", api + "/plans/-1", "/api/v1/public/agencies/KHONG.CO/plans",
		"/api/v1/public/agencies/000.01.00.H33/plans/" + strconv.FormatInt(p.ID, 10) + "/reports/" + strconv.FormatInt(issued.ID, 10)} {
		resp, body := portalGet(t, ts, path)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `"not_found"`) {
			t.Errorf("GET %s = %d %s, want the API's 404", path, resp.StatusCode, body)
		}
	}
}
