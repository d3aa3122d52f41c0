package portal

import (
	"context"
	"time"

	"papihub/internal/org"
	"papihub/internal/papi"
)

// PlanFigures count a plan's task instances by where they stand.
type PlanFigures struct {
	Total     int `json:"total"`
	Done      int `json:"done"`
	Submitted int `json:"submitted"`
	Overdue   int `json:"overdue"`
}

// Percent is the share done, 0–100.
func (f PlanFigures) Percent() float64 {
	if f.Total == 0 {
		return 0
	}
	return 100 * float64(f.Done) / float64(f.Total)
}

// PlanLine is an issued PAPI plan of an agency.
type PlanLine struct {
	ID        int64       `json:"id"`
	Number    string      `json:"number"`
	Title     string      `json:"title"`
	Year      int         `json:"year"`
	IssueDate time.Time   `json:"issue_date,omitzero"` // zero when the plan gives no full date
	Closed    bool        `json:"closed"`
	Figures   PlanFigures `json:"figures"`
}

// PlanDimension is a PAPI dimension of a plan ("" for the general tasks)
// with its figures and tasks.
type PlanDimension struct {
	Code    string      `json:"code"`
	Figures PlanFigures `json:"figures"`
	Tasks   []PlanTask  `json:"tasks,omitempty"`
}

// PlanTask is a task as the public sees it: what, which division leads
// it, by when, and how many of its instances are done.
type PlanTask struct {
	Text      string `json:"text"`
	Lead      string `json:"lead"`
	Due       string `json:"due"`
	Output    string `json:"output"`
	Total     int    `json:"total"`
	Done      int    `json:"done"`
	Overdue   int    `json:"overdue"`
	Cancelled bool   `json:"cancelled"`
}

// PlanReport is a report issued on a plan.
type PlanReport struct {
	ID       int64     `json:"id"`
	Number   string    `json:"number"`
	Title    string    `json:"title"`
	Period   string    `json:"period"` // the period's key: 2026, 2026S1, 2026Q1, 2026-03
	Label    string    `json:"label"`  // the period as the plan room names it: "quý I năm 2026"
	IssuedOn time.Time `json:"issued_on"`
}

// PlanView is one plan: its dimensions and the reports issued on it.
type PlanView struct {
	PlanLine
	Dims    []PlanDimension `json:"dimensions"`
	Reports []PlanReport    `json:"reports"`
	Day     time.Time       `json:"as_of"` // the figures are as of this day
}

// PlanItem is a task instance due in a report's period.
type PlanItem struct {
	Dimension string    `json:"dimension"`
	Task      string    `json:"task"`
	Lead      string    `json:"lead"`
	Due       time.Time `json:"due"`
	Status    string    `json:"status"` // not_started, in_progress, submitted, accepted, returned
	Overdue   bool      `json:"overdue"`
}

// PlanReportView is an issued report: its period's figures by dimension
// and the tasks due in it, as they stand on Day.
type PlanReportView struct {
	Plan   PlanLine        `json:"plan"`
	Report PlanReport      `json:"report"`
	Dims   []PlanDimension `json:"dimensions"` // figures only
	Total  PlanFigures     `json:"total"`
	Items  []PlanItem      `json:"items"`
	Day    time.Time       `json:"as_of"`
}

// Plans reads an agency's issued PAPI plans.
type Plans interface {
	Plans(ctx context.Context, agency org.Unit) ([]PlanLine, error)
	// Plan is ErrNotFound unless the agency issued the plan.
	Plan(ctx context.Context, agency org.Unit, id int64) (PlanView, error)
	// Report is ErrNotFound unless the agency issued the report on the plan.
	Report(ctx context.Context, agency org.Unit, planID, id int64) (PlanReportView, error)
}

// Standings read the official PAPI standing of the province a unit
// belongs to (ok false when the province has no published results).
type Standings interface {
	Standing(ctx context.Context, unit org.Unit) (st papi.Standing, ok bool, err error)
}
