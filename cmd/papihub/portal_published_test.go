package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/legaldoc"
	"papihub/internal/plan"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/reception"
	"papihub/internal/report"
	"papihub/internal/tthc"
)

// TestWhatAnAgencyPublishedOverHTTP runs the checks of the surveys, answers,
// reports and feed on one portal server.
func TestWhatAnAgencyPublishedOverHTTP(t *testing.T) {
	ts, unit := newPortalServer(t)
	for _, c := range []struct {
		name string
		run  func(*testing.T, *testServer, tthc.UnitInfo)
	}{
		{"the surveys page links the open survey to the survey form and publishes last year's results", portalSurveysPage},
		{"a survey that is not closed, or another agency's, is not found", portalSurveyNotPublished},
		{"the answers page lists the published answer and its page shows it", portalAnswersPage},
		{"the feed is Atom with stable tag ids and Vietnamese titles", portalFeed},
		{"the plan's reports and the expired lists are in the feed, other reports are not", portalReportsInTheFeed},
		{"the sitemap and every page name the new pages", portalPublishedLinks},
		{"the JSON API says what the pages say, cached and readable from any origin", portalAPI},
		{"a change shows at once on the page, in the feed and in the API", portalPublishedChangeShowsAtOnce},
		{"with a public URL set, feed ids, links and the sitemap name it whatever Host a request carries", portalPublicURL},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, ts, unit) })
	}
}

var surveyLinkRe = regexp.MustCompile(`/cong-khai/[^/"]+/khao-sat/(\d+)`)

func portalSurveysPage(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	resp, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/khao-sat")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("surveys page = %d", resp.StatusCode)
	}
	last := "Khảo sát ý kiến người dân năm " + itoa(int64(time.Now().Year()-1))
	for _, want := range []string{`href="/khao-sat"`, last, "48 phiếu trả lời"} {
		if !strings.Contains(body, want) {
			t.Errorf("surveys page lacks %q", want)
		}
	}
	m := surveyLinkRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link to published results:\n%s", body)
	}
	resp, body = portalGet(t, ts, m[0])
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("results page %s = %d", m[0], resp.StatusCode)
	}
	// 48 respondents, 16 in each of three communes: every commune is
	// scored, and the eight PAPI dimensions are in the table.
	for _, want := range []string{last, `id="scores"`, "D8", "Xã Nghĩa Trụ", "Phường Phố Hiến", "Theo đơn vị", "Khoảng tin cậy 95%"} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	if strings.Contains(body, "NaN") {
		t.Error("results page shows NaN")
	}
	if _, body := portalGet(t, ts, m[0]+"?lang=en"); !strings.Contains(body, "By unit") || !strings.Contains(body, "95% confidence interval") {
		t.Error("results page in English lacks its headings")
	}
}

func portalSurveyNotPublished(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	_, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/khao-sat")
	m := surveyLinkRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no published survey")
	}
	var open int64
	if err := ts.db.R.QueryRowContext(context.Background(), `SELECT id FROM survey_forms WHERE status = 'open'`).Scan(&open); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/cong-khai/" + unit.Code + "/khao-sat/" + itoa(open), "/cong-khai/000.01.00.H33/khao-sat/" + m[1],
		"/cong-khai/" + unit.Code + "/khao-sat/0", "/cong-khai/" + unit.Code + "/khao-sat/abc", "/cong-khai/" + unit.Code + "/khao-sat/99999999999999999999"} {
		if resp, body := portalGet(t, ts, p); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Không tìm thấy trang") {
			t.Errorf("GET %s = %d, want the portal's 404", p, resp.StatusCode)
		}
	}
}

// The demo's published answer (reception.LoadDemo).
const demoAnswer = "Sở đã công khai số đường dây nóng 0221.3xxx.xxx tại trang chủ cổng thông tin."

var answerLinkRe = regexp.MustCompile(`/cong-khai/[^/"]+/tra-loi/(\d+)`)

