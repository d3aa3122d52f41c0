package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"papihub/internal/platform/vn"
)

// Sheet is one worksheet of tables: an optional title row, a header row and
// the data rows.
//
// Cell values keep their type: integers and floats are written as numbers,
// time.Time as dates (shown dd/mm/yyyy in Vietnam time), bool as booleans,
// nil and the zero time as empty cells, and strings as text.
type Sheet struct {
	// Name is the tab name; characters a tab name cannot hold ([]:*?/\) are
	// replaced and it is cut to 31 characters, as Excel requires.
	Name string
	// Title, when set, is written bold above the header, across its columns.
	Title  string
	Header []string
	Rows   [][]any
	// ColumnWidths are widths in characters; a missing or zero width is
	// estimated from the header and the rows at hand.
	ColumnWidths []float64
	// NumberFormats are Excel number formats by column, such as "#,##0" or
	// "0.0%"; an empty one keeps the default (dd/mm/yyyy for dates).
	NumberFormats []string
}

// dateFormat is how Vietnamese officials write dates (architecture.md).
const dateFormat = "dd/mm/yyyy"

// XLSXStream writes a workbook row by row, for exports too large to hold in
// memory: excelize's stream writer keeps at most a 16 MB chunk of a sheet in
// memory and moves the rest to a temporary file. Add a sheet, write its
// rows, add the next; Close writes the workbook to w.
type XLSXStream struct {
	w      io.Writer
	f      *excelize.File
	sheets int
	closed bool

	// The sheet being written.
	sheet     string
	sw        *excelize.StreamWriter
	cols      int
	headerRow int
	row       int
	plain     []int // style of non-date values by column
	dates     []int // style of dates by column
	cell      []any // reused row buffer
}

// NewXLSXStream starts a workbook that Close writes to w.
func NewXLSXStream(w io.Writer) *XLSXStream {
	return &XLSXStream{w: w, f: excelize.NewFile()}
}

// AddSheet finishes the sheet being written, if any, and starts a new one
// with the title and header of sheet and then its Rows.
func (s *XLSXStream) AddSheet(sheet Sheet) error {
	if s.closed {
		return errors.New("report: xlsx: AddSheet after Close")
	}
	if err := s.finishSheet(); err != nil {
		return err
	}
	name := sheetName(sheet.Name, s.sheets+1)
	if s.sheets == 0 {
		if err := s.f.SetSheetName(s.f.GetSheetName(0), name); err != nil {
			return fmt.Errorf("report: xlsx sheet %q: %w", name, err)
		}
	} else {
		if idx, _ := s.f.GetSheetIndex(name); idx >= 0 {
			return fmt.Errorf("report: xlsx: two sheets named %q", name)
		}
		if _, err := s.f.NewSheet(name); err != nil {
			return fmt.Errorf("report: xlsx sheet %q: %w", name, err)
		}
	}
	s.sheets++
	sw, err := s.f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("report: xlsx sheet %q: %w", name, err)
	}
	s.sheet, s.sw, s.row = name, sw, 0
	s.cols = len(sheet.Header)
	for _, r := range sheet.Rows {
		s.cols = max(s.cols, len(r))
	}
	s.cols = max(s.cols, 1)
	if err := s.setup(sheet); err != nil {
		return fmt.Errorf("report: xlsx sheet %q: %w", name, err)
	}
	for _, r := range sheet.Rows {
		if err := s.WriteRow(r...); err != nil {
			return err
		}
	}
	return nil
}

