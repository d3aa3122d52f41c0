package tthc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"papihub/internal/platform/vn"
)

// UnitInfo names the unit an index is computed for.
type UnitInfo struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
	Path string `json:"-"`
}

// IndexReport is the service index of a unit's subtree over a period, with
// where each count came from and the breakdowns.
type IndexReport struct {
	Unit        UnitInfo          `json:"unit"`
	Period      Period            `json:"period"`
	PeriodLabel string            `json:"periodLabel"`
	Result      Result            `json:"result"`
	Sources     map[string]string `json:"sources"` // metric → dossiers, catalogue, manual or none
	ByUnit      []BreakdownRow    `json:"byUnit,omitempty"`
	ByProcedure []BreakdownRow    `json:"byProcedure,omitempty"`
	ByField     []BreakdownRow    `json:"byField,omitempty"`
}

// BreakdownRow is the index of one child unit, procedure or field.
type BreakdownRow struct {
	ID       int64   `json:"id,omitempty"`
	Key      string  `json:"key"`
	Label    string  `json:"label"`
	Received int64   `json:"received"`
	Judged   int64   `json:"judged"`
	OnTime   int64   `json:"onTime"`
	Total    float64 `json:"total"`
	Result   Result  `json:"result"`
}

// aggRow is a summed aggregate of one unit and procedure.
type aggRow struct {
	unit, proc int64
	a          DailyAggregate
}

// Unit returns the unit with id.
func (s *Store) Unit(ctx context.Context, id int64) (UnitInfo, error) {
	var u UnitInfo
	err := s.db.R.QueryRowContext(ctx, "SELECT id, code, name, path FROM units WHERE id = $1", id).Scan(&u.ID, &u.Code, &u.Name, &u.Path)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("tthc: unit %d: %w", id, err)
	}
	return u, nil
}

// UnitByCode returns the unit with an electronic id.
func (s *Store) UnitByCode(ctx context.Context, code string) (UnitInfo, error) {
	var u UnitInfo
	err := s.db.R.QueryRowContext(ctx, "SELECT id, code, name, path FROM units WHERE code = $1", code).Scan(&u.ID, &u.Code, &u.Name, &u.Path)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("tthc: unit %s: %w", code, err)
	}
	return u, nil
}

// IndexOptions chooses the breakdowns computed with the index.
type IndexOptions struct {
	Breakdowns bool
}

