package survey

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestABilingualFormReadsLabelsGroupsRulesAndSettings(t *testing.T) {
	form := parseOK(t, [][]string{
		row("type", "name", "label::Vietnamese (vi)", "label::English (en)", "hint::Vietnamese (vi)", "required", "relevant", "constraint", "constraint_message::Vietnamese (vi)", "indicator", "indicator_rule", "appearance"),
		row("begin_group", "d1", "Tham gia", "Participation", "", "", "", "", "", "", "", "field-list"),
		row("select_one yes_no", "voted", "Ông/bà có đi bầu không?", "Did you vote?", "Lần bầu gần nhất", "yes", "", "", "", "D1.3.1", "good:1; skip:98"),
		row("integer", "times", "Mấy lần?", "How many times?", "", "yes", "${voted} = '1'", ". >= 0 and . <= 10", "Từ 0 đến 10", "D1.2.1", "scale:0..10"),
		row("end_group"),
		row("select all that apply yes_no", "multi", "Chọn", "Choose"),
		row("note", "thanks", "Cảm ơn", "Thank you"),
	}, yesNoChoices)

	if form.ID != "papi_test" || form.Title != "Khảo sát thử" || form.Version != "2026.1" || form.DefaultLanguage != "vi" {
		t.Fatalf("settings = %q %q %q %q", form.ID, form.Title, form.Version, form.DefaultLanguage)
	}
	if got := strings.Join(form.Languages, ","); got != "vi,en" {
		t.Fatalf("Languages = %s, want vi,en", got)
	}
	if len(form.Questions) != 4 {
		t.Fatalf("%d questions, want 4 (groups are not questions)", len(form.Questions))
	}
	voted, _ := form.Question("voted")
	if voted.Label("en") != "Did you vote?" || voted.Hints["vi"] != "Lần bầu gần nhất" || !voted.Required {
		t.Fatalf("voted = %+v", voted)
	}
	if strings.Join(voted.Group, "/") != "d1" {
		t.Fatalf("voted.Group = %v, want [d1]", voted.Group)
	}
	if voted.Binding == nil || voted.Binding.Indicator != "D1.3.1" || voted.Binding.Rule.Kind != RuleGood {
		t.Fatalf("voted.Binding = %+v", voted.Binding)
	}
	times, _ := form.Question("times")
	if times.Relevant.String() != "${voted} = '1'" || times.ConstraintMessage["vi"] != "Từ 0 đến 10" {
		t.Fatalf("times = %+v", times)
	}
	multi, _ := form.Question("multi")
	if multi.Type != SelectMultiple || multi.ListName != "yes_no" || len(multi.Group) != 0 {
		t.Fatalf("multi = %+v", multi)
	}
	if len(form.Choices["yes_no"]) != 3 || form.Choices["yes_no"][1].Label("en") != "No" {
		t.Fatalf("choices = %+v", form.Choices)
	}
	if len(form.Groups) != 1 || form.Groups[0].Labels["en"] != "Participation" {
		t.Fatalf("groups = %+v", form.Groups)
	}
}

