package reception

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"papihub/internal/platform/period"
	"papihub/internal/platform/vn"
	"papihub/internal/report"
)

// KindReport is the kind of the periodic reception report in the register
// of issued reports.
const KindReport = "reception"

// Report is the periodic report on citizen reception and the handling of
// complaints, denunciations, petitions and reflections of a unit (its
// subtree included) for a period.
type Report struct {
	Unit     Unit
	Span     period.Span
	From, To time.Time
	Figures  Figures
	// ByKind are the case figures of each kind, for the table.
	ByKind   map[Kind]Figures
	Sessions []Session
	Logbook  []Entry // the period's rows of the logbook, masked
}

// Report gathers the figures of unit over span.
func (s *Store) Report(ctx context.Context, unit Unit, span period.Span) (Report, error) {
	from, to := Day(span.From.Year(), span.From.Month(), span.From.Day()), Day(span.To.Year(), span.To.Month(), span.To.Day())
	r := Report{Unit: unit, Span: span, From: from, To: to, ByKind: map[Kind]Figures{}}
	var err error
	if r.Figures, err = s.Figures(ctx, unit.Path, from, to, false); err != nil {
		return r, err
	}
	for _, k := range Kinds {
		if r.ByKind[k], err = s.kindFigures(ctx, unit.Path, k, from, to); err != nil {
			return r, err
		}
	}
	if r.Sessions, err = s.Sessions(ctx, unit.Path, from, to); err != nil {
		return r, err
	}
	for page := 1; ; page++ {
		entries, more, err := s.Entries(ctx, EntryFilter{Scope: unit.Path, From: from, To: to, Page: page, PerPage: 500})
		if err != nil {
			return r, err
		}
		r.Logbook = append(r.Logbook, entries...)
		if !more {
			break
		}
	}
	return r, nil
}

// kindFigures are the case figures of one kind.
func (s *Store) kindFigures(ctx context.Context, scope string, k Kind, from, to time.Time) (Figures, error) {
	var f Figures
	err := s.db.R.QueryRowContext(ctx, `SELECT
	COALESCE(SUM(CASE WHEN status IN ('withdrawn', 'transferred') THEN 0 ELSE 1 END), 0),
	COALESCE(SUM(CASE WHEN status NOT IN ('withdrawn', 'transferred') AND decided_on <> '' AND decided_on <= $4 AND decided_on <= due_on THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN status NOT IN ('withdrawn', 'transferred') AND decided_on <> '' AND decided_on <= $4 AND decided_on > due_on THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN status NOT IN ('withdrawn', 'transferred') AND (decided_on = '' OR decided_on > $4) AND due_on < $4 THEN 1 ELSE 0 END), 0)
FROM reception_cases WHERE `+inScope("unit_id", 1)+` AND kind = $2 AND due_on >= $3 AND due_on <= $4`, escapeLike(scope)+"%", string(k), fmtDay(from), fmtDay(to)).
		Scan(&f.Due, &f.OnTime, &f.Late, &f.Overdue)
	if err != nil {
		return f, fmt.Errorf("reception: figures of %s: %w", k, err)
	}
	return f, nil
}

// kindNames are the kinds as the report words them.
var kindNames = map[Kind]string{Complaint: "Khiếu nại", Denunciation: "Tố cáo", Petition: "Kiến nghị", Reflection: "Phản ánh"}

// Issue says how a report is signed.
type Issue struct {
	Number      string
	SignerTitle string
	SignerName  string
	Date        time.Time
}

