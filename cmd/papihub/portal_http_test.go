package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/secret"
	"papihub/internal/platform/vn"
	"papihub/internal/tthc"
)

// newPortalServer is the test server with the demo department's catalogue,
// a few hundred dossiers of this year, its legal register, its reception
// register and its surveys.
func newPortalServer(t *testing.T) (*testServer, tthc.UnitInfo) {
	t.Helper()
	ts := newTestServer(t)
	return ts, loadPortalData(t, ts)
}

// loadPortalData loads what newPortalServer describes into ts.
func loadPortalData(t testing.TB, ts *testServer) tthc.UnitInfo {
	t.Helper()
	ctx := context.Background()
	box, err := secret.New(make([]byte, 32)) // the test server's key
	if err != nil {
		t.Fatal(err)
	}
	d := deps{db: ts.db, org: ts.org, secret: box}.complete()
	if err := loadLegalDemo(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := loadReceptionDemo(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := loadSurveyDemo(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := loadPortalDemo(ctx, d); err != nil {
		t.Fatal(err)
	}
	loadPortalPlanReport(t, ts)
	s := tthc.NewStore(ts.db, box, nil)
	unit, err := s.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := s.GenerateInto(ctx, audit.System, unit, 13, 400, tthc.GenerateOptions{Year: now.Year(), Procedures: 12},
		func(x *tthc.Dossier) bool { return x.AsOf(now) }, nil); err != nil {
		t.Fatal(err)
	}
	return unit
}

// TestThePublicPortalOverHTTP runs the portal's checks on one server.
func TestThePublicPortalOverHTTP(t *testing.T) {
	ts, unit := newPortalServer(t)
	for _, c := range []struct {
		name string
		run  func(*testing.T, *testServer, tthc.UnitInfo)
	}{
		{"every page of the agency answers without an account", portalEveryPageAnswersAnonymously},
		{"a search without diacritics finds the procedure and its page links to the look-up", portalSearchWithoutDiacritics},
		{"unknown agencies and procedures get one plain not-found page", portalUnknownIsNotFound},
		{"odd query strings get a clean 400", portalOddQueriesAre400},
		{"a page asked again with its tag costs a 304", portalConditionalRequests},
		{"a procedure edited shows on the portal at once", portalAnEditShowsAtOnce},
		{"the index page shows the internal index's figures", portalIndexMatchesTheInternalIndex},
		{"a merged agency's page says where it went", portalMergedAgency},
		{"the reception page posts the schedule with the receiving leader", portalReceptionSchedule},
		{"the sitemap names every procedure's page and robots.txt points to it", portalSitemap},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, ts, unit) })
	}
}

func portalGet(t *testing.T, ts *testServer, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

func portalEveryPageAnswersAnonymously(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	base := "/cong-khai/" + unit.Code
	for _, p := range []string{"/cong-khai", "/cong-khai?lang=en", base, base + "/thu-tuc", base + "/chi-so", base + "/van-ban",
		base + "/van-ban/het-hieu-luc", base + "/tra-cuu", base + "?lang=en"} {
		resp, body := portalGet(t, ts, p)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", p, resp.StatusCode)
			continue
		}
		if !strings.Contains(body, `<html lang="`) || !strings.Contains(body, `<main id="main">`) {
			t.Errorf("GET %s: not a portal page", p)
		}
		if strings.Contains(p, "lang=en") != strings.Contains(body, `<html lang="en">`) {
			t.Errorf("GET %s: wrong language", p)
		}
	}
	_, body := portalGet(t, ts, base)
	for _, want := range []string{"Sở Khoa học và Công nghệ", "Văn phòng Sở", "Cơ cấu tổ chức", "/100"} {
		if !strings.Contains(body, want) {
			t.Errorf("agency home lacks %q", want)
		}
	}
}

func portalSearchWithoutDiacritics(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	ctx := context.Background()
	s := tthc.NewStore(ts.db, nil, nil)
	procs, _, err := s.Procedures(ctx, tthc.ProcedureFilter{Scope: unit.Path})
	if err != nil || len(procs) == 0 {
		t.Fatalf("procedures: %v %d", err, len(procs))
	}
	p := procs[0]
	words := strings.Fields(p.Name)
	typed := vn.Fold(strings.Join(words[:min(3, len(words))], " "))
	resp, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/thu-tuc?q="+strings.ReplaceAll(typed, " ", "+"))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "/thu-tuc/"+p.Code) {
		t.Fatalf("search %q: %d, no link to %s", typed, resp.StatusCode, p.Code)
	}
	resp, body = portalGet(t, ts, "/cong-khai/"+unit.Code+"/thu-tuc/"+p.Code)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, p.Name) || !strings.Contains(body, "/cong-khai/"+unit.Code+"/tra-cuu") {
		t.Fatalf("procedure page: %d\n%s", resp.StatusCode, body)
	}
}

func portalUnknownIsNotFound(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	for _, p := range []string{"/cong-khai/KHONG.CO", "/cong-khai/" + unit.Code + "/thu-tuc/9.999999",
		"/cong-khai/" + unit.Code + "/thu-tuc/abc'%20OR%201=1", "/cong-khai/KHONG.CO/tra-cuu", "/cong-khai/KHONG.CO/van-ban"} {
		resp, body := portalGet(t, ts, p)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Không tìm thấy trang") || strings.Contains(body, "goroutine") {
			t.Errorf("GET %s = %d, want the portal's 404", p, resp.StatusCode)
		}
	}
	// A division (the demo department's office) has no portal of its own.
	if resp, _ := portalGet(t, ts, "/cong-khai/000.07.01.H33"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a division's portal = %d, want 404", resp.StatusCode)
	}
}

