package main

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"papihub/internal/inspection"
	"papihub/internal/platform/vn"
	"papihub/internal/registers"
)

// newInspectionServer is the test server with the demo department's
// register loaded (dated from today).
func newInspectionServer(t *testing.T) (*testServer, inspection.Conclusion) {
	t.Helper()
	ts := newTestServer(t)
	ctx := context.Background()
	if err := loadInspectionDemo(ctx, deps{db: ts.db, dataDir: t.TempDir()}.complete()); err != nil {
		t.Fatal(err)
	}
	s := inspection.NewStore(ts.db, t.TempDir(), nil)
	u, err := s.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.ConclusionByNumber(ctx, u.ID, "125/KL-TTr")
	if err != nil {
		t.Fatal(err)
	}
	return ts, c
}

// TestTheInspectionRegisterOverHTTP runs the register's HTTP checks on one
// server with the demo register; refusals save nothing, so each check
// leaves the others' facts as they were.
func TestTheInspectionRegisterOverHTTP(t *testing.T) {
	ts, c := newInspectionServer(t)
	for _, tc := range []struct {
		name  string
		check func(*testing.T, *testServer, inspection.Conclusion)
	}{
		{"a responsible division reports on its own recommendation only", inspectionAResponsibleDivisionReportsOnItsOwnRecommendationOnly},
		{"bad input is refused in Vietnamese and nothing is saved", inspectionBadInputIsRefusedInVietnameseAndNothingIsSaved},
		{"the leader sees the overdue recovery", inspectionTheLeaderSeesTheOverdueRecovery},
		{"the API records a conclusion and refuses with stable codes", inspectionTheAPIRecordsAConclusionAndRefusesWithStableCodes},
		{"the follow-up report is issued into the report register", inspectionTheFollowUpReportIsIssuedIntoTheReportRegister},
		{"an import page refuses a bad file whole", inspectionAnImportPageRefusesABadFileWhole},
		{"the plan sees the register's measures, agenda and section", inspectionThePlanSeesTheRegistersMeasuresAgendaAndSection},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, ts, c) })
	}
}

func recURL(r inspection.Recommendation) string {
	return "/inspection/recommendations/" + strconv.FormatInt(r.ID, 10)
}

