package survey

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The parser of XLSForm expressions: XPath 1.0's grammar (XPath 1.0 §3),
// with ${name} as a primary expression.

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
