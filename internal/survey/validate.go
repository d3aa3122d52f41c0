package survey

import (
	"fmt"
	"strconv"
	"strings"
)

// A FieldError is one answer that fails the form's rules. Code is a stable
// key; Message is Vietnamese, taken from the form's own required_message or
// constraint_message when it has one.
type FieldError struct {
	Question string
	Code     string // "required", "constraint", "not_integer", "not_decimal", "not_in_choices"
	Message  string
}

func (e FieldError) Error() string { return e.Question + ": " + e.Message }

// Validate checks one respondent's answers (by question name, select_multiple
// space-separated) against the form: a required question must be answered
// when it is relevant, an answer must have its question's type, be among its
// choices and meet its constraint. Questions inside repeats are not checked
// here, since their answers are not in the flat map.
func (f *Form) Validate(answers map[string]string) []FieldError {
	var errs []FieldError
	env := Env{Answers: answers}
	for i := range f.Questions {
		q := &f.Questions[i]
		if q.Repeat != "" || !q.answerable() {
			continue
		}
		value := strings.TrimSpace(answers[q.Name])
		if value == "" {
			if q.Required && f.relevant(q, env) {
				errs = append(errs, FieldError{q.Name, "required", f.message(q.RequiredMessage, "Câu này bắt buộc trả lời")})
			}
			continue
		}
		if e, bad := f.checkValue(q, value); bad {
			errs = append(errs, e)
			continue
		}
		if !q.Constraint.IsZero() && f.relevant(q, env) {
			env.Current = value
			if !q.Constraint.Holds(env) {
				errs = append(errs, FieldError{q.Name, "constraint",
					f.message(q.ConstraintMessage, fmt.Sprintf("Giá trị %q không thỏa điều kiện %s", value, q.Constraint))})
			}
		}
	}
	return errs
}

// relevant reports whether the question is asked: its own relevant and
// every enclosing group's hold.
func (f *Form) relevant(q *Question, env Env) bool {
	for _, g := range q.Group {
		if grp := f.group(g); grp != nil && !grp.Relevant.Holds(env) {
			return false
		}
	}
	return q.Relevant.Holds(env)
}

func (f *Form) group(name string) *Group {
	for i := range f.Groups {
		if f.Groups[i].Name == name {
			return &f.Groups[i]
		}
	}
	return nil
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
// choices.
func (f *Form) checkValue(q *Question, value string) (FieldError, bool) {
	switch q.Type {
	case Integer:
		if _, err := strconv.ParseInt(value, 10, 64); err != nil {
			return FieldError{q.Name, "not_integer", fmt.Sprintf("%q không phải số nguyên", value)}, true
		}
	case Decimal:
		if _, ok := parseXPathNumber(value); !ok {
			return FieldError{q.Name, "not_decimal", fmt.Sprintf("%q không phải số (dùng dấu chấm cho phần thập phân)", value)}, true
		}
	case SelectOne:
		if !f.hasChoice(q.ListName, value) {
			return FieldError{q.Name, "not_in_choices", fmt.Sprintf("%q không có trong danh sách lựa chọn %q", value, q.ListName)}, true
		}
	case SelectMultiple:
		for _, v := range strings.Fields(value) {
			if !f.hasChoice(q.ListName, v) {
				return FieldError{q.Name, "not_in_choices", fmt.Sprintf("%q không có trong danh sách lựa chọn %q", v, q.ListName)}, true
			}
		}
	}
	return FieldError{}, false
}

func (f *Form) hasChoice(list, name string) bool {
	for _, c := range f.Choices[list] {
		if c.Name == name {
			return true
		}
	}
	return false
}
