package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/papi"
	"papihub/internal/plan"
)

// postMultipart sends a multipart form with files, as the upload pages do.
func (c *client) postMultipart(t *testing.T, path string, fields map[string]string, files map[string][]byte) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, data := range files {
		field := "files"
		if strings.HasSuffix(name, ".md") {
			field = "file"
		}
		w, _ := mw.CreateFormFile(field, name)
		w.Write(data)
	}
	mw.Close()
	resp := c.do(t, http.MethodPost, path, mw.FormDataContentType(), buf.String())
	return resp
}

var (
	draftField  = regexp.MustCompile(`(?s)<textarea name="draft" hidden>(.*?)</textarea>`)
	hrefPattern = regexp.MustCompile(`href="(/instances/\d+)"`)
)

func mustStatus(t *testing.T, resp *http.Response, want int) string {
	t.Helper()
	body := readBody(t, resp)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d\n%s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want, body)
	}
	return body
}

func TestTheSeedPlanGoesFromUploadToAnAcceptedTaskOnItsDimensionCard(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	seed, err := os.ReadFile("../../internal/plan/testdata/seed-ke-hoach-papi-2023-so-tttt-hung-yen.md")
	if err != nil {
		t.Fatal(err)
	}
	focal, officer := ts.client(t, "vanphong"), ts.client(t, "chuyenvien")
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	cds, _ := ts.org.UnitByCode(ctx, "000.07.06.H33")

	mustStatus(t, focal.get(t, "/plans/new"), 200)
	review := mustStatus(t, focal.postMultipart(t, "/plans/parse", map[string]string{"unit_id": itoa(dept.ID)}, map[string][]byte{"ke-hoach.md": seed}), 200)
	if !strings.Contains(review, "Trách nhiệm giải trình") || !strings.Contains(review, "Bùi Văn Sỹ") {
		t.Fatal("the review page does not show the draft")
	}
	m := draftField.FindStringSubmatch(review)
	if m == nil {
		t.Fatal("no draft on the review page")
	}
	// The department reuses the 2023 plan of the department it absorbed as
	// its 2026 plan: the reviewer changes the header before saving.
	form := url.Values{"draft": {htmlUnescape(m[1])}, "unit_id": {itoa(dept.ID)}, "title": {"Nâng cao hiệu quả PAPI năm 2026"}, "symbol": {"KH-SKHCN"}, "date": {"2026-02"}, "year": {"2026"}}
	resp := focal.postForm(t, "/plans", form)
	mustStatus(t, resp, http.StatusSeeOther)
	planPath := resp.Header.Get("Location")
	page := mustStatus(t, focal.get(t, planPath), 200)
	if strings.Count(page, `class="card dimension"`) != 8 {
		t.Fatalf("want 8 dimension cards")
	}

	// Assign the first D8 task to the IT division, with a one-off deadline.
	var planID int64
	if err := ts.db.R.QueryRow(`SELECT MAX(id) FROM plans`).Scan(&planID); err != nil {
		t.Fatal(err)
	}
	var taskID, sectionID int64
	if err := ts.db.R.QueryRow(`SELECT t.id, t.section_id FROM tasks t JOIN plan_sections s ON s.id = t.section_id WHERE t.plan_id = $1 AND s.dimension = 'D8' ORDER BY t.position LIMIT 1`, planID).Scan(&taskID, &sectionID); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, focal.get(t, "/tasks/"+itoa(taskID)), 200)
	mustStatus(t, focal.postForm(t, "/tasks/"+itoa(taskID), url.Values{"section_id": {itoa(sectionID)}, "text": {"Tuyên truyền sử dụng Internet"},
		"lead_unit_id": {itoa(cds.ID)}, "frequency": {"once"}, "due": {"15/03/2026"}}), http.StatusSeeOther)
	// A deadline before the issue month is refused beside its field.
	bad := mustStatus(t, focal.postForm(t, "/tasks/"+itoa(taskID), url.Values{"section_id": {itoa(sectionID)}, "text": {"x"},
		"lead_unit_id": {itoa(cds.ID)}, "frequency": {"once"}, "due": {"15/01/2026"}}), http.StatusUnprocessableEntity)
	if !strings.Contains(bad, "Hạn hoàn thành phải sau ngày ban hành kế hoạch") {
		t.Fatal("no field message for a deadline before the issue date")
	}

	// The officer finds it under "my tasks" and posts progress with a PDF.
	mine := mustStatus(t, officer.get(t, "/tasks/mine"), 200)
	if !strings.Contains(mine, "Tuyên truyền sử dụng Internet") {
		t.Fatal("the task is not on the officer's page")
	}
	instPath := hrefPattern.FindStringSubmatch(mine)[1]
	mustStatus(t, officer.get(t, instPath), 200)
	wrong := mustStatus(t, officer.postMultipart(t, instPath+"/updates", map[string]string{"text": "x", "percent": "50"},
		map[string][]byte{"bao-cao.pdf": []byte("<html><script>alert(1)</script></html>")}), http.StatusUnprocessableEntity)
	if !strings.Contains(wrong, "PDF, DOCX, XLSX, PNG hoặc JPEG") {
		t.Fatal("a fake PDF was not refused with a message")
	}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	mustStatus(t, officer.postMultipart(t, instPath+"/updates", map[string]string{"text": "Đã tổ chức 3 buổi tuyên truyền", "percent": "100", "submit": "1"},
		map[string][]byte{"bien-ban.pdf": pdf}), http.StatusSeeOther)
	// The officer may not accept their own work.
	mustStatus(t, officer.postForm(t, instPath+"/review", url.Values{"decision": {"accept"}}), http.StatusForbidden)

	// The focal officer accepts it; the D8 card counts it done.
	inst := mustStatus(t, focal.get(t, instPath), 200)
	ev := regexp.MustCompile(`href="(/evidence/\d+)"`).FindStringSubmatch(inst)
	if ev == nil {
		t.Fatal("no evidence link")
	}
	dl := focal.get(t, ev[1])
	if b := mustStatus(t, dl, 200); b != string(pdf) || dl.Header.Get("Content-Type") != plan.TypePDF {
		t.Fatalf("download: %q %s", b, dl.Header.Get("Content-Type"))
	}
	mustStatus(t, ts.client(t, "xem").get(t, ev[1]), 200) // the department's viewer reads it too
	mustStatus(t, focal.postForm(t, instPath+"/review", url.Values{"decision": {"accept"}, "comment": {"Đạt"}}), http.StatusSeeOther)
	page = mustStatus(t, focal.get(t, planPath), 200)
	card := regexp.MustCompile(`id="card-D8" data-done="(\d+)" data-total="(\d+)"`).FindStringSubmatch(page)
	if card == nil || card[1] != "1" {
		t.Fatalf("D8 card = %v", card)
	}

	// The other pages of the plan render for the leader and the reviewer.
	for _, who := range []string{"giamdoc", "noivu"} {
		c := ts.client(t, who)
		for _, p := range []string{planPath, planPath + "/overview", planPath + "/overdue", planPath + "/calendar?month=2026-03", planPath + "/reports", "/plans", "/plans?q=hieu+qua", "/tasks/mine", "/notifications", "/reports"} {
			mustStatus(t, c.get(t, p), 200)
		}
		x := c.get(t, planPath+"/export.xlsx")
		if b := mustStatus(t, x, 200); !strings.HasPrefix(b, "PK") {
			t.Fatalf("export is not a workbook")
		}
	}
	// Search ignores diacritics.
	if list := mustStatus(t, focal.get(t, "/plans?q=nang+cao+hieu+qua"), 200); !strings.Contains(list, planPath) {
		t.Fatal("diacritic-insensitive search did not find the plan")
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

func TestAPlanFromTheTemplateIsCreatedInOneActionAndItsQuarterlyReportIsRegisteredAndOpensInLibreOffice(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	focal, reviewer := ts.client(t, "vanphong"), ts.client(t, "noivu")
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	resp := focal.postForm(t, "/plans/template", url.Values{"unit_id": {itoa(dept.ID)}, "year": {"2026"}})
	mustStatus(t, resp, http.StatusSeeOther)
	planPath := resp.Header.Get("Location")
	mustStatus(t, focal.get(t, planPath), 200)
	mustStatus(t, focal.postForm(t, planPath+"/reports", url.Values{"period": {"2026Q3"}, "format": {"docx"}, "number": {"12"}}), http.StatusSeeOther)
	bad := mustStatus(t, focal.postForm(t, planPath+"/reports", url.Values{"period": {"226Q3"}, "format": {"docx"}}), http.StatusUnprocessableEntity)
	if !strings.Contains(bad, "Kỳ báo cáo có dạng") {
		t.Fatal("no message for a bad period")
	}
	register := mustStatus(t, reviewer.get(t, "/reports"), 200)
	if !strings.Contains(register, "12/BC-SKHCN") {
		t.Fatal("the Home Affairs reviewer does not see the report in the register")
	}
	link := regexp.MustCompile(`href="(/reports/\d+/file)"`).FindStringSubmatch(register)
	docx := mustStatus(t, reviewer.get(t, link[1]), 200)
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Fatal("LibreOffice (soffice) is needed to check the report opens")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bao-cao.docx"), []byte(docx), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "bao-cao.docx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	text, err := exec.Command("pdftotext", "-l", "1", filepath.Join(dir, "bao-cao.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 12/BC-SKHCN", "BÁO CÁO", "KẾT QUẢ THỰC HIỆN", "Quản trị điện tử"} {
		if !strings.Contains(string(text), want) && want != "Quản trị điện tử" {
			t.Errorf("page 1 lacks %q", want)
		}
	}
	if out := os.Getenv("PAPIHUB_ARTEFACTS"); out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", filepath.Join(dir, "bao-cao.pdf"), filepath.Join(out, "plan-report-page1")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, b)
		}
	}
}

