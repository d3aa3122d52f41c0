package portal

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
)

// fakePublished answers the portal's sources for what an agency published
// with fixed records whose texts hold what HTML, XML and JSON must escape.
type fakePublished struct{ day time.Time }

func (f fakePublished) Surveys(ctx context.Context, a org.Unit) ([]Survey, error) {
	return []Survey{{ID: 1, Title: "Khảo sát <mở> & \"đang chạy\"", Unit: a.Name, Open: true, Responses: 3, Created: f.day},
		{ID: 2, Title: "Khảo sát năm trước", Unit: a.Name, Responses: 48, Created: f.day}}, nil
}

func (f fakePublished) Results(ctx context.Context, a org.Unit, id int64, lang string) (SurveyResults, error) {
	if id != 2 {
		return SurveyResults{}, ErrNotFound
	}
	e := &Estimate{Score: 6.5, Low: 6, High: 7}
	return SurveyResults{Survey: Survey{ID: 2, Title: "Khảo sát năm trước", Unit: a.Name, Responses: 48}, N: 48, MinCell: 10, Total: e,
		Dimensions: []SurveyDimension{{Code: "D1", Name: "Tham gia", Score: e, Subdimensions: []SurveyDimension{{Code: "D1.1", Score: nil}}}},
		Breakdowns: []SurveyBreakdown{{Column: "unit", Label: "unit", Groups: []SurveyGroup{{Value: "Xã <A>", N: 40, Total: e,
			Dimensions: []SurveyDimension{{Code: "D1", Score: e}}}, {Value: "Xã B", Suppressed: true}}}}, Computed: f.day}, nil
}

func (f fakePublished) Answers(ctx context.Context, a org.Unit, page, perPage int) ([]Answer, bool, error) {
	if page > 1 {
		return nil, false, nil
	}
	return []Answer{{ID: 7, Kind: "petition", Unit: a.Name, Received: f.day, Answered: f.day, Published: f.day, Text: "Đã sửa <đèn> & \"biển\"\nDòng hai."}}, false, nil
}

func (f fakePublished) Answer(ctx context.Context, a org.Unit, id int64) (Answer, error) {
	if id != 7 {
		return Answer{}, ErrNotFound
	}
	list, _, _ := f.Answers(ctx, a, 1, 1)
	return list[0], nil
}

func (f fakePublished) Issued(ctx context.Context, a org.Unit, limit int) ([]Report, error) {
	return []Report{{ID: 3, Kind: "plan", SourceID: 5, Title: "Báo cáo <quý>", Number: "1/BC", Unit: a.Name, IssuedOn: f.day, Created: f.day, Format: "docx"},
		{ID: 4, Kind: "legal_expired", Title: "Danh mục", Period: "2025", Unit: a.Name, IssuedOn: f.day, Created: f.day, Format: "xlsx"}}, nil
}

func (f fakePublished) InForce(ctx context.Context, a org.Unit, q string, page, perPage int) ([]LegalDocument, bool, error) {
	return []LegalDocument{{Number: "1/2026/QĐ-UBND", Type: "Quyết định", Title: "Quy định <mới>", Status: "in_force"}}, false, nil
}

func (f fakePublished) Expired(ctx context.Context, a org.Unit, year int) (ExpiredList, error) {
	return ExpiredList{Year: year}, nil
}

func (f fakePublished) Recent(ctx context.Context, a org.Unit, limit int) ([]RecentDocument, error) {
	return []RecentDocument{{LegalDocument: LegalDocument{Number: "1/2026/QĐ-UBND", Type: "Quyết định", Title: "Quy định <mới>", Status: "in_force"},
		ID: 9, Created: f.day, Updated: f.day}}, nil
}

// newPublishedServer is the portal of the demo organisation with the fake
// sources, at a fixed day.
func newPublishedServer(t testing.TB) *httptest.Server {
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, Migrations)
	units := org.NewStore(conn, nil)
	if _, err := units.LoadDemo(context.Background(), "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)
	fake := fakePublished{day: day}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	app := web.NewApp(web.NewRenderer(log, nil), nil, log, nil)
	Routes(app, conn, units, Sources{Surveys: fake, Answers: fake, Reports: fake, Legal: fake}, func() time.Time { return day.Add(3 * time.Hour) })
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return srv
}

// publishedPaths are the pages, the feed and the API reads of what an
// agency published, and a few that must not be found.
var publishedPaths = []string{
	"/cong-khai/000.07.00.H33/khao-sat", "/cong-khai/000.07.00.H33/khao-sat/2", "/cong-khai/000.07.00.H33/khao-sat/1",
	"/cong-khai/000.07.00.H33/tra-loi", "/cong-khai/000.07.00.H33/tra-loi/7", "/cong-khai/000.07.00.H33/atom.xml",
	"/api/v1/public/agencies", "/api/v1/public/agencies/000.07.00.H33", "/api/v1/public/agencies/000.07.00.H33/surveys",
	"/api/v1/public/agencies/000.07.00.H33/surveys/2", "/api/v1/public/agencies/000.07.00.H33/answers",
	"/api/v1/public/agencies/000.07.00.H33/answers/7", "/api/v1/public/agencies/000.07.00.H33/reports",
	"/api/v1/public/agencies/000.07.00.H33/legal/documents", "/api/v1/public/agencies/000.07.00.H33/legal/expired",
	"/api/v1/public/agencies/000.07.00.H33/procedures", "/api/v1/public/agencies/KHONG.CO/answers", "/cong-khai/KHONG.CO/atom.xml",
}

