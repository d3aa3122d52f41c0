package survey

import (
	"strings"
	"testing"
	"time"
)

// Each function of the ODK XForms specification the server evaluates, with
// the value worked out by hand from the specification's description.
func TestODKFunctionsEvaluateAsTheSpecificationSays(t *testing.T) {
	now := time.Date(2026, 3, 9, 14, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	env := Env{Answers: answers("m", "a c d", "n", "7", "s", "Hưng Yên", "d", "2026-03-01", "dt", "2026-03-01T12:00:00.000+07:00",
		"empty", "", "yes", "true", "t", "18:00:00.000+07:00", "phone", "0912 345 678"), Current: "42", Now: now}
	for _, tc := range []struct{ expr, want string }{
		{"if(${n} > 5, 'big', 'small')", "big"},
		{"if(${n} > 9, 'big', 'small')", "small"},
		{"coalesce(${empty}, ${s})", "Hưng Yên"},
		{"coalesce(${empty}, '')", ""},
		{"concat(${s}, '-', ${n}, '-', 1.5)", "Hưng Yên-7-1.5"},
		{"selected(${m}, 'c')", "true"},
		{"selected-at(${m}, 1)", "c"},
		{"selected-at(${m}, 3)", ""},
		{"count-selected(${m})", "3"},
		{"string-length(${s})", "8"},
		{"string-length()", "2"}, // the current value "42"
		{"substr(${s}, 0, 4)", "Hưng"},
		{"substr(${s}, 5)", "Yên"},
		{"substring(${s}, 1, 4)", "Hưng"},
		{"substring('12345', 1.5, 2.6)", "234"}, // XPath 1.0's own example
		{"substring-before(${d}, '-')", "2026"},
		{"substring-after(${d}, '-')", "03-01"},
		{"translate('bar', 'abc', 'ABC')", "BAr"},
		{"translate('--aaa--', 'abc-', 'ABC')", "AAA"},
		{"normalize-space('  a   b  ')", "a b"},
		{"contains(${s}, 'Yên')", "true"},
		{"starts-with(${s}, 'Hưng')", "true"},
		{"ends-with(${s}, 'Hưng')", "false"},
		{"regex(${phone}, '^0[0-9 ]{9,12}$')", "true"},
		{"regex('abc', '[0-9]')", "false"},
		{"boolean-from-string(${yes})", "true"},
		{"boolean-from-string('yes')", "false"},
		{"not(true()) or false()", "false"},
		{"boolean('')", "false"},
		{"number('3.50') + 1", "4.5"},
		{"number('abc') = number('abc')", "false"}, // NaN
		{"int(-3.7)", "-3"},
		{"round(2.5)", "3"},
		{"round(-2.5)", "-2"}, // XPath rounds a half towards +∞
		{"round(3.14159, 2)", "3.14"},
		{"floor(-1.5) + ceiling(1.2)", "0"},
		{"pow(2, 10)", "1024"},
		{"abs(-4) + sqrt(16)", "8"},
		{"log10(1000)", "3"},
		{"exp10(2)", "100"},
		{"round(log(exp(2)), 6)", "2"},
		{"round(pi(), 4)", "3.1416"},
		{"round(sin(0) + cos(0) + tan(0) + asin(0) + acos(1) + atan(0) + atan2(0, 1), 6)", "1"},
		{"min(3, ${n}, 5)", "3"},
		{"max(3, ${n}, 5)", "7"},
		{"min(3, 'x')", "NaN"},
		{"7 div 2", "3.5"},
		{"7 mod 3", "1"},
		{"checklist(2, 3, ${yes}, ${n}, ${empty}, 0)", "true"},   // true, 7 > 0 count; "" and 0 do not: 2
		{"checklist(3, -1, ${yes}, ${n}, ${empty}, 0)", "false"}, // 2 < 3
		{"weighted-checklist(5, -1, 1, 2, 1, 3, 0, 10)", "true"}, // 2 + 3 = 5
		{"today()", "2026-03-09"},
		{"now()", "2026-03-09T14:30:00.000+07:00"},
		{"${d} < today()", "true"},
		{"today() - ${d}", "8"},
		{"date(${d}) = '2026-03-01'", "true"},
		{"date(20513)", "2026-03-01"}, // days since 1970-01-01
		{"date(${d} + 30)", "2026-03-31"},
		{"decimal-date-time(${d})", "20513"},
		{"decimal-date-time(${dt})", "20513.208333333332"}, // 12:00 +07:00 is 05:00 UTC
		{"decimal-time(${t})", "0.75"},
		{"format-date(${d}, '%e/%n/%Y, %a %b %d %m %y')", "1/3/2026, Sun Mar 01 03 26"},
		{"format-date-time(${dt}, '%H:%M:%S.%3 %h')", "12:00:00.000 12"},
		{"digest('abc', 'SHA-256', 'hex')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"digest('abc', 'MD5')", "kAFQmDzST7DWlj99KOF/cg=="},
		{"base64-decode('SHVuZyBZw6pu')", "Hung Yên"},
		{"once(${n})", "42"}, // the current value is kept
		{"join('-', 'a', 'b')", "a-b"},
		{"string(1 = 1)", "true"},
		{"'Đồng Nai' = \"Đồng Nai\"", "true"},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			e, err := ParseExpr(tc.expr)
			if err != nil {
				t.Fatal(err)
			}
			if u := e.Unevaluated(); len(u) != 0 {
				t.Fatalf("%q is not evaluated: %v", tc.expr, u)
			}
			v := e.Eval(env)
			if !v.Known() || v.String() != tc.want {
				t.Fatalf("%q = %q (known %v), want %q", tc.expr, v.String(), v.Known(), tc.want)
			}
		})
	}
}

