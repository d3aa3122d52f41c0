package survey

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A Problem is something wrong or doubtful in an XLSForm, located the way a
// person finds it in Excel: sheet, row, column header and cell. Errors stop
// the import; warnings (Warning true) are shown but do not.
type Problem struct {
	Sheet   string
	Row     int    // 1-based; 0 when the problem is about the whole sheet
	Column  string // the column's header, like "relevant"
	Cell    string // like "D7"
	Code    string // stable key: "unknown_type", "duplicate_name", ...
	Message string // Vietnamese, for the person who fixes the form
	Warning bool
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
	wb, err := excelize.OpenReader(r)
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
				rows, err := wb.GetRows(name, excelize.Options{RawCellValue: true})
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

// sheetRows is one sheet as rows of cells; the first row is the header.
// ParseXLSForm fills it from a workbook and the built-in template from Go
// data, so both go through the same checks.
type sheetRows struct {
	name    string
	rows    [][]string
	present bool
}

// parseSheets builds and checks the form. Problems come out in sheet and
// row order.
func parseSheets(survey, choices, settings sheetRows) (*Form, []Problem) {
	p := &formParser{form: &Form{Choices: map[string][]Choice{}, LanguageNames: map[string]string{}}}
	p.readSettings(settings)
	p.readChoices(choices)
	p.readSurvey(survey)
	p.checkReferences()
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
	p.form.index()
	return p.form, p.problems
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
	// rows remembers where each question and group was defined, for the
	// checks that can only run once the whole sheet is read.
	rows     map[string]int
	selects  []selectUse
	bindings []bindingUse
	exprs    []exprUse
}

type selectUse struct {
	q    int
	row  int
	cell string
}

type bindingUse struct {
	q        int
	row      int
	cell     string
	ruleText string
}

type exprUse struct {
	expr   Expr
	row    int
	column string
	cell   string
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

// multilingual lists the columns that carry one text per language.
var multilingual = map[string]bool{
	"label": true, "hint": true, "required_message": true, "constraint_message": true,
	"guidance_hint": true, "media": true, "image": true, "audio": true, "video": true,
}

func (p *formParser) readHeader(s sheetRows, known map[string]bool, ignored map[string]bool) header {
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
		base = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(base)), " ", "_")
		base = canonicalColumn(base)
		where := Problem{Sheet: s.name, Row: 1, Column: text, Cell: cellName(i, 1)}
		switch {
		case multilingual[base]:
			lang := ""
			if hasLang {
				lang = p.language(langName)
			}
			for _, c := range h.multi[base] {
				if c.lang == lang {
					where.Code, where.Message = "duplicate_column", fmt.Sprintf("cột %q lặp lại", text)
					p.add(where)
				}
			}
			h.multi[base] = append(h.multi[base], langCol{i, lang})
		case known[base]:
			if _, dup := h.single[base]; dup {
				where.Code, where.Message = "duplicate_column", fmt.Sprintf("cột %q lặp lại", text)
				p.add(where)
				continue
			}
			h.single[base] = i
		case ignored[base] || strings.HasPrefix(base, "bind::") || strings.HasPrefix(base, "body::") || strings.HasPrefix(base, "instance::"):
		default:
			where.Code, where.Warning = "unknown_column", true
			where.Message = fmt.Sprintf("cột %q không được dùng và sẽ bị bỏ qua", text)
			p.add(where)
		}
	}
	return h
}

