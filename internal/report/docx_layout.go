package report

import "unicode/utf8"

// Page geometry of Decree 30/2020 Appendix I, in twips: A4 paper, margins
// top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. We take the
// smallest margins of each range, which leaves the most room for tables.
var (
	pageWidth    = 11906 // 210 mm
	pageHeight   = 16838 // 297 mm
	marginTop    = twips(20)
	marginBottom = twips(20)
	marginLeft   = twips(30)
	marginRight  = twips(15)
	marginHeader = twips(10) // distance of the page number from the top edge
	textWidth    = pageWidth - marginLeft - marginRight
)

// Font sizes in half-points, from Decree 30/2020 Appendix I: the lines of
// the heading table at 13 pt (the motto at 13–14, we take 14), the body at
// 14, "Nơi nhận:" at 12 and the recipients at 11.
const (
	sizeHeader     = 26
	sizeMotto      = 28
	sizeBody       = 28
	sizeRecipients = 22
	sizeNoiNhan    = 24
)

// The heading table is wider than the text and reaches 10 mm into the left
// margin: the national name at 13 pt bold needs about 96 mm on one line, and
// the left column must still hold an issuer name such as "SỞ KHOA HỌC VÀ
// CÔNG NGHỆ" (about 73 mm) on one line. Centred in their columns, the two
// blocks then sit where the Decree 30 model places them.
var (
	headerIndent     = -twips(10)
	headerLeftWidth  = twips(76)
	headerRightWidth = textWidth - headerIndent - headerLeftWidth
)

// The closing table: recipients on the left, the signature on the right.
var (
	closingLeftWidth  = twips(75)
	closingRightWidth = textWidth - closingLeftWidth
)

// Rule lengths. Decree 30/2020 Appendix I: under the issuer and under the
// subject a solid rule 1/3 to 1/2 as long as the line above; under the motto
// a rule as long as the motto.
var (
	issuerRuleWidth = twips(28) // about 40 % of a typical issuer line
	mottoRuleWidth  = twips(60) // the motto at 14 pt bold is 60 mm long
)

// subjectRuleWidth is a third of the subject's first line, whose width is
// estimated at 0.45 em a character for Times New Roman bold at 14 pt
// (measured on Liberation Serif, its metric twin), and kept between 20 mm
// and a third of the text width.
func subjectRuleWidth(subject string) int {
	line := min(utf8.RuneCountInString(clean(subject))*sizeBody*10*45/100, textWidth)
	return max(line/3, twips(20))
}
