package papi

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"papihub/internal/platform/bounded"
	"papihub/internal/platform/tabular"
	"path/filepath"
	"strings"
)

// ReadResults reads an official results file, choosing CSV or XLSX by the
// file name's extension. See ReadResultsCSV for what it returns.
func ReadResults(filename string, r io.Reader) ([]Result, []Problem, error) {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".xlsx", ".xlsm":
		return ReadResultsXLSX(r)
	case ".csv", ".txt", "":
		return ReadResultsCSV(r)
	default:
		return nil, nil, fmt.Errorf("papi: %s: results must be CSV or XLSX", filename)
	}
}

// ReadResultsCSV reads official results with the columns
// province,year,D1,…,D8,total (header names in any case and order; D7 and D8
// may be absent from a file of 2011–2017 results). Fields are separated by
// commas, or by semicolons when the header has no comma (the spreadsheet
// export of a locale with a decimal comma).
//
// It never accepts half a file: when any row has an error it returns no rows
// and a *ResultsError listing every problem. Otherwise it returns all rows and
// the warnings (e.g. a total that differs from the sum of its dimensions).
func ReadResultsCSV(r io.Reader) ([]Result, []Problem, error) {
	br := bufio.NewReader(r)
	first, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, nil, fmt.Errorf("papi: reading results: %w", err)
	}
	first = bytes.TrimPrefix(first, []byte("\xef\xbb\xbf"))
	if line, _, _ := bytes.Cut(first, []byte("\n")); !bytes.Contains(line, []byte(",")) && bytes.Contains(line, []byte(";")) {
		return readResultRecords(br, ';')
	}
	return readResultRecords(br, ',')
}

// resultLimits bound a results file: a row per province and year is a few
// thousand rows at most.
var resultLimits = func() bounded.Limits {
	l := bounded.Default
	l.Rows, l.Columns, l.Cells = 20_000, 100, 250_000
	return l
}()

func readResultRecords(r io.Reader, sep rune) ([]Result, []Problem, error) {
	cr := csv.NewReader(bounded.Lines(r, resultLimits.Token))
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // short rows are reported per row, not as a parse failure
	cr.ReuseRecord = false
	count := bounded.NewCounter(resultLimits)
	var records [][]string
	var rows []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("papi: reading results: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if err := count.Row(line, len(rec)); err != nil {
			return nil, nil, fmt.Errorf("papi: reading results: %w", err)
		}
		records = append(records, rec)
		rows = append(rows, line)
	}
	if len(records) > 0 && len(records[0]) > 0 {
		records[0][0] = strings.TrimPrefix(records[0][0], "\ufeff")
	}
	return parseResultRecords(records, rows)
}

// ReadResultsXLSX reads the first sheet of a workbook laid out as the CSV,
// streaming within resultLimits. Cells are read raw, not as displayed, so a
// number format with a decimal comma or two decimals does not change the
// values.
func ReadResultsXLSX(r io.Reader) ([]Result, []Problem, error) {
	f, sheet, _, err := tabular.OpenFirstSheetWithin(r, resultLimits)
	if err != nil {
		return nil, nil, fmt.Errorf("papi: reading results workbook: %w", err)
	}
	defer f.Close()
	defer sheet.Close()
	var records [][]string
	var rows []int
	for {
		rec, line, err := sheet.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("papi: reading results sheet: %w", err)
		}
		records = append(records, rec)
		rows = append(rows, line)
	}
	return parseResultRecords(records, rows)
}

// resultColumns maps a folded header name to its field: 0 province, 1 year,
// 2..9 D1..D8, 10 total.
var resultColumns = map[string]int{
	"province": 0, "year": 1, "total": 10,
	"d1": 2, "d2": 3, "d3": 4, "d4": 5, "d5": 6, "d6": 7, "d7": 8, "d8": 9,
}

var resultColumnNames = [11]string{"province", "year", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "total"}

func parseResultRecords(records [][]string, rows []int) ([]Result, []Problem, error) {
	if len(records) == 0 {
		return nil, nil, &ResultsError{Problems: []Problem{newProblem(1, "", "papi.problem.file.empty")}}
	}
	cols, problems := mapResultHeader(records[0])
	if hasErrors(problems) {
		return nil, nil, refuse(problems)
	}
	var results []Result
	type provinceYear struct {
		era  int
		code string
		year int
	}
	seen := map[provinceYear]int{} // → the row it first appeared in
	for i, rec := range records[1:] {
		row := rows[i+1]
		if isBlank(rec) {
			continue
		}
		res, ps := parseResultRow(rec, cols, row)
		problems = append(problems, ps...)
		if hasErrors(ps) {
			continue
		}
		key := provinceYear{res.Province.Era, res.Province.Code, res.Year}
		if prev, dup := seen[key]; dup {
			problems = append(problems, newProblem(row, "", "papi.problem.row.duplicate", res.Province.String(), res.Year, prev))
			continue
		}
		seen[key] = row
		results = append(results, res)
	}
	if hasErrors(problems) {
		return nil, nil, refuse(problems)
	}
	return results, problems, nil
}

func mapResultHeader(header []string) (cols [11]int, problems []Problem) {
	for i := range cols {
		cols[i] = -1
	}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		f, ok := resultColumns[name]
		switch {
		case name == "":
			continue
		case !ok:
			w := newProblem(1, h, "papi.problem.column.unknown")
			w.Warning = true
			problems = append(problems, w)
		case cols[f] >= 0:
			problems = append(problems, newProblem(1, h, "papi.problem.column.twice"))
		default:
			cols[f] = i
		}
	}
	for f, c := range cols {
		optional := f == 8 || f == 9 // D7, D8: absent from files of 2011–2017
		if c < 0 && !optional {
			problems = append(problems, newProblem(1, resultColumnNames[f], "papi.problem.column.missing"))
		}
	}
	return cols, problems
}

func isBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func hasErrors(ps []Problem) bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}
