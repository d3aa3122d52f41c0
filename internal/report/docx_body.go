package report

import (
	"strconv"
	"strings"
)

const (
	nationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	motto        = "Độc lập - Tự do - Hạnh phúc"
)

// documentXML lays the document out as word/document.xml.
func documentXML(doc Document) string {
	var x wml
	x.Grow(4096 + 600*len(doc.Body))
	x.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	x.headingTable(doc)
	x.title(doc)
	for _, b := range doc.Body {
		switch b := b.(type) {
		case Heading:
			x.heading(b)
		case Paragraph:
			x.paragraph(b)
		case Bullets:
			for _, item := range b.Items {
				x.para(`<w:pStyle w:val="BodyText"/>`, "- "+item, runStyle{})
			}
		case Table:
			x.table(b)
		}
	}
	x.closing(doc)
	x.sectionProperties()
	x.WriteString(`</w:body></w:document>`)
	return x.String()
}

// headingTable writes the two-column borderless table at the top of the
// first page (Decree 30/2020 Appendix I, items 1–4): on the left the parent
// body, the issuer with a short rule below, and the number; on the right the
// national name, the motto with its rule, and the place and date.
func (x *wml) headingTable(doc Document) {
	x.borderlessTable(headerIndent, headerLeftWidth, headerRightWidth)

	x.WriteString(`<w:tr><w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(headerLeftWidth) + `" w:type="dxa"/></w:tcPr>`)
	if doc.ParentBody != "" {
		x.para(centred, upper(doc.ParentBody), runStyle{Size: sizeHeader})
	}
	x.para(centred, upper(doc.Issuer), runStyle{Bold: true, Size: sizeHeader})
	x.rule(headerLeftWidth, issuerRuleWidth)
	x.para(centred+spaceBefore(120), "Số: "+numberText(doc.Number), runStyle{Size: sizeHeader})
	x.WriteString(`</w:tc>`)

	x.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(headerRightWidth) + `" w:type="dxa"/></w:tcPr>`)
	x.para(centred, nationalName, runStyle{Bold: true, Size: sizeHeader})
	x.para(centred, motto, runStyle{Bold: true, Size: sizeMotto})
	x.rule(headerRightWidth, mottoRuleWidth)
	x.para(centred+spaceBefore(120), dateLine(doc.Place, doc.Date), runStyle{Italic: true, Size: sizeBody})
	x.WriteString(`</w:tc></w:tr></w:tbl>`)
}

// numberText prints a number not yet given ("/BC-SKHCN") with blank room
// before the slash, where the records clerk writes it at registration.
func numberText(number string) string {
	if strings.HasPrefix(number, "/") {
		return "       " + number
	}
	return number
}

// title writes the document kind and the subject line (Decree 30/2020
// Appendix I, item 5): both centred and bold, with a short rule under the
// subject.
func (x *wml) title(doc Document) {
	x.para(centred+spaceBefore(480)+`<w:keepNext/>`, upper(doc.Kind), runStyle{Bold: true, Size: sizeBody})
	if doc.Subject != "" {
		x.para(centred+`<w:keepNext/>`, doc.Subject, runStyle{Bold: true, Size: sizeBody})
	}
	x.rule(textWidth, subjectRuleWidth(doc.Subject))
	x.para(`<w:spacing w:before="120" w:after="0"/>`, "", runStyle{})
}

// heading writes a numbered heading: "I." bold and upper case, "1." bold,
// "a)" italic, the way Vietnamese official documents number their parts.
func (x *wml) heading(h Heading) {
	level := min(max(h.Level, 1), 3)
	text := clean(h.Text)
	number := h.Number
	switch {
	case number == "":
	case level == 3:
		number += ") "
	default:
		number += ". "
	}
	if level == 1 {
		text = upper(text)
	}
	x.para(`<w:pStyle w:val="Heading`+strconv.Itoa(level)+`"/>`, number+text, runStyle{})
}

func (x *wml) paragraph(p Paragraph) {
	x.open(`<w:pStyle w:val="BodyText"/>`)
	x.run(p.Text, runStyle{})
	for _, r := range p.Runs {
		x.run(r.Text, runStyle{Bold: r.Bold, Italic: r.Italic})
	}
	x.WriteString("</w:p>")
}

// table writes a bordered data table. The header row repeats at the top of
// every page the table runs onto, and no row is split across pages, so a
// reader never meets a figure without its column name.
func (x *wml) table(t Table) {
	cols := len(t.Header)
	for _, row := range t.Rows {
		cols = max(cols, len(row))
	}
	if cols == 0 {
		return
	}
	widths := columnWidths(t.ColumnWidths, cols, textWidth)
	numeric := make([]bool, cols)
	for _, c := range t.NumericColumns {
		if c >= 0 && c < cols {
			numeric[c] = true
		}
	}

	x.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(textWidth) + `" w:type="dxa"/>` +
		`<w:tblBorders>` + border("top") + border("left") + border("bottom") + border("right") +
		border("insideH") + border("insideV") + `</w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		x.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	x.WriteString(`</w:tblGrid>`)
	if len(t.Header) > 0 {
		x.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
		for i := range cols {
			x.cell(widths[i], `<w:pStyle w:val="TableHeading"/>`, cellText(t.Header, i))
		}
		x.WriteString(`</w:tr>`)
	}
	for _, row := range t.Rows {
		x.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i := range cols {
			pPr := `<w:pStyle w:val="TableText"/>`
			if numeric[i] {
				pPr += `<w:jc w:val="right"/>`
			}
			x.cell(widths[i], pPr, cellText(row, i))
		}
		x.WriteString(`</w:tr>`)
	}
	x.WriteString(`</w:tbl>`)
	// Word needs a paragraph between a table and whatever follows it; this
	// one also gives the table room below.
	x.para(`<w:spacing w:before="60" w:after="0"/>`, "", runStyle{})
}

func (x *wml) cell(width int, pPr, text string) {
	x.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/></w:tcPr>`)
	x.para(pPr, text, runStyle{})
	x.WriteString(`</w:tc>`)
}

