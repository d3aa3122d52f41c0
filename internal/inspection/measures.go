package inspection

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/registers"
	"papihub/internal/report"
)

// Register is what the inspection register offers the plan: the measures
// of D4's tasks (periodic and unannounced checks; follow-up of conclusions
// with strict handling of late remediation), the deadlines that fall on
// people, and a section of the periodic report.
type Register struct {
	store *Store
}

// NewRegister returns the register's offer read from s.
func NewRegister(s *Store) Register { return Register{store: s} }

// Codes of the measures.
const (
	MeasureChecksDone       = "inspection.checks_done_share"
	MeasureChecks           = "inspection.checks_done"
	MeasureRecsOnTime       = "inspection.recommendations_on_time_share"
	MeasureRecsOverdue      = "inspection.recommendations_overdue"
	MeasureRecovered        = "inspection.recovered_share"
	MeasureDirectivesOnTime = "inspection.directives_on_time_share"
)

// Measures lists the register's measures.
func (Register) Measures() []registers.Measure {
	return []registers.Measure{
		{Code: MeasureChecksDone, Name: "Tỷ lệ cuộc kiểm tra theo kế hoạch đã thực hiện trong kỳ", NameEN: "Share of the planned checks of the period done", Share: true, Dimension: "D4"},
		{Code: MeasureChecks, Name: "Số cuộc kiểm tra đã thực hiện trong kỳ (định kỳ và đột xuất)", NameEN: "Checks done in the period (periodic and unannounced)", Unit: "cuộc", Dimension: "D4"},
		{Code: MeasureRecsOnTime, Name: "Tỷ lệ kiến nghị đến hạn trong kỳ được hoàn thành đúng hạn", NameEN: "Share of the recommendations due in the period done on time", Share: true, Dimension: "D4"},
		{Code: MeasureRecsOverdue, Name: "Số kiến nghị quá hạn chưa hoàn thành cuối kỳ", NameEN: "Recommendations overdue at the end of the period", Unit: "kiến nghị", Dimension: "D4"},
		{Code: MeasureRecovered, Name: "Tỷ lệ số tiền kiến nghị thu hồi đã thu hồi", NameEN: "Share of the amounts to recover recovered", Share: true, Dimension: "D4"},
		{Code: MeasureDirectivesOnTime, Name: "Tỷ lệ kết luận nhận trong kỳ có văn bản chỉ đạo trong 15 ngày", NameEN: "Share of the conclusions received in the period with a directive within 15 days", Share: true, Dimension: "D4"},
	}
}

// share is a Figure for num out of den.
func share(num, den int64, note, link string) registers.Figure {
	f := registers.Figure{Num: float64(num), Den: float64(den), NA: den == 0, Note: note, Link: link}
	if den > 0 {
		f.Value = float64(num) / float64(den)
	}
	return f
}

// Figure computes a measure for scope over from..to.
func (m Register) Figure(ctx context.Context, code string, scope registers.Scope, from, to time.Time) (registers.Figure, error) {
	unit := url.Values{"unit": {strconv.FormatInt(scope.UnitID, 10)}}.Encode()
	from, to = day(from), day(to)
	switch code {
	case MeasureChecksDone, MeasureChecks:
		c, err := m.store.CountChecks(ctx, scope.UnitPath, from, to)
		if err != nil {
			return registers.Figure{}, err
		}
		link := "/inspection/checks?" + unit + "&year=" + strconv.Itoa(to.Year())
		if code == MeasureChecks {
			done, err := m.store.checksDone(ctx, scope.UnitPath, from, to)
			return registers.Figure{Value: float64(done), Note: "Cuộc kiểm tra kết thúc trong kỳ", Link: link}, err
		}
		return share(int64(c.PlannedDone), int64(c.Planned), "Cuộc kiểm tra định kỳ dự kiến bắt đầu trong kỳ đã kết thúc đến cuối kỳ", link), nil
	case MeasureRecsOnTime:
		done, due, err := m.store.dueInSpan(ctx, scope.UnitPath, from, to)
		return share(done, due, "Kiến nghị có thời hạn trong kỳ đã hoàn thành không muộn hơn thời hạn", "/inspection/overdue?"+unit+"&status=strict"), err
	case MeasureRecsOverdue:
		n, err := m.store.overdueAt(ctx, scope.UnitPath, to)
		return registers.Figure{Value: float64(n), Note: "Kiến nghị quá thời hạn mà đến " + vn.FormatDate(to) + " chưa hoàn thành", Link: "/inspection/overdue?" + unit}, err
	case MeasureRecovered:
		due, recovered, err := m.store.amounts(ctx, scope.UnitPath, to)
		return share(recovered, due, "Số tiền đã thu hồi trên số tiền kiến nghị thu hồi của các kết luận đến "+vn.FormatDate(to), "/inspection?"+unit), err
	case MeasureDirectivesOnTime:
		f, err := m.store.FollowUp(ctx, Unit{ID: scope.UnitID, Path: scope.UnitPath}, from, to)
		if err != nil {
			return registers.Figure{}, err
		}
		n := f.Directives[DirectiveOnTime] + f.Directives[DirectiveLate] + f.Directives[DirectiveOverdue]
		return share(int64(f.Directives[DirectiveOnTime]), int64(n), "Kết luận nhận trong kỳ đã đến hạn chỉ đạo (15 ngày kể từ ngày nhận)", "/inspection?"+unit), nil
	}
	return registers.Figure{}, registers.ErrUnknownMeasure
}

