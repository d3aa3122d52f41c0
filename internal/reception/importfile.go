package reception

import (
	"fmt"
	"io"
	"strings"
	"time"

	"papihub/internal/platform/tabular"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// A feedback file is what the national portal's feedback channel (PAKN)
// exports: one row per petition or reflection a citizen sent, with the
// channel's own code, and the answer and rating once given. Columns are
// found by their titles, in any order, after any title rows.
const (
	colCode     = "code"
	colReceived = "received_on"
	colKind     = "kind"
	colSummary  = "summary"
	colName     = "name"
	colAddress  = "address"
	colPhone    = "phone"
	colID       = "id_number"
	colAnswered = "answered_on"
	colAnswer   = "answer"
	colRating   = "rating"
	colPublic   = "public"
)

var feedbackTitles = func() map[string]string {
	m := map[string]string{}
	add := func(col string, titles ...string) {
		for _, t := range titles {
			m[tabular.HeaderKey(t)] = col
		}
	}
	add(colCode, "Mã PAKN", "Mã phản ánh kiến nghị", "Mã phản ánh", "Mã", "Mã số", "MaPAKN", "code")
	add(colReceived, "Ngày gửi", "Ngày tiếp nhận", "Ngày nhận", "NgayTiepNhan", "NgayGui", "received on", "received")
	add(colKind, "Loại", "Phân loại", "Loại PAKN", "Loai", "kind")
	add(colSummary, "Nội dung", "Nội dung phản ánh kiến nghị", "Tiêu đề", "NoiDung", "summary")
	add(colName, "Họ tên", "Họ và tên", "Người gửi", "HoTen", "name")
	add(colAddress, "Địa chỉ", "DiaChi", "address")
	add(colPhone, "Số điện thoại", "Điện thoại", "SoDienThoai", "phone")
	add(colID, "Số giấy tờ", "Số CCCD", "Số định danh", "SoGiayTo", "id number")
	add(colAnswered, "Ngày trả lời", "Ngày xử lý xong", "NgayTraLoi", "answered on")
	add(colAnswer, "Nội dung trả lời", "Kết quả trả lời", "Trả lời", "NoiDungTraLoi", "answer")
	add(colRating, "Đánh giá", "Mức độ hài lòng", "DanhGia", "rating")
	add(colPublic, "Công khai", "CongKhai", "public")
	return m
}()

// FeedbackRow is one row of a feedback file: the entry it makes, and the
// answer and rating it brings.
type FeedbackRow struct {
	Line       int
	Code       string
	Entry      Entry
	AnsweredOn time.Time
	Answer     string
	Public     bool
	Rating     Rating
}

// Decoder reads a feedback file (CSV or XLSX) row by row.
type Decoder struct {
	r      *tabular.Reader
	cols   map[string]int
	titles map[string]string
}

// NewDecoder finds the header of a feedback file; format is "csv" or
// "xlsx". The header must name the code, the day and the content.
func NewDecoder(r io.Reader, format string) (*Decoder, error) {
	t, err := tabular.OpenTable(r, format, feedbackTitles, "các cột Mã PAKN, Ngày gửi và Nội dung", colCode, colReceived, colSummary)
	if err != nil {
		return nil, err
	}
	return &Decoder{r: t.Reader, cols: t.Cols, titles: t.Titles}, nil
}

// Close releases the file.
func (d *Decoder) Close() error { return d.r.Close() }

// DecodeError is a row refused with its reasons.
type DecodeError struct {
	Line   int
	Errors []tabular.RowError
}

func (e *DecodeError) Error() string { return fmt.Sprintf("dòng %d: %d lỗi", e.Line, len(e.Errors)) }

// fieldColumn maps an entry's form field to the file's column.
var fieldColumn = map[string]string{"received_on": colReceived, "kind": colKind, "summary": colSummary, "name": colName,
	"address": colAddress, "phone": colPhone, "id_number": colID}

// Next reads the next row: a FeedbackRow, a *DecodeError for a refused
// row, or io.EOF. today bounds every date; unitName is the agency's.
func (d *Decoder) Next(today time.Time) (FeedbackRow, error) {
	cells, line, err := d.r.Next()
	if err != nil {
		return FeedbackRow{}, err
	}
	cell := func(col string) string {
		i, ok := d.cols[col]
		if !ok {
			return ""
		}
		return tabular.Cell(cells, i)
	}
	var errs []tabular.RowError
	seen := map[string]bool{} // one reason per column: the first says it
	bad := func(col, reason string) {
		if seen[col] {
			return
		}
		seen[col] = true
		title := d.titles[col]
		if title == "" {
			title = col
		}
		errs = append(errs, tabular.RowError{Line: line, Column: title, Reason: reason})
	}
	date := func(col string) time.Time {
		t, err := tabular.ParseDate(cell(col))
		if err != nil {
			bad(col, err.Error())
			return time.Time{}
		}
		if t.IsZero() {
			return t
		}
		return Day(t.Year(), t.Month(), t.Day())
	}
	row := FeedbackRow{Line: line, Code: cell(colCode), Answer: cell(colAnswer)}
	if row.Code == "" {
		bad(colCode, "thiếu mã phản ánh, kiến nghị")
	} else if web.LongerThan(row.Code, web.MaxCode) {
		bad(colCode, "mã quá dài")
	}
	e := Entry{Channel: Online, ReceivedOn: date(colReceived), Summary: cell(colSummary), Handling: Accepted,
		Person: Person{Name: cell(colName), Address: cell(colAddress), Phone: cell(colPhone), IDNumber: cell(colID)}}
	switch k := vn.Fold(cell(colKind)); {
	case k == "" || strings.Contains(k, "phan anh") || k == "reflection":
		e.Kind = Reflection
	case strings.Contains(k, "kien nghi") || k == "petition":
		e.Kind = Petition
	default:
		bad(colKind, fmt.Sprintf("kênh phản ánh, kiến nghị chỉ nhận phản ánh hoặc kiến nghị, gặp %q", cell(colKind)))
	}
	e.Anonymous = e.Person == Person{}
	e.HandledOn = e.ReceivedOn
	for field, key := range e.Validate(today, "") {
		if col, ok := fieldColumn[field]; ok {
			bad(col, web.T(web.LangVI, key))
		} else {
			bad(colSummary, web.T(web.LangVI, key))
		}
	}
	row.AnsweredOn = date(colAnswered)
	switch {
	case row.AnsweredOn.IsZero() && row.Answer != "":
		bad(colAnswered, "có nội dung trả lời nhưng thiếu ngày trả lời")
	case !row.AnsweredOn.IsZero() && row.Answer == "":
		bad(colAnswer, "có ngày trả lời nhưng thiếu nội dung trả lời")
	case !row.AnsweredOn.IsZero() && row.AnsweredOn.After(day(today)):
		bad(colAnswered, "ngày trả lời sau hôm nay")
	case !row.AnsweredOn.IsZero() && !e.ReceivedOn.IsZero() && row.AnsweredOn.Before(e.ReceivedOn):
		bad(colAnswered, "ngày trả lời trước ngày gửi")
	}
	if web.LongerThan(row.Answer, web.MaxParagraph) {
		bad(colAnswer, "nội dung trả lời quá dài")
	}
	switch r := vn.Fold(cell(colRating)); {
	case r == "":
	case strings.Contains(r, "khong hai long") || r == "dissatisfied":
		row.Rating = Dissatisfied
	case strings.Contains(r, "hai long") || r == "satisfied":
		row.Rating = Satisfied
	default:
		bad(colRating, fmt.Sprintf("đánh giá %q phải là Hài lòng hoặc Không hài lòng", cell(colRating)))
	}
	if row.Rating != Unrated && row.AnsweredOn.IsZero() {
		bad(colRating, "chỉ đánh giá được khi đã trả lời")
	}
	switch p := vn.Fold(cell(colPublic)); p {
	case "", "khong", "no", "0":
	case "co", "yes", "1", "x":
		row.Public = true
	default:
		bad(colPublic, fmt.Sprintf("công khai %q phải là Có hoặc Không", cell(colPublic)))
	}
	row.Entry = e
	if len(errs) > 0 {
		return row, &DecodeError{Line: line, Errors: errs}
	}
	return row, nil
}
