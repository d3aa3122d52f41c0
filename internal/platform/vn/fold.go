// Package vn holds what Vietnamese text needs and Go's standard library does
// not give: diacritic-insensitive folding for search, collation for sorting,
// and the date and number formats officials expect.
package vn

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased with every diacritic removed and đ turned into d,
// so that "ho so" matches "Hồ Sơ" and "dong" matches "Đông". Runs of white
// space become one space and the ends are trimmed. Input in NFC or NFD gives
// the same result.
func Fold(s string) string {
	if isPlainASCIILower(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading space
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		default:
			r = unicode.ToLower(r)
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// isPlainASCIILower reports whether Fold(s) == s without any work: the common
// case for codes and already-folded search terms.
func isPlainASCIILower(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			return false
		}
		if c == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// Contains reports whether needle occurs in haystack once both are folded.
func Contains(haystack, needle string) bool {
	return strings.Contains(Fold(haystack), Fold(needle))
}
