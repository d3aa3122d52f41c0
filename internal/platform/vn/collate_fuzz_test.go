package vn

import (
	"bytes"
	"testing"
)

func FuzzCompare(f *testing.F) {
	for _, p := range [][2]string{{"Đà Nẵng", "Dương"}, {"An", "Ánh"}, {"an", "AN"}, {"", " "}, {"a\u0301", "á"}, {"\xff", "ÿ"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := Compare(a, b), Compare(b, a)
		if Compare(a, a) != 0 || Compare(b, b) != 0 {
			t.Fatalf("Compare of a string with itself is not 0: %q, %q", a, b)
		}
		if ab != -ba {
			t.Fatalf("Compare(%q, %q) = %d but Compare(%q, %q) = %d", a, b, ab, b, a, ba)
		}
		if (ab == 0) != (a == b) {
			t.Fatalf("Compare(%q, %q) = %d disagrees with equality", a, b, ab)
		}
		if keys := bytes.Compare([]byte(SortKey(a)), []byte(SortKey(b))); keys != ab {
			t.Fatalf("keys of %q and %q compare %d, Compare gives %d", a, b, keys, ab)
		}
	})
}
