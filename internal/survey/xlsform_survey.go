package survey

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// surveyColumns are the survey sheet's columns the system uses. "default"
// is only read to tell a calculate with a dynamic default from one missing
// its calculation.
var surveyColumns = map[string]bool{
	"type": true, "name": true, "label": true, "hint": true, "required": true, "required_message": true,
	"relevant": true, "constraint": true, "constraint_message": true, "calculation": true,
	"indicator": true, "indicator_rule": true, "default": true,
	// KoboToolbox's own structures (xlsform_kobo.go) and its autoname.
	"kobo--score-choices": true, "kobo--rank-items": true, "kobo--rank-constraint-message": true, "kobo--matrix_list": true,
	"$autoname": true,
}

// scope is the survey itself or an open group or repeat: pyxform wants the
// names of its direct children unique, and repeat names unique in the form.
type scope struct {
	name   string
	repeat bool
	row    int
	names  map[string]int // name → row
	lower  map[string]int // lower-cased name → row
}

func newScope(name string, repeat bool, row int) *scope {
	return &scope{name: name, repeat: repeat, row: row, names: map[string]int{}, lower: map[string]int{}}
}

// surveyRow is one row of the survey sheet as readSurvey reads it. over
// replaces cells (by column base name, "label" for every language): a row of
// one of KoboToolbox's own structures is read as the XLSForm rows Kobo turns
// it into.
type surveyRow struct {
	p      *formParser
	h      header
	sheet  string
	row    []string
	rowNum int
	over   map[string]string
	labels map[string]string // replaces the label in every language when over has "label"
}

func (r surveyRow) cell(base string) string {
	if v, ok := r.over[base]; ok {
		return v
	}
	return r.h.cell(r.row, base)
}

func (r surveyRow) texts(base string) map[string]string {
	if v, ok := r.over[base]; ok {
		if base == "label" && r.labels != nil {
			return r.labels
		}
		if v == "" {
			return nil
		}
		return map[string]string{"": v}
	}
	return r.h.texts(r.row, base)
}

// withLabels returns the row with its labels replaced.
func (r surveyRow) withLabels(labels map[string]string) surveyRow {
	r = r.with("label", "-")
	r.labels = labels
	return r
}

