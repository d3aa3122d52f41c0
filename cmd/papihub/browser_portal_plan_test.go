package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
)

// TestACitizenReadsTheHeadsContactsAndAReportOfThePAPIPlan walks the
// portal without an account at phone width in Vietnamese and at desktop
// width in English: from the province's list to the department, the
// head's published phone and e-mail, then the PAPI plan, its report of the
// first quarter and the report's figures.
func TestACitizenReadsTheHeadsContactsAndAReportOfThePAPIPlan(t *testing.T) {
	ts, unit := newPortalServer(t)
	head := demoProfile.Contacts[0]
	for _, c := range []struct {
		size                 browsertest.Size
		english              bool
		position, reportName string
	}{
		{browsertest.Phone, false, "Người đứng đầu", "Báo cáo kết quả quý I năm 2026"},
		{browsertest.Desktop, true, "Head", "Report on Q1 2026"},
	} {
		b := browsertest.New(t, c.size)
		err := chromedp.Do(b,
			chromedp.Navigate(ts.URL+"/cong-khai"),
			chromedp.Click(chromedp.CSS(`#agencies a[href="/cong-khai/`+unit.Code+`"]`)),
			chromedp.WaitVisible(chromedp.CSS("#contacts")),
		)
		if err != nil {
			t.Fatalf("%dpx: the department's page: %v", c.size.Width, err)
		}
		if c.english {
			if err := chromedp.Do(b, chromedp.Click(chromedp.CSS(`header a.lang`)), chromedp.WaitVisible(chromedp.CSS(`html[lang=en] #contacts`))); err != nil {
				t.Fatalf("%dpx: the English switch: %v", c.size.Width, err)
			}
		}
		card := textOf(t, b, `#contacts li[data-position="head"]`)
		for _, want := range []string{head.Name, head.Title, head.Phone, head.Email, c.position} {
			if !strings.Contains(card, want) {
				t.Errorf("%dpx: the head's card %q lacks %q", c.size.Width, card, want)
			}
		}
		tel, err := chromedp.Run(b, chromedp.AttributeValue(chromedp.CSS(`#contacts li[data-position="head"] a[href^="tel:"]`), "href"))
		if err != nil || tel.Value != "tel:+842213862101" {
			t.Errorf("%dpx: the head's phone link is %q (%v)", c.size.Width, tel.Value, err)
		}
		if c.size == browsertest.Phone {
			browsertest.Screenshot(t, b, "portal-contacts-phone")
		}
		err = chromedp.Do(b,
			chromedp.Click(chromedp.CSS(`nav.menu a[href*="/ke-hoach"]`)),
			chromedp.WaitVisible(chromedp.CSS("#plans a")),
			chromedp.Click(chromedp.CSS("#plans a")),
			chromedp.WaitVisible(chromedp.CSS("#reports a")),
			chromedp.Click(chromedp.CSS("#reports a")),
			chromedp.WaitVisible(chromedp.CSS("#report-figures")),
		)
		if err != nil {
			t.Fatalf("%dpx: from the plan to its report: %v", c.size.Width, err)
		}
		if h1 := textOf(t, b, "h1"); h1 != c.reportName {
			t.Errorf("%dpx: the report's title is %q, want %q", c.size.Width, h1, c.reportName)
		}
		if rows := textOf(t, b, "#report-figures tbody"); !strings.Contains(rows, "D8") {
			t.Errorf("%dpx: the report's figures lack the e-governance dimension: %q", c.size.Width, rows)
		}
		wide, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if err != nil || wide {
			t.Errorf("%dpx: the report's page scrolls sideways (%v)", c.size.Width, err)
		}
		browsertest.Screenshot(t, b, "portal-plan-report-"+map[bool]string{false: "phone", true: "desktop"}[c.english])
	}
}
