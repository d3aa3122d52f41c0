package survey

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Env is what an expression sees: the answers given so far (by question
// name; a missing key is an empty answer) and, for a constraint, the value of
// the question being checked, which "." stands for.
type Env struct {
	Answers map[string]string
	Current string
}

// Value is the result of evaluating an expression: a string (every answer is
// one), a number or a boolean, converted the XPath way when asked for another
// kind.
type Value struct {
	kind valueKind
	s    string
	n    float64
	b    bool
}

type valueKind uint8

const (
	kindString valueKind = iota
	kindNumber
	kindBool
)

func stringValue(s string) Value  { return Value{kind: kindString, s: s} }
func numberValue(n float64) Value { return Value{kind: kindNumber, n: n} }
func boolValue(b bool) Value      { return Value{kind: kindBool, b: b} }

// Bool converts as XPath's boolean(): a number is true unless 0 or NaN, a
// string unless empty.
func (v Value) Bool() bool {
	switch v.kind {
	case kindBool:
		return v.b
	case kindNumber:
		return v.n != 0 && !math.IsNaN(v.n)
	}
	return v.s != ""
}

// Number converts as XPath's number(): a string that is not a plain decimal
// number (including the empty answer) is NaN.
func (v Value) Number() float64 {
	switch v.kind {
	case kindNumber:
		return v.n
	case kindBool:
		if v.b {
			return 1
		}
		return 0
	}
	n, ok := parseXPathNumber(v.s)
	if !ok {
		return math.NaN()
	}
	return n
}

// String converts as XPath's string(): whole numbers print without a
// decimal point.
func (v Value) String() string {
	switch v.kind {
	case kindNumber:
		if v.n == math.Trunc(v.n) && math.Abs(v.n) < 1e15 {
			return strconv.FormatFloat(v.n, 'f', 0, 64)
		}
		return strconv.FormatFloat(v.n, 'f', -1, 64)
	case kindBool:
		if v.b {
			return "true"
		}
		return "false"
	}
	return v.s
}

// numeric reports whether v is a number or a string holding one; the
// comparison rules use it to pick numeric over string comparison.
func (v Value) numeric() bool {
	if v.kind == kindNumber {
		return true
	}
	if v.kind == kindString {
		_, ok := parseXPathNumber(v.s)
		return ok
	}
	return false
}

// parseXPathNumber accepts what XPath 1.0's number() accepts: optional
// minus, digits, optional fraction, surrounding white space. Not "1e3",
// "0x10", "Inf" or "NaN", which strconv would take.
func parseXPathNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 || i != len(s) {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

// Eval evaluates the expression. The zero Expr evaluates to true.
func (e Expr) Eval(env Env) Value {
	if e.root == nil {
		return boolValue(true)
	}
	return eval(e.root, &env)
}

// Holds reports whether the expression is true in env; a missing expression
// holds, as an empty relevant or constraint does in XLSForm.
func (e Expr) Holds(env Env) bool { return e.Eval(env).Bool() }

func eval(n node, env *Env) Value {
	switch n := n.(type) {
	case refNode:
		return stringValue(env.Answers[n.name])
	case currentNode:
		return stringValue(env.Current)
	case strNode:
		return stringValue(n.s)
	case numNode:
		return numberValue(n.n)
	case *negNode:
		return numberValue(-eval(n.x, env).Number())
	case *binNode:
		return evalBinary(n, env)
	case *callNode:
		return evalCall(n, env)
	}
	return stringValue("")
}

func evalBinary(n *binNode, env *Env) Value {
	switch n.op {
	case tOr:
		return boolValue(eval(n.l, env).Bool() || eval(n.r, env).Bool())
	case tAnd:
		return boolValue(eval(n.l, env).Bool() && eval(n.r, env).Bool())
	}
	l, r := eval(n.l, env), eval(n.r, env)
	switch n.op {
	case tEq:
		return boolValue(equal(l, r))
	case tNe:
		return boolValue(!equal(l, r))
	case tLt, tLe, tGt, tGe:
		return boolValue(relate(n.op, l, r))
	}
	a, b := l.Number(), r.Number()
	switch n.op {
	case tPlus:
		return numberValue(a + b)
	case tMinus:
		return numberValue(a - b)
	case tStar:
		return numberValue(a * b)
	case tDiv:
		return numberValue(a / b)
	case tMod:
		return numberValue(math.Mod(a, b))
	}
	return stringValue("")
}

// equal: booleans compare as booleans; a number against a numeric answer
// compares numerically (so "${n} = 5" holds for "5.0"); anything else as
// strings, as XPath does for two strings, so that choice "01" is not "1", an
// empty answer equals the empty string and differs from 0.
func equal(l, r Value) bool {
	switch {
	case l.kind == kindBool || r.kind == kindBool:
		return l.Bool() == r.Bool()
	case (l.kind == kindNumber || r.kind == kindNumber) && l.numeric() && r.numeric():
		return l.Number() == r.Number()
	}
	return l.String() == r.String()
}

// relate: numbers compare numerically; an empty answer makes the comparison
// false, as XPath's NaN does (so "${age} < 18" does not fire before age is
// answered); other strings compare in byte order, which orders ISO dates.
func relate(op tokKind, l, r Value) bool {
	var c int
	if l.numeric() && r.numeric() {
		a, b := l.Number(), r.Number()
		switch {
		case a < b:
			c = -1
		case a > b:
			c = 1
		}
	} else {
		ls, rs := l.String(), r.String()
		if ls == "" || rs == "" {
			return false
		}
		c = strings.Compare(ls, rs)
	}
	switch op {
	case tLt:
		return c < 0
	case tLe:
		return c <= 0
	case tGt:
		return c > 0
	}
	return c >= 0
}

func evalCall(n *callNode, env *Env) Value {
	switch n.fn {
	case "not":
		return boolValue(!eval(n.args[0], env).Bool())
	case "true":
		return boolValue(true)
	case "false":
		return boolValue(false)
	case "selected":
		want := strings.TrimSpace(eval(n.args[1], env).String())
		for _, v := range strings.Fields(eval(n.args[0], env).String()) {
			if v == want {
				return boolValue(true)
			}
		}
		return boolValue(false)
	case "count-selected":
		return numberValue(float64(len(strings.Fields(eval(n.args[0], env).String()))))
	case "string-length":
		return numberValue(float64(utf8.RuneCountInString(eval(n.args[0], env).String())))
	}
	return stringValue("")
}
