package tthc

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"papihub/internal/platform/db"
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
	Received    int64             `json:"received"` // dossiers received in the period, with or without breakdowns
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

// aggRow is a summed aggregate of one unit and procedure. The index reads
// the unit and procedure here; a's UnitID and ProcedureCode may be empty.
type aggRow struct {
	unit, proc int64
	a          DailyAggregate
}

// Unit returns the unit with id.
func (s *Store) Unit(ctx context.Context, id int64) (UnitInfo, error) {
	var u UnitInfo
	err := s.db.Heavy(ctx).QueryRowContext(ctx, "SELECT id, code, name, path FROM units WHERE id = $1", id).Scan(&u.ID, &u.Code, &u.Name, &u.Path)
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
	err := s.db.Heavy(ctx).QueryRowContext(ctx, "SELECT id, code, name, path FROM units WHERE code = $1", code).Scan(&u.ID, &u.Code, &u.Name, &u.Path)
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
	// UnitsOnly, with Breakdowns, computes only the breakdown by child
	// unit (the province view ranks units and shows no procedure).
	UnitsOnly bool
}

// Index computes the service index of unit's subtree over period from the
// aggregates (never the dossiers), the catalogue and the counts entered for
// the period, scored with the table in force at the period's end. An index
// computed earlier is given again while no change in its scope (IndexScope)
// was audited since (see audit.Cache): the report is shared, callers must
// not modify it.
func (s *Store) Index(ctx context.Context, unit UnitInfo, p Period, opt IndexOptions) (IndexReport, error) {
	// The change is read where the aggregates are (a replica may lag).
	return s.indexes.GetAhead(ctx, s.db.Heavy(ctx), IndexScope, indexKey{unit, p, opt.Breakdowns, opt.UnitsOnly}, func(ctx context.Context) (IndexReport, error) {
		s.computed.Add(1)
		return s.computeIndex(ctx, unit, p, opt)
	})
}

func (s *Store) computeIndex(ctx context.Context, unit UnitInfo, p Period, opt IndexOptions) (IndexReport, error) {
	rep := IndexReport{Unit: unit, Period: p, PeriodLabel: p.Label(), Sources: map[string]string{}}
	overdue, err := s.overdueRead(ctx, p) // kept a minute: rarely a statement
	if err != nil {
		return rep, err
	}
	// The period's reads and the catalogue, units and calendar (kept while
	// unchanged: one small statement tells) need nothing of each other:
	// their statements go together (db.ReadAll), the register's reads
	// beside them.
	var (
		rows           []aggRow
		manual         []manualRow
		fb             feedbackInputs
		readErr, fbErr error
	)
	inputs, stmts := s.beginInputs(unit, p, opt.Breakdowns)
	stmts = append(stmts, s.aggregatesRead(unit.Path, p, overdue, &rows), s.manualRead(unit.Path, p, &manual))
	reads := []func(){func() {
		if readErr = s.db.ReadAll(ctx, s.db.HeavyGeneric(ctx), stmts...); readErr != nil {
			readErr = fmt.Errorf("tthc: index reads: %w", readErr)
		}
	}}
	if s.feedback != nil {
		reads = append(reads, func() { fb, fbErr = s.readFeedback(ctx, unit, p) })
	}
	s.readTogether(reads...)
	if err := cmp.Or(readErr, fbErr); err != nil {
		return rep, err
	}
	in, err := s.finishInputs(ctx, inputs)
	if err != nil {
		return rep, err
	}
	procs, sortKeys, children, childOf, cal := in.procs, in.keys, in.children, in.childOf, in.cal
	ix := newIndexer(ScoringTableAt(p.To), cal, p, s.feedback != nil)
	// The register's complaints and dislikes about dossiers are rows like
	// the aggregates' (Disapproved, on the period's first day), so every
	// breakdown deducts them where their dossier is.
	rows = append(rows, fb.disapproved...)

	var entered map[string]Count
	var enteredFeedback map[int64]map[string]Count
	for _, m := range manual {
		if ix.feedback && isFeedbackMetric(m.metric) {
			enteredFeedback = addManualByUnit(enteredFeedback, m)
			continue
		}
		entered = addManual(entered, m)
	}
	pl := placeInputs(procs, children, childOf, opt.Breakdowns)
	tallies := ix.tallyAll(rows, procs, &pl)
	total := subsetCounts{own: tallies.total.counts(), entered: entered}
	if ix.feedback {
		total.register = feedbackCounts(fb.units, enteredFeedback)
	}
	rep.Result = ix.score(&total, nil)
	rep.Received = tallies.total.sum.Received
	// a later source replaces an earlier one, as in subsetCounts.of
	for m := range ownMetrics {
		rep.Sources[ownMetricNames[m]] = "dossiers"
		if m >= firstCatalogueMetric {
			rep.Sources[ownMetricNames[m]] = "catalogue"
		}
	}
	for m := range total.entered {
		rep.Sources[m] = "manual"
	}
	if ix.feedback {
		rep.Sources["DOSSIER_RECEIVING_SATISFACTION"] = "dossiers_reception"
		for m := range total.register {
			rep.Sources[m] = "reception"
		}
		for _, byMetric := range enteredFeedback {
			for m := range byMetric {
				rep.Sources[m] = "reception_manual"
			}
		}
	}
	for _, g := range ix.table.Groups {
		for _, in := range g.Indicators {
			if _, ok := rep.Sources[in.Metric]; !ok {
				rep.Sources[in.Metric] = "none"
			}
		}
	}
	if !opt.Breakdowns {
		return rep, nil
	}

	ix.breakdowns(&rep, &tallies, &pl, procs, sortKeys, manual, children, opt.UnitsOnly, fb.units)
	return rep, nil
}

