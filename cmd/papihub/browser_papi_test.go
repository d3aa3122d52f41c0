package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/papi"
	"papihub/internal/platform/browsertest"
)

func TestAnOfficerOpensHungYensStandingAndSeesTheRankAndTheRadar(t *testing.T) {
	ts := newPapiServer(t)
	ctx := browsertest.New(t, browsertest.Desktop)
	err := chromedp.Do(ctx,
		signIn(t, ts, "chuyenvien", testPassword),
		chromedp.Navigate(ts.URL+"/papi"),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=rank]")),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=radar] svg.chart-radar")),
	)
	if err != nil {
		t.Fatalf("open the standing page: %v", err)
	}
	if h1 := textOf(t, ctx, "main h1"); h1 != "Vị thế PAPI của Hưng Yên năm 2021" {
		t.Errorf("heading = %q, want Hưng Yên's standing in 2021 (the user's province, the latest year)", h1)
	}
	if rank := textOf(t, ctx, "[data-testid=rank]"); rank != "hạng 5/60" {
		t.Errorf("rank = %q, want hạng 5/60", rank)
	}
	// The radar is drawn, not an empty "no data" box: three series of eight axes.
	polygons, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`document.querySelectorAll("[data-testid=radar] svg.chart-radar polygon, [data-testid=radar] svg.chart-radar path").length`))
	if err != nil {
		t.Fatal(err)
	}
	height, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
		`document.querySelector("[data-testid=radar] svg.chart-radar").getBoundingClientRect().height`))
	if err != nil {
		t.Fatal(err)
	}
	if polygons < 3 || height < 100 {
		t.Errorf("radar has %d shapes and is %.0f px high; want the three series drawn", polygons, height)
	}
	browsertest.Screenshot(t, ctx, "papi-standing-hung-yen")

	// A plan's dimension card links straight to a dimension's row.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+papi.StandingURL("Hưng Yên", 2021, "D3")),
		chromedp.WaitVisible(chromedp.CSS("tr#D3")),
	); err != nil {
		t.Fatalf("open the D3 anchor: %v", err)
	}
	if row := textOf(t, ctx, "tr#D3"); !strings.Contains(row, "Trách nhiệm giải trình") {
		t.Errorf("D3 row = %q", row)
	}
}

func TestTheProvincesTableFiltersAsYouTypeWithoutDiacritics(t *testing.T) {
	ts := newPapiServer(t)
	ctx := browsertest.New(t, browsertest.Phone)
	err := chromedp.Do(ctx,
		signIn(t, ts, "xem", testPassword),
		chromedp.Navigate(ts.URL+"/papi/provinces?year=2021"),
		chromedp.WaitVisible(chromedp.CSS("input[data-filter]")),
		chromedp.SendKeys(chromedp.CSS("input[data-filter]"), "hung yen"),
	)
	if err != nil {
		t.Fatalf("type in the filter: %v", err)
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#provinces tbody tr")].filter(r => !r.hidden).map(r => r.querySelector("th").textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	if len(visible) != 1 || visible[0] != "Hưng Yên" {
		t.Errorf("rows left by the filter: %v, want only Hưng Yên", visible)
	}
}

func TestTheFocalOfficeUploadsTheOfficialResultsWithAProgressBar(t *testing.T) {
	ts := newTestServer(t)
	file := filepath.Join(t.TempDir(), papi.OfficialResultsFile)
	if err := os.WriteFile(file, []byte(papi.OfficialResultsCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t, browsertest.Desktop)
	err := chromedp.Do(ctx,
		signIn(t, ts, "vanphong", testPassword),
		chromedp.Navigate(ts.URL+"/papi/import"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("form[data-progress] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=import-done]")),
	)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	if done := textOf(t, ctx, "[data-testid=import-done]"); !strings.Contains(done, "693 dòng mới") {
		t.Errorf("after the upload: %q", done)
	}
}
