package survey

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Expr is a parsed relevant, constraint or calculation expression in the
// subset of XLSForm's XPath that real PAPI-style forms use. The zero Expr means
// "no condition".
type Expr struct {
	src  string
	root node
}

// ExprError is a parse error at a character position (1-based, counted in
// characters, not bytes, so that it matches what a person sees in Excel).
type ExprError struct {
	Pos int
	Msg string
}

func (e *ExprError) Error() string { return fmt.Sprintf("vị trí %d: %s", e.Pos, e.Msg) }

// Limits that keep a hostile or broken cell from costing more than a real
// form ever needs: the longest relevant we have seen in Kobo forms is a few
// hundred characters and a handful of levels deep.
const (
	maxExprLen   = 8000
	maxExprDepth = 50
)

// ParseExpr parses an XLSForm expression: ${name}, ".", string and number
// literals, = != < <= > >=, + - * div mod, and, or, not(), selected(),
// count-selected(), string-length(), true(), false() and parentheses.
func ParseExpr(src string) (Expr, error) {
	if len(src) > maxExprLen {
		return Expr{}, &ExprError{Pos: 1, Msg: fmt.Sprintf("biểu thức quá dài (hơn %d ký tự)", maxExprLen)}
	}
	toks, err := lex(src)
	if err != nil {
		return Expr{}, err
	}
	p := &parser{src: src, toks: toks}
	if p.peek().kind == tEOF {
		return Expr{}, p.errAt(p.peek(), "biểu thức rỗng")
	}
	root, err := p.parseExpr()
	if err != nil {
		return Expr{}, err
	}
	if t := p.peek(); t.kind != tEOF {
		return Expr{}, p.errAt(t, fmt.Sprintf("thừa %q sau biểu thức", t.text))
	}
	return Expr{src: src, root: root}, nil
}

// IsZero reports whether e is the empty expression (no condition).
func (e Expr) IsZero() bool { return e.root == nil }

// String returns the expression as it was written in the form.
func (e Expr) String() string { return e.src }

// Refs returns the question names the expression refers to with ${name}, each
// once, in order of first appearance.
func (e Expr) Refs() []string {
	var out []string
	seen := map[string]bool{}
	var walk func(n node)
	walk = func(n node) {
		switch n := n.(type) {
		case refNode:
			if !seen[n.name] {
				seen[n.name] = true
				out = append(out, n.name)
			}
		case *binNode:
			walk(n.l)
			walk(n.r)
		case *negNode:
			walk(n.x)
		case *callNode:
			for _, a := range n.args {
				walk(a)
			}
		}
	}
	walk(e.root)
	return out
}

// The AST. Nodes are small values; the tree is walked by a type switch in
// Eval, which is faster than an interface method per node kind and keeps the
// semantics in one place.
type node interface{}

type (
	refNode     struct{ name string }
	currentNode struct{}
	strNode     struct{ s string }
	numNode     struct{ n float64 }
	negNode     struct{ x node }
	binNode     struct {
		op   tokKind
		l, r node
	}
	callNode struct {
		fn   string
		args []node
	}
)

type tokKind int

const (
	tEOF tokKind = iota
	tRef
	tDot
	tNum
	tStr
	tName
	tLParen
	tRParen
	tComma
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
	text string // ref name, string contents, number text, or the token as written
	off  int    // byte offset in the source
}

func lex(src string) ([]token, error) {
	var toks []token
	colAt := func(off int) int { return utf8.RuneCountInString(src[:off]) + 1 }
	for i := 0; i < len(src); {
		c := src[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '$':
			if i+1 >= len(src) || src[i+1] != '{' {
				return nil, &ExprError{Pos: colAt(i), Msg: "sau '$' phải là '{tên}'"}
			}
			end := strings.IndexByte(src[i+2:], '}')
			if end < 0 {
				return nil, &ExprError{Pos: colAt(i), Msg: "thiếu '}' đóng tham chiếu ${…}"}
			}
			name := src[i+2 : i+2+end]
			if !validName(name) {
				return nil, &ExprError{Pos: colAt(i), Msg: fmt.Sprintf("tên câu hỏi không hợp lệ trong ${%s}", name)}
			}
			toks = append(toks, token{tRef, name, start})
			i += end + 3
			continue
		case c == '\'' || c == '"':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				return nil, &ExprError{Pos: colAt(i), Msg: "chuỗi chưa có dấu nháy đóng"}
			}
			toks = append(toks, token{tStr, src[i+1 : i+1+end], start})
			i += end + 2
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
			toks = append(toks, token{tNum, src[start:i], start})
			continue
		case isNameStart(c):
			for i < len(src) && isNameChar(src[i]) {
				i++
			}
			word := src[start:i]
			kind := tName
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
			toks = append(toks, token{kind, word, start})
			continue
		}
		kind, width := tEOF, 1
		switch c {
		case '.':
			kind = tDot
		case '(':
			kind = tLParen
		case ')':
			kind = tRParen
		case ',':
			kind = tComma
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
				kind, width = tNe, 2
			}
		case '<':
			kind = tLt
			if i+1 < len(src) && src[i+1] == '=' {
				kind, width = tLe, 2
			}
		case '>':
			kind = tGt
			if i+1 < len(src) && src[i+1] == '=' {
				kind, width = tGe, 2
			}
		}
		if kind == tEOF {
			r, _ := utf8.DecodeRuneInString(src[i:])
			return nil, &ExprError{Pos: colAt(i), Msg: fmt.Sprintf("ký tự không hợp lệ %q", r)}
		}
		toks = append(toks, token{kind, src[i : i+width], start})
		i += width
	}
	return append(toks, token{tEOF, "hết biểu thức", len(src)}), nil
}

