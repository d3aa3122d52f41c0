package survey

import (
	"errors"
	"fmt"
	"io"
	"papihub/internal/platform/bounded"
	"papihub/internal/platform/tabular"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A Problem is something wrong or doubtful in an XLSForm, located the way a
// person finds it in Excel: sheet, row, column header and cell. Errors stop
// the import; warnings (Warning true) are shown but do not.
type Problem struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row,omitempty"`    // 1-based; 0 when the problem is about the whole sheet
	Column  string `json:"column,omitempty"` // the column's header, like "relevant"
	Cell    string `json:"cell,omitempty"`   // like "D7"
	Code    string `json:"code"`             // stable key: "unknown_type", "duplicate_name", ...
	Message string `json:"message"`          // Vietnamese, for the person who fixes the form
	Warning bool   `json:"warning"`
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("sheet " + p.Sheet)
	if p.Row > 0 {
		fmt.Fprintf(&b, ", dòng %d", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", cột %s", p.Column)
	}
	if p.Cell != "" {
		fmt.Fprintf(&b, " (ô %s)", p.Cell)
	}
	return b.String() + ": " + p.Message
}

// ParseXLSForm reads an XLSForm workbook (sheets survey, choices, settings).
// The form is nil when any problem is an error, so that nothing is imported
// half-way; the error result is for a file that is not a readable workbook.
func ParseXLSForm(r io.Reader) (*Form, []Problem, error) {
	wb, err := tabular.OpenWorkbookWithin(r, xlsformLimits)
	if err != nil {
		return nil, nil, fmt.Errorf("survey: read XLSForm: %w", err)
	}
	defer wb.Close()
	var sheets [3]sheetRows
	for i, want := range []string{"survey", "choices", "settings"} {
		sheets[i].name = want
		for _, name := range wb.GetSheetList() {
			// Excel users capitalise sheet names; pyxform accepts any case.
			if strings.EqualFold(strings.TrimSpace(name), want) {
				rows, err := sheetTable(wb, name)
				if err != nil {
					return nil, nil, fmt.Errorf("survey: read sheet %s: %w", name, err)
				}
				sheets[i] = sheetRows{name: name, rows: rows, present: true}
				break
			}
		}
	}
	form, problems := parseSheets(sheets[0], sheets[1], sheets[2])
	return form, problems, nil
}

// xlsformLimits bound a questionnaire: a few thousand rows of questions and
// choices at most.
var xlsformLimits = func() bounded.Limits {
	l := bounded.Default
	l.Rows, l.Cells = 50_000, 1_000_000
	return l
}()

// sheetTable reads a sheet whole, as GetRows would (blank rows kept so that
// row numbers match the sheet's), within xlsformLimits.
func sheetTable(wb *excelize.File, name string) ([][]string, error) {
	rows, err := tabular.SheetRows(wb, name, xlsformLimits)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for {
		cells, _, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, cells)
	}
}

// sheetRows is one sheet as rows of cells; the first row is the header.
// ParseXLSForm fills it from a workbook and the built-in template from Go
// data, so both go through the same checks.
type sheetRows struct {
	name    string
	rows    [][]string
	present bool
}

// parseSheets builds and checks the form. Problems come out in sheet and
// row order. Only what KoboToolbox or ODK would refuse too is an error;
// what the system does not use or cannot evaluate is kept and reported as
// a warning.
func parseSheets(survey, choices, settings sheetRows) (*Form, []Problem) {
	for _, s := range []*sheetRows{&survey, &choices, &settings} {
		validUTF8(s.rows)
	}
	p := &formParser{form: &Form{Choices: map[string][]Choice{}, LanguageNames: map[string]string{}}}
	p.readSettings(settings)
	p.readChoices(choices)
	p.readSurvey(survey)
	p.finishQuestions()
	p.form.index()
	p.resolvePaths()
	p.checkReferences()
	p.checkBindings()
	p.summarise()
	if p.form.DefaultLanguage != "" && p.form.LanguageNames[p.form.DefaultLanguage] == "" {
		p.add(Problem{Sheet: "settings", Column: "default_language", Code: "unknown_language", Warning: true,
			Message: fmt.Sprintf("ngôn ngữ mặc định %q không có cột nhãn nào", p.form.DefaultLanguage)})
	}
	sort.SliceStable(p.problems, func(i, j int) bool {
		a, b := p.problems[i], p.problems[j]
		if sa, sb := sheetOrder(a.Sheet), sheetOrder(b.Sheet); sa != sb {
			return sa < sb
		}
		return a.Row < b.Row
	})
	for _, pr := range p.problems {
		if !pr.Warning {
			return nil, p.problems
		}
	}
	return p.form, p.problems
}

