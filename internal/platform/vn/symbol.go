package vn

import "strings"

// SymbolKey is the form of an official document's number and symbol that
// matching uses: no diacritics, no spaces, dashes plain, upper case, so that
// "12/2024/QĐ-UBND", "12/2024/QD-UBND" and "12 / 2024 / qđ–ubnd" meet. The
// legal register and the inspection register both look documents up by it.
func SymbolKey(number string) string {
	var b strings.Builder
	for _, r := range Fold(number) {
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0':
		case r == '–' || r == '—':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return strings.ToUpper(b.String())
}
