package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
	"papihub/internal/platform/vn"
)

func TestAConclusionWithThreeRecommendationsIsFollowedUpAndTheOverdueOneReachesTheDirector(t *testing.T) {
	ts := newTestServer(t)
	evidence := filepath.Join(t.TempDir(), "bao-cao-khac-phuc.pdf")
	if err := os.WriteFile(evidence, []byte("%PDF-1.4\n% báo cáo kết quả khắc phục\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	day := func(days int) string { return vn.FormatDate(time.Now().AddDate(0, 0, days)) }
	ctx := browsertest.New(t, browsertest.Desktop)
	// The Office enters the conclusion received a month ago: a recovery
	// already past its deadline, a corrective measure and a discipline.
	err := chromedp.Do(ctx,
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/inspection"),
		chromedp.Click(chromedp.CSS(`a[href^="/inspection/new"]`)),
		chromedp.WaitVisible(chromedp.CSS("#number")),
		chromedp.SendKeys(chromedp.CSS("#number"), "125/KL-TTr"),
		chromedp.SendKeys(chromedp.CSS("#issuer"), "Thanh tra tỉnh Hưng Yên"),
		chromedp.SendKeys(chromedp.CSS("#issued_on"), day(-40)),
		chromedp.SendKeys(chromedp.CSS("#received_on"), day(-38)),
		chromedp.SendKeys(chromedp.CSS("#summary"), "Thanh tra trách nhiệm quản lý tài chính"),
		chromedp.SetValue(chromedp.CSS("#r1_kind"), "recover"),
		chromedp.SendKeys(chromedp.CSS("#r1_content"), "Thu hồi tiền thanh toán vượt định mức"),
		chromedp.SendKeys(chromedp.CSS("#r1_deadline"), day(-10)),
		chromedp.SendKeys(chromedp.CSS("#r1_amount_due"), "120.000.000"),
		chromedp.SetValue(chromedp.CSS("#r2_kind"), "corrective"),
		chromedp.SendKeys(chromedp.CSS("#r2_content"), "Chấn chỉnh công tác mua sắm"),
		chromedp.SendKeys(chromedp.CSS("#r2_deadline"), day(30)),
		chromedp.SetValue(chromedp.CSS("#r3_kind"), "discipline"),
		chromedp.SendKeys(chromedp.CSS("#r3_content"), "Kiểm điểm trách nhiệm cá nhân"),
		chromedp.SendKeys(chromedp.CSS("#r3_deadline"), day(60)),
		chromedp.SendKeys(chromedp.CSS("#r3_people"), "2"),
		chromedp.Click(chromedp.CSS(`#conclusion-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#recommendations")),
	)
	if err != nil {
		t.Fatalf("enter the conclusion: %v", err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#recommendations tbody tr").length`))
	if err != nil || rows != 3 {
		t.Fatalf("the conclusion's recommendations: %d, %v", rows, err)
	}
	// Received 38 days ago, the directive was due 23 days ago.
	if d := textOf(t, ctx, "[data-testid=directive]"); d != "Quá hạn 15 ngày" {
		t.Errorf("the directive: %q", d)
	}
	browsertest.Screenshot(t, ctx, "inspection-conclusion")
	// The corrective measure is reported in progress with its evidence.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#recommendations tbody tr:nth-child(2) a`)),
		chromedp.WaitVisible(chromedp.CSS("#update-form")),
		chromedp.SetValue(chromedp.CSS("#progress"), "in_progress"),
		chromedp.SendKeys(chromedp.CSS("#note"), "Đã ban hành quy trình mua sắm mới"),
		chromedp.SetUploadFiles(chromedp.CSS("#evidence"), []string{evidence}),
		chromedp.Click(chromedp.CSS(`#update-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#history [data-testid=evidence]")),
	)
	if err != nil {
		t.Fatalf("report progress: %v", err)
	}
	if st := textOf(t, ctx, "[data-testid=status]"); st != "Đang thực hiện" {
		t.Errorf("the measure's status: %q", st)
	}
	kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const r = await fetch(document.querySelector("#history [data-testid=evidence]").href);
		const b = new Uint8Array(await r.arrayBuffer());
		return r.headers.get("Content-Type") + " " + String.fromCharCode(b[0], b[1], b[2], b[3]);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil || kind != "application/pdf %PDF" {
		t.Errorf("the evidence file: %q, %v", kind, err)
	}
	browsertest.Screenshot(t, ctx, "inspection-recommendation")
	// The director finds the overdue recovery, and only it, in the list.
	err = chromedp.Do(ctx,
		signOut(),
		signIn(t, ts, "giamdoc", testPassword),
		chromedp.Navigate(ts.URL+"/inspection"),
		chromedp.Click(chromedp.CSS(`nav.subnav a[href^="/inspection/overdue"]`)),
		chromedp.WaitVisible(chromedp.CSS("#overdue")),
	)
	if err != nil {
		t.Fatalf("the director's view: %v", err)
	}
	body := textOf(t, ctx, "#overdue tbody")
	if !strings.Contains(body, "Thu hồi tiền thanh toán vượt định mức") || !strings.Contains(body, "Quá hạn") || strings.Contains(body, "Chấn chỉnh") {
		t.Errorf("the overdue list: %q", body)
	}
	browsertest.Screenshot(t, ctx, "inspection-overdue")
}
