package survey

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"
)

// function is one XPath function: its argument count (max -1: any) and
// how the server evaluates it. eval is nil for the functions that need what
// the server does not have: the device (uuid, random), secondary instances
// (instance, pulldata), the position inside a repeat being filled. lazy
// functions get their argument nodes unevaluated (args is nil), so that an
// unknown branch of if() or a later argument of coalesce() does not make the
// whole unknown.
type function struct {
	min, max int
	lazy     bool
	eval     func(env *Env, nodes []node, args []Value) Value
}

// functions lists XPath 1.0's core functions and the ODK XForms
// specification's (getodk.github.io/xforms-spec, "XPath Functions").
var functions map[string]function

func init() {
	str := func(f func(a []Value) string) func(*Env, []node, []Value) Value {
		return func(_ *Env, _ []node, a []Value) Value { return stringValue(f(a)) }
	}
	num := func(f func(a []Value) float64) func(*Env, []node, []Value) Value {
		return func(_ *Env, _ []node, a []Value) Value { return numberValue(f(a)) }
	}
	boolean := func(f func(a []Value) bool) func(*Env, []node, []Value) Value {
		return func(_ *Env, _ []node, a []Value) Value { return boolValue(f(a)) }
	}
	math1 := func(f func(float64) float64) function {
		return function{1, 1, false, num(func(a []Value) float64 { return f(a[0].Number()) })}
	}
	orCurrent := func(env *Env, a []Value) string {
		if len(a) == 0 {
			return env.Current
		}
		return a[0].String()
	}
	none := func(min, max int) function { return function{min: min, max: max} }

	functions = map[string]function{
		// Boolean functions.
		"true":                {0, 0, false, boolean(func([]Value) bool { return true })},
		"false":               {0, 0, false, boolean(func([]Value) bool { return false })},
		"not":                 {1, 1, false, boolean(func(a []Value) bool { return !a[0].Bool() })},
		"boolean":             {1, 1, false, boolean(func(a []Value) bool { return a[0].Bool() })},
		"boolean-from-string": {1, 1, false, boolean(func(a []Value) bool { s := a[0].String(); return s == "true" || s == "1" })},
		"if":                  {3, 3, true, evalIf},
		"coalesce":            {2, -1, true, evalCoalesce},
		"once":                {1, 1, true, evalOnce},
		"regex":               {2, 2, false, evalRegex},
		"contains":            {2, 2, false, boolean(func(a []Value) bool { return strings.Contains(a[0].String(), a[1].String()) })},
		"starts-with":         {2, 2, false, boolean(func(a []Value) bool { return strings.HasPrefix(a[0].String(), a[1].String()) })},
		"ends-with":           {2, 2, false, boolean(func(a []Value) bool { return strings.HasSuffix(a[0].String(), a[1].String()) })},
		"checklist":           {2, -1, false, evalChecklist},
		"weighted-checklist":  {2, -1, false, evalWeightedChecklist},

		// Select functions.
		"selected": {2, 2, false, boolean(func(a []Value) bool {
			want := strings.TrimSpace(a[1].String())
			for _, v := range strings.Fields(a[0].String()) {
				if v == want {
					return true
				}
			}
			return false
		})},
		"selected-at": {2, 2, false, str(func(a []Value) string {
			f, i := strings.Fields(a[0].String()), a[1].Number()
			if math.IsNaN(i) || i < 0 || int(i) >= len(f) {
				return ""
			}
			return f[int(i)]
		})},
		"count-selected": {1, 1, false, num(func(a []Value) float64 { return float64(len(strings.Fields(a[0].String()))) })},
		"jr:choice-name": {2, 2, false, evalChoiceName},

		// String functions.
		"string": {0, 1, false, func(env *Env, _ []node, a []Value) Value { return stringValue(orCurrent(env, a)) }},
		"concat": {0, -1, false, str(func(a []Value) string {
			var b strings.Builder
			for _, v := range a {
				for _, s := range v.items() {
					b.WriteString(s)
				}
			}
			return b.String()
		})},
		"join": {1, -1, false, str(func(a []Value) string {
			var parts []string
			for _, v := range a[1:] {
				parts = append(parts, v.items()...)
			}
			return strings.Join(parts, a[0].String())
		})},
		"substr":    {2, 3, false, str(evalSubstr)},
		"substring": {2, 3, false, str(evalSubstring)},
		"substring-before": {2, 2, false, str(func(a []Value) string {
			s, _, _ := strings.Cut(a[0].String(), a[1].String())
			return cutOrEmpty(a, s, true)
		})},
		"substring-after": {2, 2, false, str(func(a []Value) string {
			_, s, _ := strings.Cut(a[0].String(), a[1].String())
			return cutOrEmpty(a, s, false)
		})},
		"translate": {3, 3, false, str(evalTranslate)},
		"string-length": {0, 1, false, func(env *Env, _ []node, a []Value) Value {
			return numberValue(float64(utf8.RuneCountInString(orCurrent(env, a))))
		}},
		"normalize-space": {0, 1, false, func(env *Env, _ []node, a []Value) Value {
			return stringValue(strings.Join(strings.Fields(orCurrent(env, a)), " "))
		}},
		"digest":        {2, 3, false, evalDigest},
		"base64-decode": {1, 1, false, str(func(a []Value) string { b, _ := base64.StdEncoding.DecodeString(a[0].String()); return string(b) })},

		// Number functions.
		"number": {0, 1, false, func(env *Env, _ []node, a []Value) Value {
			if len(a) == 0 {
				return numberValue(stringValue(env.Current).Number())
			}
			return numberValue(a[0].Number())
		}},
		"int":     math1(math.Trunc),
		"floor":   math1(math.Floor),
		"ceiling": math1(math.Ceil),
		"round": {1, 2, false, num(func(a []Value) float64 {
			scale := 1.0
			if len(a) == 2 {
				scale = math.Pow(10, math.Trunc(a[1].Number()))
			}
			// XPath rounds a half towards positive infinity.
			return math.Floor(a[0].Number()*scale+0.5) / scale
		})},
		"sum": {1, 1, false, num(func(a []Value) float64 {
			total := 0.0
			for _, s := range a[0].items() {
				total += stringValue(s).Number()
			}
			return total
		})},
		"count":           {1, 1, false, num(func(a []Value) float64 { return float64(len(a[0].items())) })},
		"count-non-empty": {1, 1, false, num(func(a []Value) float64 { return float64(countNonEmpty(a[0].items())) })},
		"min":             {1, -1, false, num(func(a []Value) float64 { return extreme(a, math.Min) })},
		"max":             {1, -1, false, num(func(a []Value) float64 { return extreme(a, math.Max) })},
		"pow":             {2, 2, false, num(func(a []Value) float64 { return math.Pow(a[0].Number(), a[1].Number()) })},
		"log":             math1(math.Log),
		"log10":           math1(math.Log10),
		"abs":             math1(math.Abs),
		"sin":             math1(math.Sin),
		"cos":             math1(math.Cos),
		"tan":             math1(math.Tan),
		"asin":            math1(math.Asin),
		"acos":            math1(math.Acos),
		"atan":            math1(math.Atan),
		"atan2":           {2, 2, false, num(func(a []Value) float64 { return math.Atan2(a[0].Number(), a[1].Number()) })},
		"sqrt":            math1(math.Sqrt),
		"exp":             math1(math.Exp),
		"exp10":           math1(func(x float64) float64 { return math.Pow(10, x) }),
		"pi":              {0, 0, false, num(func([]Value) float64 { return math.Pi })},

		// Date and time functions.
		"today":             {0, 0, false, evalToday},
		"now":               {0, 0, false, evalNow},
		"date":              {1, 1, false, str(evalDate)},
		"date-time":         {1, 1, false, str(evalDateTime)},
		"decimal-date-time": {1, 1, false, num(func(a []Value) float64 { return a[0].Number() })},
		"decimal-time":      {1, 1, false, num(evalDecimalTime)},
		"format-date":       {2, 2, false, str(evalFormatDate)},
		"format-date-time":  {2, 2, false, str(evalFormatDate)},

		// Repeat functions.
		"indexed-repeat": {3, 7, false, evalIndexedRepeat},

		// Known, but not evaluated on the server.
		"uuid":                 none(0, 1),
		"random":               none(0, 0),
		"randomize":            none(1, 2),
		"pulldata":             none(4, 4),
		"instance":             none(1, 1),
		"current":              none(0, 0),
		"position":             none(0, 1),
		"last":                 none(0, 0),
		"jr:itext":             none(1, 1),
		"area":                 none(1, 1),
		"distance":             none(1, -1),
		"geofence":             none(2, 2),
		"name":                 none(0, 1),
		"local-name":           none(0, 1),
		"namespace-uri":        none(0, 1),
		"lang":                 none(1, 1),
		"id":                   none(1, 1),
		"property":             none(1, 1),
		"version":              none(0, 0),
		"extract-signed":       none(2, 2),
		"jr:choice-name-label": none(2, 2),
	}
}