// setup writes the widths, the frozen header, the title and the header row:
// everything excelize's stream writer needs before the first data row.
func (s *XLSXStream) setup(sheet Sheet) error {
	widths := estimateWidths(sheet, s.cols)
	for i, w := range widths {
		if err := s.sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	s.headerRow = 1
	if sheet.Title != "" {
		s.headerRow = 2
	}
	// Freeze the rows above the data so the column names stay in view.
	top, _ := excelize.CoordinatesToCellName(1, s.headerRow+1)
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: s.headerRow, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := s.styles(sheet.NumberFormats); err != nil {
		return err
	}
	if sheet.Title != "" {
		titleStyle, err := s.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
		if err != nil {
			return err
		}
		if err := s.sw.SetRow("A1", []any{excelize.Cell{StyleID: titleStyle, Value: clean(sheet.Title)}}, excelize.RowOpts{Height: 22}); err != nil {
			return err
		}
		if s.cols > 1 {
			last, _ := excelize.CoordinatesToCellName(s.cols, 1)
			if err := s.sw.MergeCell("A1", last); err != nil {
				return err
			}
		}
	}
	headerStyle, err := s.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border: []excelize.Border{
			{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
			{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
		},
	})
	if err != nil {
		return err
	}
	header := make([]any, s.cols)
	for i := range header {
		header[i] = excelize.Cell{StyleID: headerStyle, Value: clean(cellText(sheet.Header, i))}
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.headerRow)
	s.row = s.headerRow
	return s.sw.SetRow(cell, header)
}

// styles prepares one style per column for plain values and one for dates.
func (s *XLSXStream) styles(formats []string) error {
	s.plain, s.dates = make([]int, s.cols), make([]int, s.cols)
	s.cell = make([]any, s.cols)
	for i := range s.cols {
		format := ""
		if i < len(formats) {
			format = formats[i]
		}
		dateFmt := format
		if dateFmt == "" {
			dateFmt = dateFormat
		}
		var err error
		if s.dates[i], err = s.f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt}); err != nil {
			return err
		}
		if format != "" {
			if s.plain[i], err = s.f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteRow appends a data row to the current sheet. Values beyond the
// sheet's columns are written too, without a column format.
func (s *XLSXStream) WriteRow(values ...any) error {
	if s.sw == nil {
		return errors.New("report: xlsx: WriteRow before AddSheet")
	}
	row := s.cell[:0]
	for i, v := range values {
		row = append(row, s.value(i, v))
	}
	s.row++
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	if err := s.sw.SetRow(cell, row); err != nil {
		return fmt.Errorf("report: xlsx sheet %q row %d: %w", s.sheet, s.row, err)
	}
	clear(row)
	s.cell = row[:0]
	return nil
}

// value turns a Go value into what the stream writer stores: dates moved
// to Vietnam time (so 17:00 UTC on the 4th is the 5th, as the office sees
// it), text composed (NFC), and the column's style attached.
func (s *XLSXStream) value(col int, v any) any {
	plain, date := 0, 0
	if col < s.cols {
		plain, date = s.plain[col], s.dates[col]
	}
	switch t := v.(type) {
	case nil:
		return nil
	case time.Time:
		if t.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: date, Value: t.In(vn.Location())}
	case *time.Time:
		if t == nil {
			return nil
		}
		return s.value(col, *t)
	case string:
		v = clean(t)
	}
	if plain != 0 {
		return excelize.Cell{StyleID: plain, Value: v}
	}
	return v
}

// finishSheet closes the sheet being written: the autofilter over the header
// and data rows, then the stream writer's flush.
func (s *XLSXStream) finishSheet() error {
	if s.sw == nil {
		return nil
	}
	sw := s.sw
	s.sw = nil
	first, _ := excelize.CoordinatesToCellName(1, s.headerRow)
	last, _ := excelize.CoordinatesToCellName(s.cols, s.row)
	// The autofilter must be set before Flush: the stream writer writes the
	// worksheet's autoFilter element from the same in-memory worksheet.
	if err := s.f.AutoFilter(s.sheet, first+":"+last, nil); err != nil {
		return fmt.Errorf("report: xlsx sheet %q autofilter: %w", s.sheet, err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("report: xlsx sheet %q: %w", s.sheet, err)
	}
	return nil
}

// Close finishes the last sheet and writes the workbook to w. A workbook
// with no sheet gets one empty sheet, as a workbook must have one.
func (s *XLSXStream) Close() error {
	if s.closed {
		return errors.New("report: xlsx: Close called twice")
	}
	s.closed = true
	defer s.f.Close() // removes the stream writers' temporary files
	if err := s.finishSheet(); err != nil {
		return err
	}
	if _, err := s.f.WriteTo(s.w); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}

// sheetName makes a valid tab name: Excel refuses []:*?/\ and names longer
// than 31 characters, and names cannot be empty.
func sheetName(name string, n int) string {
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, clean(name)))
	name = strings.Trim(name, "'")
	if name == "" {
		return fmt.Sprintf("Sheet%d", n)
	}
	if utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	return name
}