// canonicalColumn maps the spellings pyxform accepts to one name.
func canonicalColumn(base string) string {
	switch base {
	case "list_name", "listname":
		return "list_name"
	case "value":
		return "name"
	case "id_string":
		return "form_id"
	case "title":
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
	h := p.readHeader(s, map[string]bool{"form_id": true, "form_title": true, "version": true, "default_language": true},
		map[string]bool{"instance_name": true, "style": true, "public_key": true, "submission_url": true,
			"allow_choice_duplicates": true, "namespaces": true, "auto_send": true, "auto_delete": true, "clean_text_values": true})
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
	if f.ID == "" {
		p.add(Problem{Sheet: "settings", Column: "form_id", Code: "missing_form_id", Warning: true,
			Message: "chưa có form_id; hệ thống sẽ tự đặt mã cho biểu mẫu"})
	}
}

func (p *formParser) readChoices(s sheetRows) {
	h := p.readHeader(s, map[string]bool{"list_name": true, "name": true}, nil)
	if len(s.rows) > 0 {
		if _, ok := h.single["list_name"]; !ok {
			p.add(Problem{Sheet: s.name, Row: 1, Column: "list_name", Code: "missing_column", Message: "sheet choices thiếu cột list_name"})
			return
		}
		if _, ok := h.single["name"]; !ok {
			p.add(Problem{Sheet: s.name, Row: 1, Column: "name", Code: "missing_column", Message: "sheet choices thiếu cột name"})
			return
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
			p.add(Problem{Sheet: s.name, Row: rowNum, Column: column, Cell: cell, Code: "duplicate_choice",
				Message: fmt.Sprintf("lựa chọn %q lặp lại trong danh sách %q (đã có ở dòng %d)", name, list, first)})
			continue
		}
		firstRow[[2]string{list, name}] = rowNum
		p.form.Choices[list] = append(p.form.Choices[list], Choice{Name: name, Labels: h.texts(row, "label")})
	}
}

var surveyColumns = map[string]bool{
	"type": true, "name": true, "required": true, "relevant": true, "constraint": true,
	"calculation": true, "indicator": true, "indicator_rule": true,
}

// Columns real forms carry that have no effect here: display hints for the
// collection app, defaults and the like.
var surveyIgnored = map[string]bool{
	"appearance": true, "default": true, "read_only": true, "choice_filter": true, "repeat_count": true,
	"parameters": true, "trigger": true, "autoplay": true, "note": true, "noapp": true, "$given_name": true,
}

type openGroup struct {
	name   string
	repeat bool
	row    int
}

func (p *formParser) readSurvey(s sheetRows) {
	if !s.present || len(s.rows) == 0 {
		p.add(Problem{Sheet: "survey", Code: "missing_sheet", Message: "không có sheet survey"})
		return
	}
	h := p.readHeader(s, surveyColumns, surveyIgnored)
	for _, col := range []string{"type", "name"} {
		if _, ok := h.single[col]; !ok {
			p.add(Problem{Sheet: s.name, Row: 1, Column: col, Code: "missing_column", Message: "sheet survey thiếu cột " + col})
			return
		}
	}
	p.rows = map[string]int{}
	var stack []openGroup
	for i := 1; i < len(s.rows); i++ {
		row, rowNum := s.rows[i], i+1
		if blank(row) {
			continue
		}
		at := func(base string) Problem {
			column, cell := h.cellRef(base, rowNum)
			return Problem{Sheet: s.name, Row: rowNum, Column: column, Cell: cell}
		}
		fail := func(base, code, format string, args ...any) {
			pr := at(base)
			pr.Code, pr.Message = code, fmt.Sprintf(format, args...)
			p.add(pr)
		}
		typ := strings.Fields(h.cell(row, "type"))
		name := h.cell(row, "name")
		if len(typ) == 0 {
			fail("type", "missing_type", "dòng có nội dung nhưng thiếu loại câu hỏi (cột type)")
			continue
		}
		kind, list, ok := parseType(typ)
		if !ok {
			fail("type", "unknown_type", "loại câu hỏi %q không được hỗ trợ (hỗ trợ: select_one, select_multiple, integer, decimal, text, note, calculate, begin_group/end_group, begin_repeat/end_repeat)", strings.Join(typ, " "))
			continue
		}
		if kind == "end_group" || kind == "end_repeat" {
			if len(stack) == 0 {
				fail("type", "stray_end", "%s không có begin tương ứng", kind)
				continue
			}
			top := stack[len(stack)-1]
			if top.repeat != (kind == "end_repeat") {
				fail("type", "mismatched_end", "%s đóng nhầm %q mở ở dòng %d", kind, top.name, top.row)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if name == "" {
			fail("name", "missing_name", "thiếu tên (cột name)")
			continue
		}
		if !validName(name) {
			fail("name", "invalid_name", "tên %q không hợp lệ: bắt đầu bằng chữ cái hoặc '_', chỉ gồm chữ không dấu, số, '_', '-', '.'", name)
			continue
		}
		if first, dup := p.rows[name]; dup {
			fail("name", "duplicate_name", "tên %q trùng với dòng %d", name, first)
			continue
		}
		p.rows[name] = rowNum
		relevant := p.expr(h, row, rowNum, "relevant")
		path := make([]string, len(stack))
		repeat := ""
		for j, g := range stack {
			path[j] = g.name
			if g.repeat {
				repeat = g.name
			}
		}
		if kind == "begin_group" || kind == "begin_repeat" {
			p.form.Groups = append(p.form.Groups, Group{Name: name, Path: path, Repeat: kind == "begin_repeat",
				Labels: h.texts(row, "label"), Relevant: relevant})
			stack = append(stack, openGroup{name: name, repeat: kind == "begin_repeat", row: rowNum})
			continue
		}
		q := Question{
			Name: name, Type: QuestionType(kind), ListName: list, Group: path, Repeat: repeat,
			Labels: h.texts(row, "label"), Hints: h.texts(row, "hint"),
			RequiredMessage:   h.texts(row, "required_message"),
			ConstraintMessage: h.texts(row, "constraint_message"),
			Relevant:          relevant,
			Constraint:        p.expr(h, row, rowNum, "constraint"),
			Calculation:       p.expr(h, row, rowNum, "calculation"),
		}
		switch req := strings.ToLower(h.cell(row, "required")); req {
		case "", "no", "false", "false()", "0":
		case "yes", "true", "true()", "1":
			q.Required = true
		default:
			fail("required", "bad_required", "cột required chỉ nhận yes hoặc no, không phải %q", req)
		}
		if q.Type == Calculate && q.Calculation.IsZero() && h.cell(row, "calculation") == "" {
			fail("calculation", "missing_calculation", "câu calculate %q thiếu công thức (cột calculation)", name)
		}
		if (q.answerable() || q.Type == Note) && len(q.Labels) == 0 {
			pr := at("type")
			pr.Column, pr.Cell, pr.Code, pr.Warning = "label", "", "missing_label", true
			pr.Message = fmt.Sprintf("câu %q chưa có nhãn", name)
			p.add(pr)
		}
		if q.answerable() && looksPersonal(name) {
			pr := at("name")
			pr.Code, pr.Warning = "personal_data", true
			pr.Message = fmt.Sprintf("câu %q có vẻ hỏi tên, số điện thoại hoặc số giấy tờ; câu trả lời như vậy sẽ bị loại khi nhập dữ liệu", name)
			p.add(pr)
		}
		p.form.Questions = append(p.form.Questions, q)
		qi := len(p.form.Questions) - 1
		if list != "" {
			_, cell := h.cellRef("type", rowNum)
			p.selects = append(p.selects, selectUse{q: qi, row: rowNum, cell: cell})
		}
		indicator, ruleText := h.cell(row, "indicator"), h.cell(row, "indicator_rule")
		if indicator != "" || ruleText != "" {
			_, cell := h.cellRef("indicator_rule", rowNum)
			p.bindings = append(p.bindings, bindingUse{q: qi, row: rowNum, cell: cell, ruleText: ruleText})
			p.form.Questions[qi].Binding = &Binding{Indicator: indicator}
		}
	}
	for _, g := range stack {
		kind := "begin_group"
		if g.repeat {
			kind = "begin_repeat"
		}
		_, cell := h.cellRef("type", g.row)
		p.add(Problem{Sheet: s.name, Row: g.row, Column: "type", Cell: cell, Code: "unclosed_group",
			Message: fmt.Sprintf("%s %q chưa được đóng", kind, g.name)})
	}
}

// parseType reads the type cell in the spellings pyxform accepts.
func parseType(f []string) (kind, list string, ok bool) {
	t := strings.ToLower(f[0])
	if len(f) >= 2 {
		switch t + " " + strings.ToLower(f[1]) {
		case "begin group", "end group", "begin repeat", "end repeat":
			return t + "_" + strings.ToLower(f[1]), "", len(f) == 2
		case "select one", "select all":
			// "select one LIST", "select all that apply LIST"
			rest := f[2:]
			if t == "select" && strings.ToLower(f[1]) == "all" {
				if len(rest) < 3 || strings.ToLower(rest[0]) != "that" || strings.ToLower(rest[1]) != "apply" {
					return "", "", false
				}
				rest = rest[2:]
				t = "select_multiple"
			} else {
				t = "select_one"
			}
			f = append([]string{t}, rest...)
		}
	}
	switch t {
	case "select_one", "select_multiple":
		// "or_other" and choice lists from files are refused: their answers
		// cannot be checked against the choices sheet.
		if len(f) != 2 {
			return "", "", false
		}
		return t, f[1], true
	case "begin_group", "end_group", "begin_repeat", "end_repeat", "note", "calculate",
		"integer", "decimal", "text", "start", "end", "today", "deviceid":
		return t, "", len(f) == 1
	case "int":
		return "integer", "", len(f) == 1
	case "string":
		return "text", "", len(f) == 1
	}
	return "", "", false
}

func (p *formParser) expr(h header, row []string, rowNum int, base string) Expr {
	src := h.cell(row, base)
	if src == "" {
		return Expr{}
	}
	column, cell := h.cellRef(base, rowNum)
	e, err := ParseExpr(src)
	if err != nil {
		p.add(Problem{Sheet: h.sheet, Row: rowNum, Column: column, Cell: cell, Code: "bad_expression",
			Message: fmt.Sprintf("biểu thức %q sai: %v", src, err)})
		return Expr{}
	}
	p.exprs = append(p.exprs, exprUse{expr: e, row: rowNum, column: column, cell: cell})
	return e
}

// checkReferences runs the checks that need the whole form: ${x} names,
// choice lists, and indicator rules against the choices.
func (p *formParser) checkReferences() {
	questions := map[string]bool{}
	for _, q := range p.form.Questions {
		questions[q.Name] = true
	}
	for _, u := range p.exprs {
		for _, ref := range u.expr.Refs() {
			if !questions[ref] {
				p.add(Problem{Sheet: "survey", Row: u.row, Column: u.column, Cell: u.cell, Code: "unknown_reference",
					Message: fmt.Sprintf("biểu thức %q nhắc đến ${%s}, không có câu hỏi nào tên như vậy", u.expr, ref)})
			}
		}
	}
	for _, u := range p.selects {
		q := p.form.Questions[u.q]
		choices, ok := p.form.Choices[q.ListName]
		if !ok {
			p.add(Problem{Sheet: "survey", Row: u.row, Column: "type", Cell: u.cell, Code: "unknown_list",
				Message: fmt.Sprintf("câu %q dùng danh sách lựa chọn %q, không có trong sheet choices", q.Name, q.ListName)})
			continue
		}
		if q.Type == SelectMultiple {
			for _, c := range choices {
				if strings.ContainsAny(c.Name, " \t") {
					p.add(Problem{Sheet: "survey", Row: u.row, Column: "type", Cell: u.cell, Code: "choice_with_space",
						Message: fmt.Sprintf("câu chọn nhiều %q dùng lựa chọn %q có dấu cách; câu trả lời sẽ không tách được", q.Name, c.Name)})
				}
			}
		}
	}
	for _, u := range p.bindings {
		q := &p.form.Questions[u.q]
		fail := func(format string, args ...any) {
			p.add(Problem{Sheet: "survey", Row: u.row, Column: "indicator_rule", Cell: u.cell, Code: "bad_indicator_rule",
				Message: fmt.Sprintf(format, args...)})
		}
		if q.Binding.Indicator == "" {
			fail("có quy tắc nhưng thiếu mã chỉ tiêu (cột indicator)")
			continue
		}
		if u.ruleText == "" {
			fail("câu %q gắn chỉ tiêu %s nhưng thiếu quy tắc (cột indicator_rule)", q.Name, q.Binding.Indicator)
			continue
		}
		rule, err := ParseRule(u.ruleText)
		if err != nil {
			fail("%v", err)
			continue
		}
		q.Binding.Rule = rule
		if !q.answerable() {
			fail("câu %q loại %s không có câu trả lời để tính chỉ tiêu", q.Name, q.Type)
			continue
		}
		switch rule.Kind {
		case RuleScale, RuleInverseScale:
			if q.Type == SelectMultiple || q.Type == Text {
				fail("quy tắc thang đo chỉ dùng cho câu số hoặc chọn một, không cho câu %s", q.Type)
			}
		}
		if q.ListName != "" {
			names := map[string]bool{}
			for _, c := range p.form.Choices[q.ListName] {
				names[c.Name] = true
			}
			for _, v := range append(append([]string{}, rule.Values...), rule.Skip...) {
				if len(names) > 0 && !names[v] {
					fail("quy tắc nhắc đến lựa chọn %q, không có trong danh sách %q", v, q.ListName)
				}
			}
		}
	}
}
