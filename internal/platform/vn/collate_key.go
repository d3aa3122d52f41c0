package vn

import "slices"

// A sort key is four levels, each ended by keyLevelEnd:
//
//	primary weights | tones and other marks | case | raw bytes in hex
//
// keyLevelEnd is below every character a level uses, so a string whose
// elements are a prefix of another's sorts first ("An" before "Anh"). Equal
// primary levels mean the same number of elements, so the one-character
// second and third levels line up position by position.
const (
	keyLevelEnd = '!'
	keyDigit0   = '?' // weights are written in base 64 with digits '?'..'~'
	keyLongMark = '~' // first digit of a five-character primary weight
)

// Primary weights. Values below weightLong are written in two base-64
// digits, the rest as keyLongMark and four digits; every two-digit form
// starts below keyLongMark, so the encoding is prefix-free and keeps order.
const (
	weightSpace       = 1
	weightASCIISymbol = 2   // + the byte, for ASCII punctuation and controls
	weightDigit       = 200 // + the digit value
	weightLetter      = 300 // + the position in vietAlphabet
	weightLong        = 63 * 64
	weightOther       = weightLong // + the lower-cased code point
)

// vietAlphabet is the letter order of the first level: the Vietnamese
// alphabet with f, j, w and z added in their Latin places.
var vietAlphabet = []rune("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")

// letterWeight maps a lower-case letter of vietAlphabet to its weight.
var letterWeight = func() map[rune]uint32 {
	m := make(map[rune]uint32, len(vietAlphabet))
	for i, r := range vietAlphabet {
		m[r] = weightLetter + uint32(i)
	}
	return m
}()

// asciiLetterWeight is letterWeight for a..z without a map lookup.
var asciiLetterWeight = func() (w [26]uint32) {
	for c := 'a'; c <= 'z'; c++ {
		w[c-'a'] = letterWeight[c]
	}
	return w
}()

const hexDigits = "0123456789abcdef"

// appendSortKey appends the sort key of s to dst.
func appendSortKey(dst []byte, s string) []byte {
	var stack [keyStackSize / 4]element
	elems := stack[:0]
	if len(s) > len(stack) {
		elems = make([]element, 0, len(s)) // never more elements than bytes
	}
	elems = appendElements(elems, s)
	// Six key bytes per input byte covers ASCII (2+1+1+2) and every letter of
	// the table; only exotic decompositions need to grow again.
	dst = slices.Grow(dst, 6*len(s)+3)
	for _, e := range elems {
		dst = appendPrimary(dst, e.primary)
	}
	dst = append(dst, keyLevelEnd)
	for _, e := range elems {
		dst = append(dst, e.secondary())
	}
	dst = append(dst, keyLevelEnd)
	for _, e := range elems {
		dst = append(dst, e.tertiary())
	}
	dst = append(dst, keyLevelEnd)
	for i := 0; i < len(s); i++ {
		dst = append(dst, hexDigits[s[i]>>4], hexDigits[s[i]&0x0f])
	}
	return dst
}

func appendPrimary(dst []byte, w uint32) []byte {
	if w < weightLong {
		return append(dst, keyDigit0+byte(w>>6), keyDigit0+byte(w&63))
	}
	w -= weightLong
	return append(dst, keyLongMark,
		keyDigit0+byte(w>>18&63), keyDigit0+byte(w>>12&63),
		keyDigit0+byte(w>>6&63), keyDigit0+byte(w&63))
}
