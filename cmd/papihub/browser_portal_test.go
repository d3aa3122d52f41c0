package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
	"papihub/internal/platform/vn"
	"papihub/internal/tthc"
)

// TestACitizenOnAPhoneFindsAProcedureWithoutDiacriticsAndLooksUpTheirDossier
// walks the portal at phone width, without an account: the agency from the
// list, its procedures, a search typed without diacritics, the procedure's
// page, and from it the look-up of a dossier.
func TestACitizenOnAPhoneFindsAProcedureWithoutDiacriticsAndLooksUpTheirDossier(t *testing.T) {
	ts, unit := newPortalServer(t)
	ctx := context.Background()
	s := tthc.NewStore(ts.db, nil, nil)
	procs, _, err := s.Procedures(ctx, tthc.ProcedureFilter{Scope: unit.Path, Limit: 1})
	if err != nil || len(procs) == 0 {
		t.Fatalf("procedures: %v", err)
	}
	dossiers, _, err := s.Dossiers(ctx, tthc.DossierFilter{Scope: unit.Path, Limit: 1})
	if err != nil || len(dossiers) == 0 {
		t.Fatalf("dossiers: %v", err)
	}
	want, err := s.PublicDossier(ctx, dossiers[0].Code, "")
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(procs[0].Name)
	typed := vn.Fold(strings.Join(words[:min(4, len(words))], " "))

	b := browsertest.New(t, browsertest.Phone)
	err = chromedp.Do(b,
		chromedp.Navigate(ts.URL+"/cong-khai"),
		chromedp.Click(chromedp.CSS(`main a[href="/cong-khai/`+unit.Code+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.menu a[href$="/thu-tuc"]`)),
		chromedp.Click(chromedp.CSS(`nav.menu a[href$="/thu-tuc"]`)),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), typed),
		chromedp.Submit(chromedp.CSS("#q")),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	waitForURL(t, b, "q=")
	err = chromedp.Do(b,
		chromedp.Click(chromedp.CSS(`ul.results a[href$="/thu-tuc/`+procs[0].Code+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a.button[href$="/tra-cuu"]`)),
	)
	if err != nil {
		t.Fatalf("open the procedure: %v", err)
	}
	if h1 := textOf(t, b, "h1"); h1 != procs[0].Name {
		t.Errorf("the procedure's page is %q, want %q", h1, procs[0].Name)
	}
	browsertest.Screenshot(t, b, "portal-procedure-phone")
	err = chromedp.Do(b,
		chromedp.Click(chromedp.CSS(`a.button[href$="/tra-cuu"]`)),
		chromedp.WaitVisible(chromedp.CSS("#ma")),
		chromedp.SendKeys(chromedp.CSS("#ma"), dossiers[0].Code),
		chromedp.Submit(chromedp.CSS("#ma")),
		chromedp.WaitVisible(chromedp.CSS("#lookup-result")),
	)
	if err != nil {
		t.Fatalf("look up: %v", err)
	}
	if st := textOf(t, b, "[data-testid=status]"); st != want.StatusName {
		t.Errorf("status %q, want %q", st, want.StatusName)
	}
	// Nothing of the page is wider than the phone.
	wide, err := chromedp.Run(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil || wide {
		t.Errorf("the look-up page scrolls sideways on a phone (%v)", err)
	}
}

// TestACitizenReadsTheHeadsReceptionDaysAndSendsFeedback reads, at desktop
// width and in English, who receives citizens and when, then sends a
// letter and gets its number.
func TestACitizenReadsTheHeadsReceptionDaysAndSendsFeedback(t *testing.T) {
	ts, unit := newPortalServer(t)
	head, err := ts.org.UserByUsername(context.Background(), "giamdoc")
	if err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t, browsertest.Desktop)
	err = chromedp.Do(b,
		chromedp.Navigate(ts.URL+"/cong-khai/"+unit.Code),
		chromedp.Click(chromedp.CSS(`header a.lang`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang=en]`)),
		chromedp.Click(chromedp.CSS(`nav.menu a[href*="/tiep-cong-dan"]`)),
		chromedp.WaitVisible(chromedp.CSS("main table")),
	)
	if err != nil {
		t.Fatalf("reception: %v", err)
	}
	if row := textOf(t, b, "main table tbody tr"); !strings.Contains(row, head.FullName) {
		t.Errorf("the first session %q does not name %s", row, head.FullName)
	}
	err = chromedp.Do(b,
		chromedp.Click(chromedp.CSS(`nav.menu a[href*="/gop-y"]`)),
		chromedp.WaitVisible(chromedp.CSS("#message")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Nguyễn Thị Dân"),
		chromedp.SendKeys(chromedp.CSS("#phone"), "0912 000 111"),
		chromedp.SendKeys(chromedp.CSS("#message"), "Xin hướng dẫn rõ hơn thành phần hồ sơ của thủ tục cấp phép."),
		chromedp.Click(chromedp.CSS(`form.stack button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#feedback-sent")),
	)
	if err != nil {
		t.Fatalf("feedback: %v", err)
	}
	if sent := textOf(t, b, "#feedback-sent"); !strings.Contains(sent, "Your look-up code:") {
		t.Errorf("after sending: %q", sent)
	}
	browsertest.Screenshot(t, b, "portal-feedback-sent")
}
