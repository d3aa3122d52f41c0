package main

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"papihub/internal/survey"
)

// surveyServer is the test server with the demo surveys loaded, and the
// open one: the built-in form of the Department of Science and Technology,
// with the demo codes and 36 responses (last year's round is closed).
func surveyServer(t *testing.T) (*testServer, survey.StoredForm) {
	t.Helper()
	ts := newTestServer(t)
	if err := loadSurveyDemo(context.Background(), deps{db: ts.db, org: ts.org}.complete()); err != nil {
		t.Fatal(err)
	}
	store := survey.NewStore(ts.db, nil)
	dept, err := ts.org.UnitByCode(t.Context(), demoSurveyDepartment)
	if err != nil {
		t.Fatal(err)
	}
	forms, _, err := store.Forms(t.Context(), dept.Path, 10, 0)
	if err != nil || len(forms) != 2 || forms[0].Status != survey.StatusOpen || forms[1].Status != survey.StatusClosed {
		t.Fatalf("demo forms: %v, %v", forms, err)
	}
	sf, err := store.Form(t.Context(), forms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return ts, sf
}

func responseCount(t *testing.T, ts *testServer, formID int64) int {
	t.Helper()
	rs, err := survey.NewStore(ts.db, nil).Responses(t.Context(), formID)
	if err != nil {
		t.Fatal(err)
	}
	return len(rs)
}

// answersFor answers every unconditional question of the form with its
// first choice, and "no" to the questions that open a follow-up.
func answersFor(f *survey.Form) url.Values {
	v := url.Values{}
	for _, q := range f.Questions {
		if q.Type == survey.SelectOne && q.Relevant.IsZero() {
			v.Set(q.Name, f.Choices[q.ListName][0].Name)
		}
	}
	for _, opener := range []string{"d3_contacted", "d5_certified", "d5_commune_used"} {
		v.Set(opener, "2")
	}
	return v
}

func TestTheInvitationCodeOpensTheSurveyInVietnamese(t *testing.T) {
	ts, _ := surveyServer(t)
	c := ts.client(t, "")
	resp := c.postForm(t, "/khao-sat", url.Values{"code": {"demo1 khsat"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/khao-sat/DEMO1KHSAT" {
		t.Fatalf("code entry: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp = c.get(t, "/khao-sat/DEMO1KHSAT")
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("survey page: %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{"Khảo sát ý kiến người dân theo chỉ số PAPI", `type="radio" name="sex" value="male"`, "Giới tính", "<fieldset", "Gửi câu trả lời"} {
		if !strings.Contains(body, want) {
			t.Errorf("survey page lacks %q", want)
		}
	}
	if resp := c.get(t, "/khao-sat/KHONG-CO-MA"); resp.StatusCode != http.StatusNotFound || !strings.Contains(readBody(t, resp), "Mã mời không đúng") {
		t.Fatalf("unknown code: %d", resp.StatusCode)
	}
}

func TestAValidAnswerIsStoredOnceAndTheCodeIsThenUsedUp(t *testing.T) {
	ts, sf := surveyServer(t)
	c := ts.client(t, "")
	before := responseCount(t, ts, sf.ID)
	resp := c.postForm(t, "/khao-sat/DEMO2-KHSAT", answersFor(sf.Form))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/khao-sat/cam-on" {
		t.Fatalf("submit: %d\n%s", resp.StatusCode, readBody(t, resp))
	}
	if got := responseCount(t, ts, sf.ID); got != before+1 {
		t.Fatalf("%d responses, want %d", got, before+1)
	}
	if body := readBody(t, c.get(t, "/khao-sat/cam-on")); !strings.Contains(body, "Xin cảm ơn") {
		t.Fatal("no thank-you page")
	}
	resp = c.postForm(t, "/khao-sat/DEMO2-KHSAT", answersFor(sf.Form))
	if resp.StatusCode != http.StatusConflict || !strings.Contains(readBody(t, resp), "đã được dùng") {
		t.Fatalf("second answer with the code: %d", resp.StatusCode)
	}
	if got := responseCount(t, ts, sf.ID); got != before+1 {
		t.Fatalf("a used code stored another response: %d", got)
	}
}

func TestAnInvalidAnswerGetsFieldErrorsInVietnameseAndNothingIsStored(t *testing.T) {
	ts, sf := surveyServer(t)
	c := ts.client(t, "")
	before := responseCount(t, ts, sf.ID)
	answers := answersFor(sf.Form)
	answers.Del("sex")                  // required
	answers.Set("age_group", "200_300") // not a choice
	answers.Set("d3_contacted", "1")    // so the follow-up is asked, and required
	resp := c.postForm(t, "/khao-sat/DEMO3-KHSAT", answers)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid answer: %d", resp.StatusCode)
	}
	for _, want := range []string{`id="sex-err"`, "Câu này bắt buộc trả lời", `id="age_group-err"`, `id="d3_contact_resolved-err"`, "Có 3 câu cần xem lại"} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q", want)
		}
	}
	// The answers given are kept on the page.
	if !regexp.MustCompile(`name="d3_contacted" value="1" checked`).MatchString(body) {
		t.Error("the page lost the answers given")
	}
	if got := responseCount(t, ts, sf.ID); got != before {
		t.Fatalf("an invalid answer was stored: %d responses", got)
	}
	// The code still works.
	if resp := c.get(t, "/khao-sat/DEMO3-KHSAT"); resp.StatusCode != http.StatusOK {
		t.Fatalf("the code is spent after an invalid answer: %d", resp.StatusCode)
	}
}

func TestTheResultsPageScoresTheDimensionsAndHidesSmallGroups(t *testing.T) {
	ts, sf := surveyServer(t)
	resp := ts.client(t, "giamdoc").get(t, "/surveys/"+itoa(sf.ID)+"/results")
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("results: %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{"Số người trả lời: 36", "D8", "Quản trị điện tử", "<svg", "Theo đơn vị", "Xã Nghĩa Trụ", "Nhóm tuổi"} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	// 36 respondents in five age groups: some hold fewer than 10 and are not scored.
	if !strings.Contains(body, "dưới 10 người trả lời") {
		t.Error("small age groups are not marked as fewer than 10 respondents")
	}
	// Another department's viewer may not read it.
	if resp := ts.client(t, "noivu").get(t, "/surveys/"+itoa(sf.ID)+"/results"); resp.StatusCode != http.StatusOK {
		t.Fatalf("Home Affairs reviewer reads every agency: %d", resp.StatusCode)
	}
}

func TestTheFormPageMakesInvitationCodesShownOnceWithACSV(t *testing.T) {
	ts, sf := surveyServer(t)
	c := ts.client(t, "vanphong")
	if body := readBody(t, c.get(t, "/surveys")); !strings.Contains(body, sf.Title) {
		t.Fatal("the list does not show the demo survey")
	}
	resp := c.postForm(t, "/surveys/"+itoa(sf.ID)+"/invitations", url.Values{"count": {"3"}})
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "data:text/csv;charset=utf-8;base64,") {
		t.Fatalf("invitations: %d\n%s", resp.StatusCode, body)
	}
	codes := regexp.MustCompile(`<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>`).FindAllStringSubmatch(body, -1)
	if len(codes) != 3 {
		t.Fatalf("%d codes shown, want 3", len(codes))
	}
	if resp := ts.client(t, "").get(t, "/khao-sat/"+codes[0][1]); resp.StatusCode != http.StatusOK {
		t.Fatalf("a new code does not open the survey: %d", resp.StatusCode)
	}
	if body := readBody(t, c.get(t, "/surveys/"+itoa(sf.ID))); strings.Contains(body, codes[0][1]) {
		t.Fatal("the codes are shown again")
	}
	// A viewer reads the form but may not make codes.
	if resp := ts.client(t, "xem").postForm(t, "/surveys/"+itoa(sf.ID)+"/invitations", url.Values{"count": {"3"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("viewer making codes: %d", resp.StatusCode)
	}
}

func TestTheBuiltInTemplateBecomesANewDraftForm(t *testing.T) {
	ts, _ := surveyServer(t)
	c := ts.client(t, "vanphong")
	if resp := c.get(t, "/surveys/new"); resp.StatusCode != http.StatusOK {
		t.Fatalf("new form page: %d", resp.StatusCode)
	}
	dept, _ := ts.org.UnitByCode(t.Context(), demoSurveyDepartment)
	resp := c.postForm(t, "/surveys", url.Values{"unit_id": {itoa(dept.ID)}, "builtin": {"1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", resp.StatusCode, readBody(t, resp))
	}
	loc := resp.Header.Get("Location")
	body := readBody(t, c.get(t, loc))
	if !strings.Contains(body, "Nháp") || !strings.Contains(body, "D3.1.1") {
		t.Fatalf("the new form page lacks its status or bindings:\n%s", body)
	}
	// A unit outside the focal point's department is refused.
	province, _ := ts.org.UnitByCode(t.Context(), "000.00.00.H33")
	if resp := c.postForm(t, "/surveys", url.Values{"unit_id": {itoa(province.ID)}, "builtin": {"1"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("form for the province by a department's focal point: %d", resp.StatusCode)
	}
}

func TestTheExportDownloadHasNoIdentifyingColumns(t *testing.T) {
	ts, sf := surveyServer(t)
	resp := ts.client(t, "vanphong").get(t, "/surveys/"+itoa(sf.ID)+"/export?format=csv")
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	header := strings.SplitN(strings.TrimPrefix(body, "\ufeff"), "\n", 2)[0]
	if !strings.HasPrefix(header, "stt,don_vi,sex,age_group") {
		t.Fatalf("header = %s", header)
	}
	for _, leak := range []string{"demo-", "instance", "uuid", "submitted", "DEMO1"} {
		if strings.Contains(body, leak) {
			t.Errorf("export holds %q", leak)
		}
	}
	if n := strings.Count(strings.TrimSpace(body), "\n"); n != 36 {
		t.Fatalf("%d rows, want 36", n)
	}
}

// xlsformBytes writes a three-sheet XLSForm.
func xlsformBytes(t *testing.T, survey, choices, settings [][]any) []byte {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	for i, s := range []struct {
		name string
		rows [][]any
	}{{"survey", survey}, {"choices", choices}, {"settings", settings}} {
		if i == 0 {
			if err := wb.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := wb.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := wb.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// uploadForm posts an XLSForm to the new-form page.
func (c *client) uploadForm(t *testing.T, unitID int64, name string, data []byte) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	mw.WriteField("unit_id", itoa(unitID))
	w, _ := mw.CreateFormFile("file", name)
	w.Write(data)
	mw.Close()
	return c.do(t, http.MethodPost, "/surveys", mw.FormDataContentType(), buf.String())
}

// A form KoboToolbox accepts imports with its warnings listed on its page,
// and a form with an error shows the errors apart from the warnings.
func TestAnUploadedFormShowsItsWarningsOnItsPage(t *testing.T) {
	ts, _ := surveyServer(t)
	c := ts.client(t, "vanphong")
	dept, _ := ts.org.UnitByCode(t.Context(), demoSurveyDepartment)
	survey := [][]any{
		{"type", "name", "label::Tiếng Việt (vi)", "label::English (en)", "relevant", "module name", "body::accuracyThreshold", "$kuid"},
		{"select_one yn", "used", "Có dùng?", "Used?", "", "A", "", "k1"},
		{"integer", "times", "Mấy lần?", "How often?", "${used} = ‘1’", "A", "", "k2"},
		{"calculate", "code", "", "", "", "A", "", "k3"},
		{"geopoint", "where", "Ở đâu?", "Where?", "", "A", "10", "k4"},
	}
	choices := [][]any{{"list_name", "name", "label"}, {"yn", "1", "Có"}, {"yn", "2", "Không"}}
	settings := [][]any{{"form_id", "form_title"}, {"kobo_test", "Khảo sát từ Kobo"}}
	// The calculate has no calculation: an error, shown apart from the warnings.
	resp := c.uploadForm(t, dept.ID, "kobo.xlsx", xlsformBytes(t, survey, choices, settings))
	body := mustStatus(t, resp, http.StatusUnprocessableEntity)
	errBox, warnBox := section(body, `id="form-errors"`), section(body, `id="form-warnings"`)
	if !strings.Contains(errBox, "thiếu công thức") || strings.Contains(errBox, "module name") ||
		!strings.Contains(warnBox, "module name") || !strings.Contains(warnBox, "dấu nháy cong") {
		t.Fatalf("errors %q\nwarnings %q", errBox, warnBox)
	}

	survey[3] = []any{"calculate", "code", "", "", "", "A", "", "k3", "once(uuid())"}
	survey[0] = append(survey[0], "calculation")
	resp = c.uploadForm(t, dept.ID, "kobo.xlsx", xlsformBytes(t, survey, choices, settings))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", resp.StatusCode, readBody(t, resp))
	}
	page := readBody(t, c.get(t, resp.Header.Get("Location")))
	warnings := section(page, `id="form-warnings"`)
	for _, want := range []string{"Cảnh báo khi nhập biểu mẫu (3)", "module name, body::accuracyThreshold, $kuid", "uuid()", "dấu nháy cong"} {
		if !strings.Contains(warnings, want) {
			t.Errorf("the form page's warnings lack %q:\n%s", want, warnings)
		}
	}
	if !strings.Contains(page, "kèm cảnh báo") {
		t.Error("no message says the form was imported with warnings")
	}
}

// section returns the HTML from the element with the attribute to the end
// of its block, or "".
func section(body, attr string) string {
	i := strings.Index(body, attr)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest, "</table>"); j >= 0 {
		return rest[:j]
	}
	return rest
}
