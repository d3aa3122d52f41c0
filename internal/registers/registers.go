// Package registers is what the agency's registers (procedures and dossiers,
// citizen reception, inspections, legal documents) offer the plan, so that a
// plan's tasks are fed by the records rather than by what someone types:
//
//   - measures a task can be bound to ("share of cases answered on time"),
//     computed for a unit's subtree over a period;
//   - agenda items, the register's deadlines that fall on a person, shown in
//     "my tasks" and the daily digest beside the plan's own;
//   - sections of the periodic report with the register's figures.
//
// A capability offers any of the three by implementing Measurer, Agenda or
// Reporter; cmd/papihub adds it to the Hub that the plan reads. Neither side
// imports the other.
package registers

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/vn"
	"papihub/internal/report"
)

// A Measure is a figure a register computes. Its Code is stable (a task
// stores it), and starts with the register's prefix: "tthc.", "reception.".
type Measure struct {
	Code   string
	Name   string // Vietnamese, as the task form lists it
	NameEN string
	// Share says the figure is a ratio between 0 and 1, shown as a
	// percentage and compared with a target given in percent.
	Share bool
	Unit  string // of a count: "phiên", "văn bản"; empty for a share
	// Dimension is the PAPI dimension the measure speaks to, for the task
	// form to suggest it ("D3"); empty when it speaks to several.
	Dimension string
}

// Scope is whose records a figure counts: the unit and its subtree.
type Scope struct {
	UnitID   int64
	UnitPath string
}

// A Figure is a measure's value for a scope and period.
type Figure struct {
	Value float64 // the share (0–1) or the count
	// Num and Den are the counts behind a share, for the line that says
	// "17 of 20"; zero for a count.
	Num, Den float64
	// NA is set when the figure cannot be computed for the period (a share
	// with nothing to count); Value is then meaningless.
	NA bool
	// Note is one line saying what the figure counts, in Vietnamese.
	Note string
	// Link is the page with the records behind the figure.
	Link string
}

// Measurer computes the measures of one register.
type Measurer interface {
	Measures() []Measure
	// Figure computes the measure with code for scope over the days from
	// and to, both included (dates in Asia/Ho_Chi_Minh, time of day zero).
	Figure(ctx context.Context, code string, scope Scope, from, to time.Time) (Figure, error)
}

// An Item is one deadline of a register that falls on a person: a case to
// answer, a recommendation to carry out.
type Item struct {
	Kind     string // short label of the record's kind, Vietnamese: "Vụ việc khiếu nại"
	Title    string
	UnitName string
	Due      time.Time // the date (time of day zero)
	Overdue  bool
	State    string // the record's state, Vietnamese: "Đang xác minh"
	Link     string
}

// Agenda lists a register's items that fall on user: overdue, or due by
// the day today+days.
type Agenda interface {
	Agenda(ctx context.Context, user *org.User, today time.Time, days int) ([]Item, error)
}

// A Section is a part of the periodic report written from a register's
// records for the period: the reception and complaints figures, the
// follow-up of inspection conclusions.
type Section struct {
	// Dimension places the section under that PAPI dimension's part of
	// the report ("D3"); empty puts it in a part of its own.
	Dimension string
	Heading   string
	Body      []report.Block
	// Sheet is the same figures for the workbook report; nil for none.
	Sheet *report.Sheet
}

// Reporter writes a register's sections of the periodic report.
type Reporter interface {
	Sections(ctx context.Context, scope Scope, from, to time.Time) ([]Section, error)
}

// ErrUnknownMeasure is returned for a code no register offers.
var ErrUnknownMeasure = errors.New("registers: unknown measure")

// A Hub gathers what every register offers. The zero Hub, and a nil one,
// offer nothing.
type Hub struct {
	measurers []Measurer
	agendas   []Agenda
	reporters []Reporter

	// changes, when set (CachedBy), is where the latest audited change is
	// read, and agendas keeps each user's agenda of a day until it changes:
	// every home page and "my tasks" asks every register for it.
	changes  *sql.DB
	agendaOf audit.Cache[agendaKey, []Item]
}

type agendaKey struct {
	user int64
	day  string
	days int
}

// CachedBy makes the hub keep each user's agenda of a day until a change is
// audited in pool's database, and returns the hub for chaining.
func (h *Hub) CachedBy(pool *sql.DB) *Hub {
	h.changes = pool
	return h
}

