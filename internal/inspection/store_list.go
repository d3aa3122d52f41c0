package inspection

import (
	"context"
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
)

// query gathers a WHERE clause and its arguments.
type query struct {
	conds []string
	args  []any
}

// arg adds a value and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return fmt.Sprintf("$%d", len(q.args))
}

func (q *query) where() string {
	if len(q.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.conds, " AND ")
}

// page adds LIMIT and OFFSET for one page and one row more (db.TrimPage).
func (q *query) page(page, perPage int) string {
	perPage = perPageOf(perPage)
	page = max(page, 1)
	return " LIMIT " + q.arg(perPage+1) + " OFFSET " + q.arg((page-1)*perPage)
}

// perPageOf is a page's length: 50 unless given.
func perPageOf(n int) int {
	if n <= 0 {
		return 50
	}
	return n
}

// RecFilter narrows a list of recommendations.
type RecFilter struct {
	Scope            string // the following units' path prefix
	ResponsibleScope string // the responsible units' path prefix
	ConclusionID     int64
	// Status keeps the recommendations with that status on On (default
	// today): a Status, "open" (not done), or "strict" (overdue, done late
	// or a repeat violation).
	Status string
	Kind   Kind
	On     time.Time
	// DeadlineBy keeps those due by that day; zero for any.
	DeadlineBy time.Time
	Page       int
	PerPage    int
}

// statusCondition is Recommendation.StatusOn (and Strict) written as SQL,
// day adding the day as an argument and giving its placeholder (only when
// used: PostgreSQL refuses an argument it cannot type);
// TestTheStatusFilterAgreesWithTheRule checks the two agree.
func statusCondition(status string, day func() string) (string, bool) {
	switch status {
	case string(StatusOverdue):
		return "r.progress <> 'done' AND r.deadline < " + day(), true
	case string(StatusDone):
		return "r.progress = 'done'", true
	case string(StatusNotStarted), string(StatusInProgress), string(StatusPartlyDone):
		return "r.progress = '" + status + "' AND r.deadline >= " + day(), true
	case "open":
		return "r.progress <> 'done'", true
	case "strict":
		return "((r.progress <> 'done' AND r.deadline < " + day() + ") OR (r.progress = 'done' AND r.done_on > r.deadline) OR r.repeat_of IS NOT NULL)", true
	}
	return "", false
}

func (f RecFilter) query() query {
	var q query
	if f.ConclusionID != 0 {
		q.conds = append(q.conds, "r.conclusion_id = "+q.arg(f.ConclusionID))
	}
	if f.Scope != "" {
		q.conds = append(q.conds, inScope("r.unit_id", q.arg(escapeLike(f.Scope)+"%")))
	}
	if f.ResponsibleScope != "" {
		q.conds = append(q.conds, inScope("r.responsible_id", q.arg(escapeLike(f.ResponsibleScope)+"%")))
	}
	if f.Kind != "" {
		q.conds = append(q.conds, "r.kind = "+q.arg(string(f.Kind)))
	}
	if !f.DeadlineBy.IsZero() {
		q.conds = append(q.conds, "r.deadline <= "+q.arg(fmtDay(f.DeadlineBy)))
	}
	if f.Status != "" {
		on := f.On
		if on.IsZero() {
			on = time.Now()
		}
		if cond, ok := statusCondition(f.Status, func() string { return q.arg(fmtDay(on)) }); ok {
			q.conds = append(q.conds, cond)
		} else {
			q.conds = append(q.conds, "1 = 0")
		}
	}
	return q
}

