package survey

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// expr reads an expression cell. A cell that does not parse is kept as
// written, with a warning, and decides nothing: KoboToolbox deploys such a
// form (the collection app reports the error when it evaluates it), so it
// is no reason to refuse the form.
func (p *formParser) expr(r surveyRow, base string, at []string, site exprSite) Expr {
	src := r.cell(base)
	if src == "" {
		return Expr{}
	}
	column, cell := r.h.cellRef(base, r.rowNum)
	e, err := ParseExpr(src)
	if err != nil {
		p.add(Problem{Sheet: r.sheet, Row: r.rowNum, Column: column, Cell: cell, Code: "bad_expression", Warning: true,
			Message: fmt.Sprintf("biểu thức %q sai cú pháp (%v); được giữ nguyên nhưng không dùng để kiểm tra câu trả lời", src, err)})
		e = brokenExpr(src)
	}
	p.exprs = append(p.exprs, exprUse{site: site, at: at, row: r.rowNum, column: column, cell: cell})
	return e
}

var refPattern = regexp.MustCompile(`\$\{\s*(?:last-saved#)?([^}\s]+)\s*\}`)

// brokenExpr keeps an expression that does not parse: it evaluates to
// unknown, and its ${name} references are still checked, as pyxform checks
// them.
func brokenExpr(src string) Expr {
	var refs []string
	for _, m := range refPattern.FindAllStringSubmatch(src, -1) {
		refs = append(refs, m[1])
	}
	return Expr{src: src, root: opaqueNode{refs: refs}, unevaluated: []string{"biểu thức sai cú pháp"}}
}

// resolvePaths turns XPath paths that name a question of the form
// ("/data/grp/q", "../q", "q" in a group's relevant) into ${q}, so that
// forms written with paths, as ODK Build and hand-written XForms write
// them, are evaluated like those written with ${}.
func (p *formParser) resolvePaths() {
	paths := map[string]refNode{}
	for _, q := range p.form.Questions {
		paths[strings.Join(append(append([]string{}, q.Group...), q.Name), "/")] = refNode{name: q.Name, key: q.Key}
	}
	for _, g := range p.form.Groups {
		if _, ok := p.form.groupBy[g.Name]; ok {
			paths[strings.Join(append(append([]string{}, g.Path...), g.Name), "/")] = refNode{name: g.Name}
		}
	}
	for _, u := range p.exprs {
		e := p.exprAt(u.site)
		changed := false
		e.root = rewrite(e.root, func(n node) node {
			path, ok := n.(*pathNode)
			if !ok || path.base != nil || len(path.steps) == 0 {
				return n
			}
			var at []string
			steps := path.steps
			if !path.abs {
				at = append(at, u.at...)
			} else {
				steps = steps[1:] // the instance's root element, whatever its name
				if path.steps[0].sep != "/" || path.steps[0].test == "" {
					return n
				}
			}
			for _, s := range steps {
				if s.axis != "" || len(s.preds) > 0 || s.sep == "//" || s.test == "*" || strings.HasSuffix(s.test, "()") {
					return n
				}
				switch s.test {
				case ".":
				case "..":
					if len(at) == 0 {
						return n
					}
					at = at[:len(at)-1]
				default:
					at = append(at, s.test)
				}
			}
			if ref, ok := paths[strings.Join(at, "/")]; ok {
				changed = true
				return ref
			}
			return n
		})
		if changed {
			e.unevaluated = unevaluated(e.root)
		}
	}
}

// rewrite rebuilds a tree bottom-up, replacing each node by f's result.
func rewrite(n node, f func(node) node) node {
	switch x := n.(type) {
	case *binNode:
		return f(&binNode{op: x.op, l: rewrite(x.l, f), r: rewrite(x.r, f)})
	case *negNode:
		return f(&negNode{x: rewrite(x.x, f)})
	case *callNode:
		args := make([]node, len(x.args))
		for i, a := range x.args {
			args[i] = rewrite(a, f)
		}
		return f(&callNode{fn: x.fn, args: args})
	case *pathNode:
		out := &pathNode{abs: x.abs}
		if x.base != nil {
			out.base = rewrite(x.base, f)
		}
		for _, pr := range x.preds {
			out.preds = append(out.preds, rewrite(pr, f))
		}
		for _, s := range x.steps {
			ns := step{sep: s.sep, axis: s.axis, test: s.test}
			for _, pr := range s.preds {
				ns.preds = append(ns.preds, rewrite(pr, f))
			}
			out.steps = append(out.steps, ns)
		}
		return f(out)
	case nil:
		return nil
	}
	return f(n)
}

