package legaldoc

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

// Register is what the legal documents register offers the plan: the
// measures of D2's task "review the sector's legal documents and publish
// each year the list of those that expired", the deadline of that list,
// and a section of the periodic report.
type Register struct {
	store   *Store
	reports *report.Register
}

// NewRegister returns the register's offer read from s and the register of
// issued reports.
func NewRegister(s *Store, reports *report.Register) Register {
	return Register{store: s, reports: reports}
}

// Codes of the measures.
const (
	MeasureReviewed      = "legaldoc.reviewed"
	MeasureReviewedShare = "legaldoc.reviewed_share"
	MeasureListPublished = "legaldoc.expired_list_published"
)

// Measures lists the register's measures.
func (Register) Measures() []registers.Measure {
	return []registers.Measure{
		{Code: MeasureReviewed, Name: "Số văn bản QPPL được rà soát trong kỳ", NameEN: "Legal documents reviewed in the period", Unit: "văn bản", Dimension: "D2"},
		{Code: MeasureReviewedShare, Name: "Tỷ lệ văn bản QPPL còn hiệu lực được rà soát trong kỳ", NameEN: "Share of legal documents in force reviewed in the period", Share: true, Dimension: "D2"},
		{Code: MeasureListPublished, Name: "Số danh mục văn bản hết hiệu lực đã ban hành trong kỳ", NameEN: "Lists of expired documents issued in the period", Unit: "danh mục", Dimension: "D2"},
	}
}

// Figure computes a measure for scope over from..to.
func (m Register) Figure(ctx context.Context, code string, scope registers.Scope, from, to time.Time) (registers.Figure, error) {
	link := "/legal/overview?" + url.Values{"unit": {strconv.FormatInt(scope.UnitID, 10)}}.Encode()
	switch code {
	case MeasureReviewed:
		n, _, err := m.store.reviewedApplying(ctx, scope.UnitPath, from, to)
		return registers.Figure{Value: float64(n), Note: "Số văn bản có ít nhất một lần rà soát trong kỳ", Link: link}, err
	case MeasureReviewedShare:
		_, num, err := m.store.reviewedApplying(ctx, scope.UnitPath, from, to)
		if err != nil {
			return registers.Figure{}, err
		}
		counts, err := m.store.Counts(ctx, scope.UnitPath, to)
		if err != nil {
			return registers.Figure{}, err
		}
		den := counts[InForce] + counts[PartlyExpired] + counts[Suspended]
		f := registers.Figure{Num: float64(num), Den: float64(den), NA: den == 0, Link: link,
			Note: "Văn bản còn hiệu lực ngày " + vn.FormatDate(to) + " đã được rà soát trong kỳ"}
		if den > 0 {
			f.Value = float64(num) / float64(den)
		}
		return f, nil
	case MeasureListPublished:
		lists, err := m.issuedLists(ctx, scope.UnitPath)
		if err != nil {
			return registers.Figure{}, err
		}
		n := 0
		for _, l := range lists {
			if !day(l.IssuedOn).Before(day(from)) && !day(l.IssuedOn).After(day(to)) {
				n++
			}
		}
		return registers.Figure{Value: float64(n), Note: "Danh mục văn bản hết hiệu lực đã ban hành và lưu vào sổ báo cáo", Link: "/reports?kind=" + KindExpiredList}, nil
	}
	return registers.Figure{}, registers.ErrUnknownMeasure
}

// issuedLists are the yearly lists the units of scope issued.
func (m Register) issuedLists(ctx context.Context, scope string) ([]report.Issued, error) {
	if m.reports == nil {
		return nil, nil
	}
	out, _, err := m.reports.List(ctx, report.RegisterFilter{Kind: KindExpiredList, Scopes: []string{scope}, PerPage: 500})
	return out, err
}

