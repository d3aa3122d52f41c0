package inspection

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/tabular"
)

// A register file has one row per recommendation; the conclusion's columns
// repeat on each of its rows, and the rows of one conclusion (same number)
// make it up. Columns are found by their titles, in any order, after any
// title rows; the responsible unit is named by its code or its name.
const (
	colNumber      = "number"
	colIssued      = "issued_on"
	colReceived    = "received_on"
	colIssuer      = "issuer"
	colSource      = "source"
	colSubjects    = "subjects"
	colSummary     = "summary"
	colDirNumber   = "directive_number"
	colDirOn       = "directive_on"
	colKind        = "kind"
	colContent     = "content"
	colResponsible = "responsible"
	colDeadline    = "deadline"
	colDue         = "amount_due"
	colRecovered   = "amount_recovered"
	colPeople      = "people"
	colForm        = "discipline_form"
	colProgress    = "progress"
	colDoneOn      = "done_on"
	colResult      = "result"
)

// columnLabels name in Vietnamese the columns a file may lack, for an error
// about a field the file does not carry.
var columnLabels = map[string]string{colNumber: "Số kết luận", colIssued: "Ngày kết luận", colReceived: "Ngày nhận", colIssuer: "Cơ quan ban hành",
	colSource: "Nguồn", colSubjects: "Đối tượng", colSummary: "Nội dung kết luận", colDirNumber: "Số văn bản chỉ đạo", colDirOn: "Ngày văn bản chỉ đạo",
	colKind: "Loại kiến nghị", colContent: "Nội dung kiến nghị", colResponsible: "Đơn vị thực hiện", colDeadline: "Thời hạn", colDue: "Số tiền phải thu hồi",
	colRecovered: "Số tiền đã thu hồi", colPeople: "Số tập thể, cá nhân", colForm: "Hình thức xử lý", colProgress: "Tình trạng", colDoneOn: "Ngày hoàn thành",
	colResult: "Kết quả"}

// headerTitles maps column titles (folded by tabular.HeaderKey) to columns.
var headerTitles = func() map[string]string {
	m := map[string]string{}
	add := func(col string, titles ...string) {
		for _, t := range titles {
			m[tabular.HeaderKey(t)] = col
		}
	}
	add(colNumber, "Số kết luận", "Số, ký hiệu kết luận", "Kết luận số", "Số KL", "conclusion", "conclusion number")
	add(colIssued, "Ngày kết luận", "Ngày ban hành", "Ngày ban hành kết luận", "issued", "issued on")
	add(colReceived, "Ngày nhận", "Ngày nhận kết luận", "received", "received on")
	add(colIssuer, "Cơ quan ban hành", "Cơ quan kết luận", "Cơ quan thanh tra", "issuer")
	add(colSource, "Nguồn", "Loại kết luận", "source")
	add(colSubjects, "Đối tượng", "Đối tượng thanh tra", "Đơn vị được thanh tra", "subjects")
	add(colSummary, "Nội dung kết luận", "Trích yếu", "Tóm tắt", "summary")
	add(colDirNumber, "Số văn bản chỉ đạo", "Văn bản chỉ đạo", "directive", "directive number")
	add(colDirOn, "Ngày văn bản chỉ đạo", "Ngày chỉ đạo", "directive on")
	add(colKind, "Loại kiến nghị", "Loại", "kind")
	add(colContent, "Nội dung kiến nghị", "Kiến nghị", "recommendation", "content")
	add(colResponsible, "Đơn vị thực hiện", "Đơn vị chủ trì", "Đơn vị chịu trách nhiệm", "responsible", "responsible unit")
	add(colDeadline, "Thời hạn", "Thời hạn thực hiện", "Hạn", "deadline")
	add(colDue, "Số tiền phải thu hồi", "Phải thu hồi", "Số tiền kiến nghị thu hồi", "amount due")
	add(colRecovered, "Số tiền đã thu hồi", "Đã thu hồi", "amount recovered", "recovered")
	add(colPeople, "Số tập thể, cá nhân", "Số người bị xử lý", "Số tập thể, cá nhân bị xử lý", "people")
	add(colForm, "Hình thức xử lý", "Hình thức kỷ luật", "discipline form")
	add(colProgress, "Tình trạng", "Tình trạng thực hiện", "Kết quả thực hiện", "progress", "status")
	add(colDoneOn, "Ngày hoàn thành", "done on")
	add(colResult, "Kết quả", "Ghi chú", "result", "note")
	return m
}()

// words maps the folded words a file writes for a kind, a source or a
// progress to the value, beside the values themselves.
var words = func() map[string]string {
	m := map[string]string{}
	add := func(v string, titles ...string) {
		m[tabular.HeaderKey(v)] = v
		for _, t := range titles {
			m[tabular.HeaderKey(t)] = v
		}
	}
	add(string(Recover), "Thu hồi", "Thu hồi tiền", "Thu hồi tiền, tài sản", "Kinh tế")
	add(string(Discipline), "Kỷ luật", "Xử lý kỷ luật", "Xử lý trách nhiệm")
	add(string(Transfer), "Chuyển cơ quan điều tra", "Chuyển điều tra", "Hình sự")
	add(string(Corrective), "Khắc phục", "Biện pháp khắc phục", "Chấn chỉnh")
	add(string(Policy), "Chính sách", "Sửa đổi cơ chế, chính sách", "Cơ chế chính sách")
	add(string(FromInspectorate), "Thanh tra tỉnh", "Thanh tra", "Thanh tra Chính phủ")
	add(string(FromStateAudit), "Kiểm toán nhà nước", "Kiểm toán", "KTNN")
	add(string(FromOwnCheck), "Kiểm tra", "Kiểm tra của đơn vị", "Tự kiểm tra")
	add(string(FromOther), "Khác", "Cơ quan khác")
	add(string(NotStarted), "Chưa thực hiện", "Chưa")
	add(string(InProgress), "Đang thực hiện", "Đang")
	add(string(PartlyDone), "Hoàn thành một phần", "Một phần", "Thực hiện một phần")
	add(string(Done), "Đã hoàn thành", "Hoàn thành", "Đã thực hiện", "Xong")
	return m
}()

