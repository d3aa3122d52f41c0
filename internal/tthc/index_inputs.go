package tthc

// PublishDeadline is the number of working days after its publication
// decision within which a procedure must be made public in the national
// database to count as published on time (our reading of Decree 63/2010
// art. 15 as amended by Decree 92/2017; kept here so it can change).
const PublishDeadline = 5

// CatalogueCounts computes the indicators our procedure catalogue
// determines, for the procedures applying during days from..to:
//   - PUBLISH_ON_TIME: procedures whose publication decision falls in the
//     period, made public within PublishDeadline working days of it;
//   - PUBLIC_CONTENT_FULL: procedures in force with all seven parts public;
//   - ONLINE_PROVIDED: procedures in force offered online (partial or full);
//   - PAYMENT_FORMALITY_INTEGRATED: fee-bearing procedures in force that are
//     integrated for payment on the national portal.
//
// PUBLIC_UPDATE_ON_TIME is entered for a period (manual counts) since our
// data does not determine it; the feedback indicators come from the
// reception register when it is wired in (index_feedback.go), entered
// counts otherwise.
func CatalogueCounts(procs []Procedure, cal *Calendar, from, to Day) map[string]Count {
	var t tally
	for i := range procs {
		share := shareOf(&procs[i], cal, from, to)
		t.addShare(&share)
	}
	c := t.counts()
	return c.countsMap(firstCatalogueMetric, ownMetrics)
}