// validUTF8 replaces bytes that are not UTF-8 (which a workbook, being
// XML, cannot hold, but stored JSON and fuzzing can) so that a form reads
// back from storage as it was read.
func validUTF8(rows [][]string) {
	for _, r := range rows {
		for i, c := range r {
			if !utf8.ValidString(c) {
				r[i] = strings.ToValidUTF8(c, "\uFFFD")
			}
		}
	}
}

func sheetOrder(name string) int {
	switch strings.ToLower(name) {
	case "survey":
		return 0
	case "choices":
		return 1
	}
	return 2
}

type formParser struct {
	form     *Form
	problems []Problem
	// Where each question and group was defined, for the checks that can
	// only run once the whole sheet is read.
	questionRows          []int
	typeCells             []string
	selects               []int // indexes of questions with a choice list
	bindings              []bindingUse
	exprs                 []exprUse
	ignored               []ignoredColumn
	noLabel               []int // rows of questions without a label
	allowChoiceDuplicates bool
}

type bindingUse struct {
	q        int
	row      int
	cell     string
	ruleText string
}

// exprUse is one expression cell. at is the path of the node it is
// evaluated at (the question or group of its row), for XPath paths
// relative to it.
type exprUse struct {
	site   exprSite
	at     []string
	row    int
	column string
	cell   string
}

// exprSite says which field of which question (group -1) or group holds
// an expression.
type exprSite struct {
	q, group int
	field    string
}

// exprAt returns the expression a use refers to, in the form as built.
func (p *formParser) exprAt(s exprSite) *Expr {
	if s.group >= 0 {
		return &p.form.Groups[s.group].Relevant
	}
	q := &p.form.Questions[s.q]
	switch s.field {
	case "constraint":
		return &q.Constraint
	case "calculation":
		return &q.Calculation
	case "required":
		return &q.RequiredIf
	}
	return &q.Relevant
}

type ignoredColumn struct {
	sheet, header string
}

func (p *formParser) add(pr Problem) { p.problems = append(p.problems, pr) }

// header describes a sheet's columns. Multilingual columns ("label::English
// (en)") are grouped by their base name.
type header struct {
	sheet  string
	raw    []string
	single map[string]int
	multi  map[string][]langCol
}

type langCol struct {
	idx  int
	lang string
}

// keptTextColumns are the columns that carry one text per language and that
// the system keeps.
var keptTextColumns = map[string]bool{"label": true, "hint": true, "required_message": true, "constraint_message": true}

// readHeader reads a sheet's first row. known lists the columns the system
// uses on this sheet (of keptTextColumns, those in known); every other column
// is ignored and named once in the form's summary warning.
func (p *formParser) readHeader(s sheetRows, known map[string]bool) header {
	h := header{sheet: s.name, single: map[string]int{}, multi: map[string][]langCol{}}
	if len(s.rows) == 0 {
		return h
	}
	h.raw = s.rows[0]
	for i, cell := range s.rows[0] {
		text := strings.TrimSpace(cell)
		if text == "" {
			continue
		}
		base, langName, hasLang := strings.Cut(text, "::")
		base = canonicalColumn(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(base)), " ", "_"))
		where := Problem{Sheet: s.name, Row: 1, Column: text, Cell: cellName(i, 1), Code: "duplicate_column",
			Message: fmt.Sprintf("cột %q lặp lại", text)}
		switch {
		case keptTextColumns[base] && known[base]:
			lang := ""
			if hasLang {
				lang = p.language(langName)
			}
			for _, c := range h.multi[base] {
				if c.lang == lang {
					p.add(where)
				}
			}
			h.multi[base] = append(h.multi[base], langCol{i, lang})
		case known[base] && !hasLang:
			if _, dup := h.single[base]; dup {
				p.add(where)
				continue
			}
			h.single[base] = i
		default:
			p.ignored = append(p.ignored, ignoredColumn{s.name, text})
		}
	}
	return h
}

// canonicalColumn maps the spellings pyxform accepts to one name.
func canonicalColumn(base string) string {
	switch base {
	case "list_name", "listname":
		return "list_name"
	case "value", "tag":
		return "name"
	case "command":
		return "type"
	case "caption":
		return "label"
	case "relevance":
		return "relevant"
	case "calculate":
		return "calculation"
	case "constraining_message":
		return "constraint_message"
	case "requiredmsg":
		return "required_message"
	case "id_string", "set_form_id":
		return "form_id"
	case "title", "set_form_title":
		return "form_title"
	}
	return base
}