// Row is one recommendation of a register file, with its conclusion's
// columns as that row gives them.
type Row struct {
	Line        int
	Conclusion  Conclusion // without recommendations
	Rec         Recommendation
	Responsible string // as the file names it: a code or a name
}

// Decoder reads a register file (CSV or XLSX) row by row.
type Decoder struct {
	r      *tabular.Reader
	cols   map[string]int
	titles map[string]string // column → the file's title
}

// NewDecoder finds the header of a register file; format is "csv" or
// "xlsx". The header must name at least the conclusion's number and the
// recommendation's content.
func NewDecoder(r io.Reader, format string) (*Decoder, error) {
	t, err := tabular.OpenTable(r, format, headerTitles, "các cột Số kết luận và Nội dung kiến nghị", colNumber, colContent)
	if err != nil {
		return nil, err
	}
	return &Decoder{r: t.Reader, cols: t.Cols, titles: t.Titles}, nil
}

// Close releases the workbook of an XLSX file.
func (d *Decoder) Close() error { return d.r.Close() }

// DecodeError is every problem of one row.
type DecodeError struct {
	Line   int
	Errors []tabular.RowError
}

func (e *DecodeError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, re := range e.Errors {
		parts[i] = re.Error()
	}
	return strings.Join(parts, "; ")
}

// Next returns the next row; io.EOF at the end; a *DecodeError or
// *tabular.RowError for a row that cannot be read (the caller goes on with
// the next one), or other errors when the file cannot be read further.
// Only what a row says by itself is checked here; the conclusion as a whole
// is checked when its rows are gathered (Store.Import).
func (d *Decoder) Next() (Row, error) {
	cells, line, err := d.r.Next()
	if err != nil {
		return Row{}, err
	}
	row := Row{Line: line}
	var errs []tabular.RowError
	bad := func(col, format string, args ...any) {
		errs = append(errs, tabular.RowError{Line: line, Column: d.title(col), Reason: fmt.Sprintf(format, args...)})
	}
	cell := func(col string) string {
		if i, ok := d.cols[col]; ok {
			return tabular.Cell(cells, i)
		}
		return ""
	}
	date := func(col string) time.Time {
		t, err := tabular.ParseDate(cell(col))
		if err != nil {
			bad(col, "%v", err)
			return time.Time{}
		}
		if t.IsZero() {
			return t
		}
		return Day(t.Date())
	}
	amount := func(col string) int64 {
		n, err := tabular.ParseAmount(cell(col))
		if err != nil {
			bad(col, "%v", err)
		}
		return n
	}
	word := func(col string, def string) string {
		v := cell(col)
		if v == "" {
			return def
		}
		if w, ok := words[tabular.HeaderKey(v)]; ok {
			return w
		}
		bad(col, "không hiểu %q", v)
		return def
	}
	c := &row.Conclusion
	c.Number, c.Issuer, c.Subjects, c.Summary, c.DirectiveNumber = cell(colNumber), cell(colIssuer), cell(colSubjects), cell(colSummary), cell(colDirNumber)
	c.IssuedOn, c.ReceivedOn, c.DirectiveOn = date(colIssued), date(colReceived), date(colDirOn)
	c.Source = Source(word(colSource, string(FromInspectorate)))
	r := &row.Rec
	r.Kind, r.Content, r.DisciplineForm, r.Result = Kind(word(colKind, "")), cell(colContent), cell(colForm), cell(colResult)
	r.Progress = Progress(word(colProgress, string(NotStarted)))
	r.Deadline, r.DoneOn = date(colDeadline), date(colDoneOn)
	r.AmountDue, r.AmountRecovered = amount(colDue), amount(colRecovered)
	if v := cell(colPeople); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			bad(colPeople, "số tập thể, cá nhân %q phải là số nguyên không âm", v)
		}
		r.People = n
	}
	row.Responsible = cell(colResponsible)
	switch {
	case c.Number == "":
		bad(colNumber, "thiếu số kết luận")
	case row.Responsible == "":
		bad(colResponsible, "thiếu đơn vị thực hiện")
	}
	if r.Kind == "" && cell(colKind) == "" {
		bad(colKind, "thiếu loại kiến nghị")
	}
	if len(errs) > 0 {
		return row, &DecodeError{Line: line, Errors: errs}
	}
	return row, nil
}

// title is a column's title as the file writes it, or its usual name when
// the file lacks the column.
func (d *Decoder) title(col string) string {
	if t := d.titles[col]; t != "" {
		return t
	}
	return columnLabels[col]
}

// fieldColumns maps the validation's field names to the columns that carry
// them, so that a refusal names the file's column.
var fieldColumns = map[string]string{"number": colNumber, "issued_on": colIssued, "received_on": colReceived, "issuer": colIssuer,
	"source": colSource, "subjects": colSubjects, "summary": colSummary, "directive_number": colDirNumber, "directive_on": colDirOn,
	"kind": colKind, "content": colContent, "responsible": colResponsible, "deadline": colDeadline, "amount_due": colDue,
	"amount_recovered": colRecovered, "people": colPeople, "discipline_form": colForm, "progress": colProgress, "done_on": colDoneOn, "result": colResult}