func portalAnswersPage(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	resp, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/tra-loi")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, demoAnswer) {
		t.Fatalf("answers page = %d, answer shown %v", resp.StatusCode, strings.Contains(body, demoAnswer))
	}
	// The demo's other cases (a complaint being verified, a denunciation
	// assigned) are not published.
	if n := len(answerLinkRe.FindAllString(body, -1)); n != 1 {
		t.Errorf("%d answers listed, want 1", n)
	}
	m := answerLinkRe.FindStringSubmatch(body)
	resp, body = portalGet(t, ts, m[0])
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, demoAnswer) || !strings.Contains(body, "Trả lời kiến nghị, công khai ngày") {
		t.Fatalf("answer page %s = %d\n%s", m[0], resp.StatusCode, body)
	}
	for _, p := range []string{"/cong-khai/000.01.00.H33/tra-loi/" + m[1], "/cong-khai/" + unit.Code + "/tra-loi/999999", "/cong-khai/" + unit.Code + "/tra-loi/-1"} {
		if resp, _ := portalGet(t, ts, p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, resp.StatusCode)
		}
	}
	for _, p := range []string{"/cong-khai/" + unit.Code + "/tra-loi?page=0", "/cong-khai/" + unit.Code + "/tra-loi?page=1001"} {
		if resp, _ := portalGet(t, ts, p); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", p, resp.StatusCode)
		}
	}
}

// feedDoc is what the tests read of an Atom document.
type feedDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID       string `xml:"id"`
		Title    string `xml:"title"`
		Updated  string `xml:"updated"`
		Category struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Link struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func getFeed(t *testing.T, ts *testServer, path string, header ...string) (*http.Response, feedDoc) {
	t.Helper()
	resp, body := portalGet(t, ts, path, header...)
	var f feedDoc
	if resp.StatusCode == http.StatusOK {
		if err := xml.Unmarshal([]byte(body), &f); err != nil {
			t.Fatalf("%s is not Atom: %v\n%s", path, err, body)
		}
	}
	return resp, f
}

func portalFeed(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	path := "/cong-khai/" + unit.Code + "/atom.xml"
	resp, f := getFeed(t, ts, path)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if f.Lang != "vi" || f.Title != "Sở Khoa học và Công nghệ: thông tin mới công bố" || !strings.HasPrefix(f.ID, "tag:127.0.0.1,2008-08-01:cong-khai/"+unit.Code) {
		t.Errorf("feed head: lang %q title %q id %q", f.Lang, f.Title, f.ID)
	}
	terms := map[string]int{}
	for _, e := range f.Entries {
		terms[e.Category.Term]++
		if !strings.HasPrefix(e.ID, "tag:127.0.0.1,") || !strings.HasPrefix(e.Link.Href, ts.URL+"/cong-khai/"+unit.Code+"/") || e.Updated == "" {
			t.Errorf("entry %+v", e)
		}
		if e.Category.Term == "answer" && (e.Summary != demoAnswer || !strings.HasPrefix(e.Title, "Trả lời kiến nghị ngày ")) {
			t.Errorf("answer entry %+v", e)
		}
	}
	// The demo publishes one answer and the legal register's documents.
	if terms["answer"] != 1 || terms["legal"] == 0 {
		t.Errorf("entries by kind %v", terms)
	}
	// A document in force is found on the documents' page by its number;
	// one that ended whole (the demo's directive 03/CT-UBND) on the list of
	// the year it ended.
	for _, e := range f.Entries {
		switch {
		case strings.HasPrefix(e.Title, "03/CT-UBND") && !strings.Contains(e.Link.Href, "/van-ban/het-hieu-luc?nam=20"):
			t.Errorf("the expired directive links to %s", e.Link.Href)
		case strings.HasPrefix(e.Title, "20/2025/QĐ-UBND") && !strings.HasSuffix(e.Link.Href, "/van-ban?q=20%2F2025%2FQ%C4%90-UBND"):
			t.Errorf("the decision in force links to %s", e.Link.Href)
		}
	}
	// The same feed read again has the same ids.
	_, again := getFeed(t, ts, path)
	for i := range again.Entries {
		if again.Entries[i].ID != f.Entries[i].ID {
			t.Fatalf("entry %d: id %s, then %s", i, f.Entries[i].ID, again.Entries[i].ID)
		}
	}
	if resp, _ := portalGet(t, ts, path, "If-None-Match", resp.Header.Get("ETag")); resp.StatusCode != http.StatusNotModified {
		t.Errorf("the feed asked again with its tag = %d, want 304", resp.StatusCode)
	}
	if resp, f := getFeed(t, ts, path+"?lang=en"); resp.StatusCode != http.StatusOK || f.Lang != "en" || f.Title != "Sở Khoa học và Công nghệ: newly published" {
		t.Errorf("English feed: %d %q %q", resp.StatusCode, f.Lang, f.Title)
	}
	if resp, _ := portalGet(t, ts, "/cong-khai/KHONG.CO/atom.xml"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown agency's feed = %d", resp.StatusCode)
	}
}