// language turns a column's language part into a key: the code in
// parentheses when there is one ("Vietnamese (vi)" → "vi"), else the name.
func (p *formParser) language(name string) string {
	name = strings.TrimSpace(name)
	key := languageKey(name)
	if _, seen := p.form.LanguageNames[key]; !seen && key != "" {
		p.form.LanguageNames[key] = name
		p.form.Languages = append(p.form.Languages, key)
	}
	return key
}

func languageKey(name string) string {
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, ")") {
		if open := strings.LastIndexByte(name, '('); open >= 0 {
			if code := strings.TrimSpace(name[open+1 : len(name)-1]); code != "" {
				return code
			}
		}
	}
	return name
}

func (h header) cell(row []string, base string) string {
	i, ok := h.single[base]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

func (h header) cellRef(base string, rowNum int) (column, cell string) {
	i, ok := h.single[base]
	if !ok {
		return base, ""
	}
	return strings.TrimSpace(h.raw[i]), cellName(i, rowNum)
}

// texts returns the row's non-empty texts of a multilingual column by
// language key, or nil.
func (h header) texts(row []string, base string) map[string]string {
	var m map[string]string
	for _, c := range h.multi[base] {
		if c.idx < len(row) {
			if v := strings.TrimSpace(row[c.idx]); v != "" {
				if m == nil {
					m = map[string]string{}
				}
				m[c.lang] = v
			}
		}
	}
	return m
}

func cellName(col0, row int) string {
	name, err := excelize.CoordinatesToCellName(col0+1, row)
	if err != nil {
		return ""
	}
	return name
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (p *formParser) readSettings(s sheetRows) {
	h := p.readHeader(s, map[string]bool{"form_id": true, "form_title": true, "version": true, "default_language": true,
		"allow_choice_duplicates": true})
	var row []string
	for _, r := range s.rows[min(1, len(s.rows)):] {
		if !blank(r) {
			row = r
			break
		}
	}
	f := p.form
	f.ID = h.cell(row, "form_id")
	f.Title = h.cell(row, "form_title")
	f.Version = h.cell(row, "version")
	if dl := h.cell(row, "default_language"); dl != "" {
		f.DefaultLanguage = p.language(dl)
	}
	p.allowChoiceDuplicates, _ = yesNo(h.cell(row, "allow_choice_duplicates"))
	if f.ID == "" {
		p.add(Problem{Sheet: "settings", Column: "form_id", Code: "missing_form_id", Warning: true,
			Message: "chưa có form_id; hệ thống sẽ tự đặt mã cho biểu mẫu"})
	}
}

// yesNo reads a yes/no cell the ways pyxform accepts; ok is false for
// anything else (an expression, in the required column).
func yesNo(s string) (yes, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "false", "false()", "0":
		return false, true
	case "yes", "true", "true()", "1":
		return true, true
	}
	return false, false
}

func (p *formParser) readChoices(s sheetRows) {
	h := p.readHeader(s, map[string]bool{"list_name": true, "name": true, "label": true})
	if len(s.rows) > 0 {
		for _, col := range []string{"list_name", "name"} {
			if _, ok := h.single[col]; !ok {
				p.add(Problem{Sheet: s.name, Row: 1, Column: col, Code: "missing_column", Message: "sheet choices thiếu cột " + col})
				return
			}
		}
	}
	firstRow := map[[2]string]int{}
	for i := 1; i < len(s.rows); i++ {
		row, rowNum := s.rows[i], i+1
		if blank(row) {
			continue
		}
		list, name := h.cell(row, "list_name"), h.cell(row, "name")
		if list == "" || name == "" {
			col := "list_name"
			if list != "" {
				col = "name"
			}
			column, cell := h.cellRef(col, rowNum)
			p.add(Problem{Sheet: s.name, Row: rowNum, Column: column, Cell: cell, Code: "missing_value",
				Message: fmt.Sprintf("lựa chọn thiếu %s", col)})
			continue
		}
		if first, dup := firstRow[[2]string{list, name}]; dup {
			column, cell := h.cellRef("name", rowNum)
			pr := Problem{Sheet: s.name, Row: rowNum, Column: column, Cell: cell, Code: "duplicate_choice",
				Message: fmt.Sprintf("lựa chọn %q lặp lại trong danh sách %q (đã có ở dòng %d)", name, list, first)}
			if p.allowChoiceDuplicates {
				// settings allow_choice_duplicates: the form is valid; the
				// answer names the first.
				pr.Warning = true
				pr.Message += "; câu trả lời được hiểu theo dòng đầu"
			}
			p.add(pr)
			continue
		}
		firstRow[[2]string{list, name}] = rowNum
		p.form.Choices[list] = append(p.form.Choices[list], Choice{Name: name, Labels: h.texts(row, "label")})
	}
}
