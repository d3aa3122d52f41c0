package survey

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestAKoboCSVWithGroupPathsAndWideRepeatsImports(t *testing.T) {
	form := communeForm(t)
	data := csvFile(t, ';',
		row("start", "end", "commune", "respondent/sex", "respondent/age", "services/visited", "services/used",
			"services/used/health", "services/used/school", "services/used/water", "services/comment",
			"hh_pop_repeat[1]/member_age", "hh_pop_repeat[1]/member_sex", "hh_pop_repeat[2]/member_age", "hh_pop_repeat[2]/member_sex",
			"meta/instanceID", "_id", "_uuid", "_submission_time", "_version", "_index"),
		row("2026-03-01T08:00:00.000+07:00", "2026-03-01T08:20:00.000+07:00", "Xã An Viên", "f", "34", "1", "health water",
			"1", "0", "1", "Thủ tục nhanh", "60", "m", "", "", "uuid:aaa-1", "101", "aaa-1", "2026-03-01T01:25:00", "vX1", "1"),
		row("2026-03-02T08:00:00.000+07:00", "", "Xã Tân Dân", "m", "51", "2", "", "0", "0", "0", "", "", "", "8", "f",
			"uuid:bbb-2", "102", "bbb-2", "2026-03-02T02:00:00", "vX1", "2"),
	)
	b := read(t, form, ImportOptions{UnitColumn: "commune"}, file("kobo.csv", data))
	if len(b.Responses) != 2 || len(b.Rejected) != 0 || len(b.UnknownColumns) != 0 {
		t.Fatalf("responses %d, rejected %v, unknown %v", len(b.Responses), b.Rejected, b.UnknownColumns)
	}
	r := byID(t, b, "aaa-1")
	// start and end are questions of the form: stored with the answers
	// (never exported).
	want := map[string]string{"commune": "Xã An Viên", "sex": "f", "age": "34", "visited": "1", "used": "health water", "comment": "Thủ tục nhanh",
		"start": "2026-03-01T08:00:00.000+07:00", "end": "2026-03-01T08:20:00.000+07:00"}
	if fmt.Sprint(r.Answers) != fmt.Sprint(want) {
		t.Fatalf("answers = %v, want %v", r.Answers, want)
	}
	if r.Unit != "Xã An Viên" || r.Version != "vX1" || !r.SubmittedAt.Equal(time.Date(2026, 3, 1, 1, 25, 0, 0, time.UTC)) {
		t.Fatalf("unit %q, version %q, submitted %v", r.Unit, r.Version, r.SubmittedAt)
	}
	if got := fmt.Sprint(r.Repeats); got != "map[hh_pop_repeat:[map[member_age:60 member_sex:m]]]" {
		t.Fatalf("repeats = %s", got)
	}
	// The second member is the only one the second household listed: the
	// empty first instance is not kept.
	if got := fmt.Sprint(byID(t, b, "bbb-2").Repeats); got != "map[hh_pop_repeat:[map[member_age:8 member_sex:f]]]" {
		t.Fatalf("repeats = %s", got)
	}
}

func TestSelectMultipleIsRebuiltFromZeroOneColumnsInChoiceOrder(t *testing.T) {
	data := csvFile(t, ',',
		row("_uuid", "services/used/water", "services/used/health", "services/used/school"),
		row("u1", "1", "1", "0"),
		row("u2", "0", "0", "0"),
		row("u3", "1", "yes", "maybe"),
	)
	b := read(t, communeForm(t), ImportOptions{}, file("split.csv", data))
	if got := byID(t, b, "u1").Answers["used"]; got != "health water" {
		t.Fatalf("used = %q, want \"health water\" (choice-list order)", got)
	}
	if _, answered := byID(t, b, "u2").Answers["used"]; answered {
		t.Fatal("nothing selected should leave the question unanswered")
	}
	if len(b.Rejected) != 1 || b.Rejected[0].Line != 4 || b.Rejected[0].Column != "services/used/school" {
		t.Fatalf("rejected = %v, want line 4 column services/used/school", b.Rejected)
	}
}