// issueReport issues a report of kind for the unit, as the plan or legal
// register would.
func issueReport(t *testing.T, ts *testServer, unitID int64, kind, title string, sourceID int64, period string) report.Issued {
	t.Helper()
	x, err := report.NewRegister(ts.db, ts.deps.dataDir, nil).Issue(context.Background(), audit.CLI(), report.Issued{Kind: kind, SourceID: sourceID,
		UnitID: unitID, Title: title, Number: "7/BC-SKHCN", Period: period, Format: "docx", FileName: "bao-cao.docx"}, []byte("PK nội dung của "+title))
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func portalReportsInTheFeed(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	onPlan := issueReport(t, ts, unit.ID, plan.ReportKind, "Báo cáo kết quả thực hiện Kế hoạch PAPI quý III", 41, "2026Q3")
	list := issueReport(t, ts, unit.ID, legaldoc.KindExpiredList, "Danh mục văn bản hết hiệu lực năm 2025", 0, "2025")
	issueReport(t, ts, unit.ID, reception.KindReport, "Báo cáo công tác tiếp công dân quý III", 0, "2026Q3")
	_, f := getFeed(t, ts, "/cong-khai/"+unit.Code+"/atom.xml")
	base := ts.URL + "/cong-khai/" + unit.Code
	want := map[string]string{
		base + "/ke-hoach/41/bao-cao/" + itoa(onPlan.ID): "Báo cáo 7/BC-SKHCN: Báo cáo kết quả thực hiện Kế hoạch PAPI quý III",
		base + "/van-ban/het-hieu-luc?nam=2025":          "Báo cáo 7/BC-SKHCN: Danh mục văn bản hết hiệu lực năm 2025",
	}
	for _, e := range f.Entries {
		if strings.Contains(e.Title, "tiếp công dân") {
			t.Errorf("the feed publishes an internal report: %+v", e)
		}
		if title, ok := want[e.Link.Href]; ok && e.Category.Term != "legal" {
			if e.Title != title || !strings.HasSuffix(e.ID, "bao-cao/"+itoa(onPlan.ID)) && !strings.HasSuffix(e.ID, "bao-cao/"+itoa(list.ID)) {
				t.Errorf("entry %+v", e)
			}
			delete(want, e.Link.Href)
		}
	}
	if len(want) > 0 {
		t.Errorf("the feed lacks %v", want)
	}
}

func portalPublishedLinks(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	base := "/cong-khai/" + unit.Code
	_, sitemap := portalGet(t, ts, "/cong-khai/sitemap.xml")
	for _, want := range []string{base + "/khao-sat</loc>", base + "/tra-loi</loc>", base + "/tra-loi/", base + "/khao-sat/"} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("the sitemap lacks %s", want)
		}
	}
	if _, robots := portalGet(t, ts, "/robots.txt"); !strings.Contains(robots, "Allow: /api/v1/public/agencies\n") {
		t.Errorf("robots.txt does not let the portal's API be read:\n%s", robots)
	}
	if _, css := portalGet(t, ts, "/cong-khai/static/portal.css"); !strings.Contains(css, "@media print") || !strings.Contains(css, "thead { display: table-header-group; }") {
		t.Error("the stylesheet has no print rules for tables")
	}
	for _, p := range []string{base, base + "/thu-tuc", base + "/tra-loi", base + "/khao-sat"} {
		_, body := portalGet(t, ts, p)
		for _, want := range []string{`<link rel="alternate" type="application/atom+xml"`, `href="` + base + `/atom.xml"`,
			`<meta property="og:url" content="` + ts.URL + p + `">`, `<meta property="og:description"`, `<meta property="og:locale" content="vi_VN">`,
			`href="` + base + `/khao-sat"`, `href="` + base + `/tra-loi"`, `<p class="print-url">In từ ` + ts.URL + p + `</p>`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s lacks %s", p, want)
			}
		}
	}
}

