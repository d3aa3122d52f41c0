package survey

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"papihub/internal/platform/vn"
)

// tablePlan is a table's resolved header plus the positions rows need.
type tablePlan struct {
	cols   []column
	meta   map[int]int // role → first column with it
	splits []splitGroup
	unit   int // -1: none
}

// A splitGroup is the 0/1 columns of one select_multiple question, in the
// order of its choice list, so that the rebuilt answer lists choices in form
// order as Kobo's own column does.
type splitGroup struct {
	q       *Question
	cols    []int
	choices []string
}

func (imp *importer) newPlan(t *table, repeat string) (*tablePlan, error) {
	p := &tablePlan{cols: imp.plan(t, repeat), meta: map[int]int{}, unit: -1}
	groups := map[*Question]*splitGroup{}
	for i, c := range p.cols {
		switch c.kind {
		case colMeta:
			if _, ok := p.meta[c.meta]; !ok {
				p.meta[c.meta] = i
			}
		case colChoice:
			g := groups[c.q]
			if g == nil {
				g = &splitGroup{q: c.q}
				groups[c.q] = g
			}
			g.cols = append(g.cols, i)
			g.choices = append(g.choices, c.choice)
		}
	}
	for _, g := range groups {
		order := map[string]int{}
		for i, c := range imp.form.Choices[g.q.ListName] {
			order[c.Name] = i
		}
		sort.Sort(byChoiceOrder{g, order})
		p.splits = append(p.splits, *g)
	}
	sort.Slice(p.splits, func(i, j int) bool { return p.splits[i].cols[0] < p.splits[j].cols[0] })
	if repeat == "" && imp.opts.UnitColumn != "" {
		// The option may name the header as written, or the question by
		// name or label whatever the export's headers are.
		want := strings.TrimSpace(imp.opts.UnitColumn)
		wantQ := imp.resolve.question(want)
		for i, c := range p.cols {
			if c.header == want || vn.Fold(c.header) == vn.Fold(want) || (wantQ != nil && c.q == wantQ && c.kind == colQuestion) {
				p.unit = i
				break
			}
		}
		if p.unit < 0 {
			return nil, fmt.Errorf("%s: không có cột đơn vị %q", t.file, want)
		}
	}
	return p, nil
}

type byChoiceOrder struct {
	g     *splitGroup
	order map[string]int
}

func (b byChoiceOrder) Len() int { return len(b.g.cols) }
func (b byChoiceOrder) Less(i, j int) bool {
	return b.order[b.g.choices[i]] < b.order[b.g.choices[j]]
}
func (b byChoiceOrder) Swap(i, j int) {
	b.g.cols[i], b.g.cols[j] = b.g.cols[j], b.g.cols[i]
	b.g.choices[i], b.g.choices[j] = b.g.choices[j], b.g.choices[i]
}

