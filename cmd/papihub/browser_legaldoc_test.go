package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
)

func TestTheFocalOfficeImportsARegisterIssuesTheYearsExpiredListAndOpensTheDOCX(t *testing.T) {
	ts := newTestServer(t)
	file, err := filepath.Abs("../../internal/legaldoc/testdata/register_legal_list.csv")
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t, browsertest.Desktop)
	err = chromedp.Do(ctx,
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/legal"),
		chromedp.Click(chromedp.CSS(`nav.subnav a[href^="/legal/import"]`)),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS(`form[action^="/legal/import"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=import-done]")),
	)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if done := textOf(t, ctx, "[data-testid=import-done]"); !strings.HasPrefix(done, "3 dòng mới hoặc thay đổi, 0 không đổi, 0 bị từ chối") {
		t.Errorf("after the import: %q", done)
	}
	// The replaced decision's page draws its life and says why it ended.
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/legal"),
		chromedp.SendKeys(chromedp.CSS("input[name=q]"), "phoi hop vien thong 2019"),
		chromedp.Click(chromedp.CSS(`form[role=search] button[type=submit]`)),
		// The unfiltered list already has links: wait for the search's
		// page (its box carries the query as an attribute), or the click
		// may land on a node of the page being left.
		chromedp.WaitVisible(chromedp.CSS(`input[name=q][value="phoi hop vien thong 2019"]`)),
		chromedp.WaitVisible(chromedp.CSS("#documents tbody a")),
		chromedp.Click(chromedp.CSS("#documents tbody a")),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=timeline] svg.chart-timeline")),
	)
	if err != nil {
		t.Fatalf("open the document: %v", err)
	}
	if st := textOf(t, ctx, "[data-testid=status]"); st != "Hết hiệu lực toàn bộ" {
		t.Errorf("status of the replaced decision: %q", st)
	}
	browsertest.Screenshot(t, ctx, "legaldoc-document")

	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/legal/expired?year=2024"),
		chromedp.WaitVisible(chromedp.CSS("#expired-full")),
	)
	if err != nil {
		t.Fatalf("open the list: %v", err)
	}
	if row := textOf(t, ctx, "#expired-full tbody tr"); !strings.Contains(row, "10/2019/QĐ-UBND") || !strings.Contains(row, "Được thay thế bởi Quyết định số 11/2024/QĐ-UBND") || !strings.Contains(row, "15/12/2024") {
		t.Errorf("the list's first row: %q", row)
	}
	// The draft opens as a Word document (a zip: PK…).
	kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const r = await fetch(document.querySelector("[data-testid=draft-docx]").href);
		const b = new Uint8Array(await r.arrayBuffer());
		return r.headers.get("Content-Type") + " " + String.fromCharCode(b[0], b[1]);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if kind != "application/vnd.openxmlformats-officedocument.wordprocessingml.document PK" {
		t.Errorf("the draft DOCX: %q", kind)
	}
	browsertest.Screenshot(t, ctx, "legaldoc-expired-list")
	// Issued with a number, it is kept in the register of issued reports.
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#number"), "05"),
		chromedp.SendKeys(chromedp.CSS("#signer_name"), "Nguyễn Văn Phúc"),
		chromedp.Click(chromedp.CSS(`#issue-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=issued] a")),
	)
	if err != nil {
		t.Fatalf("issue the list: %v", err)
	}
	kind, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const r = await fetch(document.querySelector("[data-testid=issued] a").href);
		const b = new Uint8Array(await r.arrayBuffer());
		return r.status + " " + String.fromCharCode(b[0], b[1]);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if kind != "200 PK" {
		t.Errorf("the issued DOCX from the register: %q", kind)
	}
}
