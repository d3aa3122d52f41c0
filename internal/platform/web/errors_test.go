package web

import (
	"strings"
	"testing"
)

func TestATextOverItsBoundIsNamedWithTheBound(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"60 letters with marks fit a code", strings.Repeat("ệ", 60), MaxCode, ""},
		{"61 do not", strings.Repeat("ệ", 61), MaxCode, "form.too_long.code"},
		{"300 fit a name", strings.Repeat("a", 300), MaxShort, ""},
		{"301 do not", strings.Repeat("a", 301), MaxShort, "form.too_long.short"},
		{"4,001 do not fit a summary", strings.Repeat("ơ", 4001), MaxText, "form.too_long.text"},
		{"a line", strings.Repeat("a", 1001), MaxLine, "form.too_long.line"},
		{"a paragraph", strings.Repeat("a", 20001), MaxParagraph, "form.too_long.paragraph"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := FieldErrors{}
			errs.Within("f", tc.s, tc.n)
			if errs["f"] != tc.want {
				t.Fatalf("Within = %q, want %q", errs["f"], tc.want)
			}
			if tc.want != "" && (T(LangVI, tc.want) == tc.want || !strings.Contains(T(LangVI, tc.want), "tối đa")) {
				t.Errorf("%s has no Vietnamese message naming the bound: %q", tc.want, T(LangVI, tc.want))
			}
		})
	}
	defer func() {
		if recover() == nil {
			t.Error("a bound without a message was accepted")
		}
	}()
	FieldErrors{}.Within("f", "x", 123)
}
