package survey

import (
	"fmt"
	"papihub/internal/platform/web"
	"strconv"
	"strings"
	"time"
)

// A FieldError is one answer that fails the form's rules. Code is a stable
// key; Message is Vietnamese, taken from the form's own required_message or
// constraint_message when it has one.
type FieldError struct {
	Question string // the question's key
	Code     string // "required", "constraint", "not_integer", "not_decimal", "not_in_choices", "not_date", …
	Message  string
}

func (e FieldError) Error() string { return e.Question + ": " + e.Message }

// Validate checks one respondent's answers (by question key, select_multiple
// space-separated) against the form: a required question must be answered
// when it is relevant, an answer must have its question's type, be among its
// choices and meet its constraint. A relevant, required or constraint the
// server cannot evaluate (see Expr.Unevaluated) is not enforced. Questions
// inside repeats are not checked here, since their answers are not in the
// flat map.
func (f *Form) Validate(answers map[string]string) []FieldError {
	return f.validate(answers, func(*Question) bool { return true }, time.Time{})
}

// validate is Validate for the questions asked says were put to the
// respondent (the public page cannot take a photo or a location), at the
// moment now the answers were given (zero: today() and now() are unknown).
func (f *Form) validate(answers map[string]string, asked func(*Question) bool, now time.Time) []FieldError {
	var errs []FieldError
	env := f.env(answers, nil)
	env.Now = now
	for i := range f.Questions {
		q := &f.Questions[i]
		if q.Repeat != "" || !q.answerable() || !asked(q) {
			continue
		}
		value := strings.TrimSpace(answers[q.Key])
		env.Current = value
		if value == "" {
			if f.requires(q, env) {
				errs = append(errs, FieldError{q.Key, "required", f.message(q.RequiredMessage, "Câu này bắt buộc trả lời")})
			}
			continue
		}
		if web.LongerThan(value, web.MaxParagraph) {
			errs = append(errs, FieldError{q.Key, "too_long", "Câu trả lời quá dài: tối đa 20.000 ký tự"})
			continue
		}
		if e, bad := f.checkValue(q, value); bad {
			errs = append(errs, e)
			continue
		}
		if q.Constraint.IsZero() {
			continue
		}
		if relevant, known := f.relevance(q, env); !known || !relevant {
			continue
		}
		if holds, known := q.Constraint.Decide(env); known && !holds {
			errs = append(errs, FieldError{q.Key, "constraint",
				f.message(q.ConstraintMessage, fmt.Sprintf("Giá trị %q không thỏa điều kiện %s", value, q.Constraint))})
		}
	}
	return errs
}

// relevance says whether the question is asked: its own relevant and every
// enclosing group's hold. known is false when one of them cannot be
// evaluated and none is false.
func (f *Form) relevance(q *Question, env Env) (relevant, known bool) {
	known = true
	check := func(e Expr) bool {
		holds, k := e.Decide(env)
		if k && !holds {
			return false
		}
		known = known && k
		return true
	}
	for n := 1; n <= len(q.Group); n++ {
		if g := f.group(q.Group[:n]); g != nil && !check(g.Relevant) {
			return false, true
		}
	}
	if !check(q.Relevant) {
		return false, true
	}
	return true, known
}

// relevant is relevance for showing a question and keeping its answer:
// when in doubt, it is asked.
func (f *Form) relevant(q *Question, env Env) bool {
	relevant, known := f.relevance(q, env)
	return relevant || !known
}

// requires reports whether an empty answer breaks the question's required,
// which may be an expression ("${age} >= 18").
func (f *Form) requires(q *Question, env Env) bool {
	if !q.Required && q.RequiredIf.IsZero() {
		return false
	}
	if relevant, known := f.relevance(q, env); !known || !relevant {
		return false
	}
	if q.Required {
		return true
	}
	holds, known := q.RequiredIf.Decide(env)
	return known && holds
}

