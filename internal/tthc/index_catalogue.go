package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// keptCatalogues keeps the index's reading of each subtree's catalogue
// (indexProcedures) while neither a procedure nor a unit changed: at a
// province's 1,500 procedures reading it was a third of the index's time,
// yet what changes between two computations of an index is the dossiers
// (an import or a sync), almost never the catalogue. Every change to a
// procedure or a unit is audited in the transaction that makes it, so the
// latest audit entry of each (two index probes, catalogueVersion, read in
// the catalogue's statement) tells every process whether what it kept still
// holds. An entry also ages out
// after catalogueMaxAge: on PostgreSQL audit ids are taken in insert order,
// not commit order (as for audit.Cache).
type keptCatalogues struct {
	mu      sync.Mutex
	entries map[string]keptCatalogue // by subtree path
}

type keptCatalogue struct {
	version catalogueVersion
	at      time.Time
	procs   []Procedure
	keys    []string
}

// catalogueVersion names the latest audited change to the procedures and
// to the units (a unit moved takes its procedures to another subtree).
type catalogueVersion struct{ procedures, units int64 }

const (
	catalogueMaxAge  = time.Minute
	keptCatalogueMax = 256 // subtrees; when full the store starts again empty
)

// indexCatalogue is the catalogue of the subtree at path as the index reads
// it (indexProcedures), kept while the catalogue is unchanged. The slices
// are shared: callers must not modify them.
func (s *Store) indexCatalogue(ctx context.Context, path string) ([]Procedure, []string, error) {
	c := &s.catalogues
	c.mu.Lock()
	kept, ok := c.entries[path]
	c.mu.Unlock()
	// Nothing kept (a subtree's first index): the catalogue is read with
	// its version at once, no round trip asks the version first.
	if ok && time.Since(kept.at) < catalogueMaxAge {
		v, err := s.catalogueVersion(ctx)
		if err != nil {
			return nil, nil, err
		}
		if v == kept.version {
			return kept.procs, kept.keys, nil
		}
	}
	now := time.Now()
	procs, keys, v, err := s.indexProcedures(ctx, path)
	if err != nil || len(procs) == 0 {
		return procs, keys, err // an empty catalogue has no version to keep it by
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= keptCatalogueMax {
		c.entries = map[string]keptCatalogue{}
	}
	c.entries[path] = keptCatalogue{version: v, at: now, procs: procs, keys: keys}
	c.mu.Unlock()
	return procs, keys, nil
}

// catalogueVersionColumns read the catalogueVersion.
const catalogueVersionColumns = `(SELECT MAX(id) FROM audit_log WHERE entity = 'tthc_procedures'),
	(SELECT MAX(id) FROM audit_log WHERE entity = 'units')`

func (s *Store) catalogueVersion(ctx context.Context) (catalogueVersion, error) {
	var p, u sql.NullInt64
	if err := s.db.Heavy(ctx).QueryRowContext(ctx, `SELECT `+catalogueVersionColumns).Scan(&p, &u); err != nil {
		return catalogueVersion{}, fmt.Errorf("tthc: catalogue version: %w", err)
	}
	return catalogueVersion{p.Int64, u.Int64}, nil
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
	err := eachRow(ctx, s.db.Heavy(ctx), `SELECT id, unit_id, code, name, sort_key, field, statutory_amount, statutory_unit, fee,
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
