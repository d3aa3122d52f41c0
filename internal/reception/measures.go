package reception

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"papihub/internal/org"
	"papihub/internal/registers"
	"papihub/internal/report"
	"strings"
)

// Register is what the reception register offers the plan: the measures of
// D3's tasks (receive citizens, keep the logbook in the legal form, answer
// on time) and of the service index's feedback indicators, the deadlines
// of cases as agenda items, and the D3 section of the periodic report.
type Register struct {
	store *Store
}

// NewRegister returns the register's offer read from s.
func NewRegister(s *Store) Register { return Register{store: s} }

// Codes of the measures.
const (
	MeasureOnTime            = "reception.answered_on_time_share"
	MeasureFeedbackOnTime    = "reception.feedback_on_time_share"
	MeasureFeedbackSatisfied = "reception.feedback_satisfied_share"
	MeasureHeadSessions      = "reception.head_sessions"
	MeasureLogbookComplete   = "reception.logbook_complete_share"
)

// Measures lists the register's measures.
func (Register) Measures() []registers.Measure {
	return []registers.Measure{
		{Code: MeasureOnTime, Name: "Tỷ lệ vụ việc khiếu nại, tố cáo, kiến nghị, phản ánh giải quyết đúng hạn trong kỳ", NameEN: "Share of cases due in the period answered on time", Share: true, Dimension: "D3"},
		{Code: MeasureFeedbackOnTime, Name: "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn (chỉ số phục vụ)", NameEN: "Share of feedback handled on time (service index)", Share: true, Dimension: "D3"},
		{Code: MeasureFeedbackSatisfied, Name: "Tỷ lệ hài lòng với việc xử lý phản ánh, kiến nghị (chỉ số phục vụ)", NameEN: "Share of satisfied ratings of feedback handling (service index)", Share: true, Dimension: "D3"},
		{Code: MeasureHeadSessions, Name: "Số buổi người đứng đầu trực tiếp tiếp công dân trong kỳ", NameEN: "Reception sessions held by the head in the period", Unit: "buổi", Dimension: "D3"},
		{Code: MeasureLogbookComplete, Name: "Tỷ lệ lượt ghi sổ tiếp công dân đủ các cột theo mẫu", NameEN: "Share of logbook entries with every required field", Share: true, Dimension: "D3"},
	}
}

// share makes a figure of num over den; with nothing to count it is NA,
// or full marks when full is set (the service index gives full points to
// an agency without feedback in the period, domain §3).
func share(num, den int, full bool, note, link string) registers.Figure {
	f := registers.Figure{Num: float64(num), Den: float64(den), Note: note, Link: link}
	switch {
	case den > 0:
		f.Value = float64(num) / float64(den)
	case full:
		f.Value = 1
	default:
		f.NA = true
	}
	return f
}

// Figure computes a measure for scope over from..to.
func (m Register) Figure(ctx context.Context, code string, scope registers.Scope, from, to time.Time) (registers.Figure, error) {
	from, to = Day(from.Year(), from.Month(), from.Day()), Day(to.Year(), to.Month(), to.Day())
	link := "/reception/cases?" + url.Values{"unit": {strconv.FormatInt(scope.UnitID, 10)}, "show": {"all"}}.Encode()
	switch code {
	case MeasureOnTime:
		f, err := m.store.caseFigures(ctx, scope.UnitPath, from, to, false)
		if err != nil {
			return registers.Figure{}, err
		}
		return share(f.OnTime, f.Judged(), false, "Vụ việc đến hạn trong kỳ được giải quyết đúng hạn (quá hạn chưa giải quyết tính là trễ; chưa đến hạn thì chưa tính)", link), nil
	case MeasureFeedbackOnTime, MeasureFeedbackSatisfied:
		// The service index reads the same rows (FeedbackByUnit), unit by unit.
		rows, err := m.store.FeedbackByUnit(ctx, scope.UnitPath, from, to)
		if err != nil {
			return registers.Figure{}, err
		}
		f := SumFeedback(rows)
		if code == MeasureFeedbackOnTime {
			return share(f.OnTime, f.Judged, true, "Phản ánh, kiến nghị đến hạn trong kỳ được trả lời đúng hạn; không có thì đạt tối đa", link), nil
		}
		return share(f.Satisfied, f.Rated, true, "Đánh giá hài lòng trên số đánh giá của phản ánh, kiến nghị trả lời trong kỳ; không có thì đạt tối đa", link), nil
	case MeasureHeadSessions:
		sessions, err := m.store.Sessions(ctx, scope.UnitPath, from, to)
		if err != nil {
			return registers.Figure{}, err
		}
		n := 0
		for _, s := range sessions {
			if s.Head {
				n++
			}
		}
		return registers.Figure{Value: float64(n), Note: "Buổi tiếp công dân do người đứng đầu trực tiếp tiếp, theo lịch đã đăng",
			Link: "/reception/schedule?unit=" + strconv.FormatInt(scope.UnitID, 10)}, nil
	case MeasureLogbookComplete:
		num, den, err := m.store.completeEntries(ctx, scope.UnitPath, from, to)
		if err != nil {
			return registers.Figure{}, err
		}
		return share(num, den, false, "Lượt ghi sổ trong kỳ có đủ họ tên, địa chỉ (trừ đơn nặc danh), nội dung, phân loại, hướng xử lý và số văn bản khi chuyển, hướng dẫn",
			"/reception?unit="+strconv.FormatInt(scope.UnitID, 10)), nil
	}
	return registers.Figure{}, registers.ErrUnknownMeasure
}

