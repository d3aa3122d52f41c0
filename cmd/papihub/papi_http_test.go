package main

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/papi"
	"papihub/internal/platform/web"
)

// newPapiServer is the test server with the official results 2011–2021
// loaded, as `serve --demo` loads them.
func newPapiServer(t *testing.T) *testServer {
	t.Helper()
	ts := newTestServer(t)
	if _, err := papi.NewStore(ts.db, nil).LoadOfficial(context.Background(), audit.System); err != nil {
		t.Fatal(err)
	}
	return ts
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s does not contain %q", what, w)
		}
	}
}

func TestTheStandingPageOpensOnTheUsersProvinceInTheLatestYear(t *testing.T) {
	ts := newPapiServer(t)
	resp := ts.client(t, "chuyenvien").get(t, "/papi")
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /papi: %d\n%s", resp.StatusCode, body)
	}
	mustContain(t, "the standing page", body,
		"Vị thế PAPI của Hưng Yên năm 2021",
		"hạng 5/60",
		"45,37",                        // the total, the Vietnamese way
		`<tr id="D3">`, `<tr id="D8">`, // anchors a plan's dimension card links to
		`href="/papi?province=H%C6%B0ng%20Y%C3%AAn&amp;year=2021#D3"`,
		`<svg`, `class="chart chart-radar"`, // the radar chart, drawn on the server
		"Cao nhất từng chỉ số", "Trung vị cả nước",
		"Tổng 6 chỉ số (2011–2017)", "Tổng 8 chỉ số (từ 2018)", // the two totals kept apart
		"không so sánh (6 → 8 chỉ số)", // 2018 against 2017
		"Quản trị điện tử",
	)
	if strings.Contains(body, "papi.") {
		t.Errorf("the page shows a message key instead of its text:\n%s", excerpt(body, "papi."))
	}
}

func TestTheStandingPageOrdersDimensionsByTheGapToTheBest(t *testing.T) {
	ts := newPapiServer(t)
	body := readBody(t, ts.client(t, "xem").get(t, "/papi?province=hung+yen&year=2021"))
	results, _, err := papi.ReadResultsCSV(strings.NewReader(papi.OfficialResultsCSV))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := papi.MatchProvince("Hưng Yên", 2021)
	s, err := papi.StandingOf(results, p, 2021)
	if err != nil {
		t.Fatal(err)
	}
	last := -1
	for _, d := range s.ByGain() {
		at := strings.Index(body, `<tr id="`+d.Code+`">`)
		if at < last {
			t.Fatalf("%s appears before the dimension with a larger gap", d.Code)
		}
		last = at
	}
}

func TestAWithheldProvinceShowsDashesAndNoRankNeverZero(t *testing.T) {
	ts := newPapiServer(t)
	body := readBody(t, ts.client(t, "xem").get(t, "/papi?province=B%E1%BA%AFc+Ninh&year=2021"))
	mustContain(t, "Bắc Ninh 2021", body, "không xếp hạng", "—", "không phải điểm 0")
	if strings.Contains(body, `data-testid="total">0,00`) {
		t.Error("a withheld total is shown as 0")
	}
}

func TestASixDimensionYearSaysSo(t *testing.T) {
	ts := newPapiServer(t)
	body := readBody(t, ts.client(t, "xem").get(t, "/papi?province=H%C6%B0ng+Y%C3%AAn&year=2014"))
	mustContain(t, "Hưng Yên 2014", body, "hạng 39/61", "Năm 2014 PAPI có 6 chỉ số nội dung", "trên thang 6–60")
	if strings.Contains(body, `<tr id="D7">`) {
		t.Error("a 2014 standing lists D7, which did not exist")
	}
}

func TestAnUnknownProvinceOrYearIsNotFoundWithAMessage(t *testing.T) {
	ts := newPapiServer(t)
	c := ts.client(t, "xem")
	for path, want := range map[string]string{
		"/papi?province=Atlantis&year=2021": "Không tìm thấy tỉnh, thành phố này.",
		"/papi?province=Hung+Yen&year=1999": "Không có kết quả chính thức của năm này.",
		"/papi/provinces?year=1999":         "Không có kết quả chính thức của năm này.",
	} {
		resp := c.get(t, path)
		if body := readBody(t, resp); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, want) {
			t.Errorf("%s: %d, want 404 saying %q", path, resp.StatusCode, want)
		}
	}
}

func TestTheStandingPageSpeaksEnglishWhenAsked(t *testing.T) {
	ts := newPapiServer(t)
	c := ts.client(t, "xem")
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/papi?province=Hung+Yen&year=2021", nil)
	req.AddCookie(&http.Cookie{Name: web.LangCookie, Value: web.LangEN})
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	mustContain(t, "the English standing page", readBody(t, resp), "PAPI standing of Hưng Yên in 2021", "rank 5 of 60", "Gap to best")
}