// Index computes the service index of unit's subtree over period from the
// aggregates (never the dossiers), the catalogue and the counts entered for
// the period, scored with the table in force at the period's end.
func (s *Store) Index(ctx context.Context, unit UnitInfo, p Period, opt IndexOptions) (IndexReport, error) {
	rep := IndexReport{Unit: unit, Period: p, PeriodLabel: p.Label(), Sources: map[string]string{}}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return rep, err
	}
	procs, _, err := s.Procedures(ctx, ProcedureFilter{Scope: unit.Path})
	if err != nil {
		return rep, err
	}
	rows, err := s.aggregates(ctx, unit.Path, p)
	if err != nil {
		return rep, err
	}
	manual, err := s.manualCounts(ctx, unit.Path, p)
	if err != nil {
		return rep, err
	}
	table := ScoringTableAt(p.To)
	unitPaths, err := s.unitPaths(ctx, unit.Path)
	if err != nil {
		return rep, err
	}

	// score computes the index of a subset of the rows with the procedures
	// and manual entries that belong to it; sources names where each count
	// came from (only the report's total needs it).
	score := func(subset []aggRow, ps []Procedure, manualOf func(manualRow) bool, sources bool) (Result, map[string]Count, map[string]string) {
		sel := make([]DailyAggregate, len(subset))
		for i, r := range subset {
			sel[i] = r.a
		}
		terms := make(map[string]ProcedureTerms, len(ps))
		for _, pr := range ps {
			if pr.Applies() {
				terms[strconv.FormatInt(pr.ID, 10)] = pr.Terms()
			}
		}
		counts := CountsFromAggregates(sel, p.From, p.To, terms)
		var src map[string]string
		if sources {
			src = make(map[string]string, 24)
			for m := range counts {
				src[m] = "dossiers"
			}
		}
		for m, c := range CatalogueCounts(ps, cal, p.From, p.To) {
			counts[m] = c
			if sources {
				src[m] = "catalogue"
			}
		}
		var entered map[string]Count
		for _, m := range manual {
			if manualOf(m) {
				if entered == nil {
					entered = map[string]Count{}
				}
				c := entered[m.metric]
				c.Num, c.Den = c.Num+m.count.Num, c.Den+m.count.Den
				entered[m.metric] = c
			}
		}
		for m, c := range entered {
			counts[m] = c
			if sources {
				src[m] = "manual"
			}
		}
		return Score(table, counts), counts, src
	}
	rep.Result, _, rep.Sources = score(rows, procs, func(manualRow) bool { return true }, true)
	for _, g := range table.Groups {
		for _, in := range g.Indicators {
			if _, ok := rep.Sources[in.Metric]; !ok {
				rep.Sources[in.Metric] = "none"
			}
		}
	}
	if !opt.Breakdowns {
		return rep, nil
	}
	row := func(id int64, key, label string, res Result, counts map[string]Count, subset []aggRow) BreakdownRow {
		b := BreakdownRow{ID: id, Key: key, Label: label, Total: res.Total, Result: res}
		b.Judged, b.OnTime = counts["PROGRESS_ON_TIME"].Den, counts["PROGRESS_ON_TIME"].Num
		for _, r := range subset {
			if r.a.Day >= p.From {
				b.Received += r.a.Received
			}
		}
		return b
	}
	filter := func(keep func(aggRow) bool) []aggRow {
		var out []aggRow
		for _, r := range rows {
			if keep(r) {
				out = append(out, r)
			}
		}
		return out
	}
	procField := map[int64]string{}
	for _, pr := range procs {
		procField[pr.ID] = pr.Field
	}
	byProc, byField := map[int64][]aggRow{}, map[string][]aggRow{}
	for _, r := range rows {
		byProc[r.proc] = append(byProc[r.proc], r)
		byField[procField[r.proc]] = append(byField[procField[r.proc]], r)
	}
	children, err := s.childUnits(ctx, unit.ID)
	if err != nil {
		return rep, err
	}
	for _, c := range children {
		inChild := func(unitID int64) bool { return strings.HasPrefix(unitPaths[unitID], c.Path) }
		sel := filter(func(r aggRow) bool { return inChild(r.unit) })
		var ps []Procedure
		for _, pr := range procs {
			if inChild(pr.UnitID) {
				ps = append(ps, pr)
			}
		}
		res, counts, _ := score(sel, ps, func(m manualRow) bool { return inChild(m.unit) }, false)
		rep.ByUnit = append(rep.ByUnit, row(c.ID, c.Code, c.Name, res, counts, sel))
	}
	none := func(manualRow) bool { return false }
	fields := map[string]bool{}
	for _, pr := range procs {
		sel := byProc[pr.ID]
		res, counts, _ := score(sel, []Procedure{pr}, none, false)
		if counts["ONLINE_SUBMITTED"].Den == 0 && counts["PROGRESS_ON_TIME"].Den == 0 {
			continue // no dossier in the period: nothing to compare
		}
		rep.ByProcedure = append(rep.ByProcedure, row(pr.ID, pr.Code, pr.Name, res, counts, sel))
		fields[pr.Field] = true
	}
	procsOfField := map[string][]Procedure{}
	for _, pr := range procs {
		procsOfField[pr.Field] = append(procsOfField[pr.Field], pr)
	}
	for f := range fields {
		sel := byField[f]
		res, counts, _ := score(sel, procsOfField[f], none, false)
		label := f
		if label == "" {
			label = "(chưa rõ lĩnh vực)"
		}
		rep.ByField = append(rep.ByField, row(0, f, label, res, counts, sel))
	}
	for _, list := range [][]BreakdownRow{rep.ByProcedure, rep.ByField} {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Total != list[j].Total {
				return list[i].Total < list[j].Total // weakest first: what drags the score down
			}
			return vn.Less(list[i].Label, list[j].Label)
		})
	}
	return rep, nil
}

