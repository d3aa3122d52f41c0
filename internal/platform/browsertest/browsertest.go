// Package browsertest drives Debian's Chromium through chromedp for the
// user-journey tests. A test that needs a browser fails when none is found,
// unless PAPIHUB_SKIP_BROWSER=1 says this machine has none on purpose: a
// journey silently skipped is a journey nobody checked.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvSkip names the variable that lets browser tests skip where no Chromium
// is installed.
const EnvSkip = "PAPIHUB_SKIP_BROWSER"

// EnvArtefacts names the directory where screenshots are kept, if set.
const EnvArtefacts = "PAPIHUB_ARTEFACTS"

func chromiumPath() string {
	for _, p := range []string{os.Getenv("PAPIHUB_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// Size is a browser window size.
type Size struct{ Width, Height int }

var (
	Desktop = Size{1280, 900}
	Phone   = Size{390, 844}
)

// New starts a headless Chromium with a window of size and returns a context
// to run chromedp actions in; the browser closes when the test ends. The
// whole journey is bounded by a generous deadline so a stuck page fails the
// test instead of hanging CI (it is a safety net, not a speed check).
func New(t testing.TB, size Size) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv(EnvSkip) == "1" {
			t.Skip("no Chromium on this machine and " + EnvSkip + "=1")
		}
		t.Fatal("browser test: Chromium not found (apt-get install chromium, or set " + EnvSkip + "=1 to skip)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(size.Width, size.Height),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browser test: start Chromium: %v", err)
	}
	// Headless Chromium keeps windows at least 500 px wide; a phone's
	// viewport has to be emulated.
	if size.Width < 500 {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(size.Width), int64(size.Height), chromedp.EmulateMobile)); err != nil {
			t.Fatalf("browser test: emulate a phone: %v", err)
		}
	}
	return ctx
}

// Screenshot saves the current page as name.png in the artefacts directory,
// when one is set.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv(EnvArtefacts)
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG rather than JPEG
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}
