package plan

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/report"
)

// The public view of an agency's PAPI plans, for its portal: the plans it
// issued, their tasks by dimension with the division that leads each, how
// far they stand, and the reports issued on them. It carries no person:
// no assignee, no signer, no progress text or comment (what officers write
// may name a citizen), only the division names and the counts. A draft plan
// is not public.

// PublicPlanItem is a line of an agency's list of issued plans.
type PublicPlanItem struct {
	ID        int64
	Number    string // "07/KH-SKHCN", or "" before a number is given
	Title     string
	Year      int
	IssueDate string // as stored: YYYY-MM-DD, YYYY-MM, YYYY or ""
	Closed    bool
	Total     Figures
}

// PublicPlan is one issued plan as the portal shows it.
type PublicPlan struct {
	PublicPlanItem
	Dims    []DimensionFigures // D1…D8 then general, as the plan page counts them
	Tasks   []PublicTask       // in the plan's order
	Reports []PublicReport     // newest first
	Day     time.Time          // the figures are as of this day
}

// PublicTask is a task of the plan with its instances' counts.
type PublicTask struct {
	ID        int64
	Dimension string
	Text      string
	Lead      string // the leading division's name
	Due       string // the deadline as the plan wrote it
	Output    string // the expected output
	Total     int    // instances, cancelled ones excluded
	Done      int
	Overdue   int
	Cancelled bool
}

// PublicReport is an issued report of the plan.
type PublicReport struct {
	ID       int64
	Number   string
	Title    string
	Period   string // key: 2026Q3
	Label    string // "quý III năm 2026"
	IssuedOn time.Time
}

// PublicItem is a task instance due in a report's period.
type PublicItem struct {
	Dimension string
	Task      string
	Lead      string
	Due       time.Time
	Status    Status
	Overdue   bool
}

// PublicPeriodReport is what the portal shows of an issued report: the
// report's entry, and the period's figures by dimension with the tasks due
// in it, as they stand on Day.
type PublicPeriodReport struct {
	Plan   PublicPlanItem
	Report PublicReport
	Dims   []DimensionFigures
	Total  Figures
	Items  []PublicItem
	Day    time.Time
}

// publicPlanStatuses are the plan statuses the public sees.
const publicPlanStatuses = `p.status IN ('issued', 'closed')`

// maxPublicPlans bounds the list: an agency issues one or two a year.
const maxPublicPlans = 100