func inspectionAResponsibleDivisionReportsOnItsOwnRecommendationOnly(t *testing.T, ts *testServer, c inspection.Conclusion) {
	// The officer of the Digital Transformation division carries out the
	// third recommendation; the first is the finance division's.
	officer := ts.client(t, "chuyenvien")
	mine, theirs := c.Recommendations[2], c.Recommendations[0]
	if resp := officer.get(t, "/inspection/"+strconv.FormatInt(c.ID, 10)); resp.StatusCode != http.StatusOK {
		t.Errorf("the division reads the conclusion it has a recommendation in: %d", resp.StatusCode)
	}
	if resp := officer.get(t, recURL(theirs)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the division opens another division's recommendation: %d, want 404", resp.StatusCode)
	}
	resp := officer.postForm(t, recURL(mine)+"/updates", url.Values{"progress": {"partly_done"}, "on": {vn.FormatDate(time.Now())}, "note": {"Đã rà soát 3/5 quy trình"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the division reports progress: %d %s", resp.StatusCode, readBody(t, resp))
	}
	r, err := inspection.NewStore(ts.db, "", nil).Recommendation(context.Background(), mine.ID)
	if err != nil || r.Progress != inspection.PartlyDone || r.Result != "Đã rà soát 3/5 quy trình" {
		t.Errorf("after the report: %s %q %v", r.Progress, r.Result, err)
	}
	reviewer := ts.client(t, "noivu")
	if resp := reviewer.get(t, recURL(mine)); resp.StatusCode != http.StatusOK {
		t.Errorf("Home Affairs reads the recommendation: %d", resp.StatusCode)
	}
	if resp := reviewer.postForm(t, recURL(mine)+"/updates", url.Values{"progress": {"done"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("Home Affairs reports progress: %d, want 403", resp.StatusCode)
	}
}

func inspectionBadInputIsRefusedInVietnameseAndNothingIsSaved(t *testing.T, ts *testServer, c inspection.Conclusion) {
	focal := ts.client(t, "vanphong")
	unit := strconv.FormatInt(c.UnitID, 10)
	resp := focal.postForm(t, "/inspection?unit="+unit, url.Values{"number": {"77/KL-TTr"}, "source": {"inspectorate"}, "issuer": {"Thanh tra tỉnh"},
		"issued_on": {"01/07/2025"}, "summary": {"Thanh tra công vụ"},
		"r1_kind": {"corrective"}, "r1_content": {"Chấn chỉnh"}, "r1_deadline": {"30/09/2025"},
		"r2_kind": {"corrective"}, "r2_content": {""}, "r2_deadline": {""}, // a blank row, skipped
		"r3_kind": {"corrective"}, "r3_content": {"Báo cáo kết quả"}, "r3_deadline": {"30/06/2025"}})
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="r3_deadline-err" role="alert">Thời hạn thực hiện không được trước ngày ban hành kết luận.`) {
		t.Fatalf("a deadline before the conclusion: %d", resp.StatusCode)
	}
	s := inspection.NewStore(ts.db, "", nil)
	if _, err := s.ConclusionByNumber(context.Background(), c.UnitID, "77/KL-TTr"); err == nil {
		t.Error("the refused conclusion was saved")
	}
	recovery := c.Recommendations[0] // 120,000,000 due
	resp = focal.postForm(t, recURL(recovery)+"/updates", url.Values{"progress": {"partly_done"}, "on": {vn.FormatDate(time.Now())},
		"amount_recovered": {"130.000.000"}, "note": {"Nộp thêm"}})
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Số tiền đã thu hồi không được lớn hơn số tiền phải thu hồi.") {
		t.Fatalf("recovering more than due: %d", resp.StatusCode)
	}
	if r, _ := s.Recommendation(context.Background(), recovery.ID); r.AmountRecovered != 50_000_000 {
		t.Errorf("recovered after the refusal: %d, want 50.000.000", r.AmountRecovered)
	}
}

func inspectionTheLeaderSeesTheOverdueRecovery(t *testing.T, ts *testServer, c inspection.Conclusion) {
	leader := ts.client(t, "giamdoc")
	body := mustStatus(t, leader.get(t, "/inspection/overdue"), http.StatusOK)
	if !strings.Contains(body, c.Recommendations[0].Content) || strings.Contains(body, c.Recommendations[1].Content) {
		t.Errorf("the overdue list does not show exactly the overdue recovery")
	}
	body = mustStatus(t, leader.get(t, "/inspection/overdue?status=strict"), http.StatusOK)
	if !strings.Contains(body, "Tái phạm") {
		t.Error("the strict handling list does not flag the repeat violation")
	}
}

func inspectionTheAPIRecordsAConclusionAndRefusesWithStableCodes(t *testing.T, ts *testServer, c inspection.Conclusion) {
	focal := ts.client(t, "vanphong")
	resp := focal.do(t, "POST", "/api/v1/inspection/conclusions", "application/json", `{"number":"9/KL-KTNN","issued_on":"2025-08-01","issuer":"Kiểm toán nhà nước",
		"source":"state_audit","summary":"Kiểm toán ngân sách","recommendations":[{"kind":"recover","content":"Thu hồi","responsible_id":`+strconv.FormatInt(c.UnitID, 10)+`,
		"deadline":"2025-10-01","amount_due":1000,"amount_recovered":2000}]}`)
	if b := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "inspection.amount_recovered.above_due") || !strings.Contains(b, "r1_amount_recovered") {
		t.Fatalf("API: %d %s", resp.StatusCode, b)
	}
	resp = focal.do(t, "POST", "/api/v1/inspection/conclusions", "application/json", `{"number":"9/KL-KTNN","issued_on":"2025-08-01","issuer":"Kiểm toán nhà nước",
		"source":"state_audit","summary":"Kiểm toán ngân sách","recommendations":[{"kind":"recover","content":"Thu hồi","responsible_id":`+strconv.FormatInt(c.UnitID, 10)+`,
		"deadline":"2025-10-01","amount_due":1000}]}`)
	if b := readBody(t, resp); resp.StatusCode != http.StatusCreated || !strings.Contains(b, `"status":"overdue"`) {
		t.Fatalf("API create: %d %s", resp.StatusCode, b)
	}
	resp = focal.get(t, "/api/v1/inspection/recommendations?status=overdue")
	if b := readBody(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(b, "9/KL-KTNN") || !strings.Contains(b, "125/KL-TTr") {
		t.Errorf("API overdue: %d %s", resp.StatusCode, b)
	}
}

func inspectionTheFollowUpReportIsIssuedIntoTheReportRegister(t *testing.T, ts *testServer, c inspection.Conclusion) {
	leader := ts.client(t, "giamdoc")
	year := strconv.Itoa(time.Now().Year())
	body := mustStatus(t, leader.get(t, "/inspection/report?period="+year), http.StatusOK)
	if !strings.Contains(body, "125/KL-TTr") {
		t.Errorf("the year's follow-up does not list 125/KL-TTr")
	}
	resp := leader.postForm(t, "/inspection/report?period="+year, url.Values{"number": {"15"}, "format": {"docx"}, "signer_name": {"Nguyễn Văn Hùng"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", resp.StatusCode, readBody(t, resp))
	}
	page := mustStatus(t, leader.get(t, resp.Header.Get("Location")), http.StatusOK)
	if !strings.Contains(page, `data-testid="issued"`) {
		t.Fatal("the page does not link the issued file")
	}
	officer := ts.client(t, "chuyenvien")
	if resp := officer.postForm(t, "/inspection/report?period="+year, url.Values{"format": {"docx"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an officer issues the report: %d, want 403", resp.StatusCode)
	}
}

func inspectionAnImportPageRefusesABadFileWhole(t *testing.T, ts *testServer, c inspection.Conclusion) {
	bad, err := os.ReadFile("../../internal/inspection/testdata/conclusions_bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	focal := ts.client(t, "vanphong")
	resp := focal.postMultipartFile(t, "/inspection/import", "file", "ket-luan.csv", bad)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "0 kết luận mới (0 kiến nghị), 0 đã có trong sổ, 4 dòng bị từ chối") {
		t.Fatalf("a bad file: %d %s", resp.StatusCode, body[strings.Index(body, "<main"):])
	}
	if _, err := inspection.NewStore(ts.db, "", nil).ConclusionByNumber(context.Background(), c.UnitID, "11/KL-TTr"); err == nil {
		t.Error("a conclusion of the refused file was saved")
	}
}

// postMultipartFile sends one file in field, with the CSRF token, as an
// upload form does.
func (c *client) postMultipartFile(t *testing.T, path, field, name string, data []byte) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	w, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	mw.Close()
	return c.do(t, http.MethodPost, path, mw.FormDataContentType(), buf.String())
}

func inspectionThePlanSeesTheRegistersMeasuresAgendaAndSection(t *testing.T, ts *testServer, c inspection.Conclusion) {
	ctx := context.Background()
	hub := registerHub(deps{db: ts.db, dataDir: t.TempDir()}.complete())
	s := inspection.NewStore(ts.db, "", nil)
	unit, err := s.Unit(ctx, c.UnitID)
	if err != nil {
		t.Fatal(err)
	}
	scope := registers.Scope{UnitID: unit.ID, UnitPath: unit.Path}
	today := s.Today()
	// The measure counts what the leader's overdue list shows (the demo's
	// recovery due 15 days ago, and what other checks added).
	list, _, err := s.Recommendations(ctx, inspection.RecFilter{Scope: unit.Path, Status: "overdue", On: today, PerPage: 100})
	if err != nil || len(list) == 0 {
		t.Fatalf("the overdue list: %d, %v", len(list), err)
	}
	f, err := hub.Figure(ctx, inspection.MeasureRecsOverdue, scope, today.AddDate(0, 0, -30), today)
	if err != nil || f.Value != float64(len(list)) {
		t.Fatalf("overdue recommendations as the plan sees them: %+v, %v; the list shows %d", f, err, len(list))
	}
	secs, err := hub.Sections(ctx, scope, today.AddDate(0, 0, -30), today)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sec := range secs {
		found = found || (sec.Dimension == "D4" && strings.Contains(sec.Heading, "kết luận"))
	}
	if !found {
		t.Errorf("no D4 section among %+v", secs)
	}
	leader, err := ts.org.UserByUsername(ctx, "giamdoc")
	if err != nil {
		t.Fatal(err)
	}
	items, err := hub.Agenda(ctx, leader, today, 7)
	if err != nil {
		t.Fatal(err)
	}
	escalated := false
	for _, it := range items {
		escalated = escalated || (it.Overdue && it.Title == c.Recommendations[0].Content)
	}
	if !escalated {
		t.Errorf("the overdue recovery is not escalated to the director: %+v", items)
	}
}