// breakdowns adds the index of each child unit, each procedure with
// dossiers in the period and each field of those procedures to rep, from
// their tallies. sortKeys[i] is the stored sort key of procs[i]'s name.
func (ix *indexer) breakdowns(rep *IndexReport, tallies *indexTallies, pl *placement, procs []Procedure, sortKeys []string,
	manual []manualRow, children []UnitInfo, unitsOnly bool, feedback []FeedbackUnit) {
	// The counts entered and the register's feedback are put in their
	// child unit's group once, rather than each child filtering all of them.
	childEntered := make([]map[string]Count, len(children))
	childEnteredFeedback := make([]map[int64]map[string]Count, len(children))
	for _, m := range manual {
		if c := pl.child(m.unit); c >= 0 {
			if ix.feedback && isFeedbackMetric(m.metric) {
				childEnteredFeedback[c] = addManualByUnit(childEnteredFeedback[c], m)
				continue
			}
			childEntered[c] = addManual(childEntered[c], m)
		}
	}
	childFeedback := groupInto(feedback, len(children), func(f FeedbackUnit) int { return pl.child(f.UnitID) }, func(f FeedbackUnit) FeedbackUnit { return f })

	for c, u := range children {
		t := &tallies.byChild[c]
		counts := subsetCounts{own: t.counts(), entered: childEntered[c]}
		if ix.feedback {
			counts.register = feedbackCounts(childFeedback[c], childEnteredFeedback[c])
		}
		rep.ByUnit = append(rep.ByUnit, ix.row(u.ID, u.Code, u.Name, &counts, t))
	}
	if unitsOnly {
		return
	}

	rep.ByProcedure = make([]BreakdownRow, 0, len(procs))
	procKeys := make([]string, 0, len(procs))
	scored := make([]bool, len(pl.fields))
	for i, pr := range procs {
		t := &tallies.byProc[i]
		counts := subsetCounts{own: t.counts()}
		if counts.own[mOnlineSubmitted].Den == 0 && counts.own[mProgressOnTime].Den == 0 {
			continue // no dossier in the period: nothing to compare
		}
		rep.ByProcedure = append(rep.ByProcedure, ix.row(pr.ID, pr.Code, pr.Name, &counts, t))
		procKeys = append(procKeys, sortKeys[i])
		scored[pl.fieldOf[i]] = true
	}
	if len(rep.ByProcedure) == 0 {
		rep.ByProcedure = nil // like the other lists when nothing is in them
	}
	var fieldKeys []string
	for f, field := range pl.fields {
		if !scored[f] {
			continue
		}
		t := &tallies.byField[f]
		counts := subsetCounts{own: t.counts()}
		label := field
		if label == "" {
			label = "(chưa rõ lĩnh vực)"
		}
		rep.ByField = append(rep.ByField, ix.row(0, field, label, &counts, t))
		fieldKeys = append(fieldKeys, vn.SortKey(label))
	}
	rep.ByProcedure = weakestFirst(rep.ByProcedure, procKeys)
	rep.ByField = weakestFirst(rep.ByField, fieldKeys)
}