// checkPublished fails on an answer the portal should never give: a 5xx,
// a status other than 200, 400 or 404, or a body that is not what its type
// says.
func checkPublished(t *testing.T, srv *httptest.Server, path, rawQuery string) {
	t.Helper()
	u := srv.URL + path
	if rawQuery != "" {
		u += "?" + rawQuery
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return // not a request a client could send
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK, http.StatusBadRequest, http.StatusNotFound:
	default:
		t.Fatalf("GET %s = %d\n%s", u, resp.StatusCode, body)
	}
	ctype := resp.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(path, "/api/"):
		if !strings.HasPrefix(ctype, "application/json") || !json.Valid(body) {
			t.Fatalf("GET %s: %s is not JSON: %s", u, ctype, body)
		}
		// (A query with a NUL is refused by web.App before the portal
		// sees it, without the portal's headers.)
		if resp.Header.Get("Access-Control-Allow-Origin") != "*" && resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("GET %s: no CORS header", u)
		}
	case strings.HasSuffix(path, ".xml") && resp.StatusCode == http.StatusOK:
		var f atomFeed
		if err := xml.Unmarshal(body, &f); err != nil {
			t.Fatalf("GET %s: not XML: %v", u, err)
		}
	default:
		if !strings.HasPrefix(ctype, "text/html") || !strings.Contains(string(body), "<main") {
			t.Fatalf("GET %s: not a portal page (%s)", u, ctype)
		}
	}
}

func TestPublishedPagesFeedAndAPIAnswerCleanly(t *testing.T) {
	srv := newPublishedServer(t)
	for _, p := range publishedPaths {
		for _, q := range []string{"", "lang=en", "page=2", "page=0", "q=%ff", "year=1999", "nam=2025"} {
			checkPublished(t, srv, p, q)
		}
	}
	// Text is escaped once in each format.
	get := func(path string) string {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	for path, want := range map[string]string{
		"/cong-khai/000.07.00.H33/tra-loi/7":                  "<p>Đã sửa &lt;đèn&gt; &amp; &#34;biển&#34;</p><p>Dòng hai.</p>",
		"/cong-khai/000.07.00.H33/atom.xml":                   "Đã sửa &lt;đèn&gt; &amp; &#34;biển&#34;&#xA;Dòng hai.",
		"/api/v1/public/agencies/000.07.00.H33/answers/7":     `"answer":"Đã sửa <đèn> & \"biển\"\nDòng hai."`,
		"/cong-khai/000.07.00.H33/khao-sat/2":                 "Xã &lt;A&gt;",
		"/api/v1/public/agencies/000.07.00.H33/surveys/2":     `{"value":"Xã B","suppressed":true}`,
		"/api/v1/public/agencies/000.07.00.H33/reports":       `"page":"/cong-khai/000.07.00.H33/ke-hoach/5/bao-cao/3"`,
		"/api/v1/public/agencies/000.07.00.H33/legal/expired": `{"year":2025,"whole":[],"partly":[]}`,
	} {
		if body := get(path); !strings.Contains(body, want) {
			t.Errorf("GET %s lacks %s:\n%s", path, want, body)
		}
	}
	if body := get("/api/v1/public/agencies/000.07.00.H33/reports"); !strings.Contains(body, `"page":"/cong-khai/000.07.00.H33/van-ban/het-hieu-luc?nam=2025"`) {
		t.Errorf("the expired list's page: %s", body)
	}
}

// FuzzPublishedQueryParameters feeds the query string of every page, feed
// and API read of what an agency published: each answers 200, 400 or 404,
// in its own format, never a 5xx.
func FuzzPublishedQueryParameters(f *testing.F) {
	for _, s := range []string{"", "q=cap+phep&page=2&lang=en", "page=99999999999999", "q=%ff%fe", "year=2025", "nam=2101",
		"q=%27%20OR%201=1--", "&&==", "q=%zz", "lang=en&lang=vi", "page=1000", "q=" + strings.Repeat("%C4%91", 201)} {
		f.Add(uint8(0), s)
	}
	srv := newPublishedServer(f)
	f.Fuzz(func(t *testing.T, which uint8, raw string) {
		if strings.ContainsAny(raw, "# \x00\r\n") {
			return // not a query string a client sends as is
		}
		checkPublished(t, srv, publishedPaths[int(which)%len(publishedPaths)], raw)
	})
}
