package inspection

import (
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/report"
)

// Issue says how a report is signed: its number (blank: written in by hand
// when signed), the signer's title and name, and the day (zero: left
// blank).
type Issue struct {
	Number      string
	SignerTitle string
	SignerName  string
	Date        time.Time
}

// KindFollowUp is the kind of the follow-up report in the register of
// issued reports.
const KindFollowUp = "inspection"

// spanLabel words the span: "từ 01/07/2025 đến 30/09/2025".
func (f FollowUp) spanLabel() string {
	return "từ ngày " + vn.FormatDate(f.From) + " đến ngày " + vn.FormatDate(f.To)
}

// Document lays the follow-up out as the unit's report (Decree 30/2020
// layout): the figures in words, the table by conclusion, and the list for
// strict handling.
func (f FollowUp) Document(is Issue) report.Document {
	symbol := "BC"
	if f.Unit.ShortName != "" {
		symbol += "-" + f.Unit.ShortName
	}
	title := is.SignerTitle
	if title == "" {
		title = "GIÁM ĐỐC"
	}
	t := f.Total
	share := "—"
	if s, ok := t.Share(); ok {
		share = vn.FormatPercent(s*100, 1)
	}
	doc := report.Document{
		ParentBody: strings.ToUpper(f.Unit.ParentName),
		Issuer:     strings.ToUpper(f.Unit.Name),
		Number:     strings.TrimSpace(is.Number) + "/" + symbol,
		Place:      report.PlaceOf(f.Unit.ParentName, f.Unit.Name),
		Date:       is.Date,
		Kind:       "BÁO CÁO",
		Subject:    "Kết quả theo dõi, đôn đốc thực hiện kết luận thanh tra, kiểm tra, kiểm toán " + f.spanLabel(),
		Recipients: []string{"Thanh tra tỉnh", "Lãnh đạo Sở", "Lưu: VT"},
		Signature:  report.Signature{Title: strings.ToUpper(title), Name: is.SignerName},
	}
	doc.Body = []report.Block{
		report.Heading{Level: 1, Number: "I", Text: "KẾT QUẢ THỰC HIỆN"},
		report.Paragraph{Text: fmt.Sprintf("Trong kỳ, đơn vị theo dõi %d kết luận với %d kiến nghị: đã hoàn thành %d (trong đó %d hoàn thành sau thời hạn), đang thực hiện trong hạn %d, quá hạn chưa hoàn thành %d; %d kiến nghị tái phạm.",
			len(f.Rows), t.Recs, t.Done, t.Late, t.Open, t.Overdue, t.Repeats)},
		report.Paragraph{Text: fmt.Sprintf("Về kinh tế: kiến nghị thu hồi %s đồng, đã thu hồi %s đồng, đạt %s.", vn.FormatInt(t.AmountDue), vn.FormatInt(t.AmountRecovered), share)},
		report.Paragraph{Text: fmt.Sprintf("Về xử lý trách nhiệm: kiến nghị xử lý %d tập thể, cá nhân; đã xử lý %d.", t.People, t.PeopleDone)},
		report.Paragraph{Text: fmt.Sprintf("Văn bản chỉ đạo thực hiện kết luận nhận trong kỳ (hạn 15 ngày kể từ ngày nhận): ban hành đúng hạn %d, ban hành muộn %d, quá hạn chưa ban hành %d, còn trong hạn %d.",
			f.Directives[DirectiveOnTime], f.Directives[DirectiveLate], f.Directives[DirectiveOverdue], f.Directives[DirectiveWaiting])},
		report.Heading{Level: 1, Number: "II", Text: "TÌNH HÌNH THỰC HIỆN THEO TỪNG KẾT LUẬN"},
		f.table(),
		report.Heading{Level: 1, Number: "III", Text: "KIẾN NGHỊ CẦN XỬ LÝ NGHIÊM"},
		f.strictTable(),
	}
	return doc
}

