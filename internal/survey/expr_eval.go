package survey

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Env is what an expression sees: the answers given so far (by question
// key; a missing key is an empty answer) and, for a constraint, the value of
// the question being checked, which "." stands for.
type Env struct {
	Answers map[string]string
	Current string
	// Repeats holds the respondent's repeat instances, by repeat name; with
	// it, ${q} for a question inside a repeat is the node-set of its
	// answers (sum(), count(), indexed-repeat()). Without it such a
	// reference is unknown.
	Repeats map[string][]map[string]string
	// Now is the moment today() and now() mean; zero leaves them unknown.
	Now time.Time
	// Lang is the language jr:choice-name() gives labels in.
	Lang string

	form *Form // names of repeats and questions in them, choice lists
}

// Value is the result of evaluating an expression: a string (every answer is
// one), a number, a boolean, a node-set (the answers of a question inside a
// repeat) or unknown, converted the XPath way when asked for another kind.
type Value struct {
	kind  valueKind
	s     string
	n     float64
	b     bool
	nodes []string
}

type valueKind uint8

const (
	kindString valueKind = iota
	kindNumber
	kindBool
	kindNodes
	kindUnknown
)

func stringValue(s string) Value      { return Value{kind: kindString, s: s} }
func numberValue(n float64) Value     { return Value{kind: kindNumber, n: n} }
func boolValue(b bool) Value          { return Value{kind: kindBool, b: b} }
func nodesValue(nodes []string) Value { return Value{kind: kindNodes, nodes: nodes} }
func unknownValue() Value             { return Value{kind: kindUnknown} }
func (v Value) Known() bool           { return v.kind != kindUnknown }
func anyUnknown(vs ...Value) bool     { return !allKnown(vs) }
func allKnown(vs []Value) bool {
	for _, v := range vs {
		if v.kind == kindUnknown {
			return false
		}
	}
	return true
}

// Bool converts as XPath's boolean(): a number is true unless 0 or NaN, a
// string unless empty, a node-set unless empty. Unknown is false.
func (v Value) Bool() bool {
	switch v.kind {
	case kindBool:
		return v.b
	case kindNumber:
		return v.n != 0 && !math.IsNaN(v.n)
	case kindNodes:
		return len(v.nodes) > 0
	case kindUnknown:
		return false
	}
	return v.s != ""
}

// Number converts as XPath's number() with ODK's extension: a string that
// is a plain decimal number is that number, a date or dateTime is the days
// since 1970-01-01 UTC, anything else (including the empty answer) NaN.
func (v Value) Number() float64 {
	switch v.kind {
	case kindNumber:
		return v.n
	case kindBool:
		if v.b {
			return 1
		}
		return 0
	case kindUnknown:
		return math.NaN()
	}
	s := v.String()
	if n, ok := parseXPathNumber(s); ok {
		return n
	}
	if t, ok := parseDateTime(s); ok {
		return daysSinceEpoch(t)
	}
	return math.NaN()
}

// String converts as XPath's string(): whole numbers print without a
// decimal point; a node-set is its first node.
func (v Value) String() string {
	switch v.kind {
	case kindNumber:
		if math.IsNaN(v.n) {
			return "NaN"
		}
		if v.n == math.Trunc(v.n) && math.Abs(v.n) < 1e15 {
			return strconv.FormatFloat(v.n, 'f', 0, 64)
		}
		return strconv.FormatFloat(v.n, 'f', -1, 64)
	case kindBool:
		if v.b {
			return "true"
		}
		return "false"
	case kindNodes:
		if len(v.nodes) == 0 {
			return ""
		}
		return v.nodes[0]
	case kindUnknown:
		return ""
	}
	return v.s
}

// items returns the values a node-set holds, or the one value.
func (v Value) items() []string {
	if v.kind == kindNodes {
		return v.nodes
	}
	return []string{v.String()}
}

// numeric reports whether v is a number or a string holding one (a date
// counts, as number() reads it); the comparison rules use it to pick
// numeric over string comparison.
func (v Value) numeric() bool {
	switch v.kind {
	case kindNumber, kindBool:
		return true
	case kindString:
		if _, ok := parseXPathNumber(v.s); ok {
			return true
		}
		_, ok := parseDateTime(v.s)
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
// holds, as an empty relevant or constraint does in XLSForm, and one the
// server cannot decide does not.
func (e Expr) Holds(env Env) bool { return e.Eval(env).Bool() }

// Decide is Holds that also says whether the answer is known: a relevant or
// constraint using what the server does not evaluate (a secondary
// instance, a random number) is neither enforced nor assumed.
func (e Expr) Decide(env Env) (holds, known bool) {
	v := e.Eval(env)
	return v.Bool(), v.Known()
}

func eval(n node, env *Env) Value {
	switch n := n.(type) {
	case refNode:
		if n.lastSaved {
			return unknownValue()
		}
		if n.key != "" {
			return env.keyed(n.key)
		}
		return env.ref(n.name)
	case currentNode:
		return stringValue(env.Current)
	case strNode:
		return stringValue(n.s)
	case numNode:
		return numberValue(n.n)
	case *negNode:
		x := eval(n.x, env)
		if !x.Known() {
			return x
		}
		return numberValue(-x.Number())
	case *binNode:
		return evalBinary(n, env)
	case *callNode:
		return evalCall(n, env)
	}
	return unknownValue() // paths
}

// ref is the value of ${name}: the answer, or for a question inside a
// repeat the node-set of its answers in every instance, or for a repeat one
// node per instance.
func (env *Env) ref(name string) Value {
	if env.form == nil {
		return stringValue(env.Answers[name])
	}
	if g := env.form.groupByName(name); g != nil {
		if !g.Repeat {
			return stringValue("")
		}
		if env.Repeats == nil {
			return unknownValue()
		}
		return nodesValue(make([]string, len(env.Repeats[g.Name])))
	}
	q, ok := env.form.questionByRef(name)
	if !ok {
		return stringValue(env.Answers[name])
	}
	return env.answer(q)
}

// keyed is the value of the question with the key (a path resolved by the
// reader).
func (env *Env) keyed(key string) Value {
	if env.form == nil {
		return stringValue(env.Answers[key])
	}
	q, ok := env.form.Question(key)
	if !ok {
		return unknownValue()
	}
	return env.answer(q)
}

// answer is q's answer, or the node-set of its answers in a repeat.
func (env *Env) answer(q *Question) Value {
	if q.Repeat == "" {
		return stringValue(env.Answers[q.Key])
	}
	if env.Repeats == nil {
		return unknownValue()
	}
	inst := env.Repeats[q.Repeat]
	nodes := make([]string, len(inst))
	for i, m := range inst {
		nodes[i] = m[q.Key]
	}
	return nodesValue(nodes)
}

func evalBinary(n *binNode, env *Env) Value {
	switch n.op {
	case tOr, tAnd:
		// Three-valued: a known true decides "or" and a known false decides
		// "and" whatever the other side is.
		decisive := n.op == tOr
		l := eval(n.l, env)
		if l.Known() && l.Bool() == decisive {
			return boolValue(decisive)
		}
		r := eval(n.r, env)
		if r.Known() && r.Bool() == decisive {
			return boolValue(decisive)
		}
		if anyUnknown(l, r) {
			return unknownValue()
		}
		return boolValue(!decisive)
	case tPipe:
		return unknownValue()
	}
	l, r := eval(n.l, env), eval(n.r, env)
	if anyUnknown(l, r) {
		return unknownValue()
	}
	switch n.op {
	case tEq, tNe, tLt, tLe, tGt, tGe:
		return boolValue(compare(n.op, l, r))
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
	return unknownValue()
}

// compare applies a comparison, the XPath way for node-sets: true when it
// holds for some node.
func compare(op tokKind, l, r Value) bool {
	if l.kind == kindNodes || r.kind == kindNodes {
		if l.kind == kindBool || r.kind == kindBool {
			return compare(op, boolValue(l.Bool()), boolValue(r.Bool()))
		}
		for _, a := range l.items() {
			for _, b := range r.items() {
				la, rb := stringValue(a), stringValue(b)
				if l.kind == kindNumber {
					la = l
				}
				if r.kind == kindNumber {
					rb = r
				}
				if compare(op, la, rb) {
					return true
				}
			}
		}
		return false
	}
	switch op {
	case tEq:
		return equal(l, r)
	case tNe:
		return !equal(l, r)
	}
	return relate(op, l, r)
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

// relate: numbers, and dates as the days number() makes of them, compare
// numerically; an empty answer makes the comparison false, as XPath's NaN
// does (so "${age} < 18" does not fire before age is answered); other
// strings compare in byte order.
func relate(op tokKind, l, r Value) bool {
	var c int
	if l.numeric() && r.numeric() {
		a, b := l.Number(), r.Number()
		switch {
		case math.IsNaN(a) || math.IsNaN(b):
			return false
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
	f, ok := functions[n.fn]
	if !ok || f.eval == nil || len(n.args) < f.min || f.max >= 0 && len(n.args) > f.max {
		return unknownValue()
	}
	if f.lazy {
		return f.eval(env, n.args, nil)
	}
	args := make([]Value, len(n.args))
	for i, a := range n.args {
		args[i] = eval(a, env)
		if !args[i].Known() {
			return unknownValue()
		}
	}
	return f.eval(env, n.args, args)
}

// Dates: ODK's date is "2026-03-01", its dateTime
// "2026-03-01T09:30:00.000+07:00" (the offset kept), its time
// "09:30:00.000+07:00".
var dateTimeLayouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02",
}

func parseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	for _, layout := range dateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// daysSinceEpoch is number() of a date: days since 1970-01-01, a dateTime
// counted at its own offset's instant.
func daysSinceEpoch(t time.Time) float64 {
	return float64(t.UnixNano()) / float64(24*time.Hour)
}

func dateFromDays(days float64) time.Time {
	return time.Unix(0, int64(math.Round(days*float64(24*time.Hour)))).UTC()
}