func evalIf(env *Env, n []node, _ []Value) Value {
	c := eval(n[0], env)
	if !c.Known() {
		return c
	}
	if c.Bool() {
		return eval(n[1], env)
	}
	return eval(n[2], env)
}

func evalCoalesce(env *Env, n []node, _ []Value) Value {
	for _, x := range n {
		v := eval(x, env)
		if !v.Known() || v.String() != "" {
			return v
		}
	}
	return stringValue("")
}

// once keeps a value already given (the calculation's stored answer, which
// Env.Current holds) and computes it only when there is none.
func evalOnce(env *Env, n []node, _ []Value) Value {
	if env.Current != "" {
		return stringValue(env.Current)
	}
	return eval(n[0], env)
}

// regex matches as JavaRosa's Matcher.find(): anywhere in the value. A
// pattern Go's RE2 cannot compile (back-references, look-arounds) leaves
// the result unknown rather than false.
func evalRegex(_ *Env, _ []node, a []Value) Value {
	re, err := regexp.Compile(a[1].String())
	if err != nil {
		return unknownValue()
	}
	return boolValue(re.MatchString(a[0].String()))
}

// truthy is checklist's test of one answer: true when it converts to a
// number above 0, or, for text, is non-empty and not "false".
func truthy(s string) bool {
	if n, ok := parseXPathNumber(s); ok {
		return n > 0
	}
	return s != "" && s != "false"
}

