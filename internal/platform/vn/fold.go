// Package vn holds what Vietnamese text needs and Go's standard library does
// not give: diacritic-insensitive folding for search, collation for sorting,
// and the date, number and identity-number formats officials expect.
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
// the same result. Fold is safe for concurrent use.
func Fold(s string) string {
	if isPlainASCIILower(s) {
		return s
	}
	if out, ok := foldLatin(s); ok {
		return out
	}
	return foldSlow(s)
}

// foldLatin is the fast path: Vietnamese text is ASCII plus precomposed
// letters and combining marks, all of which the table in fold_table.go
// resolves without normalising. It gives up (ok == false) on any rune outside
// the table, and the caller falls back to foldSlow, which defines the result.
func foldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading space
	pending := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
				if !space {
					pending = true
				}
				space = true
				continue
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		e, known := foldEntryOf(r)
		if !known || (r == utf8.RuneError && size == 1) {
			return "", false
		}
		i += size
		switch e.kind {
		case foldDrop:
			continue
		case foldSpace:
			if !space {
				pending = true
			}
			space = true
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		space = false
		b.WriteString(e.text)
	}
	return b.String(), true
}

// foldSlow is the definition of Fold: decompose, drop nonspacing marks, map
// đ to d, collapse white space, lower-case. The fast path must agree with it
// (see TestFoldFastPathAgreesWithDefinition and FuzzFold).
func foldSlow(s string) string {
	if !utf8.ValidString(s) {
		// Each invalid byte becomes U+FFFD before normalising: the normaliser
		// passes an invalid byte through together with the character after it
		// undecomposed ("\xf4Ώ"), which made Fold(Fold(x)) differ from Fold(x).
		s = string([]rune(s))
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
