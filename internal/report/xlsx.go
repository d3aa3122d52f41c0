package report

import (
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// WriteXLSX writes sheets to w as an Excel workbook: per sheet a bold,
// frozen header row with an autofilter, columns sized to their contents,
// numbers as numbers and dates as dates (dd/mm/yyyy).
func WriteXLSX(w io.Writer, sheets []Sheet) error {
	s := NewXLSXStream(w)
	for _, sheet := range sheets {
		if err := s.AddSheet(sheet); err != nil {
			s.f.Close()
			return err
		}
	}
	return s.Close()
}

// Column widths are in characters of the default font. Text wider than
// maxWidth is better read wrapped or in the cell editor than in a column
// that pushes the rest off the screen.
const (
	minWidth = 6.0
	maxWidth = 60.0
	// widthSample bounds the rows measured, so that sizing stays cheap for
	// very long sheets.
	widthSample = 1000
)

// estimateWidths returns the width of each column: the one given in
// sheet.ColumnWidths, or one from the longest header or value among the
// first rows.
func estimateWidths(sheet Sheet, cols int) []float64 {
	widths := make([]float64, cols)
	for i := range widths {
		if i < len(sheet.ColumnWidths) && sheet.ColumnWidths[i] > 0 {
			widths[i] = sheet.ColumnWidths[i]
			continue
		}
		longest := utf8.RuneCountInString(cellText(sheet.Header, i))
		for r, row := range sheet.Rows {
			if r == widthSample {
				break
			}
			if i < len(row) {
				longest = max(longest, displayLength(row[i]))
			}
		}
		widths[i] = min(max(float64(longest)+2, minWidth), maxWidth)
	}
	return widths
}

// displayLength is the number of characters a value shows in its cell.
func displayLength(v any) int {
	switch v := v.(type) {
	case nil:
		return 0
	case string:
		// Composed, so that a letter with its marks counts once.
		return utf8.RuneCountInString(clean(v))
	case time.Time, *time.Time:
		return len("dd/mm/yyyy")
	case float32, float64:
		return len(fmt.Sprintf("%.2f", v))
	default:
		return utf8.RuneCountInString(fmt.Sprint(v))
	}
}
