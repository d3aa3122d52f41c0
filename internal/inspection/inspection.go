// Package inspection is the register of inspections and checks an agency
// follows up (domain §6): the checks it runs itself (kiểm tra: periodic or
// unannounced), the conclusions it receives from the provincial
// inspectorate, the State Audit or its own checks, and each conclusion's
// recommendations with a responsible unit, a deadline, amounts to recover,
// the history of their updates and the evidence.
//
// Since Law 84/2025/QH15 abolished department inspectorates a department
// no longer inspects: it checks, and it carries out what others conclude.
// The head must issue a directive within 15 days of receiving a conclusion
// (DirectiveDue); a recommendation left undone past its deadline is overdue,
// one done after it is late, and one of the same kind for the same unit as
// in an earlier conclusion is a repeat violation. The last three are the
// "strict handling" list the plan's seed asks for.
package inspection

import (
	"errors"
	"time"

	"papihub/internal/platform/vn"
)

// ErrNotFound is returned for a conclusion, recommendation, update or check
// that does not exist.
var ErrNotFound = errors.New("inspection: not found")

// Source is who issued a conclusion.
type Source string

const (
	FromInspectorate Source = "inspectorate" // Thanh tra tỉnh
	FromStateAudit   Source = "state_audit"  // Kiểm toán nhà nước
	FromOwnCheck     Source = "own_check"    // the agency's own check
	FromOther        Source = "other"        // a ministry, the province's committee…
)

// Sources in the order forms list them.
var Sources = []Source{FromInspectorate, FromStateAudit, FromOwnCheck, FromOther}

// Valid reports whether s is one of Sources.
func (s Source) Valid() bool { return oneOf(s, Sources) }

// Conclusion is a conclusion (kết luận thanh tra, kiểm tra, kiểm toán) the
// unit follows up, with its recommendations.
type Conclusion struct {
	ID       int64
	UnitID   int64  // the unit that follows it up
	Number   string // "125/KL-TTr"
	IssuedOn time.Time
	// ReceivedOn starts the head's 15 days; blank means the day it was
	// issued.
	ReceivedOn time.Time
	Issuer     string // "Thanh tra tỉnh Hưng Yên"
	Source     Source
	Subjects   string // the units checked, as the conclusion names them
	Summary    string
	// The head's directive implementing the conclusion, once issued.
	DirectiveNumber string
	DirectiveOn     time.Time
	CheckID         int64 // the own check it concludes, 0 for none

	Recommendations []Recommendation
	UnitName        string // as listed
}

// Received is the day the 15 days run from.
func (c Conclusion) Received() time.Time {
	if c.ReceivedOn.IsZero() {
		return c.IssuedOn
	}
	return c.ReceivedOn
}

// Kind is what a recommendation asks.
type Kind string

const (
	Recover    Kind = "recover"    // thu hồi tiền, tài sản
	Discipline Kind = "discipline" // xử lý kỷ luật tập thể, cá nhân
	Transfer   Kind = "transfer"   // chuyển cơ quan điều tra
	Corrective Kind = "corrective" // biện pháp khắc phục, chấn chỉnh
	Policy     Kind = "policy"     // sửa đổi, bổ sung cơ chế, chính sách
)

// Kinds in the order forms list them.
var Kinds = []Kind{Recover, Discipline, Transfer, Corrective, Policy}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return oneOf(k, Kinds) }

// Progress is what the responsible unit reports of a recommendation; the
// status adds the clock to it (Recommendation.StatusOn).
type Progress string

const (
	NotStarted Progress = "not_started"
	InProgress Progress = "in_progress"
	// PartlyDone is part of the measure carried out (some of the money
	// recovered): still open, so it falls overdue like InProgress.
	PartlyDone Progress = "partly_done"
	Done       Progress = "done"
)

// Progresses in the order forms list them.
var Progresses = []Progress{NotStarted, InProgress, PartlyDone, Done}

// Valid reports whether p is one of Progresses.
func (p Progress) Valid() bool { return oneOf(p, Progresses) }

// Recommendation is one recommendation (kiến nghị) of a conclusion.
type Recommendation struct {
	ID            int64
	ConclusionID  int64
	Seq           int // its place in the conclusion, from 1
	Kind          Kind
	Content       string
	ResponsibleID int64 // the unit that must carry it out
	Deadline      time.Time
	Progress      Progress
	// Amounts in đồng, for Recover: due and recovered so far.
	AmountDue       int64
	AmountRecovered int64
	// People is how many collectives or individuals a Discipline names,
	// DisciplineForm the form (khiển trách, cảnh cáo…).
	People         int
	DisciplineForm string
	Result         string    // what was done, as last reported
	DoneOn         time.Time // the day it was reported done
	// RepeatOf is the earlier recommendation of the same kind for the same
	// unit that makes this one a repeat violation (derived, Repeats).
	RepeatOf int64

	// As listed.
	ResponsibleName string
	Conclusion      Ref
}

// Ref names a conclusion in a list of recommendations.
type Ref struct {
	ID         int64
	UnitID     int64
	Number     string
	IssuedOn   time.Time
	Issuer     string
	UnitName   string
	ReceivedOn time.Time
}

// Update is one report of progress on a recommendation, with its evidence.
type Update struct {
	ID               int64
	RecommendationID int64
	On               time.Time
	Progress         Progress
	AmountRecovered  int64 // the total recovered after this update
	Note             string
	Evidence         *Evidence
	CreatedBy        string
	CreatedAt        time.Time
}

// Evidence is a file attached to an update.
type Evidence struct {
	Name        string
	ContentType string
	SHA256      string
	Size        int64
}

// CheckKind is how a check is run.
type CheckKind string

const (
	Periodic    CheckKind = "periodic"    // kiểm tra định kỳ, theo kế hoạch
	Unannounced CheckKind = "unannounced" // kiểm tra đột xuất
)

// CheckKinds in the order forms list them.
var CheckKinds = []CheckKind{Periodic, Unannounced}

// Valid reports whether k is one of CheckKinds.
func (k CheckKind) Valid() bool { return oneOf(k, CheckKinds) }

// Check is one check (kiểm tra) of the agency's yearly plan of checks, or
// an unannounced one: whom, on what, when, by which decision and team,
// what was found and which conclusion closed it.
type Check struct {
	ID             int64
	UnitID         int64 // the agency that runs it
	Year           int
	Subject        string // the unit checked
	Topic          string
	Kind           CheckKind
	PlannedFrom    time.Time
	PlannedTo      time.Time
	DecisionNumber string
	DecisionOn     time.Time
	Team           string
	Findings       string
	DoneOn         time.Time // the day the check ended; zero while planned
	ConclusionID   int64
}

// NumberKey is the form of a number/symbol that matching uses
// (vn.SymbolKey): "125/KL-TTr" and "125/kl-ttr" name the same conclusion.
func NumberKey(number string) string { return vn.SymbolKey(number) }

// Day is the calendar date y-m-d at midnight in Vietnam.
func Day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, vn.Location()) }

// day is t's calendar date at midnight in Vietnam.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.In(vn.Location()).Date()
	return Day(y, m, d)
}

func oneOf[T comparable](v T, all []T) bool {
	for _, x := range all {
		if x == v {
			return true
		}
	}
	return false
}
