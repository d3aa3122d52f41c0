package plan

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"papihub/internal/papi"
	"papihub/internal/platform/vn"
)

// headingStyle is how the plan marks its dimension headings. Once the first
// one is seen, lines in the same style start sections, lines marked higher
// up the outline ("2." above "2.1.", "1." above "a)") start a group or a
// section of their own, and the rest are tasks: so numbered tasks under bold
// headings stay tasks, and plans may nest "1.", "1.1.", "a)", "-", "+" in
// any order.
type headingStyle struct {
	emph  bool
	kind  markerKind
	level int
}

// outlineLevel ranks a marker in the outline, 0 the highest: I. above 1.
// above 1.1. above a) above - above + and other bullets. A line without a
// marker has no level (-1).
func outlineLevel(mk marker) int {
	switch mk.kind {
	case romanMarker:
		return 0
	case numberMarker:
		return strings.Count(mk.label, ".") + 1
	case letterMarker:
		return 5
	case bulletMarker:
		if mk.label == "-" || mk.label == "–" || mk.label == "—" {
			return 6
		}
		return 7
	}
	return -1
}

func styleOf(b block, mk marker) headingStyle {
	return headingStyle{emph: b.bold || b.heading, kind: mk.kind, level: outlineLevel(mk)}
}

func (s headingStyle) same(o headingStyle) bool {
	return s.emph == o.emph && s.kind == o.kind && s.level == o.level
}

// above reports whether s is marked higher in the outline than o.
func (s headingStyle) above(o headingStyle) bool {
	return s.level >= 0 && o.level >= 0 && s.level < o.level && (s.emph || !o.emph)
}

// content reads section II: dimension headings, their status paragraphs,
// lead-ins and tasks.
func (p *planReader) content(b block, text string, mk marker, rest, restF string) {
	st := styleOf(b, mk)
	if p.leadIn(b, mk, rest, restF, st) {
		return
	}
	if len(p.d.Sections) > 0 && isStatus(restF) {
		p.status(b.no, rest)
		return
	}
	if p.heading(b, mk, rest, restF, st) {
		return
	}
	p.task(b, mk, text, rest)
}

// heading starts a section when the line is one: in the plan's heading
// style, or naming a dimension the way headings do.
func (p *planReader) heading(b block, mk marker, rest, restF string, st headingStyle) bool {
	m := papi.FindDimensions(rest)
	named := len(m.Codes) > 0 && !m.Conflict
	startsChiSo := strings.HasPrefix(restF, "chi so")
	// Only a dimension's name or number, and the words around it.
	nameOnly := named && m.Other == 0 && !endsSentence(rest)
	var candidate bool
	switch {
	case mk.kind == bulletMarker:
		candidate = startsChiSo || nameOnly
	case p.haveStyle && st.same(p.style), p.haveStyle && st.above(p.style):
		candidate = true
	case p.haveStyle:
		candidate = startsChiSo || nameOnly && (st.emph || mk.kind != noMarker)
	default:
		candidate = st.emph || mk.kind == numberMarker || startsChiSo || nameOnly ||
			named && mk.kind == letterMarker && m.Other <= 2 && !endsSentence(rest)
	}
	if !candidate {
		return false
	}
	short := !endsSentence(rest) && utf8.RuneCountInString(rest) <= 160
	if !named && !(short && mk.kind != bulletMarker) {
		return false
	}
	if named && !p.haveStyle && mk.kind != bulletMarker {
		p.style, p.haveStyle = st, true
	}
	p.newSection(b.no, m, rest)
	return true
}

// leadInWords open a line that introduces a section's parts rather than
// being a task: "Giải pháp:", "Nhiệm vụ:", "1.2. Nhiệm vụ, giải pháp",
// "Thực trạng:", "Mục tiêu:".
var leadInWords = []string{"giai phap", "nhiem vu", "cac nhiem vu", "cac giai phap", "mot so nhiem vu", "mot so giai phap",
	"thuc trang", "ket qua", "danh gia", "muc tieu", "chi tieu", "noi dung thuc hien", "cac noi dung"}

