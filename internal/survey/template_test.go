package survey

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"papihub/internal/papi"
)

func TestTheBuiltinFormHasNoProblems(t *testing.T) {
	_, problems := parseSheets(
		sheetRows{name: "survey", rows: templateSurvey, present: true},
		sheetRows{name: "choices", rows: templateChoices, present: true},
		sheetRows{name: "settings", rows: templateSettings, present: true},
	)
	for _, p := range problems {
		t.Errorf("built-in form: %v", p)
	}
}

func TestTheBuiltinFormCoversEveryDimensionWithIndicatorsOfThe2018Framework(t *testing.T) {
	form := BuiltinPAPIForm()
	framework, ok := papi.FrameworkFor(2026)
	if !ok {
		t.Fatal("no PAPI framework for 2026")
	}
	subs := map[string]bool{}
	for _, d := range framework.Dimensions {
		for _, s := range d.Subdimensions {
			subs[s.Code] = true
		}
	}
	perDimension := map[string]int{}
	indicators := map[string]string{}
	for _, q := range form.Questions {
		if q.Binding == nil {
			continue
		}
		code := q.Binding.Indicator
		if other, dup := indicators[code]; dup {
			t.Errorf("indicator %s bound to both %s and %s", code, other, q.Name)
		}
		indicators[code] = q.Name
		sub := code[:strings.LastIndexByte(code, '.')]
		if !subs[sub] {
			t.Errorf("%s: indicator %s is under %s, not a sub-dimension of %s", q.Name, code, sub, framework.ID)
		}
		perDimension[code[:2]]++
		if q.Labels["vi"] == "" || q.Labels["en"] == "" {
			t.Errorf("%s lacks a Vietnamese or English label", q.Name)
		}
	}
	for _, d := range framework.Dimensions {
		if perDimension[d.Code] < 3 {
			t.Errorf("dimension %s has %d bound questions, want at least 3", d.Code, perDimension[d.Code])
		}
	}
}

func TestTheBuiltinFormSurvivesARoundTripThroughExcel(t *testing.T) {
	form := BuiltinPAPIForm()
	var buf bytes.Buffer
	if err := WriteXLSForm(form, &buf); err != nil {
		t.Fatal(err)
	}
	again, problems, err := ParseXLSForm(&buf)
	if err != nil || again == nil {
		t.Fatalf("re-read: %v %v", err, problems)
	}
	if !reflect.DeepEqual(form, again) {
		t.Fatalf("the form read back differs from the form written:\n%+v\n%+v", form, again)
	}
}

func TestAFormWithHintsMessagesAndRepeatsSurvivesARoundTrip(t *testing.T) {
	form := communeForm(t)
	extra := parseOK(t, [][]string{
		row("type", "name", "label", "hint::Vietnamese (vi)", "required", "required_message::Vietnamese (vi)", "constraint", "constraint_message::English (en)", "calculation"),
		row("integer", "n", "N", "Gợi ý", "yes", "Bắt buộc", ". > 0", "Positive"),
		row("calculate", "double", "", "", "", "", "", "", "${n} * 2"),
	}, [][]string{row("list_name", "name", "label")})
	for _, f := range []*Form{form, extra} {
		var buf bytes.Buffer
		if err := WriteXLSForm(f, &buf); err != nil {
			t.Fatal(err)
		}
		again, problems, err := ParseXLSForm(&buf)
		if err != nil || again == nil {
			t.Fatalf("re-read: %v %v", err, problems)
		}
		if !reflect.DeepEqual(f, again) {
			t.Fatalf("round trip changed the form:\n%+v\n%+v", f, again)
		}
	}
}

func TestScoringTheBuiltinFormsAnswersGivesValuesInRange(t *testing.T) {
	form := BuiltinPAPIForm()
	q, _ := form.Question("d4_bribe_land")
	if v, ok := q.Binding.Value("1"); !ok || v != 0 {
		t.Fatalf("a bribe reported scores %v, %v; want 0", v, ok)
	}
	q, _ = form.Question("d5_commune_quality")
	if v, ok := q.Binding.Value("3"); !ok || v != 2.0/3 {
		t.Fatalf("\"Tốt\" on the one-stop shop scores %v, %v; want 2/3", v, ok)
	}
	if errs := form.Validate(map[string]string{"sex": "female", "age_group": "30_39", "ethnicity": "kinh", "residence": "rural"}); len(errs) == 0 {
		t.Fatal("a form with only the respondent group answered passed validation")
	}
}