// aggregates sums the aggregate rows of a subtree per unit and procedure:
// the period's rows (Day = p.From) and, for the overdue count at the
// period's end, the overdue deltas before it (Day = p.From − 1).
func (s *Store) aggregates(ctx context.Context, path string, p Period) ([]aggRow, error) {
	table, key := "tthc_daily", "day"
	from, to := p.From.String(), p.To.String()
	if yf, yt, ok := p.Years(); ok {
		table, key, from, to = "tthc_yearly", "year", yf, yt
	} else if mf, mt, ok := p.Months(); ok {
		table, key, from, to = "tthc_monthly", "month", mf, mt
	}
	sums := make([]string, len(aggregateColumns))
	for i, c := range aggregateColumns {
		sums[i] = "SUM(" + c + ")"
	}
	subtree := subtreeUnits(1)
	inRange := "SELECT unit_id, procedure_id, " + strings.Join(sums, ", ") + " FROM " + table +
		" WHERE unit_id IN (" + subtree + ") AND " + key + " >= $2 AND " + key + " <= $3 GROUP BY unit_id, procedure_id"
	before := "SELECT unit_id, procedure_id, SUM(overdue_delta) FROM " + table +
		" WHERE unit_id IN (" + subtree + ") AND " + key + " < $2 GROUP BY unit_id, procedure_id"
	prefix := escapeLike(path) + "%"
	var out []aggRow
	err := eachRow(ctx, s.db.R, inRange, []any{prefix, from, to}, func(r *sql.Rows) error {
		var a aggRow
		dst := []any{&a.unit, &a.proc}
		for _, f := range aggregateFields(&a.a) {
			dst = append(dst, f)
		}
		if err := r.Scan(dst...); err != nil {
			return err
		}
		a.a.Day, a.a.ProcedureCode = p.From, strconv.FormatInt(a.proc, 10)
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tthc: index aggregates: %w", err)
	}
	err = eachRow(ctx, s.db.R, before, []any{prefix, from}, func(r *sql.Rows) error {
		var a aggRow
		if err := r.Scan(&a.unit, &a.proc, &a.a.OverdueDelta); err != nil {
			return err
		}
		if a.a.OverdueDelta != 0 {
			a.a.Day, a.a.ProcedureCode = p.From-1, strconv.FormatInt(a.proc, 10)
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tthc: index overdue: %w", err)
	}
	return out, nil
}

// RawCounts is the plain SQL aggregation over the dossier table that the
// aggregates replace, for the benchmark's comparison: dossiers received in
// the period and those judged in it.
func (s *Store) RawCounts(ctx context.Context, path string, p Period) (received, judged, onTime int64, err error) {
	a, b := p.From.String(), p.To.String()
	err = s.db.R.QueryRowContext(ctx, `SELECT
	COALESCE(SUM(CASE WHEN received_day BETWEEN $2 AND $3 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN (end_day BETWEEN $2 AND $3 AND verdict > 0) OR (overdue_from <= $3 AND (end_day IS NULL OR end_day > $3)) THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN end_day BETWEEN $2 AND $3 AND verdict IN (1, 2) THEN 1 ELSE 0 END), 0)
FROM tthc_dossiers WHERE unit_id IN (`+subtreeUnits(1)+`)`, escapeLike(path)+"%", a, b).Scan(&received, &judged, &onTime)
	return
}

type manualRow struct {
	unit   int64
	metric string
	count  Count
}

func (s *Store) manualCounts(ctx context.Context, path string, p Period) ([]manualRow, error) {
	var out []manualRow
	err := eachRow(ctx, s.db.R, `SELECT unit_id, metric, SUM(numerator), SUM(denominator) FROM tthc_manual_counts
WHERE unit_id IN (`+subtreeUnits(1)+`) AND period_from >= $2 AND period_to <= $3 GROUP BY unit_id, metric`,
		[]any{escapeLike(path) + "%", p.From.String(), p.To.String()}, func(r *sql.Rows) error {
			var m manualRow
			if err := r.Scan(&m.unit, &m.metric, &m.count.Num, &m.count.Den); err != nil {
				return err
			}
			out = append(out, m)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("tthc: manual counts: %w", err)
	}
	return out, nil
}

func (s *Store) unitPaths(ctx context.Context, path string) (map[int64]string, error) {
	out := map[int64]string{}
	err := eachRow(ctx, s.db.R, "SELECT id, path FROM units WHERE path LIKE $1 ESCAPE '\\'", []any{escapeLike(path) + "%"}, func(r *sql.Rows) error {
		var id int64
		var p string
		if err := r.Scan(&id, &p); err != nil {
			return err
		}
		out[id] = p
		return nil
	})
	return out, err
}

func (s *Store) childUnits(ctx context.Context, id int64) ([]UnitInfo, error) {
	var out []UnitInfo
	err := eachRow(ctx, s.db.R, "SELECT id, code, name, path FROM units WHERE parent_id = $1 ORDER BY sort_key", []any{id}, func(r *sql.Rows) error {
		var u UnitInfo
		if err := r.Scan(&u.ID, &u.Code, &u.Name, &u.Path); err != nil {
			return err
		}
		out = append(out, u)
		return nil
	})
	return out, err
}

// Trend computes the total and the progress indicator over n periods of
// p's kind ending with p.
func (s *Store) Trend(ctx context.Context, unit UnitInfo, p Period, n int) ([]IndexReport, error) {
	var out []IndexReport
	for _, q := range p.Trend(n) {
		r, err := s.Index(ctx, unit, q, IndexOptions{})
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
