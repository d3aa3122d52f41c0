package legaldoc

import (
	"context"
	"fmt"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/report"
)

// SystemPeriod is the length of a systematisation period (hệ thống hóa):
// every five years, the cut-off being 31 December of the last year
// (Decree 79/2025/NĐ-CP, as domain §7 states it).
const SystemPeriod = 5

// Systematisation is a register's five-yearly lists at the cut-off: the
// documents in force, those that ended wholly or in part during the period,
// and those whose latest review proposes to amend, replace or repeal them.
type Systematisation struct {
	Unit     Unit
	From, To int // years, both included
	Cutoff   time.Time
	InForce  []Document
	Expired  []ExpiredRow
	Partial  []ExpiredRow
	ToAct    []Review
}

// Systematise gathers the lists of the period ending with year to.
func (s *Store) Systematise(ctx context.Context, unit Unit, to int) (Systematisation, error) {
	out := Systematisation{Unit: unit, From: to - SystemPeriod + 1, To: to, Cutoff: Day(to, time.December, 31)}
	for y := out.From; y <= out.To; y++ {
		l, err := s.Expired(ctx, unit, y)
		if err != nil {
			return out, err
		}
		out.Expired = append(out.Expired, l.Full...)
		out.Partial = append(out.Partial, l.Partial...)
	}
	for page := 1; ; page++ {
		docs, more, err := s.Documents(ctx, Filter{UnitID: unit.ID, Status: "applies", On: out.Cutoff, Page: page, PerPage: 5000})
		if err != nil {
			return out, err
		}
		out.InForce = append(out.InForce, docs...)
		if !more {
			break
		}
	}
	var err error
	out.ToAct, err = s.Proposals(ctx, ProposalFilter{UnitID: unit.ID, On: out.Cutoff})
	return out, err
}

// ProposalFilter narrows Proposals.
type ProposalFilter struct {
	Scope  string // unit path prefix, when UnitID is 0
	UnitID int64
	On     time.Time // the day the documents must still apply; zero: today
}

