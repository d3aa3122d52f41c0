package inspection

import (
	"io/fs"
	"regexp"
	"testing"

	"papihub/internal/platform/web"
)

// The keys the pages name, literally or through printf with each value a
// list offers, all read in Vietnamese and in English: a key without a message
// shows as itself on the page.
func TestEveryKeyThePagesNameHasAMessage(t *testing.T) {
	literal := regexp.MustCompile(`T "(inspection\.[a-z_.]+|nav\.inspection)"`)
	formatted := regexp.MustCompile(`printf "(inspection\.[a-z_.]*)%s([a-z_.]*)"`)
	values := map[string][]string{}
	add := func(prefix string, vs ...string) { values[prefix] = append(values[prefix], vs...) }
	for _, k := range Kinds {
		add("inspection.kind.", string(k))
	}
	for _, s := range Sources {
		add("inspection.source.", string(s))
	}
	for _, s := range Statuses {
		add("inspection.status.", string(s))
	}
	for _, k := range CheckKinds {
		add("inspection.check.kind.", string(k))
	}
	for _, d := range []DirectiveState{DirectiveWaiting, DirectiveOverdue, DirectiveOnTime, DirectiveLate} {
		add("inspection.directive.", string(d))
	}
	add("inspection.", "overdue", "strict")
	keys := map[string]bool{"inspection.created": true, "inspection.directive.saved": true, "inspection.update.saved": true,
		"inspection.check.saved": true, "inspection.report.issued": true}
	err := fs.WalkDir(templatesFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templatesFS, path)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
		for _, m := range formatted.FindAllStringSubmatch(string(b), -1) {
			if len(values[m[1]]) == 0 {
				t.Errorf("%s: no values known for %q", path, m[0])
			}
			for _, v := range values[m[1]] {
				keys[m[1]+v+m[2]] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 100 {
		t.Fatalf("only %d keys found", len(keys))
	}
	for key := range keys {
		vi, en := web.T(web.LangVI, key), web.T(web.LangEN, key)
		switch {
		case vi == key:
			t.Errorf("%s has no message", key)
		case en == vi:
			t.Errorf("%s has no English message (English falls back to the Vietnamese)", key)
		}
	}
}
