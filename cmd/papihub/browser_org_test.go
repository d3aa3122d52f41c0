package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
)

// signIn fills the login form as a person would.
func signIn(t *testing.T, ts *testServer, username, password string) chromedp.Action[chromedp.Void] {
	t.Helper()
	return chromedp.Steps(
		chromedp.Navigate(ts.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("form[action='/login'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("a.who")),
	)
}

func signOut() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS("form[action='/logout'] button")),
		chromedp.WaitVisible(chromedp.CSS("#username")),
	)
}

func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// waitForURL waits until a navigation the page started (a form sent with
// Enter) has reached a URL containing part, and the page is ready.
func waitForURL(t *testing.T, ctx context.Context, part string) {
	t.Helper()
	for range 200 {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && strings.Contains(loc, part) {
			if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("body"))); err == nil {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the page never reached a URL with %q", part)
}

func TestAdminCreatesADivisionAndAUserWhoCannotOpenAdminPages(t *testing.T) {
	ts := newTestServer(t)
	ctx := browsertest.New(t, browsertest.Desktop)
	dept, err := ts.org.UnitByCode(t.Context(), "000.07.00.H33")
	if err != nil {
		t.Fatal(err)
	}

	// The admin creates a division under the Department of Science and Technology.
	err = chromedp.Do(ctx,
		signIn(t, ts, "admin", testPassword),
		chromedp.Navigate(ts.URL+"/admin/units/new"),
		chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Phòng Thông tin và Báo chí"),
		chromedp.SendKeys(chromedp.CSS("#code"), "000.07.09.H33"),
		chromedp.SetValue(chromedp.CSS("#kind"), "division"),
		chromedp.SetValue(chromedp.CSS("#parent_id"), itoa(dept.ID)),
		chromedp.Click(chromedp.CSS("form[action='/admin/units'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("table#units")),
	)
	if err != nil {
		t.Fatalf("create division: %v", err)
	}
	if !strings.Contains(textOf(t, ctx, "table#units"), "Phòng Thông tin và Báo chí") {
		t.Fatal("the new division is not in the unit list")
	}
	division, err := ts.org.UnitByCode(t.Context(), "000.07.09.H33")
	if err != nil {
		t.Fatalf("division not stored: %v", err)
	}

	// Then a user in it.
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/admin/users/new?unit="+itoa(division.ID)),
		chromedp.WaitVisible(chromedp.CSS("#full_name")),
		chromedp.SendKeys(chromedp.CSS("#full_name"), "Nguyễn Thị Thu Hường"),
		chromedp.SendKeys(chromedp.CSS("#username"), "huongntt"),
		chromedp.SendKeys(chromedp.CSS("#password"), "mat-khau-cua-huong"),
		chromedp.Click(chromedp.CSS("form[action='/admin/users'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("form[action$='/password']")),
	)
	if err != nil {
		t.Fatalf("create user: %v", err)
	}

	// She is found by typing her name without diacritics.
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/admin/users"),
		chromedp.WaitVisible(chromedp.CSS("#user-search")),
		chromedp.SendKeys(chromedp.CSS("#user-search"), "thu huong\r"),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	waitForURL(t, ctx, "q=thu")
	found := textOf(t, ctx, "table#users tbody")
	if !strings.Contains(found, "Nguyễn Thị Thu Hường") || strings.Contains(found, "Quản trị hệ thống") {
		t.Fatalf("search for %q shows:\n%s", "thu huong", found)
	}
	browsertest.Screenshot(t, ctx, "org-user-search")

	// Signed in as herself, the administration is refused.
	err = chromedp.Do(ctx, signOut(), signIn(t, ts, "huongntt", "mat-khau-cua-huong"), chromedp.Navigate(ts.URL+"/admin/units"))
	if err != nil {
		t.Fatalf("sign in as the new user: %v", err)
	}
	if h1 := textOf(t, ctx, "main h1"); h1 != "Không có quyền truy cập" {
		t.Fatalf("admin page as an officer shows %q, want the refusal", h1)
	}
}
