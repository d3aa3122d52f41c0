package plan

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The documents in testdata/shapes are plans written for these tests in the
// shapes agencies use (none is copied from a real plan). Each test states,
// by hand, what a reader of the document finds in it.

// baselineLine writes a baseline as "D3 2025 4.21 trung bình thấp -0.12";
// "-" for what the plan does not say.
func baselineLine(b Baseline) string {
	score, change := "-", "-"
	if b.Score != nil {
		score = fmt.Sprint(*b.Score)
	}
	if b.Change != nil {
		change = fmt.Sprint(*b.Change)
	}
	group := b.Group
	if group == "" {
		group = "-"
	}
	return fmt.Sprintf("%s %d %s %s %s", b.Dimension, b.Year, score, group, change)
}

// taskLine writes a task's fields as "lead | coordinators | due | output".
func taskLine(t Task) string {
	return t.Lead + " | " + strings.Join(t.Coordinators, "; ") + " | " + t.Due + " | " + t.Output
}

type shapeWant struct {
	outline   []string
	baselines []string
	// tasks: per section, per task, taskLine.
	tasks    [][]string
	unplaced []int
	header   map[string]string
}

func checkShape(t *testing.T, d Draft, probs []Problem, w shapeWant) {
	t.Helper()
	if got := outline(d); !reflect.DeepEqual(got, w.outline) {
		t.Fatalf("sections %v, want %v\nproblems %+v", got, w.outline, probs)
	}
	var bl []string
	for _, b := range d.Baselines {
		bl = append(bl, baselineLine(b))
	}
	if !reflect.DeepEqual(bl, w.baselines) {
		t.Errorf("baselines %q, want %q", bl, w.baselines)
	}
	for si, want := range w.tasks {
		var got []string
		for _, task := range d.Sections[si].Tasks {
			got = append(got, taskLine(task))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("section %d (%s) tasks:\n got %q\nwant %q", si, d.Sections[si].Heading, got, want)
		}
	}
	var lines []int
	for _, u := range d.Unplaced {
		lines = append(lines, u.Line)
	}
	if !reflect.DeepEqual(lines, w.unplaced) {
		t.Errorf("unplaced lines %v, want %v (%+v)", lines, w.unplaced, d.Unplaced)
	}
	fields := map[string]string{"number": d.Number, "symbol": d.Symbol, "issuer": d.Issuer, "parent": d.ParentBody,
		"date": d.Date, "title": d.Title, "place": d.Place, "year": fmt.Sprint(d.Year), "signer": d.Signer.Title + "/" + d.Signer.Name}
	for k, want := range w.header {
		if fields[k] != want {
			t.Errorf("%s = %q, want %q", k, fields[k], want)
		}
	}
}

func TestStatusParagraphsAreBaselinesAndLeadInsAreNotTasks(t *testing.T) {
	d, probs := parseFile(t, "testdata/shapes/a-thuc-trang-giai-phap.md")
	checkShape(t, d, probs, shapeWant{
		outline: []string{"D3:2", "D5:2", "D8:1"},
		baselines: []string{
			"D3 2025 4.21 trung bình thấp -0.12",
			"D5 2025 7.05 cao nhất 0.31",
			// "Không thay đổi so với năm 2024" in a sentence of its own.
			"D8 2025 3.02 thấp nhất 0",
		},
		tasks: [][]string{
			{"Văn phòng Sở | Thanh tra Sở | Thường xuyên | ", " |  | trước ngày 30/6 | "},
			{"Phòng Hành chính tư pháp |  | Quý II/2026 | ", " |  | tháng 10 hằng năm | "},
			{"VP Sở |  | 6 tháng đầu năm | "},
		},
		unplaced: nil,
		header: map[string]string{"number": "41", "symbol": "KH-STP", "issuer": "Sở Tư pháp", "parent": "UBND TỈNH LÂM ĐỒNG",
			"date": "2026-01-16", "title": "Cải thiện Chỉ số PAPI năm 2026 của Sở Tư pháp", "signer": "GIÁM ĐỐC/Hoàng Minh Tâm"},
	})
	for i, want := range []string{"Giải pháp:", "Nhiệm vụ:", "Giải pháp:"} {
		if d.Sections[i].Intro != want {
			t.Errorf("section %d intro = %q, want %q", i, d.Sections[i].Intro, want)
		}
	}
	// The labelled parts leave the task's text; the details stay.
	first, second := d.Sections[0].Tasks[0], d.Sections[0].Tasks[1]
	if first.Text != "Công khai lịch tiếp công dân của Giám đốc Sở trên Cổng thông tin điện tử." {
		t.Errorf("text = %q", first.Text)
	}
	if !reflect.DeepEqual(second.Details, []string{"Rà soát đơn tồn đọng từ năm 2025.", "Báo cáo kết quả hằng quý."}) {
		t.Errorf("details = %q", second.Details)
	}
	if d.Sections[2].Tasks[0].Text != "Hướng dẫn người dân sử dụng Cổng dịch vụ công quốc gia." {
		t.Errorf("the task after “Giải pháp:” = %q", d.Sections[2].Tasks[0].Text)
	}
}

