package plan

import (
	"strings"
	"testing"
)

// cell is a DOCX table cell: its text (paragraphs split at "\n") and its
// properties (gridSpan, vMerge).
type cell struct {
	text  string
	props string
}

func span(n int, text string) cell { return cell{text, `<w:gridSpan w:val="` + itoa(n) + `"/>`} }
func mergeStart(text string) cell  { return cell{text, `<w:vMerge w:val="restart"/>`} }
func mergeOn() cell                { return cell{"", `<w:vMerge/>`} }
func plain(text string) cell       { return cell{text, ""} }

// grid is a DOCX table whose cells may span columns and rows.
func grid(rows ...[]cell) string {
	var b strings.Builder
	b.WriteString("<w:tbl><w:tblPr/>")
	for _, r := range rows {
		b.WriteString("<w:tr>")
		for _, c := range r {
			b.WriteString("<w:tc><w:tcPr>" + c.props + "</w:tcPr>")
			for _, p := range strings.Split(c.text, "\n") {
				b.WriteString(para(p))
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

func styled(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// mergedTableDOCX is a department's plan whose tasks sit in one table:
// group rows spanning the width (gridSpan), a lead unit merged down two
// rows (vMerge), a "Sản phẩm" column and a "Ghi chú" column.
func mergedTableDOCX(t testing.TB) string {
	head := []cell{plain("STT"), plain("Nội dung"), plain("Đơn vị chủ trì"), plain("Đơn vị phối hợp"), plain("Thời gian hoàn thành"), plain("Sản phẩm"), plain("Ghi chú")}
	return docx(t,
		grid([]cell{plain("UBND TỈNH GIA LAI\nSỞ XÂY DỰNG\nSố: 58/KH-SXD"), plain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nGia Lai, ngày 09 tháng 02 năm 2026")}),
		boldPara("KẾ HOẠCH"),
		boldPara("Nâng cao Chỉ số PAPI năm 2026"),
		para("Căn cứ Kế hoạch số 21/KH-UBND ngày 26/01/2026 của UBND tỉnh Gia Lai;"),
		boldPara("I. MỤC ĐÍCH, YÊU CẦU"),
		listPara("Cải thiện chỉ số Kiểm soát tham nhũng."),
		boldPara("II. NỘI DUNG"),
		grid(
			head,
			[]cell{plain("I"), span(6, "Chỉ số nội dung “Kiểm soát tham nhũng trong khu vực công”")},
			[]cell{plain("1"), plain("Công khai kết quả thanh tra, kiểm tra trật tự xây dựng"), mergeStart("Thanh tra Sở"), plain("Văn phòng Sở"), plain("Quý II/2026"), plain("Thông báo kết quả"), plain("")},
			[]cell{plain("2"), plain("Kiểm tra việc cấp phép xây dựng tại các xã"), mergeOn(), plain(""), plain("6 tháng cuối năm"), plain("Kết luận kiểm tra"), plain("Đột xuất khi có phản ánh")},
			[]cell{plain("II"), span(6, "Chỉ số nội dung 5 và 6")},
			[]cell{plain("1"), plain("Cấp giấy phép xây dựng trực tuyến toàn trình"), plain("Phòng Quản lý xây dựng"), plain("Trung tâm Phục vụ hành chính công tỉnh"), plain("Thường xuyên"), plain(""), plain("")},
			[]cell{plain("III"), span(6, "NHIỆM VỤ CHUNG")},
			[]cell{plain("1"), plain("Báo cáo kết quả thực hiện Kế hoạch"), plain("Văn phòng Sở"), plain(""), plain("trước 15/12 hằng năm"), plain("Báo cáo"), plain("")},
		),
		boldPara("III. TỔ CHỨC THỰC HIỆN"),
		para("Văn phòng Sở theo dõi, đôn đốc."),
		grid([]cell{plain("Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT."), plain("GIÁM ĐỐC\nVõ Thành Long")}),
	)
}

func TestADOCXTaskTableWithMergedCells(t *testing.T) {
	d, probs, err := Parse(strings.NewReader(mergedTableDOCX(t)), "bang.docx")
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, d, probs, shapeWant{
		outline: []string{"D4:2", "D5+D6:1", ":1"},
		tasks: [][]string{
			// The second row's lead is the merged cell above it.
			{"Thanh tra Sở | Văn phòng Sở | Quý II/2026 | Thông báo kết quả", "Thanh tra Sở |  | 6 tháng cuối năm | Kết luận kiểm tra"},
			{"Phòng Quản lý xây dựng | Trung tâm Phục vụ hành chính công tỉnh | Thường xuyên | "},
			{"Văn phòng Sở |  | trước 15/12 hằng năm | Báo cáo"},
		},
		header: map[string]string{"number": "58", "issuer": "SỞ XÂY DỰNG", "parent": "UBND TỈNH GIA LAI", "date": "2026-02-09",
			"title": "Nâng cao Chỉ số PAPI năm 2026", "signer": "GIÁM ĐỐC/Võ Thành Long"},
	})
	if got := d.Sections[0].Tasks[1].Details; len(got) != 1 || got[0] != "Ghi chú: Đột xuất khi có phản ánh" {
		t.Errorf("details = %q", got)
	}
}

// styledDOCX is a plan written with Word's heading styles and automatic
// lists: dimension headings by name only, a status paragraph, a "Nhiệm vụ:"
// lead-in, and a budget section the draft has no place for.
func styledDOCX(t testing.TB) string {
	return docx(t,
		grid([]cell{plain("UBND TỈNH AN GIANG\nSỞ Y TẾ\nSố: 102/KH-SYT"), plain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Giang, ngày 12 tháng 3 năm 2026")}),
		styled("Title", "KẾ HOẠCH"),
		styled("Title", "Cải thiện chất lượng dịch vụ y tế theo Chỉ số PAPI năm 2026"),
		para("Căn cứ Kế hoạch số 30/KH-UBND ngày 02/02/2026 của UBND tỉnh An Giang;"),
		styled("Heading1", "I. MỤC ĐÍCH"),
		listPara("Nâng cao sự hài lòng của người bệnh."),
		styled("Heading1", "II. NỘI DUNG"),
		styled("Heading2", "Cung ứng dịch vụ công"),
		para("Năm 2025, chỉ số nội dung này của tỉnh đạt 6,93 điểm, thuộc nhóm trung bình cao; tăng 0,15 điểm so với năm 2024."),
		para("Nhiệm vụ:"),
		listPara("Giảm thời gian chờ khám tại bệnh viện tuyến tỉnh (Chủ trì: Phòng Nghiệp vụ Y; phối hợp: Bệnh viện Đa khoa tỉnh). Thời gian: Quý III/2026."),
		listPara("Khảo sát sự hài lòng người bệnh định kỳ. Thời gian: 6 tháng/lần."),
		styled("Heading2", "Quản trị điện tử"),
		para("Nhiệm vụ:"),
		listPara("Triển khai bệnh án điện tử tại các bệnh viện (Chủ trì: Phòng Kế hoạch - Tài chính). Thời gian: trước ngày 31/12/2026."),
		styled("Heading1", "III. KINH PHÍ THỰC HIỆN"),
		para("Sử dụng nguồn kinh phí chi thường xuyên của Sở."),
		styled("Heading1", "IV. TỔ CHỨC THỰC HIỆN"),
		para("Văn phòng Sở là đầu mối tổng hợp."),
		grid([]cell{plain("Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT."), plain("GIÁM ĐỐC\nNguyễn Thị Lan")}),
	)
}

func TestADOCXWithHeadingStylesAndAutomaticLists(t *testing.T) {
	d, probs, err := Parse(strings.NewReader(styledDOCX(t)), "styles.docx")
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, d, probs, shapeWant{
		outline:   []string{"D6:2", "D8:1"},
		baselines: []string{"D6 2025 6.93 trung bình cao 0.15"},
		tasks: [][]string{
			{"Phòng Nghiệp vụ Y | Bệnh viện Đa khoa tỉnh | Quý III/2026 | ", " |  | 6 tháng/lần | "},
			{"Phòng Kế hoạch - Tài chính |  | trước ngày 31/12/2026 | "},
		},
		// Paragraphs: the header table holds 6, then one per paragraph; the
		// budget title is the 21st paragraph, its text the 22nd.
		unplaced: []int{21, 22},
		header:   map[string]string{"issuer": "SỞ Y TẾ", "number": "102", "date": "2026-03-12", "title": "Cải thiện chất lượng dịch vụ y tế theo Chỉ số PAPI năm 2026"},
	})
	if d.Sections[0].Intro != "Nhiệm vụ:" || d.Sections[1].Intro != "Nhiệm vụ:" {
		t.Errorf("intros %q, %q", d.Sections[0].Intro, d.Sections[1].Intro)
	}
}