// groupInto puts val(x) of each item x in group key(x) of n (in none when
// key(x) < 0), in the items' order. The groups are runs of one slice sized
// by a first count, not a slice grown by appends each.
func groupInto[T, V any](items []T, n int, key func(T) int, val func(T) V) [][]V {
	keys := make([]int, len(items))
	start := make([]int, n+1)
	for i, x := range items {
		if keys[i] = key(x); keys[i] >= 0 {
			start[keys[i]+1]++
		}
	}
	for k := range n {
		start[k+1] += start[k]
	}
	all := make([]V, start[n])
	groups := make([][]V, n)
	for k := range groups {
		groups[k] = all[start[k]:start[k]:start[k+1]]
	}
	for i, x := range items {
		if k := keys[i]; k >= 0 {
			groups[k] = append(groups[k], val(x))
		}
	}
	return groups
}

// addManual adds an entered count to a metric's, allocating the map on
// first use.
func addManual(entered map[string]Count, m manualRow) map[string]Count {
	if entered == nil {
		entered = map[string]Count{}
	}
	c := entered[m.metric]
	c.Num, c.Den = c.Num+m.count.Num, c.Den+m.count.Den
	entered[m.metric] = c
	return entered
}

// addManualByUnit keeps an entered count under its unit, for the metrics
// whose entered counts replace a source unit by unit (feedbackCounts).
func addManualByUnit(entered map[int64]map[string]Count, m manualRow) map[int64]map[string]Count {
	if entered == nil {
		entered = map[int64]map[string]Count{}
	}
	if entered[m.unit] == nil {
		entered[m.unit] = map[string]Count{}
	}
	c := entered[m.unit][m.metric]
	c.Num, c.Den = c.Num+m.count.Num, c.Den+m.count.Den
	entered[m.unit][m.metric] = c
	return entered
}

// weakestFirst orders breakdown rows by total, weakest first (what drags the
// score down), then by label in Vietnamese order, keys[i] being the sort key
// of rows[i]'s label, then by id and key. Comparing keys costs a fraction of
// vn.Less. For procedures the keys are the stored sort_key (vn.SortKey of the
// name), so this is the order a stable sort with vn.Less gave the catalogue
// listed by sort_key and id.
func weakestFirst(rows []BreakdownRow, keys []string) []BreakdownRow {
	if len(rows) == 0 {
		return rows
	}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		if c := cmp.Compare(rows[i].Total, rows[j].Total); c != 0 {
			return c
		}
		if c := strings.Compare(keys[i], keys[j]); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(rows[i].ID, rows[j].ID), strings.Compare(rows[i].Key, rows[j].Key))
	})
	out := make([]BreakdownRow, len(rows))
	for k, i := range order {
		out[k] = rows[i]
	}
	return out
}

// subtreeChildren are the units of a subtree the breakdowns read: its
// children in their order, the child each unit of the subtree lies under,
// and the catalogue's version read with them (keptCatalogues).
type subtreeChildren struct {
	children []UnitInfo
	childOf  map[int64]int
	version  catalogueVersion
	members  []unitUnder // until resolve
}

// unitUnder is a unit of a subtree and the id of the child it lies under.
type unitUnder struct{ unit, child int64 }

// subtreeRead reads the units of unit's subtree into out: its children in
// their order (sort key), the child each unit of the subtree lies under
// (the id that follows unit's path in the unit's path, "/1/" → "/1/7/9/" →
// 7), and in the same statement the catalogue's version. out.resolve
// finishes it once the rows are read.
func (s *Store) subtreeRead(unit UnitInfo, out *subtreeChildren) db.Read {
	from, below := subtreeBounds(unit.Path)
	return db.Read{Query: `SELECT id, parent_id, code, name, path, ` + catalogueVersionColumns + ` FROM units WHERE ` +
		s.db.Dialect.Bytewise("path") + ` >= $1 AND ` + s.db.Dialect.Bytewise("path") + ` < $2 ORDER BY sort_key, id`, Args: []any{from, below},
		Row: func(scan func(...any) error) error {
			var u UnitInfo
			var parent, vp, vu sql.NullInt64
			if err := scan(&u.ID, &parent, &u.Code, &u.Name, &u.Path, &vp, &vu); err != nil {
				return fmt.Errorf("tthc: index units: %w", err)
			}
			out.version = catalogueVersion{vp.Int64, vu.Int64}
			if parent.Valid && parent.Int64 == unit.ID {
				out.children = append(out.children, u)
			}
			rest := strings.TrimPrefix(u.Path, unit.Path)
			if first, _, ok := strings.Cut(rest, "/"); ok && rest != u.Path {
				child, err := strconv.ParseInt(first, 10, 64)
				if err != nil {
					return fmt.Errorf("tthc: index units: unit %d: path %q", u.ID, u.Path)
				}
				out.members = append(out.members, unitUnder{u.ID, child})
			}
			return nil
		}}
}

