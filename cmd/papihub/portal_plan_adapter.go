package main

import (
	"context"
	"strconv"
	"strings"
	"time"

	"papihub/internal/org"
	"papihub/internal/papi"
	"papihub/internal/plan"
	"papihub/internal/platform/vn"
	"papihub/internal/portal"
)

// portalPlans turns the plan room's public queries into the portal's
// types.
type portalPlans struct{ s *plan.Store }

func portalFigures(f plan.Figures) portal.PlanFigures {
	return portal.PlanFigures{Total: f.Total, Done: f.Done, Submitted: f.Submitted, Overdue: f.Overdue}
}

func portalPlanLine(it plan.PublicPlanItem) portal.PlanLine {
	out := portal.PlanLine{ID: it.ID, Number: it.Number, Title: it.Title, Year: it.Year, Closed: it.Closed, Figures: portalFigures(it.Total)}
	// A plan dated only by month or year shows no day.
	if d, err := time.ParseInLocation("2006-01-02", it.IssueDate, vn.Location()); err == nil {
		out.IssueDate = d
	}
	return out
}

func portalPlanReport(r plan.PublicReport) portal.PlanReport {
	return portal.PlanReport{ID: r.ID, Number: r.Number, Title: r.Title, Period: r.Period, Label: r.Label, IssuedOn: r.IssuedOn}
}

func (a portalPlans) Plans(ctx context.Context, agency org.Unit) ([]portal.PlanLine, error) {
	list, err := a.s.PublicPlans(ctx, agency.ID)
	out := make([]portal.PlanLine, 0, len(list))
	for _, it := range list {
		out = append(out, portalPlanLine(it))
	}
	return out, err
}

func (a portalPlans) Plan(ctx context.Context, agency org.Unit, id int64) (portal.PlanView, error) {
	p, err := a.s.PublicPlan(ctx, agency.ID, id)
	if err != nil {
		return portal.PlanView{}, portalNotFound(err, plan.ErrNotFound)
	}
	out := portal.PlanView{PlanLine: portalPlanLine(p.PublicPlanItem), Day: p.Day}
	at := map[string]int{}
	for _, d := range p.Dims {
		at[d.Dimension] = len(out.Dims)
		out.Dims = append(out.Dims, portal.PlanDimension{Code: d.Dimension, Figures: portalFigures(d.Figures)})
	}
	for _, t := range p.Tasks {
		i, ok := at[t.Dimension]
		if !ok { // a section without instances yet still lists its tasks
			i = len(out.Dims)
			at[t.Dimension] = i
			out.Dims = append(out.Dims, portal.PlanDimension{Code: t.Dimension})
		}
		out.Dims[i].Tasks = append(out.Dims[i].Tasks, portal.PlanTask{Text: t.Text, Lead: t.Lead, Due: t.Due, Output: t.Output,
			Total: t.Total, Done: t.Done, Overdue: t.Overdue, Cancelled: t.Cancelled})
	}
	for _, r := range p.Reports {
		out.Reports = append(out.Reports, portalPlanReport(r))
	}
	return out, nil
}

func (a portalPlans) Report(ctx context.Context, agency org.Unit, planID, id int64) (portal.PlanReportView, error) {
	r, err := a.s.PublicReport(ctx, agency.ID, planID, id)
	if err != nil {
		return portal.PlanReportView{}, portalNotFound(err, plan.ErrNotFound)
	}
	out := portal.PlanReportView{Plan: portalPlanLine(r.Plan), Report: portalPlanReport(r.Report), Total: portalFigures(r.Total), Day: r.Day}
	for _, d := range r.Dims {
		out.Dims = append(out.Dims, portal.PlanDimension{Code: d.Dimension, Figures: portalFigures(d.Figures)})
	}
	for _, it := range r.Items {
		out.Items = append(out.Items, portal.PlanItem{Dimension: it.Dimension, Task: it.Task, Lead: it.Lead, Due: it.Due, Status: string(it.Status), Overdue: it.Overdue})
	}
	return out, nil
}

// portalStanding is the official PAPI standing of the province a unit
// belongs to: the root of its tree names the province.
type portalStanding struct {
	of func(ctx context.Context, rootID int64) (papi.Standing, bool, error)
}

func (a portalStanding) Standing(ctx context.Context, unit org.Unit) (papi.Standing, bool, error) {
	root, _, _ := strings.Cut(strings.TrimPrefix(unit.Path, "/"), "/")
	id, err := strconv.ParseInt(root, 10, 64)
	if err != nil {
		return papi.Standing{}, false, nil
	}
	return a.of(ctx, id)
}
