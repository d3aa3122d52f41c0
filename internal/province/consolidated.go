package province

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/papi"
	"papihub/internal/platform/period"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/registers"
	"papihub/internal/report"
)

// ReportKind is the kind of the consolidated province reports in the
// register of issued reports; their SourceID is the round.
const ReportKind = "province"

// Consolidated is the province's report for a round's period: who
// reported, progress by PAPI dimension across every unit's plans, the units
// with most overdue work, the service index of agencies and communes, the
// registers' figures and the official PAPI standing.
type Consolidated struct {
	Round       Round
	Province    org.Unit
	HomeAffairs org.Unit
	Span        period.Span
	Units       []RoundUnit
	Today       time.Time
	Dimensions  []DimensionProgress
	Rows        []Row // the dashboard of the province for the period
	Standing    papi.Standing
	HasStanding bool
	Sections    []registers.Section
}

// BuildConsolidated gathers the figures of round's report.
func (s *Store) BuildConsolidated(ctx context.Context, round Round) (Consolidated, error) {
	c := Consolidated{Round: round, Today: s.Today()}
	var err error
	if c.Province, err = s.org.Unit(ctx, round.ProvinceID); err != nil {
		return c, fmt.Errorf("province: report: %w", err)
	}
	if c.HomeAffairs, err = s.org.Unit(ctx, round.OpenedBy); err != nil {
		return c, fmt.Errorf("province: report: %w", err)
	}
	if c.Span, err = period.Parse(round.Period); err != nil {
		return c, fmt.Errorf("province: report: %w", err)
	}
	if c.Units, err = s.RoundUnits(ctx, round); err != nil {
		return c, err
	}
	v, err := s.Dashboard(ctx, c.Province, round.Period)
	if err != nil {
		return c, err
	}
	c.Rows = v.Rows
	// Every plan issued in the province counts, predecessors' included:
	// the records behind the reports, not only what the reports say.
	all, err := s.units(ctx, c.Province)
	if err != nil {
		return c, err
	}
	ids := make([]int64, len(all))
	for i, u := range all {
		ids[i] = u.ID
	}
	if s.src.Dimensions != nil {
		if c.Dimensions, err = s.src.Dimensions(ctx, c.Span.From.Year(), ids, c.Span.From, c.Span.To); err != nil {
			return c, fmt.Errorf("province: report: %w", err)
		}
	}
	if s.src.Standing != nil {
		if c.Standing, c.HasStanding, err = s.src.Standing(ctx, c.Province.ID); err != nil {
			return c, fmt.Errorf("province: report: %w", err)
		}
	}
	if s.src.Sections != nil {
		if c.Sections, err = s.src.Sections(ctx, registers.Scope{UnitID: c.Province.ID, UnitPath: c.Province.Path}, c.Span.From, c.Span.To); err != nil {
			return c, fmt.Errorf("province: report: %w", err)
		}
	}
	return c, nil
}

// placeName is the province's name as the date line writes it: "UBND tỉnh
// Hưng Yên" → "Hưng Yên".
func placeName(u org.Unit) string {
	name := u.Name
	for _, p := range []string{"UBND tỉnh ", "Ủy ban nhân dân tỉnh ", "UBND thành phố ", "Ủy ban nhân dân thành phố "} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest
		}
	}
	return name
}

// symbol is the report symbol of Home Affairs: "BC-SNV".
func symbol(u org.Unit) string {
	if u.ShortName != "" {
		return "BC-" + u.ShortName
	}
	return "BC"
}

func dimName(year int, code string) string {
	if code == "" {
		return "Nhiệm vụ chung"
	}
	if fw, ok := papi.FrameworkFor(year); ok {
		if d, ok := fw.Dimension(code); ok {
			return d.NameVI
		}
	}
	return code
}

// share writes n of total as a percentage, "—" when there is nothing.
func share(n, total int) string {
	if total == 0 {
		return "—"
	}
	return vn.FormatPercent(100*float64(n)/float64(total), 1)
}

func score(s papi.Score) string {
	if !s.Present {
		return "—"
	}
	return vn.FormatDecimal(s.Value, 2)
}

// ranked is the rows of the kinds given with a known index, best first.
func ranked(rows []Row, kinds ...org.Kind) []Row {
	var out []Row
	for _, r := range rows {
		if r.Index.Known && slices.Contains(kinds, r.Unit.Kind) {
			out = append(out, r)
		}
	}
	Sort(out, "index", true)
	return out
}