// leadIn handles a lead-in. Its label goes to the section's intro; what
// follows the colon is read on its own: a status, a task, or (after "Mục
// tiêu:") the rest of the intro. A numbered line is a lead-in only below the
// heading style, so "2. Nhiệm vụ cụ thể" between dimension groups stays a
// heading.
func (p *planReader) leadIn(b block, mk marker, rest, restF string, st headingStyle) bool {
	label, after, hasColon := strings.Cut(rest, ":")
	labelF := strings.TrimSpace(vn.Fold(label))
	if !hasColon {
		// Without a colon only a heading-like line is a lead-in ("1.2.
		// Nhiệm vụ, giải pháp", "**Giải pháp**"): a bullet "Kết quả thực
		// hiện được báo cáo hằng quý" is a task.
		labelF = strings.TrimSpace(strings.TrimRight(restF, ". "))
		if endsSentence(rest) || !st.emph && mk.kind != numberMarker && mk.kind != letterMarker || len(strings.Fields(labelF)) > 6 {
			return false
		}
	}
	word := ""
	for _, w := range leadInWords {
		if labelF == w || strings.HasPrefix(labelF, w+" ") || strings.HasPrefix(labelF, w+",") {
			word = w
			break
		}
	}
	if word == "" || len(strings.Fields(labelF)) > 8 || strings.Contains(labelF, "chung") {
		return false
	}
	if m := papi.FindDimensions(label); len(m.Codes) > 0 {
		return false // "Nhiệm vụ nâng cao Chỉ số Tham gia ...": a heading
	}
	if mk.kind == numberMarker || mk.kind == romanMarker {
		if !p.haveStyle || !p.style.above(st) {
			return false
		}
	}
	after = strings.TrimSpace(after)
	if after != "" && len(p.d.Sections) > 0 && isStatus(vn.Fold(after)) {
		p.status(b.no, rest) // "Thực trạng: Năm 2025, ...": the label may hold the year
		return true
	}
	if len(p.d.Sections) == 0 {
		p.problem(b.no, SevInfo, "“%s” đứng trước mọi mục theo chỉ số; không đưa vào bản nháp", clip(rest))
		p.unplaced(b.no, rest)
		return true
	}
	s := &p.d.Sections[len(p.d.Sections)-1]
	intro := strings.TrimSpace(label) + ":"
	if word == "muc tieu" || word == "chi tieu" || after == "" {
		intro = rest
		if !hasColon {
			intro = strings.TrimSpace(rest)
		}
		after = ""
	}
	if s.Intro == "" {
		s.Intro = intro
	} else {
		s.Intro += "\n" + intro
	}
	p.taskKeys[len(p.taskKeys)-1] = ""
	if after != "" {
		p.task(b, marker{}, after, after)
	}
	return true
}

// status reads a status paragraph into the baselines of the current
// section's dimensions.
func (p *planReader) status(line int, text string) {
	s := p.d.Sections[len(p.d.Sections)-1]
	bs := readBaselines(text, s.Dimension)
	if len(bs) == 0 {
		p.task(block{no: line}, marker{}, text, text)
		return
	}
	for _, b := range bs {
		if b.Dimension == "" {
			p.problem(line, SevWarning, "Đoạn đánh giá thực trạng nằm ở mục không gắn với chỉ số nào, chưa đọc được là điểm xuất phát của chỉ số nào: “%s”", clip(b.Text))
			p.unplaced(line, b.Text)
			continue
		}
		if i := p.baselineOf(b.Dimension); i >= 0 {
			p.problem(line, SevWarning, "Chỉ số %s đã có điểm xuất phát ở đoạn trước; đoạn này không được dùng: “%s”", b.Dimension, clip(b.Text))
			p.unplaced(line, b.Text)
			continue
		}
		if b.Year == 0 {
			p.problem(line, SevWarning, "Điểm xuất phát của chỉ số %s không ghi năm; hãy nhập năm khảo sát", b.Dimension)
		}
		p.problem(line, SevInfo, "Đoạn đánh giá thực trạng được đọc là điểm xuất phát của chỉ số %s: %s", b.Dimension, describeBaseline(b))
		p.d.Baselines = append(p.d.Baselines, b)
	}
}

func (p *planReader) baselineOf(dim string) int {
	for i, b := range p.d.Baselines {
		if b.Dimension == dim {
			return i
		}
	}
	return -1
}

// describeBaseline writes a baseline as a reviewer reads it: "4,87 điểm năm
// 2025, nhóm trung bình, +0,05".
func describeBaseline(b Baseline) string {
	var parts []string
	if b.Score != nil {
		parts = append(parts, vn.FormatDecimal(*b.Score, 2)+" điểm")
	}
	if b.Year != 0 {
		parts = append(parts, fmt.Sprintf("năm %d", b.Year))
	}
	if b.Group != "" {
		parts = append(parts, "nhóm "+b.Group)
	}
	if b.Change != nil {
		parts = append(parts, signedDecimal(*b.Change))
	}
	return strings.Join(parts, ", ")
}

// String is the baseline as a reviewer reads it (see describeBaseline).
func (b Baseline) String() string { return describeBaseline(b) }

// signedDecimal shows a change with its sign: "+0,05", "−0,30", "0,00".
func signedDecimal(v float64) string {
	switch {
	case v > 0:
		return "+" + vn.FormatDecimal(v, 2)
	case v < 0:
		return "−" + vn.FormatDecimal(-v, 2)
	}
	return vn.FormatDecimal(0, 2)
}

