package plan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A block is what the format readers hand to the plan reader: one line of a
// text file or one paragraph of a DOCX, or a whole table.
type block struct {
	no      int        // 1-based line (text) or paragraph (DOCX)
	text    string     // without Markdown markup, trimmed
	bold    bool       // the whole line is emphasised: a heading in a converted document
	heading bool       // a Markdown "#" heading or a DOCX heading style
	list    bool       // a DOCX list paragraph, whose bullet is not in the text
	rows    [][]string // a table, one string per cell (paragraphs joined by "\n")
	rowNo   []int      // the line (or first paragraph) of each row
}

func (b block) isTable() bool { return b.rows != nil }

// cleanMarkdown removes the Markdown a converted plan carries — "##",
// "**bold**", "*italic*", backslash escapes, hard breaks — and says whether the
// line was a heading or wholly emphasised.
func cleanMarkdown(s string) (text string, bold, heading bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "#") {
		i := 0
		for i < len(s) && s[i] == '#' {
			i++
		}
		if i <= 6 && (i == len(s) || s[i] == ' ' || s[i] == '\t') {
			heading = true
			s = strings.TrimSpace(strings.TrimRight(s[i:], "# "))
		}
	}
	s = strings.TrimSuffix(s, "\\") // a Markdown hard break
	s = strings.TrimSpace(s)
	bold = len(s) > 4 && (strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") ||
		strings.HasPrefix(s, "__") && strings.HasSuffix(s, "__"))
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "**", ""), "__", "")
	}
	// A single emphasis around the whole line ("*Nơi nhận:*"), but not a
	// "* item" bullet.
	if len(s) > 2 && s[0] == '*' && s[len(s)-1] == '*' && s[1] != ' ' {
		s = s[1 : len(s)-1]
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = unescapeMarkdown(s)
	}
	return strings.TrimSpace(s), bold, heading
}

// unescapeMarkdown turns "1\." into "1.": converters escape punctuation that
// would otherwise start a list.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] < utf8.RuneSelf && unicode.IsPunct(rune(s[i+1])) {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

type markerKind int

const (
	noMarker     markerKind = iota
	romanMarker             // I., II., ...
	numberMarker            // 1., 2), 1.2.
	letterMarker            // a), b., đ)
	bulletMarker            // -, +, •, *
)

// A marker is the list or heading mark that starts a line. Label tells
// bullets apart ("-" tasks with "+" details).
type marker struct {
	kind  markerKind
	label string
}

// splitMarker returns the line's leading mark and the text after it.
func splitMarker(s string) (marker, string) {
	if s == "" {
		return marker{}, s
	}
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '-', '+', '•', '*', '–', '—', '·', '○', '◦', '▪', '►', '✓', '❖':
		rest := strings.TrimSpace(s[size:])
		if rest == "" || r == '-' && isDigit(rest[0]) && size == len(s)-len(rest) {
			// "-5%" is a number, not a bullet.
			return marker{}, s
		}
		return marker{bulletMarker, string(r)}, rest
	}
	if m, rest, ok := romanPrefix(s); ok {
		return m, rest
	}
	if m, rest, ok := numberPrefix(s); ok {
		return m, rest
	}
	// A lettered item: "a)", "b.", "đ)" followed by a space.
	if r >= 'a' && r <= 'z' || r == 'đ' {
		if size < len(s) && (s[size] == ')' || s[size] == '.') && size+1 < len(s) && s[size+1] == ' ' {
			return marker{letterMarker, string(r)}, strings.TrimSpace(s[size+1:])
		}
	}
	return marker{}, s
}

var romans = map[string]bool{"I": true, "II": true, "III": true, "IV": true, "V": true, "VI": true,
	"VII": true, "VIII": true, "IX": true, "X": true, "XI": true, "XII": true}

func romanPrefix(s string) (marker, string, bool) {
	i := 0
	for i < len(s) && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X') {
		i++
	}
	if i == 0 || i >= len(s) || !romans[s[:i]] || (s[i] != '.' && s[i] != ')') {
		return marker{}, s, false
	}
	rest := s[i+1:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return marker{}, s, false
	}
	return marker{romanMarker, s[:i]}, strings.TrimSpace(rest), true
}

// numberPrefix reads "1.", "2)", "1.2." or "1.2 ". A number followed by a
// digit ("1.000 người") or by nothing but a dot inside a word is not a mark.
func numberPrefix(s string) (marker, string, bool) {
	i, groups := 0, 0
	for {
		j := i
		for j < len(s) && j-i < 3 && isDigit(s[j]) {
			j++
		}
		if j == i || j-i > 2 {
			return marker{}, s, false
		}
		groups++
		i = j
		if i < len(s) && s[i] == '.' && i+1 < len(s) && isDigit(s[i+1]) {
			i++
			continue
		}
		break
	}
	switch {
	case i < len(s) && (s[i] == '.' || s[i] == ')'):
		i++
	case groups > 1 && i < len(s) && s[i] == ' ':
	default:
		return marker{}, s, false
	}
	if i < len(s) && isDigit(s[i]) {
		return marker{}, s, false
	}
	label := strings.TrimRight(s[:i], ".)")
	return marker{numberMarker, label}, strings.TrimSpace(s[i:]), true
}

// isUpper reports whether s has letters and none of them is lower case: the
// way Decree 30 writes agency names and section titles.
func isUpper(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters = true
		}
	}
	return letters
}

// startsLower reports whether s begins with a lower-case letter: a wrapped
// sentence rather than a new paragraph.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isRule reports whether s is a decorative rule ("-----", "___", "***").
func isRule(s string) bool {
	if utf8.RuneCountInString(s) < 3 {
		return false
	}
	for _, r := range s {
		switch r {
		case '-', '_', '=', '*', '—', '–', '·', '.', ' ':
		default:
			return false
		}
	}
	return true
}

// endsSentence reports whether s ends as a sentence does, which headings do
// not.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, ";")
}
