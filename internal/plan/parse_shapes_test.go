package plan

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"papihub/internal/platform/vn"
)

// parseText parses an inline document and fails the test on an error.
func parseText(t *testing.T, doc string) (Draft, []Problem) {
	t.Helper()
	d, probs, err := Parse(strings.NewReader(doc), "inline")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d, probs
}

// hasProblem reports whether a problem of the severity mentions the text.
func hasProblem(probs []Problem, sev Severity, text string) bool {
	for _, p := range probs {
		if p.Severity == sev && strings.Contains(p.Message, text) {
			return true
		}
	}
	return false
}

func TestNumberedHeadingsWithLetteredTasksAndDashDetails(t *testing.T) {
	d, probs := parseFile(t, "testdata/ke-hoach-danh-so.txt")
	// "5. Công khai minh bạch và trách nhiệm giải trình" names two dimensions.
	if want := []string{"D1:2", "D2:1", "D8:2", ":1", "D2+D3:1"}; !reflect.DeepEqual(outline(d), want) {
		t.Fatalf("sections %v, want %v", outline(d), want)
	}
	b := d.Sections[0].Tasks[1]
	if b.Text != "Lấy ý kiến Nhân dân đối với dự thảo văn bản quy phạm pháp luật:" ||
		!reflect.DeepEqual(b.Details, []string{"đăng dự thảo trên Cổng thông tin điện tử của Sở;", "tổng hợp, giải trình ý kiến."}) {
		t.Errorf("task b) = %+v", b)
	}
	for _, tc := range []struct{ field, got, want string }{
		{"parent body", d.ParentBody, "UBND TỈNH THÁI BÌNH"},
		// Upper case in the header, ordinary case in the basis: the basis wins.
		{"issuer", d.Issuer, "Sở Tư pháp"},
		{"number", d.Number, "15"},
		{"symbol", d.Symbol, "KH-STP"},
		{"place", d.Place, "Thái Bình"},
		{"date", d.Date, "2024-01-20"},
		// A title wrapped over two lines is one title.
		{"title", d.Title, "Cải thiện Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm 2024"},
		{"signer title", d.Signer.Title, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"},
		{"signer name", d.Signer.Name, "Trần Thị Hoa"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, tc.got, tc.want)
		}
	}
	if len(d.Basis) != 2 || !reflect.DeepEqual(d.Basis[0].Refs, []string{"766/QĐ-TTg"}) || !reflect.DeepEqual(d.Basis[1].Refs, []string{"11/KH-UBND"}) {
		t.Errorf("basis = %+v", d.Basis)
	}
	if !reflect.DeepEqual(d.Purposes, []string{"Nâng cao chất lượng phục vụ người dân của Sở."}) || len(d.Requirements) != 2 {
		t.Errorf("purposes %q, requirements %q", d.Purposes, d.Requirements)
	}
	if !reflect.DeepEqual(d.Recipients, []string{"UBND tỉnh", "Sở Nội vụ", "Lưu: VT, VP"}) {
		t.Errorf("recipients = %q", d.Recipients)
	}
	if len(d.Organisation) != 2 {
		t.Errorf("organisation = %q", d.Organisation)
	}
	// "Nhiệm vụ chung" is general on purpose; the two-dimension heading is
	// told; the budget section is left out, says so and lists its text.
	for _, want := range []struct {
		sev  Severity
		text string
	}{
		{SevInfo, "Công khai minh bạch và trách nhiệm giải trình"},
		{SevWarning, "KINH PHÍ THỰC HIỆN"},
		{SevInfo, "D4, D5, D6, D7"}, // D3 is served by the two-dimension section
	} {
		if !hasProblem(probs, want.sev, want.text) {
			t.Errorf("no %s about %q in %+v", want.sev, want.text, probs)
		}
	}
	if hasProblem(probs, SevWarning, "Nhiệm vụ chung") {
		t.Error("a general section named as such should not be flagged")
	}
	if want := []Unplaced{{33, "III. KINH PHÍ THỰC HIỆN"}, {34, "Từ nguồn ngân sách chi thường xuyên năm 2024 của Sở."}}; !reflect.DeepEqual(d.Unplaced, want) {
		t.Errorf("unplaced = %+v, want %+v", d.Unplaced, want)
	}
}

