package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"papihub/internal/platform/db"
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

// stateRead reads the indexState into st.
func stateRead(st *indexState) db.Read {
	return db.Read{Query: `SELECT ` + catalogueVersionColumns + `,
	(SELECT MAX(id) FROM audit_log WHERE entity = 'tthc_calendar'), (SELECT MAX(year) FROM tthc_archived_years)`,
		Row: func(scan func(...any) error) error {
			var p, u, c, y sql.NullInt64
			if err := scan(&p, &u, &c, &y); err != nil {
				return fmt.Errorf("tthc: index state: %w", err)
			}
			*st = indexState{version: catalogueVersion{p.Int64, u.Int64}, calendar: c.Int64}
			if y.Valid {
				st.firstLive = int(y.Int64) + 1
			}
			return nil
		}}
}

// indexInputs are the catalogue, units and calendar an index reads.
type indexInputs struct {
	procs    []Procedure
	keys     []string // keys[i] is the stored sort key of procs[i]'s name
	children []UnitInfo
	childOf  map[int64]int
	cal      *Calendar
}

// inputsRead is the reading of an index's inputs in two steps, so that its
// statements go to the server with the period's reads (db.ReadAll): begin
// gives the statements (the state, and what is not kept), finish decides
// from the state what still holds and reads what does not.
type inputsRead struct {
	unit       UnitInfo
	p          Period
	units      bool // the breakdowns' units are wanted
	now        time.Time
	kept       keptCatalogue
	ok         bool // a fresh kept catalogue, not read again: used if its version holds
	cal        keptCalendar
	st         indexState
	in         indexInputs
	procV      catalogueVersion
	subtree    subtreeChildren
	unitsReady bool // subtree is read, not kept
}

// indexInputs gives the inputs of an index of the subtree at unit over p,
// kept while unchanged (the slices and maps are shared: callers must not
// modify them), or an ArchivedPeriodError. units tells whether the
// breakdowns' units are wanted. The index itself reads them with its other
// statements (beginInputs, finishInputs).
func (s *Store) indexInputs(ctx context.Context, unit UnitInfo, p Period, units bool) (indexInputs, error) {
	r, reads := s.beginInputs(unit, p, units)
	if err := s.db.ReadAll(ctx, s.db.HeavyGeneric(ctx), reads...); err != nil {
		return indexInputs{}, fmt.Errorf("tthc: index inputs: %w", err)
	}
	return s.finishInputs(ctx, r)
}

// beginInputs starts reading an index's inputs: the statements to run, in
// one batch with any others, before finishInputs. Nothing kept (a
// subtree's first index): the catalogue and the units are read with their
// version beside the state, so no round trip waits for another.
func (s *Store) beginInputs(unit UnitInfo, p Period, units bool) (*inputsRead, []db.Read) {
	c := &s.catalogues
	c.mu.Lock()
	kept, ok := c.entries[unit.Path]
	cal := c.calendar
	c.mu.Unlock()
	r := &inputsRead{unit: unit, p: p, units: units, now: time.Now(), kept: kept, cal: cal}
	r.ok = ok && r.fresh(kept.at)
	keptUnits := r.ok && kept.units != nil && r.fresh(kept.units.at) // used if their version holds
	reads := []db.Read{stateRead(&r.st)}
	if !r.ok {
		reads = append(reads, s.proceduresRead(unit.Path, &r.in.procs, &r.in.keys, &r.procV))
	}
	if units && !keptUnits {
		reads, r.unitsReady = append(reads, s.subtreeRead(unit, &r.subtree)), true
	}
	return r, reads
}

func (r *inputsRead) fresh(at time.Time) bool { return r.now.Sub(at) < catalogueMaxAge }

