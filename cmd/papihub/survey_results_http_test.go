package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestTheResultsPageIsServedFromStoredResultsAndRecomputedOnRequest(t *testing.T) {
	ts, sf := surveyServer(t)
	path := "/surveys/" + itoa(sf.ID) + "/results"
	page := func(user string) string {
		t.Helper()
		resp := ts.client(t, user).get(t, path)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("results: %d\n%s", resp.StatusCode, body)
		}
		return body
	}
	first := page("vanphong")
	if !strings.Contains(first, "Số người trả lời: 36") || !strings.Contains(first, "Kết quả tính lúc ") || !strings.Contains(first, "Tính lại ngay") {
		t.Fatalf("first view lacks the count, the computed-at note or the button:\n%s", first)
	}
	if resp := ts.client(t, "").postForm(t, "/khao-sat/DEMO3-KHSAT", answersFor(sf.Form)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	resp := ts.client(t, "vanphong").postForm(t, path, url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path {
		t.Fatalf("recompute: %d → %s\n%s", resp.StatusCode, resp.Header.Get("Location"), readBody(t, resp))
	}
	after := page("vanphong")
	if !strings.Contains(after, "Số người trả lời: 37") || strings.Contains(after, "đã có câu trả lời mới") {
		t.Fatalf("after recomputing: want 37 respondents and no out-of-date note:\n%s", after)
	}
}
