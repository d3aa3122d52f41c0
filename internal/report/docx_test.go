package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestTheDOCXPackageHasEveryPartWordNeeds(t *testing.T) {
	parts := docxParts(t, quarterlyReport(2))
	for _, name := range []string{
		"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml",
		"docProps/core.xml", "docProps/app.xml",
	} {
		data, ok := parts[name]
		if !ok {
			t.Errorf("the package has no %s", name)
			continue
		}
		parseXML(t, data) // fails the test when the part is not well-formed
	}
}

func TestThePageIsA4WithTheDecree30Margins(t *testing.T) {
	sect := body(t, quarterlyReport(1)).first("sectPr")
	size, margins := sect.first("pgSz"), sect.first("pgMar")
	for _, c := range []struct{ what, got, want string }{
		{"page width (210 mm)", size.attr("w"), "11906"},
		{"page height (297 mm)", size.attr("h"), "16838"},
		{"top margin (20 mm)", margins.attr("top"), "1134"},
		{"bottom margin (20 mm)", margins.attr("bottom"), "1134"},
		{"left margin (30 mm)", margins.attr("left"), "1701"},
		{"right margin (15 mm)", margins.attr("right"), "850"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s twips, want %s", c.what, c.got, c.want)
		}
	}
}

func TestTheTextIsTimesNewRoman14WithTheHeadingLinesAt13(t *testing.T) {
	parts := docxParts(t, quarterlyReport(1))
	styles := parseXML(t, parts["word/styles.xml"])
	defaults := styles.first("rPrDefault")
	if got := defaults.first("rFonts").attr("ascii"); got != "Times New Roman" {
		t.Errorf("default font = %q, want Times New Roman", got)
	}
	if got := defaults.first("sz").attr("val"); got != "28" {
		t.Errorf("default size = %s half-points, want 28 (14 pt)", got)
	}
	heading := topTables(body(t, quarterlyReport(1)))[0]
	for _, text := range []string{"UBND TỈNH HƯNG YÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", nationalName} {
		if got := paragraphNamed(t, heading, text).first("sz").attr("val"); got != "26" {
			t.Errorf("%q is %s half-points, want 26 (13 pt)", text, got)
		}
	}
}