var (
	followHeader = []string{"STT", "Kết luận", "Ngày", "Cơ quan ban hành", "Số kiến nghị", "Đã hoàn thành", "Đang thực hiện", "Quá hạn",
		"Phải thu hồi (đ)", "Đã thu hồi (đ)", "Tỷ lệ"}
	strictHeader = []string{"STT", "Kết luận", "Nội dung kiến nghị", "Đơn vị thực hiện", "Thời hạn", "Tình trạng"}
)

func shareText(r FollowRow) string {
	if s, ok := r.Share(); ok {
		return vn.FormatPercent(s*100, 1)
	}
	return "—"
}

func (f FollowUp) table() report.Table {
	t := report.Table{Header: followHeader, ColumnWidths: []float64{0.4, 1.2, 1, 1.5, 0.7, 0.8, 0.8, 0.7, 1.2, 1.2, 0.7}, NumericColumns: []int{0, 4, 5, 6, 7, 8, 9, 10}}
	for i, r := range f.Rows {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), r.Conclusion.Number, vn.FormatDate(r.Conclusion.IssuedOn), r.Conclusion.Issuer,
			fmt.Sprint(r.Recs), fmt.Sprint(r.Done), fmt.Sprint(r.Open), fmt.Sprint(r.Overdue), vn.FormatInt(r.AmountDue), vn.FormatInt(r.AmountRecovered), shareText(r)})
	}
	tt := f.Total
	t.Rows = append(t.Rows, []string{"", "Tổng cộng", "", "", fmt.Sprint(tt.Recs), fmt.Sprint(tt.Done), fmt.Sprint(tt.Open), fmt.Sprint(tt.Overdue),
		vn.FormatInt(tt.AmountDue), vn.FormatInt(tt.AmountRecovered), shareText(tt)})
	return t
}

// strictWords says why a recommendation is on the strict list.
func (f FollowUp) strictWords(r Recommendation) string {
	var why []string
	switch {
	case r.StatusAt(f.To) == StatusOverdue:
		why = append(why, fmt.Sprintf("Quá hạn %d ngày", r.DaysOver(f.To)))
	case r.Late():
		why = append(why, fmt.Sprintf("Hoàn thành muộn %d ngày", r.DaysOver(f.To)))
	}
	if r.RepeatOf != 0 {
		why = append(why, "Tái phạm")
	}
	return strings.Join(why, "; ")
}

func (f FollowUp) strictTable() report.Table {
	t := report.Table{Header: strictHeader, ColumnWidths: []float64{0.4, 1.3, 3, 1.6, 1, 1.4}, NumericColumns: []int{0}}
	for i, r := range f.Strict {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), r.Conclusion.Number, r.Content, r.ResponsibleName, vn.FormatDate(r.Deadline), f.strictWords(r)})
	}
	if len(f.Strict) == 0 {
		t.Rows = [][]string{{"", "Không có", "", "", "", ""}}
	}
	return t
}

// Sheets is the follow-up as a workbook: by conclusion, then the list for
// strict handling; dates as dates, amounts as numbers.
func (f FollowUp) Sheets() []report.Sheet {
	by := report.Sheet{Name: "Theo kết luận", Title: "Kết quả thực hiện kết luận " + f.spanLabel() + " — " + f.Unit.Name, Header: followHeader}
	row := func(i any, r FollowRow, number string, issued any) []any {
		var share any = ""
		if s, ok := r.Share(); ok {
			share = s
		}
		return []any{i, number, issued, r.Conclusion.Issuer, r.Recs, r.Done, r.Open, r.Overdue, r.AmountDue, r.AmountRecovered, share}
	}
	for i, r := range f.Rows {
		by.Rows = append(by.Rows, row(i+1, r, r.Conclusion.Number, r.Conclusion.IssuedOn))
	}
	by.Rows = append(by.Rows, row("", f.Total, "Tổng cộng", ""))
	by.NumberFormats = []string{"", "", "", "", "", "", "", "", "#,##0", "#,##0", "0.0%"}
	strict := report.Sheet{Name: "Cần xử lý nghiêm", Header: strictHeader}
	for i, r := range f.Strict {
		strict.Rows = append(strict.Rows, []any{i + 1, r.Conclusion.Number, r.Content, r.ResponsibleName, r.Deadline, f.strictWords(r)})
	}
	return []report.Sheet{by, strict}
}
