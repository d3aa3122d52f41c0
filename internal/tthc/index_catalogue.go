package tthc

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// keptCatalogues keeps what an index reads besides the period's rows while
// nothing it depends on changed: each subtree's catalogue (indexProcedures)
// and units (childrenOf), and the calendar. At a province's 1,500
// procedures reading the catalogue was a third of the index's time, and
// for one agency and month the units, the calendar and the archived years
// were three of the six statements (each a round trip on PostgreSQL); yet
// what changes between two computations of an index is the dossiers (an
// import or a sync), almost never these. Every change to a procedure, a
// unit or the calendar is audited in the transaction that makes it, so the
// latest audit entry of each (index probes, read by indexState) tells every
// process whether what it kept still holds. An entry also ages out after
// catalogueMaxAge: on PostgreSQL audit ids are taken in insert order, not
// commit order (as for audit.Cache).
type keptCatalogues struct {
	mu       sync.Mutex
	entries  map[string]keptCatalogue // by subtree path
	calendar keptCalendar
}

type keptCatalogue struct {
	version catalogueVersion
	at      time.Time
	procs   []Procedure
	keys    []string
	units   *keptUnits // nil until an index with breakdowns read them
}

// keptUnits are a subtree's children and the child each unit lies under.
type keptUnits struct {
	version  catalogueVersion
	at       time.Time
	children []UnitInfo
	childOf  map[int64]int
}

type keptCalendar struct {
	version int64 // the latest audited calendar change
	at      time.Time
	cal     *Calendar
}

// catalogueVersion names the latest audited change to the procedures and
// to the units (a unit moved takes its procedures to another subtree).
type catalogueVersion struct{ procedures, units int64 }

const (
	catalogueMaxAge  = time.Minute
	keptCatalogueMax = 256 // subtrees; when full the store starts again empty
)

// indexState is what tells whether the kept inputs still hold, and the
// first year not archived, read in one statement.
type indexState struct {
	version   catalogueVersion
	calendar  int64
	firstLive int // 0: nothing archived
}

// catalogueVersionColumns read the catalogueVersion.
const catalogueVersionColumns = `(SELECT MAX(id) FROM audit_log WHERE entity = 'tthc_procedures'),
	(SELECT MAX(id) FROM audit_log WHERE entity = 'units')`

func (s *Store) indexState(ctx context.Context) (indexState, error) {
	var p, u, c, y sql.NullInt64
	if err := s.db.HeavyGeneric(ctx).QueryRowContext(ctx, `SELECT `+catalogueVersionColumns+`,
	(SELECT MAX(id) FROM audit_log WHERE entity = 'tthc_calendar'), (SELECT MAX(year) FROM tthc_archived_years)`).Scan(&p, &u, &c, &y); err != nil {
		return indexState{}, fmt.Errorf("tthc: index state: %w", err)
	}
	st := indexState{version: catalogueVersion{p.Int64, u.Int64}, calendar: c.Int64}
	if y.Valid {
		st.firstLive = int(y.Int64) + 1
	}
	return st, nil
}

// indexInputs are the catalogue, units and calendar an index reads.
type indexInputs struct {
	procs    []Procedure
	keys     []string // keys[i] is the stored sort key of procs[i]'s name
	children []UnitInfo
	childOf  map[int64]int
	cal      *Calendar
}

