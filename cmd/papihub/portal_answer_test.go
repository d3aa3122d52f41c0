package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/reception"
	"papihub/internal/tthc"
)

// sendLetter posts a valid letter from c and returns the look-up code the
// thanks page names.
func sendLetter(t *testing.T, ts *testServer, c *feedbackClient) string {
	t.Helper()
	resp, _ := c.send(t, letter(c.open(t)))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "/gop-y/da-gui?so=") {
		t.Fatalf("send: %d %s", resp.StatusCode, loc)
	}
	q, _ := url.ParseQuery(loc[strings.Index(loc, "?")+1:])
	code := q.Get("so")
	if !regexp.MustCompile(`^[0-9A-Z]{5}-[0-9A-Z]{5}$`).MatchString(code) {
		t.Fatalf("the receipt gives %q, want a look-up code", code)
	}
	resp, err := c.Get(ts.URL + loc)
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, code) || !strings.Contains(body, "/gop-y/tra-cuu?ma="+code) {
		t.Fatalf("thanks: %d", resp.StatusCode)
	}
	return code
}

// entryOfCode finds the logbook entry a code names.
func entryOfCode(t *testing.T, s *reception.Store, unit tthc.UnitInfo, code string) reception.Entry {
	t.Helper()
	list, _, err := s.Entries(context.Background(), reception.EntryFilter{Scope: unit.Path, PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e.LookupCode == code {
			return e
		}
	}
	t.Fatalf("no entry has the code %s", code)
	return reception.Entry{}
}

// lookUp reads the answer page of code as c.
func (c *feedbackClient) lookUp(t *testing.T, agency, code string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(c.base + "/cong-khai/" + agency + "/gop-y/tra-cuu?ma=" + url.QueryEscape(code))
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

// rate posts a rating of code's answer as c.
func (c *feedbackClient) rate(t *testing.T, form url.Values) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+"/cong-khai/"+c.agency+"/gop-y/danh-gia", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

// The letter's private words: none may appear on the look-up page.
var letterPrivate = []string{"Lê Thị Phản Ánh", "0912 345 678", "0912345678", "Bộ phận một cửa hẹn trả kết quả"}

func TestACitizenLooksUpTheirLetterByCodeAndRatesTheAnswerOnce(t *testing.T) {
	ts, unit := newPortalServer(t)
	ctx := context.Background()
	s := receptionStore(deps{db: ts.db, org: ts.org, secret: mustBox(t)}.complete())
	c := newFeedbackClient(ts, unit.Code)
	code := sendLetter(t, ts, c)
	e := entryOfCode(t, s, unit, code)
	noPrivate := func(step, body string) {
		t.Helper()
		for _, p := range letterPrivate {
			if strings.Contains(body, p) {
				t.Errorf("%s: the page shows %q", step, p)
			}
		}
	}

	resp, body := c.lookUp(t, unit.Code, strings.ToLower(strings.ReplaceAll(code, "-", "")))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Đã nhận, đang phân loại") || strings.Contains(body, "rating-form") ||
		resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("pending: %d", resp.StatusCode)
	}
	noPrivate("pending", body)

	if resp, _ := c.lookUp(t, "000.01.00.H33", code); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another agency's portal finds the letter: %d", resp.StatusCode)
	}

	// The desk accepts it, the handler answers and publishes it.
	officer, err := ts.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	today := s.Today()
	if err := s.Handle(ctx, audit.CLI(), e.ID, reception.Decision{Handling: reception.Accepted, HandledOn: today}); err != nil {
		t.Fatal(err)
	}
	e = entryOfCode(t, s, unit, code)
	answer := "Sở đã yêu cầu bộ phận một cửa báo trước khi chậm trả kết quả."
	for _, st := range []reception.Step{{To: reception.StAssigned, HandlerID: officer.ID}, {To: reception.StDrafted},
		{To: reception.StAnswered, Answer: answer, Public: true}, {To: reception.StPublished}} {
		st.On = today
		if _, err := s.Step(ctx, audit.CLI(), e.CaseID, st); err != nil {
			t.Fatalf("step %s: %v", st.To, err)
		}
	}
	resp, body = c.lookUp(t, unit.Code, code)
	m := formTokenRe.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Đã trả lời và công khai") || !strings.Contains(body, answer) || m == nil {
		t.Fatalf("answered: %d, token %v", resp.StatusCode, m != nil)
	}
	noPrivate("answered", body)
	token := m[1]
	rating := func(token, value string) url.Values {
		return url.Values{"form_token": {token}, "ma": {code}, "rating": {value}}
	}

	t.Run("a rating without the form's cookie is refused", func(t *testing.T) {
		other := newFeedbackClient(ts, unit.Code)
		if resp, _ := other.rate(t, rating("forged", "dissatisfied")); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("forged: %d", resp.StatusCode)
		}
	})
	t.Run("a robot filling the hidden field is told it worked", func(t *testing.T) {
		f := rating(token, "dissatisfied")
		f.Set("website", "http://spam.example")
		if resp, _ := c.rate(t, f); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("robot: %d", resp.StatusCode)
		}
	})
	t.Run("no choice is named in Vietnamese", func(t *testing.T) {
		resp, body := c.rate(t, rating(token, ""))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Chọn Hài lòng hoặc Không hài lòng.") {
			t.Fatalf("no choice: %d", resp.StatusCode)
		}
		// The form shown again carries a fresh token.
		if m := formTokenRe.FindStringSubmatch(body); m != nil {
			token = m[1]
		}
	})
	if got, _ := s.Case(ctx, e.CaseID); got.Rating != reception.Unrated {
		t.Fatalf("refused ratings stored %q", got.Rating)
	}
	resp, _ = c.rate(t, rating(token, "satisfied"))
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "da-danh-gia=1") {
		t.Fatalf("rating: %d", resp.StatusCode)
	}
	if got, _ := s.Case(ctx, e.CaseID); got.Rating != reception.Satisfied {
		t.Fatalf("stored rating %q", got.Rating)
	}
	resp, body = c.lookUp(t, unit.Code, code)
	if !strings.Contains(body, "Bạn đã đánh giá:") || strings.Contains(body, "rating-form") {
		t.Fatalf("after rating the page still offers the form (%d)", resp.StatusCode)
	}
	if resp, body := c.rate(t, rating(token, "dissatisfied")); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Kết quả trả lời này đã được đánh giá.") {
		t.Fatalf("second rating: %d", resp.StatusCode)
	}
	if got, _ := s.Case(ctx, e.CaseID); got.Rating != reception.Satisfied {
		t.Fatalf("the second rating changed it to %q", got.Rating)
	}
}

func TestCodesThatNameNoLetterAreCountedPerAddressSoTheyCannotBeWalked(t *testing.T) {
	ts, unit := newPortalServer(t)
	c := newFeedbackClient(ts, unit.Code)
	for i := 0; i < 10; i++ {
		if resp, body := c.lookUp(t, unit.Code, "AAAAA-AAAA"+string(rune('0'+i))); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Không tìm thấy đơn") {
			t.Fatalf("miss %d: %d", i+1, resp.StatusCode)
		}
	}
	if resp, _ := c.lookUp(t, unit.Code, "AAAAA-AAAAB"); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("the eleventh miss in ten minutes: %d", resp.StatusCode)
	}
	if resp, _ := c.lookUp(t, unit.Code, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("the empty form: %d", resp.StatusCode)
	}
}