func TestAPlanAttachedToADecisionTakesItsNumberDateAndIssuer(t *testing.T) {
	d, probs := parseFile(t, "testdata/shapes/b-kem-quyet-dinh-tinh.txt")
	checkShape(t, d, probs, shapeWant{
		// "1. Nhiệm vụ chung", then dimensions by number only under a
		// group title; "Chỉ số nội dung 2 và 3" is one section of two.
		outline: []string{":2", "D1:2", "D2+D3:2", "D5:1"},
		baselines: []string{
			"D1 2025 5.02 trung bình cao 0.08",
			// One paragraph, two sentences, each naming its dimension; the
			// second has no year of its own.
			"D2 2025 5.35 trung bình thấp -",
			"D3 2025 4.4 thấp nhất -0.2",
		},
		tasks: [][]string{
			{" |  | trong tháng 3/2026 | ", " |  | định kỳ hằng quý | "},
			// "giao UBND các xã, phường chủ trì, phối hợp với ..."
			{"UBND các xã, phường | Ủy ban Mặt trận Tổ quốc tỉnh |  | ", " |  | năm 2026 và các năm tiếp theo | "},
			{" |  | Thường xuyên | ", "Thanh tra tỉnh |  |  | "},
			{" |  | Thường xuyên | "},
		},
		unplaced: []int{17}, // the group title "2. Nhiệm vụ cụ thể theo từng chỉ số nội dung"
		header: map[string]string{"number": "1234", "symbol": "QĐ-UBND", "date": "2026-03-20", "parent": "",
			"issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "year": "2026",
			"title": "Nâng cao Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm 2026"},
	})
	if !hasProblem(probs, SevInfo, "Quyết định") || hasProblem(probs, SevWarning, "cơ quan chủ quản") || hasProblem(probs, SevWarning, "số, ký hiệu") {
		t.Errorf("problems %+v", probs)
	}
	if d.Sections[1].Tasks[0].Details[0] != "Tổ chức đối thoại với Nhân dân ít nhất 2 lần/năm." {
		t.Errorf("details = %q", d.Sections[1].Tasks[0].Details)
	}
}

