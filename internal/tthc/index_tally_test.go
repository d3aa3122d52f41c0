package tthc

import (
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// tallyAll gives every subset the counts CountsFromAggregates and
// CatalogueCounts give over that subset's rows and procedures, filtered one
// by one (the computation the index did before, and the one the raw tally
// Tally ends in): on random inputs with what the generated province lacks:
// rows of units outside every child, rows of a procedure of another child
// unit (a unit moved since), of procedures missing from the catalogue,
// abolished procedures, procedures without a field, decisions before, in
// and after the period, overdue deltas before the period.
func TestTallyAllMatchesTheFilteredCounts(t *testing.T) {
	cal := seed
	p, _ := ParsePeriod("2026-03")
	rng := rand.New(rand.NewPCG(7, 7))
	// units 1 (the root), 10..13 under child 0, 20..22 under child 1, 30 under child 2
	children := []UnitInfo{{ID: 10}, {ID: 20}, {ID: 30}}
	childOf := map[int64]int{10: 0, 11: 0, 12: 0, 13: 0, 20: 1, 21: 1, 22: 1, 30: 2}
	units := []int64{1, 10, 11, 12, 13, 20, 21, 22, 30}
	fields := []string{"Đất đai", "Xây dựng", "", "Tư pháp"}
	var procs []Procedure
	for i := range 60 {
		pr := Procedure{ID: int64(100 + i), UnitID: units[rng.IntN(len(units))], Field: fields[rng.IntN(len(fields))],
			Online: []OnlineLevel{OnlineNone, OnlinePartial, OnlineFull}[rng.IntN(3)], Fee: int64(rng.IntN(2)) * 50000,
			PaymentIntegrated: rng.IntN(2) == 0, Parts: ContentParts(rng.IntN(2)) * AllParts}
		if rng.IntN(6) == 0 {
			pr.Status = Abolished
		}
		if rng.IntN(2) == 0 {
			decided := p.From.At(0, 0).AddDate(0, 0, rng.IntN(60)-20)
			pr.DecisionDate, pr.PublishedDate = decided, decided.Add(time.Duration(rng.IntN(12*24))*time.Hour)
		}
		procs = append(procs, pr)
	}
	var rows []aggRow
	for range 400 {
		unit := units[rng.IntN(len(units))]
		proc := int64(100 + rng.IntN(64)) // 160..163: not in the catalogue
		day := p.From
		if rng.IntN(4) == 0 {
			day--
		}
		a := DailyAggregate{Day: day, ProcedureCode: strconv.FormatInt(proc, 10), OverdueDelta: int64(rng.IntN(5) - 2)}
		if day >= p.From {
			a.Received = int64(rng.IntN(20))
			a.ReceivedOnline, a.FeeBearing = int64(rng.IntN(2))*a.Received/2, int64(rng.IntN(3))
			a.PaidOnline = int64(rng.IntN(2)) * a.FeeBearing
			a.Synced, a.Digitised, a.PersonalStorage = a.Received/2, a.Received/3, a.Received/4
			a.ReusedData, a.CertifiedCopy, a.PopulationData = a.Received/5, int64(rng.IntN(2)), a.Received/6
			a.Handled = int64(rng.IntN(20))
			a.HandledEarly, a.HandledOnTime = a.Handled/3, a.Handled/3
			a.HandledLate = a.Handled - a.HandledEarly - a.HandledOnTime
			a.Resolved, a.ElectronicResult, a.Disapproved = a.Handled/2, a.Handled/4, int64(rng.IntN(2))
		}
		rows = append(rows, aggRow{unit: unit, proc: proc, a: a})
	}

	ix := newIndexer(ScoringTableAt(p.To), cal, p, false)
	pl := placeInputs(procs, children, childOf, true)
	got := ix.tallyAll(rows, procs, &pl)

	want := func(keepRow func(aggRow) bool, keepProc func(Procedure) bool) ownCounts {
		var sel []DailyAggregate
		for _, r := range rows {
			if keepRow(r) {
				sel = append(sel, r.a)
			}
		}
		var ps []Procedure
		terms := map[string]ProcedureTerms{}
		for _, pr := range procs {
			if keepProc(pr) {
				ps = append(ps, pr)
				if pr.Applies() {
					terms[strconv.FormatInt(pr.ID, 10)] = pr.Terms()
				}
			}
		}
		var c ownCounts
		for m, n := range CountsFromAggregates(sel, p.From, p.To, terms) {
			c[ownMetricOf(m)] = n
		}
		for m, n := range CatalogueCounts(ps, cal, p.From, p.To) {
			c[ownMetricOf(m)] = n
		}
		return c
	}
	check := func(name string, tl *tally, w ownCounts) {
		if c := tl.counts(); !reflect.DeepEqual(c, w) {
			for m := range ownMetrics {
				if c[m] != w[m] {
					t.Errorf("%s %s: %v, want %v", name, ownMetricNames[m], c[m], w[m])
				}
			}
		}
	}
	all := func(aggRow) bool { return true }
	check("subtree", &got.total, want(all, func(Procedure) bool { return true }))
	for c := range children {
		check("child "+strconv.Itoa(c), &got.byChild[c], want(func(r aggRow) bool { return pl.child(r.unit) == c },
			func(pr Procedure) bool { return pl.child(pr.UnitID) == c }))
	}
	for i, pr := range procs {
		check("procedure "+strconv.FormatInt(pr.ID, 10), &got.byProc[i], want(func(r aggRow) bool { return r.proc == pr.ID },
			func(q Procedure) bool { return q.ID == pr.ID }))
	}
	inField := map[int64]string{}
	for _, pr := range procs {
		inField[pr.ID] = pr.Field
	}
	for f, field := range pl.fields {
		check("field "+field, &got.byField[f], want(func(r aggRow) bool { return inField[r.proc] == field },
			func(q Procedure) bool { return q.Field == field }))
	}
	if pl.unknown < 0 || len(pl.fields) != len(fields) {
		t.Fatalf("the random catalogue lacks a field: %q", pl.fields)
	}
}