// Document lays the report out in the Decree 30/2020 layout: what was
// received, how it was handled, the deadlines kept, the schedule kept.
func (r Report) Document(is Issue) report.Document {
	f := r.Figures
	title := is.SignerTitle
	if title == "" {
		title = "GIÁM ĐỐC"
	}
	subject := "Kết quả công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh " + r.Span.Label()
	head := 0
	for _, s := range r.Sessions {
		if s.Head {
			head++
		}
	}
	table := report.Table{Header: []string{"Loại", "Tiếp nhận", "Đến hạn giải quyết", "Đúng hạn", "Trễ hạn", "Quá hạn chưa giải quyết"},
		ColumnWidths: []float64{2, 1, 1.3, 1, 1, 1.5}, NumericColumns: []int{1, 2, 3, 4, 5}}
	for _, k := range Kinds {
		kf := r.ByKind[k]
		table.Rows = append(table.Rows, []string{kindNames[k], fmt.Sprint(f.ByKind[k]), fmt.Sprint(kf.Due), fmt.Sprint(kf.OnTime), fmt.Sprint(kf.Late), fmt.Sprint(kf.Overdue)})
	}
	table.Rows = append(table.Rows, []string{"Tổng số", fmt.Sprint(f.Entries), fmt.Sprint(f.Due), fmt.Sprint(f.OnTime), fmt.Sprint(f.Late), fmt.Sprint(f.Overdue)})
	return report.Document{
		ParentBody: strings.ToUpper(r.Unit.ParentName),
		Issuer:     strings.ToUpper(r.Unit.Name),
		Number:     strings.TrimSpace(is.Number) + "/BC",
		Place:      placeOf(r.Unit),
		Date:       is.Date,
		Kind:       "BÁO CÁO",
		Subject:    subject,
		Body: []report.Block{
			report.Heading{Level: 1, Number: "I", Text: "TÌNH HÌNH TIẾP CÔNG DÂN, TIẾP NHẬN ĐƠN"},
			report.Paragraph{Text: fmt.Sprintf("Từ ngày %s đến ngày %s, %s đã tiếp nhận %d lượt đơn, tiếp %d lượt người; tổ chức %d buổi tiếp công dân, trong đó người đứng đầu trực tiếp tiếp %d buổi.",
				vn.FormatDate(r.From), vn.FormatDate(r.To), r.Unit.Name, f.Entries, f.People, len(r.Sessions), head)},
			report.Heading{Level: 1, Number: "II", Text: "KẾT QUẢ XỬ LÝ ĐƠN"},
			report.Paragraph{Text: fmt.Sprintf("Thụ lý giải quyết %d; hướng dẫn, trả lại đơn %d; chuyển đơn đến cơ quan có thẩm quyền %d; đơn trùng lặp %d; lưu đơn (tố cáo nặc danh) %d; chưa xử lý %d.",
				f.Accepted, f.Guided, f.Transferred, f.Linked, f.Stored, f.Pending)},
			report.Heading{Level: 1, Number: "III", Text: "KẾT QUẢ GIẢI QUYẾT"},
			report.Paragraph{Text: fmt.Sprintf("Trong kỳ có %d vụ việc đến hạn giải quyết: giải quyết đúng hạn %d, trễ hạn %d, quá hạn chưa giải quyết %d; %d vụ việc rút đơn hoặc chuyển cơ quan khác không tính hạn.",
				f.Due, f.OnTime, f.Late, f.Overdue, f.Ended)},
			table,
		},
		Recipients: []string{"Thanh tra tỉnh", "Lãnh đạo " + r.Unit.Name, "Lưu: VT"},
		Signature:  report.Signature{Title: strings.ToUpper(title), Name: is.SignerName},
	}
}

// logbookHeader is form 03's columns (Circular 04/2021/TT-TTCP).
var logbookHeader = []string{"STT", "Ngày tiếp", "Họ tên, địa chỉ", "Số giấy tờ", "Nội dung vụ việc", "Phân loại, số người", "Cơ quan đã giải quyết",
	"Hướng xử lý", "Theo dõi kết quả", "Ghi chú"}

// Sheets is the report as a workbook: the figures, and the period's rows
// of the logbook in the columns of form 03, names masked and a denouncer's
// not shown at all.
func (r Report) Sheets() []report.Sheet {
	f := r.Figures
	figures := report.Sheet{Name: "Số liệu", Title: "Tiếp công dân, xử lý đơn " + r.Span.Label() + " — " + r.Unit.Name,
		Header: []string{"Chỉ tiêu", "Số"}, Rows: [][]any{
			{"Lượt đơn tiếp nhận", f.Entries}, {"Lượt người", f.People}, {"Buổi tiếp công dân", len(r.Sessions)},
			{"Thụ lý giải quyết", f.Accepted}, {"Hướng dẫn, trả lại đơn", f.Guided}, {"Chuyển đơn", f.Transferred}, {"Đơn trùng", f.Linked},
			{"Lưu đơn", f.Stored}, {"Chưa xử lý", f.Pending}, {"Vụ việc đến hạn", f.Due}, {"Đúng hạn", f.OnTime}, {"Trễ hạn", f.Late},
			{"Quá hạn chưa giải quyết", f.Overdue}, {"Rút đơn, chuyển (không tính hạn)", f.Ended}}}
	for _, k := range Kinds {
		figures.Rows = append(figures.Rows, []any{kindNames[k], f.ByKind[k]})
	}
	return []report.Sheet{figures, r.LogbookSheet()}
}

