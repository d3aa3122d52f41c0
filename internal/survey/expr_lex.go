package survey

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The lexer of XLSForm expressions: XPath 1.0's tokens plus ${name}.

type tokKind int

const (
	tEOF tokKind = iota
	tRef
	tDot
	tDotDot
	tNum
	tStr
	tName // a name test, a function name or a node type: "q1", "jr:choice-name", "*", "prefix:*"
	tAxis // "child::" and the like; text holds the axis name
	tAt
	tLParen
	tRParen
	tLBracket
	tRBracket
	tComma
	tSlash
	tDSlash
	tPipe
	tEq
	tNe
	tLt
	tLe
	tGt
	tGe
	tPlus
	tMinus
	tStar
	tAnd
	tOr
	tDiv
	tMod
)

type token struct {
	kind tokKind
	text string // ref name, string contents, number text, name, or the token as written
	off  int    // byte offset in the source
}

type lexer struct {
	src                    string
	toks                   []token
	smartQuotes, oddSpaces bool
}

func (lx *lexer) colAt(off int) int { return utf8.RuneCountInString(lx.src[:off]) + 1 }

// operatorMayFollow applies XPath's lexical rule: after a value (a name, a
// literal, ')' or ']'), "*" multiplies and "and", "or", "div", "mod" are
// operators; anywhere else they are names.
func (lx *lexer) operatorMayFollow() bool {
	if len(lx.toks) == 0 {
		return false
	}
	switch lx.toks[len(lx.toks)-1].kind {
	case tRef, tDot, tDotDot, tNum, tStr, tName, tRParen, tRBracket:
		return true
	}
	return false
}

// quoteOf says which quote a rune is: ' and its typographic forms ‘ ’ are
// single, " and “ ” double.
func quoteOf(r rune) (single, double, smart bool) {
	switch r {
	case '\'':
		return true, false, false
	case '‘', '’':
		return true, false, true
	case '"':
		return false, true, false
	case '“', '”':
		return false, true, true
	}
	return false, false, false
}

// oddSpace reports the spaces a cell copied from Word or a web page
// carries: no-break, narrow, zero-width, byte-order marks.
func oddSpace(r rune) bool {
	return r > 127 && (unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff')
}

func (lx *lexer) lex() ([]token, error) {
	src := lx.src
	for i := 0; i < len(src); {
		c := src[i]
		start := i
		r, width := utf8.DecodeRuneInString(src[i:])
		single, double, smart := quoteOf(r)
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case oddSpace(r):
			lx.oddSpaces = true
			i += width
			continue
		case c == '$':
			if i+1 >= len(src) || src[i+1] != '{' {
				return nil, &ExprError{Pos: lx.colAt(i), Msg: "sau '$' phải là '{tên}'"}
			}
			end := strings.IndexByte(src[i+2:], '}')
			if end < 0 {
				return nil, &ExprError{Pos: lx.colAt(i), Msg: "thiếu '}' đóng tham chiếu ${…}"}
			}
			name := strings.TrimFunc(src[i+2:i+2+end], func(r rune) bool { return unicode.IsSpace(r) || oddSpace(r) })
			t := token{tRef, name, start}
			if n, ok := strings.CutPrefix(name, "last-saved#"); ok {
				t.text = "#" + n
				name = n
			}
			if !validName(name) {
				return nil, &ExprError{Pos: lx.colAt(i), Msg: fmt.Sprintf("tên câu hỏi không hợp lệ trong ${%s}", name)}
			}
			lx.toks = append(lx.toks, t)
			i += end + 3
			continue
		case single || double:
			s, next, err := lx.literal(i, single, smart)
			if err != nil {
				return nil, err
			}
			lx.toks = append(lx.toks, token{tStr, s, start})
			i = next
			continue
		case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
			for i < len(src) && isDigit(src[i]) {
				i++
			}
			if i < len(src) && src[i] == '.' {
				i++
				for i < len(src) && isDigit(src[i]) {
					i++
				}
			}
			lx.toks = append(lx.toks, token{tNum, src[start:i], start})
			continue
		case isNameStartRune(r) || c == '*' && !lx.operatorMayFollow():
			lx.name(&i)
			continue
		}
		kind, w := tEOF, 1
		switch c {
		case '.':
			kind = tDot
			if i+1 < len(src) && src[i+1] == '.' {
				kind, w = tDotDot, 2
			}
		case '(':
			kind = tLParen
		case ')':
			kind = tRParen
		case '[':
			kind = tLBracket
		case ']':
			kind = tRBracket
		case ',':
			kind = tComma
		case '@':
			kind = tAt
		case '|':
			kind = tPipe
		case '/':
			kind = tSlash
			if i+1 < len(src) && src[i+1] == '/' {
				kind, w = tDSlash, 2
			}
		case '=':
			kind = tEq
		case '+':
			kind = tPlus
		case '-':
			kind = tMinus
		case '*':
			kind = tStar
		case '!':
			if i+1 < len(src) && src[i+1] == '=' {
				kind, w = tNe, 2
			}
		case '<':
			kind = tLt
			if i+1 < len(src) && src[i+1] == '=' {
				kind, w = tLe, 2
			}
		case '>':
			kind = tGt
			if i+1 < len(src) && src[i+1] == '=' {
				kind, w = tGe, 2
			}
		}
		if kind == tEOF {
			return nil, &ExprError{Pos: lx.colAt(i), Msg: fmt.Sprintf("ký tự không hợp lệ %q", r)}
		}
		lx.toks = append(lx.toks, token{kind, src[i : i+w], start})
		i += w
	}
	return append(lx.toks, token{tEOF, "hết biểu thức", len(src)}), nil
}