func portalPublishedChangeShowsAtOnce(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	ctx := context.Background()
	base := "/cong-khai/" + unit.Code
	tags := map[string]string{}
	api := "/api/v1/public/agencies/" + unit.Code
	watched := []string{base + "/tra-loi", base + "/atom.xml", base + "/van-ban", api + "/answers", api + "/reports", api + "/legal/documents"}
	for _, p := range watched {
		resp, _ := portalGet(t, ts, p)
		tags[p] = resp.Header.Get("ETag")
	}
	changed := func(what string, want map[string]string) {
		t.Helper()
		for p, text := range want {
			resp, body := portalGet(t, ts, p, "If-None-Match", tags[p])
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, text) {
				t.Errorf("after %s, GET %s = %d, shows %q: %v", what, p, resp.StatusCode, text, strings.Contains(body, text))
			}
			tags[p] = resp.Header.Get("ETag")
		}
	}

	// An answer published.
	rs := receptionStore(ts.deps)
	officer, err := ts.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	today := rs.Today()
	id, err := rs.CreateEntry(ctx, audit.CLI(), reception.Entry{UnitID: unit.ID, ReceivedOn: today, Channel: reception.Online, Kind: reception.Reflection,
		People: 1, Summary: "Phản ánh đèn đường hỏng", Handling: reception.Accepted, HandledOn: today, Anonymous: true})
	if err != nil {
		fe, _ := web.AsValidation(err)
		t.Fatal(err, fe)
	}
	e, err := rs.Entry(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	const answer = "Đèn đường đã được thay mới & kiểm tra <toàn tuyến>."
	for _, st := range []reception.Step{{To: reception.StAssigned, HandlerID: officer.ID}, {To: reception.StDrafted},
		{To: reception.StAnswered, Answer: answer, Public: true}, {To: reception.StPublished}} {
		st.On = today
		if _, err := rs.Step(ctx, audit.CLI(), e.CaseID, st); err != nil {
			t.Fatalf("step %s: %v", st.To, err)
		}
	}
	escaped := "Đèn đường đã được thay mới &amp; kiểm tra &lt;toàn tuyến&gt;."
	changed("an answer published", map[string]string{base + "/tra-loi": escaped, base + "/atom.xml": escaped, api + "/answers": answer})

	// A report issued.
	issueReport(t, ts, unit.ID, plan.ReportKind, "Báo cáo sơ kết 6 tháng", 41, "2026S1")
	changed("a report issued", map[string]string{base + "/atom.xml": "Báo cáo sơ kết 6 tháng", api + "/reports": "Báo cáo sơ kết 6 tháng"})

	// A document added to the register.
	ls := legaldoc.NewStore(ts.db, nil)
	if _, err := ls.CreateDocument(ctx, audit.CLI(), legaldoc.Document{UnitID: unit.ID, Number: "99/2026/QĐ-UBND", Type: "Quyết định",
		Title: "Quy định về đèn đường", IssuingBody: "UBND tỉnh Hưng Yên", IssuedOn: today.AddDate(0, 0, -10), EffectiveFrom: today.AddDate(0, 0, -1)}); err != nil {
		fe, _ := web.AsValidation(err)
		t.Fatal(err, fe)
	}
	changed("a document added", map[string]string{base + "/atom.xml": "99/2026/QĐ-UBND Quy định về đèn đường", base + "/van-ban": "99/2026/QĐ-UBND",
		api + "/legal/documents": "99/2026/QĐ-UBND"})
}

