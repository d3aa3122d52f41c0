package survey

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"papihub/internal/platform/bounded"
	"papihub/internal/platform/tabular"
	"path"
	"strings"
)

// A table is one sheet of an export, read row by row: a CSV file, a sheet
// of an XLSX workbook, or a CSV inside an ODK Central zip.
type table struct {
	file string // as RowError.File shows it
	name string // file base name or sheet name, which may name a repeat
	// scope qualifies Kobo's _index and _parent_index, which only link rows
	// of the same workbook: the workbook's name, or "" for CSV files.
	scope  string
	header []string
	next   func() (record []string, line int, err error) // io.EOF at the end
	close  func() error
}

// responseLimits bound a responses file: ODK Central's export of a
// 20,000-respondent survey is a few megabytes, and a province's PAPI sample
// of 2,000 respondents at 1,431 columns is under 3 million cells. The
// answers are kept until the file is checked whole, so rows are bounded at
// five times the largest survey we know of (the national PAPI sample is
// under 20,000): 300,000 kept rows took the process past 256 MiB.
var responseLimits = func() bounded.Limits {
	l := bounded.Default
	l.Cells = 6_000_000
	l.Rows = 100_000
	return l
}()

// openTables opens every table in a file, reading only the headers.
func openTables(nr NamedReader) ([]*table, error) {
	ext := strings.ToLower(path.Ext(nr.Name))
	switch ext {
	case ".xlsx", ".xlsm":
		return openXLSX(nr.Name, nr.R)
	case ".zip":
		return openZip(nr.Name, nr.R)
	}
	t, err := openCSV(nr.Name, strings.TrimSuffix(path.Base(nr.Name), path.Ext(nr.Name)), nr.R, nil)
	if err != nil {
		return nil, err
	}
	return []*table{t}, nil
}

// openCSV reads a CSV export. Kobo writes ';' by default, ODK Central and
// Excel ',' (Excel also ';' in locales with a decimal comma), and some tools
// tabs, so the separator is the one the header line uses most. A UTF-8 BOM,
// which Excel adds, is skipped.
func openCSV(file, name string, r io.Reader, closer func() error) (*table, error) {
	br := bufio.NewReaderSize(bounded.Lines(r, responseLimits.Token), 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	head, _ := br.Peek(64 << 10)
	cr := csv.NewReader(br)
	cr.Comma = sniffSeparator(head)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		header, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: tiêu đề CSV không đọc được: %w", file, err)
	}
	header = append([]string(nil), header...)
	t := &table{file: file, name: name, header: header, close: closer}
	count := bounded.NewCounter(responseLimits)
	t.next = func() ([]string, int, error) {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, pe.StartLine, fmt.Errorf("%s dòng %d: CSV hỏng (%v)", file, pe.StartLine, pe.Err)
			}
			if errors.Is(err, bounded.ErrLimit) {
				return nil, 0, fmt.Errorf("%s: %w", file, err)
			}
			return nil, 0, err
		}
		line, _ := cr.FieldPos(0)
		if err := count.Row(line, len(rec)); err != nil {
			return nil, line, fmt.Errorf("%s: %w", file, err)
		}
		return rec, line, nil
	}
	return t, nil
}

// sniffSeparator counts candidate separators on the first line, outside
// quotes.
func sniffSeparator(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' || c == '\r' {
			break
		}
		if c == ',' || c == ';' || c == '\t' {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// openXLSX opens every non-empty sheet. Kobo puts the main table first and
// each repeat in its own sheet named after the repeat.
func openXLSX(file string, r io.Reader) ([]*table, error) {
	wb, err := tabular.OpenWorkbookWithin(r, responseLimits)
	if err != nil {
		return nil, fmt.Errorf("%s: không mở được tệp XLSX: %w", file, err)
	}
	var tables []*table
	for _, sheet := range wb.GetSheetList() {
		rows, err := tabular.SheetRows(wb, sheet, responseLimits)
		if err != nil {
			wb.Close()
			return nil, fmt.Errorf("%s: sheet %s: %w", file, sheet, err)
		}
		read := rows.Next
		header, _, err := read()
		if err == io.EOF || (err == nil && blank(header)) {
			rows.Close()
			continue
		}
		if err != nil {
			wb.Close()
			return nil, fmt.Errorf("%s: sheet %s: %w", file, sheet, err)
		}
		tables = append(tables, &table{
			file: file + " [" + sheet + "]", name: sheet, scope: file, header: header, next: read, close: rows.Close,
		})
	}
	if len(tables) > 0 {
		last := tables[len(tables)-1]
		closeRows := last.close
		last.close = func() error { closeRows(); return wb.Close() }
	} else {
		wb.Close()
	}
	return tables, nil
}

// openZip opens the CSV files of an ODK Central export: the main table
// (form.csv) and one per repeat (form-repeat.csv). Attachments in media/ are
// not responses and are skipped.
func openZip(file string, r io.Reader) ([]*table, error) {
	data, err := bounded.ReadFile(r, responseLimits.File)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	// The CSV files inside stream; their inflated size is bounded all the same.
	zr, err := bounded.OpenZip(data, responseLimits, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: không mở được tệp zip: %w", file, err)
	}
	var tables []*table
	for _, zf := range zr.File {
		base := path.Base(zf.Name)
		if zf.FileInfo().IsDir() || !strings.EqualFold(path.Ext(base), ".csv") ||
			strings.HasPrefix(zf.Name, "__MACOSX/") || strings.HasPrefix(base, "._") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", file, zf.Name, err)
		}
		t, err := openCSV(file+"/"+zf.Name, strings.TrimSuffix(base, path.Ext(base)), rc, rc.Close)
		if err != nil {
			rc.Close()
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, nil
}