func evalChecklist(_ *Env, _ []node, a []Value) Value {
	n := 0
	for _, v := range a[2:] {
		for _, s := range v.items() {
			if truthy(s) {
				n++
			}
		}
	}
	return boolValue(within(float64(n), a[0].Number(), a[1].Number()))
}

func evalWeightedChecklist(_ *Env, _ []node, a []Value) Value {
	if len(a)%2 != 0 {
		return unknownValue()
	}
	total := 0.0
	for i := 2; i+1 < len(a); i += 2 {
		if truthy(a[i].String()) {
			total += a[i+1].Number()
		}
	}
	return boolValue(within(total, a[0].Number(), a[1].Number()))
}

// within: min or max of -1 does not apply.
func within(x, lo, hi float64) bool {
	return (lo == -1 || x >= lo) && (hi == -1 || x <= hi)
}

// substr(s, start, end?): 0-based start, end exclusive, in characters.
func evalSubstr(a []Value) string {
	r := []rune(a[0].String())
	clamp := func(x float64) int {
		if math.IsNaN(x) || x < 0 {
			return 0
		}
		return int(math.Min(x, float64(len(r))))
	}
	start, end := clamp(a[1].Number()), len(r)
	if len(a) == 3 {
		end = clamp(a[2].Number())
	}
	if start >= end {
		return ""
	}
	return string(r[start:end])
}