// checkReferences runs the checks that need the whole form: ${x} names
// (of a question, group or repeat, used once in the form, as pyxform
// requires) and choice lists.
func (p *formParser) checkReferences() {
	uses := map[string]int{}
	for _, q := range p.form.Questions {
		uses[q.Name]++
	}
	for _, g := range p.form.Groups {
		uses[g.Name]++
	}
	for _, u := range p.exprs {
		e := p.exprAt(u.site)
		for _, ref := range e.Refs() {
			switch {
			case uses[ref] == 1:
			case uses[ref] > 1:
				p.add(Problem{Sheet: "survey", Row: u.row, Column: u.column, Cell: u.cell, Code: "ambiguous_reference",
					Message: fmt.Sprintf("biểu thức %q nhắc đến ${%s}, nhưng có %d câu hỏi hoặc nhóm tên như vậy; tên được nhắc đến phải là duy nhất trong cả biểu mẫu", e, ref, uses[ref])})
			default:
				p.add(Problem{Sheet: "survey", Row: u.row, Column: u.column, Cell: u.cell, Code: "unknown_reference",
					Message: fmt.Sprintf("biểu thức %q nhắc đến ${%s}, không có câu hỏi hay nhóm nào tên như vậy", e, ref)})
			}
		}
	}
	var external []string
	for _, qi := range p.selects {
		q, row := p.form.Questions[qi], p.questionRows[qi]
		where := Problem{Sheet: "survey", Row: row, Column: "type", Cell: p.typeCells[qi], Code: "unknown_list"}
		switch {
		case strings.HasPrefix(q.ListName, selectFromRepeatPrefix):
			name := strings.TrimSuffix(strings.TrimPrefix(q.ListName, selectFromRepeatPrefix), "}")
			if uses[name] != 1 {
				where.Message = fmt.Sprintf("câu %q lấy lựa chọn từ câu trả lời của ${%s}, không có câu hỏi nào (duy nhất) tên như vậy", q.Name, name)
				p.add(where)
				continue
			}
			external = append(external, q.Name)
			continue
		case q.Type == SelectOneFromFile || q.Type == SelectMultipleFromFile || q.Type == SelectOneExternal || q.Type == OSM:
			external = append(external, q.Name)
			continue
		}
		choices, ok := p.form.Choices[q.ListName]
		if !ok {
			where.Message = fmt.Sprintf("câu %q dùng danh sách lựa chọn %q, không có trong sheet choices", q.Name, q.ListName)
			p.add(where)
			continue
		}
		if q.Type == SelectMultiple {
			for _, c := range choices {
				if strings.ContainsAny(c.Name, " \t") {
					where.Code = "choice_with_space"
					where.Message = fmt.Sprintf("câu chọn nhiều %q dùng lựa chọn %q có dấu cách; câu trả lời sẽ không tách được", q.Name, c.Name)
					p.add(where)
				}
			}
		}
	}
	if len(external) > 0 {
		p.add(Problem{Sheet: "survey", Row: p.questionRows[p.selects[0]], Code: "external_choices", Warning: true,
			Message: fmt.Sprintf("%d câu lấy lựa chọn ngoài sheet choices (tệp CSV/XML, external_choices, câu trả lời trước): %s; câu trả lời được lưu nguyên, không đối chiếu với danh sách",
				len(external), listSome(external, 10))})
	}
}

// scorable reports whether the question's answer can feed an indicator.
func (q *Question) scorable() bool {
	switch q.Type {
	case SelectOne, SelectMultiple, SelectOneFromFile, SelectMultipleFromFile, SelectOneExternal,
		Integer, Decimal, Range, Text, Calculate, Hidden, Barcode:
		return true
	}
	return false
}

// checkBindings checks the indicator and indicator_rule columns, which are
// ours: their errors are errors.
func (p *formParser) checkBindings() {
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
		if !q.scorable() {
			fail("câu %q loại %s không có câu trả lời để tính chỉ tiêu", q.Name, q.Type)
			continue
		}
		switch rule.Kind {
		case RuleScale, RuleInverseScale:
			if q.Type.multiple() || q.Type == Text || q.Type == Barcode {
				fail("quy tắc thang đo chỉ dùng cho câu số, câu tính toán hoặc chọn một, không cho câu %s", q.Type)
			}
		}
		if q.Type == SelectOne || q.Type == SelectMultiple {
			names := map[string]bool{}
			for _, c := range p.form.Choices[q.ListName] {
				names[c.Name] = true
			}
			if q.OrOther {
				names["other"] = true
			}
			for _, v := range append(append([]string{}, rule.Values...), rule.Skip...) {
				if len(names) > 0 && !names[v] {
					fail("quy tắc nhắc đến lựa chọn %q, không có trong danh sách %q", v, q.ListName)
				}
			}
		}
	}
}

