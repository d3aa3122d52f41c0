package survey

import (
	"fmt"
	"strconv"
	"strings"
)

// A Binding ties a question to a PAPI indicator, with the rule that turns
// one respondent's answer into a value in [0, 1]; the indicator is the mean of
// those values over respondents (scoring is done elsewhere).
type Binding struct {
	Indicator string // indicator code, like "D3.1.2"
	Rule      Rule
}

// RuleKind says how an answer becomes a value.
type RuleKind string

// The rules of the indicator_rule column.
const (
	// RuleGood: 1 when the answer is one of Values, else 0 (the indicator is
	// then the share of respondents giving a good answer).
	RuleGood RuleKind = "good"
	// RuleBad: 0 when the answer is one of Values, else 1, for questions that
	// ask about a bad experience (a bribe asked, a lost document).
	RuleBad RuleKind = "bad"
	// RuleScale: (x - Min) / (Max - Min) for a numeric answer in [Min, Max].
	RuleScale RuleKind = "scale"
	// RuleInverseScale: 1 - that, for scales where high is bad.
	RuleInverseScale RuleKind = "inverse_scale"
)

// A Rule is a parsed indicator_rule: "good:v1 v2", "bad:v", "scale:1..5" or
// "inverse_scale:0..10", optionally followed by "; skip:v …" listing answers
// that count as no answer ("don't know", "refused"), which PAPI leaves out of
// an indicator's mean rather than scoring as bad.
type Rule struct {
	Kind     RuleKind
	Values   []string // for good and bad
	Min, Max float64  // for scale and inverse_scale
	Skip     []string
}

// ParseRule reads the indicator_rule column.
func ParseRule(s string) (Rule, error) {
	main, skipPart, hasSkip := strings.Cut(s, ";")
	kind, arg, ok := strings.Cut(strings.TrimSpace(main), ":")
	if !ok {
		return Rule{}, fmt.Errorf("quy tắc %q phải có dạng good:…, bad:…, scale:min..max hoặc inverse_scale:min..max", s)
	}
	r := Rule{Kind: RuleKind(strings.ToLower(strings.TrimSpace(kind)))}
	switch r.Kind {
	case RuleGood, RuleBad:
		r.Values = strings.Fields(arg)
		if len(r.Values) == 0 {
			return Rule{}, fmt.Errorf("quy tắc %q chưa liệt kê giá trị nào", s)
		}
	case RuleScale, RuleInverseScale:
		lo, hi, ok := strings.Cut(strings.TrimSpace(arg), "..")
		var err1, err2 error
		r.Min, err1 = strconv.ParseFloat(strings.TrimSpace(lo), 64)
		r.Max, err2 = strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if !ok || err1 != nil || err2 != nil || !(r.Min < r.Max) {
			return Rule{}, fmt.Errorf("quy tắc %q: thang đo phải viết min..max với min < max, ví dụ scale:1..5", s)
		}
	default:
		return Rule{}, fmt.Errorf("quy tắc %q: loại %q không có (dùng good, bad, scale hoặc inverse_scale)", s, kind)
	}
	if hasSkip {
		k, v, ok := strings.Cut(strings.TrimSpace(skipPart), ":")
		if !ok || strings.TrimSpace(k) != "skip" || len(strings.Fields(v)) == 0 {
			return Rule{}, fmt.Errorf("quy tắc %q: sau dấu ';' chỉ được viết skip:giá_trị …", s)
		}
		r.Skip = strings.Fields(v)
	}
	return r, nil
}

// String writes the rule back in the indicator_rule syntax.
func (r Rule) String() string {
	var s string
	switch r.Kind {
	case RuleGood, RuleBad:
		s = string(r.Kind) + ":" + strings.Join(r.Values, " ")
	default:
		s = string(r.Kind) + ":" + strconv.FormatFloat(r.Min, 'f', -1, 64) + ".." + strconv.FormatFloat(r.Max, 'f', -1, 64)
	}
	if len(r.Skip) > 0 {
		s += "; skip:" + strings.Join(r.Skip, " ")
	}
	return s
}

// Value turns one respondent's answer into a value in [0, 1]. ok is false
// when the answer does not count: empty, a skip answer, not a number for a
// scale, or outside the scale (codes like 98 "don't know" often sit there).
// A select_multiple answer (several space-separated choices) is good when any
// chosen value is good, and bad when any chosen value is bad.
func (b Binding) Value(answer string) (float64, bool) {
	r := b.Rule
	fields := strings.Fields(answer)
	if len(fields) == 0 {
		return 0, false
	}
	for _, f := range fields {
		if contains(r.Skip, f) {
			return 0, false
		}
	}
	switch r.Kind {
	case RuleGood, RuleBad:
		hit := false
		for _, f := range fields {
			if contains(r.Values, f) {
				hit = true
				break
			}
		}
		if hit == (r.Kind == RuleGood) {
			return 1, true
		}
		return 0, true
	case RuleScale, RuleInverseScale:
		if len(fields) != 1 {
			return 0, false
		}
		x, ok := parseXPathNumber(fields[0])
		if !ok || x < r.Min || x > r.Max {
			return 0, false
		}
		// Measured from the good end, so 8 on 0..10 inverted is exactly 0.2.
		if r.Kind == RuleInverseScale {
			return (r.Max - x) / (r.Max - r.Min), true
		}
		return (x - r.Min) / (r.Max - r.Min), true
	}
	return 0, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
