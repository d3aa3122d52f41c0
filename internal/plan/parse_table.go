package plan

import (
	"strings"

	"papihub/internal/papi"
	"papihub/internal/platform/vn"
)

// taskColumns says which column of a task table holds what; -1 = absent.
// Other columns ("Ghi chú", "Kinh phí") are kept: their values go to the
// task's details under the column's name.
type taskColumns struct {
	text, lead, coord, due, dim, index, output int
	other                                      map[int]string
}

// columnOf names what a header cell holds. The dimension column is tested
// first because "Chỉ số nội dung" also contains "nội dung", the deadline
// before the lead because "Thời gian thực hiện" also contains "thực hiện".
func columnOf(cell string) string {
	f := vn.Fold(cell)
	switch {
	case f == "":
		return ""
	case strings.Contains(f, "chi so") || f == "linh vuc":
		return "dim"
	case strings.Contains(f, "phoi hop"):
		return "coord"
	case strings.Contains(f, "chu tri"):
		return "lead"
	case strings.Contains(f, "thoi gian") || strings.Contains(f, "thoi han") || strings.Contains(f, "tien do") ||
		strings.Contains(f, "hoan thanh") || f == "han" || strings.Contains(f, "thoi diem"):
		return "due"
	case strings.Contains(f, "thuc hien") || strings.Contains(f, "trach nhiem") || strings.Contains(f, "don vi") ||
		strings.Contains(f, "co quan"):
		return "lead"
	case f == "stt" || f == "tt" || f == "so tt" || f == "so thu tu" || f == "s tt":
		return "index"
	case strings.Contains(f, "san pham") || strings.Contains(f, "ket qua") || strings.Contains(f, "hinh thuc"):
		return "output"
	case strings.Contains(f, "nhiem vu") || strings.Contains(f, "noi dung") || strings.Contains(f, "cong viec") ||
		strings.Contains(f, "giai phap") || strings.Contains(f, "hoat dong"):
		return "text"
	}
	return "other"
}

// readTaskHeader recognises the header row of a task table ("STT | Nội
// dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản
// phẩm"), with a second header row under merged cells ("Đơn vị thực hiện"
// over "Chủ trì | Phối hợp"). It returns how many rows the header takes.
func readTaskHeader(rows [][]string, i int) (taskColumns, int, bool) {
	row := rows[i]
	header := append([]string(nil), row...)
	n := 1
	if i+1 < len(rows) && isSubHeader(rows[i+1]) {
		for k, v := range rows[i+1] {
			if k < len(header) && strings.TrimSpace(v) != "" && v != header[k] {
				header[k] = v
			}
		}
		n = 2
	}
	c := taskColumns{-1, -1, -1, -1, -1, -1, -1, map[int]string{}}
	for k, cell := range header {
		switch columnOf(cell) {
		case "dim":
			c.dim = set(c.dim, k)
		case "coord":
			c.coord = set(c.coord, k)
		case "lead":
			c.lead = set(c.lead, k)
		case "due":
			c.due = set(c.due, k)
		case "index":
			c.index = set(c.index, k)
		case "output":
			c.output = set(c.output, k)
		case "text":
			c.text = set(c.text, k)
		case "other":
			c.other[k] = strings.TrimSpace(cell)
		}
	}
	if c.text < 0 || c.lead < 0 && c.due < 0 && c.index < 0 && c.dim < 0 {
		return c, 0, false
	}
	return c, n, true
}

// isSubHeader reports a second header row: every filled cell names a
// column, and one of them is the lead or the coordinators.
func isSubHeader(row []string) bool {
	units := false
	for _, v := range row {
		switch columnOf(v) {
		case "":
		case "lead", "coord":
			units = true
		case "due", "output":
		default:
			return false
		}
	}
	return units
}

func set(old, i int) int {
	if old >= 0 {
		return old
	}
	return i
}

// table handles a table block: a task table inside (or opening) the content,
// anything else — the two-column header, the recipients and signature — is
// read line by line, cell by cell.
func (p *planReader) table(b block) {
	p.endTitle()
	hdr, n := -1, 0
	var cols taskColumns
	if p.zone >= zIntro && p.zone <= zContent {
		for i := range b.rows {
			if c, k, ok := readTaskHeader(b.rows, i); ok {
				hdr, n, cols = i, k, c
				break
			}
		}
	}
	if hdr < 0 {
		if p.zone == zContent {
			p.problem(b.no, SevWarning, "Bảng trong phần nội dung không có cột “Nhiệm vụ”; các ô được đọc như đoạn văn")
		}
		for r, row := range b.rows {
			for _, cell := range row {
				for _, l := range strings.Split(cell, "\n") {
					p.line(block{no: rowLine(b, r), text: strings.TrimSpace(l)})
				}
			}
		}
		return
	}
	p.zone = zContent
	for r := 0; r < hdr; r++ {
		p.unplaced(rowLine(b, r), strings.Join(b.rows[r], " | "))
	}
	for r := hdr + n; r < len(b.rows); r++ {
		p.taskRow(rowLine(b, r), b.rows[r], cols)
	}
}

