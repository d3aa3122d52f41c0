package tthc

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
