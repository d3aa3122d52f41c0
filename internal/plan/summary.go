package plan

import (
	"context"
	"fmt"
	"slices"
	"time"

	"papihub/internal/platform/db"
)

// Figures count a set of instances by where they stand on a day.
type Figures struct {
	Total     int // instances, cancelled ones excluded
	Done      int // accepted
	Submitted int // waiting for the focal office
	Overdue   int
	DueSoon   int
	Returned  int
	Tasks     int
}

// Percent is the share of instances accepted, 0–100.
func (f Figures) Percent() float64 {
	if f.Total == 0 {
		return 0
	}
	return 100 * float64(f.Done) / float64(f.Total)
}

func (f *Figures) add(g Figures) {
	f.Total += g.Total
	f.Done += g.Done
	f.Submitted += g.Submitted
	f.Overdue += g.Overdue
	f.DueSoon += g.DueSoon
	f.Returned += g.Returned
	f.Tasks += g.Tasks
}

// A DimensionFigures is one card of the plan page. Figures count the tasks
// of the dimension's own sections; Also counts, apart, the tasks of
// two-dimension sections that name it second ("Chỉ số nội dung 2 và 3" for
// D3). A task is counted once in the totals, under its first dimension, so
// that the plan's progress is not inflated; its other dimensions show it as
// work that also serves them.
type DimensionFigures struct {
	Dimension string // "" for general sections
	Figures
	Also Figures
}

// A SummaryFilter says which instances a summary counts.
type SummaryFilter struct {
	PlanID    int64
	PlanIDs   []int64 // several plans (the province roll-up); PlanID ignored
	LeadScope string  // only tasks led by units in this subtree
	DueFrom   time.Time
	DueTo     time.Time // instances due within a period, for a report
}

// Summary counts a plan's instances per PAPI dimension on today, in the
// order D1…D8 then general; each dimension of the plan's sections appears
// even with no instance. The total is returned separately.
//
// A summary is kept until the next audited change in KeptScope or the next
// day (see audit.Cache): the home pages, the plan page and the province view ask for
// the same ones on every request.
func (s *Store) Summary(ctx context.Context, f SummaryFilter) ([]DimensionFigures, Figures, error) {
	key := summaryKey{fmt.Sprint(f.PlanID, f.PlanIDs), f.LeadScope, f.DueFrom.UnixNano(), f.DueTo.UnixNano(), db.FormatDate(s.Today())}
	got, err := s.summaries.GetAhead(ctx, s.db.R, KeptScope, key, func(ctx context.Context) (summary, error) {
		dims, total, err := s.summary(ctx, f)
		return summary{dims, total}, err
	})
	return slices.Clone(got.dims), got.total, err
}

type summaryKey struct {
	plans, leadScope string
	dueFrom, dueTo   int64
	today            string
}

type summary struct {
	dims  []DimensionFigures
	total Figures
}

func (s *Store) summary(ctx context.Context, f SummaryFilter) ([]DimensionFigures, Figures, error) {
	today := db.FormatDate(s.Today())
	soon := db.FormatDate(s.Today().AddDate(0, 0, DueSoonDays))
	var w where
	w.add("i.status <> 'cancelled'")
	switch {
	case len(f.PlanIDs) > 0:
		ph := ""
		args := make([]any, len(f.PlanIDs))
		for i, id := range f.PlanIDs {
			if i > 0 {
				ph += ", "
			}
			ph += "?"
			args[i] = id
		}
		w.add("i.plan_id IN ("+ph+")", args...)
	default:
		w.add("i.plan_id = ?", f.PlanID)
	}
	if f.LeadScope != "" {
		w.add("i.lead_unit_id IN (SELECT id FROM units WHERE "+under("path")+")", underArgs(f.LeadScope)...)
	}
	if !f.DueFrom.IsZero() {
		w.add("i.due_date >= ?", db.FormatDate(f.DueFrom))
	}
	if !f.DueTo.IsZero() {
		w.add("i.due_date <= ?", db.FormatDate(f.DueTo))
	}
	n := len(w.args)
	w.args = append(w.args, today, soon)
	t, so := fmt.Sprintf("$%d", n+1), fmt.Sprintf("$%d", n+2)
	query := `
SELECT s.dimension, s.also, COUNT(*), COUNT(DISTINCT i.task_id),
	SUM(CASE WHEN i.status = 'accepted' THEN 1 ELSE 0 END),
	SUM(CASE WHEN i.status = 'submitted' THEN 1 ELSE 0 END),
	SUM(CASE WHEN i.status = 'returned' THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + overdueSQL(t) + ` THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + dueSoonSQL(t, so) + ` THEN 1 ELSE 0 END)
FROM task_instances i JOIN tasks tk ON tk.id = i.task_id JOIN plan_sections s ON s.id = tk.section_id` + w.sql() + `
GROUP BY s.dimension, s.also`
	rows, err := s.db.Heavy(ctx).QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, Figures{}, fmt.Errorf("plan: summary: %w", err)
	}
	defer rows.Close()
	byDim, alsoDim := map[string]Figures{}, map[string]Figures{}
	for rows.Next() {
		var d, also string
		var g Figures
		if err := rows.Scan(&d, &also, &g.Total, &g.Tasks, &g.Done, &g.Submitted, &g.Returned, &g.Overdue, &g.DueSoon); err != nil {
			return nil, Figures{}, err
		}
		sum := byDim[d]
		sum.add(g)
		byDim[d] = sum
		for _, a := range fromJSON[[]string](also) {
			sum := alsoDim[a]
			sum.add(g)
			alsoDim[a] = sum
		}
	}
	if err := rows.Err(); err != nil {
		return nil, Figures{}, err
	}
	var dims []string
	if f.PlanID != 0 && len(f.PlanIDs) == 0 {
		p, err := s.Plan(ctx, f.PlanID)
		if err != nil {
			return nil, Figures{}, err
		}
		seen := map[string]bool{}
		for _, sec := range p.Sections {
			for _, d := range append([]string{sec.Dimension}, sec.Also...) {
				if !seen[d] {
					seen[d] = true
					dims = append(dims, d)
				}
			}
		}
	} else {
		dims = dimensionsCounted(byDim, alsoDim)
	}
	sortDimensions(dims)
	var out []DimensionFigures
	var total Figures
	for _, d := range dims {
		out = append(out, DimensionFigures{Dimension: d, Figures: byDim[d], Also: alsoDim[d]})
		total.add(byDim[d])
	}
	return out, total, nil
}

// dimensionsCounted lists, unordered, the dimensions with figures of their
// own or as an also-dimension.
func dimensionsCounted(byDim, alsoDim map[string]Figures) []string {
	dims := make([]string, 0, len(byDim)+len(alsoDim))
	for d := range byDim {
		dims = append(dims, d)
	}
	for d := range alsoDim {
		if _, ok := byDim[d]; !ok {
			dims = append(dims, d)
		}
	}
	return dims
}

// sortDimensions orders D1…D8 (D10 after D9), general ("") last.
func sortDimensions(d []string) {
	key := func(s string) string {
		if s == "" {
			return "~"
		}
		if len(s) == 2 {
			return s[:1] + "0" + s[1:]
		}
		return s
	}
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && key(d[j]) < key(d[j-1]); j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}