// What the server cannot evaluate parses, is named by Unevaluated, and
// makes a result unknown unless the rest decides it.
func TestWhatTheServerCannotEvaluateIsKeptAndUnknown(t *testing.T) {
	env := Env{Answers: answers("a", "1")}
	for _, tc := range []struct {
		expr    string
		what    string // in Unevaluated
		known   bool
		holds   bool
		comment string
	}{
		{"pulldata('fruits', 'name', 'key', ${a}) = 'x'", "pulldata()", false, false, "a secondary instance"},
		{"instance('villages')/root/item[name = ${a}]/label != ''", "đường dẫn instance('villages')/root/item[(name = ${a})]/label", false, false, "a path into a secondary instance"},
		{"/data/other/q = 'yes'", "đường dẫn /data/other/q", false, false, "a path the form does not resolve"},
		{"uuid() != ''", "uuid()", false, false, "random"},
		{"once(random()) < 0.5", "random()", false, false, "random"},
		{"position(..) = 1", "position()", false, false, "the position in a repeat"},
		{"${last-saved#a} = '1'", "${last-saved#…}", false, false, "the device's previous submission"},
		{"myfunction(${a})", "myfunction() (hàm không có trong đặc tả ODK)", false, false, "a function ODK does not define"},
		{"selected(${a})", "selected() với 1 đối số", false, false, "a wrong argument count"},
		{"${a} = '1' or uuid() = ''", "uuid()", true, true, "a known true decides or"},
		{"${a} = '2' and uuid() = ''", "uuid()", true, false, "a known false decides and"},
		{"if(${a} = '1', 'yes', uuid()) = 'yes'", "uuid()", true, true, "the branch not taken does not matter"},
		{"q1 = 'x'", "đường dẫn q1", false, false, "a name without ${}"},
		{"${a} = ‘1’", "", true, true, "typographic quotes read as quotes"},
	} {
		t.Run(tc.comment, func(t *testing.T) {
			e, err := ParseExpr(tc.expr)
			if err != nil {
				t.Fatalf("ParseExpr(%q): %v", tc.expr, err)
			}
			if tc.what != "" && !strings.Contains(strings.Join(e.Unevaluated(), "|"), tc.what) {
				t.Errorf("Unevaluated() = %q, want it to name %q", e.Unevaluated(), tc.what)
			}
			holds, known := e.Decide(env)
			if known != tc.known || holds != tc.holds {
				t.Errorf("%q decides (%v, known %v), want (%v, known %v)", tc.expr, holds, known, tc.holds, tc.known)
			}
		})
	}
}

