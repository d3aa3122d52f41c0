package tthc

import (
	"math"
	"sort"
)

// ProcedureTerms is what the index needs to know about a procedure.
type ProcedureTerms struct {
	Statutory     ProcessingTime
	OnlineService bool // offered online, partially or full-process
	FeeBearing    bool // has a fee or charge
}

// DailyAggregate holds one day's counters for one unit and procedure. Rows
// are additive: summing them over a date range gives the dossier-derived
// counts of the index for that range (CountsFromAggregates), so storage can
// keep them up to date at write time by adding a dossier's Contributions and
// subtracting its previous ones.
type DailyAggregate struct {
	Day           Day
	UnitID        string
	ProcedureCode string

	// Counted on the day the dossier was received.
	Received        int64 // dossiers received
	ReceivedOnline  int64 // … submitted online (channel 2)
	Synced          int64 // … synchronised to the national portal
	FeeBearing      int64 // … with a fee due
	PaidOnline      int64 // … fee-bearing and paid online
	Digitised       int64 // … with digitised components
	PersonalStorage int64 // … digitised and linked to the citizen's store
	ReusedData      int64 // … reusing digitised data
	CertifiedCopy   int64 // … with an electronic certified copy
	PopulationData  int64 // … using the population database

	// Counted on the day processing ended.
	Handled          int64 // ended and judged (Undetermined excluded)
	HandledEarly     int64
	HandledOnTime    int64
	HandledLate      int64
	Resolved         int64 // ended by 9 or 10
	ElectronicResult int64 // resolved with an electronic result
	Disapproved      int64 // handled, with a complaint or a dislike

	// OverdueDelta is +1 on the first day a dossier is open and overdue and
	// −1 on the day it ends: its sum over every row up to day P is the number
	// of dossiers open and overdue at the end of P.
	OverdueDelta int64
}

type aggregateKey struct {
	day             Day
	unit, procedure string
}

// Contributions returns the rows dossier d adds to the aggregates, judged
// with everything known about it now (Classify at the end of time): the day
// it was received, the day it ended, and the overdue interval. A dossier
// whose last supplement is unanswered is ended at the request (domain.md §3)
// until the citizen answers; the next write then moves its contribution.
func Contributions(d Dossier, cal *Calendar, terms ProcedureTerms) []DailyAggregate {
	return contributionsOf(d, classify(d, cal, terms.Statutory, farFuture, false))
}

// contributionsOf is Contributions for the outcome o of Classify at the end
// of time, for a caller that has judged d already (the importer stores the
// verdict too).
func contributionsOf(d Dossier, o Outcome) []DailyAggregate {
	out := make([]DailyAggregate, 0, 4)
	row := func(day Day) *DailyAggregate {
		for i := range out {
			if out[i].Day == day {
				return &out[i]
			}
		}
		out = append(out, DailyAggregate{Day: day, UnitID: d.UnitID, ProcedureCode: d.ProcedureCode})
		return &out[len(out)-1]
	}
	if start := d.Start(); !start.IsZero() {
		r := row(DayOf(start))
		r.Received = 1
		r.ReceivedOnline = b2i(d.Channel == ChannelOnline)
		r.Synced = b2i(d.Synced)
		if d.Fee > 0 {
			r.FeeBearing = 1
			r.PaidOnline = b2i(d.PaidOnline != PaymentNotOnline)
		}
		dg := d.Digitisation
		r.Digitised = b2i(dg.ComponentsDigitised)
		r.PersonalStorage = b2i(dg.ComponentsDigitised && dg.PersonalStorage)
		r.ReusedData = b2i(dg.ReusedData)
		r.CertifiedCopy = b2i(dg.CertifiedCopy)
		r.PopulationData = b2i(dg.PopulationData)
	}

	if o.Verdict == Undetermined {
		return out
	}
	endDay := Day(math.MaxInt32)
	if !o.Open {
		endDay = DayOf(o.End)
		r := row(endDay)
		r.Handled = 1
		r.HandledEarly = b2i(o.Verdict == Early)
		r.HandledOnTime = b2i(o.Verdict == OnTime)
		r.HandledLate = b2i(o.Verdict == Late)
		if o.Terminal == StatusResolved || o.Terminal == StatusReturned {
			r.Resolved = 1
			r.ElectronicResult = b2i(d.Digitisation.ElectronicResult)
		}
		r.Disapproved = b2i(d.Feedback.Complaint || d.Feedback.Rating == RatingDislike)
	}
	if from := overdueFrom(d, o); from < endDay {
		row(from).OverdueDelta++
		if !o.Open {
			row(endDay).OverdueDelta--
		}
	}
	return out
}