func TestACommuneTableWithATwoRowHeaderAndNumberedDimensions(t *testing.T) {
	d, probs := parseFile(t, "testdata/shapes/d-xa-bang-hai-tang.md")
	checkShape(t, d, probs, shapeWant{
		// The "Chỉ số" column holds 2, blank (the row above), 3, 7 and a name.
		outline: []string{"D2:2", "D3:1", "D7:1", "D8:1"},
		tasks: [][]string{
			{"Văn phòng HĐND-UBND | Công chức Tài chính - Kế toán | Quý I hằng năm | Biên bản niêm yết",
				"Công chức Văn hóa - Xã hội | Trưởng các thôn | trước 15/12 hằng năm | Danh sách được niêm yết"},
			{"Văn phòng HĐND-UBND |  | Hằng tháng | Sổ tiếp công dân"},
			{"Công chức Địa chính - Xây dựng - Môi trường | Đoàn Thanh niên xã | Thường xuyên | "},
			{"Công an xã | Tổ công nghệ số cộng đồng | 6 tháng đầu năm 2026 | Số tài khoản được kích hoạt"},
		},
		header: map[string]string{"number": "07", "symbol": "KH-UBND", "issuer": "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", "parent": "",
			"place": "Tân Phú", "date": "2026-02-02", "signer": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH/Đỗ Văn Lực"},
	})
	// A column the parser has no field for is kept in the task's details.
	if got := d.Sections[0].Tasks[1].Details; !reflect.DeepEqual(got, []string{"Ghi chú: Theo Quyết định của tỉnh"}) {
		t.Errorf("details = %q", got)
	}
	if d.Sections[0].Heading != "Chỉ số nội dung 2" {
		t.Errorf("heading = %q", d.Sections[0].Heading)
	}
}

func TestACommunePlanNamesDimensionsByShortNamesAndLeadsInline(t *testing.T) {
	d, probs := parseFile(t, "testdata/shapes/e-xa-van-ban.txt")
	checkShape(t, d, probs, shapeWant{
		outline: []string{"D1:2", "D4:1", "D5:1", "D6:1"},
		tasks: [][]string{
			{"Văn phòng HĐND-UBND xã | Ủy ban MTTQ xã | Quý II/2026 | ", " |  |  | "},
			{"Công chức Nội vụ |  | trong tháng 9/2026 | "},
			// "Đơn vị thực hiện: ..." on its own line fills the task above.
			{"Bộ phận Một cửa xã |  | trước ngày 31/3/2026 | "},
			{" |  | Quý III | "},
		},
		header: map[string]string{"issuer": "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "parent": "", "number": "15", "date": "2026-03-10",
			"signer": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH/Phan Thị Mai"},
	})
	if hasProblem(probs, SevWarning, "") {
		t.Errorf("a committee's plan needs no parent body and has nothing doubtful: %+v", probs)
	}
}

func TestAPlanOfThe2011FrameworkReadsItsSixDimensionNames(t *testing.T) {
	d, probs := parseFile(t, "testdata/shapes/f-khung-cu-2016.txt")
	checkShape(t, d, probs, shapeWant{
		outline:   []string{"D1:1", "D2:2", "D3:1", "D4:1", "D5:1", "D6:1", "D7:1"},
		baselines: []string{"D1 2015 5.4 cao nhất -", "D2 2015 5.95 trung bình cao 0.22"},
		tasks: [][]string{
			{" |  |  | "},
			{" |  | Quý I hằng năm | ", " |  |  | "},
			{" |  | Thường xuyên | "},
			{" |  |  | "},
			{" |  | 6 tháng cuối năm | "},
		},
		header: map[string]string{"year": "2016", "issuer": "SỞ NỘI VỤ", "parent": "UBND TỈNH NINH BÌNH"},
	})
	// Environmental governance joined PAPI in 2018.
	if !hasProblem(probs, SevWarning, "Chỉ số D7 không có trong bộ chỉ số PAPI của năm 2016") {
		t.Errorf("problems %+v", probs)
	}
}

func TestLetteredDimensionHeadingsWithLabelledDetailLines(t *testing.T) {
	d, probs := parseFile(t, "testdata/shapes/h-chu-cai-chi-so.md")
	checkShape(t, d, probs, shapeWant{
		outline:   []string{":1", "D7:2", "D8:1"},
		baselines: []string{"D7 2025 3.87 thấp nhất -0.4"},
		tasks: [][]string{
			{" |  |  | "},
			{"Chi cục Bảo vệ môi trường |  | Quý III/2026 | ", " |  | trước ngày 30/9 | "},
			{"Văn phòng Đăng ký đất đai | Trung tâm Công nghệ thông tin | tháng 10 hằng năm | "},
		},
		// The group title, and the budget section that the draft has no
		// place for: its title and its paragraph.
		unplaced: []int{27, 46, 48},
		header:   map[string]string{"title": "Thực hiện các giải pháp nâng cao Chỉ số PAPI năm 2026", "signer": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC/Trương Thị Ngọc"},
	})
	// A goal is not a task nor a baseline: it stays in the section's intro.
	if d.Sections[1].Intro != "Mục tiêu: phấn đấu năm 2026 chỉ số đạt trên 4,5 điểm." {
		t.Errorf("intro = %q", d.Sections[1].Intro)
	}
	if got := d.Sections[1].Tasks[0].Details; !reflect.DeepEqual(got, []string{"Lập danh sách cơ sở vi phạm."}) {
		t.Errorf("details = %q", got)
	}
}
