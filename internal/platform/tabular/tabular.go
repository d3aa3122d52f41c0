// Package tabular reads the tables people bring to an import: a CSV file or
// the first sheet of an XLSX workbook, row by row with the line each row
// stands on, the header found among the first rows (exports often start
// with a title), and cells cleaned the way officials' spreadsheets need.
package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"papihub/internal/platform/bounded"
	"papihub/internal/platform/vn"
)

// MaxTitleRows bounds how far down the header is looked for.
const MaxTitleRows = 20

// A RowError is a problem with one row (or the header) of a table: the
// line, the column as the file names it, and the reason in Vietnamese.
type RowError struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("dòng %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("dòng %d, cột %s: %s", e.Line, e.Column, e.Reason)
}

// FormatOf reads the format from a file name: "csv" or "xlsx".
func FormatOf(name string) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return "csv", nil
	case ".xlsx":
		return "xlsx", nil
	}
	return "", fmt.Errorf("không nhận ra định dạng của %q (cần .csv hoặc .xlsx)", filepath.Base(name))
}

// A Reader gives the rows of a table.
type Reader struct {
	next  func() ([]string, int, error)
	close func() error
}

// Open starts reading r as format ("csv" or "xlsx"). The caller closes the
// Reader.
func Open(r io.Reader, format string) (*Reader, error) {
	switch format {
	case "csv":
		return openCSV(r)
	case "xlsx":
		return openXLSX(r)
	}
	return nil, fmt.Errorf("định dạng %q không hỗ trợ (csv, xlsx)", format)
}

func openCSV(r io.Reader) (*Reader, error) {
	br := bufio.NewReaderSize(bounded.Lines(r, bounded.Default.Token), 64<<10)
	if err := sniffEncoding(br); err != nil {
		return nil, err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	count := bounded.NewCounter(bounded.Default)
	return &Reader{close: func() error { return nil }, next: func() ([]string, int, error) {
		cells, err := cr.Read()
		if err == nil {
			line, _ := cr.FieldPos(0)
			err = count.Row(line, len(cells))
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, pe.StartLine, &RowError{Line: pe.StartLine, Reason: "tệp CSV hỏng: " + pe.Err.Error()}
			}
			return nil, 0, err
		}
		line, _ := cr.FieldPos(0)
		for _, c := range cells {
			if !utf8.ValidString(c) {
				return nil, line, &RowError{Line: line, Reason: "tệp không phải UTF-8 (có thể là Windows-1258 hoặc TCVN3): lưu lại dưới dạng CSV UTF-8"}
			}
		}
		return cells, line, nil
	}}, nil
}

// sniffEncoding refuses UTF-16 (with or without its byte-order mark), which
// spreadsheet programs write for "Unicode text", and drops a UTF-8 mark.
func sniffEncoding(br *bufio.Reader) error {
	head, _ := br.Peek(512)
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}),
		len(head) >= 4 && bytes.Count(head, []byte{0}) > len(head)/4:
		return &RowError{Line: 1, Reason: "tệp mã hoá UTF-16: lưu lại dưới dạng CSV UTF-8"}
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	}
	return nil
}

// OpenWorkbook reads a workbook within bounded.Default: the file's size,
// what it inflates to, the parts held in memory and the longest cell are
// checked before excelize sees it; worksheets and shared strings beyond
// bounded.StreamAbove stream from a temporary file. The caller closes the
// file.
func OpenWorkbook(r io.Reader) (*excelize.File, error) {
	return OpenWorkbookWithin(r, bounded.Default)
}

// OpenWorkbookWithin is OpenWorkbook within other limits.
func OpenWorkbookWithin(r io.Reader, lim bounded.Limits) (*excelize.File, error) {
	data, err := bounded.ReadFile(r, lim.File)
	if err != nil {
		return nil, fmt.Errorf("tệp XLSX: %w", err)
	}
	if _, err := bounded.OpenZip(data, lim, heldPart); err != nil {
		return nil, fmt.Errorf("tệp XLSX: %w", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.Inflated, UnzipXMLSizeLimit: bounded.StreamAbove})
	if err != nil {
		return nil, fmt.Errorf("tệp không phải XLSX hợp lệ: %w", err)
	}
	return f, nil
}

// heldPart says which parts of a workbook excelize holds in memory: all but
// the worksheets and shared strings larger than bounded.StreamAbove, which
// it inflates to a temporary file and streams.
func heldPart(name string, size uint64) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	streamed := strings.HasPrefix(n, "xl/worksheets/sheet") || n == "xl/sharedstrings.xml"
	return !streamed || size <= bounded.StreamAbove
}

// Rows streams the rows of one sheet of a workbook, counted against lim.
type Rows struct {
	rows  *excelize.Rows
	count *bounded.Counter
	line  int
}

// SheetRows starts streaming sheet within lim. The caller closes it.
func SheetRows(f *excelize.File, sheet string, lim bounded.Limits) (*Rows, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("đọc trang tính %q: %w", sheet, err)
	}
	return &Rows{rows: rows, count: bounded.NewCounter(lim)}, nil
}

// Next returns the raw cells of the next row and its line (1-based as the
// sheet numbers it, blank rows included); io.EOF at the end. Raw values: a
// date cell reads as its serial day (ParseDate takes it), not as the
// cell's display format, whose "m/d/yy" would read 03/01/23 as the 3rd of
// January.
func (r *Rows) Next() ([]string, int, error) {
	if !r.rows.Next() {
		if err := r.rows.Error(); err != nil {
			return nil, r.line, err
		}
		return nil, r.line, io.EOF
	}
	r.line++
	cells, err := r.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, r.line, err
	}
	if err := r.count.Row(r.line, len(cells)); err != nil {
		return nil, r.line, err
	}
	return cells, r.line, nil
}

