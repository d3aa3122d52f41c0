package survey

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Expr is a parsed relevant, constraint, required or calculation
// expression: XPath 1.0 with the ODK functions and XLSForm's ${name}
// references. Everything a form that KoboToolbox or ODK accepts can write
// parses; what the server cannot evaluate (paths into secondary instances,
// random numbers, functions it does not know) is kept verbatim and listed
// by Unevaluated, and evaluates to "unknown" rather than to a guess. The zero
// Expr means "no condition".
type Expr struct {
	src  string
	root node
	// Typographic quotes used as string delimiters and unusual spaces
	// (no-break, zero-width) were read as the author meant them.
	SmartQuotes, OddSpaces bool
	unevaluated            []string
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

// ParseExpr parses an XLSForm expression.
func ParseExpr(src string) (Expr, error) {
	if len(src) > maxExprLen {
		return Expr{}, &ExprError{Pos: 1, Msg: fmt.Sprintf("biểu thức quá dài (hơn %d ký tự)", maxExprLen)}
	}
	lx := lexer{src: src}
	toks, err := lx.lex()
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
	e := Expr{src: src, root: root, SmartQuotes: lx.smartQuotes, OddSpaces: lx.oddSpaces}
	e.unevaluated = unevaluated(root)
	return e, nil
}

// IsZero reports whether e is the empty expression (no condition).
func (e Expr) IsZero() bool { return e.root == nil }

// String returns the expression as it was written in the form.
func (e Expr) String() string { return e.src }

// Unevaluated lists, each once, what in the expression the server does not
// evaluate ("pulldata()", "instance()", "đường dẫn /data/x"). An expression
// with any evaluates to unknown wherever they decide the result.
func (e Expr) Unevaluated() []string { return e.unevaluated }

// Refs returns the names the expression refers to with ${name}, each once,
// in order of first appearance.
func (e Expr) Refs() []string {
	var out []string
	seen := map[string]bool{}
	walk(e.root, func(n node) {
		if r, ok := n.(refNode); ok && r.key == "" && !seen[r.name] {
			seen[r.name] = true
			out = append(out, r.name)
		}
	})
	return out
}

// The AST. Nodes are small values; the tree is walked by a type switch in
// eval, which keeps the semantics in one place.
type node interface{}

type (
	// refNode is ${name}; lastSaved is ${last-saved#name}, the value in
	// the device's previous submission, which the server never has.
	refNode struct {
		name      string
		lastSaved bool
		key       string // set when the reader resolved an XPath path to a question: its key
	}
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
	// opaqueNode stands for an expression that does not parse: it
	// evaluates to unknown and keeps the ${name} references found in it.
	opaqueNode struct{ refs []string }
	// pathNode is an XPath location path ("/data/grp/q", "../q",
	// "instance('l')/root/item[name = ${q}]/label"): base is the filter
	// expression it starts from (nil for a plain location path) with its
	// predicates; abs marks a path from the root.
	pathNode struct {
		base  node
		preds []node
		abs   bool
		steps []step
	}
)

// step is one step of a location path.
type step struct {
	sep   string // "/" or "//" before the step; "" for the first of a relative path
	axis  string // "child", "attribute", "parent"…; "" when abbreviated
	test  string // a name, "*", "prefix:*", "node()", "text()", "." or ".."
	preds []node
}

// walk calls f on n and every node below it.
func walk(n node, f func(node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *binNode:
		walk(n.l, f)
		walk(n.r, f)
	case *negNode:
		walk(n.x, f)
	case *callNode:
		for _, a := range n.args {
			walk(a, f)
		}
	case opaqueNode:
		for _, r := range n.refs {
			f(refNode{name: r})
		}
	case *pathNode:
		walk(n.base, f)
		for _, p := range n.preds {
			walk(p, f)
		}
		for _, s := range n.steps {
			for _, p := range s.preds {
				walk(p, f)
			}
		}
	}
}

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

type parser struct {
	src   string
	toks  []token
	pos   int
	depth int
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) peekAt(k int) token {
	if p.pos+k < len(p.toks) {
		return p.toks[p.pos+k]
	}
	return p.toks[len(p.toks)-1]
}
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

// enter guards recursion: nested parentheses, predicates, function calls and
// unary minus each go one level deeper, so a cell of ten thousand '(' fails
// fast instead of exhausting the stack.
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
		return p.parseUnion()
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

func (p *parser) parseUnion() (node, error) {
	left, err := p.parsePath()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tPipe {
		p.next()
		right, err := p.parsePath()
		if err != nil {
			return nil, err
		}
		left = &binNode{op: tPipe, l: left, r: right}
	}
	return left, nil
}

// nodeTypes are the names that, followed by "(", test a node's kind rather
// than call a function.
var nodeTypes = map[string]bool{"node": true, "text": true, "comment": true, "processing-instruction": true}

// startsStep reports whether t begins a location step.
func startsStep(t, next token) bool {
	switch t.kind {
	case tDot, tDotDot, tAt, tAxis:
		return true
	case tName:
		return next.kind != tLParen || nodeTypes[t.text]
	}
	return false
}

// parsePath parses XPath's PathExpr: a location path, or a filter
// expression (a literal, ${ref}, a call or a parenthesised expression with
// predicates) optionally followed by '/' and a relative path.
func (p *parser) parsePath() (node, error) {
	t := p.peek()
	switch {
	case t.kind == tSlash || t.kind == tDSlash:
		path := &pathNode{abs: true}
		if t.kind == tDSlash {
			p.next()
			return p.parseSteps(path, "//")
		}
		p.next()
		if !startsStep(p.peek(), p.peekAt(1)) {
			path.steps = append(path.steps, step{sep: "/"}) // the root alone
			return path, nil
		}
		return p.parseSteps(path, "/")
	case t.kind == tDot && !p.continuesPath(1):
		p.next()
		return currentNode{}, nil
	case startsStep(t, p.peekAt(1)):
		return p.parseSteps(&pathNode{}, "")
	}
	base, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	var preds []node
	for p.peek().kind == tLBracket {
		pr, err := p.parsePredicate()
		if err != nil {
			return nil, err
		}
		preds = append(preds, pr)
	}
	if k := p.peek().kind; k != tSlash && k != tDSlash {
		if preds == nil {
			return base, nil
		}
		return &pathNode{base: base, preds: preds}, nil
	}
	sep := p.next().text
	return p.parseSteps(&pathNode{base: base, preds: preds}, sep)
}

// continuesPath reports whether the token k ahead continues a path ('/' or
// '[' after '.').
func (p *parser) continuesPath(k int) bool {
	switch p.peekAt(k).kind {
	case tSlash, tDSlash, tLBracket:
		return true
	}
	return false
}

func (p *parser) parseSteps(path *pathNode, sep string) (node, error) {
	for {
		s, err := p.parseStep(sep)
		if err != nil {
			return nil, err
		}
		path.steps = append(path.steps, s)
		if k := p.peek().kind; k != tSlash && k != tDSlash {
			return path, nil
		}
		sep = p.next().text
	}
}

func (p *parser) parseStep(sep string) (step, error) {
	s := step{sep: sep}
	t := p.next()
	switch t.kind {
	case tDot, tDotDot:
		s.test = t.text
		return s, nil // XPath allows no predicate on an abbreviated step
	case tAt:
		s.axis = "attribute"
		t = p.next()
	case tAxis:
		s.axis = t.text
		t = p.next()
	}
	if t.kind != tName {
		return s, p.errAt(t, fmt.Sprintf("cần tên trong đường dẫn, gặp %q", t.text))
	}
	s.test = t.text
	if nodeTypes[t.text] && p.peek().kind == tLParen {
		p.next()
		if p.peek().kind == tStr && t.text == "processing-instruction" {
			p.next()
		}
		if c := p.next(); c.kind != tRParen {
			return s, p.errAt(c, fmt.Sprintf("thiếu ')' sau %s(", t.text))
		}
		s.test += "()"
	}
	for p.peek().kind == tLBracket {
		pr, err := p.parsePredicate()
		if err != nil {
			return s, err
		}
		s.preds = append(s.preds, pr)
	}
	return s, nil
}

func (p *parser) parsePredicate() (node, error) {
	p.next() // '['
	x, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if c := p.next(); c.kind != tRBracket {
		return nil, p.errAt(c, fmt.Sprintf("thiếu ']' (gặp %q)", c.text))
	}
	return x, nil
}

func (p *parser) parsePrimary() (node, error) {
	t := p.next()
	switch t.kind {
	case tRef:
		if name, ok := strings.CutPrefix(t.text, "#"); ok {
			return refNode{name: name, lastSaved: true}, nil
		}
		return refNode{name: t.text}, nil
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
	return nil, p.errAt(t, fmt.Sprintf("cần một giá trị, câu hỏi ${…}, đường dẫn hoặc hàm, gặp %q", t.text))
}

// parseCall parses a function call. Whether the server can evaluate it is
// decided later (unevaluated): a name or argument count it does not know
// is kept, not refused.
func (p *parser) parseCall(name token) (node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	p.next() // '('
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
	return call, nil
}

// unevaluated lists what in the tree the server does not evaluate.
func unevaluated(root node) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	var visit func(n node)
	visit = func(n node) {
		switch n := n.(type) {
		case *pathNode:
			// The path is named whole; what is inside it is not listed again.
			add("đường dẫn " + formatPath(n))
			return
		case *binNode:
			visit(n.l)
			visit(n.r)
		case *negNode:
			visit(n.x)
		case *callNode:
			for _, a := range n.args {
				visit(a)
			}
		}
		switch n := n.(type) {
		case refNode:
			if n.lastSaved {
				add("${last-saved#…}")
			}
		case *binNode:
			if n.op == tPipe {
				add("phép hợp |")
			}
		case *callNode:
			f, known := functions[n.fn]
			switch {
			case !known:
				add(n.fn + "() (hàm không có trong đặc tả ODK)")
			case f.eval == nil:
				add(n.fn + "()")
			case len(n.args) < f.min || f.max >= 0 && len(n.args) > f.max:
				add(fmt.Sprintf("%s() với %d đối số", n.fn, len(n.args)))
			}
		}
	}
	visit(root)
	return out
}

// formatPath writes a path back in XPath syntax, without spaces.
func formatPath(n *pathNode) string {
	var b strings.Builder
	if n.base != nil {
		b.WriteString(formatNode(n.base))
		for _, p := range n.preds {
			b.WriteString("[" + formatNode(p) + "]")
		}
	}
	for i, s := range n.steps {
		if i == 0 && n.abs && s.test == "" {
			b.WriteString("/")
			continue
		}
		b.WriteString(s.sep)
		switch {
		case s.axis == "attribute":
			b.WriteString("@")
		case s.axis != "":
			b.WriteString(s.axis + "::")
		}
		b.WriteString(s.test)
		for _, p := range s.preds {
			b.WriteString("[" + formatNode(p) + "]")
		}
	}
	return b.String()
}

// formatNode writes a tree back, fully parenthesised, so that two trees
// print alike only when they group alike.
func formatNode(n node) string {
	switch n := n.(type) {
	case refNode:
		if n.lastSaved {
			return "${last-saved#" + n.name + "}"
		}
		return "${" + n.name + "}"
	case currentNode:
		return "."
	case strNode:
		if strings.Contains(n.s, "'") {
			return `"` + n.s + `"`
		}
		return "'" + n.s + "'"
	case numNode:
		return strconv.FormatFloat(n.n, 'f', -1, 64)
	case *negNode:
		return "(-" + formatNode(n.x) + ")"
	case *binNode:
		return "(" + formatNode(n.l) + " " + opText[n.op] + " " + formatNode(n.r) + ")"
	case *callNode:
		args := make([]string, len(n.args))
		for i, a := range n.args {
			args[i] = formatNode(a)
		}
		return n.fn + "(" + strings.Join(args, ", ") + ")"
	case *pathNode:
		if n.base != nil {
			return "(" + formatPath(n) + ")"
		}
		return formatPath(n)
	}
	return fmt.Sprintf("<%T>", n)
}

var opText = map[tokKind]string{
	tOr: "or", tAnd: "and", tEq: "=", tNe: "!=", tLt: "<", tLe: "<=", tGt: ">", tGe: ">=",
	tPlus: "+", tMinus: "-", tStar: "*", tDiv: "div", tMod: "mod", tPipe: "|",
}