// with returns the row with cells replaced.
func (r surveyRow) with(kv ...string) surveyRow {
	over := make(map[string]string, len(r.over)+len(kv)/2)
	for k, v := range r.over {
		over[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		over[kv[i]] = kv[i+1]
	}
	r.over = over
	return r
}

func (r surveyRow) at(base string) Problem {
	column, cell := r.h.cellRef(base, r.rowNum)
	return Problem{Sheet: r.sheet, Row: r.rowNum, Column: column, Cell: cell}
}

func (r surveyRow) fail(base, code, format string, args ...any) {
	pr := r.at(base)
	pr.Code, pr.Message = code, fmt.Sprintf(format, args...)
	r.p.add(pr)
}

func (r surveyRow) warn(base, code, format string, args ...any) {
	pr := r.at(base)
	pr.Code, pr.Message, pr.Warning = code, fmt.Sprintf(format, args...), true
	r.p.add(pr)
}

// surveyReader is readSurvey's state: the open groups and the repeats seen.
type surveyReader struct {
	p       *formParser
	stack   []*scope
	repeats map[string]int
	kobo    *koboBlock
}

func (p *formParser) readSurvey(s sheetRows) {
	if !s.present || len(s.rows) == 0 {
		p.add(Problem{Sheet: "survey", Code: "missing_sheet", Message: "không có sheet survey"})
		return
	}
	h := p.readHeader(s, surveyColumns)
	for _, col := range []string{"type", "name"} {
		if _, ok := h.single[col]; !ok {
			p.add(Problem{Sheet: s.name, Row: 1, Column: col, Code: "missing_column", Message: "sheet survey thiếu cột " + col})
			return
		}
	}
	sr := &surveyReader{p: p, stack: []*scope{newScope("", false, 0)}, repeats: map[string]int{}}
	for i := 1; i < len(s.rows); i++ {
		r := surveyRow{p: p, h: h, sheet: s.name, row: s.rows[i], rowNum: i + 1}
		if blank(r.row) {
			continue
		}
		if sr.kobo != nil && sr.kobo.take(sr, r) {
			continue
		}
		typeCell := r.cell("type")
		if typeCell == "" {
			if r.cell("name") == "" && len(r.texts("label")) == 0 {
				continue // a comment row, which pyxform skips too
			}
			r.fail("type", "missing_type", "dòng có nội dung nhưng thiếu loại câu hỏi (cột type)")
			continue
		}
		if sr.koboBegin(r, typeCell) {
			continue
		}
		sr.line(r)
	}
	if sr.kobo != nil {
		sr.kobo.unclosed(sr)
	}
	for _, g := range sr.stack[1:] {
		kind := "begin_group"
		if g.repeat {
			kind = "begin_repeat"
		}
		_, cell := h.cellRef("type", g.row)
		p.add(Problem{Sheet: s.name, Row: g.row, Column: "type", Cell: cell, Code: "unclosed_group",
			Message: fmt.Sprintf("%s %q chưa được đóng", kind, g.name)})
	}
}

// line reads one row of the XLSForm standard: a question, or the begin or
// end of a group or repeat.
func (sr *surveyReader) line(r surveyRow) {
	p := sr.p
	typeCell, name := r.cell("type"), r.cell("name")
	kind, typ, list, orOther, ok := parseType(typeCell)
	if !ok {
		r.fail("type", "unknown_type", "loại câu hỏi %q không có trong đặc tả XLSForm (ví dụ đúng: select_one DANH_SÁCH, integer, text, date, geopoint, image, begin_group, end_repeat…)", typeCell)
		return
	}
	if kind == "end_group" || kind == "end_repeat" {
		if len(sr.stack) == 1 {
			r.fail("type", "stray_end", "%s không có begin tương ứng", kind)
			return
		}
		top := sr.stack[len(sr.stack)-1]
		if top.repeat != (kind == "end_repeat") {
			r.fail("type", "mismatched_end", "%s đóng nhầm %q mở ở dòng %d", kind, top.name, top.row)
		}
		sr.stack = sr.stack[:len(sr.stack)-1]
		return
	}
	switch {
	case name != "":
	case typ == Note:
		name = "generated_note_name_" + strconv.Itoa(r.rowNum) // as pyxform names it
	case typ == Audit:
		name = "audit"
	case r.cell("$autoname") != "":
		name = r.cell("$autoname") // KoboToolbox's own column
	default:
		if name = sr.autoname(r); name == "" {
			r.fail("name", "missing_name", "thiếu tên (cột name)")
			return
		}
		r.warn("name", "autoname", "dòng chưa có tên; đặt tên %q theo nhãn, như KoboToolbox làm", name)
	}
	if typ == Audit && name != "audit" {
		r.warn("name", "audit_name", "câu audit luôn mang tên \"audit\" (pyxform đặt như vậy), không phải %q", name)
		name = "audit"
	}
	if !validName(name) {
		r.fail("name", "invalid_name", "tên %q không hợp lệ: bắt đầu bằng chữ cái hoặc '_', chỉ gồm chữ, số, '_', '-', '.'", name)
		return
	}
	top := sr.stack[len(sr.stack)-1]
	if !p.uniqueIn(r, top, name, len(sr.stack) == 1) {
		return
	}
	path := make([]string, 0, len(sr.stack)-1)
	repeat := ""
	for _, g := range sr.stack[1:] {
		path = append(path, g.name)
		if g.repeat {
			repeat = g.name
		}
	}
	at := append(append([]string{}, path...), name)
	if kind == "begin_group" || kind == "begin_repeat" {
		isRepeat := kind == "begin_repeat"
		if isRepeat {
			if first, dup := sr.repeats[name]; dup {
				r.fail("name", "duplicate_repeat", "nhóm lặp %q trùng tên với nhóm lặp ở dòng %d (tên nhóm lặp phải khác nhau trong cả biểu mẫu)", name, first)
				return
			}
			sr.repeats[name] = r.rowNum
		}
		p.form.Groups = append(p.form.Groups, Group{Name: name, Path: path, Repeat: isRepeat,
			Labels: r.texts("label"), Relevant: p.expr(r, "relevant", at, exprSite{group: len(p.form.Groups), field: "relevant"}),
			at: len(p.form.Questions)})
		sr.stack = append(sr.stack, newScope(name, isRepeat, r.rowNum))
		return
	}
	p.readQuestion(r, Question{Name: name, Type: typ, ListName: list, OrOther: orOther, Group: path, Repeat: repeat}, at)
}

// autoname names a row from its label as KoboToolbox's form builder does
// (kpi's _autoname_fields): lower case, runs of other than letters and digits
// made "_", "_" before a leading digit, "_0" added until it is new in its group.
func (sr *surveyReader) autoname(r surveyRow) string {
	labels := r.texts("label")
	label := pick(labels, sr.p.form.DefaultLanguage)
	if label == "" {
		return ""
	}
	var b strings.Builder
	under := false
	for _, c := range strings.ToLower(strings.TrimSpace(label)) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' {
			b.WriteRune(c)
			under = false
		} else if !under {
			b.WriteByte('_')
			under = true
		}
	}
	name := b.String()
	if name == "" {
		return ""
	}
	if c := name[0]; c >= '0' && c <= '9' {
		name = "_" + name
	}
	top := sr.stack[len(sr.stack)-1]
	for top.names[name] != 0 {
		name += "_0"
	}
	return name
}