func TestChiSoHeadingsWithBulletsAndHeaderTable(t *testing.T) {
	d, _ := parseFile(t, "testdata/ke-hoach-chi-so.md")
	if want := []string{"D1:2", "D3:2", "D4:1"}; !reflect.DeepEqual(outline(d), want) {
		t.Fatalf("sections %v, want %v", outline(d), want)
	}
	if got := d.Sections[0].Tasks[0].Details; !reflect.DeepEqual(got, []string{"Kiểm tra hồ sơ bầu cử tại 5 xã."}) {
		t.Errorf("a + line under a • task is its detail, got %q", got)
	}
	if d.Sections[1].Intro != "Thực hiện các nhiệm vụ sau:" {
		t.Errorf("intro = %q", d.Sections[1].Intro)
	}
	for _, tc := range []struct{ field, got, want string }{
		{"parent body", d.ParentBody, "ỦY BAN NHÂN DÂN HUYỆN KIẾN XƯƠNG"},
		{"issuer", d.Issuer, "Phòng Nội vụ"},
		{"number", d.Number, "03"},
		{"date", d.Date, "2024-03-05"},
		{"place", d.Place, "Kiến Xương"},
		{"title", d.Title, "NÂNG CAO CHỈ SỐ PAPI NĂM 2024"},
		{"signer", d.Signer.Title + "/" + d.Signer.Name, "TRƯỞNG PHÒNG/Lê Văn Nam"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, tc.got, tc.want)
		}
	}
	if d.Year != 2024 || len(d.Basis) != 1 || !reflect.DeepEqual(d.Basis[0].Refs, []string{"21/KH-UBND"}) {
		t.Errorf("year %d, basis %+v", d.Year, d.Basis)
	}
}

func TestTaskTableGivesLeadCoordinatorsAndDeadlines(t *testing.T) {
	d, _ := parseFile(t, "testdata/ke-hoach-bang.md")
	if want := []string{"D6:2", "D8:1"}; !reflect.DeepEqual(outline(d), want) {
		t.Fatalf("sections %v, want %v", outline(d), want)
	}
	want := []Task{
		{Text: "Nâng cao chất lượng khám, chữa bệnh tại trạm y tế xã", Lead: "Phòng Nghiệp vụ Y",
			Coordinators: []string{"Trung tâm Y tế các huyện", "Văn phòng Sở"}, Due: "Thường xuyên", Line: 23},
		{Text: "Khảo sát sự hài lòng của người bệnh", Lead: "Phòng Nghiệp vụ Y", Due: "Quý II/2028", Line: 24},
	}
	if !reflect.DeepEqual(d.Sections[0].Tasks, want) {
		t.Errorf("D6 tasks = %+v\nwant %+v", d.Sections[0].Tasks, want)
	}
	if got := d.Sections[1].Tasks[0].Coordinators; !reflect.DeepEqual(got, []string{"Bệnh viện Đa khoa tỉnh", "Trung tâm Kiểm soát bệnh tật"}) {
		t.Errorf("D8 coordinators = %q", got)
	}
	// 29 February 2028 exists: a full date, not a partial one.
	if d.Date != "2028-02-29" || d.Issuer != "SỞ Y TẾ" || d.ParentBody != "UBND TỈNH HƯNG YÊN" {
		t.Errorf("date %q, issuer %q, parent %q", d.Date, d.Issuer, d.ParentBody)
	}
	if d.Signer.Name != "Nguyễn Văn Bình" || len(d.Recipients) != 2 || len(d.Purposes) != 1 {
		t.Errorf("signer %+v, recipients %q, purposes %q", d.Signer, d.Recipients, d.Purposes)
	}
}

func TestTaskTableWithADimensionColumnGroupsRowsBySection(t *testing.T) {
	d, _ := parseText(t, `KẾ HOẠCH
Nâng cao Chỉ số PAPI năm 2025
II. NỘI DUNG
| Chỉ số nội dung | Nhiệm vụ | Chủ trì | Hạn |
|---|---|---|---|
| Thủ tục hành chính công | Số hóa hồ sơ | Bộ phận Một cửa | 31/12/2025 |
|  | Rút ngắn thời gian giải quyết | Bộ phận Một cửa | Quý III/2025 |
| D7 | Phân loại rác tại nguồn | Văn phòng | Thường xuyên |
`)
	if want := []string{"D5:2", "D7:1"}; !reflect.DeepEqual(outline(d), want) {
		t.Fatalf("sections %v, want %v", outline(d), want)
	}
	if got := d.Sections[0].Tasks[1]; got.Lead != "Bộ phận Một cửa" || got.Due != "Quý III/2025" {
		t.Errorf("second D5 task = %+v", got)
	}
}

