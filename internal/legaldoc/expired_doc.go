package legaldoc

import (
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/report"
)

// Issue says how a list is signed: its number (blank: written in by hand
// when signed), the signer's title and name, and the day (zero: left blank).
type Issue struct {
	Number      string
	SignerTitle string
	SignerName  string
	Date        time.Time
}

// header fills the parts of an official document every list shares.
func header(u Unit, kind, subject string, is Issue) report.Document {
	symbol := "QĐ"
	if u.ShortName != "" {
		symbol += "-" + u.ShortName
	}
	title := is.SignerTitle
	if title == "" {
		title = "GIÁM ĐỐC"
	}
	return report.Document{
		ParentBody: strings.ToUpper(u.ParentName),
		Issuer:     strings.ToUpper(u.Name),
		Number:     strings.TrimSpace(is.Number) + "/" + symbol,
		Place:      placeOf(u),
		Date:       is.Date,
		Kind:       kind,
		Subject:    subject,
		Recipients: []string{"Như Điều 3", "Sở Tư pháp", "Cổng thông tin điện tử", "Lưu: VT"},
		Signature:  report.Signature{Title: strings.ToUpper(title), Name: is.SignerName},
	}
}

// placeOf is the place of the date line: the province in the parent
// body's name ("UBND tỉnh Hưng Yên" → "Hưng Yên").
func placeOf(u Unit) string { return report.PlaceOf(u.ParentName, u.Name) }

// Document lays the yearly list out as the head's decision publishing it
// (Decree 30/2020 layout), with the list itself after the articles: part I
// the documents that expired wholly, part II those that expired in part.
func (l ExpiredList) Document(is Issue) report.Document {
	subject := fmt.Sprintf("Công bố Danh mục văn bản quy phạm pháp luật hết hiệu lực toàn bộ hoặc một phần năm %d", l.Year)
	doc := header(l.Unit, "QUYẾT ĐỊNH", subject, is)
	doc.Body = []report.Block{
		report.Paragraph{Text: "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15, được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;"},
		report.Paragraph{Text: "Căn cứ Nghị định số 79/2025/NĐ-CP của Chính phủ về kiểm tra, rà soát, hệ thống hóa và xử lý văn bản quy phạm pháp luật;"},
		report.Paragraph{Text: "Theo kết quả rà soát văn bản quy phạm pháp luật năm " + fmt.Sprint(l.Year) + ".", Runs: nil},
		report.Paragraph{Runs: []report.Run{{Text: "QUYẾT ĐỊNH:", Bold: true}}},
		report.Paragraph{Runs: []report.Run{{Text: "Điều 1. ", Bold: true}, {Text: fmt.Sprintf(
			"Công bố kèm theo Quyết định này Danh mục văn bản quy phạm pháp luật hết hiệu lực toàn bộ hoặc một phần năm %d, gồm: %d văn bản hết hiệu lực toàn bộ và %d văn bản hết hiệu lực một phần.",
			l.Year, len(l.Full), len(l.Partial))}}},
		report.Paragraph{Runs: []report.Run{{Text: "Điều 2. ", Bold: true}, {Text: "Quyết định này có hiệu lực kể từ ngày ký."}}},
		report.Paragraph{Runs: []report.Run{{Text: "Điều 3. ", Bold: true}, {Text: "Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc " + l.Unit.Name + " và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này."}}},
		report.Heading{Level: 1, Number: "", Text: "DANH MỤC " + strings.ToUpper(strings.TrimPrefix(subject, "Công bố Danh mục "))},
	}
	doc.Body = append(doc.Body, report.Heading{Level: 1, Number: "I", Text: "VĂN BẢN HẾT HIỆU LỰC TOÀN BỘ"}, fullTable(l.Full))
	doc.Body = append(doc.Body, report.Heading{Level: 1, Number: "II", Text: "VĂN BẢN HẾT HIỆU LỰC MỘT PHẦN"}, partialTable(l.Partial))
	return doc
}

// The list's columns (the legal list of domain §7).
var (
	fullHeader    = []string{"STT", "Số, ký hiệu", "Ngày ban hành", "Tên gọi của văn bản", "Lý do hết hiệu lực", "Ngày hết hiệu lực"}
	partialHeader = []string{"STT", "Số, ký hiệu", "Ngày ban hành", "Tên gọi của văn bản", "Nội dung, quy định hết hiệu lực", "Lý do hết hiệu lực", "Ngày hết hiệu lực"}
)

func fullTable(rows []ExpiredRow) report.Table {
	t := report.Table{Header: fullHeader, ColumnWidths: []float64{0.5, 1.7, 1.6, 2.5, 2.5, 1.6}, NumericColumns: []int{0}}
	for i, r := range rows {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), r.Number, vn.FormatDate(r.IssuedOn), titleOf(r), r.Reason, vn.FormatDate(r.ExpiredOn)})
	}
	if len(rows) == 0 {
		t.Rows = [][]string{{"", "Không có", "", "", "", ""}}
	}
	return t
}

func partialTable(rows []ExpiredRow) report.Table {
	t := report.Table{Header: partialHeader, ColumnWidths: []float64{0.5, 1.5, 1.65, 1.8, 1.4, 1.9, 1.65}, NumericColumns: []int{0}}
	for i, r := range rows {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), r.Number, vn.FormatDate(r.IssuedOn), titleOf(r), r.Provisions, r.Reason, vn.FormatDate(r.ExpiredOn)})
	}
	if len(rows) == 0 {
		t.Rows = [][]string{{"", "Không có", "", "", "", "", ""}}
	}
	return t
}

// Sheets is the list as a workbook: one sheet per part, dates as dates.
func (l ExpiredList) Sheets() []report.Sheet {
	full := report.Sheet{Name: "Hết hiệu lực toàn bộ", Title: fmt.Sprintf("Văn bản hết hiệu lực toàn bộ năm %d — %s", l.Year, l.Unit.Name), Header: fullHeader}
	for i, r := range l.Full {
		full.Rows = append(full.Rows, []any{i + 1, r.Number, r.IssuedOn, titleOf(r), r.Reason, r.ExpiredOn})
	}
	part := report.Sheet{Name: "Hết hiệu lực một phần", Title: fmt.Sprintf("Văn bản hết hiệu lực một phần năm %d — %s", l.Year, l.Unit.Name), Header: partialHeader}
	for i, r := range l.Partial {
		part.Rows = append(part.Rows, []any{i + 1, r.Number, r.IssuedOn, titleOf(r), r.Provisions, r.Reason, r.ExpiredOn})
	}
	return []report.Sheet{full, part}
}