func cellAt(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// rowErrors collects the reasons one row is rejected.
type rowErrors struct {
	file string
	line int
	errs []RowError
}

func (r *rowErrors) add(column, format string, args ...any) {
	r.errs = append(r.errs, RowError{File: r.file, Line: r.line, Column: column, Reason: fmt.Sprintf(format, args...)})
}

// fillAnswers copies a row's answers, checked, into answers, and the
// columns the form does not know into extra.
func (imp *importer) fillAnswers(p *tablePlan, rec []string, answers, extra map[string]string, errs *rowErrors) {
	var geo map[*Question]*[4]string
	for i, c := range p.cols {
		v := cellAt(rec, i)
		if v == "" {
			continue
		}
		switch c.kind {
		case colQuestion:
			if answers[c.q.Key] != "" {
				continue // the same question under two headers: the first wins
			}
			v = normaliseAnswer(c.q, v)
			if e, bad := imp.form.checkValue(c.q, v); bad {
				errs.add(c.header, "%s", e.Message)
				continue
			}
			answers[c.q.Key] = imp.clean(c, v)
		case colGeoPart:
			if geo == nil {
				geo = map[*Question]*[4]string{}
			}
			if geo[c.q] == nil {
				geo[c.q] = &[4]string{}
			}
			geo[c.q][c.index] = v
		case colUnknown:
			if v = imp.clean(c, v); v != "" {
				extra[c.header] = v
			}
		}
	}
	for q, parts := range geo {
		if answers[q.Key] != "" || parts[0] == "" || parts[1] == "" {
			continue // Kobo's joined column was there, or the point is incomplete
		}
		v := strings.TrimSpace(strings.Join(parts[:], " "))
		if e, bad := imp.form.checkValue(q, v); bad {
			errs.add(q.Name, "%s", e.Message)
			continue
		}
		answers[q.Key] = v
	}
	for _, g := range p.splits {
		if answers[g.q.Key] != "" {
			continue // Kobo writes both the joined column and the 0/1 ones
		}
		var chosen []string
		for k, i := range g.cols {
			v := cellAt(rec, i)
			selected, ok := parseFlag(v, g.choices[k])
			if !ok {
				errs.add(p.cols[i].header, "ô của lựa chọn chỉ nhận 0 hoặc 1, không phải %q", v)
				continue
			}
			if selected {
				chosen = append(chosen, g.choices[k])
			}
		}
		if len(chosen) > 0 {
			answers[g.q.Key] = strings.Join(chosen, " ")
		}
	}
}

// normaliseAnswer undoes what an export through Excel does to a value:
// dates, times and timestamps become day numbers ("45352.5"), and a date
// may gain a time ("2024-03-01 00:00:00"). An attached file's answer keeps
// only the file's name, as the submission has it, not a path or link.
func normaliseAnswer(q *Question, v string) string {
	switch q.Type {
	case Date, Today, DateTime, Start, End, Time:
		if days, ok := parseXPathNumber(v); ok && days >= 0 && days < 2958466 {
			t := excelDay(days)
			switch q.Type {
			case Date, Today:
				return t.Format("2006-01-02")
			case Time:
				return t.Format("15:04:05")
			}
			return t.Format("2006-01-02T15:04:05")
		}
		if (q.Type == Date || q.Type == Today) && len(v) > 10 && isDate(v) {
			return v[:10]
		}
	}
	if q.Type.Media() {
		if i := strings.LastIndexByte(v, '/'); i >= 0 {
			v = v[i+1:]
		}
		if i := strings.IndexByte(v, '?'); i >= 0 {
			v = v[:i]
		}
	}
	return v
}

// excelDay turns Excel's serial day number into a time: day 0 is
// 1899-12-30 once its 1900 leap-year bug is accounted for, which it is for
// every date after February 1900; a time alone is a fraction of day 0.
func excelDay(days float64) time.Time {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return base.Add(time.Duration(math.Round(days * 86400 * float64(time.Second)))).Truncate(time.Second)
}

// clean removes phone and ID numbers from free text (and from a scanned
// barcode, which may be a citizen ID card's). Numbers and choices are left
// alone: an income of 150000000 đồng is not an ID.
func (imp *importer) clean(c column, v string) string {
	if c.q != nil {
		switch c.q.Type {
		case Text, Calculate, Hidden, Barcode:
		default:
			return v
		}
	}
	out, n := redactIdentifiers(v)
	if n > 0 {
		imp.redacted[c.header] += n
	}
	return out
}

func parseFlag(v, choice string) (selected, ok bool) {
	switch strings.ToLower(v) {
	case "", "0", "false", "no":
		return false, true
	case "1", "true", "yes":
		return true, true
	}
	return v == choice, v == choice
}

func (imp *importer) readMainTable(t *table) error {
	p, err := imp.newPlan(t, "")
	if err != nil {
		return err
	}
	_, hasID := p.meta[metaInstanceID]
	_, hasUUID := p.meta[metaUUID]
	_, hasKey := p.meta[metaKey]
	if !hasID && !hasUUID && !hasKey {
		return fmt.Errorf("%s: không có cột mã bản ghi (meta/instanceID, _uuid hoặc KEY) để chống trùng", t.file)
	}
	for {
		rec, line, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !blank(rec) {
			imp.mainRow(t, p, rec, line)
		}
	}
}

func (imp *importer) meta(p *tablePlan, rec []string, role int) string {
	i, ok := p.meta[role]
	if !ok {
		return ""
	}
	return cellAt(rec, i)
}

func (imp *importer) mainRow(t *table, p *tablePlan, rec []string, line int) {
	errs := &rowErrors{file: t.file, line: line}
	var links []string
	if k := imp.meta(p, rec, metaKey); k != "" {
		links = append(links, "K"+k)
	}
	if k := imp.meta(p, rec, metaIndex); k != "" {
		links = append(links, t.scope+"#"+k)
	}
	var repeats []pendingRepeat
	for _, l := range links {
		repeats = append(repeats, imp.pending[l]...)
		delete(imp.pending, l)
	}

	id := ""
	for _, role := range []int{metaInstanceID, metaUUID, metaKey} {
		if id = strings.TrimPrefix(imp.meta(p, rec, role), "uuid:"); id != "" {
			break
		}
	}
	if id != "" && (imp.seen[id] || imp.opts.KnownIDs[id] || imp.opts.KnownIDs["uuid:"+id]) {
		imp.batch.Duplicates++
		return
	}
	if id == "" {
		errs.add("meta/instanceID", "thiếu mã bản ghi (meta/instanceID, _uuid hoặc KEY)")
	}
	if len(rec) > len(p.cols) && !blank(rec[len(p.cols):]) {
		errs.add("", "dòng có %d ô, nhiều hơn %d cột của tiêu đề", len(rec), len(p.cols))
	}

	resp := Response{InstanceID: id, Answers: make(map[string]string, len(p.cols)), Version: imp.meta(p, rec, metaVersion)}
	extra := map[string]string{}
	imp.fillAnswers(p, rec, resp.Answers, extra, errs)
	imp.fillWide(p, rec, &resp, errs)
	for _, r := range repeats {
		errs.errs = append(errs.errs, r.errs...)
		if resp.Repeats == nil {
			resp.Repeats = map[string][]map[string]string{}
		}
		resp.Repeats[r.repeat] = append(resp.Repeats[r.repeat], r.values)
	}
	if len(extra) > 0 {
		resp.Extra = extra
	}

	if p.unit >= 0 {
		imp.setUnit(p, rec, &resp, errs)
	}
	if s := imp.meta(p, rec, metaSubmitted); s != "" {
		if at, ok := parseSubmitted(s); ok {
			resp.SubmittedAt = at
		} else {
			imp.badTimes[t.file]++
		}
	}
	// today() and now() in a calculation or constraint mean the moment the
	// answers were submitted, when the export says it.
	at := resp.SubmittedAt
	if !at.IsZero() {
		at = at.In(vn.Location())
	}
	imp.form.Compute(resp.Answers, resp.Repeats, at)
	if imp.opts.Strict {
		for _, fe := range imp.form.validate(resp.Answers, func(*Question) bool { return true }, at) {
			if fe.Code == "required" || fe.Code == "constraint" {
				errs.add(fe.Question, "%s", fe.Message)
			}
		}
	}
	if len(errs.errs) > 0 {
		imp.batch.Rejected = append(imp.batch.Rejected, errs.errs...)
		return
	}
	imp.seen[id] = true
	imp.batch.Responses = append(imp.batch.Responses, resp)
}

func (imp *importer) setUnit(p *tablePlan, rec []string, resp *Response, errs *rowErrors) {
	header := p.cols[p.unit].header
	v := cellAt(rec, p.unit)
	if v == "" {
		errs.add(header, "thiếu đơn vị")
		return
	}
	if imp.opts.UnitOf == nil {
		resp.Unit = v
		return
	}
	unit, ok := imp.opts.UnitOf(v)
	if !ok {
		errs.add(header, "không có đơn vị %q", v)
		return
	}
	resp.Unit = unit
}

// fillWide reads repeats laid out wide ("rep[3]/age") into Repeats; an
// instance with no answer at all is not kept.
func (imp *importer) fillWide(p *tablePlan, rec []string, resp *Response, errs *rowErrors) {
	for i, c := range p.cols {
		if c.kind != colWide {
			continue
		}
		v := cellAt(rec, i)
		if v == "" {
			continue
		}
		v = normaliseAnswer(c.q, v)
		if e, bad := imp.form.checkValue(c.q, v); bad {
			errs.add(c.header, "%s", e.Message)
			continue
		}
		if resp.Repeats == nil {
			resp.Repeats = map[string][]map[string]string{}
		}
		list := resp.Repeats[c.q.Repeat]
		for len(list) <= c.index {
			list = append(list, nil)
		}
		if list[c.index] == nil {
			list[c.index] = map[string]string{}
		}
		list[c.index][c.q.Key] = imp.clean(c, v)
		resp.Repeats[c.q.Repeat] = list
	}
	for name, list := range resp.Repeats {
		kept := list[:0]
		for _, m := range list {
			if m != nil {
				kept = append(kept, m)
			}
		}
		resp.Repeats[name] = kept
	}
}

// readRepeatTable reads a separate repeat table whole (its rows wait for
// their parents, which come later in the main table).
func (imp *importer) readRepeatTable(t *table) error {
	repeat, err := imp.repeatOf(t)
	if err != nil {
		return err
	}
	p, err := imp.newPlan(t, repeat)
	if err != nil {
		return err
	}
	for {
		rec, line, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if blank(rec) {
			continue
		}
		if key := imp.meta(p, rec, metaKey); key != "" {
			if imp.repKeys[key] {
				continue
			}
			imp.repKeys[key] = true
		}
		link := ""
		if k := imp.meta(p, rec, metaParentKey); k != "" {
			link = "K" + k
		} else if k := imp.meta(p, rec, metaParentIndex); k != "" {
			link = t.scope + "#" + k
		}
		errs := &rowErrors{file: t.file, line: line}
		values := map[string]string{}
		imp.fillAnswers(p, rec, values, values, errs)
		if link == "" {
			errs.add("PARENT_KEY", "thiếu liên kết tới bản ghi cha (PARENT_KEY hoặc _parent_index)")
			imp.batch.Rejected = append(imp.batch.Rejected, errs.errs...)
			continue
		}
		imp.pending[link] = append(imp.pending[link], pendingRepeat{repeat: repeat, values: values, errs: errs.errs, file: t.file, line: line})
	}
}

// finish reports repeat rows whose parent never came and sums up the
// warnings.
func (imp *importer) finish() {
	var orphans []pendingRepeat
	for _, list := range imp.pending {
		orphans = append(orphans, list...)
	}
	sort.Slice(orphans, func(i, j int) bool {
		if orphans[i].file != orphans[j].file {
			return orphans[i].file < orphans[j].file
		}
		return orphans[i].line < orphans[j].line
	})
	for _, o := range orphans {
		imp.batch.Rejected = append(imp.batch.Rejected, RowError{File: o.file, Line: o.line, Column: "PARENT_KEY",
			Reason: "không có bản ghi cha trong bảng chính (hoặc bản ghi cha bị loại; nhóm lặp lồng trong nhóm lặp chưa được hỗ trợ)"})
	}
	headers := make([]string, 0, len(imp.redacted))
	for h := range imp.redacted {
		headers = append(headers, h)
	}
	sort.Strings(headers)
	for _, h := range headers {
		imp.batch.Warnings = append(imp.batch.Warnings, fmt.Sprintf(
			"cột %q: đã xoá %d số trông như số điện thoại hoặc số giấy tờ tuỳ thân", h, imp.redacted[h]))
	}
	files := make([]string, 0, len(imp.badTimes))
	for f := range imp.badTimes {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		imp.batch.Warnings = append(imp.batch.Warnings, fmt.Sprintf(
			"%s: %d thời điểm nộp không đọc được, để trống", f, imp.badTimes[f]))
	}
}

// parseSubmitted reads Kobo's _submission_time (UTC without a zone), ODK
// Central's SubmissionDate (RFC 3339), and Excel's serial day numbers when
// the export went through Excel.
func parseSubmitted(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	if days, err := strconv.ParseFloat(s, 64); err == nil && days > 1 && days < 2958466 {
		return excelDay(days), true
	}
	return time.Time{}, false
}