func TestTheProvincesTableSearchesWithoutDiacriticsAndSortsByAnyColumn(t *testing.T) {
	ts := newPapiServer(t)
	c := ts.client(t, "xem")
	body := readBody(t, c.get(t, "/papi/provinces?year=2021&q=hung+yen"))
	mustContain(t, "the search for hung yen", body, ">Hưng Yên</a>", `data-filter="#provinces"`, "1 tỉnh, thành phố")
	if strings.Contains(body, ">Hà Nội</a>") {
		t.Error("the search for hung yen lists Hà Nội")
	}

	body = readBody(t, c.get(t, "/papi/provinces?year=2021&sort=D3&dir=desc"))
	mustContain(t, "the table sorted by D3", body, `aria-sort="descending"`, "63 tỉnh, thành phố")
	results, _, _ := papi.ReadResultsCSV(strings.NewReader(papi.OfficialResultsCSV))
	rows := papi.Table(results, 2021)
	if err := papi.SortTable(rows, "D3", true); err != nil {
		t.Fatal(err)
	}
	first, second := strings.Index(body, ">"+rows[0].Province.Name+"</a>"), strings.Index(body, ">"+rows[1].Province.Name+"</a>")
	if first < 0 || second < 0 || first > second {
		t.Errorf("sorted by D3 descending, %s should come before %s", rows[0].Province.Name, rows[1].Province.Name)
	}
	// Withheld provinces sort last and show a dash.
	last := rows[len(rows)-1].Province.Name
	if at := strings.Index(body, ">"+last+"</a>"); at < second {
		t.Errorf("%s (no D3) is not at the end", last)
	}
	mustContain(t, "the table sorted by D3", body, "không phải điểm 0")
}

func TestTheProvincesTableOfASixDimensionYearHasSixDimensionColumns(t *testing.T) {
	ts := newPapiServer(t)
	body := readBody(t, ts.client(t, "xem").get(t, "/papi/provinces?year=2015"))
	mustContain(t, "the 2015 table", body, "Năm 2015 PAPI có 6 chỉ số nội dung", ">D6")
	if strings.Contains(body, ">D7") {
		t.Error("the 2015 table has a D7 column")
	}
}

// upload posts a file to the import page as a browser would.
func upload(t *testing.T, c *client, name, content string) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	mw.Close()
	resp := c.do(t, http.MethodPost, "/papi/import", mw.FormDataContentType(), buf.String())
	return resp, readBody(t, resp)
}

func TestABadUploadIsRefusedWholeWithEveryRowAndColumn(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "vanphong")
	if body := readBody(t, c.get(t, "/papi/import")); !strings.Contains(body, "data-progress") || !strings.Contains(body, "<progress hidden") {
		t.Errorf("the import form has no upload progress:\n%s", body)
	}
	resp, body := upload(t, c, "sai.csv", "province,year,D1,D2,D3,D4,D5,D6,D7,D8,total\n"+
		"Hưng Yên,2021,5.1,5.2,5.3,5.4,5.5,5.6,5.7,5.8,43.6\n"+
		"Atlantis,2021,5,5,5,5,5,5,5,5,40\n"+
		"Hà Nam,2021,5,11,5,5,5,5,5,5,40\n")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: %d, want 422", resp.StatusCode)
	}
	mustContain(t, "the refusal", body,
		"Tệp sai.csv bị từ chối: 2 dòng có lỗi, không dòng nào được nhập.",
		`aria-invalid="true"`,
		`<td class="num">3</td><td><code>province</code></td>`,
		`<td class="num">4</td><td><code>D2</code></td>`,
		"không có tỉnh &#34;Atlantis&#34;", "điểm chỉ số nội dung 11 nằm ngoài khoảng 1–10")
	if rows, err := papi.NewStore(ts.db, nil).Results(context.Background()); err != nil || len(rows) != 0 {
		t.Errorf("after a refused upload the store holds %d rows (%v), want none", len(rows), err)
	}
}

func TestAGoodUploadIsImportedAndAReuploadChangesNothing(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "giamdoc")
	resp, body := upload(t, c, papi.OfficialResultsFile, papi.OfficialResultsCSV)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d\n%s", resp.StatusCode, body)
	}
	mustContain(t, "the first upload", body, "693 dòng mới, 0 dòng cập nhật, 0 dòng không đổi")
	_, body = upload(t, c, papi.OfficialResultsFile, papi.OfficialResultsCSV)
	mustContain(t, "the second upload", body, "0 dòng mới, 0 dòng cập nhật, 693 dòng không đổi")
	if body := readBody(t, c.get(t, "/papi?province=Hung+Yen")); !strings.Contains(body, "hạng 5/60") {
		t.Error("the standing page does not show the uploaded results")
	}
}

