package survey

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
)

// surveyDB is a migrated database (the engine under test) with a province
// and two communes, and a store on it.
type surveyDB struct {
	store              *Store
	db                 *db.DB
	province, xa1, xa2 org.Unit
	unitsByCode        map[string]org.Unit
}

func newSurveyDB(t *testing.T) *surveyDB { return newSurveyDBTB(t) }

func newSurveyDBTB(t testing.TB) *surveyDB {
	t.Helper()
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, Migrations)
	os := org.NewStore(conn, nil)
	ctx := context.Background()
	from := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	mk := func(code, name string, kind org.Kind, parent int64) org.Unit {
		id, err := os.CreateUnit(ctx, audit.System, org.UnitInput{Code: code, Kind: kind, Name: name, ParentID: parent, ValidFrom: from})
		if err != nil {
			t.Fatal(err)
		}
		u, err := os.Unit(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	s := &surveyDB{store: NewStore(conn, nil), db: conn}
	s.province = mk("000.00.00.H33", "UBND tỉnh Hưng Yên", org.KindProvince, 0)
	s.xa1 = mk("000.00.03.H33.12347", "Xã Nghĩa Trụ", org.KindCommune, s.province.ID)
	s.xa2 = mk("000.00.01.H33.12345", "Phường Phố Hiến", org.KindCommune, s.province.ID)
	return s
}

func (s *surveyDB) builtinForm(t *testing.T, status Status) StoredForm {
	t.Helper()
	id, err := s.store.CreateForm(context.Background(), audit.CLI(), s.province.ID, BuiltinPAPIForm(), status, nil)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := s.store.Form(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sf
}

// goodAnswers answers every required question of the built-in form.
func goodAnswers(f *Form) url.Values {
	v := url.Values{}
	for _, q := range f.Questions {
		if q.Type != SelectOne {
			continue
		}
		v.Set(q.Name, f.Choices[q.ListName][0].Name)
	}
	return v
}

func TestAStoredFormReadsBackWithItsQuestionsAndBindings(t *testing.T) {
	s := newSurveyDB(t)
	sf := s.builtinForm(t, StatusDraft)
	want := BuiltinPAPIForm()
	if sf.Title != want.Title || sf.Status != StatusDraft || sf.UnitID != s.province.ID || sf.UnitPath != s.province.Path {
		t.Fatalf("stored form = %+v", sf)
	}
	if len(sf.Form.Questions) != len(want.Questions) {
		t.Fatalf("%d questions, want %d", len(sf.Form.Questions), len(want.Questions))
	}
	q, ok := sf.Form.Question("d3_contact_resolved")
	if !ok || q.Binding == nil || q.Binding.Indicator != "D3.1.1" || q.Binding.Rule.String() != "good:1; skip:98" || q.Relevant.String() != "${d3_contacted} = '1'" {
		t.Fatalf("d3_contact_resolved = %+v", q)
	}
	forms, more, err := s.store.Forms(context.Background(), s.province.Path, 10, 0)
	if err != nil || more || len(forms) != 1 || forms[0].ID != sf.ID {
		t.Fatalf("Forms = %+v, %v, %v", forms, more, err)
	}
	if forms, _, _ := s.store.Forms(context.Background(), s.xa1.Path, 10, 0); len(forms) != 0 {
		t.Fatalf("a commune sees the province's forms: %+v", forms)
	}
}

func TestAnInvitationCodeOpensExactlyOneResponse(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	sf := s.builtinForm(t, StatusOpen)
	codes, err := s.store.CreateInvitations(ctx, audit.CLI(), sf.ID, s.xa1.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	answers := PrepareAnswers(sf.Form, goodAnswers(sf.Form))
	if errs := sf.Form.Validate(answers); len(errs) > 0 {
		t.Fatalf("good answers rejected: %v", errs)
	}
	// Typed in lower case with spaces, the code still opens the form.
	typed := strings.ToLower(strings.ReplaceAll(codes[0], "-", " "))
	inv, err := s.store.OpenInvitation(ctx, typed)
	if err != nil || inv.FormID != sf.ID || inv.UnitID != s.xa1.ID {
		t.Fatalf("OpenInvitation = %+v, %v", inv, err)
	}
	// Two submissions race with one code: exactly one is stored.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = s.store.SubmitWeb(ctx, typed, answers) }()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrCodeUsed):
		default:
			t.Fatalf("submit: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d submissions stored with one code, want 1", ok)
	}
	if _, err := s.store.OpenInvitation(ctx, codes[0]); !errors.Is(err, ErrCodeUsed) {
		t.Fatalf("a used code opens: %v", err)
	}
	if _, err := s.store.OpenInvitation(ctx, "ZZZZZ-ZZZZZ"); !errors.Is(err, ErrCodeUnknown) {
		t.Fatalf("an unknown code: %v", err)
	}
	counts, err := s.store.CountsByUnit(ctx, sf.ID)
	if err != nil || len(counts) != 1 || counts[0].UnitID != s.xa1.ID || counts[0].N != 1 {
		t.Fatalf("CountsByUnit = %+v, %v", counts, err)
	}
	total, used, err := s.store.InvitationCounts(ctx, sf.ID)
	if err != nil || total != 2 || used != 1 {
		t.Fatalf("InvitationCounts = %d, %d, %v", total, used, err)
	}
}

func TestACodeOfADraftOrClosedSurveyDoesNotOpen(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	sf := s.builtinForm(t, StatusDraft)
	codes, err := s.store.CreateInvitations(ctx, audit.CLI(), sf.ID, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.OpenInvitation(ctx, codes[0]); !errors.Is(err, ErrFormNotOpen) {
		t.Fatalf("draft: %v", err)
	}
	if err := s.store.SetStatus(ctx, audit.CLI(), sf.ID, StatusOpen); err != nil {
		t.Fatal(err)
	}
	if inv, err := s.store.OpenInvitation(ctx, codes[0]); err != nil || inv.UnitID != s.province.ID {
		t.Fatalf("open: %+v, %v", inv, err)
	}
	if err := s.store.SetStatus(ctx, audit.CLI(), sf.ID, StatusClosed); err != nil {
		t.Fatal(err)
	}
	if err := s.store.SubmitWeb(ctx, codes[0], map[string]string{}); !errors.Is(err, ErrFormNotOpen) {
		t.Fatalf("closed: %v", err)
	}
}

func TestCodeGuessingIsThrottledPerClientAddress(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	for range MaxCodeFailures {
		if err := s.store.RecordCodeFailure(ctx, "203.0.113.7"); err != nil {
			t.Fatal(err)
		}
	}
	if th, err := s.store.CodeGuessingThrottled(ctx, "203.0.113.7"); err != nil || !th {
		t.Fatalf("after %d failures: throttled %v, %v", MaxCodeFailures, th, err)
	}
	if th, err := s.store.CodeGuessingThrottled(ctx, "198.51.100.1"); err != nil || th {
		t.Fatalf("another address: throttled %v, %v", th, err)
	}
	later := NewStore(s.db, func() time.Time { return time.Now().Add(CodeFailureWindow + time.Minute) })
	if th, err := later.CodeGuessingThrottled(ctx, "203.0.113.7"); err != nil || th {
		t.Fatalf("after the window: throttled %v, %v", th, err)
	}
}

// builtinKoboExport is a Kobo CSV of the built-in form with a commune column.
func builtinKoboExport(t *testing.T, f *Form, rows int, firstID int, unit string) []byte {
	t.Helper()
	header := []string{"_uuid", "xa"}
	var names []string
	for _, q := range f.Questions {
		if q.Type == SelectOne && q.Relevant.IsZero() {
			names = append(names, q.Name)
			header = append(header, strings.Join(append(append([]string{}, q.Group...), q.Name), "/"))
		}
	}
	out := [][]string{header}
	for i := range rows {
		r := []string{fmt.Sprintf("uuid-%04d", firstID+i), unit}
		for j, n := range names {
			q, _ := f.Question(n)
			choices := f.Choices[q.ListName]
			r = append(r, choices[(i+j)%len(choices)].Name)
		}
		out = append(out, r)
	}
	return csvFile(t, ',', out...)
}

func TestReimportingTheSameExportStoresNothingTwice(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	sf := s.builtinForm(t, StatusOpen)
	units := []org.Unit{s.province, s.xa1, s.xa2}
	opts := ImportOptions{UnitColumn: "xa", UnitOf: UnitMatcher(units)}
	file := builtinKoboExport(t, sf.Form, 12, 1, "xa nghia tru")
	rep, err := s.store.ImportFiles(ctx, audit.CLI(), sf, []NamedReader{{Name: "kobo.csv", R: bytes.NewReader(file)}}, opts, false)
	if err != nil || rep.Refused || rep.Imported != 12 || rep.Duplicates != 0 {
		t.Fatalf("first import: %+v, %v", rep, err)
	}
	// The same file again, plus 3 new rows in a second export.
	more := builtinKoboExport(t, sf.Form, 15, 1, "Xã Nghĩa Trụ")
	rep, err = s.store.ImportFiles(ctx, audit.CLI(), sf, []NamedReader{{Name: "kobo2.csv", R: bytes.NewReader(more)}}, opts, false)
	if err != nil || rep.Imported != 3 || rep.Duplicates != 12 || rep.Rejected() != 0 {
		t.Fatalf("second import: imported %d, duplicates %d, rejected %d, %v", rep.Imported, rep.Duplicates, rep.Rejected(), err)
	}
	counts, err := s.store.CountsByUnit(ctx, sf.ID)
	if err != nil || len(counts) != 1 || counts[0].UnitID != s.xa1.ID || counts[0].N != 15 {
		t.Fatalf("counts = %+v, %v", counts, err)
	}
}

func TestAFileWithRejectedRowsIsRefusedWholeUnlessAskedToSkipThem(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	sf := s.builtinForm(t, StatusOpen)
	opts := ImportOptions{UnitColumn: "xa", UnitOf: UnitMatcher([]org.Unit{s.xa1})}
	good := builtinKoboExport(t, sf.Form, 4, 1, "Xã Nghĩa Trụ")
	bad := builtinKoboExport(t, sf.Form, 2, 100, "Xã Không Có")
	lines := strings.SplitN(string(bad), "\n", 2)
	file := string(good) + lines[1]
	read := func() []NamedReader { return []NamedReader{{Name: "kobo.csv", R: strings.NewReader(file)}} }
	rep, err := s.store.ImportFiles(ctx, audit.CLI(), sf, read(), opts, false)
	if err != nil || !rep.Refused || rep.Rejected() != 2 || rep.Imported != 0 {
		t.Fatalf("refused import: %+v, %v", rep, err)
	}
	if got, _ := s.store.Responses(ctx, sf.ID); len(got) != 0 {
		t.Fatalf("%d responses stored from a refused file", len(got))
	}
	rep, err = s.store.ImportFiles(ctx, audit.CLI(), sf, read(), opts, true)
	if err != nil || rep.Refused || rep.Imported != 4 || rep.Rejected() != 2 {
		t.Fatalf("skip-invalid import: imported %d, rejected %d, %v", rep.Imported, rep.Rejected(), err)
	}
}

func TestTheExportHasNoColumnThatTiesARowToARespondent(t *testing.T) {
	f := parseOK(t, [][]string{
		row("type", "name", "label::Vietnamese (vi)"),
		row("text", "ho_ten", "Họ và tên người trả lời"),
		row("text", "sdt", "Số điện thoại"),
		row("select_one yn", "happy", "Ông/bà có hài lòng không?"),
		row("text", "comment", "Ý kiến khác"),
	}, [][]string{
		row("list_name", "name", "label::Vietnamese (vi)"),
		row("yn", "1", "Có"),
		row("yn", "2", "Không"),
	})
	responses := []StoredResponse{{UnitCode: "000.00.03.H33.12347", SubmittedAt: time.Now(), Source: SourceWeb,
		Answers: map[string]string{"ho_ten": "Nguyễn Văn A", "sdt": "0912345678", "happy": "1", "comment": "gọi tôi qua 0912 345 678 nhé"}}}
	table := ExportTable(f, responses)
	header := strings.Join(table[0], ",")
	if header != "stt,don_vi,happy,comment" {
		t.Fatalf("header = %s", header)
	}
	all := fmt.Sprint(table)
	for _, leak := range []string{"Nguyễn Văn A", "0912345678", "0912 345 678", "uuid", "web"} {
		if strings.Contains(all, leak) {
			t.Fatalf("export holds %q: %v", leak, table)
		}
	}
	if table[1][3] != "gọi tôi qua *** nhé" {
		t.Fatalf("comment = %q", table[1][3])
	}
	var buf bytes.Buffer
	if err := WriteExport(&buf, table, "xlsx"); err != nil || buf.Len() == 0 {
		t.Fatalf("xlsx: %v", err)
	}
}

func TestAnswersToQuestionsThatDoNotApplyAreDroppedAndFreeTextCleaned(t *testing.T) {
	f := BuiltinPAPIForm()
	posted := goodAnswers(f)
	posted.Set("d3_contacted", "2")        // not contacted…
	posted.Set("d3_contact_resolved", "1") // …so this does not apply
	answers := PrepareAnswers(f, posted)
	if _, ok := answers["d3_contact_resolved"]; ok {
		t.Fatal("an irrelevant answer was kept")
	}
	if answers["d3_contacted"] != "2" {
		t.Fatalf("d3_contacted = %q", answers["d3_contacted"])
	}
}

func TestResultsAreNotShownForFewerThanTenRespondents(t *testing.T) {
	f := BuiltinPAPIForm()
	mk := func(n int, unit string) []StoredResponse {
		var out []StoredResponse
		for i := range n {
			a := PrepareAnswers(f, goodAnswers(f))
			if i%2 == 0 {
				a["d1_know_slogan"] = "2"
			}
			out = append(out, StoredResponse{UnitID: int64(len(unit)), UnitName: unit, Answers: a})
		}
		return out
	}
	res, err := ScoreResponses(f, mk(9, "Xã A"), ResultOptions{Replicates: 50, Seed: 1})
	if err != nil || !res.Suppressed || len(res.Score.Dimensions) != 0 {
		t.Fatalf("9 respondents: %+v, %v", res, err)
	}
	res, err = ScoreResponses(f, append(mk(12, "Xã A"), mk(4, "Phường B")...), ResultOptions{Replicates: 50, Seed: 1})
	if err != nil || res.Suppressed || res.Problem != "" || len(res.Score.Dimensions) != 8 {
		t.Fatalf("16 respondents: %+v, %v", res, err)
	}
	byUnit := res.Breakdowns[0]
	if byUnit.Column != "unit" || len(byUnit.Groups) != 2 {
		t.Fatalf("by unit = %+v", byUnit)
	}
	for _, g := range byUnit.Groups {
		if small := g.N < 10; g.Suppressed != small || (small && len(g.Score.Dimensions) != 0) {
			t.Fatalf("group %s (n=%d): suppressed %v, %d dimensions", g.Value, g.N, g.Suppressed, len(g.Score.Dimensions))
		}
	}
	// D1.1 is the share answering 1 to d1_know_slogan: half of them, so
	// (1 + 9 × 0.5) / 4 sub-dimensions.
	d1 := res.Score.Dimensions[0]
	if d1.Code != "D1" || d1.Subdimensions[0].Name != "D1.1" || d1.Subdimensions[0].Score != (1+9*0.5)/4 {
		t.Fatalf("D1 = %+v", d1)
	}
	if !(d1.Low <= d1.Score && d1.Score <= d1.High) {
		t.Fatalf("D1 interval %v–%v misses %v", d1.Low, d1.High, d1.Score)
	}
}

func TestNormalizeCodeAcceptsWhatPeopleType(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"abcde-fghjk", "ABCDEFGHJK", true},
		{" ABCDE FGHJK ", "ABCDEFGHJK", true},
		{"12", "", false},
		{"abc<script>", "", false},
	} {
		got, ok := NormalizeCode(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("NormalizeCode(%q) = %q, %v", tc.in, got, ok)
		}
	}
	if c := NewCode(); len(c) != codeLength+1 || strconv.Quote(c) == "" {
		t.Fatalf("NewCode = %q", c)
	}
}

// A form read from a workbook keeps the reader's warnings, and its answers
// keyed by path (names that recur) are stored and read back.
func TestAFormKeepsItsImportWarningsAndPathKeyedAnswers(t *testing.T) {
	s := newSurveyDB(t)
	ctx := context.Background()
	form, problems, _ := parseMarkdownForm(t, "testdata/forms/kobo_multilingual.md")
	id, err := s.store.CreateForm(ctx, audit.CLI(), s.province.ID, form, StatusOpen, problems)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := s.store.Form(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sf.Warnings) != fmt.Sprint(problems) || len(sf.Warnings) < 3 {
		t.Fatalf("warnings read back:\n%v\nwant\n%v", sf.Warnings, problems)
	}
	if describe(sf.Form) != describe(form) {
		t.Fatalf("the stored form differs:\n%s\nwant\n%s", describe(sf.Form), describe(form))
	}
	batch := &Batch{Responses: []Response{{InstanceID: "k-1", Answers: map[string]string{"d1/satisfied": "5", "d2/satisfied": "2", "used": "1"},
		Repeats: map[string][]map[string]string{"member": {{"age": "30", "voted": "1"}}}}}}
	if _, err := s.store.ImportResponses(ctx, audit.CLI(), id, batch, "kobo.csv"); err != nil {
		t.Fatal(err)
	}
	rs, err := s.store.Responses(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Answers["d1/satisfied"] != "5" || rs[0].Answers["d2/satisfied"] != "2" || rs[0].Repeats["member"][0]["voted"] != "1" {
		t.Fatalf("responses = %+v", rs)
	}
}
