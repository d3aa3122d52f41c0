package survey

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// The questionnaire of issue 10 was a KoboToolbox form of about 670 rows in
// nine label languages, and its export had 600+ submissions in 1,000+
// columns with repeats laid out wide. realSizeForm writes a form of that
// shape (generated, not copied): eight dimensions of grouped questions with
// relevants, constraints, select_multiple, calculations, notes, dates, two
// repeats, Kobo's extra columns, and typographic quotes in a few relevants.

var nineLanguages = []string{"Tiếng Việt (vi)", "English (en)", "Tày (tyz)", "Thái (tmp)", "Mường (mtq)", "Khmer (km)",
	"Hmông (hnj)", "Nùng (nut)", "Ê Đê (rad)"}

const (
	realDimensions     = 8
	realSubgroups      = 4  // per dimension
	realQuestionsInSub = 16 // per sub-group
	realRepeatFields   = 8
	realRepeatWidth    = 12 // instances laid out wide in the export
)

type realSize struct {
	survey, choices, settings [][]string
	multiples                 []string // paths of the select_multiple questions
	singles                   []string // paths of every other question with an answer
	repeats                   map[string][]string
}

func realSizeForm() realSize {
	var rs realSize
	rs.repeats = map[string][]string{}
	head := row("type", "name")
	for _, l := range nineLanguages {
		head = append(head, "label::"+l)
	}
	for _, l := range nineLanguages {
		head = append(head, "hint::"+l)
	}
	head = append(head, "required", "relevant", "constraint", "constraint_message::Tiếng Việt (vi)", "calculation",
		"choice_filter", "appearance", "module name", "body::accuracyThreshold", "$kuid")
	rs.survey = [][]string{head}
	add := func(typ, name, label, relevant, constraint, calc string) {
		r := row(typ, name)
		for _, l := range nineLanguages {
			if label == "" {
				r = append(r, "")
				continue
			}
			r = append(r, label+" — "+l)
		}
		for range nineLanguages {
			r = append(r, "")
		}
		required := ""
		if strings.HasPrefix(typ, "select_one") {
			required = "yes"
		}
		r = append(r, required, relevant, constraint, "", calc, "", "", "m", "", fmt.Sprintf("k%d", len(rs.survey)))
		rs.survey = append(rs.survey, r)
	}
	for _, meta := range []string{"start", "end", "today", "deviceid"} {
		add(meta, meta, "", "", "", "")
		rs.singles = append(rs.singles, meta)
	}
	add("note", "intro", "Giới thiệu", "", "", "")
	for d := 1; d <= realDimensions; d++ {
		dim := fmt.Sprintf("d%d", d)
		add("begin_group", dim, "Chỉ số nội dung "+fmt.Sprint(d), "", "", "")
		for s := 1; s <= realSubgroups; s++ {
			sub := fmt.Sprintf("d%d_s%d", d, s)
			add("begin_group", sub, "Nội dung thành phần "+fmt.Sprint(s), "", "", "")
			for q := 1; q <= realQuestionsInSub; q++ {
				name := fmt.Sprintf("d%d_s%d_q%d", d, s, q)
				path := dim + "/" + sub + "/" + name
				relevant := ""
				if q > 1 && q%4 == 0 {
					relevant = fmt.Sprintf("${d%d_s%d_q%d} != ''", d, s, q-1)
					if q%8 == 0 {
						relevant = fmt.Sprintf("${d%d_s%d_q1} = ‘1’", d, s) // as Word writes quotes
					}
				}
				switch q % 5 {
				case 0:
					add("select_multiple services", name, "Dịch vụ đã dùng", relevant, "count-selected(.) <= 4", "")
					rs.multiples = append(rs.multiples, path)
				case 1, 2:
					add("select_one yes_no_dk", name, "Ông/bà có biết", relevant, "", "")
					rs.singles = append(rs.singles, path)
				case 3:
					add("integer", name, "Số lần", relevant, ". >= 0 and . <= 100", "")
					rs.singles = append(rs.singles, path)
				case 4:
					add("select_one scale5", name, "Mức hài lòng", relevant, "", "")
					rs.singles = append(rs.singles, path)
				}
			}
			add("calculate", sub+"_known", "", "", "", fmt.Sprintf("if(${d%d_s%d_q1} = '1', 1, 0)", d, s))
			rs.singles = append(rs.singles, dim+"/"+sub+"/"+sub+"_known")
			add("end_group", "", "", "", "", "")
		}
		add("text", dim+"_comment", "Ý kiến thêm", "", "", "")
		rs.singles = append(rs.singles, dim+"/"+dim+"_comment")
		add("end_group", "", "", "", "", "")
	}
	add("date", "interview_date", "Ngày phỏng vấn", "", ". <= today()", "")
	rs.singles = append(rs.singles, "interview_date")
	for _, rep := range []string{"member", "dossier"} {
		add("begin_repeat", rep, "Nhóm lặp "+rep, "", "", "")
		for f := 1; f <= realRepeatFields; f++ {
			name := fmt.Sprintf("%s_f%d", rep, f)
			if f%2 == 0 {
				add("integer", name, "Số", "", ". >= 0", "")
			} else {
				add("select_one yes_no_dk", name, "Có không", "", "", "")
			}
			rs.repeats[rep] = append(rs.repeats[rep], name)
		}
		add("end_repeat", "", "", "", "", "")
	}
	add("note", "thanks", "Cảm ơn", "", "", "")

	chead := row("list_name", "name")
	for _, l := range nineLanguages {
		chead = append(chead, "label::"+l)
	}
	rs.choices = [][]string{chead}
	addChoice := func(list, name, label string) {
		r := row(list, name)
		for _, l := range nineLanguages {
			r = append(r, label+" — "+l)
		}
		rs.choices = append(rs.choices, r)
	}
	addChoice("yes_no_dk", "1", "Có")
	addChoice("yes_no_dk", "2", "Không")
	addChoice("yes_no_dk", "98", "Không biết")
	for v := 1; v <= 5; v++ {
		addChoice("scale5", fmt.Sprint(v), fmt.Sprintf("Mức %d", v))
	}
	for _, s := range []string{"health", "school", "water", "road", "police", "land", "justice"} {
		addChoice("services", s, "Dịch vụ "+s)
	}
	rs.settings = [][]string{row("form_id", "form_title", "version", "default_language", "style"),
		row("papi_real_size", "Khảo sát cỡ thật", "2026030901", "Tiếng Việt (vi)", "pages")}
	return rs
}