func portalAPI(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	api := "/api/v1/public/agencies/" + unit.Code
	getJSON := func(path string, v any, header ...string) *http.Response {
		t.Helper()
		resp, body := portalGet(t, ts, path, header...)
		if resp.StatusCode != http.StatusNotModified && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if v != nil && resp.StatusCode == http.StatusOK {
			if err := json.Unmarshal([]byte(body), v); err != nil {
				t.Fatalf("GET %s: %v\n%s", path, err, body)
			}
		}
		return resp
	}

	// The agency, its sections and the procedures found without diacritics,
	// as the page finds them.
	var ag struct {
		Code, Name string
		Sections   []struct{ Name, Href string }
	}
	resp := getJSON(api, &ag)
	if resp.StatusCode != http.StatusOK || ag.Name != "Sở Khoa học và Công nghệ" || len(ag.Sections) < 6 {
		t.Fatalf("agency: %d %+v", resp.StatusCode, ag)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" || resp.Header.Get("ETag") == "" || resp.Header.Get("Last-Modified") == "" {
		t.Errorf("agency headers: %v", resp.Header)
	}
	if resp := getJSON(api, nil, "If-None-Match", resp.Header.Get("ETag")); resp.StatusCode != http.StatusNotModified {
		t.Errorf("asked again with its tag: %d, want 304", resp.StatusCode)
	}
	for _, s := range ag.Sections {
		if resp := getJSON(s.Href, nil); resp.StatusCode != http.StatusOK {
			t.Errorf("section %s (%s) = %d", s.Name, s.Href, resp.StatusCode)
		}
	}
	procs, _, err := tthc.NewStore(ts.db, nil, nil).Procedures(context.Background(), tthc.ProcedureFilter{Scope: unit.Path, OrderBy: "code", Limit: 1})
	if err != nil || len(procs) == 0 {
		t.Fatal(err)
	}
	words := strings.Fields(procs[0].Name)
	typed := vn.Fold(strings.Join(words[:min(3, len(words))], " "))
	var list struct {
		Items []struct{ Code, Name string }
		Page  int
	}
	getJSON(api+"/procedures?q="+strings.ReplaceAll(typed, " ", "+"), &list)
	found := false
	for _, p := range list.Items {
		found = found || p.Code == procs[0].Code
	}
	_, page := portalGet(t, ts, "/cong-khai/"+unit.Code+"/thu-tuc?q="+strings.ReplaceAll(typed, " ", "+"))
	if !found || !strings.Contains(page, "/thu-tuc/"+procs[0].Code) || list.Page != 1 {
		t.Errorf("search %q: in the API %v, on the page %v", typed, found, strings.Contains(page, "/thu-tuc/"+procs[0].Code))
	}
	var proc struct {
		Code  string
		Parts []bool
		Stats struct{ Received int64 }
	}
	if resp := getJSON(api+"/procedures/"+procs[0].Code, &proc); resp.StatusCode != http.StatusOK || proc.Code != procs[0].Code || len(proc.Parts) != 7 {
		t.Errorf("procedure: %d %+v", resp.StatusCode, proc)
	}

	// The index the page shows.
	var ix struct {
		Total, Max float64
		Groups     []struct{ NameVi string }
	}
	getJSON(api+"/index", &ix)
	_, indexPage := portalGet(t, ts, "/cong-khai/"+unit.Code+"/chi-so")
	if len(ix.Groups) == 0 || !strings.Contains(indexPage, vn.FormatDecimal(ix.Total, 2)+"/"+vn.FormatDecimal(ix.Max, 0)) {
		t.Errorf("index %v/%v not on the page", ix.Total, ix.Max)
	}

	// The surveys, last year's results with the small cells suppressed, and
	// the published answer.
	var surveys struct {
		Items []struct {
			ID   int64
			Open bool
		}
		Form string
	}
	getJSON(api+"/surveys", &surveys)
	var closed int64
	for _, s := range surveys.Items {
		if !s.Open {
			closed = s.ID
		}
	}
	if len(surveys.Items) != 2 || closed == 0 || surveys.Form != "/khao-sat" {
		t.Fatalf("surveys %+v", surveys)
	}
	var res struct {
		N          int
		MinCell    int `json:"min_cell"`
		Total      *struct{ Score float64 }
		Breakdowns []struct {
			Column string
			Groups []struct {
				N          int
				Suppressed bool
			}
		}
	}
	getJSON(api+"/surveys/"+itoa(closed)+"?lang=en", &res)
	if res.N != 48 || res.MinCell != 10 || res.Total == nil || len(res.Breakdowns) == 0 {
		t.Fatalf("results %+v", res)
	}
	for _, b := range res.Breakdowns {
		for _, g := range b.Groups {
			if g.Suppressed != (g.N == 0) || (!g.Suppressed && g.N < 10) {
				t.Errorf("%s: a cell of %d, suppressed %v", b.Column, g.N, g.Suppressed)
			}
		}
	}
	var answers struct {
		Items []struct {
			ID     int64
			Answer string
		}
	}
	getJSON(api+"/answers", &answers)
	if len(answers.Items) == 0 || answers.Items[len(answers.Items)-1].Answer != demoAnswer {
		t.Fatalf("answers %+v", answers)
	}
	var one struct{ Answer string }
	if getJSON(api+"/answers/"+itoa(answers.Items[0].ID), &one); one.Answer != answers.Items[0].Answer {
		t.Errorf("answer %d: %q", answers.Items[0].ID, one.Answer)
	}

	// Unknown records are a JSON 404, odd parameters a JSON 400.
	for _, p := range []string{"/api/v1/public/agencies/KHONG.CO", "/api/v1/public/agencies/000.07.01.H33", api + "/procedures/9.999999",
		api + "/surveys/999999", api + "/answers/0", api + "/answers/abc", api + "/legal/expired?year=2100"} {
		var e struct{ Error struct{ Code string } }
		if resp := getJSON(p, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, resp.StatusCode)
		} else if _, body := portalGet(t, ts, p); json.Unmarshal([]byte(body), &e) != nil || e.Error.Code != "not_found" {
			t.Errorf("GET %s: %s", p, body)
		}
	}
	for _, p := range []string{api + "/procedures?page=0", api + "/procedures?q=%ff", api + "/answers?page=1001", api + "/legal/expired?year=1999",
		api + "/procedures?q=" + strings.Repeat("x", 201)} {
		if resp := getJSON(p, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", p, resp.StatusCode)
		}
	}
	// The open survey's results are not published.
	for _, s := range surveys.Items {
		if s.Open {
			if resp := getJSON(api+"/surveys/"+itoa(s.ID), nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("the open survey's results = %d", resp.StatusCode)
			}
		}
	}
}

