package survey

import (
	"fmt"
	"testing"
)

// householdForm is a small form with every rule Validate applies.
func householdForm(t *testing.T) *Form {
	return parseOK(t, [][]string{
		row("type", "name", "label::Vietnamese (vi)", "required", "relevant", "constraint", "constraint_message::Vietnamese (vi)"),
		row("select_one yes_no", "visited", "Ông/bà có đến UBND xã không?", "yes"),
		row("begin_group", "visit", "Lần đến", "", "${visited} = '1'"),
		row("integer", "waits", "Số lần phải đi lại", "yes", "", ". >= 1", "Ít nhất 1 lần"),
		row("decimal", "hours", "Thời gian chờ (giờ)"),
		row("end_group"),
		row("select_multiple yes_no", "both", "Chọn"),
		row("text", "comment", "Ý kiến"),
	}, yesNoChoices)
}

func TestValidateAppliesTheFormsRules(t *testing.T) {
	form := householdForm(t)
	for _, tc := range []struct {
		name    string
		answers map[string]string
		want    string
	}{
		{"a complete answer passes", answers("visited", "1", "waits", "2", "hours", "1.5"), "[]"},
		{"a required question inside an irrelevant group may stay empty", answers("visited", "2"), "[]"},
		{"a required question inside a relevant group must be answered", answers("visited", "1"), "[waits:required]"},
		{"the first required question must be answered", answers(), "[visited:required]"},
		{"a constraint uses the form's own message", answers("visited", "1", "waits", "0"), "[waits:constraint:Ít nhất 1 lần]"},
		{"an integer question refuses a fraction", answers("visited", "1", "waits", "1.5"), "[waits:not_integer]"},
		{"a decimal question refuses a comma", answers("visited", "1", "waits", "1", "hours", "1,5"), "[hours:not_decimal]"},
		{"a select_one refuses a value outside the choices", answers("visited", "3"), "[visited:not_in_choices]"},
		{"a select_multiple checks every value", answers("visited", "2", "both", "1 7"), "[both:not_in_choices]"},
		{"a select_multiple accepts several choices", answers("visited", "2", "both", "1 2"), "[]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, e := range form.Validate(tc.answers) {
				s := e.Question + ":" + e.Code
				if e.Code == "constraint" {
					s += ":" + e.Message
				}
				got = append(got, s)
			}
			if fmt.Sprint(got) != tc.want {
				t.Fatalf("Validate = %v, want %s", got, tc.want)
			}
		})
	}
}
