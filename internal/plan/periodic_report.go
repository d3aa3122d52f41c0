package plan

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/papi"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/registers"
	"papihub/internal/report"
)

// A PeriodReport is the content of the focal office's periodic report to
// the Department of Home Affairs on one plan and period: per dimension what
// was done, the figures, and what is late.
type PeriodReport struct {
	Plan   Plan
	Period Period
	Dims   []DimensionFigures
	Total  Figures
	Items  []TaskInstance   // due in the period, in plan order
	Latest map[int64]string // instance → latest progress text
	Late   []TaskInstance   // overdue on the report's day, any period up to its end
	Next   []TaskInstance   // due in the next period
	Day    time.Time
	// Figures are the bound measures of the period's tasks, by task.
	Figures map[int64]*BoundFigure
	// Sections are the registers' parts of the report for the period
	// (reception and complaints, follow-up of inspections).
	Sections []registers.Section
}

// BuildPeriodReport gathers a plan's figures for a period.
func (s *Store) BuildPeriodReport(ctx context.Context, planID int64, period Period) (PeriodReport, error) {
	p, err := s.Plan(ctx, planID)
	if err != nil {
		return PeriodReport{}, err
	}
	rep := PeriodReport{Plan: p, Period: period, Latest: map[int64]string{}, Day: s.Today()}
	if rep.Dims, rep.Total, err = s.Summary(ctx, SummaryFilter{PlanID: planID, DueFrom: period.Start(), DueTo: period.End()}); err != nil {
		return rep, err
	}
	if rep.Items, _, err = s.Instances(ctx, InstanceFilter{PlanID: planID, DueFrom: period.Start(), DueTo: period.End(), PerPage: 5000}); err != nil {
		return rep, err
	}
	if rep.Late, _, err = s.Instances(ctx, InstanceFilter{PlanID: planID, Overdue: true, DueTo: period.End(), PerPage: 500}); err != nil {
		return rep, err
	}
	next := period.Next()
	if rep.Next, _, err = s.Instances(ctx, InstanceFilter{PlanID: planID, DueFrom: next.Start(), DueTo: next.End(), Open: true, PerPage: 500}); err != nil {
		return rep, err
	}
	if rep.Figures, err = s.periodFigures(ctx, p, period); err != nil {
		return rep, err
	}
	if rep.Sections, err = s.registers.Sections(ctx, registers.Scope{UnitID: p.UnitID, UnitPath: p.UnitPath}, period.Start(), period.End()); err != nil {
		return rep, err
	}
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `
SELECT u.instance_id, u.text FROM task_updates u JOIN task_instances i ON i.id = u.instance_id
WHERE i.plan_id = $1 AND i.due_date >= $2 AND i.due_date <= $3 AND u.kind IN ('progress', 'submit')
ORDER BY u.at, u.id`, planID, db.FormatDate(period.Start()), db.FormatDate(period.End()))
	if err != nil {
		return rep, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return rep, err
		}
		rep.Latest[id] = text
	}
	return rep, rows.Err()
}

// periodFigures computes the bound measure of each of the plan's bound
// tasks over the period.
func (s *Store) periodFigures(ctx context.Context, p Plan, period Period) (map[int64]*BoundFigure, error) {
	out := map[int64]*BoundFigure{}
	if len(s.Measures()) == 0 {
		return out, nil
	}
	tasks, _, err := s.Tasks(ctx, TaskFilter{PlanID: p.ID, PerPage: 5000})
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		f, err := s.Figure(ctx, t, p, period.Start(), period.End())
		if err != nil {
			return nil, err
		}
		if f != nil {
			out[t.ID] = f
		}
	}
	return out, nil
}

// figureLine is a bound figure as the report writes it.
func figureLine(task string, f *BoundFigure) string {
	met := "chưa đạt"
	if f.Met {
		met = "đạt"
	}
	return fmt.Sprintf("%s — %s: %s (chỉ tiêu %s; %s)", short(task), f.Measure.Name, f.Text, f.Target, met)
}

// periodName is the period as a report's subject writes it.
func periodName(p Period) string {
	switch p.Kind {
	case Quarter:
		return fmt.Sprintf("quý %s năm %d", []string{"", "I", "II", "III", "IV"}[p.N], p.Year)
	case HalfYear:
		if p.N == 1 {
			return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
		}
		return fmt.Sprintf("6 tháng cuối năm %d", p.Year)
	case Month:
		return fmt.Sprintf("tháng %d năm %d", p.N, p.Year)
	}
	return fmt.Sprintf("năm %d", p.Year)
}

