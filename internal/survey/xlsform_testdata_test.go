package survey

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// testdata/forms/all_types.md: every type of the XLSForm specification is
// read, with the type it means, and the form survives being stored.
func TestEveryXLSFormQuestionTypeIsRead(t *testing.T) {
	form, problems, _ := parseMarkdownForm(t, "testdata/forms/all_types.md")
	want := map[string]QuestionType{
		"start": Start, "end": End, "today": Today, "deviceid": DeviceID, "username": Username, "phonenumber": PhoneNumber,
		"email": Email, "subscriberid": SubscriberID, "simserial": SimSerial, "audit": Audit, "where_started": StartGeopoint,
		"ambient": BackgroundAudio, "moving": BackgroundGeopoint, "villages": CSVExternal, "regions": XMLExternal,
		"members": Integer, "rooms": Integer, "income": Decimal, "trust": Range, "comment": Text, "street": Text,
		"visit_date": Date, "visit_time": Time, "done_at": DateTime, "next_at": DateTime,
		"home": Geopoint, "office": Geopoint, "road": Geotrace, "field": Geoshape,
		"photo": Image, "photo2": Image, "voice": Audio, "clip": Video, "attachment": File, "dossier_code": Barcode,
		"building": OSM, "consent": Acknowledge, "ready": Trigger,
		"visited": SelectOne, "helped": SelectOne, "channel": SelectOne, "channel_other": Text,
		"used": SelectMultiple, "wanted": SelectMultiple, "wanted_other": Text, "priority": Rank,
		"village": SelectOneFromFile, "regions_seen": SelectMultipleFromFile, "district": SelectOneExternal,
		"form_version": Hidden, "score": Calculate, "age": Integer, "works": SelectOne, "when": Date,
	}
	got := map[string]QuestionType{}
	var notes int
	for _, q := range form.Questions {
		if q.Type == Note {
			notes++
			if !strings.HasPrefix(q.Name, "generated_note_name_") {
				t.Errorf("a note without a name is named %q, want pyxform's generated_note_name_<row>", q.Name)
			}
			continue
		}
		got[q.Name] = q.Type
	}
	if notes != 1 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("types = %v\nwant    %v (and one note, got %d)", got, want, notes)
	}
	var groups []string
	for _, g := range form.Groups {
		groups = append(groups, fmt.Sprintf("%s:%v", g.Name, g.Repeat))
	}
	if strings.Join(groups, " ") != "household:false places:false member:true visit:true" {
		t.Errorf("groups = %v", groups)
	}
	if q, _ := form.Question("wanted"); !q.OrOther || q.ListName != "services" {
		t.Errorf("wanted = %+v, want or_other on services", q)
	}
	if q, _ := form.Question("channel_other"); q.Relevant.String() != "selected(${channel}, 'other')" || !q.derived {
		t.Errorf("channel_other = %+v, want pyxform's specify-other question", q)
	}
	if q, _ := form.Question("works"); q.Repeat != "member" || strings.Join(q.Group, "/") != "member" {
		t.Errorf("works is in %v / repeat %q", q.Group, q.Repeat)
	}
	// Personal metadata are named, once each; choices from outside the
	// form in one warning; unused columns in one.
	if n := len(problemsWith(problems, "personal_metadata")); n != 5 {
		t.Errorf("%d personal_metadata warnings, want 5 (username, phonenumber, email, subscriberid, simserial)", n)
	}
	ext := problemsWith(problems, "external_choices")
	if len(ext) != 1 || !strings.Contains(ext[0].Message, "village, regions_seen, district") {
		t.Errorf("external choices warnings = %v", ext)
	}
	ignored := problemsWith(problems, "ignored_columns")
	if len(ignored) != 1 || !strings.Contains(ignored[0].Message, "2 cột — sheet survey: parameters, appearance") {
		t.Errorf("ignored columns = %v", ignored)
	}

	// Stored and read back, the form is the same.
	b, err := MarshalForm(form)
	if err != nil {
		t.Fatal(err)
	}
	again, err := UnmarshalForm(b)
	if err != nil {
		t.Fatal(err)
	}
	if describe(again) != describe(form) {
		t.Fatalf("stored form differs:\n%s\nwant\n%s", describe(again), describe(form))
	}
}

