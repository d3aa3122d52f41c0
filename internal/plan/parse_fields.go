package plan

import (
	"strings"

	"papihub/internal/platform/vn"
)

// A task written as prose carries its units and deadline in its own words:
// "(Chủ trì: Văn phòng Sở; phối hợp: các phòng)", "Thời gian: Quý II/2026",
// "Đơn vị thực hiện: Phòng Nội vụ". fieldLabels are those labels, folded;
// the longest come first so that "đơn vị chủ trì" wins over "chủ trì".
var fieldLabels = []struct {
	label string
	field inlineField
}{
	{"thoi gian hoan thanh", fieldDue}, {"thoi gian thuc hien", fieldDue}, {"thoi han hoan thanh", fieldDue},
	{"han hoan thanh", fieldDue}, {"thoi gian", fieldDue}, {"thoi han", fieldDue}, {"tien do", fieldDue},
	{"don vi chu tri", fieldLead}, {"co quan chu tri", fieldLead}, {"don vi thuc hien", fieldLead},
	{"co quan thuc hien", fieldLead}, {"don vi tham muu", fieldLead}, {"chu tri thuc hien", fieldLead},
	{"chu tri", fieldLead}, {"trach nhiem", fieldLead},
	{"don vi phoi hop", fieldCoord}, {"co quan phoi hop", fieldCoord}, {"phoi hop thuc hien", fieldCoord}, {"phoi hop", fieldCoord},
	{"san pham", fieldOutput}, {"ket qua", fieldOutput}, {"hinh thuc", fieldOutput},
}

type inlineField int

const (
	fieldNone inlineField = iota
	fieldLead
	fieldCoord
	fieldDue
	fieldOutput
)

// labelled reads "Label: value" and says which field the label names.
func labelled(s string) (inlineField, string) {
	label, value, ok := strings.Cut(s, ":")
	if !ok {
		return fieldNone, ""
	}
	f := strings.Trim(vn.Fold(label), " -+•*")
	for _, l := range fieldLabels {
		if f == l.label {
			return l.field, strings.TrimSpace(value)
		}
	}
	return fieldNone, ""
}

// set fills a task's field unless the table already did.
func (t *Task) set(field inlineField, value string) {
	value = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(value), ".;,"))
	if value == "" {
		return
	}
	switch field {
	case fieldLead:
		if t.Lead == "" {
			t.Lead = value
		}
	case fieldCoord:
		if len(t.Coordinators) == 0 {
			t.Coordinators = splitUnits(value)
		}
	case fieldDue:
		if t.Due == "" {
			t.Due = value
		}
	case fieldOutput:
		if t.Output == "" {
			t.Output = value
		}
	}
}

// readInlineFields takes the labelled parts out of a task's text: a
// parenthesis whose every part is labelled ("(Chủ trì: VP Sở; phối hợp: các
// phòng)"), or trailing sentences or clauses that start with a label
// (". Thời gian: Quý II/2026"). A deadline said in the sentence itself
// ("..., hoàn thành trước ngày 30/6/2026") is read and left in the text.
func readInlineFields(t *Task) {
	text := t.Text
	for {
		open := strings.LastIndexByte(text, '(')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], ')')
		if end < 0 {
			break
		}
		inner := text[open+1 : open+end]
		parts := strings.Split(inner, ";")
		fields := make([]inlineField, len(parts))
		values := make([]string, len(parts))
		all := true
		for i, part := range parts {
			if fields[i], values[i] = labelled(part); fields[i] == fieldNone {
				all = false
			}
		}
		if !all {
			break
		}
		for i := range parts {
			t.set(fields[i], values[i])
		}
		text = strings.TrimSpace(strings.TrimRight(text[:open], " ") + text[open+end+1:])
	}
	// Trailing labelled clauses, last first.
	for {
		cut := lastClause(text)
		if cut < 0 {
			break
		}
		field, value := labelled(text[cut:])
		if field == fieldNone {
			break
		}
		t.set(field, value)
		text = strings.TrimSpace(text[:cut])
	}
	t.Text = strings.TrimRight(strings.TrimSpace(text), ";,")
	if t.Text == "" {
		t.Text = text
	}
	if t.Due == "" {
		t.Due = dueInSentence(t.Text)
	}
	if t.Lead == "" {
		t.Lead, t.Coordinators = assignedInSentence(t.Text, t.Coordinators)
	}
}

// lastClause is where the last clause that could be labelled starts: after
// the last ". " or "; " or " - " (or 0 when the whole text is "Label: ...").
func lastClause(text string) int {
	if strings.IndexByte(text, ':') < 0 {
		return -1 // every label ends with a colon
	}
	best := -1
	for _, sep := range []string{". ", "; ", " - ", " – "} {
		if i := strings.LastIndex(text, sep); i >= 0 && i+len(sep) > best {
			best = i + len(sep)
		}
	}
	if best < 0 {
		return -1
	}
	if field, _ := labelled(text[best:]); field == fieldNone {
		return -1
	}
	return best
}

// dueWords introduce a deadline inside a sentence.
var dueWords = []string{"hoàn thành trước ", "hoàn thành trong ", "hoàn thành xong trước ", "hoàn thành chậm nhất ", "chậm nhất ", "hoàn thành "}

// dueInSentence finds "hoàn thành trước ngày 30/6/2026" at the end of a
// task's text and returns the words after "hoàn thành" when they read as a
// deadline.
func dueInSentence(text string) string {
	if !strings.Contains(text, "hoàn thành") && !strings.Contains(text, "chậm nhất") && !strings.Contains(text, "Hoàn thành") {
		return ""
	}
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		return "" // a letter whose cases differ in length: no byte offsets to share
	}
	for _, w := range dueWords {
		i := strings.LastIndex(lower, w)
		if i < 0 {
			continue
		}
		words := strings.TrimRight(strings.TrimSpace(text[i+len("hoàn thành "):]), ".;")
		if strings.HasPrefix(w, "chậm nhất") {
			words = strings.TrimRight(strings.TrimSpace(text[i:]), ".;")
		}
		if strings.ContainsAny(words, ",;") || len(strings.Fields(words)) > 8 {
			continue
		}
		if _, ok := ParseDue(words, 2000); ok && words != "" {
			return words
		}
	}
	return ""
}

// assignedInSentence reads "Giao Văn phòng Sở chủ trì, phối hợp với các
// phòng thực hiện": the lead unit, and the coordinators when none are known.
func assignedInSentence(text string, coords []string) (string, []string) {
	if !strings.Contains(text, "chủ trì") {
		return "", coords
	}
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		return "", coords
	}
	i := strings.LastIndex(lower, "giao ")
	if i < 0 || (i > 0 && lower[i-1] != ' ' && lower[i-1] != '(') {
		return "", coords
	}
	rest := text[i+len("giao "):]
	j := strings.Index(strings.ToLower(rest), " chủ trì")
	if j <= 0 {
		return "", coords
	}
	lead := strings.TrimSpace(rest[:j])
	if strings.ContainsAny(lead, ".;") || len(strings.Fields(lead)) > 10 {
		return "", coords
	}
	after := strings.ToLower(rest[j+len(" chủ trì"):])
	if k := strings.Index(after, "phối hợp với "); k >= 0 && len(coords) == 0 {
		tail := rest[j+len(" chủ trì")+k+len("phối hợp với "):]
		for _, stop := range []string{" thực hiện", " triển khai", " tổ chức", ".", ";"} {
			if e := strings.Index(tail, stop); e >= 0 {
				tail = tail[:e]
			}
		}
		coords = splitUnits(tail)
	}
	return lead, coords
}
