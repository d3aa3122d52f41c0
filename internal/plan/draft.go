package plan

import "errors"

// A Draft is a plan as read from its document, for a person to review and
// edit before it is saved. Nothing in it is trusted yet.
//
// Number and Symbol split the document's "Số: 07/KH-UBND" at the first
// slash: Number "07", Symbol "KH-UBND". A plan not yet issued has a blank
// number ("Số: /KH-STTTT"): Number "" and Symbol "KH-STTTT".
//
// Date is "YYYY-MM-DD", or "YYYY-MM" when the day is left blank for the
// signer to fill in ("ngày   tháng 02 năm 2023"), or "YYYY" when the month is
// blank too. Year is the year the plan is for, taken from the title ("... năm
// 2024") before the date, because a plan for 2024 is often issued in
// December 2023.
//
// Title is the subject line under "KẾ HOẠCH", without the word itself.
type Draft struct {
	Number       string    `json:"number"`
	Symbol       string    `json:"symbol,omitempty"`
	Title        string    `json:"title"`
	Issuer       string    `json:"issuer"`
	ParentBody   string    `json:"parent_body"`
	Place        string    `json:"place"`
	Date         string    `json:"date"`
	Year         int       `json:"year"`
	Basis        []Basis   `json:"basis"`
	Purposes     []string  `json:"purposes"`
	Requirements []string  `json:"requirements"`
	Sections     []Section `json:"sections"`
	Organisation []string  `json:"organisation"`
	Recipients   []string  `json:"recipients"`
	Signer       Signer    `json:"signer"`
	// Baselines are where each dimension stood when the plan was written,
	// read from the status paragraphs of its sections.
	Baselines []Baseline `json:"baselines"`
	// Unplaced is the text the parser could not put anywhere in the draft,
	// with its line, so that a reviewer sees everything the document says.
	Unplaced []Unplaced `json:"unplaced"`
}

// A Baseline is a dimension's standing as the plan states it ("Năm 2025,
// chỉ số này đạt 4,87 điểm, thuộc nhóm trung bình; tăng 0,05 điểm so với
// năm 2024"): the survey year, the score, the group of provinces, the change
// from the year before, and the sentence as written. Score and Change are
// nil when the sentence does not give them.
type Baseline struct {
	Dimension string   `json:"dimension"`
	Year      int      `json:"year"`
	Score     *float64 `json:"score"`
	Group     string   `json:"group,omitempty"`
	Change    *float64 `json:"change,omitempty"`
	Text      string   `json:"text,omitempty"`
}

// Unplaced is one paragraph (or table row) the parser kept out of the draft.
type Unplaced struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// A Basis is one legal ground of the plan ("Căn cứ ..."), with the document
// numbers it cites ("07/KH-UBND", "30/2020/NĐ-CP") so that it can be linked to
// a parent plan.
type Basis struct {
	Text string   `json:"text"`
	Refs []string `json:"refs"`
}

// A Section is one part of the plan's content, bound to a PAPI dimension
// ("D1".."D8") or general (""). Intro is a lead-in sentence that is not a task
// ("Thực hiện các nhiệm vụ sau:", "Giải pháp:"). A section whose heading
// names two dimensions ("Công khai, minh bạch và trách nhiệm giải trình") has
// the first as Dimension and the others in Also: its tasks serve them all.
type Section struct {
	Dimension string   `json:"dimension"`
	Also      []string `json:"also,omitempty"`
	Heading   string   `json:"heading"`
	Intro     string   `json:"intro,omitempty"`
	Tasks     []Task   `json:"tasks"`
}

// A Task is one bullet, lettered item, paragraph or table row of a section.
// Details are its sub-items ("+ ..." under "- ..."). Lead, Coordinators, Due
// and Output come from a table's columns or from the task's own words
// ("(Chủ trì: Văn phòng Sở; phối hợp: các phòng)", "Thời gian: Quý
// II/2026"); Due is the text as written ("Thường xuyên", "Quý II/2024",
// "trước ngày 30/6"), turned into a schedule when the plan is saved and kept
// beside it. Line is where the task starts. LeadUnitID is the unit a
// reviewer chose for Lead (0: match by name when saved).
type Task struct {
	Text         string   `json:"text"`
	Details      []string `json:"details,omitempty"`
	Lead         string   `json:"lead,omitempty"`
	Coordinators []string `json:"coordinators,omitempty"`
	Due          string   `json:"due,omitempty"`
	Output       string   `json:"output,omitempty"`
	Line         int      `json:"line,omitempty"`
	LeadUnitID   int64    `json:"lead_unit_id,omitempty"`
}

// A Signer is the signature block: its title ("GIÁM ĐỐC"; a two-line block
// such as "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" is joined by a newline) and name.
type Signer struct {
	Title string `json:"title"`
	Name  string `json:"name"`
}

// A Severity says how much a Problem matters to the reviewer.
type Severity string

const (
	// SevError: a part the draft needs is missing or unreadable.
	SevError Severity = "error"
	// SevWarning: the parser kept something it is unsure of, or left it out.
	SevWarning Severity = "warning"
	// SevInfo: a choice the reviewer should confirm.
	SevInfo Severity = "info"
)

// A Problem is something in the document the parser could not read with
// confidence. Line is the 1-based line of a text file, or the 1-based
// paragraph of a DOCX (table cell paragraphs included).
type Problem struct {
	Line     int      `json:"line"`
	Message  string   `json:"message"`
	Severity Severity `json:"severity"`
}

// ErrNotAPlan is returned for a document with neither a "KẾ HOẠCH" title nor
// any section naming a PAPI dimension.
var ErrNotAPlan = errors.New("tệp không phải là kế hoạch: không thấy tiêu đề “KẾ HOẠCH” và không có mục nào theo chỉ số nội dung PAPI")

// TaskCount returns the number of tasks in all sections.
func (d Draft) TaskCount() int {
	n := 0
	for _, s := range d.Sections {
		n += len(s.Tasks)
	}
	return n
}