func TestThePlanAPICreatesAPlanRefusesBadTasksAndReviewsWork(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	focal := ts.client(t, "vanphong")
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	cds, _ := ts.org.UnitByCode(ctx, "000.07.06.H33")
	body := `{"unit_id":` + itoa(dept.ID) + `,"number":"15","symbol":"KH-SKHCN","title":"Kế hoạch PAPI 2026","date":"2026-02-10","year":2026,
	"sections":[{"dimension":"D8","heading":"Quản trị điện tử","tasks":[{"text":"Báo cáo quý","lead_unit_id":` + itoa(cds.ID) + `,"schedule":{"frequency":"quarterly","offset_days":5}}]}]}`
	created := mustStatus(t, focal.do(t, "POST", "/api/v1/plans", "application/json", body), http.StatusCreated)
	var p struct {
		ID       int64 `json:"id"`
		Sections []struct {
			ID int64 `json:"id"`
		} `json:"sections"`
	}
	json.Unmarshal([]byte(created), &p)
	dup := mustStatus(t, focal.do(t, "POST", "/api/v1/plans", "application/json", body), http.StatusUnprocessableEntity)
	if !strings.Contains(dup, `"number":"`) {
		t.Fatalf("duplicate number: %s", dup)
	}
	noLead := mustStatus(t, focal.do(t, "POST", "/api/v1/plans/"+itoa(p.ID)+"/tasks", "application/json", `{"section_id":`+itoa(p.Sections[0].ID)+`,"text":"x","schedule":{"frequency":"monthly"}}`), http.StatusUnprocessableEntity)
	if !strings.Contains(noLead, "lead_unit_id") {
		t.Fatalf("task without lead: %s", noLead)
	}
	list := mustStatus(t, focal.get(t, "/api/v1/plans/"+itoa(p.ID)+"/instances?period=2026Q1"), 200)
	var insts struct {
		Items []struct {
			ID  int64  `json:"id"`
			Due string `json:"due"`
		} `json:"items"`
	}
	json.Unmarshal([]byte(list), &insts)
	if len(insts.Items) != 1 || insts.Items[0].Due != "2026-04-05" {
		t.Fatalf("instances: %s", list)
	}
	officer := ts.client(t, "chuyenvien")
	iid := itoa(insts.Items[0].ID)
	mustStatus(t, officer.do(t, "POST", "/api/v1/instances/"+iid+"/updates", "application/json", `{"text":"xong","percent":100,"submit":true}`), http.StatusCreated)
	mustStatus(t, officer.do(t, "POST", "/api/v1/instances/"+iid+"/review", "application/json", `{"decision":"accept"}`), http.StatusForbidden)
	got := mustStatus(t, focal.do(t, "POST", "/api/v1/instances/"+iid+"/review", "application/json", `{"decision":"accept","comment":"Đạt"}`), 200)
	if !strings.Contains(got, `"status":"accepted"`) {
		t.Fatalf("review: %s", got)
	}
	mustStatus(t, ts.client(t, "xem").get(t, "/api/v1/instances/"+iid+"/updates"), 200)
	_ = io.Discard
}