func cellText(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func border(side string) string {
	return `<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`
}

// columnWidths shares total among the columns in proportion to relative,
// or equally when relative does not give one positive width per column.
func columnWidths(relative []float64, cols, total int) []int {
	sum := 0.0
	for _, r := range relative {
		if r <= 0 {
			sum = 0
			break
		}
		sum += r
	}
	widths := make([]int, cols)
	used := 0
	for i := range widths {
		if len(relative) == cols && sum > 0 {
			widths[i] = int(float64(total) * relative[i] / sum)
		} else {
			widths[i] = total / cols
		}
		used += widths[i]
	}
	widths[cols-1] += total - used
	return widths
}

// closing writes the borderless table that ends the document (Decree
// 30/2020 Appendix I, items 7–9): "Nơi nhận" with the recipients on the left
// and the signature block on the right.
func (x *wml) closing(doc Document) {
	x.para(`<w:spacing w:before="120" w:after="0"/>`, "", runStyle{})
	x.borderlessTable(0, closingLeftWidth, closingRightWidth)
	x.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(closingLeftWidth) + `" w:type="dxa"/></w:tcPr>`)
	x.para(`<w:spacing w:before="0" w:after="0"/>`, "Nơi nhận:", runStyle{Bold: true, Italic: true, Size: sizeNoiNhan})
	for _, line := range recipientLines(doc.Recipients) {
		x.para(``, line, runStyle{Size: sizeRecipients})
	}
	x.WriteString(`</w:tc><w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(closingRightWidth) + `" w:type="dxa"/></w:tcPr>`)
	sig := doc.Signature
	if sig.Authority != "" {
		x.para(centred, upper(sig.Authority), runStyle{Bold: true, Size: sizeBody})
	}
	x.para(centred, upper(sig.Title), runStyle{Bold: true, Size: sizeBody})
	// About 3 cm of room for the handwritten signature and the seal.
	x.para(centred+spaceBefore(twips(30)), sig.Name, runStyle{Bold: true, Size: sizeBody})
	x.WriteString(`</w:tc></w:tr></w:tbl>`)
}

// recipientLines formats the "Nơi nhận" list: each recipient on its own line
// after a dash and ending with a semicolon, the last being the archive entry
// "Lưu: VT, …" ending with a full stop (Decree 30/2020 Appendix I).
func recipientLines(recipients []string) []string {
	var names []string
	for _, r := range recipients {
		r = strings.TrimSpace(r)
		r = strings.TrimSpace(strings.TrimPrefix(r, "-"))
		r = strings.TrimRight(r, ";.  ")
		if r != "" {
			names = append(names, r)
		}
	}
	if len(names) == 0 || !strings.HasPrefix(names[len(names)-1], "Lưu") {
		names = append(names, "Lưu: VT")
	}
	lines := make([]string, len(names))
	for i, n := range names {
		end := ";"
		if i == len(names)-1 {
			end = "."
		}
		lines[i] = "- " + n + end
	}
	return lines
}

// borderlessTable opens a two-column table without borders or cell margins
// for the parts of the page that Decree 30 lays out side by side.
func (x *wml) borderlessTable(indent, left, right int) {
	x.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(left+right) + `" w:type="dxa"/>` +
		`<w:tblInd w:w="` + strconv.Itoa(indent) + `" w:type="dxa"/>` +
		`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>` +
		`<w:tblGrid><w:gridCol w:w="` + strconv.Itoa(left) + `"/><w:gridCol w:w="` + strconv.Itoa(right) + `"/></w:tblGrid>`)
}

// rule draws a short centred horizontal line as the bottom border of an
// empty paragraph of small fixed height (so the line sits a little below the
// text above it), indented so that the line is length long
// within a space width wide. A paragraph border, unlike a drawing, stays in
// place in every word processor and survives editing.
func (x *wml) rule(width, length int) {
	indent := strconv.Itoa(max(width-length, 0) / 2)
	x.WriteString(`<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>` +
		`<w:spacing w:before="0" w:after="0" w:line="80" w:lineRule="exact"/>` +
		`<w:ind w:left="` + indent + `" w:right="` + indent + `"/><w:jc w:val="center"/>` +
		`<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>`)
}

// sectionProperties sets the page (A4 with the Decree 30 margins) and puts
// the page number header on every page but the first (titlePg).
func (x *wml) sectionProperties() {
	x.WriteString(`<w:sectPr>` +
		`<w:headerReference w:type="default" r:id="` + headerPageNumberID + `"/>` +
		`<w:headerReference w:type="first" r:id="` + headerFirstPageID + `"/>` +
		`<w:pgSz w:w="` + strconv.Itoa(pageWidth) + `" w:h="` + strconv.Itoa(pageHeight) + `"/>` +
		`<w:pgMar w:top="` + strconv.Itoa(marginTop) + `" w:right="` + strconv.Itoa(marginRight) +
		`" w:bottom="` + strconv.Itoa(marginBottom) + `" w:left="` + strconv.Itoa(marginLeft) +
		`" w:header="` + strconv.Itoa(marginHeader) + `" w:footer="` + strconv.Itoa(marginHeader) + `" w:gutter="0"/>` +
		`<w:titlePg/></w:sectPr>`)
}

const centred = `<w:jc w:val="center"/>`

func spaceBefore(tw int) string {
	return `<w:spacing w:before="` + strconv.Itoa(tw) + `" w:after="0"/>`
}
