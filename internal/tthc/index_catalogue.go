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
// latest audit entry of each (two index probes, catalogueVersion) tells
// every process whether what it kept still holds. An entry also ages out
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

// indexCatalogue is indexProcedures of the subtree at path, kept while the
// catalogue is unchanged. The slices are shared: callers must not modify
// them.
func (s *Store) indexCatalogue(ctx context.Context, path string) ([]Procedure, []string, error) {
	v, err := s.catalogueVersion(ctx)
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	c := &s.catalogues
	c.mu.Lock()
	kept, ok := c.entries[path]
	c.mu.Unlock()
	if ok && kept.version == v && now.Sub(kept.at) < catalogueMaxAge {
		return kept.procs, kept.keys, nil
	}
	procs, keys, err := s.indexProcedures(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= keptCatalogueMax {
		c.entries = map[string]keptCatalogue{}
	}
	// read after v: it holds at least what v names, and a later change
	// gives another version
	c.entries[path] = keptCatalogue{version: v, at: now, procs: procs, keys: keys}
	c.mu.Unlock()
	return procs, keys, nil
}

func (s *Store) catalogueVersion(ctx context.Context) (catalogueVersion, error) {
	var p, u sql.NullInt64
	err := s.db.Heavy(ctx).QueryRowContext(ctx, `SELECT (SELECT MAX(id) FROM audit_log WHERE entity = 'tthc_procedures'),
	(SELECT MAX(id) FROM audit_log WHERE entity = 'units')`).Scan(&p, &u)
	if err != nil {
		return catalogueVersion{}, fmt.Errorf("tthc: catalogue version: %w", err)
	}
	return catalogueVersion{p.Int64, u.Int64}, nil
}