var realServices = []string{"health", "school", "water", "road", "police", "land", "justice"}

// realSizeExport writes n submissions the way Kobo's export lays them out
// with "include groups in headers", wide repeats and the split
// select_multiple columns.
func (rs realSize) realSizeExport(n int) [][]string {
	header := append([]string{}, rs.singles...)
	for _, m := range rs.multiples {
		header = append(header, m)
		for _, s := range realServices {
			header = append(header, m+"/"+s)
		}
	}
	for _, rep := range []string{"member", "dossier"} {
		for i := 1; i <= realRepeatWidth; i++ {
			for _, f := range rs.repeats[rep] {
				header = append(header, fmt.Sprintf("%s[%d]/%s", rep, i, f))
			}
		}
	}
	header = append(header, "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index")
	out := [][]string{header}
	for r := 0; r < n; r++ {
		rec := make([]string, 0, len(header))
		for _, path := range rs.singles {
			rec = append(rec, realAnswer(path, r))
		}
		for i := range rs.multiples {
			var chosen []string
			flags := make([]string, len(realServices))
			for j, s := range realServices {
				flags[j] = "0"
				if (r+i+j)%3 == 0 {
					chosen = append(chosen, s)
					flags[j] = "1"
				}
			}
			rec = append(rec, strings.Join(chosen, " "))
			rec = append(rec, flags...)
		}
		for _, rep := range []string{"member", "dossier"} {
			filled := 1 + r%realRepeatWidth
			for i := 1; i <= realRepeatWidth; i++ {
				for f := range rs.repeats[rep] {
					v := ""
					if i <= filled {
						if f%2 == 1 {
							v = fmt.Sprint((r + i) % 90)
						} else {
							v = []string{"1", "2", "98"}[(r+i+f)%3]
						}
					}
					rec = append(rec, v)
				}
			}
		}
		rec = append(rec, fmt.Sprint(5000+r), fmt.Sprintf("1b9d6bcd-bbfd-4b2d-9b5d-%012x", r), "2026-03-09T03:00:00",
			"validation_status_approved", "", "submitted_via_web", "", "vReal", "", fmt.Sprint(r+1))
		out = append(out, rec)
	}
	return out
}

// realAnswer is respondent r's answer to the question at path.
func realAnswer(path string, r int) string {
	name := path[strings.LastIndexByte(path, '/')+1:]
	switch {
	case name == "start":
		return "2026-03-09T08:00:00.000+07:00"
	case name == "end":
		return "2026-03-09T08:45:00.000+07:00"
	case name == "today" || name == "interview_date":
		return "2026-03-09"
	case name == "deviceid":
		return fmt.Sprintf("collect:dev%03d", r%40)
	case strings.HasSuffix(name, "_comment"):
		return "Cán bộ tiếp dân nhiệt tình"
	case strings.HasSuffix(name, "_known"):
		return fmt.Sprint(r % 2)
	}
	var q int
	fmt.Sscanf(name[strings.LastIndexByte(name, 'q')+1:], "%d", &q)
	switch q % 5 {
	case 1, 2:
		return []string{"1", "2", "98"}[(r+q)%3]
	case 3:
		return fmt.Sprint((r * q) % 40)
	case 4:
		return fmt.Sprint(1 + (r+q)%5)
	}
	return ""
}