// reportSymbol turns the plan's symbol into the report's: KH-SKHCN → BC-SKHCN.
// A plan without a symbol yet (from the template) takes the unit's short
// name: BC-SKHCN.
func reportSymbol(p Plan) string {
	if _, org, ok := strings.Cut(p.Symbol, "-"); ok {
		return "BC-" + org
	}
	if p.UnitShort != "" {
		return "BC-" + p.UnitShort
	}
	return "BC"
}

// subjectPeriod names the period in the subject line without repeating the
// year the plan's title already gives.
func subjectPeriod(p Plan, period Period) string {
	name := periodName(period)
	if y := fmt.Sprint(period.Year); period.Kind != Year && strings.HasSuffix(p.Title, y) {
		return strings.TrimSuffix(name, " năm "+y)
	}
	return name
}

func dimensionName(year int, code string) string {
	if fw, ok := papi.FrameworkFor(year); ok {
		if d, ok := fw.Dimension(code); ok {
			return d.NameVI
		}
	}
	return "Nhiệm vụ chung"
}

func pct(n, of int) string {
	if of == 0 {
		return "—"
	}
	return vn.FormatPercent(100*float64(n)/float64(of), 1)
}

// Document lays the report out as an official document (Decree 30/2020):
// I. results per dimension, II. the figures as a table, III. what is late,
// IV. the tasks of the next period.
func (rep PeriodReport) Document(number string, issued time.Time) report.Document {
	p := rep.Plan
	doc := report.Document{
		ParentBody: strings.ToUpper(p.ParentBody),
		Issuer:     strings.ToUpper(p.UnitName),
		Number:     number + "/" + reportSymbol(p),
		Place:      p.Place,
		Date:       issued,
		Kind:       "BÁO CÁO",
		Subject:    "Kết quả thực hiện Kế hoạch " + lowerFirst(p.Title) + ", " + subjectPeriod(p, rep.Period),
		Recipients: []string{"Sở Nội vụ", "Lãnh đạo " + p.UnitName, "Lưu: VT"},
	}
	title, name := p.Signer.Title, p.Signer.Name
	if a, b, ok := strings.Cut(title, "\n"); ok {
		doc.Signature = report.Signature{Authority: a, Title: b, Name: name}
	} else {
		doc.Signature = report.Signature{Title: title, Name: name}
	}
	ref := "Kế hoạch"
	if p.Number != "" {
		ref += " số " + p.NumberSymbol()
	}
	doc.Body = append(doc.Body, report.Paragraph{Text: fmt.Sprintf("Thực hiện %s của %s về %s, %s báo cáo kết quả thực hiện %s như sau:",
		ref, p.UnitName, lowerFirst(p.Title), p.UnitName, periodName(rep.Period))})
	part := romanParts()
	doc.Body = append(doc.Body, report.Heading{Level: 1, Number: part(), Text: "KẾT QUẢ THỰC HIỆN"})
	byDim := map[string][]TaskInstance{}
	for _, it := range rep.Items {
		byDim[it.Dimension] = append(byDim[it.Dimension], it)
	}
	placed := map[int]bool{} // sections written under their dimension
	for i, d := range rep.Dims {
		doc.Body = append(doc.Body, report.Heading{Level: 2, Number: fmt.Sprint(i + 1), Text: "Chỉ số nội dung “" + dimensionName(p.Year, d.Dimension) + "”"})
		if d.Dimension == "" {
			doc.Body[len(doc.Body)-1] = report.Heading{Level: 2, Number: fmt.Sprint(i + 1), Text: "Nhiệm vụ chung"}
		}
		if b, ok := p.Baseline(d.Dimension); ok {
			doc.Body = append(doc.Body, report.Paragraph{Text: baselineSentence(b)})
		}
		doc.Body = append(doc.Body, report.Paragraph{Text: fmt.Sprintf("Trong kỳ có %d lượt nhiệm vụ đến hạn: hoàn thành %d (%s), đã báo cáo chờ xem xét %d, quá hạn %d.",
			d.Total, d.Done, pct(d.Done, d.Total), d.Submitted, d.Overdue)})
		if d.Also.Total > 0 {
			doc.Body = append(doc.Body, report.Paragraph{Text: fmt.Sprintf("Ngoài ra %d lượt nhiệm vụ của mục ghép với chỉ số khác cũng phục vụ chỉ số này (hoàn thành %d), đã tính ở chỉ số đầu của mục.",
				d.Also.Total, d.Also.Done)})
		}
		var done []string
		for _, it := range byDim[d.Dimension] {
			if text := rep.Latest[it.ID]; text != "" && (it.Status == Accepted || it.Status == Submitted || it.Status == InProgress) {
				done = append(done, short(it.TaskText)+": "+text+" ("+it.LeadUnitName+")")
			}
		}
		if len(done) > 0 {
			doc.Body = append(doc.Body, report.Bullets{Items: done})
		}
		if figures := rep.figureLines(byDim[d.Dimension]); len(figures) > 0 {
			doc.Body = append(doc.Body, report.Paragraph{Text: "Số liệu từ hệ thống theo dõi:"}, report.Bullets{Items: figures})
		}
		letter := 'a'
		for si, sec := range rep.Sections {
			if sec.Dimension != "" && sec.Dimension == d.Dimension {
				doc.Body = append(doc.Body, report.Heading{Level: 3, Number: string(letter), Text: sec.Heading})
				doc.Body = append(doc.Body, sec.Body...)
				placed[si] = true
				letter++
			}
		}
	}
	doc.Body = append(doc.Body, report.Heading{Level: 1, Number: part(), Text: "SỐ LIỆU TỔNG HỢP"})
	tbl := report.Table{Header: []string{"Chỉ số nội dung", "Điểm xuất phát", "Đến hạn", "Hoàn thành", "Chờ xem xét", "Quá hạn", "Tỷ lệ"},
		ColumnWidths: []float64{4, 1.6, 1, 1, 1, 1, 1}, NumericColumns: []int{2, 3, 4, 5, 6}}
	for _, d := range rep.Dims {
		label := d.Dimension + ". " + dimensionName(p.Year, d.Dimension)
		if d.Dimension == "" {
			label = "Nhiệm vụ chung"
		}
		base := ""
		if b, ok := p.Baseline(d.Dimension); ok {
			base = baselineCell(b)
		}
		tbl.Rows = append(tbl.Rows, []string{label, base, fmt.Sprint(d.Total), fmt.Sprint(d.Done), fmt.Sprint(d.Submitted), fmt.Sprint(d.Overdue), pct(d.Done, d.Total)})
	}
	tbl.Rows = append(tbl.Rows, []string{"Tổng cộng", "", fmt.Sprint(rep.Total.Total), fmt.Sprint(rep.Total.Done), fmt.Sprint(rep.Total.Submitted), fmt.Sprint(rep.Total.Overdue), pct(rep.Total.Done, rep.Total.Total)})
	doc.Body = append(doc.Body, tbl)
	if len(placed) < len(rep.Sections) {
		doc.Body = append(doc.Body, report.Heading{Level: 1, Number: part(), Text: "SỐ LIỆU TỪ CÁC SỔ THEO DÕI"})
		n := 0
		for si, sec := range rep.Sections {
			if !placed[si] {
				n++
				doc.Body = append(doc.Body, report.Heading{Level: 2, Number: fmt.Sprint(n), Text: sec.Heading})
				doc.Body = append(doc.Body, sec.Body...)
			}
		}
	}
	doc.Body = append(doc.Body, report.Heading{Level: 1, Number: part(), Text: "TỒN TẠI, HẠN CHẾ"})
	if len(rep.Late) == 0 {
		doc.Body = append(doc.Body, report.Paragraph{Text: "Không có nhiệm vụ quá hạn."})
	} else {
		var late []string
		for _, it := range rep.Late {
			late = append(late, fmt.Sprintf("%s (%s, hạn %s)", short(it.TaskText), it.LeadUnitName, dueAsWritten(it)))
		}
		doc.Body = append(doc.Body, report.Paragraph{Text: fmt.Sprintf("Còn %d lượt nhiệm vụ quá hạn:", len(rep.Late))}, report.Bullets{Items: late})
	}
	doc.Body = append(doc.Body, report.Heading{Level: 1, Number: part(), Text: "NHIỆM VỤ KỲ TỚI"})
	if len(rep.Next) == 0 {
		doc.Body = append(doc.Body, report.Paragraph{Text: "Tiếp tục thực hiện các nhiệm vụ thường xuyên theo Kế hoạch."})
	} else {
		var next []string
		for _, it := range rep.Next {
			next = append(next, fmt.Sprintf("%s (%s, hạn %s)", short(it.TaskText), it.LeadUnitName, dueAsWritten(it)))
		}
		doc.Body = append(doc.Body, report.Bullets{Items: next})
	}
	return doc
}