// describe writes what a form means, one line per question and group.
func describe(f *Form) string {
	var b strings.Builder
	for _, g := range f.Groups {
		fmt.Fprintf(&b, "group %s/%s repeat=%v relevant=%q\n", strings.Join(g.Path, "/"), g.Name, g.Repeat, g.Relevant)
	}
	for _, q := range f.Questions {
		fmt.Fprintf(&b, "%s key=%s type=%s list=%s other=%v req=%v/%q rel=%q con=%q calc=%q labels=%v group=%v repeat=%s binding=%v\n",
			q.Name, q.Key, q.Type, q.ListName, q.OrOther, q.Required, q.RequiredIf, q.Relevant, q.Constraint, q.Calculation,
			q.Labels, q.Group, q.Repeat, q.Binding)
	}
	return b.String()
}

// An export of all_types.md: each type's answer is stored, media keep the
// file name, dates that went through Excel come back, personal metadata
// are dropped, Kobo's URL and geopoint part columns are recognised.
func TestAnswersOfEveryTypeAreStored(t *testing.T) {
	form, _, _ := parseMarkdownForm(t, "testdata/forms/all_types.md")
	header := row("start", "end", "today", "deviceid", "username", "phonenumber", "audit", "where_started",
		"household/members", "household/income", "household/trust", "household/visit_date", "household/visit_time", "household/done_at",
		"places/home", "_places/home_latitude", "_places/home_longitude", "_places/home_altitude", "_places/home_precision",
		"places/office-Latitude", "places/office-Longitude", "places/office-Altitude", "places/office-Accuracy",
		"places/road", "photo", "photo_URL", "voice", "dossier_code", "consent", "visited", "channel", "channel_other",
		"used", "wanted", "wanted/other", "wanted_other", "priority", "village", "district", "form_version", "score", "_uuid")
	data := csvFile(t, ',', header,
		row("2026-03-01T08:00:00.000+07:00", "2026-03-01T08:20:00.000+07:00", "2026-03-01", "collect:AbC123", "enumerator7", "0912345678",
			"audit.csv", "20.65 106.05 10 5",
			"4", "12.5", "7", "46082", "0.375", "2026-03-01T08:15:00.000+07:00",
			"20.6461 106.0511 12 4.5", "20.6461", "106.0511", "12", "4.5",
			"20.64", "106.05", "0", "3",
			"20.64 106.05 0 0;20.65 106.06 0 0", "1740790000000.jpg", "https://kf.kobotoolbox.org/media/original?media_file=x%2F1740790000000.jpg",
			"media/rec.m4a", "H15.50.05.13-261008-0975", "OK", "1", "other", "qua Zalo",
			"health water", "school other", "1", "Bưu điện xã", "water health", "thon_3", "01", "v2", "1", "u-1"),
	)
	b := read(t, form, ImportOptions{}, file("all_types.csv", data))
	if len(b.Rejected) != 0 || len(b.UnknownColumns) != 0 {
		t.Fatalf("rejected %v, unknown columns %v", b.Rejected, b.UnknownColumns)
	}
	got := byID(t, b, "u-1").Answers
	want := map[string]string{
		"start": "2026-03-01T08:00:00.000+07:00", "end": "2026-03-01T08:20:00.000+07:00", "today": "2026-03-01",
		"deviceid": "collect:AbC123", "audit": "audit.csv", "where_started": "20.65 106.05 10 5",
		"members": "4", "income": "12.5", "trust": "7",
		"visit_date": "2026-03-01", // Excel's day 46082
		"visit_time": "09:00:00",   // 0.375 of a day
		"done_at":    "2026-03-01T08:15:00.000+07:00",
		"home":       "20.6461 106.0511 12 4.5",
		"office":     "20.64 106.05 0 3", // rebuilt from ODK Central's four columns
		"road":       "20.64 106.05 0 0;20.65 106.06 0 0",
		"photo":      "1740790000000.jpg", "voice": "rec.m4a", // the file's name, not its path
		"dossier_code": "H15.50.05.13-261008-0975", "consent": "OK", "visited": "1", "channel": "other", "channel_other": "qua Zalo",
		"used": "health water", "wanted": "school other", "wanted_other": "Bưu điện xã", "priority": "water health",
		"village": "thon_3", "district": "01", "form_version": "v2", "score": "1",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("answers:\n got %v\nwant %v", got, want)
	}
	if !strings.Contains(strings.Join(b.Warnings, "\n"), `"username"`) || !strings.Contains(strings.Join(b.Warnings, "\n"), `"phonenumber"`) {
		t.Errorf("warnings %v do not name the personal columns dropped", b.Warnings)
	}
	// A value that is not its type's is a rejected row, with the column.
	bad := csvFile(t, ',', row("_uuid", "household/visit_date", "places/home", "priority"),
		row("u-2", "mùng 1 Tết", "north", "water"), row("u-3", "2026-02-30", "20 106", "bus"))
	b = read(t, form, ImportOptions{}, file("bad.csv", bad))
	var reasons []string
	for _, e := range b.Rejected {
		reasons = append(reasons, fmt.Sprintf("%d %s", e.Line, e.Column))
	}
	if strings.Join(reasons, ", ") != "2 household/visit_date, 2 places/home, 3 household/visit_date, 3 priority" {
		t.Fatalf("rejected = %v", b.Rejected)
	}
}

