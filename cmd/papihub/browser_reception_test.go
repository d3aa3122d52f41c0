package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
	"papihub/internal/reception"
	"papihub/internal/registers"
)

// TestTheDeskLogsAReflectionTheHandlerAnswersItAndTheFeedbackIndicatorsFollow:
// on a phone-sized screen, the desk officer writes a citizen's reflection
// into the logbook and accepts it, assigns the case; the assigned officer
// answers it on time and publishes it; the citizen's rating is recorded;
// the portal's figures show it without the citizen, and the feedback
// measures the plan and the service index read move from "nothing due" to
// one answered on time and satisfied.
func TestTheDeskLogsAReflectionTheHandlerAnswersItAndTheFeedbackIndicatorsFollow(t *testing.T) {
	ts := newTestServer(t)
	d := deps{db: ts.db, org: ts.org, secret: mustBox(t)}.complete()
	s := receptionStore(d)
	unit, err := s.UnitByCode(context.Background(), demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	officer, err := ts.org.UserByUsername(context.Background(), "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	hub := registerHub(d)
	scope := registers.Scope{UnitID: unit.ID, UnitPath: unit.Path}
	today := s.Today()
	until := today.AddDate(0, 2, 0) // the reflection falls due within it
	measure := func(code string) registers.Figure {
		f, err := hub.Figure(context.Background(), code, scope, today, until)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	if f := measure(reception.MeasureFeedbackSatisfied); f.Den != 0 || f.Value != 1 {
		t.Fatalf("before: satisfaction %+v, want full marks with nothing rated", f)
	}

	ctx := browsertest.New(t, browsertest.Phone)
	err = chromedp.Do(ctx,
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/reception/new"),
		chromedp.WaitVisible(chromedp.CSS("#entry-form")),
		chromedp.SetValue(chromedp.CSS("#channel"), "online"),
		chromedp.SetValue(chromedp.CSS("#kind"), "reflection"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Ngô Thị Lan"),
		chromedp.SendKeys(chromedp.CSS("#address"), "Số 3 phố Điện Biên, phường Phố Hiến"),
		chromedp.SendKeys(chromedp.CSS("#phone"), "0912 777 888"),
		chromedp.SendKeys(chromedp.CSS("#summary"), "Cổng dịch vụ công không gửi được hồ sơ cấp phép bưu chính"),
		chromedp.SetValue(chromedp.CSS("#handling"), "accepted"),
		chromedp.Click(chromedp.CSS("#entry-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=person]")),
	)
	if err != nil {
		t.Fatalf("the desk writes the entry: %v", err)
	}
	if p := textOf(t, ctx, "[data-testid=person]"); !strings.Contains(p, "N. T. L.") || strings.Contains(p, "Ngô Thị Lan") || !strings.Contains(p, "091****888") {
		t.Errorf("the entry shows the person as %q, want masked", p)
	}
	browsertest.Screenshot(t, ctx, "reception-entry-phone")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href^="/reception/cases/"]`)),
		chromedp.WaitVisible(chromedp.CSS("#step-form")),
		chromedp.SetValue(chromedp.CSS("#to"), "assigned"),
		chromedp.SetValue(chromedp.CSS("#handler"), strconv.FormatInt(officer.ID, 10)),
		chromedp.Click(chromedp.CSS("#step-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#timeline li:nth-child(2)")),
		signOut(),
	)
	if err != nil {
		t.Fatalf("the desk assigns the case: %v", err)
	}

	err = chromedp.Do(ctx,
		signIn(t, ts, "chuyenvien", testPassword),
		chromedp.Navigate(ts.URL+"/reception/cases?show=mine"),
		chromedp.WaitVisible(chromedp.CSS("#cases tbody a")),
		chromedp.Click(chromedp.CSS("#cases tbody a")),
		chromedp.WaitVisible(chromedp.CSS("#step-form")),
		chromedp.SetValue(chromedp.CSS("#to"), "drafted"),
		chromedp.Click(chromedp.CSS("#step-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#timeline li:nth-child(3)")),
		chromedp.SetValue(chromedp.CSS("#to"), "answered"),
		chromedp.SendKeys(chromedp.CSS("#answer"), "Sở đã khắc phục lỗi kết nối của dịch vụ công cấp phép bưu chính."),
		chromedp.Click(chromedp.CSS("#public")),
		chromedp.Click(chromedp.CSS("#step-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=answer]")),
		chromedp.SetValue(chromedp.CSS("#rating-form select"), "satisfied"),
		chromedp.Click(chromedp.CSS("#rating-form button[type=submit]")),
		chromedp.WaitNotPresent(chromedp.CSS("#rating-form")),
	)
	if err != nil {
		t.Fatalf("the handler answers: %v", err)
	}
	if o := textOf(t, ctx, "[data-testid=outcome]"); o != "Đúng hạn" {
		t.Errorf("the answered case reads %q, want on time", o)
	}
	browsertest.Screenshot(t, ctx, "reception-case-phone")

	figures, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const r = await fetch("/api/v1/public/reception/figures?unit=`+demoAgencyCode+`");
		return r.status + " " + await r.text();
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(figures, "200 ") || !strings.Contains(figures, `"received":1`) || strings.Contains(figures, "Lan") || strings.Contains(figures, "0912") {
		t.Errorf("public figures: %s", figures)
	}
	if f := measure(reception.MeasureFeedbackOnTime); f.Num != 1 || f.Den != 1 {
		t.Errorf("after: feedback on time %+v, want 1/1", f)
	}
	if f := measure(reception.MeasureFeedbackSatisfied); f.Num != 1 || f.Den != 1 {
		t.Errorf("after: satisfaction %+v, want 1/1", f)
	}
}

// TestACitizenSendsFeedbackOnAPhoneAndRatesThePublishedAnswerByItsCode:
// a citizen writes to the agency from a 390-px phone and is given a
// look-up code; the desk officer accepts the letter and assigns it; the
// handler answers and publishes the answer; the citizen types the code,
// reads the answer with nothing of theirs on the page, and rates it.
func TestACitizenSendsFeedbackOnAPhoneAndRatesThePublishedAnswerByItsCode(t *testing.T) {
	ts := newTestServer(t)
	s := receptionStore(deps{db: ts.db, org: ts.org, secret: mustBox(t)}.complete())
	officer, err := ts.org.UserByUsername(context.Background(), "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	portalPage := ts.URL + "/cong-khai/" + demoAgencyCode
	ctx := browsertest.New(t, browsertest.Phone)
	err = chromedp.Do(ctx,
		chromedp.Navigate(portalPage+"/gop-y"),
		chromedp.WaitVisible(chromedp.CSS("#message")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Phạm Văn Góp"),
		chromedp.SendKeys(chromedp.CSS("#phone"), "0987 654 321"),
		chromedp.SendKeys(chromedp.CSS("#message"), "Trang dịch vụ công của Sở không tải được biểu mẫu tờ khai cấp phép."),
		chromedp.Click(chromedp.CSS(`form.stack button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=code]")),
	)
	if err != nil {
		t.Fatalf("the citizen sends the letter: %v", err)
	}
	code := strings.TrimSpace(textOf(t, ctx, "[data-testid=code]"))
	if len(code) != 11 || code[5] != '-' {
		t.Fatalf("the receipt shows %q, want a look-up code", code)
	}
	browsertest.Screenshot(t, ctx, "portal-feedback-code-phone")

	err = chromedp.Do(ctx,
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/reception?q=bieu+mau+to+khai"),
		chromedp.WaitVisible(chromedp.CSS("#entries tbody a")),
		chromedp.Click(chromedp.CSS("#entries tbody a")),
		chromedp.WaitVisible(chromedp.CSS("#handle-form")),
		chromedp.SetValue(chromedp.CSS("#handling"), "accepted"),
		chromedp.Click(chromedp.CSS("#handle-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`a[href^="/reception/cases/"]`)),
		chromedp.Click(chromedp.CSS(`a[href^="/reception/cases/"]`)),
		chromedp.WaitVisible(chromedp.CSS("#step-form")),
		chromedp.SetValue(chromedp.CSS("#to"), "assigned"),
		chromedp.SetValue(chromedp.CSS("#handler"), strconv.FormatInt(officer.ID, 10)),
		chromedp.Click(chromedp.CSS("#step-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#timeline li:nth-child(2)")),
		signOut(),
	)
	if err != nil {
		t.Fatalf("the desk accepts and assigns the letter: %v", err)
	}

	answer := "Sở đã sửa đường dẫn tải biểu mẫu tờ khai trên trang dịch vụ công."
	err = chromedp.Do(ctx,
		signIn(t, ts, "chuyenvien", testPassword),
		chromedp.Navigate(ts.URL+"/reception/cases?show=mine"),
		chromedp.WaitVisible(chromedp.CSS("#cases tbody a")),
		chromedp.Click(chromedp.CSS("#cases tbody a")),
		chromedp.WaitVisible(chromedp.CSS("#step-form")),
		chromedp.SetValue(chromedp.CSS("#to"), "drafted"),
		chromedp.Click(chromedp.CSS("#step-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#timeline li:nth-child(3)")),
		chromedp.SetValue(chromedp.CSS("#to"), "answered"),
		chromedp.SendKeys(chromedp.CSS("#answer"), answer),
		chromedp.Click(chromedp.CSS("#public")),
		chromedp.Click(chromedp.CSS("#step-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#timeline li:nth-child(4)")),
		chromedp.SetValue(chromedp.CSS("#to"), "published"),
		chromedp.Click(chromedp.CSS("#step-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#timeline li:nth-child(5)")),
		signOut(),
	)
	if err != nil {
		t.Fatalf("the handler answers and publishes: %v", err)
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(portalPage+"/gop-y"),
		chromedp.Click(chromedp.CSS("#answer-lookup")),
		chromedp.WaitVisible(chromedp.CSS("#ma")),
		chromedp.SendKeys(chromedp.CSS("#ma"), strings.ToLower(code)),
		chromedp.Click(chromedp.CSS(`form.search button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=answer]")),
	)
	if err != nil {
		t.Fatalf("the citizen looks the code up: %v", err)
	}
	page := textOf(t, ctx, "main")
	if !strings.Contains(page, answer) || !strings.Contains(page, "Đã trả lời và công khai") {
		t.Errorf("the look-up page reads %q", page)
	}
	for _, private := range []string{"Phạm Văn Góp", "0987", "không tải được biểu mẫu"} {
		if strings.Contains(page, private) {
			t.Errorf("the look-up page shows %q", private)
		}
	}
	browsertest.Screenshot(t, ctx, "portal-answer-phone")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#rating-form input[value=satisfied]`)),
		chromedp.Click(chromedp.CSS(`#rating-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#rated")),
		chromedp.WaitNotPresent(chromedp.CSS("#rating-form")),
	)
	if err != nil {
		t.Fatalf("the citizen rates the answer: %v", err)
	}
	if r := textOf(t, ctx, "[data-testid=rating]"); !strings.Contains(r, "Hài lòng") {
		t.Errorf("the page reads the rating as %q", r)
	}
	p, err := s.PublicLookup(context.Background(), code)
	if err != nil || p.Rating != reception.Satisfied || !p.Published {
		t.Fatalf("the register holds %+v, %v", p, err)
	}
}