// figureLines writes the bound figures of the tasks among items, one line a
// task.
func (rep PeriodReport) figureLines(items []TaskInstance) []string {
	var out []string
	seen := map[int64]bool{}
	for _, it := range items {
		if f := rep.Figures[it.TaskID]; f != nil && !seen[it.TaskID] {
			seen[it.TaskID] = true
			out = append(out, figureLine(it.TaskText, f))
		}
	}
	return out
}

// romanParts numbers a document's parts I, II, III… in the order they are
// asked for, so that an optional part does not leave a gap.
func romanParts() func() string {
	numerals := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
	n := 0
	return func() string {
		n++
		return numerals[min(n, len(numerals))-1]
	}
}

// Sheets are the same figures as workbook tables.
func (rep PeriodReport) Sheets() []report.Sheet {
	p := rep.Plan
	fig := report.Sheet{Name: "Tổng hợp", Title: "Kết quả thực hiện " + periodName(rep.Period) + " — " + p.UnitName,
		// The baseline and the joint sections' tasks come after the figures,
		// so that the columns a reader already takes stay where they were.
		Header: []string{"Mã", "Chỉ số nội dung", "Đến hạn", "Hoàn thành", "Chờ xem xét", "Quá hạn", "Tỷ lệ hoàn thành",
			"Mục ghép: đến hạn", "Mục ghép: hoàn thành", "Năm gốc", "Điểm gốc", "Nhóm", "Tăng, giảm"},
		NumberFormats: []string{"", "", "#,##0", "#,##0", "#,##0", "#,##0", "0.0%", "#,##0", "#,##0", "0", "0.00", "", "+0.00;-0.00;0.00"}}
	for _, d := range rep.Dims {
		year, score, group, change := baselineValues(p, d.Dimension)
		fig.Rows = append(fig.Rows, []any{d.Dimension, dimensionName(p.Year, d.Dimension), d.Total, d.Done, d.Submitted, d.Overdue, d.Percent() / 100,
			d.Also.Total, d.Also.Done, year, score, group, change})
	}
	fig.Rows = append(fig.Rows, []any{"", "Tổng cộng", rep.Total.Total, rep.Total.Done, rep.Total.Submitted, rep.Total.Overdue, rep.Total.Percent() / 100})
	items := report.Sheet{Name: "Nhiệm vụ", Header: []string{"Chỉ số", "Nhiệm vụ", "Đơn vị chủ trì", "Kỳ", "Hạn", "Trạng thái", "Quá hạn", "Kết quả", "Số liệu hệ thống", "Thời hạn theo kế hoạch"}}
	for _, it := range rep.Items {
		figure := ""
		if f := rep.Figures[it.TaskID]; f != nil {
			figure = f.Measure.Name + ": " + f.Text
		}
		items.Rows = append(items.Rows, []any{it.Dimension, it.TaskText, it.LeadUnitName, it.Period, it.Due, statusVI[it.Status], it.Overdue, rep.Latest[it.ID], figure, it.DueText})
	}
	sheets := []report.Sheet{fig, items}
	for _, sec := range rep.Sections {
		if sec.Sheet != nil {
			sheets = append(sheets, *sec.Sheet)
		}
	}
	return sheets
}

