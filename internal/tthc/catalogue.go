package tthc

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"papihub/internal/platform/vn"
	"papihub/internal/tthc/syncfile"
)

// foldKey folds s for matching words people type: no diacritics, lower
// case, single spaces.
func foldKey(s string) string { return strings.Join(strings.Fields(vn.Fold(s)), " ") }

// headerKey folds a column title to letters and digits only, so "Mã số",
// "MÃ SỐ" and "MaSo" meet.
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range vn.Fold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ProcedureField names a column of a procedure file.
type ProcedureField string

// The columns a procedure file may carry. Only Code is required; a file
// updates the fields it has and leaves the others as they are, so the
// national catalogue export (Mã số, Tên, Cơ quan ban hành, Cơ quan thực
// hiện, Lĩnh vực) can be completed later by a second file.
const (
	PFCode          ProcedureField = "Mã số"
	PFName          ProcedureField = "Tên"
	PFIssuingBody   ProcedureField = "Cơ quan ban hành"
	PFCompetentUnit ProcedureField = "Cơ quan thực hiện"
	PFField         ProcedureField = "Lĩnh vực"
	PFTime          ProcedureField = "Thời hạn giải quyết"
	PFTimeUnit      ProcedureField = "Đơn vị tính"
	PFFee           ProcedureField = "Lệ phí"
	PFOnline        ProcedureField = "Mức độ trực tuyến"
	PFPayment       ProcedureField = "Tích hợp thanh toán"
	PFParts         ProcedureField = "Bộ phận công khai"
	PFDecision      ProcedureField = "Ngày quyết định công bố"
	PFPublished     ProcedureField = "Ngày công khai"
	PFStatus        ProcedureField = "Trạng thái"
)

// procedureHeaders maps folded column titles (and the sync payload's names)
// to fields.
var procedureHeaders = map[string]ProcedureField{
	"maso": PFCode, "matthc": PFCode, "mathutuc": PFCode, "code": PFCode,
	"ten": PFName, "tentthc": PFName, "tenthutuc": PFName, "name": PFName,
	"coquanbanhanh":  PFIssuingBody,
	"coquanthuchien": PFCompetentUnit,
	"linhvuc":        PFField, "tenlinhvuc": PFField,
	"thoihangiaiquyet": PFTime, "thoihan": PFTime,
	"donvitinh": PFTimeUnit,
	"lephi":     PFFee, "philephi": PFFee, "phi": PFFee,
	"mucdotructuyen": PFOnline, "mucdo": PFOnline, "dichvucongtructuyen": PFOnline,
	"tichhopthanhtoan": PFPayment, "thanhtoantructuyen": PFPayment,
	"bophancongkhai": PFParts, "congkhaidaydu": PFParts,
	"ngayquyetdinhcongbo": PFDecision, "quyetdinhcongbo": PFDecision,
	"ngaycongkhai": PFPublished,
	"trangthai":    PFStatus,
}

// ProcedureRow is one row of a procedure file: the code and the fields the
// file carries, parsed.
type ProcedureRow struct {
	Line   int
	Code   string
	Fields map[ProcedureField]bool // which fields the file sets
	Value  Procedure               // the parsed values of those fields
}

// Apply sets the row's fields on p.
func (r ProcedureRow) Apply(p *Procedure) {
	v := r.Value
	p.Code = r.Code
	for f := range r.Fields {
		switch f {
		case PFName:
			p.Name = v.Name
		case PFIssuingBody:
			p.IssuingBody = v.IssuingBody
		case PFCompetentUnit:
			p.CompetentUnit = v.CompetentUnit
		case PFField:
			p.Field = v.Field
		case PFTime:
			p.Statutory.Amount = v.Statutory.Amount
		case PFTimeUnit:
			p.Statutory.Unit = v.Statutory.Unit
		case PFFee:
			p.Fee = v.Fee
		case PFOnline:
			p.Online = v.Online
		case PFPayment:
			p.PaymentIntegrated = v.PaymentIntegrated
		case PFParts:
			p.Parts = v.Parts
		case PFDecision:
			p.DecisionDate = v.DecisionDate
		case PFPublished:
			p.PublishedDate = v.PublishedDate
		case PFStatus:
			p.Status = v.Status
		}
	}
}

// ProcedureDecoder reads a procedure file (CSV or XLSX) row by row. Rows
// before the header are skipped: the national export starts with a title
// row. Next returns io.EOF at the end and a *RowError for a bad row.
type ProcedureDecoder struct {
	next   func() ([]string, int, error)
	close  func() error
	cols   map[int]ProcedureField
	hasCol map[ProcedureField]bool
}

// maxTitleRows bounds how far the header is looked for.
const maxTitleRows = 20

