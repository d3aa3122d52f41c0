package survey

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteXLSForm writes the form as an XLSForm workbook that Excel opens and
// ParseXLSForm reads back to the same form, so that an agency can download
// the built-in questionnaire, adapt it and import it again.
func WriteXLSForm(form *Form, w io.Writer) error {
	survey, choices, settings := formSheets(form)
	wb := excelize.NewFile()
	defer wb.Close()
	for i, s := range []sheetRows{survey, choices, settings} {
		if i == 0 {
			if err := wb.SetSheetName("Sheet1", s.name); err != nil {
				return fmt.Errorf("survey: write XLSForm: %w", err)
			}
		} else if _, err := wb.NewSheet(s.name); err != nil {
			return fmt.Errorf("survey: write XLSForm: %w", err)
		}
		for r, row := range s.rows {
			cells := make([]any, len(row))
			for c, v := range row {
				cells[c] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := wb.SetSheetRow(s.name, cell, &cells); err != nil {
				return fmt.Errorf("survey: write XLSForm: %w", err)
			}
		}
	}
	if err := wb.Write(w); err != nil {
		return fmt.Errorf("survey: write XLSForm: %w", err)
	}
	return nil
}

// textColumns are the multilingual columns of a sheet: one per language
// that has any text, the plain column first.
type textColumns struct {
	base  string
	langs []string
}

func (f *Form) textColumns(base string, texts func(yield func(map[string]string))) textColumns {
	used := map[string]bool{}
	texts(func(m map[string]string) {
		for k, v := range m {
			if v != "" {
				used[k] = true
			}
		}
	})
	tc := textColumns{base: base}
	if used[""] {
		tc.langs = append(tc.langs, "")
	}
	for _, l := range f.Languages {
		if used[l] {
			tc.langs = append(tc.langs, l)
		}
	}
	return tc
}

func (f *Form) headers(tc textColumns) []string {
	out := make([]string, len(tc.langs))
	for i, l := range tc.langs {
		out[i] = tc.base
		if l != "" {
			out[i] += "::" + f.LanguageNames[l]
		}
	}
	return out
}

func cells(tc textColumns, m map[string]string) []string {
	out := make([]string, len(tc.langs))
	for i, l := range tc.langs {
		out[i] = m[l]
	}
	return out
}

// formSheets lays the form out as the three XLSForm sheets, in the order
// of the sheet it was read from: every group, empty ones too (a group's
// name counts when question keys are given), and no question the reader
// made itself (the text of an or_other).
func formSheets(f *Form) (survey, choices, settings sheetRows) {
	// Group labels share the label columns with questions.
	texts := func(pick func(q *Question) map[string]string, withGroups bool) func(func(map[string]string)) {
		return func(yield func(map[string]string)) {
			for i := range f.Questions {
				yield(pick(&f.Questions[i]))
			}
			for i := range f.Groups {
				if withGroups {
					yield(f.Groups[i].Labels)
				}
			}
		}
	}
	label := f.textColumns("label", texts(func(q *Question) map[string]string { return q.Labels }, true))
	hint := f.textColumns("hint", texts(func(q *Question) map[string]string { return q.Hints }, false))
	reqMsg := f.textColumns("required_message", texts(func(q *Question) map[string]string { return q.RequiredMessage }, false))
	conMsg := f.textColumns("constraint_message", texts(func(q *Question) map[string]string { return q.ConstraintMessage }, false))

	header := []string{"type", "name"}
	header = append(header, f.headers(label)...)
	header = append(header, f.headers(hint)...)
	header = append(header, "required")
	header = append(header, f.headers(reqMsg)...)
	header = append(header, "relevant", "constraint")
	header = append(header, f.headers(conMsg)...)
	header = append(header, "calculation", "indicator", "indicator_rule")
	rows := [][]string{header}

	groupRow := func(g *Group, begin bool) []string {
		kind := "group"
		if g.Repeat {
			kind = "repeat"
		}
		if !begin {
			return []string{"end_" + kind}
		}
		r := []string{"begin_" + kind, g.Name}
		r = append(r, cells(label, g.Labels)...)
		r = append(r, make([]string, len(hint.langs)+1+len(reqMsg.langs))...)
		return append(r, g.Relevant.String())
	}
	questionRow := func(q *Question) []string {
		typ := string(q.Type)
		if q.ListName != "" {
			typ += " " + q.ListName
		}
		if q.OrOther {
			typ += " or_other"
		}
		required := ""
		switch {
		case !q.RequiredIf.IsZero():
			required = q.RequiredIf.String()
		case q.Required:
			required = "yes"
		}
		r := []string{typ, q.Name}
		r = append(r, cells(label, q.Labels)...)
		r = append(r, cells(hint, q.Hints)...)
		r = append(r, required)
		r = append(r, cells(reqMsg, q.RequiredMessage)...)
		r = append(r, q.Relevant.String(), q.Constraint.String())
		r = append(r, cells(conMsg, q.ConstraintMessage)...)
		indicator, rule := "", ""
		if q.Binding != nil {
			indicator, rule = q.Binding.Indicator, q.Binding.Rule.String()
		}
		return append(r, q.Calculation.String(), indicator, rule)
	}
	layout := f.layout()
	var write func(parent []string)
	write = func(parent []string) {
		for _, it := range layout[strings.Join(parent, "/")] {
			if it.group == nil {
				rows = append(rows, questionRow(it.q))
				continue
			}
			rows = append(rows, groupRow(it.group, true))
			write(append(append([]string{}, parent...), it.group.Name))
			rows = append(rows, groupRow(it.group, false))
		}
	}
	write(nil)
	survey = sheetRows{name: "survey", rows: rows, present: true}

	choiceLabel := f.textColumns("label", func(yield func(map[string]string)) {
		for _, list := range f.Choices {
			for _, c := range list {
				yield(c.Labels)
			}
		}
	})
	crows := [][]string{append([]string{"list_name", "name"}, f.headers(choiceLabel)...)}
	for _, list := range listOrder(f) {
		for _, c := range f.Choices[list] {
			crows = append(crows, append([]string{list, c.Name}, cells(choiceLabel, c.Labels)...))
		}
	}
	choices = sheetRows{name: "choices", rows: crows, present: true}

	defaultLanguage := f.LanguageNames[f.DefaultLanguage]
	if defaultLanguage == "" {
		defaultLanguage = f.DefaultLanguage
	}
	settings = sheetRows{name: "settings", present: true, rows: [][]string{
		{"form_id", "form_title", "version", "default_language"},
		{f.ID, f.Title, f.Version, defaultLanguage},
	}}
	return survey, choices, settings
}

// item is a question or a group in the tree the survey sheet describes.
type item struct {
	q     *Question
	group *Group
	pos   int // the question's index, or where the group begins
}

// layout lists, for each group path ("" for the form), what is directly
// inside it in sheet order. A group begins just before its first question;
// an empty one where the reader met it (Group.at).
func (f *Form) layout() map[string][]item {
	first := map[string]int{} // group path → index of its first question
	out := map[string][]item{}
	for i := range f.Questions {
		q := &f.Questions[i]
		for n := 1; n <= len(q.Group); n++ {
			if _, seen := first[strings.Join(q.Group[:n], "/")]; !seen {
				first[strings.Join(q.Group[:n], "/")] = i
			}
		}
		if !q.derived {
			key := strings.Join(q.Group, "/")
			out[key] = append(out[key], item{q: q, pos: i})
		}
	}
	for i := range f.Groups {
		g := &f.Groups[i]
		pos, ok := first[strings.Join(append(append([]string{}, g.Path...), g.Name), "/")]
		if !ok {
			pos = g.at
		}
		key := strings.Join(g.Path, "/")
		out[key] = append(out[key], item{group: g, pos: pos})
	}
	for _, items := range out {
		// Stable: groups keep their begin order; at one position a group
		// comes before the question it begins with.
		sort.SliceStable(items, func(a, b int) bool {
			if items[a].pos != items[b].pos {
				return items[a].pos < items[b].pos
			}
			return items[a].group != nil && items[b].group == nil
		})
	}
	return out
}

// listOrder puts choice lists in the order questions first use them, then
// unused lists by name, so the sheet reads in the order of the survey.
func listOrder(f *Form) []string {
	var out []string
	seen := map[string]bool{}
	for _, q := range f.Questions {
		if q.ListName != "" && !seen[q.ListName] {
			if _, ok := f.Choices[q.ListName]; ok {
				seen[q.ListName] = true
				out = append(out, q.ListName)
			}
		}
	}
	var rest []string
	for name := range f.Choices {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
