package main

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"papihub/internal/platform/secret"
	"papihub/internal/reception"
	"papihub/internal/tthc"
)

// feedbackClient is a citizen's browser: it keeps the form's cookie and
// does not follow redirects.
type feedbackClient struct {
	*http.Client
	base, agency string
}

func newFeedbackClient(ts *testServer, agency string) *feedbackClient {
	jar, _ := cookiejar.New(nil)
	return &feedbackClient{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		base: ts.URL, agency: agency}
}

var formTokenRe = regexp.MustCompile(`name="form_token" value="([^"]+)"`)

// open reads the form and returns its token.
func (c *feedbackClient) open(t *testing.T) string {
	t.Helper()
	resp, err := c.Get(c.base + "/cong-khai/" + c.agency + "/gop-y")
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	m := formTokenRe.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("form: %d, token found %v", resp.StatusCode, m != nil)
	}
	return m[1]
}

func (c *feedbackClient) send(t *testing.T, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+"/cong-khai/"+c.agency+"/gop-y", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

func letter(token string) url.Values {
	return url.Values{"form_token": {token}, "kind": {"reflection"}, "name": {"Lê Thị Phản Ánh"}, "phone": {"0912 345 678"},
		"message": {"Bộ phận một cửa hẹn trả kết quả nhưng đến ngày hẹn chưa có kết quả, không được báo trước."}}
}

// onlineEntries counts the logbook's online entries of the agency.
func onlineEntries(t *testing.T, ts *testServer, unit tthc.UnitInfo) int {
	t.Helper()
	box, _ := secret.New(make([]byte, 32))
	list, _, err := receptionStore(deps{db: ts.db, org: ts.org, secret: box}.complete()).Entries(context.Background(),
		reception.EntryFilter{Scope: unit.Path, PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range list {
		if e.Channel == reception.Online {
			n++
		}
	}
	return n
}

// TestACitizensFeedbackFromThePortal runs the feedback checks on one
// server, in order: the valid letters come last, since they use the
// address's submissions.
func TestACitizensFeedbackFromThePortal(t *testing.T) {
	ts, unit := newPortalServer(t)
	before := onlineEntries(t, ts, unit)

	t.Run("a post without the form's cookie is refused and saves nothing", func(t *testing.T) {
		c := newFeedbackClient(ts, unit.Code)
		resp, body := c.send(t, letter("forged"))
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Biểu mẫu đã hết hạn") || onlineEntries(t, ts, unit) != before {
			t.Fatalf("forged: %d", resp.StatusCode)
		}
	})
	t.Run("a post from another site is refused before the handler", func(t *testing.T) {
		c := newFeedbackClient(ts, unit.Code)
		token := c.open(t)
		resp, _ := c.send(t, letter(token), "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
		if resp.StatusCode != http.StatusForbidden || onlineEntries(t, ts, unit) != before {
			t.Fatalf("cross-site: %d", resp.StatusCode)
		}
	})
	t.Run("bad fields are named in Vietnamese and nothing is saved", func(t *testing.T) {
		c := newFeedbackClient(ts, unit.Code)
		form := letter(c.open(t))
		form.Set("name", "")
		form.Set("phone", "12")
		form.Set("message", "ngắn quá")
		resp, body := c.send(t, form)
		for _, want := range []string{"Nhập họ và tên.", "Nội dung cần ít nhất 20 ký tự.", `aria-invalid="true"`, "ngắn quá"} {
			if !strings.Contains(body, want) {
				t.Errorf("the form again lacks %q", want)
			}
		}
		if resp.StatusCode != http.StatusUnprocessableEntity || onlineEntries(t, ts, unit) != before {
			t.Fatalf("bad fields: %d", resp.StatusCode)
		}
		form = letter(c.open(t))
		form.Set("phone", "12") // the register's own rule
		if resp, body := c.send(t, form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Số điện thoại không đúng.") {
			t.Fatalf("a bad phone: %d", resp.StatusCode)
		}
	})
	t.Run("a robot filling the hidden field is told it worked and nothing is saved", func(t *testing.T) {
		c := newFeedbackClient(ts, unit.Code)
		form := letter(c.open(t))
		form.Set("website", "http://spam.example")
		if resp, _ := c.send(t, form); resp.StatusCode != http.StatusSeeOther || onlineEntries(t, ts, unit) != before {
			t.Fatalf("robot: %d", resp.StatusCode)
		}
	})
	t.Run("a letter enters the logbook as an online reflection and the citizen gets its number", func(t *testing.T) {
		c := newFeedbackClient(ts, unit.Code)
		resp, _ := c.send(t, letter(c.open(t)))
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "/gop-y/da-gui?so=") {
			t.Fatalf("send: %d %s", resp.StatusCode, loc)
		}
		if got := onlineEntries(t, ts, unit); got != before+1 {
			t.Fatalf("online entries %d, want %d", got, before+1)
		}
		resp, err := c.Get(ts.URL + loc)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(t, resp)
		ref, _ := url.ParseQuery(loc[strings.Index(loc, "?")+1:])
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, ref.Get("so")) || strings.Contains(body, "Phản Ánh") {
			t.Fatalf("thanks: %d", resp.StatusCode)
		}
	})
	t.Run("the fourth letter from one address in ten minutes waits", func(t *testing.T) {
		c := newFeedbackClient(ts, unit.Code)
		for i := 2; i <= 3; i++ {
			if resp, _ := c.send(t, letter(c.open(t))); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("letter %d: %d", i, resp.StatusCode)
			}
		}
		resp, body := c.send(t, letter(c.open(t)))
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "thử lại sau") || onlineEntries(t, ts, unit) != before+3 {
			t.Fatalf("fourth: %d, entries %d", resp.StatusCode, onlineEntries(t, ts, unit))
		}
	})
}