func TestTypographicQuotesAndOddSpacesAreReadAsMeant(t *testing.T) {
	for _, tc := range []struct {
		expr          string
		answer        string
		smart, spaces bool
	}{
		{"${q} = ‘có’", "có", true, false},
		{"${q} = “có”", "có", true, false},
		{"${q} = 'có’", "có", true, false},                            // opened straight, closed curly
		{"${q} = 'H’Mông'", "H’Mông", false, false},                   // an apostrophe inside a straight-quoted string stays
		{"${q}\u00a0=\u00a0'có'", "có", false, true},                  // no-break spaces
		{"${q} =\u200b'có'\u202f and\u2007true()", "có", false, true}, // zero-width, narrow and figure spaces
	} {
		e, err := ParseExpr(tc.expr)
		if err != nil {
			t.Fatalf("ParseExpr(%q): %v", tc.expr, err)
		}
		if !e.Holds(Env{Answers: answers("q", tc.answer)}) || e.SmartQuotes != tc.smart || e.OddSpaces != tc.spaces {
			t.Errorf("%q: holds %v, smart quotes %v, odd spaces %v; want true, %v, %v", tc.expr,
				e.Holds(Env{Answers: answers("q", tc.answer)}), e.SmartQuotes, e.OddSpaces, tc.smart, tc.spaces)
		}
	}
}

// Inside a form, ${q} for a question in a repeat is the node-set of its
// answers, and a repeat's name counts its instances.
func TestRepeatAnswersAreNodeSetsForSumCountAndIndexedRepeat(t *testing.T) {
	form := parseOK(t, [][]string{
		row("type", "name", "label", "calculation"),
		row("begin_repeat", "member", "Thành viên"),
		row("integer", "age", "Tuổi"),
		row("text", "job", "Nghề"),
		row("end_repeat"),
		row("calculate", "n", "", "count(${member})"),
	}, [][]string{row("list_name", "name", "label")})
	repeats := map[string][]map[string]string{"member": {{"age": "40", "job": "nông"}, {"age": "12"}, {"age": "70", "job": "hưu"}}}
	env := form.env(map[string]string{}, repeats)
	for expr, want := range map[string]string{
		"count(${member})":                     "3",
		"sum(${age})":                          "122",
		"max(${age})":                          "70",
		"count-non-empty(${job})":              "2",
		"join(', ', ${job})":                   "nông, , hưu",
		"indexed-repeat(${age}, ${member}, 2)": "12",
		"${age} > 65":                          "true", // some member
	} {
		e, err := ParseExpr(expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Eval(env); !got.Known() || got.String() != want {
			t.Errorf("%s = %q (known %v), want %q", expr, got.String(), got.Known(), want)
		}
	}
	// Without the repeats (the flat answers of Validate) they are unknown.
	if e, _ := ParseExpr("sum(${age}) > 0"); e.Eval(form.env(map[string]string{}, nil)).Known() {
		t.Error("sum over a repeat without its instances is known")
	}
}

func TestJRChoiceNameGivesTheLabelInTheFormsLanguage(t *testing.T) {
	form := parseOK(t, [][]string{
		row("type", "name", "label::Vietnamese (vi)", "label::English (en)"),
		row("select_one yes_no", "q", "Q", "Q"),
	}, yesNoChoices)
	e, err := ParseExpr("jr:choice-name(${q}, '${q}')")
	if err != nil {
		t.Fatal(err)
	}
	env := form.env(answers("q", "98"), nil)
	if got := e.Eval(env).String(); got != "Không biết" {
		t.Fatalf("choice name = %q, want Không biết (the default language)", got)
	}
	env.Lang = "en"
	if got := e.Eval(env).String(); got != "Don't know" {
		t.Fatalf("choice name = %q, want Don't know", got)
	}
}
