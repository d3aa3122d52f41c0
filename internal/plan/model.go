package plan

import (
	"strconv"
	"time"

	"papihub/internal/papi"
	"papihub/internal/platform/vn"
)

// A PlanStatus is where a plan stands: drafted, issued (signed and numbered),
// or closed at the end of its year.
type PlanStatus string

const (
	PlanDraft  PlanStatus = "draft"
	PlanIssued PlanStatus = "issued"
	PlanClosed PlanStatus = "closed"
)

// planTransitions: a plan is issued once, closed once; a closed plan's
// figures are what the year's reports counted.
var planTransitions = map[PlanStatus][]PlanStatus{
	PlanDraft:  {PlanIssued},
	PlanIssued: {PlanClosed},
}

// A Plan is a saved plan: its header, legal basis and sections. Tasks are
// read separately, page by page.
type Plan struct {
	ID           int64
	UnitID       int64
	UnitName     string
	UnitCode     string
	UnitShort    string
	UnitPath     string
	Number       string // "07" or "" until issued
	Symbol       string // "KH-UBND"
	Title        string
	ParentBody   string
	Place        string
	IssueDate    string // YYYY-MM-DD, or partial YYYY-MM / YYYY, or ""
	Year         int
	Purposes     []string
	Requirements []string
	Organisation []string
	Recipients   []string
	Signer       Signer
	Status       PlanStatus
	DerivedFrom  int64
	Basis        []PlanBasis
	Baselines    []Baseline // by dimension
	Sections     []PlanSection
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// NumberSymbol is the plan's "Số": "07/KH-UBND", or "/KH-STTTT" before a
// number is given.
func (p Plan) NumberSymbol() string {
	if p.Number == "" && p.Symbol == "" {
		return ""
	}
	return p.Number + "/" + p.Symbol
}

// A PlanBasis is one legal ground, linked to a parent plan in the system
// when ParentID is set.
type PlanBasis struct {
	Text     string   `json:"text"`
	Refs     []string `json:"refs"`
	ParentID int64    `json:"parent_id,omitempty"`
}

// A PlanSection is one content part of a saved plan.
type PlanSection struct {
	ID        int64    `json:"id"`
	Dimension string   `json:"dimension"`
	Also      []string `json:"also,omitempty"`
	Heading   string   `json:"heading"`
	Intro     string   `json:"intro,omitempty"`
}

// Baseline returns the plan's baseline of a dimension.
func (p Plan) Baseline(dim string) (Baseline, bool) {
	for _, b := range p.Baselines {
		if b.Dimension == dim {
			return b, true
		}
	}
	return Baseline{}, false
}

// A Target is a task's optional measurable target ("100% of procedures
// published"): the value, its unit, how it is measured, and the code of the
// system figure it will be bound to.
type Target struct {
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Method     string  `json:"method,omitempty"`
	MetricCode string  `json:"metric_code,omitempty"`
}

// A PlanTask is a saved task with its units and schedule.
type PlanTask struct {
	ID               int64
	PlanID           int64
	SectionID        int64
	Dimension        string
	Position         int
	Text             string
	Details          []string
	LeadUnitID       int64
	LeadUnitName     string
	LeadUnitPath     string
	Coordinators     []int64
	CoordinatorNames []string
	Assignees        []int64
	AssigneeNames    []string
	ExpectedOutput   string
	Target           *Target
	Recurrence       Recurrence
	DueText          string   // the deadline as the plan document wrote it
	LeadText         string   // the units as the plan document wrote them
	Also             []string // further dimensions the task's section serves
	SourceTaskID     int64
	Cancelled        bool   // cancelled from an issued plan: kept, no longer worked on
	Problem          string // what in the stored row could not be read, shown on the task's line
}

// A TaskInstance is a stored instance with what the lists show about its task.
type TaskInstance struct {
	ID           int64
	TaskID       int64
	PlanID       int64
	LeadUnitID   int64
	Period       string
	Due          time.Time
	Status       Status
	Percent      int
	SubmittedOn  time.Time
	UpdatedAt    time.Time
	TaskText     string
	Dimension    string
	LeadUnitName string
	LeadUnitPath string
	PlanTitle    string
	PlanUnitPath string
	DueText      string // the task's deadline as the plan wrote it
	Overdue      bool   // derived when read, for the day the list was asked for
	DueSoon      bool
	// Problem says, in Vietnamese, what in the stored row could not be
	// read (a due date out of range, say); the lists show it on the
	// instance's own line instead of failing the page.
	Problem string
}

// Instance is the pure view of the stored instance, for Overdue and DueSoon.
func (ti TaskInstance) Instance() Instance {
	p, _ := ParsePeriod(ti.Period)
	if ti.Period == "" {
		p = Period{}
	}
	return Instance{Period: p, Due: ti.Due, Status: ti.Status, SubmittedOn: ti.SubmittedOn}
}

// An UpdateKind is one kind of entry of an instance's timeline.
type UpdateKind string

const (
	UpdateProgress UpdateKind = "progress"
	UpdateSubmit   UpdateKind = "submit"
	UpdateAccept   UpdateKind = "accept"
	UpdateReturn   UpdateKind = "return"
	UpdateCancel   UpdateKind = "cancel"
)

// An Update is one entry of an instance's timeline.
type Update struct {
	ID         int64
	InstanceID int64
	Kind       UpdateKind
	Text       string
	Percent    int
	HasPercent bool
	AuthorID   int64
	Author     string
	At         time.Time
	Evidence   []Evidence
}

// Evidence is a stored evidence file.
type Evidence struct {
	ID          int64
	UpdateID    int64
	InstanceID  int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	CreatedAt   time.Time
}

// An Upload is an evidence file as received, before it is checked.
type Upload struct {
	Name string
	Data []byte
}

func itoa(n int) string { return strconv.Itoa(n) }

func frameworkFor(year int) (papi.Framework, bool) { return papi.FrameworkFor(year) }

// foldQuery folds a search text as stored columns are folded.
func foldQuery(q string) string { return vn.Fold(q) }