func portalPublicURL(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	if err := web.SetPublicOrigin("https://congkhai.hungyen.gov.vn"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { web.SetPublicOrigin("") })
	get := func(path, host string) string {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s (Host %s) = %d", path, host, resp.StatusCode)
		}
		return body
	}
	base := "/cong-khai/" + unit.Code
	for _, host := range []string{"evil.example", "10.1.2.3:8080"} {
		feed := get(base+"/atom.xml", host)
		page := get(base, host)
		sitemap := get("/cong-khai/sitemap.xml", host)
		for what, body := range map[string]string{"feed": feed, "page": page, "sitemap": sitemap} {
			if strings.Contains(body, strings.Split(host, ":")[0]) {
				t.Errorf("the %s names the request's host %s", what, host)
			}
		}
		if !strings.Contains(feed, "<id>tag:congkhai.hungyen.gov.vn,2008-08-01:cong-khai/"+unit.Code+"</id>") ||
			!strings.Contains(feed, `href="https://congkhai.hungyen.gov.vn`+base) {
			t.Errorf("the feed does not name the public URL:\n%.600s", feed)
		}
		if !strings.Contains(page, `content="https://congkhai.hungyen.gov.vn`+base) || !strings.Contains(sitemap, "<loc>https://congkhai.hungyen.gov.vn"+base) {
			t.Error("the page's Open Graph address or the sitemap does not name the public URL")
		}
	}
}