// checksDone counts the checks of scope that ended in from..to.
func (s *Store) checksDone(ctx context.Context, scope string, from, to time.Time) (int, error) {
	var n int
	err := s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM inspection_checks k WHERE `+inScope("k.unit_id", "$1")+` AND k.done_on >= $2 AND k.done_on <= $3`,
		escapeLike(scope)+"%", fmtDay(from), fmtDay(to)).Scan(&n)
	return n, err
}

// dueInSpan counts the recommendations of scope with a deadline in
// from..to, and those of them done by it.
func (s *Store) dueInSpan(ctx context.Context, scope string, from, to time.Time) (done, due int64, err error) {
	err = s.db.R.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN r.progress = 'done' AND r.done_on <= r.deadline THEN 1 ELSE 0 END), 0)
FROM inspection_recommendations r WHERE `+inScope("r.unit_id", "$1")+` AND r.deadline >= $2 AND r.deadline <= $3`,
		escapeLike(scope)+"%", fmtDay(from), fmtDay(to)).Scan(&due, &done)
	return done, due, err
}

// overdueAt counts the recommendations of scope past their deadline on
// day and not done by then (StatusAt).
func (s *Store) overdueAt(ctx context.Context, scope string, on time.Time) (int64, error) {
	var n int64
	err := s.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM inspection_recommendations r WHERE `+inScope("r.unit_id", "$1")+`
	AND r.issued_on <= $2 AND r.deadline < $2 AND (r.progress <> 'done' OR r.done_on > $2)`, escapeLike(scope)+"%", fmtDay(on)).Scan(&n)
	return n, err
}

// amounts sums the amounts due and recovered of the recommendations of
// conclusions of scope issued by day.
func (s *Store) amounts(ctx context.Context, scope string, on time.Time) (due, recovered int64, err error) {
	err = s.db.R.QueryRowContext(ctx, `SELECT COALESCE(SUM(r.amount_due), 0), COALESCE(SUM(r.amount_recovered), 0) FROM inspection_recommendations r
WHERE `+inScope("r.unit_id", "$1")+` AND r.issued_on <= $2`, escapeLike(scope)+"%", fmtDay(on)).Scan(&due, &recovered)
	return due, recovered, err
}

// Sections writes the D4 part of the periodic report: the checks of the
// period and the follow-up of conclusions. A scope with neither gets no
// section.
func (m Register) Sections(ctx context.Context, scope registers.Scope, from, to time.Time) ([]registers.Section, error) {
	unit, err := m.store.Unit(ctx, scope.UnitID)
	if err != nil {
		return nil, err
	}
	from, to = day(from), day(to)
	checks, err := m.store.CountChecks(ctx, scope.UnitPath, from, to)
	if err != nil {
		return nil, err
	}
	f, err := m.store.FollowUp(ctx, unit, from, to)
	if err != nil {
		return nil, err
	}
	if len(f.Rows) == 0 && checks.Planned == 0 && checks.Unannounced == 0 {
		return nil, nil
	}
	t := f.Total
	recovered := "—"
	if s, ok := t.Share(); ok {
		recovered = vn.FormatPercent(s*100, 1)
	}
	body := []report.Block{
		report.Paragraph{Text: fmt.Sprintf("Công tác kiểm tra: thực hiện %d/%d cuộc kiểm tra theo kế hoạch và %d cuộc kiểm tra đột xuất.",
			checks.PlannedDone, checks.Planned, checks.Unannounced)},
		report.Paragraph{Text: fmt.Sprintf("Theo dõi, đôn đốc thực hiện %d kết luận thanh tra, kiểm tra, kiểm toán với %d kiến nghị: đã hoàn thành %d (%d hoàn thành sau thời hạn), đang thực hiện %d, quá hạn chưa hoàn thành %d; %d kiến nghị tái phạm.",
			len(f.Rows), t.Recs, t.Done, t.Late, t.Open, t.Overdue, t.Repeats)},
		report.Paragraph{Text: fmt.Sprintf("Kiến nghị thu hồi %s đồng, đã thu hồi %s đồng (%s); kiến nghị xử lý %d tập thể, cá nhân, đã xử lý %d.",
			vn.FormatInt(t.AmountDue), vn.FormatInt(t.AmountRecovered), recovered, t.People, t.PeopleDone)},
	}
	if n := len(f.Strict); n > 0 {
		body = append(body, report.Paragraph{Text: fmt.Sprintf("Có %d kiến nghị quá hạn, hoàn thành muộn hoặc tái phạm cần xử lý nghiêm (danh sách kèm theo báo cáo theo dõi thực hiện kết luận).", n)})
	}
	sheet := &report.Sheet{Name: "Thanh tra, kiểm tra", Header: []string{"Chỉ tiêu", "Số"}, Rows: [][]any{
		{"Cuộc kiểm tra theo kế hoạch", checks.Planned}, {"— đã thực hiện", checks.PlannedDone}, {"Cuộc kiểm tra đột xuất", checks.Unannounced},
		{"Kết luận theo dõi", len(f.Rows)}, {"Kiến nghị", t.Recs}, {"— đã hoàn thành", t.Done}, {"— hoàn thành muộn", t.Late},
		{"— đang thực hiện", t.Open}, {"— quá hạn", t.Overdue}, {"— tái phạm", t.Repeats},
		{"Số tiền phải thu hồi (đồng)", t.AmountDue}, {"Số tiền đã thu hồi (đồng)", t.AmountRecovered},
	}}
	return []registers.Section{{Dimension: "D4", Heading: "Thanh tra, kiểm tra và theo dõi thực hiện kết luận", Body: body, Sheet: sheet}}, nil
}

// agendaLimit bounds the items one person's agenda takes from the register.
const agendaLimit = 200

// Agenda lists what falls on user: the recommendations their units carry
// out, due within days or overdue (reminded every day until done); for those
// who approve, the overdue recommendations of their subtree whoever carries
// them out (the escalation to the leader) and the head's directives not
// yet issued, due within days or overdue.
func (m Register) Agenda(ctx context.Context, user *org.User, today time.Time, days int) ([]registers.Item, error) {
	today = day(today)
	horizon := today.AddDate(0, 0, days)
	var out []registers.Item
	seen := map[int64]bool{}
	add := func(f RecFilter) error {
		f.PerPage = agendaLimit
		recs, _, err := m.store.Recommendations(ctx, f)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if seen[r.ID] || !r.Remind(today, days) || r.Deadline.After(horizon) {
				continue
			}
			seen[r.ID] = true
			st := r.StatusOn(today)
			out = append(out, registers.Item{Kind: "Kiến nghị " + r.Conclusion.Number, Title: r.Content, UnitName: r.ResponsibleName, Due: r.Deadline,
				Overdue: st == StatusOverdue, State: statusVI[st], Link: idURL("/inspection/recommendations/", r.ID)})
		}
		return nil
	}
	if user.CanAnywhere(org.ActWork) {
		if err := add(RecFilter{ResponsibleScope: user.UnitPath, Status: "open", DeadlineBy: horizon}); err != nil {
			return nil, err
		}
	}
	if !user.CanAnywhere(org.ActApprove) {
		return out, nil
	}
	if err := add(RecFilter{Scope: user.UnitPath, Status: string(StatusOverdue), On: today}); err != nil {
		return nil, err
	}
	pending, err := m.store.pendingDirectives(ctx, user.UnitPath)
	if err != nil {
		return nil, err
	}
	for _, c := range pending {
		due := DirectiveDue(c.Received())
		if due.After(horizon) {
			continue
		}
		out = append(out, registers.Item{Kind: "Kết luận thanh tra", Title: "Ban hành văn bản chỉ đạo thực hiện Kết luận " + c.Number, UnitName: c.UnitName,
			Due: due, Overdue: today.After(due), State: "Chưa ban hành", Link: idURL("/inspection/", c.ID)})
	}
	return out, nil
}

// statusVI words a status for the agenda.
var statusVI = map[Status]string{StatusNotStarted: "Chưa thực hiện", StatusInProgress: "Đang thực hiện", StatusPartlyDone: "Hoàn thành một phần",
	StatusDone: "Đã hoàn thành", StatusOverdue: "Quá hạn"}

// pendingDirectives lists the conclusions of scope whose directive is not
// recorded.
func (s *Store) pendingDirectives(ctx context.Context, scope string) ([]Conclusion, error) {
	rows, err := s.db.R.QueryContext(ctx, "SELECT "+conclusionColumns+conclusionFrom+" WHERE "+inScope("c.unit_id", "$1")+
		" AND c.directive_on = '' ORDER BY c.issued_on LIMIT 200", escapeLike(scope)+"%")
	if err != nil {
		return nil, fmt.Errorf("inspection: pending directives: %w", err)
	}
	defer rows.Close()
	var out []Conclusion
	for rows.Next() {
		c, err := scanConclusion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
