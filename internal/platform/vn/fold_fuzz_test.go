package vn

import (
	"testing"
	"unicode"
)

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Hồ Sơ", "ĐÔNG  Hưng\tYên ", "Ho\u0302\u0300 so\u031b", "\xff", "ΣΑΣ ß İ", "a\u0345\u0300b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if want := foldSlow(s); got != want {
			t.Fatalf("Fold(%q) = %q, the definition gives %q", s, got, want)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold is not idempotent: Fold(%q) = %q, Fold of that = %q", s, got, again)
		}
		for _, r := range got {
			if unicode.ToLower(r) != r {
				t.Fatalf("Fold(%q) = %q keeps the upper-case %q", s, got, r)
			}
		}
	})
}