// testdata/forms/functions.md: each calculation gives the value in its
// expected column, or is kept unevaluated where that says "?".
func TestEveryODKFunctionInAFormEvaluatesAsExpected(t *testing.T) {
	form, problems, md := parseMarkdownForm(t, "testdata/forms/functions.md")
	expected := md.column("survey", "name", "expected")
	given := md.column("answers", "name", "value")
	answers := map[string]string{}
	var childAges []map[string]string
	for name, v := range given {
		if name == "child_age" {
			for _, a := range strings.Fields(v) {
				childAges = append(childAges, map[string]string{"child_age": a})
			}
			continue
		}
		answers[name] = v
	}
	env := form.env(answers, map[string][]map[string]string{"child": childAges})
	env.Now = time.Date(2026, 3, 9, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	var unevaluated []string
	n := 0
	for _, q := range form.Questions {
		if q.Type != Calculate {
			continue
		}
		n++
		want := expected[q.Name]
		v := q.Calculation.Eval(env)
		if want == "?" {
			if v.Known() || len(q.Calculation.Unevaluated()) == 0 {
				t.Errorf("%s = %q is evaluated, want it kept unevaluated", q.Name, q.Calculation)
			}
			unevaluated = append(unevaluated, q.Name)
			continue
		}
		if !v.Known() || v.String() != want {
			t.Errorf("%s: %s = %q (known %v), want %q", q.Name, q.Calculation, v.String(), v.Known(), want)
		}
	}
	if n != 48 {
		t.Errorf("%d calculations, want 48", n)
	}
	// One warning names what is not evaluated, with rows.
	w := problemsWith(problems, "unevaluated_expression")
	if len(w) != 1 {
		t.Fatalf("unevaluated warnings = %v", w)
	}
	for _, what := range []string{"position()", "uuid()", "random()", "pulldata()", "đường dẫn instance('villages')", "jr:itext()", "area()"} {
		if !strings.Contains(w[0].Message, what) {
			t.Errorf("the warning %q does not name %s", w[0].Message, what)
		}
	}
	// The answers meet the form's relevants and constraints, checked on the
	// server; a broken one is caught.
	if errs := form.Validate(answers); len(errs) != 0 {
		t.Errorf("Validate = %v", errs)
	}
	answers["income"] = "1200"
	if errs := form.Validate(answers); len(errs) != 1 || errs[0].Question != "income" || errs[0].Code != "constraint" {
		t.Errorf("Validate with income 1200 = %v, want its constraint broken", errs)
	}
}

// testdata/forms/kobo_multilingual.md: nine label languages, the unused
// columns in one warning, typographic quotes and no-break spaces read as
// meant, one name in two groups, paths resolved, a required expression.
func TestAKoboFormWithNineLanguagesImportsWithWarnings(t *testing.T) {
	form, problems, _ := parseMarkdownForm(t, "testdata/forms/kobo_multilingual.md")
	if got := strings.Join(form.Languages, ","); got != "vi,en,tyz,km,hnj,rad,mtq,cja,nut" || form.DefaultLanguage != "vi" {
		t.Fatalf("languages = %s (default %s)", got, form.DefaultLanguage)
	}
	if q, _ := form.Question("used"); q.Label("rad") != "Ông/bà có dùng dịch vụ? [rad]" || q.Label("vi") != "Ông/bà có dùng dịch vụ?" {
		t.Errorf("labels of used = %v", q.Labels)
	}
	ignored := problemsWith(problems, "ignored_columns")
	if len(ignored) != 1 {
		t.Fatalf("ignored column warnings = %v, want one", ignored)
	}
	for _, col := range []string{"module name", "body::accuracyThreshold", "choice_filter", "media::image::…", "parameters",
		"guidance_hint::… (9 cột)", "$kuid", "sheet choices: province", "sheet settings: style, instance_name"} {
		if !strings.Contains(ignored[0].Message, col) {
			t.Errorf("the ignored-columns warning does not name %q: %s", col, ignored[0].Message)
		}
	}
	if len(problemsWith(problems, "smart_quotes")) != 1 || len(problemsWith(problems, "odd_spaces")) != 1 {
		t.Errorf("want one smart_quotes and one odd_spaces warning; got %v", problems)
	}
	if w := problemsWith(problems, "unevaluated_expression"); len(w) != 0 {
		t.Errorf("every expression of this form is evaluated, but %v", w)
	}
	var keys []string
	for _, q := range form.Questions {
		if q.Name == "satisfied" {
			keys = append(keys, q.Key)
		}
	}
	if strings.Join(keys, " ") != "d1/satisfied d2/satisfied" {
		t.Fatalf("keys of the two 'satisfied' = %v", keys)
	}

	// The rules as the collection app applies them.
	valid := map[string]string{"province": "33", "commune": "12345", "used": "1", "d1/satisfied": "4", "visits": "2",
		"used2": "1", "d2/satisfied": "2", "why": "chậm"}
	if errs := form.Validate(valid); len(errs) != 0 {
		t.Fatalf("Validate(valid) = %v", errs)
	}
	for _, tc := range []struct {
		change map[string]string
		want   string
	}{
		{map[string]string{"d1/satisfied": ""}, "d1/satisfied required"},     // relevant through ‘1’ with no-break spaces
		{map[string]string{"d2/satisfied": ""}, "d2/satisfied required"},     // required ${used2} = '1'
		{map[string]string{"visits": "51"}, "visits constraint"},             // relevant through “1”
		{map[string]string{"used2": "2", "d2/satisfied": "", "why": ""}, ""}, // neither asked nor required now
	} {
		a := map[string]string{}
		for k, v := range valid {
			a[k] = v
		}
		for k, v := range tc.change {
			a[k] = v
		}
		var got []string
		for _, e := range form.Validate(a) {
			got = append(got, e.Question+" "+e.Code)
		}
		if strings.Join(got, ", ") != tc.want {
			t.Errorf("with %v: %v, want %q", tc.change, got, tc.want)
		}
	}
	// ../satisfied in d2/why means d2's; /data/d1/satisfied means d1's.
	why, _ := form.Question("why")
	if holds, known := why.Relevant.Decide(form.env(map[string]string{"d1/satisfied": "1", "d2/satisfied": "5"}, nil)); !known || holds {
		t.Errorf("why's relevant ../satisfied < 3 = (%v, %v) with d2/satisfied 5, want false", holds, known)
	}
	check, _ := form.Question("satisfied_check")
	if v := check.Calculation.Eval(form.env(map[string]string{"d1/satisfied": "5", "d2/satisfied": "1"}, nil)); v.String() != "ok" {
		t.Errorf("satisfied_check = %q, want ok (from d1/satisfied)", v.String())
	}

	// A Kobo export names each by its group path.
	data := csvFile(t, ';',
		row("start", "end", "today", "deviceid", "location", "_location_latitude", "_location_longitude", "_location_altitude", "_location_precision",
			"province", "commune", "d1/used", "d1/satisfied", "d1/visits", "d2/used2", "d2/satisfied", "d2/why", "d2/channel", "d2/channel_other",
			"n_members", "d1_good", "satisfied_check", "receipt", "receipt_URL", "_uuid", "_submission_time", "_index"),
		row("2026-03-09T08:00:00.000+07:00", "2026-03-09T08:30:00.000+07:00", "2026-03-09", "collect:x", "20.6 106.0 5 3", "20.6", "106.0", "5", "3",
			"33", "12345", "1", "5", "3", "1", "2", "chậm", "other", "qua người quen", "2", "1", "ok", "r.jpg", "https://kc/x/r.jpg", "k-1", "2026-03-09T01:31:00", "1"))
	b := read(t, form, ImportOptions{}, file("kobo.csv", data))
	if len(b.Rejected) != 0 || len(b.UnknownColumns) != 0 {
		t.Fatalf("rejected %v, unknown %v", b.Rejected, b.UnknownColumns)
	}
	r := byID(t, b, "k-1")
	if r.Answers["d1/satisfied"] != "5" || r.Answers["d2/satisfied"] != "2" || r.Answers["channel_other"] != "qua người quen" || r.Answers["receipt"] != "r.jpg" {
		t.Fatalf("answers = %v", r.Answers)
	}
	if _, bare := r.Answers["satisfied"]; bare {
		t.Errorf("an answer stored under the bare name 'satisfied': %v", r.Answers)
	}
}

// testdata/forms/kobo_extensions.md: KoboToolbox's rating, ranking and
// matrix read as the XLSForm rows Kobo deploys, named as its exports name
// them; rows without a name take Kobo's $autoname or a name from the label.
func TestKoboRatingRankingAndMatrixReadAsKoboDeploysThem(t *testing.T) {
	form, problems, _ := parseMarkdownForm(t, "testdata/forms/kobo_extensions.md")
	var got []string
	for _, q := range form.Questions {
		got = append(got, fmt.Sprintf("%s/%s:%s", strings.Join(q.Group, "/"), q.Name, strings.TrimSpace(string(q.Type)+" "+q.ListName)))
	}
	want := []string{
		"/visited:select_one yn",
		"service/service_header:select_one sat3", "service/polite:select_one sat3", "service/fast:select_one sat3",
		"needs/needs_label:note", "needs/n1:select_one needs", "needs/n2:select_one needs", "needs/n3:select_one needs",
		"assets_header/assets_header_note:note", "assets_header/assets_header_has:note", "assets_header/assets_header_count:note",
		"assets_moto/assets_moto_note:note", "assets_moto/assets_moto_has:select_one yn", "assets_moto/assets_moto_count:integer",
		"assets_tv/assets_tv_note:note", "assets_tv/assets_tv_has:select_one yn", "assets_tv/assets_tv_count:integer",
		"/comment:text", "/số_lần_đến_trong_năm_2025:integer",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("questions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g := form.group([]string{"service"}); g == nil || g.Relevant.String() != "${visited} = '1'" {
		t.Errorf("the rating's relevant is not on its group: %+v", g)
	}
	n3, _ := form.Question("n3")
	if n3.Constraint.String() != "${n3} != ${n1} and ${n3} != ${n2}" || !n3.Required || n3.ConstraintMessage[""] != "Mỗi việc chỉ chọn một lần" {
		t.Errorf("n3 = %+v", n3)
	}
	count, _ := form.Question("assets_tv_count")
	if count.Relevant.String() != "${assets_tv_has} = '1'" || count.Constraint.String() != ". > 0" {
		t.Errorf("assets_tv_count = %+v", count)
	}
	if note, _ := form.Question("assets_tv_note"); note.Label("") != "Ti vi" {
		t.Errorf("the tv row's note = %v", note.Labels)
	}
	if w := problemsWith(problems, "autoname"); len(w) != 1 || w[0].Row != 17 {
		t.Errorf("autoname warnings = %v, want one at row 17", w)
	}
	// The rules apply as in Kobo: a rank twice is refused, a matrix row
	// asks its count only when it has the asset.
	errs := form.Validate(map[string]string{"visited": "1", "service_header": "", "polite": "3", "fast": "2",
		"n1": "time", "n2": "time", "n3": "fees", "assets_moto_has": "1", "assets_tv_has": "2", "assets_moto_count": "2"})
	var codes []string
	for _, e := range errs {
		codes = append(codes, e.Question+" "+e.Code)
	}
	if strings.Join(codes, ", ") != "n2 constraint" {
		t.Errorf("Validate = %v, want n2's constraint only", errs)
	}
	// And a Kobo export of it imports under those names.
	data := csvFile(t, ';', row("visited", "service/polite", "service/fast", "needs/n1", "needs/n2", "needs/n3",
		"assets_moto/assets_moto_has", "assets_moto/assets_moto_count", "assets_tv/assets_tv_has", "comment", "_uuid"),
		row("1", "3", "2", "time", "fees", "staff", "1", "2", "2", "tốt", "x-1"))
	b := read(t, form, ImportOptions{}, file("kobo.csv", data))
	if len(b.Rejected) != 0 || len(b.UnknownColumns) != 0 || byID(t, b, "x-1").Answers["assets_moto_count"] != "2" {
		t.Fatalf("rejected %v, unknown %v, answers %v", b.Rejected, b.UnknownColumns, byID(t, b, "x-1").Answers)
	}
}
