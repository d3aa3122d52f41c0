package portal

import (
	"io/fs"
	"regexp"
	"testing"

	"papihub/internal/platform/web"
)

var templateKeyRe = regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)

// TestEveryMessageKeyATemplateNamesExists reads the keys the portal's
// templates name literally: a missing one would print the key itself.
func TestEveryMessageKeyATemplateNamesExists(t *testing.T) {
	files, err := fs.Glob(templatesFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		b, err := fs.ReadFile(templatesFS, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range templateKeyRe.FindAllStringSubmatch(string(b), -1) {
			n++
			if !web.HasMessage(m[1]) {
				t.Errorf("%s: no message %q", f, m[1])
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d keys found: the pattern no longer matches the templates", n)
	}
}
