package plan

import (
	"strings"

	"papihub/internal/papi"
	"papihub/internal/platform/vn"
)

// taskColumns says which column of a task table holds what; -1 = absent.
type taskColumns struct {
	text, lead, coord, due, dim, index int
}

// readTaskHeader recognises the header row of a task table ("Nhiệm vụ | Đơn
// vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành"). The dimension column
// is tested first because "Chỉ số nội dung" also contains "nội dung".
func readTaskHeader(row []string) (taskColumns, bool) {
	c := taskColumns{-1, -1, -1, -1, -1, -1}
	for i, cell := range row {
		f := vn.Fold(cell)
		switch {
		case strings.Contains(f, "chi so") || f == "linh vuc":
			c.dim = set(c.dim, i)
		case strings.Contains(f, "chu tri"):
			c.lead = set(c.lead, i)
		case strings.Contains(f, "phoi hop"):
			c.coord = set(c.coord, i)
		case strings.Contains(f, "thoi gian") || strings.Contains(f, "thoi han") || strings.Contains(f, "tien do") ||
			strings.Contains(f, "hoan thanh") || f == "han":
			c.due = set(c.due, i)
		case f == "stt" || f == "tt" || f == "so tt" || f == "so thu tu":
			c.index = set(c.index, i)
		case strings.Contains(f, "nhiem vu") || strings.Contains(f, "noi dung") || strings.Contains(f, "cong viec") ||
			strings.Contains(f, "giai phap") || strings.Contains(f, "hoat dong"):
			c.text = set(c.text, i)
		}
	}
	return c, c.text >= 0
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
	hdr := -1
	var cols taskColumns
	for i, row := range b.rows {
		if c, ok := readTaskHeader(row); ok {
			hdr, cols = i, c
			break
		}
	}
	if hdr < 0 || p.zone < zIntro || p.zone > zContent {
		if p.zone == zContent {
			p.problem(b.no, SevWarning, "Bảng trong phần nội dung không có cột “Nhiệm vụ”; các ô được đọc như đoạn văn")
		}
		for _, row := range b.rows {
			for _, cell := range row {
				for _, l := range strings.Split(cell, "\n") {
					p.line(block{no: b.no, text: strings.TrimSpace(l)})
				}
			}
		}
		return
	}
	p.zone = zContent
	for _, row := range b.rows[hdr+1:] {
		p.taskRow(b.no, row, cols)
	}
}

// taskRow reads one row: a group row naming a dimension starts a section,
// any other row with text is a task.
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
	if len(filled) == 1 {
		// Merged group rows repeat their text in every cell of a Markdown
		// table, or keep it in one spanning cell of a DOCX.
		_, rest := splitMarker(filled[0])
		if code, ok := papi.MatchDimension(rest); ok {
			p.newSection(line, code, true, rest)
			return
		}
	}
	text := cell(c.text)
	if text == "" {
		p.problem(line, SevWarning, "Dòng bảng không có nội dung nhiệm vụ: “%s”", clip(strings.Join(filled, " | ")))
		return
	}
	if c.dim >= 0 {
		p.sectionFor(line, cell(c.dim))
	} else if len(p.d.Sections) == 0 {
		p.newSection(line, "", false, "")
	}
	t := Task{Text: text, Lead: cell(c.lead), Due: cell(c.due)}
	if v := cell(c.coord); v != "" {
		t.Coordinators = splitUnits(v)
	}
	s := &p.d.Sections[len(p.d.Sections)-1]
	s.Tasks = append(s.Tasks, t)
}

// sectionFor makes the section of the dimension named in a row's dimension
// cell current, creating it on first use. A blank cell keeps the current
// section, as a merged cell does.
func (p *planReader) sectionFor(line int, name string) {
	if name == "" && len(p.d.Sections) > 0 {
		return
	}
	code, ok := papi.MatchDimension(name)
	if !ok {
		if c := strings.ToUpper(strings.TrimSpace(name)); len(c) == 2 && c[0] == 'D' && c[1] >= '1' && c[1] <= '8' {
			code, ok = c, true
		}
	}
	if n := len(p.d.Sections); n > 0 && p.d.Sections[n-1].Dimension == code && (ok || p.d.Sections[n-1].Heading == name) {
		return
	}
	p.newSection(line, code, ok, name)
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
