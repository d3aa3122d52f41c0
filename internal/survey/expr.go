package survey

import (
	"fmt"
	"strconv"
	"strings"
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