// literal reads a string from the quote at i. A string opened by a plain
// quote ends at the next plain one, so that an apostrophe inside it ('H’Mông')
// stays text; when there is none, or the string was opened by a typographic
// quote, it ends at the next quote of its kind in any form.
func (lx *lexer) literal(i int, single, openedSmart bool) (string, int, error) {
	src := lx.src
	_, w := utf8.DecodeRuneInString(src[i:])
	body := i + w
	closes := func(r rune, plainOnly bool) bool {
		s, d, smart := quoteOf(r)
		return (single && s || !single && d) && (!plainOnly || !smart)
	}
	find := func(plainOnly bool) (int, int) {
		for j := body; j < len(src); {
			r, rw := utf8.DecodeRuneInString(src[j:])
			if closes(r, plainOnly) {
				return j, rw
			}
			j += rw
		}
		return -1, 0
	}
	end, ew := -1, 0
	if !openedSmart {
		end, ew = find(true)
	}
	if end < 0 {
		end, ew = find(false)
		if end >= 0 {
			lx.smartQuotes = true
		}
	}
	if end < 0 {
		return "", 0, &ExprError{Pos: lx.colAt(i), Msg: "chuỗi chưa có dấu nháy đóng"}
	}
	return src[body:end], end + ew, nil
}

// name reads a name, a QName ("jr:choice-name"), "*" or "prefix:*", an
// axis ("child::"), or one of the operator names.
func (lx *lexer) name(i *int) {
	src, start := lx.src, *i
	operator := lx.operatorMayFollow()
	if src[*i] == '*' {
		*i++
		lx.toks = append(lx.toks, token{tName, "*", start})
		return
	}
	lx.ncname(i)
	word := src[start:*i]
	if operator {
		kind := tEOF
		switch word {
		case "and":
			kind = tAnd
		case "or":
			kind = tOr
		case "div":
			kind = tDiv
		case "mod":
			kind = tMod
		}
		if kind != tEOF {
			lx.toks = append(lx.toks, token{kind, word, start})
			return
		}
	}
	if strings.HasPrefix(src[*i:], "::") {
		*i += 2
		lx.toks = append(lx.toks, token{tAxis, word, start})
		return
	}
	if *i+1 < len(src) && src[*i] == ':' {
		if src[*i+1] == '*' {
			*i += 2
		} else if r, _ := utf8.DecodeRuneInString(src[*i+1:]); isNameStartRune(r) {
			*i++
			lx.ncname(i)
		}
	}
	lx.toks = append(lx.toks, token{tName, src[start:*i], start})
}

func (lx *lexer) ncname(i *int) {
	for *i < len(lx.src) {
		r, w := utf8.DecodeRuneInString(lx.src[*i:])
		if !isNameRune(r) {
			return
		}
		*i += w
	}
}

func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isNameChar(c byte) bool  { return isNameStart(c) || isDigit(c) || c == '-' }

// XML names may hold letters of any script.
func isNameStartRune(r rune) bool {
	return r < 128 && isNameStart(byte(r)) || r >= 128 && unicode.IsLetter(r)
}
func isNameRune(r rune) bool {
	return isNameStartRune(r) || r < 128 && (isNameChar(byte(r)) || r == '.') ||
		r >= 128 && (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd) || r == '\u00b7' || r == '\u203f' || r == '\u2040')
}

// validName follows XLSForm's rule for names (pyxform's is_xml_tag): an XML
// name, optionally with one namespace prefix: a letter (any script) or '_',
// then letters, digits, '_', '-' or '.'. "câu_1" is valid, as KoboToolbox
// accepts it.
func validName(s string) bool {
	prefix, local, namespaced := strings.Cut(s, ":")
	if namespaced {
		return validNCName(prefix) && validNCName(local)
	}
	return validNCName(s)
}

func validNCName(s string) bool {
	for i, r := range s {
		if i == 0 && !isNameStartRune(r) || !isNameRune(r) {
			return false
		}
	}
	return s != ""
}