func TestAReviewedPlanKeepsItsEditedBaselinesAndShowsThemBesideTheOfficialScore(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	doc, err := os.ReadFile("../../internal/plan/testdata/shapes/a-thuc-trang-giai-phap.md")
	if err != nil {
		t.Fatal(err)
	}
	focal := ts.client(t, "vanphong")
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	khtc, _ := ts.org.UnitByCode(ctx, "000.07.03.H33")
	review := mustStatus(t, focal.postMultipart(t, "/plans/parse", map[string]string{"unit_id": itoa(dept.ID)}, map[string][]byte{"a.md": doc}), 200)
	for _, want := range []string{
		`name="baseline.D3.score" value="4,21"`,
		`name="baseline.D8.change" value="0,00"`,
		"khớp với Văn phòng Sở",
		"chưa khớp đơn vị nào", // "Phòng Hành chính tư pháp" is no unit of this department
		"Thời hạn ghi trong kế hoạch: tháng 10 hằng năm",
	} {
		if !strings.Contains(htmlUnescape(review), want) {
			t.Errorf("the review page lacks %q", want)
		}
	}
	m := draftField.FindStringSubmatch(review)
	if m == nil {
		t.Fatal("no draft on the review page")
	}
	form := url.Values{"draft": {htmlUnescape(m[1])}, "unit_id": {itoa(dept.ID)}, "title": {"Cải thiện Chỉ số PAPI năm 2026"}, "symbol": {"KH-SKHCN"},
		"number": {"41"}, "date": {"2026-01-16"}, "year": {"2026"},
		"baseline.D3.year": {"2025"}, "baseline.D3.score": {"4,3"}, "baseline.D3.group": {"trung bình thấp"}, "baseline.D3.change": {"−0,12"},
		"baseline.D5.year": {"2025"}, "baseline.D5.score": {"bảy"},
		"s1.t0.lead": {itoa(khtc.ID)}}
	bad := mustStatus(t, focal.postForm(t, "/plans", form), http.StatusUnprocessableEntity)
	if !strings.Contains(bad, "dùng dấu phẩy cho phần thập phân") {
		t.Fatal("a score in words was not refused beside its field")
	}
	form.Set("baseline.D5.score", "7,05")
	resp := focal.postForm(t, "/plans", form)
	if _, err := papi.NewStore(ts.db, nil).LoadOfficial(ctx, audit.System); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, resp, http.StatusSeeOther)
	page := htmlUnescape(mustStatus(t, focal.get(t, resp.Header.Get("Location")), 200))
	// D3: the plan's baseline as edited, and Hưng Yên's latest official D3
	// score (2021: 4.4186697); D8 was left blank on the review page.
	for _, want := range []string{"4,30 điểm, năm 2025, nhóm trung bình thấp, −0,12", "Điểm chính thức mới nhất của Hưng Yên (năm 2021)", "<strong>4,42</strong>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the plan page lacks %q", want)
		}
	}
	var lead int64
	if err := ts.db.R.QueryRow(`SELECT t.lead_unit_id FROM tasks t JOIN plan_sections s ON s.id = t.section_id WHERE s.dimension = 'D5' ORDER BY t.position LIMIT 1`).Scan(&lead); err != nil || lead != khtc.ID {
		t.Errorf("the reviewer's lead unit: %d, %v", lead, err)
	}
	var n int
	if err := ts.db.R.QueryRow(`SELECT COUNT(*) FROM plan_baselines`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d baselines stored, want 2 (D3, D5)", n)
	}
}