var statusVI = map[Status]string{NotStarted: "Chưa thực hiện", InProgress: "Đang thực hiện", Submitted: "Đã báo cáo", Accepted: "Hoàn thành", Returned: "Bị trả lại", Cancelled: "Đã huỷ"}

// ReportKind is the kind of the plan's periodic reports in the register
// of issued reports; their SourceID is the plan.
const ReportKind = "plan"

// IssueReport builds the period's report in the format (docx or xlsx) and
// keeps it in the register of issued reports with its number and date. The
// number is "N/BC-…" as typed; blank leaves room to write it in.
func (s *Store) IssueReport(ctx context.Context, actor audit.Actor, planID int64, periodKey, format, number string) (report.Issued, error) {
	errs := web.FieldErrors{}
	period, err := ParsePeriod(periodKey)
	if err != nil {
		errs.Add("period", "plan.report.period.invalid")
	}
	if format != "docx" && format != "xlsx" {
		errs.Add("format", "plan.report.format.invalid")
	}
	if errs.Any() {
		return report.Issued{}, &web.ValidationError{Fields: errs}
	}
	rep, err := s.BuildPeriodReport(ctx, planID, period)
	if err != nil {
		return report.Issued{}, err
	}
	number = strings.TrimSpace(number)
	var buf bytes.Buffer
	if format == "docx" {
		err = report.WriteDOCX(&buf, rep.Document(number, s.now()))
	} else {
		err = report.WriteXLSX(&buf, rep.Sheets())
	}
	if err != nil {
		return report.Issued{}, fmt.Errorf("plan: report: %w", err)
	}
	return s.reports.Issue(ctx, actor, report.Issued{Kind: ReportKind, SourceID: planID, UnitID: rep.Plan.UnitID, Title: rep.Plan.Title,
		Number: number + "/" + reportSymbol(rep.Plan), Period: period.String(), Format: format,
		FileName: fmt.Sprintf("bao-cao-papi-%s.%s", period.String(), format)}, buf.Bytes())
}

