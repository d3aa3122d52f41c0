package tthc

import (
	"context"
	"database/sql"
	"fmt"
)

// indexPageTrend is how many periods the index page's trend shows, the
// asked one the last.
const indexPageTrend = 6

// IndexPageFigures are the kept values the index page reads: the index of
// unit over p with its breakdowns, and its trend. The page and the warm-up
// at start (WarmIndexPage) go through here, so what the warm-up computes is
// under the very keys the page looks up.
func (s *Store) IndexPageFigures(ctx context.Context, unit UnitInfo, p Period) (IndexReport, []IndexReport, error) {
	rep, err := s.Index(ctx, unit, p, IndexOptions{Breakdowns: true})
	if err != nil {
		return IndexReport{}, nil, err
	}
	trend, err := s.Trend(ctx, unit, p, indexPageTrend)
	return rep, trend, err
}

// DefaultPeriod is the period the index page shows when none is asked for:
// the current month.
func (s *Store) DefaultPeriod() Period { return MonthOf(s.now()) }

// WarmIndexPage computes ahead, and keeps, the figures of unit's index page
// as a visitor who asks for no period opens it. The catalogue, units and
// calendar the index reads are kept with them.
func (s *Store) WarmIndexPage(ctx context.Context, unit UnitInfo) error {
	_, _, err := s.IndexPageFigures(ctx, unit, s.DefaultPeriod())
	return err
}

// Roots lists at most limit open units that have no parent (a province),
// in path order, as Unit reads them (so an index kept for one is under the
// key the pages use).
func (s *Store) Roots(ctx context.Context, limit int) ([]UnitInfo, error) {
	var out []UnitInfo
	err := eachRow(ctx, s.db.R, `SELECT id, code, name, path FROM units
WHERE parent_id IS NULL AND valid_to IS NULL ORDER BY path LIMIT $1`, []any{limit}, func(r *sql.Rows) error {
		var u UnitInfo
		if err := r.Scan(&u.ID, &u.Code, &u.Name, &u.Path); err != nil {
			return err
		}
		out = append(out, u)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tthc: roots: %w", err)
	}
	return out, nil
}
