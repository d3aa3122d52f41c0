package survey

import (
	"strings"
)

// KoboToolbox's form builder writes three structures of its own, which
// KoboToolbox turns into XLSForm rows when it deploys the form (kpi's
// kobo_to_xlsform.py and formpack's kobomatrix handler); read here into the
// same rows, named as Kobo names them, so that its exports match:
//
//   - begin_score NAME (kobo--score-choices LIST) … score__row … end_score:
//     a group NAME holding "NAME_header" (select_one LIST, the begin row's
//     label) and one select_one LIST per score__row;
//   - begin_rank NAME (kobo--rank-items LIST, kobo--rank-constraint-message)
//     … rank__level … end_rank: a group NAME holding the note "NAME_label"
//     and one required select_one LIST per level, each unlike those before;
//   - begin_kobomatrix NAME (kobo--matrix_list ITEMS) … columns …
//     end_kobomatrix: a group "NAME_header" of notes, then per item a group
//     "NAME_ITEM" with the note "NAME_ITEM_note" and one question
//     "NAME_ITEM_COLUMN" per column, ${COLUMN} in its rules meaning the
//     item's own.
type koboBlock struct {
	kind     string // "score", "rank" or "kobomatrix"
	begin    surveyRow
	name     string
	list     string
	required string
	message  string
	levels   []string
	cols     []surveyRow
}

// koboKind reads "begin_score", "end rank" and the like.
func koboKind(typeCell, edge string) (string, bool) {
	w := strings.Fields(strings.ToLower(strings.Replace(typeCell, "_", " ", 1)))
	if len(w) != 2 || w[0] != edge {
		return "", false
	}
	switch w[1] {
	case "score", "rank", "kobomatrix":
		return w[1], true
	}
	return "", false
}

func rowName(r surveyRow) string {
	if n := r.cell("name"); n != "" {
		return n
	}
	return r.cell("$autoname")
}

// koboBegin opens a Kobo structure at its begin row.
func (sr *surveyReader) koboBegin(r surveyRow, typeCell string) bool {
	kind, ok := koboKind(typeCell, "begin")
	if !ok {
		return false
	}
	b := &koboBlock{kind: kind, begin: r, name: rowName(r)}
	if b.name == "" {
		r.fail("name", "missing_name", "thiếu tên (cột name)")
	}
	switch kind {
	case "score":
		b.list, b.required = r.cell("kobo--score-choices"), r.cell("required")
	case "rank":
		b.list, b.message = r.cell("kobo--rank-items"), r.cell("kobo--rank-constraint-message")
	case "kobomatrix":
		b.list = r.cell("kobo--matrix_list")
	}
	if b.list == "" {
		r.fail("type", "kobo_without_list", "%s cần danh sách lựa chọn ở cột %s", typeCell, map[string]string{
			"score": "kobo--score-choices", "rank": "kobo--rank-items", "kobomatrix": "kobo--matrix_list"}[kind])
	}
	sr.kobo = b
	if b.name == "" || b.list == "" {
		return true
	}
	switch kind {
	case "score":
		sr.line(r.with("type", "begin_group", "label", "", "required", ""))
		sr.line(r.with("type", "select_one "+b.list, "name", b.name+"_header", "relevant", "", "required", ""))
	case "rank":
		sr.line(r.with("type", "begin_group", "label", "", "required", ""))
		sr.line(r.with("type", "note", "name", b.name+"_label", "relevant", "", "required", ""))
	}
	return true
}

// take reads a row inside the open structure.
func (b *koboBlock) take(sr *surveyReader, r surveyRow) bool {
	typ := r.cell("type")
	if kind, ok := koboKind(typ, "end"); ok {
		if kind != b.kind {
			r.fail("type", "mismatched_end", "%s đóng nhầm %q mở ở dòng %d", typ, b.name, b.begin.rowNum)
		} else if b.name != "" && b.list != "" {
			if b.kind == "kobomatrix" {
				b.expand(sr, r)
			} else {
				sr.line(r.with("type", "end_group"))
			}
		}
		sr.kobo = nil
		return true
	}
	if b.name == "" || b.list == "" {
		return true // reported at the begin row
	}
	switch b.kind {
	case "score":
		if strings.ToLower(typ) != "score__row" {
			r.fail("type", "kobo_row", "trong begin_score chỉ có dòng score__row, không phải %q", typ)
			return true
		}
		sr.line(r.with("type", "select_one "+b.list, "required", b.required))
	case "rank":
		if strings.ToLower(typ) != "rank__level" {
			r.fail("type", "kobo_row", "trong begin_rank chỉ có dòng rank__level, không phải %q", typ)
			return true
		}
		name := rowName(r)
		var unlike []string
		for _, prev := range b.levels {
			unlike = append(unlike, "${"+name+"} != ${"+prev+"}")
		}
		sr.line(r.with("type", "select_one "+b.list, "required", "true", "constraint", strings.Join(unlike, " and "),
			"constraint_message", b.message))
		b.levels = append(b.levels, name)
	case "kobomatrix":
		b.cols = append(b.cols, r)
	}
	return true
}

// expand writes a matrix out at its end row.
func (b *koboBlock) expand(sr *surveyReader, end surveyRow) {
	items, ok := sr.p.form.Choices[b.list]
	if !ok {
		b.begin.fail("type", "unknown_list", "begin_kobomatrix %q dùng danh sách %q, không có trong sheet choices", b.name, b.list)
		return
	}
	plain := func(r surveyRow) surveyRow {
		return r.with("relevant", "", "required", "", "constraint", "", "calculation", "", "indicator", "", "indicator_rule", "")
	}
	header := b.name + "_header"
	sr.line(plain(b.begin).with("type", "begin_group", "name", header, "label", ""))
	sr.line(plain(b.begin).with("type", "note", "name", header+"_note"))
	for _, c := range b.cols {
		sr.line(plain(c).with("type", "note", "name", header+"_"+rowName(c)))
	}
	sr.line(end.with("type", "end_group"))
	for _, it := range items {
		base := b.name + "_" + it.Name
		own := map[string]string{}
		for _, c := range b.cols {
			own["${"+rowName(c)+"}"] = "${" + base + "_" + rowName(c) + "}"
		}
		mapped := func(s string) string {
			for from, to := range own {
				s = strings.ReplaceAll(s, from, to)
			}
			return s
		}
		sr.line(plain(b.begin).with("type", "begin_group", "name", base, "label", ""))
		labels := it.Labels
		if len(labels) == 0 {
			labels = map[string]string{"": it.Name}
		}
		sr.line(plain(b.begin).with("type", "note", "name", base+"_note").withLabels(labels))
		for _, c := range b.cols {
			sr.line(c.with("name", base+"_"+rowName(c), "relevant", mapped(c.cell("relevant")),
				"constraint", mapped(c.cell("constraint")), "required", mapped(c.cell("required"))))
		}
		sr.line(end.with("type", "end_group"))
	}
}

// unclosed reports a structure the sheet never ends.
func (b *koboBlock) unclosed(sr *surveyReader) {
	b.begin.fail("type", "unclosed_group", "begin_%s %q chưa được đóng", b.kind, b.name)
}