// uniqueIn checks a name against its group's other children: the same
// name is an error, as in pyxform; the same but for case is a warning.
func (p *formParser) uniqueIn(r surveyRow, s *scope, name string, root bool) bool {
	if first, dup := s.names[name]; dup {
		where := "trong cùng nhóm"
		if root {
			where = "ở cấp ngoài cùng của biểu mẫu"
		}
		r.fail("name", "duplicate_name", "tên %q trùng với dòng %d (%s; tên chỉ cần khác nhau trong từng nhóm)", name, first, where)
		return false
	}
	if root && name == "meta" {
		r.fail("name", "reserved_name", "tên \"meta\" dành cho siêu dữ liệu của biểu mẫu")
		return false
	}
	if first, dup := s.lower[strings.ToLower(name)]; dup {
		r.warn("name", "name_case", "tên %q chỉ khác tên ở dòng %d về chữ hoa, chữ thường; vài công cụ phân tích sẽ nhầm hai cột", name, first)
	}
	s.names[name] = r.rowNum
	s.lower[strings.ToLower(name)] = r.rowNum
	return true
}

// readQuestion fills in the rest of a question row and adds it.
func (p *formParser) readQuestion(r surveyRow, q Question, at []string) {
	qi := len(p.form.Questions)
	site := func(field string) exprSite { return exprSite{q: qi, group: -1, field: field} }
	q.Labels, q.Hints = r.texts("label"), r.texts("hint")
	q.RequiredMessage, q.ConstraintMessage = r.texts("required_message"), r.texts("constraint_message")
	q.Relevant = p.expr(r, "relevant", at, site("relevant"))
	q.Constraint = p.expr(r, "constraint", at, site("constraint"))
	q.Calculation = p.expr(r, "calculation", at, site("calculation"))
	if yes, ok := yesNo(r.cell("required")); ok {
		q.Required = yes
	} else {
		q.RequiredIf = p.expr(r, "required", at, site("required"))
	}
	if q.Type == Calculate && r.cell("calculation") == "" && r.cell("default") == "" {
		r.fail("calculation", "missing_calculation", "câu calculate %q thiếu công thức (cột calculation)", q.Name)
	}
	if (q.answerable() || q.Type == Note) && len(q.Labels) == 0 && q.Type != Acknowledge {
		p.noLabel = append(p.noLabel, r.rowNum)
	}
	switch {
	case q.Type.personalMetadata():
		r.warn("type", "personal_metadata", "câu %q (%s) ghi lại %s của người thu thập; câu trả lời sẽ bị loại khi nhập dữ liệu vì dữ liệu khảo sát không chứa thông tin cá nhân",
			q.Name, q.Type, personalMetadataWhat(q.Type))
	case q.answerable() && looksPersonal(q.Name):
		r.warn("name", "personal_data", "câu %q có vẻ hỏi tên, số điện thoại hoặc số giấy tờ; câu trả lời như vậy sẽ bị loại khi nhập dữ liệu", q.Name)
	}
	p.form.Questions = append(p.form.Questions, q)
	p.questionRows = append(p.questionRows, r.rowNum)
	_, typeCell := r.h.cellRef("type", r.rowNum)
	p.typeCells = append(p.typeCells, typeCell)
	if q.ListName != "" {
		p.selects = append(p.selects, qi)
	}
	indicator, ruleText := r.cell("indicator"), r.cell("indicator_rule")
	if indicator != "" || ruleText != "" {
		_, cell := r.h.cellRef("indicator_rule", r.rowNum)
		p.bindings = append(p.bindings, bindingUse{q: qi, row: r.rowNum, cell: cell, ruleText: ruleText})
		p.form.Questions[qi].Binding = &Binding{Indicator: indicator}
	}
}