func (p *planReader) newSection(line int, m papi.DimensionMention, heading string) {
	sec := Section{Heading: heading, Tasks: []Task{}}
	if len(m.Codes) > 0 && !m.Conflict {
		sec.Dimension, sec.Also = m.Codes[0], m.Codes[1:]
		if len(sec.Also) == 0 {
			sec.Also = nil
		}
	}
	switch {
	case m.Conflict:
		p.conflicts[heading] = true
		p.problem(line, SevWarning, "Mục “%s” ghi số và tên chỉ số không khớp nhau; mục được xếp là nhiệm vụ chung, hãy chọn chỉ số", clip(heading))
	case len(sec.Also) > 0:
		p.problem(line, SevInfo, "Mục “%s” gắn với %d chỉ số (%s): nhiệm vụ của mục được tính cho chỉ số %s và ghi nhận phục vụ cả %s",
			clip(heading), len(m.Codes), strings.Join(m.Codes, ", "), sec.Dimension, strings.Join(sec.Also, ", "))
	}
	if sec.Dimension != "" {
		for _, s := range p.d.Sections {
			if s.Dimension == sec.Dimension {
				p.problem(line, SevInfo, "Chỉ số %s xuất hiện ở nhiều mục", sec.Dimension)
				break
			}
		}
	}
	p.d.Sections = append(p.d.Sections, sec)
	p.taskKeys = append(p.taskKeys, "")
	p.sectionLines = append(p.sectionLines, line)
}

func taskKey(mk marker) string {
	switch mk.kind {
	case bulletMarker:
		return "b" + mk.label
	case letterMarker:
		return "l"
	case numberMarker:
		return "n" + fmt.Sprint(outlineLevel(mk))
	case romanMarker:
		return "r"
	}
	return "p"
}

// task adds one item to the current section. The first item's marker sets
// what a task looks like in this section; items with another marker are the
// previous task's details ("+" under "-", "-" under "a)"), except labelled
// ones ("+ Thời gian: Quý II/2026"), which fill the task's fields.
func (p *planReader) task(b block, mk marker, text, rest string) {
	if len(p.d.Sections) == 0 {
		p.newSection(b.no, papi.DimensionMention{}, "")
	}
	i := len(p.d.Sections) - 1
	s := &p.d.Sections[i]
	body := text
	if mk.kind != noMarker {
		body = rest
	}
	key := taskKey(mk)
	if field, value := labelled(body); field != fieldNone && len(s.Tasks) > 0 {
		s.Tasks[len(s.Tasks)-1].set(field, value)
		return
	}
	switch {
	case p.taskKeys[i] == "" && len(s.Tasks) == 0 && mk.kind == noMarker && strings.HasSuffix(body, ":") && s.Intro == "":
		s.Intro = body
	case p.taskKeys[i] == "" || key == p.taskKeys[i] || len(s.Tasks) == 0:
		if p.taskKeys[i] == "" {
			p.taskKeys[i] = key
		}
		t := Task{Text: body, Line: b.no}
		readInlineFields(&t)
		s.Tasks = append(s.Tasks, t)
	default:
		last := &s.Tasks[len(s.Tasks)-1]
		last.Details = append(last.Details, body)
	}
}

// unplaced records text the draft has no place for.
func (p *planReader) unplaced(line int, text string) {
	if text = strings.TrimSpace(text); text != "" {
		p.d.Unplaced = append(p.d.Unplaced, Unplaced{Line: line, Text: text})
	}
}

// dropGroupHeadings removes the general sections that hold nothing: the
// group titles above dimension headings ("2. Nhiệm vụ cụ thể theo từng chỉ
// số"). Their text is listed as unplaced.
func (p *planReader) dropGroupHeadings() {
	var kept []Section
	var lines []int
	for i, s := range p.d.Sections {
		if s.Dimension == "" && len(s.Tasks) == 0 && s.Intro == "" && s.Heading != "" && i+1 < len(p.d.Sections) {
			p.problem(p.sectionLines[i], SevInfo, "“%s” là tiêu đề nhóm, không có nhiệm vụ riêng; không tạo mục", clip(s.Heading))
			p.unplaced(p.sectionLines[i], s.Heading)
			continue
		}
		kept, lines = append(kept, s), append(lines, p.sectionLines[i])
	}
	p.d.Sections, p.sectionLines = kept, lines
	for i, s := range p.d.Sections {
		if s.Dimension == "" && s.Heading != "" && !strings.Contains(vn.Fold(s.Heading), "chung") && !p.conflicts[s.Heading] {
			p.problem(p.sectionLines[i], SevWarning, "Không xác định được chỉ số nội dung PAPI của mục “%s”; mục được xếp là nhiệm vụ chung", clip(s.Heading))
		}
	}
}
