package plan

import (
	"archive/zip"
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// zipOf builds a zip archive from file names and contents.
func zipOf(t testing.TB, files map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// WordprocessingML helpers: a paragraph of plain runs, a bold one, a list
// item, and a table of cells (each cell one or more paragraphs).
func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func boldPara(text string) string {
	return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>` + text + `</w:t></w:r></w:p>`
}

func listPara(text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func table(rows ...[]string) string {
	var b strings.Builder
	b.WriteString("<w:tbl><w:tblPr/>")
	for _, r := range rows {
		b.WriteString("<w:tr>")
		for _, c := range r {
			b.WriteString("<w:tc><w:tcPr/>")
			for _, p := range strings.Split(c, "\n") {
				b.WriteString(para(p))
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// documentXML is word/document.xml around the body's elements.
func documentXML(body ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		strings.Join(body, "") + `<w:sectPr/></w:body></w:document>`
}

func docx(t testing.TB, body ...string) string {
	return docxOf(t, documentXML(body...))
}

// docxOf packs a word/document.xml as a DOCX.
func docxOf(t testing.TB, xml string) string {
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   xml,
	})
}

// sampleDOCX is a Decree 30 plan as Word writes it: the header and the
// signature in two-column tables, a title with a line break, list paragraphs
// whose bullets come from numbering, and a task table.
func sampleDOCX(t testing.TB) string {
	return docx(t,
		table(
			[]string{"UBND TỈNH HƯNG YÊN\nSỞ NỘI VỤ\nSố: 25/KH-SNV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHưng Yên, ngày 14 tháng 3 năm 2026"},
		),
		`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>KẾ HOẠCH</w:t><w:br/><w:t>Nâng cao Chỉ số PAPI năm 2026</w:t></w:r></w:p>`,
		para("Căn cứ Kế hoạch số 09/KH-UBND ngày 05/01/2026 của UBND tỉnh; Sở Nội vụ ban hành Kế hoạch như sau:"),
		boldPara("I. MỤC ĐÍCH, YÊU CẦU"),
		boldPara("1. Mục đích"),
		listPara("Cải thiện Chỉ số PAPI của tỉnh."),
		boldPara("II. NỘI DUNG"),
		boldPara("1. Chỉ số nội dung “Trách nhiệm giải trình với người dân”"),
		listPara("Tiếp công dân định kỳ."),
		listPara("Công khai lịch tiếp công dân."),
		boldPara("2. Chỉ số nội dung “Thủ tục hành chính công”"),
		table(
			[]string{"STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"},
			[]string{"1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Phòng Cải cách hành chính", "Quý II/2026"},
		),
		boldPara("III. TỔ CHỨC THỰC HIỆN"),
		para("Văn phòng Sở là đầu mối tổng hợp, báo cáo."),
		table(
			[]string{"Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.", "GIÁM ĐỐC\n(Đã ký)\nPhạm Văn Minh"},
		),
	)
}

func TestDOCXPlanIsReadLikeItsTextVersion(t *testing.T) {
	d, probs, err := Parse(strings.NewReader(sampleDOCX(t)), "ke-hoach.docx")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"D3:2", "D5:1"}; !reflect.DeepEqual(outline(d), want) {
		t.Fatalf("sections %v, want %v (problems %+v)", outline(d), want, probs)
	}
	want := Task{Text: "Rà soát thủ tục hành chính", Lead: "Văn phòng Sở", Coordinators: []string{"Phòng Cải cách hành chính"}, Due: "Quý II/2026", Line: 22}
	if got := d.Sections[1].Tasks[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("table task = %+v, want %+v", got, want)
	}
	for _, tc := range []struct{ field, got, want string }{
		{"parent body", d.ParentBody, "UBND TỈNH HƯNG YÊN"},
		{"issuer", d.Issuer, "Sở Nội vụ"},
		{"number", d.Number, "25"},
		{"symbol", d.Symbol, "KH-SNV"},
		{"place", d.Place, "Hưng Yên"},
		{"date", d.Date, "2026-03-14"},
		{"title", d.Title, "Nâng cao Chỉ số PAPI năm 2026"},
		{"signer", d.Signer.Title + "/" + d.Signer.Name, "GIÁM ĐỐC/Phạm Văn Minh"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, tc.got, tc.want)
		}
	}
	if !reflect.DeepEqual(d.Purposes, []string{"Cải thiện Chỉ số PAPI của tỉnh."}) ||
		!reflect.DeepEqual(d.Recipients, []string{"UBND tỉnh", "Lưu: VT"}) ||
		len(d.Organisation) != 1 || len(d.Basis) != 1 {
		t.Errorf("purposes %q, recipients %q, organisation %q, basis %+v", d.Purposes, d.Recipients, d.Organisation, d.Basis)
	}
}

func TestDOCXRunsSplitAcrossElementsJoinIntoOneParagraph(t *testing.T) {
	// Word splits text into runs at every formatting or spell-check change.
	doc := docx(t,
		`<w:p><w:r><w:t>KẾ </w:t></w:r><w:r><w:t>HOẠCH</w:t></w:r></w:p>`,
		`<w:p><w:r><w:t>Nâng cao Chỉ số</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:tab/><w:t>PAPI năm 2027</w:t></w:r></w:p>`,
		`<w:p><w:r><w:t>1. Chỉ số Quản trị </w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>điện tử</w:t></w:r></w:p>`,
		`<w:p><w:r><w:t>- Số hóa hồ sơ.</w:t></w:r><w:r><w:delText>bỏ</w:delText></w:r></w:p>`,
	)
	d, _, err := Parse(strings.NewReader(doc), "runs.docx")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Nâng cao Chỉ số PAPI năm 2027" {
		t.Errorf("title = %q", d.Title)
	}
	if want := []string{"D8:1"}; !reflect.DeepEqual(outline(d), want) || d.Sections[0].Tasks[0].Text != "Số hóa hồ sơ." {
		t.Errorf("sections %v %+v", outline(d), d.Sections)
	}
}
