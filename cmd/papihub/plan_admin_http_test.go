package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestTheFrameworkCatalogueShowsBothVersionsWithTheirDimensionsAndIsLinkedFromThePlans(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.client(t, "admin")
	plans := mustStatus(t, admin.get(t, "/plans"), 200)
	if !strings.Contains(plans, `href="/plans/framework"`) {
		t.Fatal("the plans page does not link to the framework catalogue")
	}
	page := mustStatus(t, admin.get(t, "/plans/framework"), 200)
	for _, want := range []string{
		`id="papi-2018" data-dimensions="8"`, `id="papi-2011" data-dimensions="6"`,
		`id="papi-2018-D8"`, "Quản trị điện tử", "E-governance",
		`id="papi-2011-D6"`, "Cung ứng dịch vụ công", "2011–2017",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the catalogue lacks %q", want)
		}
	}
	if strings.Contains(page, `id="papi-2011-D7"`) {
		t.Error("the 2011 version shows a seventh dimension")
	}
	// The catalogue is reference data that plans cite: every reader may open it.
	mustStatus(t, ts.client(t, "xem").get(t, "/plans/framework"), 200)
}

// createPlanAPI makes the small 2026 plan of the Department of Science and
// Technology through the API and returns its id and first section's id.
func createPlanAPI(t *testing.T, ts *testServer, c *client, number string) (planID, sectionID int64) {
	t.Helper()
	ctx := context.Background()
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	cds, _ := ts.org.UnitByCode(ctx, "000.07.06.H33")
	body := `{"unit_id":` + itoa(dept.ID) + `,"number":"` + number + `","symbol":"KH-SKHCN","title":"Kế hoạch PAPI 2026","date":"2026-02-10","year":2026,
	"sections":[{"dimension":"D8","heading":"Quản trị điện tử","tasks":[{"text":"Báo cáo quý","lead_unit_id":` + itoa(cds.ID) + `,"schedule":{"frequency":"quarterly","offset_days":5}},
	{"text":"Khảo sát Cổng Dịch vụ công","lead_unit_id":` + itoa(cds.ID) + `,"schedule":{"frequency":"once","due":"2026-03-15"}}]}]}`
	created := mustStatus(t, c.do(t, "POST", "/api/v1/plans", "application/json", body), http.StatusCreated)
	var p struct {
		ID       int64 `json:"id"`
		Sections []struct {
			ID int64 `json:"id"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(created), &p); err != nil || len(p.Sections) == 0 {
		t.Fatalf("created plan: %v %s", err, created)
	}
	return p.ID, p.Sections[0].ID
}

func TestTheFocalOfficerEditsAPlanHeaderOnItsPageAndIssuesIt(t *testing.T) {
	ts := newTestServer(t)
	focal := ts.client(t, "vanphong")
	id, _ := createPlanAPI(t, ts, focal, "")
	path := "/plans/" + itoa(id)
	if page := mustStatus(t, focal.get(t, path), 200); !strings.Contains(page, `href="`+path+`/edit"`) {
		t.Fatal("the plan page does not link to its edit form")
	}
	form := mustStatus(t, focal.get(t, path+"/edit"), 200)
	if !strings.Contains(form, `name="basis"`) || !strings.Contains(form, `<option value="issued"`) || strings.Contains(form, `<option value="closed"`) {
		t.Fatalf("the edit form does not offer draft → issued only:\n%s", form)
	}
	// Issuing without a number and with the day blank: both fields say why, in Vietnamese.
	bad := url.Values{"title": {"Kế hoạch PAPI 2026"}, "symbol": {"KH-SKHCN"}, "date": {"02/2026"}, "status": {"issued"}}
	page := mustStatus(t, focal.postForm(t, path, bad), http.StatusUnprocessableEntity)
	for _, want := range []string{`id="number-err"`, "Kế hoạch ban hành phải có số", `id="date-err"`, "Kế hoạch ban hành phải có đủ ngày", `value="2026-02"`} {
		if !strings.Contains(page, want) && !strings.Contains(page, strings.ReplaceAll(want, "2026-02", "02/2026")) {
			t.Errorf("the refused form lacks %q", want)
		}
	}
	good := url.Values{"number": {"21"}, "symbol": {"KH-SKHCN"}, "title": {"Nâng cao Chỉ số PAPI năm 2026"}, "place": {"Hưng Yên"},
		"date": {"12/02/2026"}, "basis": {"Căn cứ Kế hoạch số 07/KH-UBND của UBND tỉnh;\r\n\r\nCăn cứ tình hình thực tế."},
		"purposes": {"Cải thiện điểm D8."}, "requirements": {""}, "signer_title": {"GIÁM ĐỐC"}, "signer_name": {"Nguyễn Văn A"}, "status": {"issued"}}
	resp := focal.postForm(t, path, good)
	mustStatus(t, resp, http.StatusSeeOther)
	got := mustStatus(t, focal.get(t, "/api/v1/plans/"+itoa(id)), 200)
	for _, want := range []string{`"number":"21"`, `"date":"2026-02-12"`, `"status":"issued"`, `"07/KH-UBND"`, `"Căn cứ tình hình thực tế."`, `"purposes":["Cải thiện điểm D8."]`} {
		if !strings.Contains(got, want) {
			t.Errorf("the saved plan lacks %s:\n%s", want, got)
		}
	}
	// An issued plan cannot go back to draft; the unit's officer may not edit.
	good.Set("status", "draft")
	mustStatus(t, focal.postForm(t, path, good), http.StatusUnprocessableEntity)
	mustStatus(t, ts.client(t, "chuyenvien").get(t, path+"/edit"), http.StatusForbidden)
}

func TestTheAPIDeletesADraftPlanButAnswers409ForAnIssuedOneAndCancelsItsTask(t *testing.T) {
	ts := newTestServer(t)
	focal := ts.client(t, "vanphong")
	draft, _ := createPlanAPI(t, ts, focal, "15")
	mustStatus(t, ts.client(t, "chuyenvien").do(t, "DELETE", "/api/v1/plans/"+itoa(draft), "", ""), http.StatusForbidden)
	mustStatus(t, focal.do(t, "DELETE", "/api/v1/plans/"+itoa(draft), "", ""), http.StatusNoContent)
	mustStatus(t, focal.get(t, "/api/v1/plans/"+itoa(draft)), http.StatusNotFound)

	issued, _ := createPlanAPI(t, ts, focal, "16")
	mustStatus(t, focal.do(t, "PUT", "/api/v1/plans/"+itoa(issued), "application/json",
		`{"number":"16","symbol":"KH-SKHCN","title":"Kế hoạch PAPI 2026","date":"2026-02-10","status":"issued"}`), 200)
	refused := mustStatus(t, focal.do(t, "DELETE", "/api/v1/plans/"+itoa(issued), "", ""), http.StatusConflict)
	if !strings.Contains(refused, `"code":"plan_not_draft"`) || !strings.Contains(refused, "dự thảo") {
		t.Fatalf("409 body: %s", refused)
	}
	tasks := mustStatus(t, focal.get(t, "/api/v1/plans/"+itoa(issued)+"/tasks"), 200)
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(tasks), &list); err != nil || len(list.Items) != 2 {
		t.Fatalf("tasks: %s", tasks)
	}
	task := itoa(list.Items[0].ID)
	cancelled := mustStatus(t, focal.do(t, "DELETE", "/api/v1/tasks/"+task, "", ""), http.StatusOK)
	if !strings.Contains(cancelled, `"cancelled":true`) {
		t.Fatalf("cancelled task: %s", cancelled)
	}
	insts := mustStatus(t, focal.get(t, "/api/v1/plans/"+itoa(issued)+"/instances?status=cancelled"), 200)
	if n := strings.Count(insts, `"task_id":`+task); n != 4 {
		t.Fatalf("%d cancelled instances of the quarterly task, want 4: %s", n, insts)
	}
	mustStatus(t, focal.do(t, "PUT", "/api/v1/tasks/"+task, "application/json", `{"text":"x","lead_unit_id":1,"schedule":{"frequency":"monthly"}}`), http.StatusUnprocessableEntity)
}

func TestAProvincePlanIsDerivedForAnAgencyChosenFromTheOpenAgenciesAndCommunesInVietnameseOrder(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	admin := ts.client(t, "admin")
	province, _ := ts.org.UnitByCode(ctx, "000.00.00.H33")
	body := `{"unit_id":` + itoa(province.ID) + `,"number":"07","symbol":"KH-UBND","title":"Nâng cao Chỉ số PAPI tỉnh năm 2026","date":"2026-01-12","year":2026,
	"sections":[{"dimension":"D3","heading":"Trách nhiệm giải trình","tasks":[{"text":"Tiếp công dân định kỳ","lead_unit_id":` + itoa(province.ID) + `,"schedule":{"frequency":"quarterly"}}]}]}`
	created := mustStatus(t, admin.do(t, "POST", "/api/v1/plans", "application/json", body), http.StatusCreated)
	var p struct {
		ID int64 `json:"id"`
	}
	json.Unmarshal([]byte(created), &p)
	page := mustStatus(t, admin.get(t, "/plans/"+itoa(p.ID)), 200)
	i := strings.Index(page, `id="derive-unit"`)
	if i < 0 {
		t.Fatalf("no unit select in the derive form:\n%s", page)
	}
	sel := page[i : i+strings.Index(page[i:], "</select>")]
	want := []string{"Phường Phố Hiến", "Phường Thái Bình", "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Xã Nghĩa Trụ"}
	last := -1
	for _, name := range want {
		at := strings.Index(sel, ">"+name+"<")
		if at < 0 || at < last {
			t.Fatalf("%q missing or out of order in %s", name, sel)
		}
		last = at
	}
	for _, not := range []string{"Sở Thông tin và Truyền thông", "Văn phòng Sở", "UBND tỉnh"} {
		if strings.Contains(sel, not) {
			t.Errorf("the select offers %q", not)
		}
	}
	vp, _ := ts.org.UnitByCode(ctx, "000.07.01.H33")
	resp := admin.postForm(t, "/plans/"+itoa(p.ID)+"/derive", url.Values{"unit_id": {itoa(vp.ID)}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/plans/"+itoa(p.ID) {
		t.Fatalf("a division was accepted: %d %s", resp.StatusCode, loc)
	}
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	resp = admin.postForm(t, "/plans/"+itoa(p.ID)+"/derive", url.Values{"unit_id": {itoa(dept.ID)}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || loc == "/plans/"+itoa(p.ID) || !strings.HasPrefix(loc, "/plans/") {
		t.Fatalf("derive: %d %s", resp.StatusCode, loc)
	}
	derived := mustStatus(t, admin.get(t, "/api/v1"+loc), 200)
	if !strings.Contains(derived, `"derived_from":`+itoa(p.ID)) || !strings.Contains(derived, `"unit_id":`+itoa(dept.ID)) {
		t.Fatalf("derived plan: %s", derived)
	}
}
