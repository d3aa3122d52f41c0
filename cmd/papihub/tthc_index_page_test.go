package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/web"
	"papihub/internal/tthc"
)

// The index page's content is kept per unit, period, language and scope
// (tthc handler.indexPages): two leaders of different agencies opening the
// same address each see their own agency, a count entered shows at once to
// every user of the agency, and each language keeps its own page.
func TestTheKeptIndexPageFollowsTheUserTheLanguageAndTheLatestCount(t *testing.T) {
	ts := newTestServer(t)
	ctx := t.Context()
	home, _ := ts.org.UnitByCode(ctx, "000.01.00.H33") // Sở Nội vụ
	science, _ := ts.org.UnitByCode(ctx, "000.07.00.H33")
	if _, err := ts.org.CreateUser(ctx, audit.System, org.UserInput{Username: "giamdocnv", FullName: "Lê Văn Nam",
		UnitID: home.ID, Roles: []org.Role{org.RoleLeader}, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	science1, home1 := ts.client(t, "giamdoc"), ts.client(t, "giamdocnv")
	const page = "/tthc?period=2026Q1"
	for range 2 { // the second time from the kept pages
		mustContain(t, "the science leader's index", readBody(t, science1.get(t, page)), "Sở Khoa học và Công nghệ (000.07.00.H33)", ">Nguyễn Văn Hùng<")
		body := readBody(t, home1.get(t, page))
		mustContain(t, "the home affairs leader's index", body, "Sở Nội vụ (000.01.00.H33)", ">Lê Văn Nam<")
		for _, other := range []string{"Sở Khoa học và Công nghệ", "Văn phòng Sở", science1.csrf} {
			if strings.Contains(body, other) {
				t.Fatalf("the home affairs leader's index shows %q", other)
			}
		}
	}
	if resp := home1.get(t, "/tthc?unit="+itoa(science.ID)+"&period=2026Q1"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("another agency's index: %d, want 403", resp.StatusCode)
	}

	row := func(c *client) string {
		body := readBody(t, c.get(t, page))
		_, after, _ := strings.Cut(body, `id="ind-`+tthc.MetricFeedbackOnTime+`"`)
		tr, _, _ := strings.Cut(after, "</tr>")
		return tr
	}
	if r := row(science1); strings.Contains(r, ">7<") {
		t.Fatalf("7 before any count was entered: %s", r)
	}
	focal := ts.client(t, "vanphong")
	if resp := focal.postForm(t, "/tthc/inputs", url.Values{"unit": {itoa(science.ID)}, "period": {"2026Q1"},
		"metric": {tthc.MetricFeedbackOnTime}, "numerator": {"7"}, "denominator": {"9"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("entering a count: %d", resp.StatusCode)
	}
	for _, c := range []*client{focal, science1} {
		if r := row(c); !strings.Contains(r, ">7<") || !strings.Contains(r, ">9<") {
			t.Fatalf("the count 7/9 just entered is not on the page: %s", r)
		}
	}
	if r := row(home1); strings.Contains(r, ">7<") {
		t.Fatalf("the science agency's count shows on home affairs' page: %s", r)
	}

	en, _ := http.NewRequest(http.MethodGet, ts.URL+page, nil)
	en.AddCookie(&http.Cookie{Name: web.LangCookie, Value: web.LangEN})
	resp, err := science1.Do(en)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body := readBody(t, resp)
	mustContain(t, "the English index", body, "Citizen and business service index")
	if strings.Contains(body, "Chỉ số phục vụ người dân, doanh nghiệp") {
		t.Fatal("the English index page has the Vietnamese title")
	}
	mustContain(t, "the Vietnamese index", readBody(t, science1.get(t, page)), "Chỉ số phục vụ người dân, doanh nghiệp")
}
