package plan

import (
	"context"
	"errors"
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
	"papihub/internal/registers"
)

// WithRegisters lets the plan read what the agency's registers measure
// (a task's target bound to a measure), their deadlines (in "my tasks" and
// the digest) and their sections of the periodic report. Without it the
// plan stands alone: targets are typed, not measured.
func (s *Store) WithRegisters(h *registers.Hub) *Store {
	s.registers = h
	return s
}

// Measures lists what a task's target may be bound to.
func (s *Store) Measures() []registers.Measure { return s.registers.Measures() }

// bindTarget gives a bound target without a unit the measure's: "%" for a
// share, the count's unit otherwise.
func (s *Store) bindTarget(t *TaskInput) {
	if t.Target == nil || strings.TrimSpace(t.Target.Unit) != "" {
		return
	}
	if m, ok := s.registers.Measure(strings.TrimSpace(t.Target.MetricCode)); ok {
		t.Target.Unit = m.Unit
		if m.Share {
			t.Target.Unit = "%"
		}
	}
}

// checkMeasure adds a field error when a task's target names a measure that
// no register offers. A store without registers accepts any code, as the
// plan did before targets were bound.
func (s *Store) checkMeasure(t TaskInput, field string, errs web.FieldErrors) {
	if s.registers == nil || t.Target == nil || strings.TrimSpace(t.Target.MetricCode) == "" {
		return
	}
	if _, ok := s.registers.Measure(strings.TrimSpace(t.Target.MetricCode)); !ok {
		errs.Add(field, "plan.target.metric.unknown")
	}
}

// A BoundFigure is the figure a task's target is bound to, for one period,
// with the target it is held against.
type BoundFigure struct {
	Measure registers.Measure
	Figure  registers.Figure
	Text    string // the figure as one line: "85,0% (17/20)"
	Target  string // the target as typed: "100 %"
	// Met says the figure reaches the target; false also when either
	// cannot be compared.
	Met bool
}

// Figure computes the figure a task's target is bound to over the days
// from..to, counted over the plan's unit and its subtree (the agency's
// records, whichever division leads the task). It returns nil when the
// task is not bound or the measure is no longer offered.
func (s *Store) Figure(ctx context.Context, t PlanTask, p Plan, from, to time.Time) (*BoundFigure, error) {
	if t.Target == nil || t.Target.MetricCode == "" {
		return nil, nil
	}
	m, ok := s.registers.Measure(t.Target.MetricCode)
	if !ok {
		return nil, nil
	}
	f, err := s.registers.Figure(ctx, m.Code, registers.Scope{UnitID: p.UnitID, UnitPath: p.UnitPath}, from, to)
	if errors.Is(err, registers.ErrUnknownMeasure) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	b := &BoundFigure{Measure: m, Figure: f, Text: f.Text(m),
		Target: strings.TrimSpace(vn.FormatNumber(t.Target.Value) + " " + t.Target.Unit)}
	if !f.NA {
		value := f.Value
		if m.Share {
			value *= 100 // a share's target is written in percent
		}
		b.Met = value >= t.Target.Value
	}
	return b, nil
}

// instanceFigure is the bound figure over an instance's period, for its
// page.
func (s *Store) instanceFigure(ctx context.Context, inst TaskInstance, t PlanTask) (*BoundFigure, error) {
	if t.Target == nil || t.Target.MetricCode == "" {
		return nil, nil
	}
	p, err := s.Plan(ctx, inst.PlanID)
	if err != nil {
		return nil, err
	}
	// A one-off task is measured from the start of the plan's year to its
	// due date.
	from, to := date(p.Year, time.January, 1), inst.Due
	if period, err := ParsePeriod(inst.Period); err == nil && !period.IsZero() {
		from, to = period.Start(), period.End()
	}
	return s.Figure(ctx, t, p, from, to)
}
