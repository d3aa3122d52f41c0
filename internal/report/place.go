package report

import (
	"strings"

	"papihub/internal/platform/vn"
)

// PlaceOf is the place of a document's date line, read from the first of
// names (the issuer's parent body, then the issuer) that names a province
// or a city: "UBND tỉnh Hưng Yên" gives "Hưng Yên"; "" when none does.
func PlaceOf(names ...string) string {
	for _, name := range names {
		f := vn.Fold(name)
		for _, w := range []string{"thanh pho ", "tinh "} {
			if i := strings.LastIndex(f, w); i >= 0 {
				// vn.Fold maps each letter to one, so the rune offset of
				// the place in the folded name is its offset in the name.
				r := []rune(name)
				at := len([]rune(f[:i+len(w)]))
				if at <= len(r) {
					return strings.TrimSpace(string(r[at:]))
				}
			}
		}
	}
	return ""
}