// mostOverdue is the rows with overdue work, most first, at most n.
func mostOverdue(rows []Row, n int) []Row {
	var out []Row
	for _, r := range rows {
		if r.Progress.Overdue > 0 {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Row) int {
		return cmp.Or(cmp.Compare(b.Progress.Overdue, a.Progress.Overdue), vn.Compare(a.Unit.Name, b.Unit.Name))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func indexCells(rank int, r Row) []string {
	prev, change := "—", "—"
	if r.Previous.Known {
		prev = vn.FormatDecimal(r.Previous.Total, 2)
	}
	if d, ok := r.Trend(); ok {
		change = signed(d)
	}
	return []string{fmt.Sprint(rank), r.Unit.Name, vn.FormatDecimal(r.Index.Total, 2), prev, change}
}

// counts of the round: expected, submitted or accepted, accepted, returned,
// late.
func (c Consolidated) counts() (expected, in, accepted, returned int, late []string) {
	for _, u := range c.Units {
		expected++
		switch u.Status {
		case Submitted:
			in++
		case Accepted:
			in++
			accepted++
		case Returned:
			returned++
		}
		if u.Late(c.Today, c.Round.Deadline) {
			late = append(late, u.Unit.Name)
		}
	}
	return
}

// Document lays the report out in the Decree 30 layout, signed by the
// province's Home Affairs.
func (c Consolidated) Document(number string, issued time.Time, signer report.Signature) report.Document {
	label := c.Span.Label()
	doc := report.Document{
		ParentBody: strings.ToUpper(c.Province.Name),
		Issuer:     strings.ToUpper(c.HomeAffairs.Name),
		Number:     strings.TrimSpace(number) + "/" + symbol(c.HomeAffairs),
		Place:      placeName(c.Province),
		Date:       issued,
		Kind:       "BÁO CÁO",
		Subject:    "Tổng hợp kết quả thực hiện kế hoạch nâng cao Chỉ số PAPI của các cơ quan, đơn vị trên địa bàn tỉnh " + label,
		Recipients: []string{"Thường trực UBND tỉnh (để báo cáo)", "Các sở, ban, ngành tỉnh", "UBND các xã, phường", "Lưu: VT"},
		Signature:  signer,
	}
	if doc.Signature.Title == "" {
		doc.Signature.Title = "GIÁM ĐỐC"
	}
	expected, in, accepted, returned, late := c.counts()
	part := 0
	heading := func(text string) {
		part++
		doc.Body = append(doc.Body, report.Heading{Level: 1, Number: roman(part), Text: text})
	}
	doc.Body = append(doc.Body, report.Paragraph{Text: fmt.Sprintf("Trên cơ sở báo cáo định kỳ của các cơ quan, đơn vị và số liệu trên hệ thống theo dõi, %s tổng hợp kết quả thực hiện kế hoạch nâng cao Chỉ số PAPI %s như sau:",
		c.HomeAffairs.Name, label)})

	heading("TÌNH HÌNH GỬI BÁO CÁO")
	doc.Body = append(doc.Body, report.Paragraph{Text: fmt.Sprintf("Đợt báo cáo %s (hạn gửi %s) có %d cơ quan, đơn vị phải báo cáo: đã gửi %d (%s), trong đó đã chấp nhận %d; trả lại để hoàn thiện %d; chậm gửi %d.",
		label, vn.FormatDate(c.Round.Deadline), expected, in, share(in, expected), accepted, returned, len(late))})
	if len(late) > 0 {
		doc.Body = append(doc.Body, report.Paragraph{Text: "Các cơ quan, đơn vị chậm gửi báo cáo:"}, report.Bullets{Items: late})
	}

	heading("KẾT QUẢ THỰC HIỆN THEO CHỈ SỐ NỘI DUNG")
	doc.Body = append(doc.Body, report.Table{Header: []string{"Chỉ số nội dung", "Lượt nhiệm vụ đến hạn", "Hoàn thành", "Tỷ lệ", "Quá hạn", "Điểm PAPI chính thức", "Cách điểm cao nhất"},
		Rows: c.dimensionRows(), ColumnWidths: []float64{4, 1.3, 1.3, 1.2, 1.2, 1.4, 1.4}, NumericColumns: []int{1, 2, 3, 4, 5, 6}})

	heading("CƠ QUAN, ĐƠN VỊ CÓ NHIỀU NHIỆM VỤ QUÁ HẠN")
	if over := mostOverdue(c.Rows, 10); len(over) > 0 {
		var rows [][]string
		for i, r := range over {
			rows = append(rows, []string{fmt.Sprint(i + 1), r.Unit.Name, fmt.Sprint(r.Progress.Overdue), fmt.Sprint(r.Progress.Total), share(r.Progress.Done, r.Progress.Total)})
		}
		doc.Body = append(doc.Body, report.Table{Header: []string{"TT", "Cơ quan, đơn vị", "Quá hạn", "Lượt nhiệm vụ", "Hoàn thành"}, Rows: rows,
			ColumnWidths: []float64{0.6, 5, 1.2, 1.4, 1.4}, NumericColumns: []int{0, 2, 3, 4}})
	} else {
		doc.Body = append(doc.Body, report.Paragraph{Text: "Không có cơ quan, đơn vị nào có nhiệm vụ quá hạn."})
	}

	heading("CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH 766/QĐ-TTg)")
	for i, group := range []struct {
		title string
		kinds []org.Kind
	}{{"Các sở, ban, ngành", []org.Kind{org.KindAgency, org.KindHomeAffairs}}, {"UBND các xã, phường", []org.Kind{org.KindCommune}}} {
		doc.Body = append(doc.Body, report.Heading{Level: 2, Number: fmt.Sprint(i + 1), Text: group.title})
		rows := ranked(c.Rows, group.kinds...)
		if len(rows) == 0 {
			doc.Body = append(doc.Body, report.Paragraph{Text: "Chưa có số liệu hồ sơ trong kỳ."})
			continue
		}
		var cells [][]string
		for j, r := range rows {
			cells = append(cells, indexCells(j+1, r))
		}
		doc.Body = append(doc.Body, report.Table{Header: []string{"Hạng", "Cơ quan, đơn vị", "Điểm kỳ này", "Kỳ trước", "Thay đổi"}, Rows: cells,
			ColumnWidths: []float64{0.8, 5, 1.3, 1.3, 1.2}, NumericColumns: []int{0, 2, 3, 4}})
	}

	if len(c.Sections) > 0 {
		heading("TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ, KHIẾU NẠI")
		for i, sec := range c.Sections {
			doc.Body = append(doc.Body, report.Heading{Level: 2, Number: fmt.Sprint(i + 1), Text: sec.Heading})
			doc.Body = append(doc.Body, sec.Body...)
		}
	}

	heading("KẾT QUẢ PAPI CHÍNH THỨC CỦA TỈNH")
	if c.HasStanding {
		st := c.Standing
		doc.Body = append(doc.Body, report.Paragraph{Text: fmt.Sprintf("Năm %d, tỉnh %s đạt %s điểm, xếp thứ %d/%d tỉnh, thành phố có kết quả.",
			st.Year, st.Province.Name, score(st.Total), st.Rank, st.Of)})
		var rows [][]string
		for _, d := range st.Dimensions {
			rows = append(rows, []string{dimName(st.Year, d.Code), score(d.Score), fmt.Sprintf("%d/%d", d.Rank, d.Of), score(d.GapToBest), score(d.GapToMedian)})
		}
		doc.Body = append(doc.Body, report.Table{Header: []string{"Chỉ số nội dung", "Điểm", "Hạng", "Cách điểm cao nhất", "Cách trung vị"}, Rows: rows,
			ColumnWidths: []float64{4, 1.2, 1.2, 1.5, 1.5}, NumericColumns: []int{1, 2, 3, 4}})
		if weak := st.ByGain(); len(weak) > 0 {
			var items []string
			for _, d := range weak[:min(3, len(weak))] {
				items = append(items, fmt.Sprintf("%s: cách điểm cao nhất %s điểm", dimName(st.Year, d.Code), score(d.GapToBest)))
			}
			doc.Body = append(doc.Body, report.Paragraph{Text: "Các chỉ số nội dung có dư địa cải thiện lớn nhất:"}, report.Bullets{Items: items})
		}
	} else {
		doc.Body = append(doc.Body, report.Paragraph{Text: "Chưa có kết quả PAPI chính thức của tỉnh trong hệ thống."})
	}
	return doc
}

// dimensionRows are the rows of the table by dimension, with the official
// score and gap of the dimension when known.
func (c Consolidated) dimensionRows() [][]string {
	official := map[string]papi.DimensionStanding{}
	if c.HasStanding {
		for _, d := range c.Standing.Dimensions {
			official[d.Code] = d
		}
	}
	var rows [][]string
	var total Progress
	for _, d := range c.Dimensions {
		o := official[d.Dimension]
		rows = append(rows, []string{dimName(c.Span.From.Year(), d.Dimension), fmt.Sprint(d.Total), fmt.Sprint(d.Done), share(d.Done, d.Total),
			fmt.Sprint(d.Overdue), score(o.Score), score(o.GapToBest)})
		total.Add(d.Progress)
	}
	return append(rows, []string{"Tổng cộng", fmt.Sprint(total.Total), fmt.Sprint(total.Done), share(total.Done, total.Total), fmt.Sprint(total.Overdue), "", ""})
}

// Sheets are the report's figures as workbook tables.
func (c Consolidated) Sheets() []report.Sheet {
	var units [][]any
	for _, u := range c.Units {
		late := ""
		if u.Late(c.Today, c.Round.Deadline) {
			late = "chậm"
		}
		var submitted any = ""
		if !u.SubmittedOn.IsZero() {
			submitted = u.SubmittedOn
		}
		units = append(units, []any{u.Unit.Code, u.Unit.Name, statusVI[u.Status], submitted, late, u.ReportName, u.Comment})
	}
	var dims [][]any
	for _, r := range c.dimensionRows() {
		row := make([]any, len(r))
		for i, v := range r {
			row[i] = v
		}
		dims = append(dims, row)
	}
	var idx [][]any
	for _, group := range [][]org.Kind{{org.KindAgency, org.KindHomeAffairs}, {org.KindCommune}} {
		for i, r := range ranked(c.Rows, group...) {
			var prev, change any = "", ""
			if r.Previous.Known {
				prev = r.Previous.Total
			}
			if d, ok := r.Trend(); ok {
				change = d
			}
			idx = append(idx, []any{string(r.Unit.Kind), i + 1, r.Unit.Code, r.Unit.Name, r.Index.Total, prev, change})
		}
	}
	var prog [][]any
	for _, r := range c.Rows {
		prog = append(prog, []any{r.Unit.Code, r.Unit.Name, r.Progress.Total, r.Progress.Done, r.Progress.Submitted, r.Progress.Returned, r.Progress.Overdue})
	}
	return []report.Sheet{
		{Name: "Tình hình báo cáo", Title: "Tình hình gửi báo cáo " + c.Span.Label(), Header: []string{"Mã đơn vị", "Đơn vị", "Trạng thái", "Ngày gửi", "Chậm", "Báo cáo", "Ý kiến"}, Rows: units},
		{Name: "Theo chỉ số", Title: "Kết quả theo chỉ số nội dung " + c.Span.Label(), Header: []string{"Chỉ số nội dung", "Lượt đến hạn", "Hoàn thành", "Tỷ lệ", "Quá hạn", "Điểm PAPI", "Cách điểm cao nhất"}, Rows: dims},
		{Name: "Tiến độ đơn vị", Title: "Tiến độ kế hoạch của từng đơn vị", Header: []string{"Mã đơn vị", "Đơn vị", "Lượt nhiệm vụ", "Hoàn thành", "Chờ xem xét", "Trả lại", "Quá hạn"}, Rows: prog},
		{Name: "Chỉ số 766", Title: "Chỉ số phục vụ người dân, doanh nghiệp " + c.Span.Label(), Header: []string{"Loại", "Hạng", "Mã đơn vị", "Đơn vị", "Điểm", "Kỳ trước", "Thay đổi"}, Rows: idx, NumberFormats: []string{"", "", "", "", "0.00", "0.00", "+0.00;-0.00;0"}},
	}
}

var statusVI = map[Status]string{Pending: "Chưa gửi", Submitted: "Đã gửi", Returned: "Trả lại", Accepted: "Đã chấp nhận"}

func roman(n int) string {
	r := []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
	if n < len(r) {
		return r[n]
	}
	return fmt.Sprint(n)
}

// IssueConsolidated builds round's report in format (docx or xlsx) and
// keeps it in the register of issued reports under Home Affairs.
func (s *Store) IssueConsolidated(ctx context.Context, actor audit.Actor, round Round, format, number string, signer report.Signature) (report.Issued, error) {
	if format != "docx" && format != "xlsx" {
		return report.Issued{}, web.Invalid("format", "province.report.format.invalid")
	}
	errs := web.FieldErrors{}
	errs.Within("number", number, web.MaxCode)
	errs.Within("authority", signer.Authority, web.MaxShort)
	errs.Within("signer_title", signer.Title, web.MaxShort)
	errs.Within("signer_name", signer.Name, web.MaxShort)
	if errs.Any() {
		return report.Issued{}, &web.ValidationError{Fields: errs}
	}
	c, err := s.BuildConsolidated(ctx, round)
	if err != nil {
		return report.Issued{}, err
	}
	var buf bytes.Buffer
	if format == "docx" {
		err = report.WriteDOCX(&buf, c.Document(number, s.now(), signer))
	} else {
		err = report.WriteXLSX(&buf, c.Sheets())
	}
	if err != nil {
		return report.Issued{}, fmt.Errorf("province: report: %w", err)
	}
	return s.reports.Issue(ctx, actor, report.Issued{Kind: ReportKind, SourceID: round.ID, UnitID: c.HomeAffairs.ID,
		Title:  "Báo cáo tổng hợp kết quả thực hiện kế hoạch nâng cao Chỉ số PAPI " + c.Span.Label(),
		Number: strings.TrimSpace(number) + "/" + symbol(c.HomeAffairs), Period: round.Period, Format: format,
		FileName: fmt.Sprintf("bao-cao-tong-hop-papi-%s.%s", round.Period, format)}, buf.Bytes())
}
