package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/audit"
	"papihub/internal/platform/browsertest"
	"papihub/internal/platform/secret"
	"papihub/internal/tthc"
)

// TestALeaderDrillsFromTheProgressScoreToALateDossierAndLooksItUpPublicly
// is the journey of issue 4: the index page of the demo agency, the late
// dossiers behind the progress score, one of them, and the public look-up
// by its code.
func TestALeaderDrillsFromTheProgressScoreToALateDossierAndLooksItUpPublicly(t *testing.T) {
	ts := newTestServer(t)
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	store := tthc.NewStore(ts.db, box, nil)
	unit, err := store.UnitByCode(context.Background(), demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.GenerateInto(context.Background(), audit.CLI(), unit, 4, 1500, tthc.GenerateOptions{Year: 2026}, nil, nil); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t, browsertest.Desktop)

	err = chromedp.Do(ctx,
		signIn(t, ts, "giamdoc", testPassword),
		chromedp.Navigate(ts.URL+"/tthc?unit="+itoa(unit.ID)+"&period=2026-08"),
		chromedp.WaitVisible(chromedp.CSS("table#indicators")),
	)
	if err != nil {
		t.Fatalf("index page: %v", err)
	}
	if total := textOf(t, ctx, "[data-testid=total]"); total == "" || total == "0,00" {
		t.Fatalf("the index page shows a total of %q", total)
	}
	browsertest.Screenshot(t, ctx, "tthc-index")

	// Dossier satisfaction says what its numbers count, and links to both
	// kinds of dossiers its numerator leaves out.
	if counts := textOf(t, ctx, "[data-testid=counts-DOSSIER_RECEIVING_SATISFACTION]"); !strings.Contains(counts, "không trễ hạn, không bị phản ánh") ||
		!strings.Contains(counts, "tiếp nhận trong kỳ") {
		t.Fatalf("the satisfaction row says %q, want the good count over the dossiers received", counts)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("a[data-testid=disapproved-DOSSIER_RECEIVING_SATISFACTION]")),
		chromedp.WaitVisible(chromedp.CSS("table#dossiers")),
	)
	if err != nil {
		t.Fatalf("drill to the dossiers with a complaint or dislike: %v", err)
	}
	if heading := textOf(t, ctx, "h1"); !strings.Contains(heading, "Bị phản ánh, không hài lòng") {
		t.Fatalf("the drill-down page is titled %q, want the dossiers with a complaint or dislike", heading)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/tthc?unit="+itoa(unit.ID)+"&period=2026-08"),
		chromedp.WaitVisible(chromedp.CSS("table#indicators")),
	)
	if err != nil {
		t.Fatalf("back to the index page: %v", err)
	}

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("a[data-testid=score-PROGRESS_ON_TIME]")),
		chromedp.WaitVisible(chromedp.CSS("table#dossiers")),
	)
	if err != nil {
		t.Fatalf("drill to the late dossiers: %v", err)
	}
	heading := textOf(t, ctx, "h1")
	if !strings.Contains(heading, "Quá hạn") {
		t.Fatalf("the drill-down page is titled %q, want the late dossiers", heading)
	}
	if why := textOf(t, ctx, "table#dossiers tbody tr td:last-child"); !strings.Contains(why, "Quá hạn") {
		t.Fatalf("the first listed dossier is judged %q, want late with a reason", why)
	}

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("table#dossiers tbody tr td a")),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=verdict]")),
	)
	if err != nil {
		t.Fatalf("open a late dossier: %v", err)
	}
	code := textOf(t, ctx, "h1 code")
	if verdict := textOf(t, ctx, "[data-testid=verdict]"); verdict != "Quá hạn" {
		t.Fatalf("dossier %s is %q, want Quá hạn", code, verdict)
	}
	browsertest.Screenshot(t, ctx, "tthc-dossier")

	err = chromedp.Do(ctx,
		signOut(),
		chromedp.Navigate(ts.URL+"/tra-cuu"),
		chromedp.WaitVisible(chromedp.CSS("input[name=ma]")),
		chromedp.SendKeys(chromedp.CSS("input[name=ma]"), code),
		chromedp.Click(chromedp.CSS("form[action='/tra-cuu'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#lookup-result")),
	)
	if err != nil {
		t.Fatalf("public look-up of %s: %v", code, err)
	}
	page := textOf(t, ctx, "#lookup-result")
	if !strings.Contains(page, code) {
		t.Fatalf("the public page shows %q: want dossier %s", page, code)
	}
	d, err := store.Dossier(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	personal, err := store.Reveal(context.Background(), audit.CLI(), d)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{personal.Applicant, personal.IDNumber, personal.Phone} {
		if v != "" && strings.Contains(page, v) {
			t.Fatalf("the public page shows personal data %q", v)
		}
	}
	browsertest.Screenshot(t, ctx, "tthc-lookup")
}