// indexInputs gives the inputs of an index of the subtree at unit over p,
// kept while unchanged (the slices and maps are shared: callers must not
// modify them), or an ArchivedPeriodError. units tells whether the
// breakdowns' units are wanted.
func (s *Store) indexInputs(ctx context.Context, unit UnitInfo, p Period, units bool) (indexInputs, error) {
	c := &s.catalogues
	c.mu.Lock()
	kept, ok := c.entries[unit.Path]
	cal := c.calendar
	c.mu.Unlock()
	now := time.Now()
	fresh := func(at time.Time) bool { return now.Sub(at) < catalogueMaxAge }
	var in indexInputs
	var st indexState
	var stErr, procErr, unitErr error
	var procV, unitV catalogueVersion
	readUnits := func() { in.children, in.childOf, unitV, unitErr = s.childrenOf(ctx, unit) }
	if ok && fresh(kept.at) {
		if st, stErr = s.indexState(ctx); stErr != nil {
			return in, stErr
		}
		if kept.version == st.version {
			in.procs, in.keys, procV = kept.procs, kept.keys, kept.version
		} else {
			ok = false
			in.procs, in.keys, procV, procErr = s.indexProcedures(ctx, unit.Path)
		}
		if units && ok && kept.units != nil && kept.units.version.units == st.version.units && fresh(kept.units.at) {
			in.children, in.childOf, unitV = kept.units.children, kept.units.childOf, kept.units.version
		} else if units {
			readUnits()
		}
	} else {
		// Nothing kept (a subtree's first index): the catalogue and the
		// units are read with their version beside the state, no round
		// trip waits for another.
		ok = false
		reads := []func(){
			func() { st, stErr = s.indexState(ctx) },
			func() { in.procs, in.keys, procV, procErr = s.indexProcedures(ctx, unit.Path) },
		}
		if units {
			reads = append(reads, readUnits)
		}
		s.readTogether(reads...)
	}
	if err := cmp.Or(stErr, procErr, unitErr); err != nil {
		return in, err
	}
	if y, _, _ := p.From.Date(); st.firstLive > 0 && y < st.firstLive {
		return in, &ArchivedPeriodError{Period: p.Label(), FirstLive: st.firstLive}
	}
	if cal.cal != nil && cal.version == st.calendar && fresh(cal.at) {
		in.cal = cal.cal
	} else {
		// read after the state: what is kept is never older than its version
		var err error
		if in.cal, err = loadCalendar(ctx, s.db.Heavy(ctx)); err != nil {
			return in, err
		}
		cal = keptCalendar{version: st.calendar, at: now, cal: in.cal}
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	c.calendar = cal
	if len(in.procs) == 0 {
		return in, nil // an empty catalogue has no version to keep it by
	}
	if !ok {
		kept = keptCatalogue{version: procV, at: now, procs: in.procs, keys: in.keys}
	}
	if units && (kept.units == nil || kept.units.version != unitV) {
		kept.units = &keptUnits{version: unitV, at: now, children: in.children, childOf: in.childOf}
	}
	if c.entries == nil || len(c.entries) >= keptCatalogueMax {
		c.entries = map[string]keptCatalogue{}
	}
	c.entries[unit.Path] = kept
	return in, nil
}

// indexProcedures reads the catalogue of a subtree with only the columns
// the index uses, in no particular order (weakestFirst orders the
// breakdown), each procedure's stored sort key, and in the same statement
// (one snapshot) the catalogue's version.
func (s *Store) indexProcedures(ctx context.Context, path string) ([]Procedure, []string, catalogueVersion, error) {
	from, below := subtreeBounds(path)
	var procs []Procedure
	var keys []string
	var v catalogueVersion
	err := eachRow(ctx, s.db.HeavyGeneric(ctx), `SELECT id, unit_id, code, name, sort_key, field, statutory_amount, statutory_unit, fee,
	online_level, payment_integrated, content_parts, decision_date, published_date, status, `+catalogueVersionColumns+`
FROM tthc_procedures WHERE unit_id IN (`+s.subtreeByPath(1)+`)`, []any{from, below}, func(r *sql.Rows) error {
		var p Procedure
		var key string
		var c procedureCodes
		var vp, vu sql.NullInt64
		if err := r.Scan(&p.ID, &p.UnitID, &p.Code, &p.Name, &key, &p.Field, &p.Statutory.Amount, &c.unit, &p.Fee,
			&c.online, &c.pay, &c.parts, &c.decision, &c.published, &c.status, &vp, &vu); err != nil {
			return err
		}
		c.decode(&p)
		procs, keys, v = append(procs, p), append(keys, key), catalogueVersion{vp.Int64, vu.Int64}
		return nil
	})
	if err != nil {
		return nil, nil, v, fmt.Errorf("tthc: index procedures: %w", err)
	}
	return procs, keys, v, nil
}