// Close releases the sheet's reader.
func (r *Rows) Close() error { return r.rows.Close() }

// OpenFirstSheet opens a workbook (OpenWorkbook) and streams the rows of
// its first sheet. The caller closes rows, then the file.
func OpenFirstSheet(r io.Reader) (f *excelize.File, rows *Rows, sheet string, err error) {
	return OpenFirstSheetWithin(r, bounded.Default)
}

// OpenFirstSheetWithin is OpenFirstSheet within other limits.
func OpenFirstSheetWithin(r io.Reader, lim bounded.Limits) (f *excelize.File, rows *Rows, sheet string, err error) {
	f, err = OpenWorkbookWithin(r, lim)
	if err != nil {
		return nil, nil, "", err
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, nil, "", fmt.Errorf("tệp XLSX không có trang tính nào")
	}
	if rows, err = SheetRows(f, sheets[0], lim); err != nil {
		f.Close()
		return nil, nil, "", err
	}
	return f, rows, sheets[0], nil
}

func openXLSX(r io.Reader) (*Reader, error) {
	f, rows, _, err := OpenFirstSheet(r)
	if err != nil {
		return nil, err
	}
	return &Reader{close: func() error { rows.Close(); return f.Close() }, next: rows.Next}, nil
}

// Next returns the next row that is not blank and the line it stands on;
// io.EOF at the end.
func (r *Reader) Next() ([]string, int, error) {
	for {
		cells, line, err := r.next()
		if err != nil {
			return nil, line, err
		}
		if strings.TrimSpace(strings.Join(cells, "")) != "" {
			return cells, line, nil
		}
	}
}

// Header reads rows until isHeader accepts one, at most MaxTitleRows, and
// returns it with its line. A table without such a row is an error naming
// what was looked for (want, in Vietnamese).
func (r *Reader) Header(isHeader func(cells []string) bool, want string) ([]string, int, error) {
	for range MaxTitleRows {
		cells, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, line, err
		}
		if isHeader(cells) {
			return cells, line, nil
		}
	}
	return nil, 0, &RowError{Line: 1, Reason: fmt.Sprintf("không tìm thấy dòng tiêu đề có %s trong %d dòng đầu", want, MaxTitleRows)}
}

// Close releases the workbook of an XLSX file.
func (r *Reader) Close() error { return r.close() }

// HeaderKey folds a column title to lower-case letters and digits only, so
// that "Mã số", "MÃ SỐ" and "MaSo" meet.
func HeaderKey(s string) string {
	var b strings.Builder
	for _, r := range vn.Fold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Columns maps the columns of a header to the fields its titles name
// (titles folded by HeaderKey and looked up in titles). A field named by two
// columns is an error; columns no title names are left out.
func Columns[F comparable](header []string, line int, titles map[string]F) (map[F]int, error) {
	cols := map[F]int{}
	for i, c := range header {
		f, ok := titles[HeaderKey(c)]
		if !ok {
			continue
		}
		if _, dup := cols[f]; dup {
			return nil, &RowError{Line: line, Column: strings.TrimSpace(c), Reason: "cột xuất hiện hai lần"}
		}
		cols[f] = i
	}
	return cols, nil
}

// Cell is the cleaned cell of column i, "" past the row's end.
func Cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return Clean(cells[i])
}

// Clean trims a cell and joins the lines of a multi-line cell with "; "
// (exports list several units one per line).
func Clean(s string) string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "; ")
}

// ParseDate reads a date cell: dd/mm/yyyy, yyyy-mm-dd or a spreadsheet
// serial day, as a calendar date (midnight UTC). An empty cell is the zero
// time. The error is in Vietnamese.
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n > 1 && n < 2958466 {
		if t, err := excelize.ExcelDateToTime(n, false); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
		}
	}
	t, err := vn.ParseDate(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("ngày %q không đúng dạng dd/mm/yyyy", s)
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// ParseAmount reads a sum of money in đồng as people type it: "1250000",
// "1.250.000", "1,250,000", "1 250 000 đ"; empty is 0. A separator must
// group thousands, so "1,5" (a decimal in Vietnamese) is refused rather than
// read as 15: amounts are whole đồng.
func ParseAmount(s string) (int64, error) {
	t := strings.TrimSpace(s)
	for _, suffix := range []string{"VNĐ", "VND", "đồng", "đ", "Đ"} {
		t = strings.TrimSpace(strings.TrimSuffix(t, suffix))
	}
	if t == "" {
		return 0, nil
	}
	bad := func() (int64, error) {
		return 0, fmt.Errorf("số tiền %q phải là số đồng không âm, ví dụ 1.250.000", s)
	}
	if !amountRe.MatchString(t) {
		return bad()
	}
	n, err := strconv.ParseInt(strings.NewReplacer(".", "", ",", "", " ", "", "\u00a0", "").Replace(t), 10, 64)
	if err != nil || n > 1e15 {
		return bad()
	}
	return n, nil
}

// amountRe is digits, or groups of three after one separator used
// throughout.
var amountRe = regexp.MustCompile(`^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+|\d{1,3}( \d{3})+|\d{1,3}(\x{a0}\d{3})+)$`)