// Add registers src under each of Measurer, Agenda and Reporter that it
// implements, and returns the hub for chaining.
func (h *Hub) Add(srcs ...any) *Hub {
	for _, src := range srcs {
		if m, ok := src.(Measurer); ok {
			h.measurers = append(h.measurers, m)
		}
		if a, ok := src.(Agenda); ok {
			h.agendas = append(h.agendas, a)
		}
		if r, ok := src.(Reporter); ok {
			h.reporters = append(h.reporters, r)
		}
	}
	return h
}

// Measures lists every register's measures in the order registers were
// added.
func (h *Hub) Measures() []Measure {
	if h == nil {
		return nil
	}
	var out []Measure
	for _, m := range h.measurers {
		out = append(out, m.Measures()...)
	}
	return out
}

// Measure returns the measure with code.
func (h *Hub) Measure(code string) (Measure, bool) {
	if m, _, ok := h.find(code); ok {
		return m, true
	}
	return Measure{}, false
}

func (h *Hub) find(code string) (Measure, Measurer, bool) {
	if h == nil || code == "" {
		return Measure{}, nil, false
	}
	for _, src := range h.measurers {
		for _, m := range src.Measures() {
			if m.Code == code {
				return m, src, true
			}
		}
	}
	return Measure{}, nil, false
}

// Figure computes the measure with code; ErrUnknownMeasure when no register
// offers it.
func (h *Hub) Figure(ctx context.Context, code string, scope Scope, from, to time.Time) (Figure, error) {
	_, src, ok := h.find(code)
	if !ok {
		return Figure{}, fmt.Errorf("%w: %q", ErrUnknownMeasure, code)
	}
	f, err := src.Figure(ctx, code, scope, from, to)
	if err != nil {
		return f, fmt.Errorf("registers: figure %s: %w", code, err)
	}
	return f, nil
}

// Agenda gathers every register's items for user, overdue first, then by
// due date.
func (h *Hub) Agenda(ctx context.Context, user *org.User, today time.Time, days int) ([]Item, error) {
	if h == nil {
		return nil, nil
	}
	if h.changes == nil {
		return h.agenda(ctx, user, today, days)
	}
	key := agendaKey{user.ID, today.In(vn.Location()).Format(time.DateOnly), days}
	items, err := h.agendaOf.Get(ctx, h.changes, key, func() ([]Item, error) { return h.agenda(ctx, user, today, days) })
	return slices.Clone(items), err
}

func (h *Hub) agenda(ctx context.Context, user *org.User, today time.Time, days int) ([]Item, error) {
	var out []Item
	for _, a := range h.agendas {
		items, err := a.Agenda(ctx, user, today, days)
		if err != nil {
			return nil, fmt.Errorf("registers: agenda: %w", err)
		}
		out = append(out, items...)
	}
	slices.SortStableFunc(out, func(a, b Item) int {
		if a.Overdue != b.Overdue {
			if a.Overdue {
				return -1
			}
			return 1
		}
		return cmp.Or(a.Due.Compare(b.Due), strings.Compare(a.Title, b.Title))
	})
	return out, nil
}

// Sections gathers every register's report sections for scope and period.
func (h *Hub) Sections(ctx context.Context, scope Scope, from, to time.Time) ([]Section, error) {
	if h == nil {
		return nil, nil
	}
	var out []Section
	for _, r := range h.reporters {
		secs, err := r.Sections(ctx, scope, from, to)
		if err != nil {
			return nil, fmt.Errorf("registers: report sections: %w", err)
		}
		out = append(out, secs...)
	}
	return out, nil
}

// Text is a figure as one line in Vietnamese: "85,0% (17/20)" for a share,
// "12 phiên" for a count, "—" when it cannot be computed.
func (f Figure) Text(m Measure) string {
	if f.NA {
		return "—"
	}
	if m.Share {
		s := vn.FormatPercent(f.Value*100, 1)
		if f.Den > 0 {
			s += " (" + vn.FormatNumber(f.Num) + "/" + vn.FormatNumber(f.Den) + ")"
		}
		return s
	}
	return strings.TrimSpace(vn.FormatNumber(f.Value) + " " + m.Unit)
}
