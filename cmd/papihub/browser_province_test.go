package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
)

// TestEachRoleLandsOnItsPageAndHomeAffairsFindsAUnitOnTheProvinceDashboard
// signs in as each role and finds its block first on the home page, then
// follows Home Affairs from its home page to the dashboard, finds the
// department without diacritics and sorts by overdue work.
func TestEachRoleLandsOnItsPageAndHomeAffairsFindsAUnitOnTheProvinceDashboard(t *testing.T) {
	ts := newProvinceServer(t)
	ctx := browsertest.New(t, browsertest.Desktop)
	for _, c := range []struct{ user, block string }{
		{"chuyenvien", "mytasks"}, {"truongphong", "division"}, {"vanphong", "plan"}, {"giamdoc", "leader"}, {"noivu", "province"},
	} {
		err := chromedp.Do(ctx,
			signIn(t, ts, c.user, testPassword),
			chromedp.WaitVisible(chromedp.CSS("[data-testid=block-"+c.block+"]")),
			chromedp.WaitVisible(chromedp.CSS("nav.mainnav")),
		)
		if err != nil {
			t.Fatalf("%s's home page: %v", c.user, err)
		}
		if c.user == "giamdoc" {
			browsertest.Screenshot(t, ctx, "home-leader")
		}
		if c.user != "noivu" {
			if err := chromedp.Do(ctx, signOut()); err != nil {
				t.Fatal(err)
			}
		}
	}
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid=block-province] a[href^="/province"]`)),
		chromedp.WaitVisible(chromedp.CSS("#units")),
		chromedp.SendKeys(chromedp.CSS("input[name=q]"), "khoa hoc va cong nghe"),
		chromedp.Click(chromedp.CSS(`form[role=search] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name=q][value="khoa hoc va cong nghe"]`)),
	)
	if err != nil {
		t.Fatalf("search the dashboard: %v", err)
	}
	if rows := textOf(t, ctx, "#units tbody"); !strings.Contains(rows, "Sở Khoa học và Công nghệ") || strings.Contains(rows, "Sở Nội vụ") {
		t.Errorf("rows after the search: %q", rows)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/province"),
		chromedp.Click(chromedp.CSS(`#units th a[href*="sort=overdue"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#units th[aria-sort=descending] a[href*="sort=overdue"]`)),
	)
	if err != nil {
		t.Fatalf("sort by overdue: %v", err)
	}
	if first := textOf(t, ctx, "#units tbody tr:first-child td:first-child"); first != "Sở Khoa học và Công nghệ" {
		t.Errorf("the most overdue unit first: %q", first)
	}
	browsertest.Screenshot(t, ctx, "province-dashboard")
}

// TestOnAPhoneTheDashboardAndTheTaskListsAreCards checks at 390 px that the
// dashboard's rows are cards as wide as the screen, not columns squeezed to
// a word per line, and that an officer's home page lists their tasks.
func TestOnAPhoneTheDashboardAndTheTaskListsAreCards(t *testing.T) {
	ts := newProvinceServer(t)
	ctx := browsertest.New(t, browsertest.Phone)
	err := chromedp.Do(ctx,
		signIn(t, ts, "noivu", testPassword),
		chromedp.Navigate(ts.URL+"/province"),
		chromedp.WaitVisible(chromedp.CSS("#units tbody tr")),
	)
	if err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("#units tbody td").getBoundingClientRect().width`))
	if err != nil {
		t.Fatal(err)
	}
	if width < 300 {
		t.Errorf("a unit's name cell is %v px wide on a 390 px phone: columns, not cards", width)
	}
	browsertest.Screenshot(t, ctx, "province-dashboard-phone")
	err = chromedp.Do(ctx,
		signOut(),
		signIn(t, ts, "chuyenvien", testPassword),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=block-mytasks] ul.lines li")),
	)
	if err != nil {
		t.Fatal(err)
	}
	lineWidth, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("[data-testid=block-mytasks] ul.lines li").getBoundingClientRect().width`))
	if err != nil {
		t.Fatal(err)
	}
	if lineWidth < 300 {
		t.Errorf("a task line is %v px wide on a phone", lineWidth)
	}
	browsertest.Screenshot(t, ctx, "home-officer-phone")
}

// TestOnAPhoneAPlansTasksAreCardsNotAWordPerLine opens the demo plan's
// task table and the officer's task list at 390 px: a task's text gets
// the screen's width.
func TestOnAPhoneAPlansTasksAreCardsNotAWordPerLine(t *testing.T) {
	ts := newProvinceServer(t)
	ctx := browsertest.New(t, browsertest.Phone)
	err := chromedp.Do(ctx,
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/plans"),
		chromedp.Click(chromedp.CSS(`#plans tbody a[href^="/plans/"]`)),
		chromedp.WaitVisible(chromedp.CSS("#tasks tbody tr")),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{`#tasks tbody td a[href^="/tasks/"]`} {
		w, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('`+sel+`').closest("td").getBoundingClientRect().width`))
		if err != nil {
			t.Fatal(err)
		}
		if w < 300 {
			t.Errorf("%s: the task's cell is %v px wide on a 390 px phone", sel, w)
		}
	}
	browsertest.Screenshot(t, ctx, "plan-tasks-phone")
	err = chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/tasks/mine"), chromedp.WaitVisible(chromedp.CSS("table.cards-on-phone tbody td")))
	if err != nil {
		t.Fatal(err)
	}
	w, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("table.cards-on-phone tbody td").getBoundingClientRect().width`))
	if err != nil {
		t.Fatal(err)
	}
	if w < 300 {
		t.Errorf("my tasks: a cell is %v px wide on a phone", w)
	}
}
