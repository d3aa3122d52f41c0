package tthc

// ownMetric is a metric the index counts from its own inputs: the dossiers
// (through the aggregates) or the catalogue. A subset's counts are a fixed
// array indexed by ownMetric, not a map per subset: a province's year is
// broken down into some 1,600 subsets, and building and reading their maps
// was most of the breakdowns' time and allocations.
type ownMetric int8

const (
	mDossierSync ownMetric = iota
	mProgressOnTime
	mOnlineSubmitted
	mPaymentDossierOnline
	mOriginalResultAvailable
	mDigitised
	mCertifiedCopy
	mReusedData
	mPersonalStorage
	mPopulationData
	mReceivingSatisfaction
	// the two procedure-level ratios the dossiers reveal
	mOnlineWithDossiers
	mPaymentFormalityTransaction
	// the catalogue's (CatalogueCounts)
	mPublishOnTime
	mPublicContentFull
	mOnlineProvided
	mPaymentFormalityIntegrated
	ownMetrics

	// noOwnMetric stands for a metric the index does not count itself.
	noOwnMetric ownMetric = -1
)

// The ranges of ownMetric by source.
const (
	firstProcedureMetric = mOnlineWithDossiers
	firstCatalogueMetric = mPublishOnTime
)

var ownMetricNames = [ownMetrics]string{
	mDossierSync:                 "DOSSIER_SYNC",
	mProgressOnTime:              "PROGRESS_ON_TIME",
	mOnlineSubmitted:             "ONLINE_SUBMITTED",
	mPaymentDossierOnline:        "PAYMENT_DOSSIER_ONLINE",
	mOriginalResultAvailable:     "ORIGINAL_RESULT_AVAILABLE",
	mDigitised:                   "SO_HOA_GIAY_TO_GIAI_QUYET",
	mCertifiedCopy:               "ELECTRONIC_CERTIFIED_COPY",
	mReusedData:                  "REUSED_DIGITIZED_DATA",
	mPersonalStorage:             "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
	mPopulationData:              "CITIZEN_DATA_CONNECTED_DOSSIER",
	mReceivingSatisfaction:       "DOSSIER_RECEIVING_SATISFACTION",
	mOnlineWithDossiers:          "ONLINE_WITH_DOSSIERS",
	mPaymentFormalityTransaction: "PAYMENT_FORMALITY_TRANSACTION",
	mPublishOnTime:               "PUBLISH_ON_TIME",
	mPublicContentFull:           "PUBLIC_CONTENT_FULL",
	mOnlineProvided:              "ONLINE_PROVIDED",
	mPaymentFormalityIntegrated:  "PAYMENT_FORMALITY_INTEGRATED",
}

// ownMetricOf is the ownMetric named metric, or noOwnMetric.
func ownMetricOf(metric string) ownMetric {
	for m, name := range ownMetricNames {
		if name == metric {
			return ownMetric(m)
		}
	}
	return noOwnMetric
}

// ownCounts are a subset's counts of the metrics the index counts itself.
type ownCounts [ownMetrics]Count

// catalogueShare is one procedure's part of the catalogue's counts, indexed
// by ownMetric − firstCatalogueMetric.
type catalogueShare [ownMetrics - firstCatalogueMetric]Count

// tally sums a subset's inputs: its aggregate rows, its procedures and the
// dossiers of its procedures. CountsFromAggregates and CatalogueCounts sum
// into one too, so the formulas are written once (counts).
type tally struct {
	sum     DailyAggregate // the counters of the rows of the period
	overdue int64          // open and overdue at the period's end
	// procedures that apply and are offered online, of them those with a
	// dossier submitted online in the period; the same for a fee and a fee
	// paid online
	online, onlineUsed, fee, feePaid int64
	catalogue                        catalogueShare
}

// addRow adds an aggregate row of any day: the rows of days from..to are
// summed, and the overdue deltas of every day up to to.
func (t *tally) addRow(r *DailyAggregate, from, to Day) {
	if r.Day <= to {
		t.overdue += r.OverdueDelta
	}
	if r.Day < from || r.Day > to {
		return
	}
	t.sum.Add(*r)
}

// addProcedure adds a procedure that applies, with whether a dossier of the
// subset was submitted online in the period (usedOnline) and one paid
// online (paidOnline).
func (t *tally) addProcedure(terms ProcedureTerms, usedOnline, paidOnline bool) {
	if terms.OnlineService {
		t.online++
		t.onlineUsed += b2i(usedOnline)
	}
	if terms.FeeBearing {
		t.fee++
		t.feePaid += b2i(paidOnline)
	}
}

// addShare adds a procedure's part of the catalogue's counts.
func (t *tally) addShare(s *catalogueShare) {
	for i := range s {
		t.catalogue[i].Num += s[i].Num
		t.catalogue[i].Den += s[i].Den
	}
}

// counts are the counts of the tally; CountsFromAggregates says what each
// means.
func (t *tally) counts() ownCounts {
	sum := &t.sum
	judged := sum.Handled + t.overdue
	var c ownCounts
	c[mDossierSync] = Count{sum.Synced, sum.Received}
	c[mProgressOnTime] = Count{sum.HandledEarly + sum.HandledOnTime, judged}
	c[mOnlineSubmitted] = Count{sum.ReceivedOnline, sum.Received}
	c[mPaymentDossierOnline] = Count{sum.PaidOnline, sum.FeeBearing}
	c[mOriginalResultAvailable] = Count{sum.ElectronicResult, sum.Resolved}
	c[mDigitised] = Count{sum.Digitised, sum.Received}
	c[mCertifiedCopy] = Count{sum.CertifiedCopy, sum.Received}
	c[mReusedData] = Count{sum.ReusedData, sum.Received}
	c[mPersonalStorage] = Count{sum.PersonalStorage, sum.Digitised}
	c[mPopulationData] = Count{sum.PopulationData, sum.Received}
	c[mReceivingSatisfaction] = Count{max(sum.Received-(sum.HandledLate+t.overdue+sum.Disapproved), 0), sum.Received}
	c[mOnlineWithDossiers] = Count{t.onlineUsed, t.online}
	c[mPaymentFormalityTransaction] = Count{t.feePaid, t.fee}
	copy(c[firstCatalogueMetric:], t.catalogue[:])
	return c
}

// shareOf is p's part of CatalogueCounts for days from..to.
func shareOf(p *Procedure, cal *Calendar, from, to Day) catalogueShare {
	var s catalogueShare
	if !p.Applies() {
		return s
	}
	publish := &s[mPublishOnTime-firstCatalogueMetric]
	if !p.DecisionDate.IsZero() {
		d := DayOf(p.DecisionDate)
		if d > to {
			return s // not yet decided in this period
		}
		if d >= from {
			publish.Den++
			if !p.PublishedDate.IsZero() && DayOf(p.PublishedDate) <= cal.AddWorkingDays(d, PublishDeadline) {
				publish.Num++
			}
		}
	}
	s[mPublicContentFull-firstCatalogueMetric] = Count{b2i(p.Parts.Full()), 1}
	s[mOnlineProvided-firstCatalogueMetric] = Count{b2i(p.Terms().OnlineService), 1}
	if p.Fee > 0 {
		s[mPaymentFormalityIntegrated-firstCatalogueMetric] = Count{b2i(p.PaymentIntegrated), 1}
	}
	return s
}

// countsMap is the map of c's metrics from first up to (not including) end.
func (c *ownCounts) countsMap(first, end ownMetric) map[string]Count {
	out := make(map[string]Count, end-first)
	for m := first; m < end; m++ {
		out[ownMetricNames[m]] = c[m]
	}
	return out
}