// logbookRows are the period's rows of the logbook in the columns of form
// 03, as the list shows the person: masked, and for a denunciation only
// the mark that the denouncer is kept secret.
func (r Report) logbookRows() [][]string {
	rows := make([][]string, 0, len(r.Logbook))
	for _, e := range r.inOrder() {
		handling := kindHandling[e.Handling]
		if e.HandlingTo != "" {
			handling += ": " + e.HandlingTo
		}
		if e.HandlingLetter != "" {
			handling += " (" + e.HandlingLetter + ")"
		}
		rows = append(rows, []string{e.Number(), vn.FormatDate(e.ReceivedOn), e.ShownName(), e.IDMasked, e.Summary,
			fmt.Sprintf("%s, %d người", kindNames[e.Kind], e.People), e.PriorAgency, handling, e.FollowUp, e.Note})
	}
	return rows
}

// inOrder is the period's rows as a book holds them: by number (the list
// shows the latest first).
func (r Report) inOrder() []Entry {
	return slices.SortedStableFunc(slices.Values(r.Logbook), func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Seq, b.Seq), cmp.Compare(a.UnitID, b.UnitID))
	})
}

// LogbookSheet is the logbook of the period as a worksheet in the columns
// of form 03.
func (r Report) LogbookSheet() report.Sheet {
	sheet := report.Sheet{Name: "Sổ tiếp công dân", Title: "Sổ tiếp công dân (mẫu 03) " + r.Span.Label() + " — " + r.Unit.Name, Header: logbookHeader}
	ordered := r.inOrder()
	for i, row := range r.logbookRows() {
		cells := make([]any, len(row))
		for j, c := range row {
			cells[j] = c
		}
		cells[1] = ordered[i].ReceivedOn // a date cell, not text
		sheet.Rows = append(sheet.Rows, cells)
	}
	return sheet
}

// Form03 is the logbook of the period as the printable form 03 (Sổ tiếp
// công dân, Circular 04/2021/TT-TTCP), in the report kit's layout: DOCX,
// and PDF laid out from the same DOCX.
func (r Report) Form03(is Issue) report.Document {
	title := is.SignerTitle
	if title == "" {
		title = "THỦ TRƯỞNG CƠ QUAN"
	}
	table := report.Table{Header: logbookHeader, Rows: r.logbookRows(), ColumnWidths: []float64{0.9, 1.3, 1.5, 1.3, 2.3, 1.2, 1.1, 1.6, 1.1, 1}}
	body := []report.Block{
		report.Paragraph{Text: fmt.Sprintf("Từ ngày %s đến ngày %s: %d lượt tiếp, tiếp nhận đơn. Họ tên, địa chỉ và số giấy tờ của người đến được che bớt; của người tố cáo được giữ bí mật theo Luật Tố cáo 2018.",
			vn.FormatDate(r.From), vn.FormatDate(r.To), len(r.Logbook))},
		table,
	}
	return report.Document{
		ParentBody: strings.ToUpper(r.Unit.ParentName),
		Issuer:     strings.ToUpper(r.Unit.Name),
		Number:     strings.TrimSpace(is.Number) + "/STCD",
		Place:      placeOf(r.Unit),
		Date:       is.Date,
		Kind:       "SỔ TIẾP CÔNG DÂN",
		Subject:    "Mẫu số 03 ban hành kèm theo Thông tư số 04/2021/TT-TTCP, " + r.Span.Label(),
		Body:       body,
		Recipients: []string{"Lưu: VT"},
		Signature:  report.Signature{Title: strings.ToUpper(title), Name: is.SignerName},
	}
}

var kindHandling = map[Handling]string{Pending: "Chưa xử lý", Accepted: "Thụ lý giải quyết", Guided: "Hướng dẫn, trả lại đơn",
	Transferred: "Chuyển đơn", Linked: "Trùng vụ việc đang giải quyết", Stored: "Lưu đơn"}

// placeOf is the place of the date line: the province in the parent body's
// name ("UBND tỉnh Hưng Yên" → "Hưng Yên").
func placeOf(u Unit) string {
	for _, name := range []string{u.ParentName, u.Name} {
		if i := strings.LastIndex(strings.ToLower(name), "tỉnh "); i >= 0 {
			return strings.TrimSpace(name[i+len("tỉnh "):])
		}
	}
	return ""
}