func TestTheHeadingTableNamesTheIssuerTheNumberAndTheNationalMotto(t *testing.T) {
	tables := topTables(body(t, quarterlyReport(1)))
	if len(tables) < 2 {
		t.Fatalf("found %d tables directly in the body, want the heading table first", len(tables))
	}
	heading := tables[0]
	if b := heading.first("tblBorders").first("top").attr("val"); b != "nil" {
		t.Errorf("the heading table has a top border %q, want none", b)
	}
	cells := heading.all("tc")
	if len(cells) != 2 {
		t.Fatalf("the heading table has %d cells, want 2", len(cells))
	}
	left, right := cells[0].paragraphs(), cells[1].paragraphs()
	wantLeft := []string{"UBND TỈNH HƯNG YÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "", "Số: 12/BC-SKHCN"}
	wantRight := []string{nationalName, motto, "", "Hưng Yên, ngày 05 tháng 3 năm 2026"}
	if !slices.Equal(left, wantLeft) {
		t.Errorf("left column reads %q, want %q", left, wantLeft)
	}
	if !slices.Equal(right, wantRight) {
		t.Errorf("right column reads %q, want %q", right, wantRight)
	}

	issuer := paragraphNamed(t, cells[0], "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
	if !issuer.has("b") {
		t.Error("the issuer is not bold")
	}
	if paragraphNamed(t, cells[0], "UBND TỈNH HƯNG YÊN").has("b") {
		t.Error("the parent body is bold; Decree 30 prints it regular")
	}
	for _, text := range []string{nationalName, motto} {
		if !paragraphNamed(t, cells[1], text).has("b") {
			t.Errorf("%q is not bold", text)
		}
	}
	if !paragraphNamed(t, cells[1], wantRight[3]).has("i") {
		t.Error("the place and date line is not italic")
	}
	// The rules under the issuer and the motto are the borders of the empty
	// paragraphs that follow them.
	for i, cell := range cells {
		rule := cell.all("p")[2]
		if rule.first("pBdr") == nil || rule.first("pBdr").first("bottom").attr("val") != "single" {
			t.Errorf("column %d has no rule under its second line", i+1)
		}
	}
}

func TestTheKindAndSubjectAreCentredAndBoldUnderTheHeading(t *testing.T) {
	doc := quarterlyReport(1)
	b := body(t, doc)
	for _, text := range []string{"BÁO CÁO", doc.Subject} {
		p := paragraphNamed(t, b, text)
		if !p.has("b") {
			t.Errorf("%q is not bold", text)
		}
		if jc := p.first("jc"); jc == nil || jc.attr("val") != "center" {
			t.Errorf("%q is not centred", text)
		}
	}
}

func TestHeadingsAreNumberedIAndOneAndA(t *testing.T) {
	b := body(t, quarterlyReport(1))
	for _, c := range []struct {
		text, style string
	}{
		{"I. KẾT QUẢ THỰC HIỆN THEO TỪNG CHỈ SỐ NỘI DUNG", "Heading1"},
		{"1. Chỉ số nội dung “Tham gia của người dân ở cấp cơ sở”", "Heading2"},
		{"a) Kết quả đạt được", "Heading3"},
		{"III. NHIỆM VỤ TRỌNG TÂM QUÝ TIẾP THEO", "Heading1"},
	} {
		if got := paragraphNamed(t, b, c.text).first("pStyle").attr("val"); got != c.style {
			t.Errorf("%q has style %s, want %s", c.text, got, c.style)
		}
	}
}

func TestHeadingStylesAreBoldBoldAndItalicAndBodyTextIsJustifiedAndIndented(t *testing.T) {
	styles := parseXML(t, docxParts(t, quarterlyReport(1))["word/styles.xml"])
	style := func(id string) *node {
		for _, s := range styles.all("style") {
			if s.attr("styleId") == id {
				return s
			}
		}
		t.Fatalf("no style %s", id)
		return nil
	}
	if !style("Heading1").has("b") || !style("Heading2").has("b") || !style("Heading3").has("i") {
		t.Error("headings are not I. bold, 1. bold, a) italic")
	}
	bodyText := style("BodyText")
	if got := bodyText.first("jc").attr("val"); got != "both" {
		t.Errorf("body text alignment = %s, want both (justified)", got)
	}
	if got := bodyText.first("ind").attr("firstLine"); got != "567" {
		t.Errorf("first-line indent = %s twips, want 567 (1 cm)", got)
	}
	if got := bodyText.first("spacing").attr("before"); got != "120" {
		t.Errorf("space between paragraphs = %s twips, want 120 (6 pt)", got)
	}
}

func TestDataTablesHaveBordersABoldRepeatedHeaderAndRightAlignedFigures(t *testing.T) {
	tables := topTables(body(t, quarterlyReport(3)))
	data := tables[1]
	if got := data.first("tblBorders").first("insideH").attr("val"); got != "single" {
		t.Errorf("inner borders = %q, want single", got)
	}
	rows := data.all("tr")
	if len(rows) != 4 {
		t.Fatalf("the task table has %d rows, want header and 3 tasks", len(rows))
	}
	if rows[0].first("tblHeader") == nil {
		t.Error("the header row does not repeat on a page break")
	}
	if got := rows[0].first("pStyle").attr("val"); got != "TableHeading" {
		t.Errorf("the header row has style %s, want the bold TableHeading", got)
	}
	progress := rows[1].all("tc")[4]
	if progress.text() != "100" || progress.first("jc").attr("val") != "right" {
		t.Errorf("the progress figure %q is not aligned right", progress.text())
	}
	var widths []string
	for _, g := range data.all("gridCol") {
		widths = append(widths, g.attr("w"))
	}
	// 0.6 : 4.4 : 2 : 1.4 : 1.2 of the 9355 twips between the margins,
	// rounded down, the last column taking what rounding left over.
	if want := []string{"584", "4287", "1948", "1364", "1172"}; !slices.Equal(widths, want) {
		t.Errorf("column widths = %v, want %v", widths, want)
	}
}

func TestTheRecipientsAndTheSignatureCloseTheDocument(t *testing.T) {
	tables := topTables(body(t, quarterlyReport(1)))
	closing := tables[len(tables)-1]
	cells := closing.all("tc")
	if len(cells) != 2 {
		t.Fatalf("the closing table has %d cells, want 2", len(cells))
	}
	wantLeft := []string{"Nơi nhận:", "- Sở Nội vụ;", "- Giám đốc, các Phó Giám đốc Sở;", "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, VP."}
	if got := cells[0].paragraphs(); !slices.Equal(got, wantLeft) {
		t.Errorf("recipients read %q, want %q", got, wantLeft)
	}
	noiNhan := paragraphNamed(t, cells[0], "Nơi nhận:")
	if !noiNhan.has("b") || !noiNhan.has("i") || noiNhan.first("sz").attr("val") != "24" {
		t.Error(`"Nơi nhận:" is not bold italic 12 pt`)
	}
	if got := paragraphNamed(t, cells[0], "- Sở Nội vụ;").first("sz").attr("val"); got != "22" {
		t.Errorf("recipients are %s half-points, want 22 (11 pt)", got)
	}
	wantRight := []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"}
	if got := cells[1].paragraphs(); !slices.Equal(got, wantRight) {
		t.Errorf("signature reads %q, want %q", got, wantRight)
	}
	for _, text := range wantRight {
		if !paragraphNamed(t, cells[1], text).has("b") {
			t.Errorf("%q is not bold", text)
		}
	}
}

func TestRecipientsGetDashesSemicolonsAndAnArchiveLine(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []string
		want []string
	}{
		{"punctuation is added", []string{"Sở Nội vụ", "Lưu: VT, VP"}, []string{"- Sở Nội vụ;", "- Lưu: VT, VP."}},
		{"punctuation already typed is not doubled", []string{"- Sở Nội vụ;", "- Lưu: VT, VP."}, []string{"- Sở Nội vụ;", "- Lưu: VT, VP."}},
		{"a missing archive line is added", []string{"Sở Nội vụ"}, []string{"- Sở Nội vụ;", "- Lưu: VT."}},
		{"no recipients still keep the archive copy", nil, []string{"- Lưu: VT."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := recipientLines(c.in); !slices.Equal(got, c.want) {
				t.Errorf("recipientLines(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestPageNumbersAreCentredAtTheTopFromPageTwo(t *testing.T) {
	parts := docxParts(t, quarterlyReport(1))
	sect := body(t, quarterlyReport(1)).first("sectPr")
	if sect.first("titlePg") == nil {
		t.Fatal("the section has no titlePg, so page 1 would show a number")
	}
	refs := map[string]string{}
	for _, r := range sect.all("headerReference") {
		refs[r.attr("type")] = r.attr("id")
	}
	rels := parseXML(t, parts["word/_rels/document.xml.rels"])
	target := func(id string) string {
		for _, r := range rels.all("Relationship") {
			if r.Attrs["Id"] == id {
				return "word/" + r.Attrs["Target"]
			}
		}
		t.Fatalf("no relationship %s", id)
		return ""
	}
	following := parseXML(t, parts[target(refs["default"])])
	if instr := following.first("instrText"); instr == nil || strings.TrimSpace(instr.Text) != "PAGE" {
		t.Error("the header of the following pages has no PAGE field")
	}
	first := parseXML(t, parts[target(refs["first"])])
	if first.first("instrText") != nil || first.text() != "" {
		t.Error("the first-page header is not empty")
	}
	styles := parseXML(t, parts["word/styles.xml"])
	for _, s := range styles.all("style") {
		if s.attr("styleId") == "Header" && s.first("jc").attr("val") != "center" {
			t.Error("page numbers are not centred")
		}
	}
}

func TestMarkupCharactersInTextAreEscaped(t *testing.T) {
	doc := quarterlyReport(0)
	doc.Subject = `Tỷ lệ < 50% & "chậm" > 10 ngày`
	doc.Body = []Block{
		Paragraph{Text: "a < b && c > d </w:t></w:r>"},
		Table{Header: []string{"<TT>"}, Rows: [][]string{{"R&D"}}},
		Bullets{Items: []string{"x\x00y\x1b"}},
	}
	doc.Recipients = []string{"Phòng <KH&TC>"}
	b := body(t, doc) // fails when document.xml is not well-formed
	for _, want := range []string{doc.Subject, "a < b && c > d </w:t></w:r>", "<TT>", "R&D", "- x\uFFFDy\uFFFD", "- Phòng <KH&TC>;"} {
		paragraphNamed(t, b, want)
	}
}

func TestLineBreaksAndTabsInsideAParagraphBecomeWordBreaks(t *testing.T) {
	doc := quarterlyReport(0)
	doc.Body = []Block{Paragraph{Text: "dòng một\r\ndòng hai\tcột"}}
	p := paragraphNamed(t, body(t, doc), "dòng mộtdòng haicột")
	if len(p.all("br")) != 1 || len(p.all("tab")) != 1 {
		t.Errorf("paragraph has %d breaks and %d tabs, want 1 and 1", len(p.all("br")), len(p.all("tab")))
	}
}

func TestDecomposedVietnameseIsWrittenComposed(t *testing.T) {
	doc := quarterlyReport(0)
	decomposed := norm.NFD.String("Kết quả thực hiện")
	doc.Subject = decomposed
	doc.Body = []Block{Heading{Level: 2, Number: "1", Text: decomposed}}
	b := body(t, doc)
	paragraphNamed(t, b, "Kết quả thực hiện")
	paragraphNamed(t, b, "1. Kết quả thực hiện")
}

func TestADocumentWithAnEmptyBodyIsStillValid(t *testing.T) {
	doc := quarterlyReport(0)
	doc.Body = nil
	b := body(t, doc)
	if got := len(topTables(b)); got != 2 {
		t.Errorf("found %d tables, want the heading and the closing table", got)
	}
	paragraphNamed(t, b, "BÁO CÁO")
	paragraphNamed(t, b, "Nguyễn Văn An")
}

func TestEvenAZeroDocumentIsAWellFormedPackage(t *testing.T) {
	for name, data := range docxParts(t, Document{}) {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			parseXML(t, data)
		}
	}
}

func TestAnUnsignedDocumentLeavesTheDateAndNumberToBeFilledIn(t *testing.T) {
	doc := quarterlyReport(0)
	doc.Date = time.Time{}
	doc.Number = "/BC-SKHCN"
	heading := topTables(body(t, doc))[0]
	paragraphNamed(t, heading, "Hưng Yên, ngày      tháng      năm      ")
	paragraphNamed(t, heading, "Số:        /BC-SKHCN")
}

func TestAReportWithoutParentBodyStartsWithTheIssuer(t *testing.T) {
	doc := quarterlyReport(0)
	doc.ParentBody = ""
	doc.Issuer = "Ủy ban nhân dân tỉnh Hưng Yên"
	left := topTables(body(t, doc))[0].all("tc")[0].paragraphs()
	if left[0] != "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN" {
		t.Errorf("the left column starts with %q, want the issuer in capitals", left[0])
	}
}

func TestTheSameDocumentAlwaysGivesTheSameBytes(t *testing.T) {
	a, b := docxParts(t, quarterlyReport(2)), docxParts(t, quarterlyReport(2))
	for name := range a {
		if string(a[name]) != string(b[name]) {
			t.Errorf("%s differs between two writes of the same document", name)
		}
	}
}