// resolve puts each unit read by subtreeRead under its child's place in
// children.
func (c *subtreeChildren) resolve() {
	index := make(map[int64]int, len(c.children))
	for i, u := range c.children {
		index[u.ID] = i
	}
	c.childOf = make(map[int64]int, len(c.members))
	for _, m := range c.members {
		if i, ok := index[m.child]; ok {
			c.childOf[m.unit] = i
		}
	}
	c.members = nil
}

// aggregatesRead reads into out the sums of the aggregate rows of the
// subtree at path per unit and procedure: the period's rows (Day = p.From) and, for the overdue count at the
// period's end, the overdue deltas before it (Day = p.From − 1). Both come
// from one statement, each read from the fewest rows that cover its days
// (spansOf, overdueRead). When the second is read from the running total
// it is already the count at the period's end: the period's own deltas,
// counted in it, are left out of the period's rows.
func (s *Store) aggregatesRead(path string, p Period, overdue overdueRead, out *[]aggRow) db.Read {
	from, below := subtreeBounds(path)
	q, args := s.aggregatesQuery(p, overdue, []any{from, below})
	var a aggRow // scanned into, then copied: one list of destinations for all rows
	var before int64
	dst := []any{&before, &a.unit, &a.proc}
	for _, f := range aggregateFields(&a.a) {
		dst = append(dst, f)
	}
	return db.Read{Query: q, Args: args, Row: func(scan func(...any) error) error {
		if err := scan(dst...); err != nil {
			return fmt.Errorf("tthc: index aggregates: %w", err)
		}
		a.a.Day = p.From
		if before == 1 {
			a.a.Day--
		} else if overdue.total {
			a.a.OverdueDelta = 0
		}
		*out = append(*out, a)
		return nil
	}}
}

// aggregatesQuery is the statement of aggregates, its first column telling
// the period's rows (0) from the overdue deltas before it or the count at
// its end (1, as overdue says; only where they do not sum to 0). args holds the subtree's bounds ($1, $2);
// the spans' keys are added.
func (s *Store) aggregatesQuery(p Period, overdue overdueRead, args []any) (string, []any) {
	subtree := s.subtreeByPath(1)
	span := func(t aggSpan, columns string) string {
		args = append(args, t.lo, t.hi)
		return "SELECT unit_id, procedure_id, " + columns + " FROM " + t.table + " WHERE unit_id IN (" + subtree + ") AND " +
			t.key + " >= $" + strconv.Itoa(len(args)-1) + " AND " + t.key + " <= $" + strconv.Itoa(len(args))
	}
	sums := make([]string, len(aggregateColumns))
	zeros := make([]string, len(aggregateColumns))
	for i, c := range aggregateColumns {
		// PostgreSQL sums bigints as numeric; the cast keeps them int8.
		sums[i], zeros[i] = "CAST(SUM("+c+") AS BIGINT)", "0"
	}
	zeros[len(zeros)-1] = sums[len(sums)-1]
	const groupBy = " GROUP BY unit_id, procedure_id"
	var q strings.Builder
	q.WriteString("SELECT 0, ")
	// One year, month or day has one row per unit and procedure (the
	// primary key is key, unit_id, procedure_id): nothing to sum, and
	// SQLite's GROUP BY would sort the rows first.
	switch in := spansOf(p.From, p.To); {
	case len(in) == 1 && in[0].lo == in[0].hi:
		q.WriteString(strings.TrimPrefix(span(in[0], strings.Join(aggregateColumns, ", ")), "SELECT "))
	case len(in) == 1:
		q.WriteString(strings.TrimPrefix(span(in[0], strings.Join(sums, ", ")), "SELECT ") + groupBy)
	default:
		parts := make([]string, len(in))
		for i, t := range in {
			parts[i] = span(t, strings.Join(aggregateColumns, ", "))
		}
		q.WriteString("unit_id, procedure_id, " + strings.Join(sums, ", ") + " FROM (" + strings.Join(parts, " UNION ALL ") + ") r" + groupBy)
	}
	// The overdue deltas of archived days live on in tthc_carry (archive.go);
	// tthc_overdue_total holds every day's (overdue_total.go).
	base := "tthc_carry"
	if overdue.total {
		base = "tthc_overdue_total"
	}
	parts := []string{"SELECT unit_id, procedure_id, overdue_delta FROM " + base + " WHERE unit_id IN (" + subtree + ")"}
	for _, t := range overdue.add {
		parts = append(parts, span(t, "overdue_delta"))
	}
	for _, t := range overdue.subtract {
		parts = append(parts, span(t, "-overdue_delta"))
	}
	q.WriteString(" UNION ALL SELECT 1, unit_id, procedure_id, " + strings.Join(zeros, ", ") +
		" FROM (" + strings.Join(parts, " UNION ALL ") + ") b" + groupBy + " HAVING SUM(overdue_delta) <> 0")
	return q.String(), args
}