// message picks the form's own message in Vietnamese, then in the default
// language, else the fallback.
func (f *Form) message(m map[string]string, fallback string) string {
	for _, lang := range []string{"vi", f.DefaultLanguage, ""} {
		if s := m[lang]; s != "" {
			return s
		}
	}
	return fallback
}

// checkValue checks a non-empty answer against its question's type and
// choices. Answers whose choices the server does not have (from a file,
// external_choices or earlier answers) are taken as given.
func (f *Form) checkValue(q *Question, value string) (FieldError, bool) {
	bad := func(code, format string, args ...any) (FieldError, bool) {
		return FieldError{q.Key, code, fmt.Sprintf(format, args...)}, true
	}
	switch q.Type {
	case Integer:
		if _, err := strconv.ParseInt(value, 10, 64); err != nil {
			return bad("not_integer", "%q không phải số nguyên", value)
		}
	case Decimal, Range:
		if _, ok := parseXPathNumber(value); !ok {
			return bad("not_decimal", "%q không phải số (dùng dấu chấm cho phần thập phân)", value)
		}
	case SelectOne:
		if !f.hasChoice(q, value) {
			return bad("not_in_choices", "%q không có trong danh sách lựa chọn %q", value, q.ListName)
		}
	case SelectMultiple, Rank:
		for _, v := range strings.Fields(value) {
			if !f.hasChoice(q, v) {
				return bad("not_in_choices", "%q không có trong danh sách lựa chọn %q", v, q.ListName)
			}
		}
	case Date, Today:
		if !isDate(value) {
			return bad("not_date", "%q không phải ngày (yyyy-mm-dd)", value)
		}
	case DateTime, Start, End:
		if _, ok := parseDateTime(value); !ok {
			return bad("not_datetime", "%q không phải thời điểm (yyyy-mm-ddThh:mm:ss)", value)
		}
	case Time:
		if !isTime(value) {
			return bad("not_time", "%q không phải giờ (hh:mm hoặc hh:mm:ss)", value)
		}
	case Geopoint, StartGeopoint:
		if !isGeopoint(value) {
			return bad("not_geopoint", "%q không phải tọa độ (vĩ độ kinh độ [độ cao độ chính xác])", value)
		}
	case Geotrace, Geoshape:
		for _, pt := range strings.Split(strings.TrimSuffix(strings.TrimSpace(value), ";"), ";") {
			if !isGeopoint(pt) {
				return bad("not_geopoint", "%q không phải dãy tọa độ cách nhau bằng dấu chấm phẩy", value)
			}
		}
	}
	return FieldError{}, false
}

func (f *Form) hasChoice(q *Question, name string) bool {
	if q.OrOther && name == "other" {
		return true
	}
	if !f.checksChoices(q) {
		return true
	}
	for _, c := range f.Choices[q.ListName] {
		if c.Name == name {
			return true
		}
	}
	return false
}

// checksChoices reports whether the form holds the question's choices.
func (f *Form) checksChoices(q *Question) bool {
	_, ok := f.Choices[q.ListName]
	return ok && !strings.HasPrefix(q.ListName, selectFromRepeatPrefix)
}

func isDate(s string) bool {
	if len(s) < 10 {
		return false
	}
	_, ok := parseDateTime(s[:10])
	return ok && (len(s) == 10 || s[10] == 'T' || s[10] == ' ' || s[10] == '+' || s[10] == 'Z')
}

// isTime accepts ODK's time, "09:30:00.000+07:00", and the shorter forms
// an export through Excel leaves.
func isTime(s string) bool {
	if i := strings.IndexAny(s, "+-Z"); i > 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for i, p := range parts {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || x < 0 || i == 0 && x > 24 || i > 0 && x >= 60 {
			return false
		}
	}
	return true
}

// isGeopoint accepts "latitude longitude [altitude [accuracy]]".
func isGeopoint(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	for i, x := range f {
		n, ok := parseXPathNumber(x)
		if !ok || i == 0 && (n < -90 || n > 90) || i == 1 && (n < -180 || n > 180) {
			return false
		}
	}
	return true
}
