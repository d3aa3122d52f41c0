package survey

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseExpr checks that the parser never panics or hangs on any cell
// content, and that whatever it accepts means the same thing when printed
// back fully parenthesised and parsed again.
func FuzzParseExpr(f *testing.F) {
	for _, seed := range []string{
		"${q1} = 'yes'",
		"selected(${q}, 'a') and not(${b} != '') or count-selected(${q}) >= 2",
		". >= 0 and . <= 120",
		"string-length(.) < 10 and -${x} * 2 div 3 mod 4 + 1 - .5 = 1.",
		"((((1))))",
		"${a} = ",
		"'unterminated",
		"${",
		strings.Repeat("(", 60) + "1" + strings.Repeat(")", 60),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := ParseExpr(src)
		if err != nil {
			if _, ok := err.(*ExprError); !ok {
				t.Fatalf("error of type %T, want *ExprError", err)
			}
			return
		}
		e.Eval(Env{Answers: map[string]string{"q": "a b", "x": "3"}, Current: "1"})
		printed := format(e.root)
		again, err := ParseExpr(printed)
		if err != nil {
			// Printing adds parentheses, which may cross the depth limit for
			// input that sat just below it; that is the only allowed failure.
			if strings.Contains(err.Error(), "lồng quá sâu") {
				return
			}
			t.Fatalf("%q printed as %q, which does not parse: %v", src, printed, err)
		}
		if p2 := format(again.root); p2 != printed {
			t.Fatalf("%q printed as %q, reparsed as %q", src, printed, p2)
		}
	})
}

// format prints a tree fully parenthesised, so that two trees print alike
// only when they group alike.
func format(n node) string {
	switch n := n.(type) {
	case refNode:
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
		return "(-" + format(n.x) + ")"
	case *binNode:
		return "(" + format(n.l) + " " + opText[n.op] + " " + format(n.r) + ")"
	case *callNode:
		args := make([]string, len(n.args))
		for i, a := range n.args {
			args[i] = format(a)
		}
		return n.fn + "(" + strings.Join(args, ", ") + ")"
	}
	panic(fmt.Sprintf("unknown node %T", n))
}

var opText = map[tokKind]string{
	tOr: "or", tAnd: "and", tEq: "=", tNe: "!=", tLt: "<", tLe: "<=", tGt: ">", tGe: ">=",
	tPlus: "+", tMinus: "-", tStar: "*", tDiv: "div", tMod: "mod",
}