func TestLabelHeadersMatchInAnyLanguage(t *testing.T) {
	data := csvFile(t, ';',
		row("_uuid", "Xã", "Người trả lời/Giới tính", "Age", "Ông/bà có đến UBND xã không?", "Ông/bà đã dùng dịch vụ nào?/Y tế",
			"Ông/bà đã dùng dịch vụ nào?/Nước sạch", "Which services did you use?/School"),
		row("l1", "Xã A", "m", "40", "1", "1", "1", "0"),
	)
	b := read(t, communeForm(t), ImportOptions{}, file("labels.csv", data))
	r := byID(t, b, "l1")
	want := map[string]string{"commune": "Xã A", "sex": "m", "age": "40", "visited": "1", "used": "health water"}
	if fmt.Sprint(r.Answers) != fmt.Sprint(want) || len(b.UnknownColumns) != 0 {
		t.Fatalf("answers = %v, unknown %v; want %v", r.Answers, b.UnknownColumns, want)
	}
}

func TestAnODKCentralZipJoinsRepeatTablesByParentKey(t *testing.T) {
	main := csvFile(t, ',',
		row("SubmissionDate", "start", "end", "commune", "respondent-sex", "respondent-age", "services-visited", "services-used",
			"services-comment", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"),
		row("2026-04-02T03:04:05.678Z", "", "", "Xã B", "f", "29", "1", "school", "", "uuid:c1", "uuid:c1", "5", "Nguyễn Văn A", "0", "0", "", "", "", "0", "2026.1"),
		row("2026-04-02T04:00:00.000Z", "", "", "Xã B", "m", "45", "2", "", "", "uuid:c2", "uuid:c2", "5", "Nguyễn Văn A", "0", "0", "", "", "", "0", "2026.1"),
	)
	members := csvFile(t, ',',
		row("hh_pop_repeat-member_age", "hh_pop_repeat-member_sex", "PARENT_KEY", "KEY"),
		row("70", "f", "uuid:c1", "uuid:c1/hh_pop_repeat[1]"),
		row("12", "m", "uuid:c1", "uuid:c1/hh_pop_repeat[2]"),
		row("30", "m", "uuid:c2", "uuid:c2/hh_pop_repeat[1]"),
		row("30", "m", "uuid:c2", "uuid:c2/hh_pop_repeat[1]"), // listed twice: kept once
		row("5", "f", "uuid:gone", "uuid:gone/hh_pop_repeat[1]"),
	)
	zipped := zipFile(t, namedBytes{"papi_commune.csv", main}, namedBytes{"papi_commune-hh_pop_repeat.csv", members},
		namedBytes{"media/photo.jpg", []byte{0xff, 0xd8}})
	b := read(t, communeForm(t), ImportOptions{UnitColumn: "commune"}, file("papi_commune.zip", zipped))

	c1 := byID(t, b, "c1")
	if got := fmt.Sprint(c1.Repeats["hh_pop_repeat"]); got != "[map[member_age:70 member_sex:f] map[member_age:12 member_sex:m]]" {
		t.Fatalf("c1 members = %s", got)
	}
	if c1.Answers["used"] != "school" || c1.Version != "2026.1" || c1.SubmittedAt.Format(time.RFC3339) != "2026-04-02T03:04:05Z" {
		t.Fatalf("c1 = %+v", c1)
	}
	if got := len(byID(t, b, "c2").Repeats["hh_pop_repeat"]); got != 1 {
		t.Fatalf("c2 has %d members, want 1", got)
	}
	for _, r := range b.Responses {
		for _, v := range r.Extra {
			if strings.Contains(v, "Nguyễn") {
				t.Fatal("the submitter's name was kept")
			}
		}
	}
	if len(b.Rejected) != 1 || b.Rejected[0].Line != 6 || !strings.HasSuffix(b.Rejected[0].File, "papi_commune-hh_pop_repeat.csv") {
		t.Fatalf("rejected = %v, want the orphan member at line 6", b.Rejected)
	}
}

func TestAKoboXLSXJoinsRepeatSheetsByIndex(t *testing.T) {
	wb := workbook(t,
		sheet("Khảo sát xã", row("commune", "respondent/sex", "respondent/age", "_uuid", "_index"),
			row("Xã C", "f", "33", "x1", "1"),
			row("Xã C", "m", "48", "x2", "2")),
		sheet("hh_pop_repeat", row("hh_pop_repeat/member_age", "hh_pop_repeat/member_sex", "_index", "_parent_table_name", "_parent_index", "_submission__uuid"),
			row("3", "m", "1", "Khảo sát xã", "2", "x2"),
			row("abc", "f", "2", "Khảo sát xã", "1", "x1")),
	)
	b := read(t, communeForm(t), ImportOptions{}, NamedReader{"kobo.xlsx", wb})
	if got := fmt.Sprint(byID(t, b, "x2").Repeats); got != "map[hh_pop_repeat:[map[member_age:3 member_sex:m]]]" {
		t.Fatalf("x2 repeats = %s", got)
	}
	// x1's only member has a bad age, so x1 is rejected whole.
	if len(b.Responses) != 1 || len(b.Rejected) != 1 {
		t.Fatalf("responses %d, rejected %v", len(b.Responses), b.Rejected)
	}
	e := b.Rejected[0]
	if e.File != "kobo.xlsx [hh_pop_repeat]" || e.Line != 3 || e.Column != "hh_pop_repeat/member_age" || !strings.Contains(e.Reason, "không phải số nguyên") {
		t.Fatalf("rejected = %+v", e)
	}
}

func TestDuplicatesAreCountedWithinTheFileAndAgainstKnownIDs(t *testing.T) {
	data := csvFile(t, ',',
		row("meta/instanceID", "_uuid", "respondent/sex"),
		row("uuid:d1", "d1", "m"),
		row("uuid:d2", "d2", "f"),
		row("uuid:d1", "d1", "f"),
		row("", "d3", "f"),
		row("", "", "m"),
	)
	b := read(t, communeForm(t), ImportOptions{KnownIDs: map[string]bool{"uuid:d2": true}}, file("dups.csv", data))
	var ids []string
	for _, r := range b.Responses {
		ids = append(ids, r.InstanceID)
	}
	if fmt.Sprint(ids) != "[d1 d3]" || b.Duplicates != 2 {
		t.Fatalf("ids %v, duplicates %d; want [d1 d3], 2", ids, b.Duplicates)
	}
	if len(b.Rejected) != 1 || b.Rejected[0].Line != 6 || !strings.Contains(b.Rejected[0].Reason, "thiếu mã bản ghi") {
		t.Fatalf("rejected = %v, want the row without an id at line 6", b.Rejected)
	}
}

func TestBadValuesRejectTheWholeRowWithEveryReason(t *testing.T) {
	data := csvFile(t, ',',
		row("_uuid", "respondent/sex", "respondent/age", "services/visited", "services/used"),
		row("ok", "m", "40", "1", "health"),
		row("bad", "x", "forty", "1", "health gym"),
	)
	b := read(t, communeForm(t), ImportOptions{}, file("bad.csv", data))
	if len(b.Responses) != 1 || len(b.Rejected) != 3 {
		t.Fatalf("responses %d, rejected %v", len(b.Responses), b.Rejected)
	}
	want := []string{
		`bad.csv dòng 3, cột respondent/sex: "x" không có trong danh sách lựa chọn "sex"`,
		`bad.csv dòng 3, cột respondent/age: "forty" không phải số nguyên`,
		`bad.csv dòng 3, cột services/used: "gym" không có trong danh sách lựa chọn "service"`,
	}
	for i, e := range b.Rejected {
		if e.Error() != want[i] {
			t.Errorf("rejected[%d] = %s\nwant %s", i, e.Error(), want[i])
		}
	}
}

func TestStrictImportAlsoAppliesRequiredAndConstraints(t *testing.T) {
	data := csvFile(t, ',', row("_uuid", "respondent/sex", "respondent/age"), row("s1", "", "12"))
	if b := read(t, communeForm(t), ImportOptions{}, file("s.csv", bytes.Clone(data))); len(b.Responses) != 1 {
		t.Fatalf("lenient import rejected %v", b.Rejected)
	}
	b := read(t, communeForm(t), ImportOptions{Strict: true}, file("s.csv", data))
	if len(b.Rejected) != 2 || b.Rejected[0].Column != "sex" || b.Rejected[1].Column != "age" {
		t.Fatalf("strict rejected = %v", b.Rejected)
	}
}

func TestUnknownColumnsAreKeptAndReportedOnce(t *testing.T) {
	a := csvFile(t, ',', row("_uuid", "respondent/sex", "enumerator_code", "weather"), row("k1", "m", "E07", "rain"))
	b2 := csvFile(t, ',', row("_uuid", "weather"), row("k2", "sun"))
	b := read(t, communeForm(t), ImportOptions{}, file("a.csv", a), file("b.csv", b2))
	if fmt.Sprint(b.UnknownColumns) != "[enumerator_code weather]" {
		t.Fatalf("unknown = %v", b.UnknownColumns)
	}
	if got := byID(t, b, "k1").Extra; got["enumerator_code"] != "E07" || got["weather"] != "rain" {
		t.Fatalf("extra = %v", got)
	}
}

func TestNamesPhonesAndIDNumbersNeverReachTheResponses(t *testing.T) {
	data := csvFile(t, ',',
		row("_uuid", "Họ và tên", "respondent_phone", "Số CCCD", "services/comment", "household_income", "note_code"),
		row("p1", "Trần Thị B", "0912345678", "001234567890", "Gọi tôi theo số 0912 345 678 nhé", "150.000.000", "034123456789"),
	)
	b := read(t, communeForm(t), ImportOptions{}, file("pii.csv", data))
	r := byID(t, b, "p1")
	if r.Answers["comment"] != "Gọi tôi theo số *** nhé" {
		t.Fatalf("comment = %q", r.Answers["comment"])
	}
	for k, v := range r.Extra {
		if strings.Contains(v, "Trần") || strings.Contains(v, "0912345678") || strings.Contains(v, "034123456789") {
			t.Fatalf("extra %s = %q holds personal data", k, v)
		}
	}
	// A bare 9-digit number in a column the form does not know could be a
	// CMND number and is removed; money written the Vietnamese way is not.
	if r.Extra["household_income"] != "150.000.000" {
		t.Fatalf("an amount of money was taken for an ID: %v", r.Extra)
	}
	if len(b.Warnings) != 5 {
		t.Fatalf("warnings = %q, want three dropped columns and two cleaned ones", b.Warnings)
	}
}

func TestTheUnitColumnMustExistAndBeFilled(t *testing.T) {
	data := csvFile(t, ',', row("_uuid", "commune"), row("u1", "Xã D"), row("u2", ""), row("u3", "Xã Lạ"))
	units := map[string]string{"Xã D": "33001"}
	b := read(t, communeForm(t), ImportOptions{UnitColumn: "Xã", UnitOf: func(v string) (string, bool) {
		u, ok := units[v]
		return u, ok
	}}, file("u.csv", bytes.Clone(data)))
	if byID(t, b, "u1").Unit != "33001" || len(b.Rejected) != 2 || b.Rejected[0].Line != 3 || b.Rejected[1].Line != 4 {
		t.Fatalf("responses %v, rejected %v", b.Responses, b.Rejected)
	}
	if _, err := ReadResponses(communeForm(t), []NamedReader{file("u.csv", data)}, ImportOptions{UnitColumn: "village"}); err == nil {
		t.Fatal("a missing unit column was accepted")
	}
}

func TestLineNumbersCountQuotedLineBreaks(t *testing.T) {
	data := []byte("\xef\xbb\xbf_uuid,services/comment,respondent/age\nq1,\"một\ndòng\nnữa\",30\nq2,ok,abc\n")
	b := read(t, communeForm(t), ImportOptions{}, file("multi.csv", data))
	if len(b.Rejected) != 1 || b.Rejected[0].Line != 5 {
		t.Fatalf("rejected = %v, want line 5", b.Rejected)
	}
	if byID(t, b, "q1").Answers["comment"] != "một\ndòng\nnữa" {
		t.Fatal("a multi-line comment was not kept")
	}
}

func TestExportsThatCannotBeReadAreErrorsNotHalfImports(t *testing.T) {
	form := communeForm(t)
	for _, tc := range []struct {
		name  string
		files []NamedReader
	}{
		{"no instance id column", []NamedReader{file("a.csv", csvFile(t, ',', row("respondent/sex"), row("m")))}},
		{"a broken quote", []NamedReader{file("a.csv", []byte("_uuid,x\n\"a,b\nc\n"))}},
		{"only a repeat table", []NamedReader{file("r.csv", csvFile(t, ',', row("member_age", "PARENT_KEY"), row("3", "uuid:x")))}},
		{"a zip that is not a zip", []NamedReader{file("x.zip", []byte("PK no"))}},
		{"an xlsx that is not a workbook", []NamedReader{file("x.xlsx", []byte("nope"))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if b, err := ReadResponses(form, tc.files, ImportOptions{}); err == nil {
				t.Fatalf("no error; batch %+v", b)
			}
		})
	}
}

func TestAThreeHundredQuestionFormImportsByLabels(t *testing.T) {
	survey, choices := bigForm(300, manyLanguages)
	form := parseOK(t, survey, choices)
	header := row("_uuid")
	values := row("big-1")
	for i := 0; i < 300; i++ {
		lang := manyLanguages[i%len(manyLanguages)]
		header = append(header, fmt.Sprintf("Câu %d (%s)", i, lang))
		switch i % 3 {
		case 0:
			values = append(values, "3")
		case 1:
			values = append(values, "42")
		case 2:
			values = append(values, "health water")
		}
	}
	b := read(t, form, ImportOptions{}, file("big.csv", csvFile(t, ';', header, values)))
	r := byID(t, b, "big-1")
	if len(r.Answers) != 300 || len(b.UnknownColumns) != 0 || r.Answers["q299"] != "health water" {
		t.Fatalf("%d answers, unknown %v", len(r.Answers), b.UnknownColumns)
	}
}

// A calculation that feeds an indicator is computed on the server when an
// export leaves it out, from the answers as the collection app would; an
// exported value is kept; one the server cannot evaluate stays empty.
func TestACalculatedScoringInputIsComputedWhenTheExportLacksIt(t *testing.T) {
	form := parseOK(t, [][]string{
		row("type", "name", "label", "calculation", "indicator", "indicator_rule"),
		row("select_one yes_no", "asked", "Có bị đòi?"),
		row("integer", "days", "Số ngày"),
		row("calculate", "fair", "", "if(${asked} = '2' and ${days} <= 15, 1, 0)", "D4.2.1", "good:1"),
		row("calculate", "late", "", "once(random()) < 0.5", "D4.2.2", "good:true"),
	}, yesNoChoices)
	data := csvFile(t, ',', row("_uuid", "asked", "days"), row("a", "2", "10"), row("b", "1", "3"), row("c", "2", ""))
	b := read(t, form, ImportOptions{}, file("no_calc.csv", data))
	for id, want := range map[string]string{"a": "1", "b": "0", "c": "0"} {
		r := byID(t, b, id)
		if r.Answers["fair"] != want || r.Answers["late"] != "" {
			t.Errorf("%s: fair %q late %q, want fair %q and no late", id, r.Answers["fair"], r.Answers["late"], want)
		}
	}
	withCalc := csvFile(t, ',', row("_uuid", "asked", "days", "fair"), row("d", "2", "10", "0"))
	if got := byID(t, read(t, form, ImportOptions{}, file("calc.csv", withCalc)), "d").Answers["fair"]; got != "0" {
		t.Errorf("the exported value 0 became %q", got)
	}
	// The public page computes it too.
	answers := PrepareAnswers(form, map[string][]string{"asked": {"2"}, "days": {"20"}})
	if answers["fair"] != "0" || answers["asked"] != "2" {
		t.Errorf("web answers = %v", answers)
	}
}

// today() in a constraint means the day the answers were submitted (in
// Viet Nam), when the export says when; without it the rule is not
// enforced.
func TestTodayInAConstraintIsTheSubmissionDay(t *testing.T) {
	form := parseOK(t, [][]string{
		row("type", "name", "label", "constraint"),
		row("date", "visited", "Ngày đến", ". <= today()"),
	}, [][]string{row("list_name", "name", "label")})
	data := csvFile(t, ',', row("_uuid", "visited", "_submission_time"),
		row("a", "2026-03-02", "2026-03-01T17:30:00"), // 00:30 on 2 March in Hà Nội: the same day
		row("b", "2026-03-03", "2026-03-01T17:30:00"), // the day after
		row("c", "2030-01-01", ""))                    // no submission time: not checked
	b := read(t, form, ImportOptions{Strict: true}, file("dates.csv", data))
	if len(b.Responses) != 2 || len(b.Rejected) != 1 || b.Rejected[0].Line != 3 {
		t.Fatalf("responses %d, rejected %v; want b rejected", len(b.Responses), b.Rejected)
	}
}