func TestAnUploadWithoutAFileAsksForOne(t *testing.T) {
	ts := newTestServer(t)
	resp := ts.client(t, "admin").postForm(t, "/papi/import", nil)
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Vui lòng chọn một tệp CSV hoặc XLSX.") {
		t.Errorf("no file: %d, want 422 asking for a file", resp.StatusCode)
	}
}

func TestTheStandingPageWithoutResultsInvitesAnImport(t *testing.T) {
	ts := newTestServer(t)
	if body := readBody(t, ts.client(t, "vanphong").get(t, "/papi")); !strings.Contains(body, "Chưa có kết quả PAPI chính thức") || !strings.Contains(body, `href="/papi/import"`) {
		t.Errorf("empty standing page:\n%s", body)
	}
	if body := readBody(t, ts.client(t, "xem").get(t, "/papi")); strings.Contains(body, `href="/papi/import"`) {
		t.Error("a viewer is offered the import page")
	}
}

func TestTheStandingAPIAnswersWithTheCLIJSON(t *testing.T) {
	ts := newPapiServer(t)
	resp := ts.client(t, "xem").get(t, "/api/v1/papi/standing?province=H%C6%B0ng%20Y%C3%AAn&year=2021")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("standing API: %d", resp.StatusCode)
	}
	var got struct {
		Province   string   `json:"province"`
		Year       int      `json:"year"`
		Total      *float64 `json:"total"`
		Rank, Of   int
		Dimensions []struct {
			Code      string   `json:"code"`
			Score     *float64 `json:"score"`
			Rank      int      `json:"rank"`
			Best      *float64 `json:"best"`
			Median    *float64 `json:"median"`
			GapToBest *float64 `json:"gap_to_best"`
		} `json:"dimensions"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Province != "Hưng Yên" || got.Year != 2021 || got.Rank != 5 || got.Of != 60 || got.Total == nil || *got.Total != 45.36588668823242 {
		t.Errorf("standing = %+v; want Hưng Yên 2021, 45.36588668823242, 5 of 60", got)
	}
	if len(got.Dimensions) != 8 || got.Dimensions[2].Code != "D3" || got.Dimensions[2].GapToBest == nil || got.Dimensions[2].Best == nil {
		t.Errorf("dimensions = %+v; want D1..D8 with gaps", got.Dimensions)
	}

	for path, status := range map[string]int{
		"/api/v1/papi/standing":                             http.StatusBadRequest,
		"/api/v1/papi/standing?province=Atlantis":           http.StatusUnprocessableEntity,
		"/api/v1/papi/standing?province=Hung+Yen&year=1999": http.StatusNotFound,
	} {
		resp := ts.client(t, "xem").get(t, path)
		var e struct {
			Error web.APIError `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || resp.StatusCode != status || e.Error.Code == "" {
			t.Errorf("%s: %d %+v (%v), want %d with an error code", path, resp.StatusCode, e, err, status)
		}
	}
}

func TestTheResultsAPIPagesThroughAYearInRankOrder(t *testing.T) {
	ts := newPapiServer(t)
	c := ts.client(t, "xem")
	type page struct {
		Items []struct {
			Province   string              `json:"province"`
			Era        int                 `json:"era"`
			Rank       *int                `json:"rank"`
			Total      *float64            `json:"total"`
			Dimensions map[string]*float64 `json:"dimensions"`
		} `json:"items"`
		More bool `json:"more"`
	}
	var seen []string
	withheld := 0
	for n := 1; ; n++ {
		var p page
		resp := c.get(t, "/api/v1/papi/results?year=2021&per_page=25&page="+itoa(int64(n)))
		if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
			t.Fatal(err)
		}
		for _, it := range p.Items {
			if len(seen) == 0 && (it.Rank == nil || *it.Rank != 1 || it.Province != "Thừa Thiên Huế") {
				t.Errorf("first item = %+v, want Thừa Thiên Huế ranked 1", it)
			}
			if it.Rank == nil {
				withheld++
				if it.Total != nil {
					t.Errorf("%s has a total but no rank", it.Province)
				}
			}
			if it.Era != 63 || len(it.Dimensions) != 8 {
				t.Errorf("%s: era %d, %d dimensions; want 63 and 8", it.Province, it.Era, len(it.Dimensions))
			}
			seen = append(seen, it.Province)
		}
		if !p.More {
			break
		}
	}
	if len(seen) != 63 || withheld != 3 {
		t.Errorf("paged through %d provinces with %d withheld; want 63 with 3 (Bắc Giang, Bắc Ninh, Quảng Ninh)", len(seen), withheld)
	}
}

func excerpt(body, near string) string {
	i := strings.Index(body, near)
	if i < 0 {
		return ""
	}
	return body[max(0, i-200):min(len(body), i+200)]
}