func TestBrokenFormsAreRefusedWithSheetRowAndColumn(t *testing.T) {
	header := row("type", "name", "label", "relevant", "constraint", "indicator", "indicator_rule")
	for _, tc := range []struct {
		name    string
		survey  [][]string
		choices [][]string
		sheet   string
		row     int
		column  string
		code    string
	}{
		{"an unknown type", [][]string{header, row("geopoints", "where", "Ở đâu")}, nil, "survey", 2, "type", "unknown_type"},
		{"or_other on a list-less type", [][]string{header, row("rank yes_no or_other", "q", "Q")}, yesNoChoices, "survey", 2, "type", "unknown_type"},
		{"a group never closed", [][]string{header, row("begin_group", "g", "G"), row("text", "q", "Q")}, nil, "survey", 2, "type", "unclosed_group"},
		{"a stray end_group", [][]string{header, row("text", "q", "Q"), row("end_group")}, nil, "survey", 3, "type", "stray_end"},
		{"end_repeat closing a group", [][]string{header, row("begin_group", "g", "G"), row("text", "q", "Q"), row("end_repeat")}, nil, "survey", 4, "type", "mismatched_end"},
		{"two questions with one name", [][]string{header, row("text", "q", "Q"), row("integer", "q", "Q2")}, nil, "survey", 3, "name", "duplicate_name"},
		{"a select without a list", [][]string{header, row("select_one", "q", "Q")}, nil, "survey", 2, "type", "unknown_type"},
		{"a select with an unknown list", [][]string{header, row("select_one colours", "q", "Q")}, yesNoChoices, "survey", 2, "type", "unknown_list"},
		{"a choice twice in a list", [][]string{header, row("select_one yes_no", "q", "Q")}, append(append([][]string{}, yesNoChoices...), row("yes_no", "2", "Hai")), "choices", 5, "name", "duplicate_choice"},
		{"a relevant naming an unknown question", [][]string{header, row("text", "q", "Q", "${nobody} = '1'")}, nil, "survey", 2, "relevant", "unknown_reference"},
		{"a broken relevant naming an unknown question", [][]string{header, row("text", "q", "Q", "${nobody} = ")}, nil, "survey", 2, "relevant", "unknown_reference"},
		{"a relevant naming a name used twice", [][]string{header, row("begin_group", "g1", "G"), row("text", "x", "X"), row("end_group"),
			row("begin_group", "g2", "G"), row("text", "x", "X"), row("end_group"), row("text", "q", "Q", "${x} = '1'")}, nil, "survey", 8, "relevant", "ambiguous_reference"},
		{"two repeats with one name", [][]string{header, row("begin_group", "g1", "G"), row("begin_repeat", "r", "R"), row("text", "x", "X"), row("end_repeat"), row("end_group"),
			row("begin_repeat", "r", "R"), row("text", "y", "Y"), row("end_repeat")}, nil, "survey", 7, "name", "duplicate_repeat"},
		{"two children of one group with one name", [][]string{header, row("begin_group", "g", "G"), row("text", "x", "X"), row("integer", "x", "X2"), row("end_group")}, nil, "survey", 4, "name", "duplicate_name"},
		{"a group named meta", [][]string{header, row("begin_group", "meta", "M"), row("text", "x", "X"), row("end_group")}, nil, "survey", 2, "name", "reserved_name"},
		{"a rule naming a choice not in the list", [][]string{header, row("select_one yes_no", "q", "Q", "", "", "D1.1.1", "good:3")}, yesNoChoices, "survey", 2, "indicator_rule", "bad_indicator_rule"},
		{"a rule that is not a rule", [][]string{header, row("integer", "q", "Q", "", "", "D1.1.1", "better:5")}, nil, "survey", 2, "indicator_rule", "bad_indicator_rule"},
		{"an indicator without a rule", [][]string{header, row("integer", "q", "Q", "", "", "D1.1.1", "")}, nil, "survey", 2, "indicator_rule", "bad_indicator_rule"},
		{"a scale on a text question", [][]string{header, row("text", "q", "Q", "", "", "D1.1.1", "scale:1..5")}, nil, "survey", 2, "indicator_rule", "bad_indicator_rule"},
		{"a name starting with a digit", [][]string{header, row("text", "1câu", "Q")}, nil, "survey", 2, "name", "invalid_name"},
		{"a name with a space", [][]string{header, row("text", "câu 1", "Q")}, nil, "survey", 2, "name", "invalid_name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			choices := tc.choices
			if choices == nil {
				choices = [][]string{row("list_name", "name", "label")}
			}
			form, problems, err := ParseXLSForm(xlsform(t, tc.survey, choices, plainSettings))
			if err != nil {
				t.Fatal(err)
			}
			if form != nil {
				t.Errorf("a broken form was returned")
			}
			for _, p := range problems {
				if !p.Warning && p.Sheet == tc.sheet && p.Row == tc.row && p.Column == tc.column && p.Code == tc.code {
					if p.Message == "" || p.Cell == "" {
						t.Errorf("problem without message or cell: %+v", p)
					}
					return
				}
			}
			t.Fatalf("no %s problem at %s row %d column %s; got %v", tc.code, tc.sheet, tc.row, tc.column, problems)
		})
	}
}

func TestBlankRowsKeepTheRowNumbersExcelShows(t *testing.T) {
	_, problems, err := ParseXLSForm(xlsform(t, [][]string{
		row("type", "name", "label"),
		row("text", "a", "A"),
		row(),
		row(),
		row("barcodes", "b", "B"),
	}, [][]string{row("list_name", "name", "label")}, plainSettings))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Row != 5 || problems[0].Cell != "A5" {
		t.Fatalf("problems = %v, want one at row 5, cell A5", problems)
	}
}

