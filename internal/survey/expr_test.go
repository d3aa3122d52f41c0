package survey

import (
	"strings"
	"testing"
)

func answers(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func TestExpressionsEvaluateTheXPathWay(t *testing.T) {
	for _, tc := range []struct {
		name string
		expr string
		env  Env
		want bool
	}{
		{"an answer equals its choice name", "${q1} = 'yes'", Env{Answers: answers("q1", "yes")}, true},
		{"an empty answer equals the empty string", "${q1} = ''", Env{}, true},
		{"an empty answer is not equal to zero", "${n} = 0", Env{}, false},
		{"an empty answer differs from zero", "${n} != 0", Env{}, true},
		{"an empty answer is never less than a number", "${age} < 18", Env{}, false},
		{"numbers compare numerically, not as text", "${age} >= 9", Env{Answers: answers("age", "18")}, true},
		{"a decimal answer equals a whole number", "${n} = 5", Env{Answers: answers("n", "5.0")}, true},
		{"two string choices compare as text", "${a} = '01'", Env{Answers: answers("a", "1")}, false},
		{"ISO dates compare in order", "${d} < '2026-01-01'", Env{Answers: answers("d", "2025-12-31")}, true},
		{"and binds tighter than or", "1 = 2 and 1 = 1 or 2 = 2", Env{}, true},
		{"parentheses change the grouping", "1 = 2 and (1 = 1 or 2 = 2)", Env{}, false},
		{"arithmetic follows precedence", "2 + 3 * 4 = 14", Env{}, true},
		{"div and mod are operators", "7 div 2 = 3.5 and 7 mod 2 = 1", Env{}, true},
		{"unary minus negates", "-${n} = -3", Env{Answers: answers("n", "3")}, true},
		{"selected finds one of several choices", "selected(${q}, 'b')", Env{Answers: answers("q", "a b c")}, true},
		{"selected does not match a prefix", "selected(${q}, 'b')", Env{Answers: answers("q", "bb")}, false},
		{"count-selected counts the choices", "count-selected(${q}) = 3", Env{Answers: answers("q", "a  b c")}, true},
		{"not negates", "not(selected(${q}, 'a'))", Env{Answers: answers("q", "b")}, true},
		{"the dot is the value under constraint", ". >= 0 and . <= 120", Env{Current: "45"}, true},
		{"the dot out of range fails the constraint", ". >= 0 and . <= 120", Env{Current: "150"}, false},
		{"string-length counts Vietnamese characters", "string-length(.) = 5", Env{Current: "Hưng "}, true},
		{"a lone answer is true when non-empty", "${q}", Env{Answers: answers("q", "x")}, true},
		{"true() and false() are booleans", "true() and not(false())", Env{}, true},
		{"a boolean compares as a boolean", "(1 = 1) = 'anything'", Env{}, true},
		{"division by zero does not panic", "1 div 0 > 1000", Env{}, true},
		{"double-quoted strings work", `${q} = "có"`, Env{Answers: answers("q", "có")}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := ParseExpr(tc.expr)
			if err != nil {
				t.Fatalf("ParseExpr(%q): %v", tc.expr, err)
			}
			if got := e.Holds(tc.env); got != tc.want {
				t.Fatalf("%q = %v, want %v", tc.expr, got, tc.want)
			}
		})
	}
}

func TestBrokenExpressionsSayWhereAndWhat(t *testing.T) {
	for _, tc := range []struct {
		expr    string
		pos     int
		mention string
	}{
		{"${q1} = ", 9, "cần một giá trị"},
		{"${q1 = 'a'", 1, "thiếu '}'"},
		{"${q1} = 'a", 9, "nháy đóng"},
		{"(${a} = 1", 10, "thiếu ')'"},
		{"${a} = 1 1", 10, "thừa"},
		{"${a} == 1", 7, "cần một giá trị"},
		{"", 1, "rỗng"},
		{"${1a} = 2", 1, "không hợp lệ"},
		{"${a} = #", 8, "ký tự không hợp lệ"},
		{"${a}[", 6, "cần một giá trị"},
		{"/data/[1]", 7, "cần tên trong đường dẫn"},
		{"concat('a', 'b'", 16, "thiếu ')'"},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			_, err := ParseExpr(tc.expr)
			ee, ok := err.(*ExprError)
			if !ok {
				t.Fatalf("ParseExpr(%q) error = %v, want *ExprError", tc.expr, err)
			}
			if ee.Pos != tc.pos || !strings.Contains(ee.Msg, tc.mention) {
				t.Fatalf("ParseExpr(%q) = %v, want position %d mentioning %q", tc.expr, ee, tc.pos, tc.mention)
			}
		})
	}
}

func TestDeeplyNestedExpressionsAreRefusedNotOverflowed(t *testing.T) {
	deep := strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000)
	if _, err := ParseExpr(deep); err == nil {
		t.Fatal("100,000 nested parentheses parsed; want an error")
	}
	if _, err := ParseExpr(strings.Repeat("-", 5000) + "1"); err == nil {
		t.Fatal("5,000 unary minuses parsed; want an error")
	}
	if _, err := ParseExpr(strings.Repeat("not(", 20) + "1" + strings.Repeat(")", 20)); err != nil {
		t.Fatalf("20 nested not() refused: %v", err)
	}
}

func TestRefsListsEachQuestionOnce(t *testing.T) {
	e, err := ParseExpr("selected(${a}, 'x') or ${b} > ${a} and not(${c} = '')")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(e.Refs(), ","); got != "a,b,c" {
		t.Fatalf("Refs = %s, want a,b,c", got)
	}
}