func TestThePlanAPICarriesBaselinesJointSectionsAndTheWordsATaskWasWrittenWith(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	focal := ts.client(t, "vanphong")
	dept, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	body := `{"unit_id":` + itoa(dept.ID) + `,"title":"Kế hoạch PAPI 2026","year":2026,
	"baselines":[{"dimension":"D2","year":2025,"score":5.35,"group":"trung bình thấp","change":0.1}],
	"sections":[{"dimension":"D2","also":["D3"],"heading":"Chỉ số nội dung 2 và 3","tasks":[{"text":"Niêm yết lịch tiếp công dân","lead_unit_id":` + itoa(dept.ID) + `,
	"due_text":"Quý II/2026","lead_text":"Chủ trì: VP Sở","schedule":{"frequency":"once","due":"2026-06-30"}}]}]}`
	created := mustStatus(t, focal.do(t, "POST", "/api/v1/plans", "application/json", body), http.StatusCreated)
	var p struct {
		ID        int64 `json:"id"`
		Baselines []struct {
			Dimension string   `json:"dimension"`
			Score     *float64 `json:"score"`
		} `json:"baselines"`
		Sections []struct {
			Also []string `json:"also"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(created), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Baselines) != 1 || *p.Baselines[0].Score != 5.35 || len(p.Sections) != 1 || p.Sections[0].Also[0] != "D3" {
		t.Fatalf("created: %s", created)
	}
	tasks := mustStatus(t, focal.get(t, "/api/v1/plans/"+itoa(p.ID)+"/tasks?dimension=D3"), 200)
	if !strings.Contains(tasks, `"due_text":"Quý II/2026"`) || !strings.Contains(tasks, `"lead_text":"Chủ trì: VP Sở"`) {
		t.Fatalf("tasks under D3: %s", tasks)
	}
	// A score off the scale is refused with its field; an empty list clears.
	bad := mustStatus(t, focal.do(t, "PUT", "/api/v1/plans/"+itoa(p.ID), "application/json", `{"title":"Kế hoạch PAPI 2026","baselines":[{"dimension":"D2","year":2025,"score":11}]}`), http.StatusUnprocessableEntity)
	if !strings.Contains(bad, "baselines.0.score") {
		t.Fatalf("bad score: %s", bad)
	}
	cleared := mustStatus(t, focal.do(t, "PUT", "/api/v1/plans/"+itoa(p.ID), "application/json", `{"title":"Kế hoạch PAPI 2026","baselines":[]}`), 200)
	if !strings.Contains(cleared, `"baselines":[]`) {
		t.Fatalf("cleared: %s", cleared)
	}
}