func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isNameChar(c byte) bool  { return isNameStart(c) || isDigit(c) || c == '-' }

// validName follows XLSForm's rule for question names (an XML element name
// without namespaces): a letter or underscore, then letters, digits, '_',
// '-' or '.'. ASCII only, as pyxform requires in practice.
func validName(s string) bool {
	if s == "" || !isNameStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(s[i]) && s[i] != '.' {
			return false
		}
	}
	return true
}

type parser struct {
	src   string
	toks  []token
	pos   int
	depth int
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) errAt(t token, msg string) error {
	return &ExprError{Pos: utf8.RuneCountInString(p.src[:t.off]) + 1, Msg: msg}
}

// enter guards recursion: nested parentheses, function calls and unary minus
// each go one level deeper, so a cell of ten thousand '(' fails fast instead
// of exhausting the stack.
func (p *parser) enter() error {
	p.depth++
	if p.depth > maxExprDepth {
		return p.errAt(p.peek(), fmt.Sprintf("biểu thức lồng quá sâu (hơn %d cấp)", maxExprDepth))
	}
	return nil
}

func (p *parser) parseExpr() (node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	return p.parseBinary(0)
}

// precedence lists XPath's binary operator levels from loosest to tightest.
var precedence = [][]tokKind{
	{tOr},
	{tAnd},
	{tEq, tNe},
	{tLt, tLe, tGt, tGe},
	{tPlus, tMinus},
	{tStar, tDiv, tMod},
}

// parseBinary parses one precedence level; operators of one level associate
// to the left, and a long chain is built by a loop, not by recursion.
func (p *parser) parseBinary(level int) (node, error) {
	if level == len(precedence) {
		return p.parseUnary()
	}
	left, err := p.parseBinary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		op := p.peek().kind
		if !containsKind(precedence[level], op) {
			return left, nil
		}
		p.next()
		right, err := p.parseBinary(level + 1)
		if err != nil {
			return nil, err
		}
		left = &binNode{op: op, l: left, r: right}
	}
}

func containsKind(ks []tokKind, k tokKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func (p *parser) parseUnary() (node, error) {
	if p.peek().kind != tMinus {
		return p.parsePrimary()
	}
	p.next()
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	x, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	return &negNode{x: x}, nil
}

// functions maps each supported function to its number of arguments.
var functions = map[string]int{
	"not":            1,
	"selected":       2,
	"count-selected": 1,
	"string-length":  1,
	"true":           0,
	"false":          0,
}

func (p *parser) parsePrimary() (node, error) {
	t := p.next()
	switch t.kind {
	case tRef:
		return refNode{t.text}, nil
	case tDot:
		return currentNode{}, nil
	case tStr:
		return strNode{t.text}, nil
	case tNum:
		n, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return nil, p.errAt(t, fmt.Sprintf("số không hợp lệ %q", t.text))
		}
		return numNode{n}, nil
	case tLParen:
		x, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tRParen {
			return nil, p.errAt(c, fmt.Sprintf("thiếu ')' (gặp %q)", c.text))
		}
		return x, nil
	case tName:
		return p.parseCall(t)
	}
	return nil, p.errAt(t, fmt.Sprintf("cần một giá trị, câu hỏi ${…} hoặc hàm, gặp %q", t.text))
}

func (p *parser) parseCall(name token) (node, error) {
	arity, ok := functions[name.text]
	if !ok {
		if p.peek().kind == tLParen {
			return nil, p.errAt(name, fmt.Sprintf("hàm không được hỗ trợ: %s()", name.text))
		}
		return nil, p.errAt(name, fmt.Sprintf("không hiểu %q (tên câu hỏi phải viết ${%s})", name.text, name.text))
	}
	if t := p.next(); t.kind != tLParen {
		return nil, p.errAt(t, fmt.Sprintf("sau %s cần '('", name.text))
	}
	call := &callNode{fn: name.text}
	if p.peek().kind != tRParen {
		for {
			arg, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			call.args = append(call.args, arg)
			if p.peek().kind != tComma {
				break
			}
			p.next()
		}
	}
	if t := p.next(); t.kind != tRParen {
		return nil, p.errAt(t, fmt.Sprintf("thiếu ')' đóng %s(", name.text))
	}
	if len(call.args) != arity {
		return nil, p.errAt(name, fmt.Sprintf("hàm %s() cần %d đối số, có %d", name.text, arity, len(call.args)))
	}
	return call, nil
}
