package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runIndex(t *testing.T, csv string, args ...string) (int, string, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "counts.csv")
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code := runMain(context.Background(), e, append([]string{"index", "score", file}, args...))
	return code, out.String(), errOut.String()
}

func TestIndexScorePrintsTheTotal(t *testing.T) {
	// 20·0.97 = 19.40; 6·0.4/0.5 = 4.80; the two feedback indicators with no
	// feedback score 6 + 6; satisfaction 0/0 is 0: 19.4 + 4.8 + 12 = 36.20.
	code, out, errOut := runIndex(t, "metric,numerator,denominator\nPROGRESS_ON_TIME,970,1000\nONLINE_SUBMITTED,400,1000\n")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Tổng điểm") || !strings.Contains(out, "36,20") || !strings.Contains(out, "19,40") {
		t.Fatalf("output lacks the total 36,20:\n%s", out)
	}
}

func TestIndexScorePrintsJSONWhenAsked(t *testing.T) {
	code, out, _ := runIndex(t, "metric,numerator,denominator\nPROGRESS_ON_TIME,1,2\n", "--json")
	if code != 0 || !strings.Contains(out, `"total": 22`) {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestIndexScoreFailsOnAnUnknownMetric(t *testing.T) {
	code, _, errOut := runIndex(t, "metric,numerator,denominator\nSPEED,1,2\n")
	if code != 1 || !strings.Contains(errOut, "dòng 2") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// A row copied from the national portal scores as the portal scores it: its
// numerator for dossier satisfaction is the good dossiers.
func TestIndexScoreReadsThePortalsGoodDossierCount(t *testing.T) {
	code, out, errOut := runIndex(t, "metric,numerator,denominator\nDOSSIER_RECEIVING_SATISFACTION,7835,10000\n")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// min(6, 6·0.7835/0.90) = 5.2233… → 5,22; with the two feedback
	// indicators' full 6 + 6 the total is 17,22.
	if !strings.Contains(out, "5,22") || !strings.Contains(out, "17,22") {
		t.Fatalf("output lacks 5,22 and the total 17,22:\n%s", out)
	}
}