// reviewedApplying counts the documents of scope reviewed in from..to, and
// among them those that apply on to.
func (s *Store) reviewedApplying(ctx context.Context, scope string, from, to time.Time) (reviewed, applying int, err error) {
	cond, _ := statusCondition("applies", "$4")
	err = s.db.Heavy(ctx).QueryRowContext(ctx, `
SELECT COUNT(*), COALESCE(SUM(CASE WHEN `+cond+` THEN 1 ELSE 0 END), 0) FROM legal_documents d
WHERE d.unit_id IN (SELECT id FROM units WHERE path LIKE $1 ESCAPE '\')
	AND EXISTS (SELECT 1 FROM legal_reviews v WHERE v.document_id = d.id AND v.reviewed_on >= $2 AND v.reviewed_on <= $3)`,
		escapeLike(scope)+"%", fmtDay(from), fmtDay(to), fmtDay(to)).Scan(&reviewed, &applying)
	return reviewed, applying, err
}

// ReviewCounts counts the documents of scope reviewed in from..to by the
// finding of their latest review in the span.
func (s *Store) ReviewCounts(ctx context.Context, scope string, from, to time.Time) (map[Finding]int, error) {
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, `
SELECT v.finding, COUNT(*) FROM legal_reviews v
WHERE v.unit_id IN (SELECT id FROM units WHERE path LIKE $1 ESCAPE '\') AND v.reviewed_on >= $2 AND v.reviewed_on <= $3
	AND NOT EXISTS (SELECT 1 FROM legal_reviews w WHERE w.document_id = v.document_id AND w.reviewed_on >= $2 AND w.reviewed_on <= $3
		AND (w.reviewed_on > v.reviewed_on OR (w.reviewed_on = v.reviewed_on AND w.id > v.id)))
GROUP BY v.finding`, escapeLike(scope)+"%", fmtDay(from), fmtDay(to))
	if err != nil {
		return nil, fmt.Errorf("legaldoc: review counts: %w", err)
	}
	defer rows.Close()
	out := map[Finding]int{}
	for rows.Next() {
		var f string
		var n int
		if err := rows.Scan(&f, &n); err != nil {
			return nil, err
		}
		out[Finding(f)] = n
	}
	return out, rows.Err()
}

// expiredCounts counts the documents of scope that ended wholly, and the
// partial ends, in from..to.
func (s *Store) expiredCounts(ctx context.Context, scope string, from, to time.Time) (full, partial int, err error) {
	pattern := escapeLike(scope) + "%"
	if err = s.db.Heavy(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM legal_documents d WHERE d.unit_id IN (SELECT id FROM units WHERE path LIKE $1 ESCAPE '\')
	AND d.expired_on >= $2 AND d.expired_on <= $3`, pattern, fmtDay(from), fmtDay(to)).Scan(&full); err != nil {
		return
	}
	err = s.db.Heavy(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM legal_relations r JOIN legal_documents t ON t.id = r.target_id
WHERE r.unit_id IN (SELECT id FROM units WHERE path LIKE $1 ESCAPE '\') AND r.effective_on >= $2 AND r.effective_on <= $3
	AND (r.kind = 'partly_expires' OR (r.kind IN ('replaces', 'repeals') AND r.provisions <> ''))
	AND (t.expired_on = '' OR t.expired_on > r.effective_on)`, pattern, fmtDay(from), fmtDay(to)).Scan(&partial)
	return
}

// Sections writes the D2 part of the periodic report: reviews, what ended,
// what applies, and whether last year's list was issued. A scope without a
// register gets no section.
func (m Register) Sections(ctx context.Context, scope registers.Scope, from, to time.Time) ([]registers.Section, error) {
	counts, err := m.store.Counts(ctx, scope.UnitPath, to)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return nil, nil
	}
	reviews, err := m.store.ReviewCounts(ctx, scope.UnitPath, from, to)
	if err != nil {
		return nil, err
	}
	full, partial, err := m.store.expiredCounts(ctx, scope.UnitPath, from, to)
	if err != nil {
		return nil, err
	}
	pending, err := m.store.Proposals(ctx, ProposalFilter{Scope: scope.UnitPath, On: to})
	if err != nil {
		return nil, err
	}
	reviewed := reviews[Keep] + reviews[Amend] + reviews[Replace] + reviews[Repeal]
	applying := counts[InForce] + counts[PartlyExpired] + counts[Suspended]
	listYear := to.Year() - 1
	listLine := fmt.Sprintf("Danh mục văn bản hết hiệu lực năm %d chưa được ban hành (hạn %s).", listYear, vn.FormatDate(DueDate(listYear)))
	lists, err := m.issuedLists(ctx, scope.UnitPath)
	if err != nil {
		return nil, err
	}
	for _, l := range lists {
		if l.Period == strconv.Itoa(listYear) {
			listLine = fmt.Sprintf("Đã ban hành Danh mục văn bản hết hiệu lực năm %d (số %s, ngày %s).", listYear, l.Number, vn.FormatDate(l.IssuedOn))
			break
		}
	}
	body := []report.Block{
		report.Paragraph{Text: fmt.Sprintf("Trong kỳ đã rà soát %d văn bản quy phạm pháp luật: giữ nguyên %d, kiến nghị sửa đổi, bổ sung %d, thay thế %d, bãi bỏ %d; còn %d kiến nghị chưa được xử lý.",
			reviewed, reviews[Keep], reviews[Amend], reviews[Replace], reviews[Repeal], len(pending))},
		report.Paragraph{Text: fmt.Sprintf("Trong kỳ có %d văn bản hết hiệu lực toàn bộ và %d lượt văn bản hết hiệu lực một phần; đến ngày %s có %d văn bản còn hiệu lực (trong đó %d hết hiệu lực một phần, %d đang ngưng hiệu lực).",
			full, partial, vn.FormatDate(to), applying, counts[PartlyExpired], counts[Suspended])},
		report.Paragraph{Text: listLine},
	}
	sheet := &report.Sheet{Name: "Văn bản QPPL", Header: []string{"Chỉ tiêu", "Số"}, Rows: [][]any{
		{"Văn bản được rà soát trong kỳ", reviewed}, {"— giữ nguyên", reviews[Keep]}, {"— kiến nghị sửa đổi, bổ sung", reviews[Amend]},
		{"— kiến nghị thay thế", reviews[Replace]}, {"— kiến nghị bãi bỏ", reviews[Repeal]}, {"Kiến nghị chưa được xử lý", len(pending)},
		{"Hết hiệu lực toàn bộ trong kỳ", full}, {"Hết hiệu lực một phần trong kỳ", partial}, {"Còn hiệu lực cuối kỳ", applying},
	}}
	return []registers.Section{{Dimension: "D2", Heading: "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", Body: body, Sheet: sheet}}, nil
}

