package main

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The current password on /account/password is guessed no faster than a
// sign-in: after five wrong ones the form answers 429, even to the right
// one, and the account's sign-in is held too.
func TestWrongCurrentPasswordsAreThrottledLikeSignIns(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "chuyenvien")
	change := func(current string) *http.Response {
		return c.postForm(t, "/account/password", url.Values{"current": {current}, "password": {"mat-khau-moi-dai-du"}, "password_again": {"mat-khau-moi-dai-du"}})
	}
	for i := range 5 {
		if page := mustStatus(t, change("sai-"+itoa(int64(i))), http.StatusUnprocessableEntity); strings.Contains(page, "quá nhiều lần") {
			t.Fatalf("attempt %d is already throttled", i+1)
		}
	}
	page := mustStatus(t, change(testPassword), http.StatusTooManyRequests)
	if !strings.Contains(page, "Nhập sai mật khẩu hiện tại quá nhiều lần") {
		t.Errorf("the throttled form does not say why:\n%s", excerpt(page, "field-error"))
	}
	login := mustStatus(t, ts.client(t, "").postForm(t, "/login", url.Values{"username": {"chuyenvien"}, "password": {testPassword}}), http.StatusTooManyRequests)
	if !strings.Contains(login, "quá nhiều lần") {
		t.Error("the account's sign-in is not held after the guesses")
	}
}

// An upload over the page's limit says the file is too large and what the
// page takes, not that the session expired.
func TestAnUploadOverTheLimitSaysTheFileIsTooLarge(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "admin")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	w, _ := mw.CreateFormFile("file", "ket-qua.xlsx")
	w.Write(bytes.Repeat([]byte("x"), 11<<20)) // the results import takes 10 MB
	mw.Close()
	page := mustStatus(t, c.do(t, "POST", "/papi/import", mw.FormDataContentType(), buf.String()), http.StatusRequestEntityTooLarge)
	if !strings.Contains(page, "Tệp quá lớn") || !strings.Contains(page, "tối đa 10 MB") || strings.Contains(page, "Phiên làm việc") {
		t.Errorf("the page does not say the file is too large:\n%s", excerpt(page, "<h1>"))
	}
}

func TestHelpForAnUnknownCommandSaysSoAndExits2(t *testing.T) {
	code, out, errOut := run(t, "", "help", "khong-co")
	if code != 2 || out != "" || !strings.Contains(errOut, `unknown command "khong-co"`) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, _ := run(t, "", "help", "plan"); code != 0 || out == "" {
		t.Fatalf("help plan: exit %d, %q", code, out)
	}
}