// Reports lists one page of a plan's issued reports, newest first.
func (s *Store) Reports(ctx context.Context, planID int64, page, perPage int) ([]report.Issued, bool, error) {
	return s.reports.List(ctx, report.RegisterFilter{Kind: ReportKind, SourceID: planID, Page: page, PerPage: perPage})
}

// ReportPath is where an issued report's file lives.
func (s *Store) ReportPath(sum string) string { return s.reports.Path(sum) }

// baselineSentence is a dimension's baseline as the report says it: "Điểm
// xuất phát theo Kế hoạch: năm 2025 đạt 4,87 điểm, thuộc nhóm trung bình;
// tăng 0,05 điểm so với năm trước."
func baselineSentence(b Baseline) string {
	var s strings.Builder
	s.WriteString("Điểm xuất phát theo Kế hoạch:")
	if b.Year != 0 {
		fmt.Fprintf(&s, " năm %d", b.Year)
	}
	if b.Score != nil {
		s.WriteString(" đạt " + vn.FormatDecimal(*b.Score, 2) + " điểm")
	}
	if b.Group != "" {
		s.WriteString(", thuộc nhóm " + b.Group)
	}
	if b.Change != nil {
		switch {
		case *b.Change > 0:
			s.WriteString("; tăng " + vn.FormatDecimal(*b.Change, 2) + " điểm so với năm trước")
		case *b.Change < 0:
			s.WriteString("; giảm " + vn.FormatDecimal(-*b.Change, 2) + " điểm so với năm trước")
		default:
			s.WriteString("; không thay đổi so với năm trước")
		}
	}
	return s.String() + "."
}

// baselineCell is the baseline in the figures table: "4,87 (2025)".
func baselineCell(b Baseline) string {
	cell := ""
	if b.Score != nil {
		cell = vn.FormatDecimal(*b.Score, 2)
	} else if b.Group != "" {
		cell = "nhóm " + b.Group
	}
	if b.Year != 0 {
		cell += fmt.Sprintf(" (%d)", b.Year)
	}
	return strings.TrimSpace(cell)
}

// baselineValues are the baseline's cells of the workbook, nil where the
// plan gives none, so that a blank reads blank rather than 0.
func baselineValues(p Plan, dim string) (year, score any, group string, change any) {
	b, ok := p.Baseline(dim)
	if !ok {
		return nil, nil, "", nil
	}
	year = b.Year
	if b.Score != nil {
		score = *b.Score
	}
	if b.Change != nil {
		change = *b.Change
	}
	return year, score, b.Group, change
}

// dueAsWritten is an instance's deadline with the plan's own words when they
// differ: "30/06/2026 — theo kế hoạch: Quý II/2026".
func dueAsWritten(it TaskInstance) string {
	d := it.Due.Format("02/01/2006")
	if it.DueText != "" && it.DueText != d {
		d += " — theo kế hoạch: " + it.DueText
	}
	return d
}