func TestPlaceAndDateKeepWhatIsFilledIn(t *testing.T) {
	for _, tc := range []struct {
		line, place, date string
	}{
		{"Hưng Yên, ngày 05 tháng 3 năm 2026", "Hưng Yên", "2026-03-05"},
		{"Hưng Yên, ngày   tháng 3 năm 2023", "Hưng Yên", "2023-03"},
		{"Hưng Yên, ngày ... tháng ... năm 2023", "Hưng Yên", "2023"},
		{"Thái Bình, ngày 31 tháng 02 năm 2026", "Thái Bình", "2026-02"}, // no 31 February: the day is not trusted
		{"ngày 12 tháng 01 năm 2023", "", "2023-01-12"},
	} {
		place, date, _, ok := parsePlaceDate(tc.line, foldForTest(tc.line))
		if !ok || place != tc.place || date != tc.date {
			t.Errorf("parsePlaceDate(%q) = %q, %q, %v; want %q, %q", tc.line, place, date, ok, tc.place, tc.date)
		}
	}
}

func TestNumberSplitsAtTheFirstSlash(t *testing.T) {
	for _, tc := range []struct{ in, number, symbol string }{
		{" /KH-STTTT", "", "KH-STTTT"},
		{"07/KH-UBND", "07", "KH-UBND"},
		{"..../KH-SYT", "", "KH-SYT"},
		{"12/2024/KH-UBND", "12", "2024/KH-UBND"},
		{"KH-STP", "KH-STP", ""},
	} {
		n, s := splitNumber(tc.in)
		if n != tc.number || s != tc.symbol {
			t.Errorf("splitNumber(%q) = %q, %q; want %q, %q", tc.in, n, s, tc.number, tc.symbol)
		}
	}
}

func TestDocumentsThatAreNotPlansAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want error // nil: any error
	}{
		{"a letter", "Kính gửi: Sở Nội vụ\nĐề nghị cung cấp số liệu.\n", ErrNotAPlan},
		{"empty", "", ErrNotAPlan},
		{"binary", "\x00\x01\x02", ErrNotAPlan},
		{"a zip that is not a DOCX", zipOf(t, map[string]string{"a.txt": "KẾ HOẠCH"}), nil},
		{"a broken zip", "PK\x03\x04garbage", nil},
		{"an old .doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Parse(strings.NewReader(tc.doc), tc.name)
			if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestAPlanWithoutTitleIsStillReadFromItsDimensionSections(t *testing.T) {
	d, probs := parseText(t, "1. Chỉ số Quản trị môi trường\n- Trồng cây xanh.\n")
	if want := []string{"D7:1"}; !reflect.DeepEqual(outline(d), want) {
		t.Fatalf("sections %v, want %v", outline(d), want)
	}
	if !hasProblem(probs, SevWarning, "KẾ HOẠCH") || !hasProblem(probs, SevError, "cơ quan ban hành") {
		t.Errorf("missing title and issuer should be reported: %+v", probs)
	}
}

func TestInvalidUTF8IsRepairedAndReported(t *testing.T) {
	_, probs := parseText(t, "KẾ HOẠCH\nNâng cao \xff PAPI năm 2024\n")
	if !hasProblem(probs, SevWarning, "UTF-8") {
		t.Errorf("no UTF-8 warning in %+v", probs)
	}
}

func foldForTest(s string) string { return vn.Fold(s) }

func TestALeadInIsALabelAndATaskThatStartsLikeOneStaysATask(t *testing.T) {
	d, _ := parseText(t, `KẾ HOẠCH
Nâng cao Chỉ số PAPI năm 2026
II. NỘI DUNG
1. Chỉ số nội dung 5
1.1. Nhiệm vụ, giải pháp
- Kết quả giải quyết hồ sơ được công khai hằng tháng
- Nhiệm vụ của các phòng được giao bằng văn bản
Giải pháp: Số hóa hồ sơ đầu vào.
`)
	if want := []string{"D5:3"}; !reflect.DeepEqual(outline(d), want) {
		t.Fatalf("sections %v, want %v", outline(d), want)
	}
	s := d.Sections[0]
	if s.Intro != "Nhiệm vụ, giải pháp\nGiải pháp:" || s.Tasks[2].Text != "Số hóa hồ sơ đầu vào." {
		t.Errorf("intro %q, tasks %+v", s.Intro, s.Tasks)
	}
}