// completeEntries counts the entries received in from..to with every
// column form 03 asks for, and all entries.
func (s *Store) completeEntries(ctx context.Context, scope string, from, to time.Time) (complete, all int, err error) {
	err = s.db.R.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN handling <> 'pending'
		AND (anonymous = 1 OR (name_sealed <> '' AND address_sealed <> ''))
		AND (handling NOT IN ('guided', 'transferred') OR (handling_to <> '' AND handling_letter <> ''))
		THEN 1 ELSE 0 END), 0), COUNT(*)
FROM reception_entries WHERE `+inScope("unit_id", 1)+` AND received_on >= $2 AND received_on <= $3`, escapeLike(scope)+"%", fmtDay(from), fmtDay(to)).Scan(&complete, &all)
	if err != nil {
		err = fmt.Errorf("reception: complete entries: %w", err)
	}
	return
}

// Sections writes the D3 part of the periodic report: reception, handling
// of entries, deadlines kept, and the head's sessions. A scope with no
// entry and no session in the period gets no section.
func (m Register) Sections(ctx context.Context, scope registers.Scope, from, to time.Time) ([]registers.Section, error) {
	from, to = Day(from.Year(), from.Month(), from.Day()), Day(to.Year(), to.Month(), to.Day())
	f, err := m.store.Figures(ctx, scope.UnitPath, from, to, false)
	if err != nil {
		return nil, err
	}
	sessions, err := m.store.Sessions(ctx, scope.UnitPath, from, to)
	if err != nil {
		return nil, err
	}
	if f.Entries == 0 && len(sessions) == 0 && f.Due == 0 {
		return nil, nil
	}
	head := 0
	for _, s := range sessions {
		if s.Head {
			head++
		}
	}
	missing := MonthsWithoutHead(sessions, from, to)
	body := []report.Block{
		report.Paragraph{Text: fmt.Sprintf("Trong kỳ tiếp nhận %d lượt đơn (khiếu nại %d, tố cáo %d, kiến nghị %d, phản ánh %d), tiếp %d lượt người; tổ chức %d buổi tiếp công dân, người đứng đầu trực tiếp tiếp %d buổi.",
			f.Entries, f.ByKind[Complaint], f.ByKind[Denunciation], f.ByKind[Petition], f.ByKind[Reflection], f.People, len(sessions), head)},
		report.Paragraph{Text: fmt.Sprintf("Thụ lý giải quyết %d, hướng dẫn %d, chuyển đơn %d; %d vụ việc đến hạn: đúng hạn %d, trễ hạn %d, quá hạn chưa giải quyết %d.",
			f.Accepted, f.Guided, f.Transferred, f.Due, f.OnTime, f.Late, f.Overdue)},
	}
	if len(missing) > 0 {
		months := ""
		for i, mo := range missing {
			if i > 0 {
				months += ", "
			}
			months += fmt.Sprintf("%d/%d", mo.Month(), mo.Year())
		}
		body = append(body, report.Paragraph{Text: "Người đứng đầu chưa trực tiếp tiếp công dân trong tháng " + months + "."})
	}
	sheet := &report.Sheet{Name: "Tiếp công dân", Header: []string{"Chỉ tiêu", "Số"}, Rows: [][]any{
		{"Lượt đơn tiếp nhận", f.Entries}, {"Lượt người", f.People}, {"Buổi tiếp công dân", len(sessions)}, {"— người đứng đầu tiếp", head},
		{"Thụ lý giải quyết", f.Accepted}, {"Hướng dẫn", f.Guided}, {"Chuyển đơn", f.Transferred},
		{"Vụ việc đến hạn", f.Due}, {"Đúng hạn", f.OnTime}, {"Trễ hạn", f.Late}, {"Quá hạn chưa giải quyết", f.Overdue},
	}}
	return []registers.Section{{Dimension: "D3", Heading: "Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh", Body: body, Sheet: sheet}}, nil
}

// Agenda lists the cases that fall on user: those assigned to them that
// are overdue or due by today+days; for those who approve in a unit, the
// unit's overdue cases too (so that an overdue case escalates to the
// leaders), and this month when the head has no session yet.
func (m Register) Agenda(ctx context.Context, user *org.User, today time.Time, days int) ([]registers.Item, error) {
	today = Day(today.Year(), today.Month(), today.Day())
	by := today.AddDate(0, 0, days)
	seen := map[int64]bool{}
	var out []registers.Item
	add := func(cs []Case) {
		for _, c := range cs {
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			out = append(out, registers.Item{Kind: "Vụ việc " + strings.ToLower(kindNames[c.Kind]), Title: fmt.Sprintf("Sổ số %d/%d: %s", c.Seq, c.Year, c.Summary),
				UnitName: c.UnitName, Due: c.Due, Overdue: today.After(c.Due), State: statusNames[c.Status],
				Link: "/reception/cases/" + strconv.FormatInt(c.ID, 10)})
		}
	}
	mine, _, err := m.store.Cases(ctx, CaseFilter{Scope: "/", HandlerID: user.ID, DueBy: by, PerPage: 200})
	if err != nil {
		return nil, err
	}
	add(mine)
	if user.CanAnywhere(org.ActApprove) {
		overdue, _, err := m.store.Cases(ctx, CaseFilter{Scope: user.UnitPath, DueBy: today.AddDate(0, 0, -1), PerPage: 200})
		if err != nil {
			return nil, err
		}
		add(overdue)
	}
	if user.HasRole(string(org.RoleLeader)) || user.HasRole(string(org.RoleFocal)) {
		item, err := m.headItem(ctx, user, today)
		if err != nil {
			return nil, err
		}
		if item != nil {
			out = append(out, *item)
		}
	}
	return out, nil
}

// headItem is "receive citizens this month" for the head's own unit, while
// the month has no session of the head; due on its last working day.
func (m Register) headItem(ctx context.Context, user *org.User, today time.Time) (*registers.Item, error) {
	first := Day(today.Year(), today.Month(), 1)
	last := first.AddDate(0, 1, -1)
	unit, err := m.store.Unit(ctx, user.UnitID)
	if err != nil {
		return nil, err
	}
	sessions, err := m.store.Sessions(ctx, unit.Path, first, last)
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		if s.Head && s.UnitID == unit.ID {
			return nil, nil
		}
	}
	return &registers.Item{Kind: "Tiếp công dân", Title: fmt.Sprintf("Người đứng đầu chưa có lịch tiếp công dân tháng %d/%d", today.Month(), today.Year()),
		UnitName: unit.Name, Due: last, State: "Chưa có lịch", Link: "/reception/schedule?unit=" + strconv.FormatInt(unit.ID, 10)}, nil
}

// statusNames are the statuses as the agenda words them.
var statusNames = map[Status]string{StAccepted: "Đã thụ lý", StAssigned: "Đã giao xử lý", StVerifying: "Đang xác minh", StDrafted: "Đã có dự thảo"}