// finishInputs ends the reading begun by beginInputs, once its statements
// ran: what was kept is used if the state says it still holds, and read
// again otherwise.
func (s *Store) finishInputs(ctx context.Context, r *inputsRead) (indexInputs, error) {
	in, st, kept := &r.in, r.st, r.kept
	var again []db.Read
	if r.ok && kept.version == st.version {
		in.procs, in.keys, r.procV = kept.procs, kept.keys, kept.version
	} else if r.ok {
		r.ok = false
		again = append(again, s.proceduresRead(r.unit.Path, &in.procs, &in.keys, &r.procV))
	}
	if r.units && !r.unitsReady {
		if r.ok && kept.units.version.units == st.version.units {
			r.subtree = subtreeChildren{children: kept.units.children, childOf: kept.units.childOf, version: kept.units.version}
		} else {
			again, r.unitsReady = append(again, s.subtreeRead(r.unit, &r.subtree)), true
		}
	}
	if len(again) > 0 {
		if err := s.db.ReadAll(ctx, s.db.HeavyGeneric(ctx), again...); err != nil {
			return *in, fmt.Errorf("tthc: index inputs: %w", err)
		}
	}
	if r.unitsReady {
		r.subtree.resolve()
	}
	if r.units {
		in.children, in.childOf = r.subtree.children, r.subtree.childOf
	}
	if y, _, _ := r.p.From.Date(); st.firstLive > 0 && y < st.firstLive {
		return *in, &ArchivedPeriodError{Period: r.p.Label(), FirstLive: st.firstLive}
	}
	cal := r.cal
	if cal.cal != nil && cal.version == st.calendar && r.fresh(cal.at) {
		in.cal = cal.cal
	} else {
		// read after the state: what is kept is never older than its version
		var err error
		if in.cal, err = loadCalendar(ctx, s.db.Heavy(ctx)); err != nil {
			return *in, err
		}
		cal = keptCalendar{version: st.calendar, at: r.now, cal: in.cal}
	}

	c := &s.catalogues
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calendar = cal
	if len(in.procs) == 0 {
		return *in, nil // an empty catalogue has no version to keep it by
	}
	if !r.ok {
		kept = keptCatalogue{version: r.procV, at: r.now, procs: in.procs, keys: in.keys}
	}
	if r.units && (kept.units == nil || kept.units.version != r.subtree.version) {
		kept.units = &keptUnits{version: r.subtree.version, at: r.now, children: in.children, childOf: in.childOf}
	}
	if c.entries == nil || len(c.entries) >= keptCatalogueMax {
		c.entries = map[string]keptCatalogue{}
	}
	c.entries[r.unit.Path] = kept
	return *in, nil
}

// proceduresRead reads the catalogue of a subtree with only the columns
// the index uses, in no particular order (weakestFirst orders the
// breakdown), each procedure's stored sort key, and in the same statement
// (one snapshot) the catalogue's version.
func (s *Store) proceduresRead(path string, procs *[]Procedure, keys *[]string, v *catalogueVersion) db.Read {
	from, below := subtreeBounds(path)
	return db.Read{Query: `SELECT id, unit_id, code, name, sort_key, field, statutory_amount, statutory_unit, fee,
	online_level, payment_integrated, content_parts, decision_date, published_date, status, ` + catalogueVersionColumns + `
FROM tthc_procedures WHERE unit_id IN (` + s.subtreeByPath(1) + `)`, Args: []any{from, below},
		Row: func(scan func(...any) error) error {
			var p Procedure
			var key string
			var c procedureCodes
			var vp, vu sql.NullInt64
			if err := scan(&p.ID, &p.UnitID, &p.Code, &p.Name, &key, &p.Field, &p.Statutory.Amount, &c.unit, &p.Fee,
				&c.online, &c.pay, &c.parts, &c.decision, &c.published, &c.status, &vp, &vu); err != nil {
				return fmt.Errorf("tthc: index procedures: %w", err)
			}
			c.decode(&p)
			*procs, *keys, *v = append(*procs, p), append(*keys, key), catalogueVersion{vp.Int64, vu.Int64}
			return nil
		}}
}