func TestQuestionsAskingForNamesOrPhonesAreFlagged(t *testing.T) {
	_, problems, err := ParseXLSForm(xlsform(t, [][]string{
		row("type", "name", "label"),
		row("text", "respondent_name", "Họ và tên"),
		row("text", "village_name", "Tên thôn"),
		row("text", "phone", "Số điện thoại"),
	}, [][]string{row("list_name", "name", "label")}, plainSettings))
	if err != nil {
		t.Fatal(err)
	}
	var flagged []int
	for _, p := range problems {
		if p.Code == "personal_data" {
			flagged = append(flagged, p.Row)
		}
	}
	if fmt.Sprint(flagged) != "[2 4]" {
		t.Fatalf("flagged rows %v, want [2 4]", flagged)
	}
}

func TestAFileThatIsNotAWorkbookIsAnError(t *testing.T) {
	if _, _, err := ParseXLSForm(bytes.NewReader([]byte("type,name\ntext,q\n"))); err == nil {
		t.Fatal("a CSV was accepted as an XLSForm")
	}
}

func TestAWorkbookWithoutASurveySheetIsAProblem(t *testing.T) {
	form, problems, err := ParseXLSForm(workbook(t, sheet("Sheet9", row("x"))))
	if err != nil || form != nil || len(problems) == 0 || problems[0].Code != "missing_sheet" {
		t.Fatalf("form %v, problems %v, err %v", form, problems, err)
	}
}

// bigForm generates a form with n questions in groups of ten, labelled in
// the given languages, as large national surveys are.
func bigForm(n int, langs []string) (survey, choices [][]string) {
	head := row("type", "name")
	chead := row("list_name", "name")
	for _, l := range langs {
		head = append(head, "label::"+l, "hint::"+l)
		chead = append(chead, "label::"+l)
	}
	head = append(head, "required", "relevant", "constraint")
	survey = [][]string{head}
	for i := 0; i < n; i++ {
		if i%10 == 0 {
			survey = append(survey, append(row("begin_group", fmt.Sprintf("g%d", i/10)), labels(langs, "Nhóm")...))
		}
		typ, relevant, constraint := "select_one scale5", "", ""
		switch i % 3 {
		case 1:
			typ, constraint = "integer", ". >= 0 and . <= 100"
		case 2:
			typ = "select_multiple services"
		}
		if i > 0 && i%5 == 0 {
			relevant = fmt.Sprintf("${q%d} != ''", i-1)
		}
		r := append(row(typ, fmt.Sprintf("q%d", i)), labels(langs, fmt.Sprintf("Câu %d", i))...)
		survey = append(survey, append(r, "yes", relevant, constraint))
		if i%10 == 9 || i == n-1 {
			survey = append(survey, row("end_group"))
		}
	}
	choices = [][]string{chead}
	for v := 1; v <= 5; v++ {
		choices = append(choices, append(row("scale5", fmt.Sprint(v)), labelsOnly(langs, fmt.Sprintf("Mức %d", v))...))
	}
	for _, s := range []string{"health", "school", "water", "road", "police"} {
		choices = append(choices, append(row("services", s), labelsOnly(langs, "Dịch vụ "+s)...))
	}
	return survey, choices
}

func labels(langs []string, text string) []string {
	var out []string
	for _, l := range langs {
		out = append(out, text+" ("+l+")", "")
	}
	return out
}

func labelsOnly(langs []string, text string) []string {
	var out []string
	for _, l := range langs {
		out = append(out, text+" ("+l+")")
	}
	return out
}

var manyLanguages = []string{"Vietnamese (vi)", "English (en)", "Tày (tyz)", "Khmer (km)", "H'Mông (hmn)", "Thái (tmp)"}

func TestAThreeHundredQuestionFormInSixLanguagesParses(t *testing.T) {
	survey, choices := bigForm(300, manyLanguages)
	form := parseOK(t, survey, choices)
	if len(form.Questions) != 300 || len(form.Groups) != 30 || len(form.Languages) != 6 {
		t.Fatalf("%d questions, %d groups, %d languages", len(form.Questions), len(form.Groups), len(form.Languages))
	}
	q, _ := form.Question("q299")
	if q.Label("tyz") != "Câu 299 (Tày (tyz))" || strings.Join(q.Group, "/") != "g29" {
		t.Fatalf("q299 = %+v", q)
	}
}
