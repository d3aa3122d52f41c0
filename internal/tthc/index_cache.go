package tthc

import "context"

// indexKey names one index a Store computed and keeps (Store.indexes, an
// audit.Cache): the index page alone asks for seven (the period with its
// breakdowns and a six-period trend), each reading the aggregates again,
// while dossiers change only when an audited import or action changes them.
type indexKey struct {
	unit       UnitInfo
	period     Period
	breakdowns bool
	unitsOnly  bool
}

// ComputeIndex computes the index as Index does, without the cache: what the
// first page after a change waits for. The benchmarks time this, since a
// cached index costs one indexed read whatever the data.
func (s *Store) ComputeIndex(ctx context.Context, unit UnitInfo, p Period, opt IndexOptions) (IndexReport, error) {
	return s.computeIndex(ctx, unit, p, opt)
}

// IndexesComputed counts the indexes Index computed, rather than gave from
// what it keeps, since the store was made: a request that finds its
// figures kept (warmed at start, or computed by an earlier request) adds
// nothing.
func (s *Store) IndexesComputed() int64 { return s.computed.Load() }