// Recommendations lists one page of recommendations: a conclusion's in
// their order, any other list by deadline. more says a next page exists.
// The page's ids are picked from the recommendations' own indexes first
// and only those rows are joined with their units and conclusions: a
// department's overdue list sorts thousands of rows otherwise.
func (s *Store) Recommendations(ctx context.Context, f RecFilter) ([]Recommendation, bool, error) {
	q := f.query()
	order := " ORDER BY r.deadline, r.id"
	if f.ConclusionID != 0 {
		order = " ORDER BY r.seq"
	}
	ids, err := s.ids(ctx, "SELECT r.id FROM inspection_recommendations r"+q.where()+order+q.page(f.Page, f.PerPage), q.args...)
	if err != nil {
		return nil, false, fmt.Errorf("inspection: recommendations: %w", err)
	}
	ids, more := db.TrimPage(ids, perPageOf(f.PerPage))
	if len(ids) == 0 {
		return nil, more, nil
	}
	var in query
	marks := make([]string, len(ids))
	for i, id := range ids {
		marks[i] = in.arg(id)
	}
	rows, err := s.db.R.QueryContext(ctx, recommendationColumns+" WHERE r.id IN ("+strings.Join(marks, ", ")+")", in.args...)
	if err != nil {
		return nil, false, fmt.Errorf("inspection: recommendations: %w", err)
	}
	defer rows.Close()
	byID := map[int64]Recommendation{}
	for rows.Next() {
		r, err := scanRecommendation(rows)
		if err != nil {
			return nil, false, fmt.Errorf("inspection: recommendations: %w", err)
		}
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	out := make([]Recommendation, 0, len(ids))
	for _, id := range ids {
		out = append(out, byID[id])
	}
	return out, more, nil
}

// ids runs a query of ids.
func (s *Store) ids(ctx context.Context, sqlText string, args ...any) ([]int64, error) {
	rows, err := s.db.R.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Filter narrows the list of conclusions.
type Filter struct {
	Scope   string // the following units' path prefix
	Query   string // words of the number, issuer, subjects or summary, any diacritics
	Source  Source
	Year    int // issued in that year; 0 for any
	Page    int
	PerPage int
}

// ConclusionRow is a conclusion as listed, with its recommendations
// counted on the list's day.
type ConclusionRow struct {
	Conclusion
	Total, Done, Overdue int
	AmountDue, Recovered int64
}

// Conclusions lists one page of conclusions, latest first.
func (s *Store) Conclusions(ctx context.Context, f Filter, on time.Time) ([]ConclusionRow, bool, error) {
	var q query
	q.conds = append(q.conds, inScope("c.unit_id", q.arg(escapeLike(f.Scope)+"%")))
	if words := strings.Fields(vn.Fold(f.Query)); len(words) > 0 {
		for _, w := range words {
			q.conds = append(q.conds, "c.search_fold LIKE "+q.arg("%"+escapeLike(w)+"%")+` ESCAPE '\'`)
		}
	}
	if f.Source != "" {
		q.conds = append(q.conds, "c.source = "+q.arg(string(f.Source)))
	}
	if f.Year != 0 {
		q.conds = append(q.conds, "c.issued_on >= "+q.arg(fmt.Sprintf("%04d-01-01", f.Year)), "c.issued_on <= "+q.arg(fmt.Sprintf("%04d-12-31", f.Year)))
	}
	day := q.arg(fmtDay(on))
	rows, err := s.db.R.QueryContext(ctx, "SELECT "+conclusionColumns+`,
	(SELECT COUNT(*) FROM inspection_recommendations r WHERE r.conclusion_id = c.id),
	(SELECT COUNT(*) FROM inspection_recommendations r WHERE r.conclusion_id = c.id AND r.progress = 'done'),
	(SELECT COUNT(*) FROM inspection_recommendations r WHERE r.conclusion_id = c.id AND r.progress <> 'done' AND r.deadline < `+day+`),
	(SELECT COALESCE(SUM(r.amount_due), 0) FROM inspection_recommendations r WHERE r.conclusion_id = c.id),
	(SELECT COALESCE(SUM(r.amount_recovered), 0) FROM inspection_recommendations r WHERE r.conclusion_id = c.id)`+
		conclusionFrom+q.where()+" ORDER BY c.issued_on DESC, c.id DESC"+q.page(f.Page, f.PerPage), q.args...)
	if err != nil {
		return nil, false, fmt.Errorf("inspection: conclusions: %w", err)
	}
	defer rows.Close()
	var out []ConclusionRow
	for rows.Next() {
		var row ConclusionRow
		var ds dayScanner
		var src string
		c := &row.Conclusion
		if err := rows.Scan(&c.ID, &c.UnitID, &c.UnitName, &c.Number, ds.day(&c.IssuedOn), ds.day(&c.ReceivedOn), &c.Issuer, &src, &c.Subjects, &c.Summary,
			&c.DirectiveNumber, ds.day(&c.DirectiveOn), &c.CheckID, &row.Total, &row.Done, &row.Overdue, &row.AmountDue, &row.Recovered); err != nil {
			return nil, false, err
		}
		if err := ds.parse(); err != nil {
			return nil, false, err
		}
		c.Source = Source(src)
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	out, more := db.TrimPage(out, perPageOf(f.PerPage))
	return out, more, nil
}