// overdueFrom is the first day on which the open dossier counts as late:
// the day after its due day, or the day of a second supplement request.
func overdueFrom(d Dossier, o Outcome) Day {
	from := DayOf(o.Due) + 1
	if sups := knownSupplements(d.Supplements, farFuture); len(sups) >= 2 {
		from = min(from, DayOf(sups[1].RequestedAt))
	}
	return from
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// Add adds b's counters to a (the key fields are a's).
func (a *DailyAggregate) Add(b DailyAggregate) {
	a.Received += b.Received
	a.ReceivedOnline += b.ReceivedOnline
	a.Synced += b.Synced
	a.FeeBearing += b.FeeBearing
	a.PaidOnline += b.PaidOnline
	a.Digitised += b.Digitised
	a.PersonalStorage += b.PersonalStorage
	a.ReusedData += b.ReusedData
	a.CertifiedCopy += b.CertifiedCopy
	a.PopulationData += b.PopulationData
	a.Handled += b.Handled
	a.HandledEarly += b.HandledEarly
	a.HandledOnTime += b.HandledOnTime
	a.HandledLate += b.HandledLate
	a.Resolved += b.Resolved
	a.ElectronicResult += b.ElectronicResult
	a.Disapproved += b.Disapproved
	a.OverdueDelta += b.OverdueDelta
}

// Aggregator folds dossiers into daily rows in memory, for the generator,
// benchmarks and tests; storage does the same with SQL upserts.
type Aggregator struct {
	Calendar *Calendar
	Terms    func(procedureCode string) ProcedureTerms
	rows     map[aggregateKey]*DailyAggregate
}

// Add folds one dossier in.
func (g *Aggregator) Add(d Dossier) {
	if g.rows == nil {
		g.rows = map[aggregateKey]*DailyAggregate{}
	}
	for _, c := range Contributions(d, g.Calendar, g.Terms(d.ProcedureCode)) {
		k := aggregateKey{c.Day, c.UnitID, c.ProcedureCode}
		if r, ok := g.rows[k]; ok {
			r.Add(c)
		} else {
			c := c
			g.rows[k] = &c
		}
	}
}

// Rows returns the aggregate rows ordered by day, unit and procedure.
func (g *Aggregator) Rows() []DailyAggregate {
	out := make([]DailyAggregate, 0, len(g.rows))
	for _, r := range g.rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Day != b.Day {
			return a.Day < b.Day
		}
		if a.UnitID != b.UnitID {
			return a.UnitID < b.UnitID
		}
		return a.ProcedureCode < b.ProcedureCode
	})
	return out
}

// CountsFromAggregates turns the rows of days from..to (inclusive) into the
// index counts that dossiers determine. procedures lists the agency's
// procedures, for the two procedure-level ratios dossiers reveal
// (ONLINE_WITH_DOSSIERS, PAYMENT_FORMALITY_TRANSACTION); pass nil to leave
// them out. The definitions, our reading of domain.md §3:
//   - PROGRESS_ON_TIME: early + on time / dossiers ended in the period plus
//     those open and overdue at its end (open ones not yet due are not
//     judged yet); Undetermined dossiers count nowhere;
//   - DOSSIER_RECEIVING_SATISFACTION: the portal's "100% − (late % + % with
//     a complaint or a dislike)" as counts, the numerator being the good
//     dossiers as the portal reports them: the dossiers received in the
//     period less the late ones (ended late in it, or open and overdue at its
//     end) and those handled in it with a complaint or a dislike, over the
//     dossiers received. The deductions are counted in the period they are
//     judged in, as PROGRESS_ON_TIME counts them; a late dossier that also drew
//     a complaint is deducted twice, as the portal's sum of two percentages
//     does;
//   - receipt ratios (sync, online, payment, digitisation) are over the
//     dossiers received in the period; ORIGINAL_RESULT_AVAILABLE is over the
//     dossiers resolved (9/10) in it; SYNCED_WITH_DVCQG_PERSONAL_STORAGE over
//     the digitised ones; ELECTRONIC_CERTIFIED_COPY over all received (we do
//     not yet know which procedures are certifications).
func CountsFromAggregates(rows []DailyAggregate, from, to Day, procedures map[string]ProcedureTerms) map[string]Count {
	var t tally
	onlineWith := map[string]bool{}
	paidWith := map[string]bool{}
	for i := range rows {
		r := &rows[i]
		t.addRow(r, from, to)
		if r.Day < from || r.Day > to {
			continue
		}
		if r.ReceivedOnline > 0 {
			onlineWith[r.ProcedureCode] = true
		}
		if r.PaidOnline > 0 {
			paidWith[r.ProcedureCode] = true
		}
	}
	if procedures == nil {
		c := t.counts()
		return c.countsMap(0, firstProcedureMetric)
	}
	for code, p := range procedures {
		t.addProcedure(p, onlineWith[code], paidWith[code])
	}
	c := t.counts()
	return c.countsMap(0, firstCatalogueMetric)
}

// Tally computes the dossier-derived counts of days from..to directly from
// dossiers: Contributions folded in memory, then CountsFromAggregates.
func Tally(dossiers func(yield func(Dossier) bool), cal *Calendar, procedures map[string]ProcedureTerms, from, to Day) map[string]Count {
	g := Aggregator{Calendar: cal, Terms: func(code string) ProcedureTerms { return procedures[code] }}
	for d := range dossiers {
		g.Add(d)
	}
	return CountsFromAggregates(g.Rows(), from, to, procedures)
}
