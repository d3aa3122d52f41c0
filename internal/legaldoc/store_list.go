package legaldoc

import (
	"context"
	"fmt"
	"strings"
	"time"

	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
)

// Filter narrows the register's list.
type Filter struct {
	Scope  string // unit path prefix: the register of those units
	UnitID int64  // one unit's register; 0 for the whole scope
	Query  string // words of the number, type, title, issuer or field, any diacritics
	Type   string
	// Status keeps the documents with that status on On (default today);
	// "applies" keeps those with some effect (in force, partly expired,
	// suspended).
	Status  string
	On      time.Time
	Page    int
	PerPage int
}

// statusCondition is Timeline.StatusOn written as SQL over the stored
// derived columns, for the list's status filter; arg is the placeholder of
// the day. TestTheStatusFilterAgreesWithTheRule checks the two agree.
func statusCondition(status string, arg string) (string, bool) {
	inEffect := "d.effective_from <= " + arg
	notEnded := "(d.expired_on = '' OR d.expired_on > " + arg + ")"
	suspended := "EXISTS (SELECT 1 FROM legal_relations r WHERE r.target_id = d.id AND r.kind = 'suspends' AND r.effective_on <= " + arg +
		" AND (r.until_on = '' OR r.until_on >= " + arg + "))"
	partly := "(d.partly_from <> '' AND d.partly_from <= " + arg + ")"
	switch Status(status) {
	case NotYetInForce:
		return "d.effective_from > " + arg, true
	case Expired:
		return inEffect + " AND NOT " + notEnded, true
	case Suspended:
		return inEffect + " AND " + notEnded + " AND " + suspended, true
	case PartlyExpired:
		return inEffect + " AND " + notEnded + " AND NOT " + suspended + " AND " + partly, true
	case InForce:
		return inEffect + " AND " + notEnded + " AND NOT " + suspended + " AND NOT " + partly, true
	}
	if status == "applies" {
		return inEffect + " AND " + notEnded, true
	}
	return "", false
}

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

func (f Filter) query() query {
	var q query
	if f.UnitID != 0 {
		q.conds = append(q.conds, "d.unit_id = "+q.arg(f.UnitID))
	} else {
		q.conds = append(q.conds, "d.unit_id IN (SELECT id FROM units WHERE path LIKE "+q.arg(escapeLike(f.Scope)+"%")+` ESCAPE '\')`)
	}
	for _, w := range strings.Fields(vn.Fold(f.Query)) {
		q.conds = append(q.conds, "d.search_fold LIKE "+q.arg("%"+escapeLike(w)+"%")+` ESCAPE '\'`)
	}
	if f.Type != "" {
		q.conds = append(q.conds, "d.doc_type = "+q.arg(f.Type))
	}
	if f.Status != "" {
		on := f.On
		if on.IsZero() {
			on = time.Now()
		}
		if cond, ok := statusCondition(f.Status, q.arg(fmtDay(on))); ok {
			q.conds = append(q.conds, cond)
		}
	}
	return q
}

// Documents lists one page of the register, latest issued first.
func (s *Store) Documents(ctx context.Context, f Filter) ([]Document, bool, error) {
	if f.PerPage <= 0 {
		f.PerPage = 50
	}
	if f.Page <= 0 {
		f.Page = 1
	}
	q := f.query()
	rows, err := s.db.R.QueryContext(ctx, "SELECT "+documentColumns+documentFrom+q.where()+
		fmt.Sprintf(" ORDER BY d.issued_on DESC, d.number_key LIMIT %d OFFSET %d", f.PerPage+1, (f.Page-1)*f.PerPage), q.args...)
	if err != nil {
		return nil, false, fmt.Errorf("legaldoc: documents: %w", err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, false, fmt.Errorf("legaldoc: documents: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	out, more := db.TrimPage(out, f.PerPage)
	return out, more, nil
}

// Types lists the document types the registers of scope use, for the
// filter.
func (s *Store) Types(ctx context.Context, scope string) ([]string, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT DISTINCT d.doc_type FROM legal_documents d
WHERE d.unit_id IN (SELECT id FROM units WHERE path LIKE $1 ESCAPE '\') ORDER BY d.doc_type`, escapeLike(scope)+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// StatusesOn gives the status of every document of the registers of scope
// on day, by document ID: the stored timelines read in one pass, suspensions
// in a second, and the rule applied in memory.
func (s *Store) StatusesOn(ctx context.Context, scope string, on time.Time) (map[int64]Status, error) {
	tls, err := s.timelines(ctx, scope)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Status, len(tls))
	for id, t := range tls {
		out[id] = t.StatusOn(on)
	}
	return out, nil
}

// Counts tallies the documents of scope by their status on day.
func (s *Store) Counts(ctx context.Context, scope string, on time.Time) (map[Status]int, error) {
	st, err := s.StatusesOn(ctx, scope, on)
	if err != nil {
		return nil, err
	}
	out := map[Status]int{}
	for _, v := range st {
		out[v]++
	}
	return out, nil
}

// timelines reads the stored timelines of scope's documents.
func (s *Store) timelines(ctx context.Context, scope string) (map[int64]Timeline, error) {
	units := `(SELECT id FROM units WHERE path LIKE $1 ESCAPE '\')`
	pattern := escapeLike(scope) + "%"
	rows, err := s.db.R.QueryContext(ctx, `SELECT d.id, d.effective_from, d.expired_on, d.partly_from FROM legal_documents d WHERE d.unit_id IN `+units, pattern)
	if err != nil {
		return nil, fmt.Errorf("legaldoc: timelines: %w", err)
	}
	defer rows.Close()
	out := make(map[int64]Timeline, 1024)
	var id int64
	var eff, exp, part string
	for rows.Next() {
		if err := rows.Scan(&id, &eff, &exp, &part); err != nil {
			return nil, err
		}
		var t Timeline
		var err error
		if t.EffectiveFrom, err = parseDay(eff); err != nil {
			return nil, err
		}
		if t.ExpiredOn, err = parseDay(exp); err != nil {
			return nil, err
		}
		if t.PartlyFrom, err = parseDay(part); err != nil {
			return nil, err
		}
		out[id] = t
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	srows, err := s.db.R.QueryContext(ctx, `SELECT r.target_id, r.effective_on, r.until_on FROM legal_relations r WHERE r.kind = 'suspends' AND r.unit_id IN `+units, pattern)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var sp Span
		var ds dayScanner
		if err := srows.Scan(&id, ds.day(&sp.From), ds.day(&sp.To)); err != nil {
			return nil, err
		}
		if err := ds.parse(); err != nil {
			return nil, err
		}
		t := out[id]
		t.Suspensions = append(t.Suspensions, sp)
		out[id] = t
	}
	return out, srows.Err()
}