// Proposals lists the latest review of each document whose finding is to
// amend, replace or repeal it and that nothing has followed yet: no
// document has acted on it (other than by detailing it) from the review
// on, and it still applies on the day.
func (s *Store) Proposals(ctx context.Context, f ProposalFilter) ([]Review, error) {
	on := f.On
	if on.IsZero() {
		on = s.Today()
	}
	var q query
	if f.UnitID != 0 {
		q.conds = append(q.conds, "v.unit_id = "+q.arg(f.UnitID))
	} else {
		q.conds = append(q.conds, "v.unit_id IN (SELECT id FROM units WHERE path LIKE "+q.arg(escapeLike(f.Scope)+"%")+` ESCAPE '\')`)
	}
	day := q.arg(fmtDay(on))
	q.conds = append(q.conds, "v.finding <> 'keep'",
		"NOT EXISTS (SELECT 1 FROM legal_reviews w WHERE w.document_id = v.document_id AND (w.reviewed_on > v.reviewed_on OR (w.reviewed_on = v.reviewed_on AND w.id > v.id)))",
		"NOT EXISTS (SELECT 1 FROM legal_relations r WHERE r.target_id = v.document_id AND r.kind <> 'guides' AND r.effective_on >= v.reviewed_on)",
		"d.effective_from <= "+day, "(d.expired_on = '' OR d.expired_on > "+day+")")
	rows, err := s.db.R.QueryContext(ctx, `
SELECT v.id, v.document_id, v.unit_id, v.reviewed_on, v.reviewer, v.finding, v.provisions, v.note, v.proposed_to, v.proposal_no, v.created_by,
	d.number, d.doc_type, d.title, d.issued_on, d.effective_from
FROM legal_reviews v JOIN legal_documents d ON d.id = v.document_id`+q.where()+` ORDER BY v.reviewed_on, v.id`, q.args...)
	if err != nil {
		return nil, fmt.Errorf("legaldoc: proposals: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var rv Review
		var finding string
		var ds dayScanner
		if err := rows.Scan(&rv.ID, &rv.DocumentID, &rv.UnitID, ds.day(&rv.ReviewedOn), &rv.Reviewer, &finding, &rv.Provisions, &rv.Note,
			&rv.ProposedTo, &rv.ProposalNo, &rv.CreatedBy, &rv.Document.Number, &rv.Document.Type, &rv.Document.Title,
			ds.day(&rv.Document.IssuedOn), ds.day(&rv.Document.EffectiveFrom)); err != nil {
			return nil, err
		}
		if err := ds.parse(); err != nil {
			return nil, err
		}
		rv.Finding, rv.Document.ID = Finding(finding), rv.DocumentID
		out = append(out, rv)
	}
	return out, rows.Err()
}

// findingVI words a finding for documents.
var findingVI = map[Finding]string{Keep: "Giữ nguyên", Amend: "Sửa đổi, bổ sung", Replace: "Thay thế", Repeal: "Bãi bỏ"}

var (
	inForceHeader = []string{"STT", "Số, ký hiệu", "Ngày ban hành", "Tên gọi của văn bản", "Ngày có hiệu lực", "Ghi chú"}
	actHeader     = []string{"STT", "Số, ký hiệu", "Ngày ban hành", "Tên gọi của văn bản", "Kiến nghị", "Nội dung", "Cơ quan nhận kiến nghị"}
)

// Document lays the systematisation's lists out as the head's decision
// publishing them.
func (sy Systematisation) Document(is Issue) report.Document {
	subject := fmt.Sprintf("Công bố kết quả hệ thống hóa văn bản quy phạm pháp luật kỳ %d–%d", sy.From, sy.To)
	doc := header(sy.Unit, "QUYẾT ĐỊNH", subject, is)
	doc.Body = []report.Block{
		report.Paragraph{Text: "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15, được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;"},
		report.Paragraph{Text: "Căn cứ Nghị định số 79/2025/NĐ-CP của Chính phủ về kiểm tra, rà soát, hệ thống hóa và xử lý văn bản quy phạm pháp luật;"},
		report.Paragraph{Runs: []report.Run{{Text: "QUYẾT ĐỊNH:", Bold: true}}},
		report.Paragraph{Runs: []report.Run{{Text: "Điều 1. ", Bold: true}, {Text: fmt.Sprintf(
			"Công bố kết quả hệ thống hóa văn bản quy phạm pháp luật kỳ %d–%d (thời điểm hệ thống hóa %s), gồm: %d văn bản còn hiệu lực; %d văn bản hết hiệu lực toàn bộ; %d văn bản hết hiệu lực một phần; %d văn bản cần sửa đổi, bổ sung, thay thế hoặc bãi bỏ.",
			sy.From, sy.To, vn.FormatDate(sy.Cutoff), len(sy.InForce), len(sy.Expired), len(sy.Partial), len(sy.ToAct))}}},
		report.Paragraph{Runs: []report.Run{{Text: "Điều 2. ", Bold: true}, {Text: "Quyết định này có hiệu lực kể từ ngày ký."}}},
		report.Paragraph{Runs: []report.Run{{Text: "Điều 3. ", Bold: true}, {Text: "Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc " + sy.Unit.Name + " chịu trách nhiệm thi hành Quyết định này."}}},
		report.Heading{Level: 1, Number: "I", Text: "DANH MỤC VĂN BẢN CÒN HIỆU LỰC"},
	}
	in := report.Table{Header: inForceHeader, ColumnWidths: []float64{0.5, 1.7, 1.6, 3.6, 1.6, 1.4}, NumericColumns: []int{0}}
	for i, d := range sy.InForce {
		note := ""
		if st := d.Timeline.StatusOn(sy.Cutoff); st != InForce {
			note = statusVI[st]
		}
		in.Rows = append(in.Rows, []string{fmt.Sprint(i + 1), d.Number, vn.FormatDate(d.IssuedOn), titleOf(ExpiredRow{Type: d.Type, Title: d.Title}), vn.FormatDate(d.EffectiveFrom), note})
	}
	doc.Body = append(doc.Body, in,
		report.Heading{Level: 1, Number: "II", Text: "DANH MỤC VĂN BẢN HẾT HIỆU LỰC TOÀN BỘ"}, fullTable(sy.Expired),
		report.Heading{Level: 1, Number: "III", Text: "DANH MỤC VĂN BẢN HẾT HIỆU LỰC MỘT PHẦN"}, partialTable(sy.Partial),
		report.Heading{Level: 1, Number: "IV", Text: "DANH MỤC VĂN BẢN CẦN SỬA ĐỔI, BỔ SUNG, THAY THẾ, BÃI BỎ"}, actTable(sy.ToAct))
	return doc
}

func actTable(rows []Review) report.Table {
	t := report.Table{Header: actHeader, ColumnWidths: []float64{0.5, 1.5, 1.6, 2.3, 1.2, 2.2, 1.6}, NumericColumns: []int{0}}
	for i, rv := range rows {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), rv.Document.Number, vn.FormatDate(rv.Document.IssuedOn),
			titleOf(ExpiredRow{Type: rv.Document.Type, Title: rv.Document.Title}), findingVI[rv.Finding], joinNote(rv.Provisions, rv.Note), rv.ProposedTo})
	}
	if len(rows) == 0 {
		t.Rows = [][]string{{"", "Không có", "", "", "", "", ""}}
	}
	return t
}

