package vn

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// element is what one base character and the marks after it contribute to
// the levels of a sort key.
type element struct {
	primary  uint32
	modified bool  // a breve, circumflex or horn made it ă â ê ô ơ ư
	tone     uint8 // 0 ngang … 5 nặng
	other    bool  // carries a mark outside Vietnamese spelling
	upper    bool
}

// Tones in their collation order; the value is the secondary weight.
const (
	toneNgang = iota
	toneHuyen
	toneHoi
	toneNga
	toneSac
	toneNang
)

func (e element) secondary() byte {
	w := e.tone
	if e.other {
		w += toneNang + 1
	}
	return keyDigit0 + w
}

func (e element) tertiary() byte {
	if e.upper {
		return keyDigit0 + 1
	}
	return keyDigit0
}

// appendElements splits s into collation elements: each character after
// canonical decomposition starts an element and the nonspacing marks after it
// modify it. A run of white space becomes one space element; spaces at the
// ends are dropped.
func appendElements(dst []element, s string) []element {
	pendingSpace := false
	add := func(e element) {
		if pendingSpace {
			dst = append(dst, element{primary: weightSpace})
			pendingSpace = false
		}
		dst = append(dst, e)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && c != ' ' && !(c >= '\t' && c <= '\r') {
			i++
			add(asciiElement(c))
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if ce, ok := collEntryOf(r); ok {
			switch ce.kind {
			case collSpace:
				pendingSpace = len(dst) > 0
			case collMark:
				if len(dst) > 0 && !pendingSpace {
					dst[len(dst)-1].mark(r)
				} else {
					add(baseElement(r))
				}
			default:
				add(ce.elem)
			}
			continue
		}
		// Outside the table: decompose with the normaliser's data.
		var buf [utf8.UTFMax]byte
		d := norm.NFD.Properties(utf8.AppendRune(buf[:0], r)).Decomposition()
		if d == nil {
			d = utf8.AppendRune(buf[:0], r)
		}
		for _, x := range string(d) {
			switch {
			case unicode.IsSpace(x):
				pendingSpace = len(dst) > 0
			case unicode.Is(unicode.Mn, x) && len(dst) > 0 && !pendingSpace:
				dst[len(dst)-1].mark(x)
			default:
				add(baseElement(x))
			}
		}
	}
	return dst
}

func asciiElement(c byte) element {
	switch {
	case c >= 'a' && c <= 'z':
		return element{primary: asciiLetterWeight[c-'a']}
	case c >= 'A' && c <= 'Z':
		return element{primary: asciiLetterWeight[c-'A'], upper: true}
	case c >= '0' && c <= '9':
		return element{primary: weightDigit + uint32(c-'0')}
	}
	return element{primary: weightASCIISymbol + uint32(c)}
}

func baseElement(x rune) element {
	if x < utf8.RuneSelf {
		return asciiElement(byte(x))
	}
	lower := unicode.ToLower(x)
	e := element{upper: lower != x}
	if w, ok := letterWeight[lower]; ok {
		e.primary = w
	} else {
		e.primary = weightOther + uint32(lower)
	}
	return e
}

// mark applies a nonspacing mark to the element it follows. Marks are
// recognised in any order, since NFD puts the dot below before the circumflex
// of ậ but the horn before the acute of ớ. A second tone, or a modifier that
// makes no Vietnamese letter (u with circumflex), counts as an other mark.
func (e *element) mark(m rune) {
	if tone, ok := toneOf(m); ok {
		if e.tone == toneNgang {
			e.tone = tone
		} else {
			e.other = true
		}
		return
	}
	if w, ok := modifiedLetter(e.primary, m); ok && !e.modified {
		e.primary, e.modified = w, true
		return
	}
	e.other = true
}

func toneOf(m rune) (uint8, bool) {
	switch m {
	case '\u0300':
		return toneHuyen, true
	case '\u0309':
		return toneHoi, true
	case '\u0303':
		return toneNga, true
	case '\u0301':
		return toneSac, true
	case '\u0323':
		return toneNang, true
	}
	return 0, false
}

// modifiedLetter gives the weight of a, e, o or u under a breve (U+0306),
// circumflex (U+0302) or horn (U+031B) when that spells ă â ê ô ơ ư.
func modifiedLetter(primary uint32, m rune) (uint32, bool) {
	var r rune
	switch m {
	case '\u0306':
		if primary == asciiLetterWeight['a'-'a'] {
			r = 'ă'
		}
	case '\u0302':
		switch primary {
		case asciiLetterWeight['a'-'a']:
			r = 'â'
		case asciiLetterWeight['e'-'a']:
			r = 'ê'
		case asciiLetterWeight['o'-'a']:
			r = 'ô'
		}
	case '\u031b':
		switch primary {
		case asciiLetterWeight['o'-'a']:
			r = 'ơ'
		case asciiLetterWeight['u'-'a']:
			r = 'ư'
		}
	}
	if r == 0 {
		return 0, false
	}
	return letterWeight[r], true
}