// NewProcedureDecoder reads the header of a procedure file; format is "csv"
// or "xlsx".
func NewProcedureDecoder(r io.Reader, format string) (*ProcedureDecoder, error) {
	d := &ProcedureDecoder{close: func() error { return nil }}
	switch format {
	case "csv":
		br := bufio.NewReaderSize(r, 64<<10)
		if err := sniffEncoding(br); err != nil {
			return nil, err
		}
		cr := csv.NewReader(br)
		cr.FieldsPerRecord = -1
		d.next = func() ([]string, int, error) {
			cells, err := cr.Read()
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					return nil, pe.StartLine, fmt.Errorf("dòng %d: tệp CSV hỏng: %v", pe.StartLine, pe.Err)
				}
				return nil, 0, err
			}
			line, _ := cr.FieldPos(0)
			for _, c := range cells {
				if !utf8.ValidString(c) {
					return nil, line, notUTF8(line)
				}
			}
			return cells, line, nil
		}
	case "xlsx":
		f, rows, _, err := syncfile.OpenFirstSheet(r)
		if err != nil {
			return nil, err
		}
		d.close = func() error { rows.Close(); return f.Close() }
		d.next = rows.Next
	default:
		return nil, fmt.Errorf("định dạng %q không hỗ trợ cho danh mục thủ tục (csv, xlsx)", format)
	}
	for range maxTitleRows {
		cells, line, err := d.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			d.close()
			return nil, err
		}
		cols := map[int]ProcedureField{}
		has := map[ProcedureField]bool{}
		for i, c := range cells {
			if f, ok := procedureHeaders[headerKey(c)]; ok {
				if has[f] {
					d.close()
					return nil, &RowError{Line: line, Field: c, Reason: "cột xuất hiện hai lần"}
				}
				cols[i], has[f] = f, true
			}
		}
		if has[PFCode] {
			d.cols, d.hasCol = cols, has
			return d, nil
		}
	}
	d.close()
	return nil, &RowError{Line: 1, Field: string(PFCode), Reason: "không tìm thấy dòng tiêu đề có cột Mã số (hoặc MaTTHC) trong 20 dòng đầu"}
}

// Close releases the workbook of an XLSX file.
func (d *ProcedureDecoder) Close() error { return d.close() }

// Next returns the next procedure row; blank rows are skipped.
func (d *ProcedureDecoder) Next() (ProcedureRow, error) {
	for {
		cells, line, err := d.next()
		if err != nil {
			return ProcedureRow{}, err
		}
		if strings.TrimSpace(strings.Join(cells, "")) == "" {
			continue
		}
		return d.decode(line, cells)
	}
}

func (d *ProcedureDecoder) decode(line int, cells []string) (ProcedureRow, error) {
	row := ProcedureRow{Line: line, Fields: map[ProcedureField]bool{}}
	bad := func(f ProcedureField, format string, args ...any) (ProcedureRow, error) {
		return ProcedureRow{}, &RowError{Line: line, Field: string(f), Reason: fmt.Sprintf(format, args...)}
	}
	v := &row.Value
	for i, f := range d.cols {
		cell := ""
		if i < len(cells) {
			cell = cleanCell(cells[i])
		}
		var err error
		switch f {
		case PFCode:
			row.Code = cell
			if cell == "" {
				return bad(f, "thiếu mã thủ tục")
			}
			if err := CheckProcedureCode(cell); err != nil {
				return bad(f, "%v", err)
			}
			continue
		case PFName:
			if cell == "" {
				return bad(f, "thiếu tên thủ tục")
			}
			v.Name = cell
		case PFIssuingBody:
			v.IssuingBody = cell
		case PFCompetentUnit:
			v.CompetentUnit = cell
		case PFField:
			v.Field = cell
		case PFTime:
			if cell != "" {
				n, err := strconv.Atoi(cell)
				if err != nil || n < 0 || n > 10000 {
					return bad(f, "thời hạn %q phải là số nguyên không âm", cell)
				}
				v.Statutory.Amount = n
			}
		case PFTimeUnit:
			if cell != "" {
				if v.Statutory.Unit, err = UnitFromCode(cell); err != nil {
					return bad(f, "%v", err)
				}
			}
		case PFFee:
			if cell != "" {
				n, err := strconv.ParseInt(strings.NewReplacer(".", "", ",", "", " ", "", "đ", "").Replace(cell), 10, 64)
				if err != nil || n < 0 {
					return bad(f, "lệ phí %q phải là số tiền (đồng)", cell)
				}
				v.Fee = n
			}
		case PFOnline:
			if v.Online, err = ParseOnlineLevel(cell); err != nil {
				return bad(f, "%v", err)
			}
		case PFPayment:
			v.PaymentIntegrated = flexString(cell).Truthy()
		case PFParts:
			if cell != "" {
				if v.Parts, err = ParseContentParts(cell); err != nil {
					return bad(f, "%v", err)
				}
			}
		case PFDecision, PFPublished:
			t, err := parseCellDate(cell)
			if err != nil {
				return bad(f, "%v", err)
			}
			if f == PFDecision {
				v.DecisionDate = t
			} else {
				v.PublishedDate = t
			}
		case PFStatus:
			if v.Status, err = ParseProcedureStatus(cell); err != nil {
				return bad(f, "%v", err)
			}
		}
		row.Fields[f] = true
	}
	if !v.PublishedDate.IsZero() && !v.DecisionDate.IsZero() && v.PublishedDate.Before(v.DecisionDate) {
		return bad(PFPublished, "ngày công khai trước ngày quyết định công bố")
	}
	return row, nil
}

// cleanCell trims a cell and joins the lines of a multi-line cell (the
// national export lists several competent units one per line).
func cleanCell(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	out := lines[:0]
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "; ")
}

// parseCellDate reads dd/mm/yyyy, yyyy-mm-dd or a spreadsheet serial day.
func parseCellDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, Location); err == nil {
		return t, nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n > 1 && n < 2958466 {
		t, err := excelize.ExcelDateToTime(n, false)
		if err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, Location), nil
		}
	}
	t, err := vn.ParseDate(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("ngày %q không đúng dạng dd/mm/yyyy", s)
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Location), nil
}