// PublicPlans lists the plans unit issued (not drafts), newest year first,
// with their progress.
func (s *Store) PublicPlans(ctx context.Context, unitID int64) ([]PublicPlanItem, error) {
	rows, err := s.db.R.QueryContext(ctx, `
SELECT p.id, p.number, p.symbol, p.title, p.year, p.issue_date, p.status FROM plans p
WHERE p.unit_id = $1 AND `+publicPlanStatuses+` ORDER BY p.year DESC, p.id DESC LIMIT `+fmt.Sprint(maxPublicPlans), unitID)
	if err != nil {
		return nil, fmt.Errorf("plan: public plans: %w", err)
	}
	var out []PublicPlanItem
	for rows.Next() {
		it, err := scanPublicPlan(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("plan: public plans: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for i := range out {
		if _, out[i].Total, err = s.Summary(ctx, SummaryFilter{PlanID: out[i].ID}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanPublicPlan(sc interface{ Scan(...any) error }) (PublicPlanItem, error) {
	var it PublicPlanItem
	var number, symbol string
	var status PlanStatus
	if err := sc.Scan(&it.ID, &number, &symbol, &it.Title, &it.Year, &it.IssueDate, &status); err != nil {
		return it, err
	}
	it.Number = Plan{Number: number, Symbol: symbol}.NumberSymbol()
	it.Closed = status == PlanClosed
	return it, nil
}

// publicPlanItem reads plan id if unit issued it; ErrNotFound for a draft,
// another unit's plan or none.
func (s *Store) publicPlanItem(ctx context.Context, unitID, id int64) (PublicPlanItem, error) {
	it, err := scanPublicPlan(s.db.R.QueryRowContext(ctx, `
SELECT p.id, p.number, p.symbol, p.title, p.year, p.issue_date, p.status FROM plans p
WHERE p.id = $1 AND p.unit_id = $2 AND `+publicPlanStatuses, id, unitID))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("plan %d of unit %d: %w", id, unitID, ErrNotFound)
	}
	if err != nil {
		return it, fmt.Errorf("plan: public plan %d: %w", id, err)
	}
	return it, nil
}

// PublicPlan is plan id of unit as the portal shows it; ErrNotFound unless
// unit issued it.
func (s *Store) PublicPlan(ctx context.Context, unitID, id int64) (PublicPlan, error) {
	it, err := s.publicPlanItem(ctx, unitID, id)
	if err != nil {
		return PublicPlan{}, err
	}
	p := PublicPlan{PublicPlanItem: it, Day: s.Today()}
	if p.Dims, p.Total, err = s.Summary(ctx, SummaryFilter{PlanID: id}); err != nil {
		return p, err
	}
	p.PublicPlanItem.Total = p.Total
	tasks, _, err := s.Tasks(ctx, TaskFilter{PlanID: id, PerPage: 5000})
	if err != nil {
		return p, err
	}
	counts, err := s.taskCounts(ctx, id)
	if err != nil {
		return p, err
	}
	for _, t := range tasks {
		c := counts[t.ID]
		p.Tasks = append(p.Tasks, PublicTask{ID: t.ID, Dimension: t.Dimension, Text: t.Text, Lead: t.LeadUnitName, Due: t.DueText,
			Output: t.ExpectedOutput, Total: c.Total, Done: c.Done, Overdue: c.Overdue, Cancelled: t.Cancelled})
	}
	reports, _, err := s.Reports(ctx, id, 1, 100)
	if err != nil {
		return p, err
	}
	for _, r := range reports {
		p.Reports = append(p.Reports, publicReport(r))
	}
	return p, nil
}

// taskCounts counts each task's instances of a plan on today.
func (s *Store) taskCounts(ctx context.Context, planID int64) (map[int64]Figures, error) {
	rows, err := s.db.R.QueryContext(ctx, `
SELECT i.task_id, COUNT(*), SUM(CASE WHEN i.status = 'accepted' THEN 1 ELSE 0 END), SUM(CASE WHEN `+overdueSQL("$2")+` THEN 1 ELSE 0 END)
FROM task_instances i WHERE i.plan_id = $1 AND i.status <> 'cancelled' GROUP BY i.task_id`, planID, db.FormatDate(s.Today()))
	if err != nil {
		return nil, fmt.Errorf("plan: task counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]Figures{}
	for rows.Next() {
		var id int64
		var f Figures
		if err := rows.Scan(&id, &f.Total, &f.Done, &f.Overdue); err != nil {
			return nil, fmt.Errorf("plan: task counts: %w", err)
		}
		out[id] = f
	}
	return out, rows.Err()
}

func publicReport(r report.Issued) PublicReport {
	out := PublicReport{ID: r.ID, Number: r.Number, Title: r.Title, Period: r.Period, IssuedOn: r.IssuedOn}
	if p, err := ParsePeriod(r.Period); err == nil {
		out.Label = periodName(p)
	}
	return out
}

// PublicReport is report id issued on plan planID of unit, with its
// period's figures and the tasks due in it as they stand today;
// ErrNotFound unless unit issued both.
func (s *Store) PublicReport(ctx context.Context, unitID, planID, id int64) (PublicPeriodReport, error) {
	it, err := s.publicPlanItem(ctx, unitID, planID)
	if err != nil {
		return PublicPeriodReport{}, err
	}
	r, _, err := s.reports.Get(ctx, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && (r.Kind != ReportKind || r.SourceID != planID || r.UnitID != unitID)) {
		return PublicPeriodReport{}, fmt.Errorf("report %d of plan %d: %w", id, planID, ErrNotFound)
	}
	if err != nil {
		return PublicPeriodReport{}, err
	}
	period, err := ParsePeriod(r.Period)
	if err != nil {
		return PublicPeriodReport{}, fmt.Errorf("plan: report %d: %w", id, err)
	}
	out := PublicPeriodReport{Plan: it, Report: publicReport(r), Day: s.Today()}
	if out.Dims, out.Total, err = s.Summary(ctx, SummaryFilter{PlanID: planID, DueFrom: period.Start(), DueTo: period.End()}); err != nil {
		return out, err
	}
	items, _, err := s.Instances(ctx, InstanceFilter{PlanID: planID, DueFrom: period.Start(), DueTo: period.End(), PerPage: 5000})
	if err != nil {
		return out, err
	}
	for _, in := range items {
		if in.Status == Cancelled {
			continue
		}
		out.Items = append(out.Items, PublicItem{Dimension: in.Dimension, Task: in.TaskText, Lead: in.LeadUnitName, Due: in.Due, Status: in.Status, Overdue: in.Overdue})
	}
	return out, nil
}
