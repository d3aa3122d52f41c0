package tthc

// indexer scores subsets of one index's inputs.
type indexer struct {
	table    *ScoringTable
	cal      *Calendar
	p        Period
	feedback bool        // the reception register feeds the feedback metrics
	own      []ownMetric // the ownMetric of each indicator of table, by position (scoreWith)
	arena    scoreArena  // the parts of the Results
}

func newIndexer(table *ScoringTable, cal *Calendar, p Period, feedback bool) *indexer {
	ix := &indexer{table: table, cal: cal, p: p, feedback: feedback}
	for _, g := range table.Groups {
		for _, in := range g.Indicators {
			ix.own = append(ix.own, ownMetricOf(in.Metric))
		}
	}
	return ix
}

// subsetCounts are the counts of a subset by source: a metric's count is
// the reception register's for the feedback metrics (with the counts
// entered for its units already in it, feedbackCounts), else the one
// entered for the period if any, else the one the catalogue or the
// dossiers give (0/0 when none has it). Looking up the sources in turn
// saves merging them into a new map for each breakdown row.
type subsetCounts struct {
	own               ownCounts
	entered, register map[string]Count
}

func (c *subsetCounts) of(m ownMetric, metric string) Count {
	if n, ok := c.register[metric]; ok {
		return n
	}
	if n, ok := c.entered[metric]; ok {
		return n
	}
	if m == noOwnMetric {
		return Count{}
	}
	return c.own[m]
}

// score scores a subset, its Result's parts taken from arena (which may be
// nil).
func (ix *indexer) score(c *subsetCounts, arena *scoreArena) Result {
	return scoreWith(ix.table, func(k int, metric string) Count { return c.of(ix.own[k], metric) }, arena)
}

// row is the breakdown row of a subset with counts c and tally t.
func (ix *indexer) row(id int64, key, label string, c *subsetCounts, t *tally) BreakdownRow {
	res := ix.score(c, &ix.arena)
	b := BreakdownRow{ID: id, Key: key, Label: label, Total: res.Total, Result: res}
	progress := c.of(mProgressOnTime, ownMetricNames[mProgressOnTime])
	b.Judged, b.OnTime = progress.Den, progress.Num
	// the received of the period's rows: no row lies after the period
	// (aggregates), those before it carry only overdue deltas
	b.Received = t.sum.Received
	return b
}

// placement says which subsets each aggregate row and procedure of an
// index belong to: besides the whole subtree, the child unit its unit lies
// under, its procedure and its procedure's field. Only the procedures are
// placed when the index has no breakdowns.
type placement struct {
	breakdowns bool
	procOf     map[int64]int // procedure id → index in the catalogue read
	children   int
	childOf    map[int64]int // unit of the subtree → its child's index
	procChild  []int         // procedure → its unit's child, or -1
	fields     []string      // in the catalogue's order of first use
	fieldOf    []int         // procedure → field
	unknown    int           // the field "" (rows of procedures missing from the catalogue), or -1
}

func placeInputs(procs []Procedure, children []UnitInfo, childOf map[int64]int, breakdowns bool) placement {
	pl := placement{breakdowns: breakdowns, procOf: make(map[int64]int, len(procs)), unknown: -1}
	for i, pr := range procs {
		pl.procOf[pr.ID] = i
	}
	if !breakdowns {
		return pl
	}
	pl.children, pl.childOf = len(children), childOf
	pl.procChild, pl.fieldOf = make([]int, len(procs)), make([]int, len(procs))
	fieldIndex := map[string]int{}
	for i, pr := range procs {
		pl.procChild[i] = pl.child(pr.UnitID)
		f, ok := fieldIndex[pr.Field]
		if !ok {
			f = len(pl.fields)
			fieldIndex[pr.Field] = f
			pl.fields = append(pl.fields, pr.Field)
		}
		pl.fieldOf[i] = f
	}
	if f, ok := fieldIndex[""]; ok {
		pl.unknown = f
	}
	return pl
}

// child is the index of the child unit that unit lies under, or -1.
func (pl *placement) child(unit int64) int {
	if c, ok := pl.childOf[unit]; ok {
		return c
	}
	return -1
}

// proc is the index of the procedure with id, or -1.
func (pl *placement) proc(id int64) int {
	if i, ok := pl.procOf[id]; ok {
		return i
	}
	return -1
}

// indexTallies are the tallies of one index: of the whole subtree and,
// with breakdowns, of each child unit, each procedure and each field.
type indexTallies struct {
	total                    tally
	byChild, byProc, byField []tally
}

// tallyAll sums the index's rows and procedures into the tallies of every
// subset in one pass, each row and procedure adding to the subsets it lies
// in (placement). They are the tallies CountsFromAggregates and
// CatalogueCounts give over each subset's rows and procedures; in
// particular a child unit's procedure counts as used online when a row of
// that child unit has a dossier of it submitted online in the period.
func (ix *indexer) tallyAll(rows []aggRow, procs []Procedure, pl *placement) indexTallies {
	from, to := ix.p.From, ix.p.To
	var t indexTallies
	if pl.breakdowns {
		t.byChild, t.byProc, t.byField = make([]tally, pl.children), make([]tally, len(procs)), make([]tally, len(pl.fields))
	}
	// whether a dossier of the procedure was submitted (paid) online in
	// the period: in any unit of the subtree, and in its own child unit
	type use struct{ online, paid, onlineInChild, paidInChild bool }
	used := make([]use, len(procs))
	for i := range rows {
		r := &rows[i]
		t.total.addRow(&r.a, from, to)
		proc, child := pl.proc(r.proc), -1
		if pl.breakdowns {
			if child = pl.child(r.unit); child >= 0 {
				t.byChild[child].addRow(&r.a, from, to)
			}
			field := pl.unknown
			if proc >= 0 {
				t.byProc[proc].addRow(&r.a, from, to)
				field = pl.fieldOf[proc]
			}
			if field >= 0 {
				t.byField[field].addRow(&r.a, from, to)
			}
		}
		if proc < 0 || r.a.Day < from || r.a.Day > to {
			continue
		}
		u := &used[proc]
		inChild := child >= 0 && child == pl.procChild[proc]
		if r.a.ReceivedOnline > 0 {
			u.online = true
			u.onlineInChild = u.onlineInChild || inChild
		}
		if r.a.PaidOnline > 0 {
			u.paid = true
			u.paidInChild = u.paidInChild || inChild
		}
	}
	for i := range procs {
		p := &procs[i]
		share := shareOf(p, ix.cal, from, to)
		applies, terms, u := p.Applies(), p.Terms(), used[i]
		add := func(t *tally, online, paid bool) {
			if applies {
				t.addProcedure(terms, online, paid)
			}
			t.addShare(&share)
		}
		add(&t.total, u.online, u.paid)
		if !pl.breakdowns {
			continue
		}
		if c := pl.procChild[i]; c >= 0 {
			add(&t.byChild[c], u.onlineInChild, u.paidInChild)
		}
		add(&t.byProc[i], u.online, u.paid)
		add(&t.byField[pl.fieldOf[i]], u.online, u.paid)
	}
	return t
}
