package report

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// wml accumulates WordprocessingML. It is a strings.Builder with the few
// helpers every part needs, so that the markup stays readable next to the
// layout rule it implements and escaping happens in one place.
type wml struct{ strings.Builder }

// runStyle is the character formatting of a run. Size is in half-points as
// WordprocessingML counts it (28 = 14 pt); 0 keeps the paragraph's size.
type runStyle struct {
	Bold, Italic bool
	Size         int
}

// run writes text as one run. Line breaks and tabs inside the text become
// <w:br/> and <w:tab/>, because Word ignores them inside <w:t>.
func (x *wml) run(text string, rs runStyle) {
	if text == "" {
		return
	}
	x.WriteString("<w:r>")
	if rs != (runStyle{}) {
		x.WriteString("<w:rPr>")
		if rs.Bold {
			x.WriteString("<w:b/><w:bCs/>")
		}
		if rs.Italic {
			x.WriteString("<w:i/><w:iCs/>")
		}
		if rs.Size > 0 {
			n := strconv.Itoa(rs.Size)
			x.WriteString(`<w:sz w:val="` + n + `"/><w:szCs w:val="` + n + `"/>`)
		}
		x.WriteString("</w:rPr>")
	}
	text = clean(text)
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			x.WriteString("<w:br/>")
		}
		for j, piece := range strings.Split(line, "\t") {
			if j > 0 {
				x.WriteString("<w:tab/>")
			}
			if piece != "" {
				x.WriteString(`<w:t xml:space="preserve">`)
				x.escape(piece)
				x.WriteString("</w:t>")
			}
		}
	}
	x.WriteString("</w:r>")
}

// para writes a paragraph with the given properties (the inside of <w:pPr>)
// holding one run.
func (x *wml) para(pPr, text string, rs runStyle) {
	x.open(pPr)
	x.run(text, rs)
	x.WriteString("</w:p>")
}

// open starts a paragraph with the given properties; the caller writes the
// runs and closes it.
func (x *wml) open(pPr string) {
	x.WriteString("<w:p>")
	if pPr != "" {
		x.WriteString("<w:pPr>" + pPr + "</w:pPr>")
	}
}

// escape writes s with the characters XML reserves escaped and the
// characters XML 1.0 forbids (most C0 controls, unpaired surrogates, invalid
// UTF-8) replaced by U+FFFD, so that no text can break the part.
func (x *wml) escape(s string) {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&quot;"
		case r == utf8.RuneError && width == 1, !xmlChar(r):
			esc = "\uFFFD"
		default:
			i += width
			continue
		}
		x.WriteString(s[last:i])
		x.WriteString(esc)
		i += width
		last = i
	}
	x.WriteString(s[last:])
}

// attr writes an escaped attribute value for text that came from the caller.
func (x *wml) attr(s string) { x.escape(clean(s)) }

// xmlChar reports whether r may appear in an XML 1.0 document (the Char
// production of the XML specification).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// clean puts text into NFC. Vietnamese typed on some systems arrives
// decomposed (a base letter followed by combining marks); Word and
// LibreOffice then place the marks badly and search misses the word, so every
// string is composed before it is written. Carriage returns are folded into
// line feeds.
func clean(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if isASCII(s) {
		return s
	}
	return norm.NFC.String(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// upper upper-cases Vietnamese text after composing it, for the parts that
// Decree 30 prints in capitals (names of bodies, section titles of level I).
func upper(s string) string { return strings.ToUpper(clean(s)) }

// twips converts millimetres to twentieths of a point, the unit of page
// geometry in WordprocessingML.
func twips(mm float64) int { return int(mm*1440/25.4 + 0.5) }