func portalOddQueriesAre400(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	base := "/cong-khai/" + unit.Code
	for _, p := range []string{base + "/thu-tuc?page=99999999999999999999", base + "/thu-tuc?page=-1", base + "/van-ban?page=abc",
		base + "/van-ban/het-hieu-luc?nam=1800", base + "/thu-tuc?q=%ff%fe", base + "/thu-tuc?q=a%00b",
		base + "/thu-tuc?q=" + strings.Repeat("x", 300), base + "/thu-tuc?q=%zz"} {
		resp, body := portalGet(t, ts, p)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Yêu cầu không hợp lệ") {
			t.Errorf("GET %s = %d, want 400", p, resp.StatusCode)
		}
	}
	resp, _ := portalGet(t, ts, base+"/thu-tuc?q=%27%20OR%201%3D1%20--%20%3Cscript%3E")
	if resp.StatusCode != http.StatusOK {
		t.Errorf("an injection attempt = %d, want a clean page", resp.StatusCode)
	}
}

func portalConditionalRequests(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	p := "/cong-khai/" + unit.Code + "/thu-tuc"
	resp, _ := portalGet(t, ts, p)
	etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if etag == "" || lm == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "public") {
		t.Fatalf("headers: %v", resp.Header)
	}
	if resp, _ := portalGet(t, ts, p, "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match = %d, want 304", resp.StatusCode)
	}
	if resp, _ := portalGet(t, ts, p, "If-Modified-Since", lm); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since = %d, want 304", resp.StatusCode)
	}
	if resp, _ := portalGet(t, ts, p, "If-None-Match", `"other"`); resp.StatusCode != http.StatusOK {
		t.Errorf("another tag = %d, want 200", resp.StatusCode)
	}
}

func portalAnEditShowsAtOnce(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	ctx := context.Background()
	s := tthc.NewStore(ts.db, nil, nil)
	procs, _, err := s.Procedures(ctx, tthc.ProcedureFilter{Scope: unit.Path, OrderBy: "code"})
	if err != nil {
		t.Fatal(err)
	}
	p := procs[len(procs)-1]
	page := "/cong-khai/" + unit.Code + "/thu-tuc/" + p.Code
	resp, _ := portalGet(t, ts, page)
	etag := resp.Header.Get("ETag")
	p.Name = "Thủ tục vừa được sửa tên"
	if err := s.UpdateProcedure(ctx, audit.CLI(), p); err != nil {
		t.Fatal(err)
	}
	resp, body := portalGet(t, ts, page, "If-None-Match", etag)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Thủ tục vừa được sửa tên") {
		t.Fatalf("after the edit: %d, new name shown: %v", resp.StatusCode, strings.Contains(body, "vừa được sửa"))
	}
}

func portalIndexMatchesTheInternalIndex(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	rep, err := tthc.NewStore(ts.db, nil, nil).Index(context.Background(), unit, tthc.MonthOf(time.Now()), tthc.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/chi-so")
	if total := vn.FormatDecimal(rep.Result.Total, 2); !strings.Contains(body, total+"/100") {
		t.Fatalf("index page lacks the total %s", total)
	}
	for _, g := range rep.Result.Groups {
		if !strings.Contains(body, g.NameVi) {
			t.Errorf("index page lacks group %s", g.NameVi)
		}
	}
}

func portalMergedAgency(t *testing.T, ts *testServer, _ tthc.UnitInfo) {
	ctx := context.Background()
	units, err := ts.org.Units(ctx, org.UnitFilter{IncludeClosed: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.SuccessorID == 0 {
			continue
		}
		succ, err := ts.org.Unit(ctx, u.SuccessorID)
		if err != nil {
			t.Fatal(err)
		}
		resp, body := portalGet(t, ts, "/cong-khai/"+u.Code)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "/cong-khai/"+succ.Code) || !strings.Contains(body, "thôi hoạt động") {
			t.Fatalf("merged %s: %d, no link to %s", u.Name, resp.StatusCode, succ.Name)
		}
		return
	}
	t.Fatal("the demo has no merged agency")
}

func portalReceptionSchedule(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	head, err := ts.org.UserByUsername(context.Background(), "giamdoc")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := portalGet(t, ts, "/cong-khai/"+unit.Code+"/tiep-cong-dan")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Lịch tiếp công dân") || !strings.Contains(body, head.FullName) {
		t.Fatalf("reception page: %d, head %q shown: %v", resp.StatusCode, head.FullName, strings.Contains(body, head.FullName))
	}
	_, home := portalGet(t, ts, "/cong-khai/"+unit.Code)
	if !strings.Contains(home, "/cong-khai/"+unit.Code+"/tiep-cong-dan") {
		t.Error("the agency's menu has no reception entry")
	}
}

func portalSitemap(t *testing.T, ts *testServer, unit tthc.UnitInfo) {
	procs, _, err := tthc.NewStore(ts.db, nil, nil).Procedures(context.Background(), tthc.ProcedureFilter{Scope: unit.Path})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := portalGet(t, ts, "/cong-khai/sitemap.xml")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("sitemap: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, p := range procs {
		if want := "<loc>" + ts.URL + "/cong-khai/" + unit.Code + "/thu-tuc/" + p.Code + "</loc>"; !strings.Contains(body, want) {
			t.Fatalf("the sitemap lacks %s", want)
		}
	}
	if strings.Contains(body, "/tra-cuu") || strings.Contains(body, "/gop-y") {
		t.Error("the sitemap lists a look-up or a form")
	}
	resp, body = portalGet(t, ts, "/robots.txt")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Sitemap: "+ts.URL+"/cong-khai/sitemap.xml") || !strings.Contains(body, "Allow: /cong-khai\n") || !strings.Contains(body, "Disallow: /\n") {
		t.Fatalf("robots.txt: %d\n%s", resp.StatusCode, body)
	}
}