func personalMetadataWhat(t QuestionType) string {
	switch t {
	case PhoneNumber:
		return "số điện thoại"
	case Email:
		return "địa chỉ thư điện tử"
	case Username:
		return "tên đăng nhập"
	}
	return "mã SIM"
}

// finishQuestions adds the text question pyxform makes for each or_other
// select, and gives every question its key: the name when no other
// question or group of the form has it, else its path.
func (p *formParser) finishQuestions() {
	qs := p.form.Questions
	out := make([]Question, 0, len(qs))
	rows := make([]int, 0, len(qs))
	cells := make([]string, 0, len(qs))
	moved := map[int]int{}
	taken := map[string]bool{}
	for _, q := range qs {
		taken[strings.Join(append(append([]string{}, q.Group...), q.Name), "/")] = true
	}
	for i, q := range qs {
		moved[i] = len(out)
		out = append(out, q)
		rows = append(rows, p.questionRows[i])
		cells = append(cells, p.typeCells[i])
		other := q.Name + "_other"
		if !q.OrOther || taken[strings.Join(append(append([]string{}, q.Group...), other), "/")] {
			continue
		}
		out = append(out, Question{Name: other, Type: Text, Group: q.Group, Repeat: q.Repeat, derived: true,
			Labels:   map[string]string{"": "Specify other."},
			Relevant: mustParse(fmt.Sprintf("selected(${%s}, 'other')", q.Name))})
		rows = append(rows, p.questionRows[i])
		cells = append(cells, p.typeCells[i])
	}
	moved[len(qs)] = len(out)
	for i := range p.form.Groups {
		p.form.Groups[i].at = moved[p.form.Groups[i].at]
	}
	for i := range p.selects {
		p.selects[i] = moved[p.selects[i]]
	}
	for i := range p.bindings {
		p.bindings[i].q = moved[p.bindings[i].q]
	}
	for i := range p.exprs {
		if p.exprs[i].site.group < 0 {
			p.exprs[i].site.q = moved[p.exprs[i].site.q]
		}
	}
	uses := map[string]int{}
	for _, q := range out {
		uses[q.Name]++
	}
	for _, g := range p.form.Groups {
		uses[g.Name]++
	}
	for i := range out {
		out[i].Key = out[i].Name
		if uses[out[i].Name] > 1 {
			out[i].Key = strings.Join(append(append([]string{}, out[i].Group...), out[i].Name), "/")
		}
	}
	p.form.Questions, p.questionRows, p.typeCells = out, rows, cells
}

func mustParse(src string) Expr {
	e, err := ParseExpr(src)
	if err != nil {
		panic("survey: " + err.Error())
	}
	return e
}
