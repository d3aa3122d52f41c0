package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"papihub/internal/platform/browsertest"
)

// axe-core (the npm package) checks WCAG 2.1 A and AA in the real browser.
// .ci/run installs it under .ci/node and sets PAPIHUB_REQUIRE_AXE=1, so CI
// fails without it; elsewhere the test runs when PAPIHUB_AXE names
// axe.min.js or .ci/node holds it, and says it skipped otherwise.
const (
	envAxe        = "PAPIHUB_AXE"
	envRequireAxe = "PAPIHUB_REQUIRE_AXE"
)

func axeScript(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv(envAxe), filepath.Join("..", "..", ".ci", "node", "node_modules", "axe-core", "axe.min.js")} {
		if p == "" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	if os.Getenv(envRequireAxe) == "1" {
		t.Fatal("axe-core not found: npm install --prefix .ci/node axe-core, or set " + envAxe)
	}
	t.Skip("axe-core not installed (npm install --prefix .ci/node axe-core); " + envRequireAxe + "=1 makes this a failure")
	return ""
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// TestEveryPortalPageHasNoSeriousAccessibilityViolation runs axe over each
// kind of portal page at phone and desktop width, in both languages, and
// fails on any violation of serious or critical impact.
func TestEveryPortalPageHasNoSeriousAccessibilityViolation(t *testing.T) {
	script := axeScript(t)
	ts, unit := newPortalServer(t)
	base := "/cong-khai/" + unit.Code
	pages := []string{"/cong-khai", base, base + "/thu-tuc", base + "/thu-tuc?q=khong+co+gi", base + "/chi-so", base + "/van-ban",
		base + "/van-ban/het-hieu-luc", base + "/tiep-cong-dan", base + "/gop-y", base + "/gop-y/tra-cuu", base + "/gop-y/tra-cuu?ma=AAAAA-BBBBB", base + "/tra-cuu", base + "/tra-cuu?ma=000.07.00.H33-261201-0001",
		"/cong-khai/KHONG.CO", base + "/thu-tuc?page=0", base + "?lang=en", base + "/chi-so?lang=en",
		base + "/khao-sat", base + "/khao-sat?lang=en", base + "/tra-loi", base + "/tra-loi?lang=en"}
	_, procs := portalGet(t, ts, base+"/thu-tuc")
	if m := hrefRe.FindAllStringSubmatch(procs, -1); len(m) > 0 {
		for _, l := range m {
			if strings.Contains(l[1], "/thu-tuc/") {
				pages = append(pages, l[1])
				break
			}
		}
	}
	// The PAPI plan's pages: the list, the plan and an issued report.
	pages = append(pages, base+"/ke-hoach", base+"/ke-hoach?lang=en")
	if plan := firstLink(t, ts, base+"/ke-hoach", "/ke-hoach/"); plan != "" {
		pages = append(pages, plan)
		if report := firstLink(t, ts, plan, "/bao-cao/"); report != "" {
			pages = append(pages, report, report+"?lang=en")
		}
	}
	// The first published survey's results and answer, whatever their ids.
	for _, list := range []string{base + "/khao-sat", base + "/tra-loi"} {
		_, body := portalGet(t, ts, list)
		for _, re := range []*regexp.Regexp{surveyLinkRe, answerLinkRe} {
			if m := re.FindString(body); m != "" {
				pages = append(pages, m, m+"?lang=en")
			}
		}
	}
	for _, size := range []browsertest.Size{browsertest.Phone, browsertest.Desktop} {
		b := browsertest.New(t, size)
		for _, p := range pages {
			if err := chromedp.Do(b, chromedp.Navigate(ts.URL+p)); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			out, err := chromedp.Run(b, chromedp.Evaluate[string](script+`;
(async () => {
	const r = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
	return JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical"));
})()`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("axe on %s: %v", p, err)
			}
			var found []axeViolation
			if err := json.Unmarshal([]byte(out), &found); err != nil {
				t.Fatalf("axe on %s: %v", p, err)
			}
			for _, v := range found {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, strings.TrimSpace(strings.Trim(strings.ReplaceAll(strings.ReplaceAll(jsonString(n.Target), "\n", " "), `"`, ""), "[]")))
				}
				t.Errorf("%s at %dpx: %s (%s): %s — %s", p, size.Width, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
			}
		}
	}
}

// firstLink is the first link of the page at path whose address contains
// part, "" when none does.
func firstLink(t *testing.T, ts *testServer, path, part string) string {
	t.Helper()
	_, body := portalGet(t, ts, path)
	for _, l := range hrefRe.FindAllStringSubmatch(body, -1) {
		if strings.Contains(l[1], part) {
			return strings.ReplaceAll(l[1], "&amp;", "&")
		}
	}
	return ""
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
