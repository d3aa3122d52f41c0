package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
)

func TestACitizenAnswersOnAPhoneByInvitationCodeAndTheResponseIsCounted(t *testing.T) {
	ts, sf := surveyServer(t)
	before := responseCount(t, ts, sf.ID)
	ctx := browsertest.New(t, browsertest.Phone)

	// Headless Chromium will not make a window narrower than 500 px, so the
	// phone's viewport is emulated as well.
	// The code as printed on the invitation, typed in lower case.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(browsertest.Phone.Width), int64(browsertest.Phone.Height), chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/khao-sat"),
		chromedp.WaitVisible(chromedp.CSS("#code")),
		chromedp.SendKeys(chromedp.CSS("#code"), "demo4-khsat"),
		chromedp.Click(chromedp.CSS("form[action='/khao-sat'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("form.survey")),
	); err != nil {
		t.Fatalf("open the survey by its code: %v", err)
	}
	if h1 := textOf(t, ctx, "main h1"); h1 != "Khảo sát ý kiến người dân theo chỉ số PAPI" {
		t.Errorf("heading = %q", h1)
	}
	// Nothing runs off the side of a 390-pixel screen.
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width > browsertest.Phone.Width {
		t.Errorf("the page is %d px wide on a %d px phone", width, browsertest.Phone.Width)
	}

	// Tap an answer to every question that is always asked; "no" to those
	// that open a follow-up.
	var taps []chromedp.Action[chromedp.Void]
	for name, value := range answersFor(sf.Form) {
		taps = append(taps, chromedp.Click(chromedp.CSS(`input[name="`+name+`"][value="`+value[0]+`"]`)))
	}
	taps = append(taps,
		chromedp.Click(chromedp.CSS("form.survey button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("section.card[role=status]")),
	)
	if err := chromedp.Do(ctx, taps...); err != nil {
		t.Fatalf("answer the survey: %v", err)
	}
	if thanks := textOf(t, ctx, "main h1"); thanks != "Xin cảm ơn ông/bà!" {
		t.Errorf("after sending: %q", thanks)
	}
	browsertest.Screenshot(t, ctx, "survey-thanks-phone")
	if got := responseCount(t, ts, sf.ID); got != before+1 {
		t.Fatalf("%d responses stored, want %d", got, before+1)
	}

	// The department's leader sees it counted on the survey's results page.
	if err := chromedp.Do(ctx,
		signIn(t, ts, "giamdoc", testPassword),
		chromedp.Navigate(ts.URL+"/surveys/"+itoa(sf.ID)+"/results"),
		chromedp.WaitVisible(chromedp.CSS("#respondents")),
	); err != nil {
		t.Fatalf("open the results: %v", err)
	}
	if n := textOf(t, ctx, "#respondents"); n != "Số người trả lời: "+itoa(int64(before+1)) {
		t.Errorf("results say %q, want %d respondents", n, before+1)
	}
	if total := textOf(t, ctx, "#scores tbody tr:last-child"); !strings.Contains(total, "Tổng điểm") {
		t.Errorf("no total row: %q", total)
	}
	browsertest.Screenshot(t, ctx, "survey-results-phone")
}