func joinNote(provisions, note string) string {
	switch {
	case provisions == "":
		return note
	case note == "":
		return provisions
	}
	return provisions + ": " + note
}

// Sheets is the systematisation as a workbook, one sheet per list.
func (sy Systematisation) Sheets() []report.Sheet {
	in := report.Sheet{Name: "Còn hiệu lực", Title: fmt.Sprintf("Văn bản còn hiệu lực tại %s — %s", vn.FormatDate(sy.Cutoff), sy.Unit.Name), Header: inForceHeader}
	for i, d := range sy.InForce {
		note := ""
		if st := d.Timeline.StatusOn(sy.Cutoff); st != InForce {
			note = statusVI[st]
		}
		in.Rows = append(in.Rows, []any{i + 1, d.Number, d.IssuedOn, titleOf(ExpiredRow{Type: d.Type, Title: d.Title}), d.EffectiveFrom, note})
	}
	l := ExpiredList{Unit: sy.Unit, Full: sy.Expired, Partial: sy.Partial}
	sheets := l.Sheets()
	sheets[0].Title = fmt.Sprintf("Văn bản hết hiệu lực toàn bộ kỳ %d–%d — %s", sy.From, sy.To, sy.Unit.Name)
	sheets[1].Title = fmt.Sprintf("Văn bản hết hiệu lực một phần kỳ %d–%d — %s", sy.From, sy.To, sy.Unit.Name)
	act := report.Sheet{Name: "Cần xử lý", Header: actHeader}
	for i, rv := range sy.ToAct {
		act.Rows = append(act.Rows, []any{i + 1, rv.Document.Number, rv.Document.IssuedOn, titleOf(ExpiredRow{Type: rv.Document.Type, Title: rv.Document.Title}),
			findingVI[rv.Finding], joinNote(rv.Provisions, rv.Note), rv.ProposedTo})
	}
	return append([]report.Sheet{in}, append(sheets, act)...)
}

// statusVI words a status for documents.
var statusVI = map[Status]string{NotYetInForce: "Chưa có hiệu lực", InForce: "Đang có hiệu lực", PartlyExpired: "Hết hiệu lực một phần",
	Expired: "Hết hiệu lực toàn bộ", Suspended: "Ngưng hiệu lực"}