// substring(s, start, length?): XPath 1.0's, 1-based, with its rounding:
// the characters at positions p with round(start) ≤ p < round(start) +
// round(length).
func evalSubstring(a []Value) string {
	r := []rune(a[0].String())
	round := func(x float64) float64 { return math.Floor(x + 0.5) }
	from := round(a[1].Number())
	to := math.Inf(1)
	if len(a) == 3 {
		to = from + round(a[2].Number())
	}
	var b strings.Builder
	for i, c := range r {
		if p := float64(i + 1); p >= from && p < to {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// cutOrEmpty gives substring-before/after's result: empty when the needle
// is not in the value (before also when the needle is empty).
func cutOrEmpty(a []Value, s string, before bool) string {
	hay, needle := a[0].String(), a[1].String()
	if !strings.Contains(hay, needle) || before && needle == "" {
		return ""
	}
	return s
}

func evalTranslate(a []Value) string {
	from, to := []rune(a[1].String()), []rune(a[2].String())
	m := map[rune]int{}
	for i, c := range from {
		if _, seen := m[c]; !seen {
			m[c] = i
		}
	}
	var b strings.Builder
	for _, c := range a[0].String() {
		i, ok := m[c]
		switch {
		case !ok:
			b.WriteRune(c)
		case i < len(to):
			b.WriteRune(to[i])
		}
	}
	return b.String()
}

func countNonEmpty(items []string) int {
	n := 0
	for _, s := range items {
		if s != "" {
			n++
		}
	}
	return n
}

// extreme is min() or max() over every value of every argument: NaN when
// any is not a number or there is none, as XPath 3.0 has it.
func extreme(a []Value, pick func(x, y float64) float64) float64 {
	out, any := 0.0, false
	for _, v := range a {
		for _, s := range v.items() {
			x := stringValue(s).Number()
			if v.kind == kindNumber {
				x = v.n
			}
			if math.IsNaN(x) {
				return math.NaN()
			}
			if !any {
				out, any = x, true
				continue
			}
			out = pick(out, x)
		}
	}
	if !any {
		return math.NaN()
	}
	return out
}

func evalDigest(_ *Env, _ []node, a []Value) Value {
	var h hash.Hash
	switch strings.ToUpper(a[1].String()) {
	case "MD5":
		h = md5.New()
	case "SHA-1":
		h = sha1.New()
	case "SHA-256":
		h = sha256.New()
	case "SHA-384":
		h = sha512.New384()
	case "SHA-512":
		h = sha512.New()
	default:
		return unknownValue()
	}
	h.Write([]byte(a[0].String()))
	sum := h.Sum(nil)
	enc := "base64"
	if len(a) == 3 {
		enc = strings.ToLower(a[2].String())
	}
	switch enc {
	case "base64":
		return stringValue(base64.StdEncoding.EncodeToString(sum))
	case "hex":
		return stringValue(hex.EncodeToString(sum))
	}
	return unknownValue()
}

// jr:choice-name(value, '${q}') is the label of choice value in q's list,
// in the environment's language.
func evalChoiceName(env *Env, _ []node, a []Value) Value {
	if env.form == nil {
		return unknownValue()
	}
	ref := strings.TrimSpace(a[1].String())
	name := strings.TrimSuffix(strings.TrimPrefix(ref, "${"), "}")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	q, ok := env.form.questionByRef(name)
	if !ok || q.ListName == "" {
		return unknownValue()
	}
	value := a[0].String()
	for _, c := range env.form.Choices[q.ListName] {
		if c.Name == value {
			return stringValue(c.Label(env.Lang))
		}
	}
	return stringValue("")
}

// indexed-repeat(${q}, ${repeat}, n): q's answer in the repeat's nth
// instance. Only one level of repeat is evaluated.
func evalIndexedRepeat(_ *Env, _ []node, a []Value) Value {
	if len(a) != 3 || a[0].kind != kindNodes {
		return unknownValue()
	}
	i := a[2].Number()
	if math.IsNaN(i) || i < 1 || int(i) > len(a[0].nodes) {
		return stringValue("")
	}
	return stringValue(a[0].nodes[int(i)-1])
}
