package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
)

// The journey in a real browser: the focal officer imports the seed
// plan through the upload page and assigns a task to a division; the
// division's officer posts progress with a PDF; the focal officer accepts
// it and the dimension card counts it done.
func TestTheSeedPlanImportedInTheBrowserEndsWithAnAcceptedTaskOnItsCard(t *testing.T) {
	ts := newTestServer(t)
	ctx := browsertest.New(t, browsertest.Desktop)
	seed, err := filepath.Abs("../../internal/plan/testdata/seed-ke-hoach-papi-2023-so-tttt-hung-yen.md")
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "bien-ban.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cds, err := ts.org.UnitByCode(t.Context(), "000.07.06.H33")
	if err != nil {
		t.Fatal(err)
	}

	err = chromedp.Do(ctx,
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/plans/new"),
		chromedp.WaitVisible(chromedp.CSS("#import-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{seed}),
		chromedp.Click(chromedp.CSS("#import-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#review-form")),
		// The department takes the absorbed department's plan as its 2026 plan.
		chromedp.SetValue(chromedp.CSS("#title"), "Nâng cao hiệu quả quản trị và hành chính công PAPI năm 2026"),
		chromedp.SetValue(chromedp.CSS("#symbol"), "KH-SKHCN"),
		chromedp.SetValue(chromedp.CSS("#date"), "2026-02"),
		chromedp.SetValue(chromedp.CSS("#year"), "2026"),
		chromedp.Click(chromedp.CSS("#review-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#card-D8")),
	)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	var taskID, sectionID int64
	if err := ts.db.R.QueryRow(`SELECT t.id, t.section_id FROM tasks t JOIN plan_sections s ON s.id = t.section_id WHERE s.dimension = 'D8' ORDER BY t.id LIMIT 1`).Scan(&taskID, &sectionID); err != nil {
		t.Fatal(err)
	}
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(ts.URL + "/tasks/" + itoa(taskID)),
		chromedp.WaitVisible(chromedp.CSS("#task-form")),
		chromedp.SetValue(chromedp.CSS("#lead_unit_id"), itoa(cds.ID)),
		chromedp.SetValue(chromedp.CSS("#frequency"), "once"),
		// Due in three weeks, so that it is on the officer's "due soon" list.
		chromedp.SetValue(chromedp.CSS("#due"), time.Now().AddDate(0, 0, 21).Format("02/01/2006")),
		chromedp.Click(chromedp.CSS("#task-form button[type=submit]")),
		// The task page had its instances table before saving too: wait for
		// the "saved" message, or signing out would cut the post short.
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		signOut(),
		signIn(t, ts, "chuyenvien", testPassword),
		chromedp.Navigate(ts.URL + "/tasks/mine"),
		chromedp.WaitVisible(chromedp.CSS("#due a")),
		chromedp.Click(chromedp.CSS("#due a")),
		chromedp.WaitVisible(chromedp.CSS("#update-form")),
		chromedp.SendKeys(chromedp.CSS("#u_text"), "Đã tổ chức 3 buổi tuyên truyền sử dụng Internet"),
		chromedp.SetValue(chromedp.CSS("#u_percent"), "100"),
		chromedp.SetUploadFiles(chromedp.CSS("#u_files"), []string{pdf}),
		chromedp.Click(chromedp.CSS("#u_submit")),
		chromedp.Click(chromedp.CSS("#update-form button[type=submit]")),
	}
	for i, step := range steps {
		if err := chromedp.Do(ctx, step); err != nil {
			t.Fatalf("assign and report, step %d: %v", i, err)
		}
	}
	// The form is sent by script with a progress bar, which then writes
	// the answer into the page; wait for the server to have it, then open
	// the instance afresh rather than trust the rewritten document.
	var instID int64
	if err := ts.db.R.QueryRow(`SELECT id FROM task_instances WHERE task_id = $1`, taskID).Scan(&instID); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		var n int
		if err := ts.db.R.QueryRow(`SELECT COUNT(*) FROM evidence_files WHERE instance_id = $1`, instID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			break
		}
		if i == 600 {
			t.Fatal("the progress update never reached the server")
		}
		time.Sleep(50 * time.Millisecond)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/instances/"+itoa(instID)),
		chromedp.WaitVisible(chromedp.CSS("#timeline a[href^='/evidence/']")),
		signOut(),
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/instances/"+itoa(instID)),
		chromedp.WaitVisible(chromedp.CSS("#review-form")),
		chromedp.SendKeys(chromedp.CSS("#comment"), "Đạt yêu cầu"),
		chromedp.Click(chromedp.CSS("#accept")),
		chromedp.WaitNotPresent(chromedp.CSS("#review-form")),
	)
	if err != nil {
		t.Fatalf("accept: %v", err)
	}
	var planID int64
	if err := ts.db.R.QueryRow(`SELECT plan_id FROM tasks WHERE id = $1`, taskID).Scan(&planID); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/plans/"+itoa(planID)), chromedp.WaitVisible(chromedp.CSS("#card-D8"))); err != nil {
		t.Fatal(err)
	}
	done, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#card-D8"), "data-done"))
	if err != nil {
		t.Fatal(err)
	}
	if done.Value != "1" {
		t.Fatalf("D8 card shows %q done, want 1", done.Value)
	}
	browsertest.Screenshot(t, ctx, "plan-dimension-cards")
}

// A plan written with status paragraphs, read in the browser: the review
// page shows each dimension's baseline in a form the focal officer corrects
// before saving, and the plan page shows it on the dimension's card.
func TestAPlansBaselinesAreReviewedAndShownOnItsCardsInTheBrowser(t *testing.T) {
	ts := newTestServer(t)
	ctx := browsertest.New(t, browsertest.Desktop)
	doc, err := filepath.Abs("../../internal/plan/testdata/shapes/a-thuc-trang-giai-phap.md")
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/plans/new"),
		chromedp.WaitVisible(chromedp.CSS("#import-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{doc}),
		chromedp.Click(chromedp.CSS("#import-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#baselines")),
	)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	score, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name="baseline.D3.score"]`)))
	if err != nil || score != "4,21" {
		t.Fatalf("the D3 baseline reads %q, want 4,21", score)
	}
	browsertest.Screenshot(t, ctx, "plan-review-baselines")
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`input[name="baseline.D3.score"]`), "4,25"),
		chromedp.SetValue(chromedp.CSS("#symbol"), "KH-SKHCN"),
		chromedp.Click(chromedp.CSS("#review-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#card-D3")),
	)
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	card := textOf(t, ctx, "#card-D3 .baseline")
	if want := "4,25 điểm, năm 2025, nhóm trung bình thấp, −0,12"; !strings.Contains(card, want) {
		t.Fatalf("the D3 card says %q, want %q", card, want)
	}
	browsertest.Screenshot(t, ctx, "plan-card-baseline")
}