func rowLine(b block, r int) int {
	if r < len(b.rowNo) {
		return b.rowNo[r]
	}
	return b.no
}

// taskRow reads one row: a group row naming a dimension (or a group of
// general tasks) starts a section, any other row with text is a task.
func (p *planReader) taskRow(line int, row []string, c taskColumns) {
	cell := func(i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	var filled []string
	for i, v := range row {
		if v = strings.TrimSpace(v); v != "" && i != c.index && !contains(filled, v) {
			filled = append(filled, v)
		}
	}
	if len(filled) == 0 {
		return
	}
	if len(filled) == 1 && isGroupIndex(cell(c.index), filled[0]) {
		// Merged group rows repeat their text in every cell of a Markdown
		// table, or keep it in one spanning cell of a DOCX.
		_, rest := splitMarker(filled[0])
		m := papi.FindDimensions(rest)
		if len(m.Codes) > 0 || isUpper(rest) || strings.Contains(vn.Fold(rest), "chung") {
			p.newSection(line, m, rest)
			return
		}
	}
	text := cell(c.text)
	if text == "" {
		p.problem(line, SevWarning, "Dòng bảng không có nội dung nhiệm vụ: “%s”", clip(strings.Join(filled, " | ")))
		p.unplaced(line, strings.Join(filled, " | "))
		return
	}
	if c.dim >= 0 {
		p.sectionFor(line, cell(c.dim))
	} else if len(p.d.Sections) == 0 {
		p.newSection(line, papi.DimensionMention{}, "")
	}
	lines := strings.Split(text, "\n")
	t := Task{Text: lines[0], Lead: cell(c.lead), Due: cell(c.due), Output: cell(c.output), Line: line}
	for _, l := range lines[1:] {
		if mk, rest := splitMarker(l); mk.kind != noMarker {
			l = rest
		}
		if field, value := labelled(l); field != fieldNone {
			t.set(field, value)
		} else {
			t.Details = append(t.Details, l)
		}
	}
	if v := cell(c.coord); v != "" {
		t.Coordinators = splitUnits(v)
	}
	readInlineFields(&t)
	for _, k := range sortedKeys(c.other) {
		if v := cell(k); v != "" {
			t.Details = append(t.Details, c.other[k]+": "+v)
		}
	}
	s := &p.d.Sections[len(p.d.Sections)-1]
	s.Tasks = append(s.Tasks, t)
}

// isGroupIndex reports whether a row's number is a group's: blank, a Roman
// numeral or a capital letter, or the row's own text repeated (a merged
// Markdown row), never a task's "1" or "1.2".
func isGroupIndex(index, text string) bool {
	index = strings.TrimRight(strings.TrimSpace(index), ".)")
	if index == "" || index == text || romans[index] {
		return true
	}
	return len(index) == 1 && index[0] >= 'A' && index[0] <= 'Z'
}

// sectionFor makes the section of the dimension named in a row's dimension
// cell current, creating it on first use. A blank cell keeps the current
// section, as a merged cell does; a bare number ("5") is the dimension's.
func (p *planReader) sectionFor(line int, name string) {
	if name == "" && len(p.d.Sections) > 0 {
		return
	}
	m := papi.FindDimensions(name)
	if v := strings.TrimSpace(name); len(m.Codes) == 0 && len(v) == 1 && v[0] >= '1' && v[0] <= '8' {
		m.Codes, name = []string{"D" + v}, "Chỉ số nội dung "+v
	}
	code := ""
	if len(m.Codes) > 0 && !m.Conflict {
		code = m.Codes[0]
	}
	if n := len(p.d.Sections); n > 0 && p.d.Sections[n-1].Dimension == code && (code != "" || p.d.Sections[n-1].Heading == name) {
		return
	}
	p.newSection(line, m, name)
}

// splitUnits splits a list of units on commas, semicolons and line breaks.
// Not on "và": it is part of names such as "Sở Thông tin và Truyền thông".
func splitUnits(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if part = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(part), "-+•")); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func sortedKeys(m map[int]string) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