// Agenda lists, for those who issue a unit's lists, last year's list of
// expired documents while it is not issued: due on 31 January, overdue
// after.
func (m Register) Agenda(ctx context.Context, user *org.User, today time.Time, days int) ([]registers.Item, error) {
	if !user.CanAnywhere(org.ActApprove) {
		return nil, nil
	}
	year := day(today).Year() - 1
	due := DueDate(year)
	if due.After(day(today).AddDate(0, 0, days)) {
		return nil, nil
	}
	units, err := m.store.registerUnits(ctx, user.UnitPath)
	if err != nil {
		return nil, err
	}
	lists, err := m.issuedLists(ctx, user.UnitPath)
	if err != nil {
		return nil, err
	}
	issued := map[int64]bool{}
	for _, l := range lists {
		if l.Period == strconv.Itoa(year) {
			issued[l.UnitID] = true
		}
	}
	var out []registers.Item
	for _, u := range units {
		if issued[u.ID] || !user.Can(org.ActApprove, u.Path) {
			continue
		}
		out = append(out, registers.Item{Kind: "Văn bản QPPL", Title: fmt.Sprintf("Ban hành Danh mục văn bản hết hiệu lực năm %d", year),
			UnitName: u.Name, Due: due, Overdue: day(today).After(due), State: "Chưa ban hành",
			Link: "/legal/expired?" + url.Values{"unit": {strconv.FormatInt(u.ID, 10)}, "year": {strconv.Itoa(year)}}.Encode()})
	}
	return out, nil
}

// registerUnits lists the units under scope that keep a register.
func (s *Store) registerUnits(ctx context.Context, scope string) ([]Unit, error) {
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, unitColumns+`WHERE u.path LIKE $1 ESCAPE '\' AND EXISTS (SELECT 1 FROM legal_documents d WHERE d.unit_id = u.id) ORDER BY u.path`,
		escapeLike(scope)+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.ShortName, &u.Path, &u.ParentName); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