// RawCounts is the best plain SQL over the dossier table for the three
// counts the index is made of (received in the period, judged in it, judged
// on time), the baseline the benchmark holds the aggregates to: each count
// reads only its period's rows through an index on (unit, date), and the
// judged count is the sum of two disjoint ranges (ended in the period with a
// verdict; still open or ended after it, but overdue by its end).
func (s *Store) RawCounts(ctx context.Context, path string, p Period) (received, judged, onTime int64, err error) {
	units := subtreeUnits(1)
	count := func(where string) string {
		return "(SELECT COUNT(*) FROM tthc_dossiers WHERE unit_id IN (" + units + ") AND " + where + ")"
	}
	err = s.db.Heavy(ctx).QueryRowContext(ctx, "SELECT "+
		count("received_day BETWEEN $2 AND $3")+", "+
		count("end_day BETWEEN $2 AND $3 AND verdict > 0")+" + "+count("overdue_from <= $3 AND (end_day IS NULL OR end_day > $3)")+", "+
		count("end_day BETWEEN $2 AND $3 AND verdict IN (1, 2)"),
		escapeLike(path)+"%", p.From.String(), p.To.String()).Scan(&received, &judged, &onTime)
	return
}

type manualRow struct {
	unit   int64
	metric string
	count  Count
}

// manualCounts reads the counts entered for units of the subtree at path
// over periods within p.
func (s *Store) manualCounts(ctx context.Context, path string, p Period) ([]manualRow, error) {
	var out []manualRow
	if err := s.db.ReadAll(ctx, s.db.HeavyGeneric(ctx), s.manualRead(path, p, &out)); err != nil {
		return nil, fmt.Errorf("tthc: manual counts: %w", err)
	}
	return out, nil
}

func (s *Store) manualRead(path string, p Period, out *[]manualRow) db.Read {
	from, below := subtreeBounds(path)
	return db.Read{Query: `SELECT unit_id, metric, CAST(SUM(numerator) AS BIGINT), CAST(SUM(denominator) AS BIGINT) FROM tthc_manual_counts
WHERE unit_id IN (` + s.subtreeByPath(1) + `) AND period_from >= $3 AND period_to <= $4 GROUP BY unit_id, metric`,
		Args: []any{from, below, p.From.String(), p.To.String()}, Row: func(scan func(...any) error) error {
			var m manualRow
			if err := scan(&m.unit, &m.metric, &m.count.Num, &m.count.Den); err != nil {
				return fmt.Errorf("tthc: manual counts: %w", err)
			}
			*out = append(*out, m)
			return nil
		}}
}

// Trend computes the total and the progress indicator over n periods of
// p's kind ending with p.
func (s *Store) Trend(ctx context.Context, unit UnitInfo, p Period, n int) ([]IndexReport, error) {
	var out []IndexReport
	for _, q := range p.Trend(n) {
		r, err := s.Index(ctx, unit, q, IndexOptions{})
		if errors.Is(err, ErrArchived) {
			continue // the trend starts at the first live year
		}
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
