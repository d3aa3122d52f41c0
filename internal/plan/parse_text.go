package plan

import (
	"strings"
)

// readText splits a text or Markdown plan into blocks: one per line, a run of
// "|" lines as one table. A line starting in lower case continues the line
// before it, because a Vietnamese paragraph never starts so and wrapped
// Markdown would otherwise split one task in two.
func readText(s string) []block {
	var out []block
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		raw := strings.TrimSpace(lines[i])
		if strings.HasPrefix(raw, "|") {
			t := block{no: i + 1, rows: [][]string{}}
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				if cells, ok := tableRow(strings.TrimSpace(lines[i])); ok {
					t.rows = append(t.rows, cells)
					t.rowNo = append(t.rowNo, i+1)
				}
			}
			i-- // the loop's i++ moves past the table
			out = append(out, t)
			continue
		}
		text, bold, heading := cleanMarkdown(raw)
		b := block{no: i + 1, text: text, bold: bold, heading: heading}
		if n := len(out); n > 0 && text != "" && !bold && !heading && startsLower(text) {
			if m, _ := splitMarker(text); m.kind == noMarker {
				prev := &out[n-1]
				if !prev.isTable() && prev.text != "" && !prev.bold && !prev.heading {
					prev.text += " " + text
					continue
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// tableRow splits a Markdown table row into cleaned cells; a separator row
// ("|---|:--:|") reports false.
func tableRow(line string) ([]string, bool) {
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	parts := strings.Split(line, "|")
	cells := make([]string, len(parts))
	separator := true
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if strings.Trim(p, ":- ") != "" || p == "" {
			separator = false
		}
		p = strings.ReplaceAll(p, "<br>", "\n")
		var cellLines []string
		for _, l := range strings.Split(p, "\n") {
			t, _, _ := cleanMarkdown(l)
			cellLines = append(cellLines, t)
		}
		cells[i] = strings.Join(cellLines, "\n")
	}
	return cells, !separator
}