func TestARealSizeKoboFormAndItsExportImport(t *testing.T) {
	rs := realSizeForm()
	if len(rs.survey)-1 < 650 {
		t.Fatalf("the generated form has %d rows, want about 670", len(rs.survey)-1)
	}
	form, problems, err := ParseXLSForm(xlsform(t, rs.survey, rs.choices, rs.settings))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if !p.Warning {
			t.Fatalf("error: %v", p)
		}
	}
	if form == nil || len(form.Languages) != 9 || len(problemsWith(problems, "ignored_columns")) != 1 || len(problemsWith(problems, "smart_quotes")) != 1 {
		t.Fatalf("form %v, problems %v", form != nil, problems)
	}
	if n := len(form.Questions); n < 550 {
		t.Fatalf("%d questions", n)
	}

	const n = 640
	table := rs.realSizeExport(n)
	if cols := len(table[0]); cols < 1000 {
		t.Fatalf("the export has %d columns, want 1,000+", cols)
	}
	var xbuf bytes.Buffer
	if err := WriteExport(&xbuf, table, "xlsx"); err != nil { // one sheet, streamed, as Kobo's XLSX export
		t.Fatal(err)
	}
	for _, f := range []NamedReader{
		{Name: "papi_real_size.csv", R: bytes.NewReader(csvFile(t, ';', table...))},
		{Name: "papi_real_size.xlsx", R: bytes.NewReader(xbuf.Bytes())},
	} {
		t.Run(f.Name, func(t *testing.T) {
			if testing.Short() && strings.HasSuffix(f.Name, ".xlsx") {
				t.Skip("reading 700,000 cells of XLSX takes seconds; -short leaves it to the CSV")
			}
			b, err := ReadResponses(form, []NamedReader{f}, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Responses) != n || len(b.Rejected) != 0 || len(b.UnknownColumns) != 0 {
				t.Fatalf("%d responses, rejected %v, unknown columns %v", len(b.Responses), b.Rejected[:min(3, len(b.Rejected))], b.UnknownColumns)
			}
			// Every answer of a respondent is the export's: the joined
			// select_multiple column, each repeat instance filled.
			for _, i := range []int{0, 17, n - 1} {
				r, rec := b.Responses[i], table[i+1]
				want := map[string]string{}
				for c, h := range table[0] {
					if strings.HasPrefix(h, "_") || strings.Contains(h, "[") || rec[c] == "" {
						continue
					}
					parts := strings.Split(h, "/")
					if _, ok := form.Question(parts[len(parts)-1]); ok {
						want[parts[len(parts)-1]] = rec[c]
					}
				}
				if fmt.Sprint(r.Answers) != fmt.Sprint(want) {
					t.Fatalf("respondent %d:\n got %v\nwant %v", i, r.Answers, want)
				}
				if got := len(r.Repeats["member"]); got != 1+i%realRepeatWidth || len(r.Repeats["dossier"]) != got {
					t.Errorf("respondent %d: %d members, %d dossiers, want %d", i, got, len(r.Repeats["dossier"]), 1+i%realRepeatWidth)
				}
			}
			answered := 0
			for _, resp := range b.Responses {
				answered += len(resp.Answers)
			}
			if answered < n*400 {
				t.Errorf("only %d answers over %d responses", answered, n)
			}
		})
	}
}

// BenchmarkParseRealSizeForm reads the 659-row, nine-language workbook.
func BenchmarkParseRealSizeForm(b *testing.B) {
	rs := realSizeForm()
	wb := xlsform(b, rs.survey, rs.choices, rs.settings)
	data := make([]byte, wb.Len())
	wb.Read(data)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		form, _, err := ParseXLSForm(bytes.NewReader(data))
		if err != nil || form == nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportRealSize reads the 640-submission, 1,431-column export as
// CSV and as XLSX.
func BenchmarkImportRealSize(b *testing.B) {
	rs := realSizeForm()
	form, _, err := ParseXLSForm(xlsform(b, rs.survey, rs.choices, rs.settings))
	if err != nil {
		b.Fatal(err)
	}
	table := rs.realSizeExport(640)
	var xbuf bytes.Buffer
	if err := WriteExport(&xbuf, table, "xlsx"); err != nil {
		b.Fatal(err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"export.csv", csvFile(b, ';', table...)}, {"export.xlsx", xbuf.Bytes()}} {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.data)))
			for b.Loop() {
				batch, err := ReadResponses(form, []NamedReader{{Name: f.name, R: bytes.NewReader(f.data)}}, ImportOptions{})
				if err != nil || len(batch.Responses) != 640 {
					b.Fatal(err)
				}
			}
		})
	}
}