// summarise adds the warnings that concern many cells at once, each as one
// problem naming the cells: columns ignored, expressions or parts of them
// the server does not evaluate, typographic quotes and odd spaces read as
// meant, questions without a label.
func (p *formParser) summarise() {
	if len(p.ignored) > 0 {
		p.add(Problem{Sheet: p.ignored[0].sheet, Row: 1, Code: "ignored_columns", Warning: true,
			Message: fmt.Sprintf("hệ thống không dùng các cột sau và đã bỏ qua chúng: %s", ignoredSummary(p.ignored, p.form.LanguageNames))})
	}
	rowsOf := map[string][]int{}
	var order []string
	var smart, spaces []string
	firstRow := 0
	for _, u := range p.exprs {
		e := p.exprAt(u.site)
		for _, what := range e.Unevaluated() {
			if what == "biểu thức sai cú pháp" {
				continue // reported cell by cell
			}
			if _, seen := rowsOf[what]; !seen {
				order = append(order, what)
			}
			rowsOf[what] = append(rowsOf[what], u.row)
			if firstRow == 0 || u.row < firstRow {
				firstRow = u.row
			}
		}
		if e.SmartQuotes {
			smart = append(smart, u.cell)
		}
		if e.OddSpaces {
			spaces = append(spaces, u.cell)
		}
	}
	if len(order) > 0 {
		parts := make([]string, len(order))
		for i, what := range order {
			parts[i] = fmt.Sprintf("%s (dòng %s)", what, listRows(rowsOf[what]))
		}
		p.add(Problem{Sheet: "survey", Row: firstRow, Code: "unevaluated_expression", Warning: true,
			Message: "hệ thống giữ nguyên nhưng không tự tính được: " + listSome(parts, 12) +
				"; điều kiện relevant, constraint, required dùng chúng không được kiểm tra khi nhập hay nộp câu trả lời, và câu tính toán dùng chúng lấy giá trị từ dữ liệu xuất"})
	}
	if len(smart) > 0 {
		p.add(Problem{Sheet: "survey", Row: p.rowOfCell(smart[0]), Code: "smart_quotes", Warning: true,
			Message: fmt.Sprintf("biểu thức ở ô %s dùng dấu nháy cong (‘ ’ “ ”), đã được đọc như dấu nháy thẳng (' \"); nên sửa trong biểu mẫu", listSome(smart, 12))})
	}
	if len(spaces) > 0 {
		p.add(Problem{Sheet: "survey", Row: p.rowOfCell(spaces[0]), Code: "odd_spaces", Warning: true,
			Message: fmt.Sprintf("biểu thức ở ô %s có dấu cách đặc biệt (không ngắt dòng, độ rộng 0), đã được đọc như dấu cách thường", listSome(spaces, 12))})
	}
	if len(p.noLabel) > 0 {
		p.add(Problem{Sheet: "survey", Row: p.noLabel[0], Column: "label", Code: "missing_label", Warning: true,
			Message: fmt.Sprintf("%d câu hỏi chưa có nhãn (dòng %s)", len(p.noLabel), listRows(p.noLabel))})
	}
}

func (p *formParser) rowOfCell(cell string) int {
	for _, u := range p.exprs {
		if u.cell == cell {
			return u.row
		}
	}
	return 0
}

// ignoredSummary names the ignored columns sheet by sheet, one name for
// the language variants of one column ("guidance_hint::… (9 cột)").
func ignoredSummary(cols []ignoredColumn, languages map[string]string) string {
	isLanguage := map[string]bool{}
	for _, name := range languages {
		isLanguage[name] = true
	}
	var sheets []string
	bySheet := map[string][]string{}
	count := map[[2]string]int{}
	for _, c := range cols {
		name := c.header
		if i := strings.LastIndex(name, "::"); i > 0 {
			if lang := strings.TrimSpace(name[i+2:]); isLanguage[lang] || strings.HasSuffix(lang, ")") {
				name = name[:i] + "::…"
			}
		}
		key := [2]string{c.sheet, name}
		if count[key] == 0 {
			if len(bySheet[c.sheet]) == 0 {
				sheets = append(sheets, c.sheet)
			}
			bySheet[c.sheet] = append(bySheet[c.sheet], name)
		}
		count[key]++
	}
	parts := make([]string, len(sheets))
	for i, s := range sheets {
		names := bySheet[s]
		for j, n := range names {
			if k := count[[2]string{s, n}]; k > 1 {
				names[j] = fmt.Sprintf("%s (%d cột)", n, k)
			}
		}
		parts[i] = fmt.Sprintf("sheet %s: %s", s, strings.Join(names, ", "))
	}
	return fmt.Sprintf("%d cột — %s", len(cols), strings.Join(parts, "; "))
}

// listRows writes row numbers, at most ten, then how many more.
func listRows(rows []int) string {
	sort.Ints(rows)
	out := make([]string, 0, len(rows))
	for i, r := range rows {
		if i > 0 && rows[i-1] == r {
			continue
		}
		out = append(out, strconv.Itoa(r))
	}
	return listSome(out, 10)
}

func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" và %d chỗ khác", len(items)-n)
}
