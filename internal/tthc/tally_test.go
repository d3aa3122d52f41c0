package tthc

import (
	"slices"
	"testing"
)

func in(unit, procedure string) option {
	return func(d *Dossier) { d.UnitID, d.ProcedureCode = unit, procedure }
}
func online() option   { return func(d *Dossier) { d.Channel = ChannelOnline } }
func synced() option   { return func(d *Dossier) { d.Synced = true } }
func disliked() option { return func(d *Dossier) { d.Feedback.Rating = RatingDislike } }
func paidOnline(fee int64) option {
	return func(d *Dossier) { d.Fee, d.PaidOnline = fee, PaymentNationalPortal }
}
func digitisedWithResult() option {
	return func(d *Dossier) {
		d.Digitisation = Digitisation{ComponentsDigitised: true, PersonalStorage: true, ElectronicResult: true}
	}
}

func TestTallyCountsAugust2026(t *testing.T) {
	procedures := map[string]ProcedureTerms{
		"P1": {Statutory: tenDays, OnlineService: true, FeeBearing: true},
		"P2": {Statutory: tenDays, FeeBearing: true},
	}
	dossiers := []Dossier{
		// A: early, synced, paid online, digitised with an electronic result.
		dossier(in("U1", "P1"), received("2026-08-03 08:00"), due("2026-08-14"), resolvedAt("2026-08-13 10:00"), synced(), paidOnline(50000), digitisedWithResult()),
		// B: online, on time, synced, disliked.
		dossier(in("U1", "P1"), online(), received("2026-08-04 08:00"), due("2026-08-14"), resolvedAt("2026-08-14 10:00"), synced(), disliked()),
		// C: late (resolved Tue 18/08 after Fri 14/08).
		dossier(in("U1", "P1"), received("2026-08-05 08:00"), due("2026-08-14"), resolvedAt("2026-08-18 10:00")),
		// D: open and overdue at 31/08 (due 20/08).
		dossier(in("U1", "P1"), received("2026-08-06 08:00"), due("2026-08-20")),
		// E: open, due 08/09: not judged in August.
		dossier(in("U1", "P2"), received("2026-08-25 08:00"), due("2026-09-08")),
		// F: received in July, resolved late in August.
		dossier(in("U1", "P1"), received("2026-07-20 08:00"), due("2026-07-31"), resolvedAt("2026-08-03 10:00")),
		// G: resolved 03/09: open and overdue at the end of August.
		dossier(in("U1", "P1"), received("2026-08-03 08:00"), due("2026-08-14"), resolvedAt("2026-09-03 10:00")),
		// H: withdrawn the day after reception: early.
		dossier(in("U1", "P2"), received("2026-08-10 08:00"), due("2026-08-21"), status(StatusWithdrawn, "2026-08-11 09:00")),
	}
	got := Tally(slices.Values(dossiers), seed, procedures, day("2026-08-01"), day("2026-08-31"))
	want := map[string]Count{
		// Received in August: A B C D E G H = 7; synced A B.
		"DOSSIER_SYNC": {2, 7},
		// Ended in August: A (early) B (on time) C (late) F (late) H (early) = 5, plus D and G open overdue = 7.
		"PROGRESS_ON_TIME": {3, 7},
		"ONLINE_SUBMITTED": {1, 7},
		// Fee-bearing dossiers: only A has a fee, paid online.
		"PAYMENT_DOSSIER_ONLINE": {1, 1},
		// Resolved in August: A B C F; A has an electronic result.
		"ORIGINAL_RESULT_AVAILABLE":          {1, 4},
		"SO_HOA_GIAY_TO_GIAI_QUYET":          {1, 7},
		"ELECTRONIC_CERTIFIED_COPY":          {0, 7},
		"REUSED_DIGITIZED_DATA":              {0, 7},
		"SYNCED_WITH_DVCQG_PERSONAL_STORAGE": {1, 1},
		"CITIZEN_DATA_CONNECTED_DOSSIER":     {0, 7},
		// Good of the 7 received: less C F late (2), D G overdue (2), B disliked (1) = 2.
		"DOSSIER_RECEIVING_SATISFACTION": {2, 7},
		// P1 is the only online service and received B online.
		"ONLINE_WITH_DOSSIERS": {1, 1},
		// P1 and P2 bear fees; only P1 had a payment.
		"PAYMENT_FORMALITY_TRANSACTION": {1, 2},
	}
	for metric, w := range want {
		if got[metric] != w {
			t.Errorf("%s = %d/%d, want %d/%d", metric, got[metric].Num, got[metric].Den, w.Num, w.Den)
		}
	}
	if len(got) != len(want) {
		t.Errorf("Tally gave %d metrics, want %d", len(got), len(want))
	}

	// September: G ends on 03/09 (late); E and D stay open, D overdue, and E
	// overdue from 09/09. Ended: G → 0 on time of 1, plus D and E overdue = 0/3.
	sept := Tally(slices.Values(dossiers), seed, procedures, day("2026-09-01"), day("2026-09-30"))
	if sept["PROGRESS_ON_TIME"] != (Count{0, 3}) {
		t.Errorf("September progress = %v, want 0/3", sept["PROGRESS_ON_TIME"])
	}
}

func TestAggregatesSumOverAnyRange(t *testing.T) {
	procedures := map[string]ProcedureTerms{"P1": {Statutory: tenDays}}
	g := Aggregator{Calendar: seed, Terms: func(string) ProcedureTerms { return procedures["P1"] }}
	g.Add(dossier(in("U1", "P1"), received("2026-08-03 08:00"), due("2026-08-14"), resolvedAt("2026-08-13 10:00")))
	g.Add(dossier(in("U1", "P1"), received("2026-08-03 09:00"), due("2026-08-14"), resolvedAt("2026-08-20 10:00")))
	rows := g.Rows()
	// Reception 03/08 (2 received) in one row; ends on 13/08 and 20/08; the late
	// one is overdue from 15/08: four rows.
	if len(rows) != 4 || rows[0].Received != 2 {
		t.Fatalf("rows = %+v", rows)
	}
	// At 17/08 the late dossier is open and overdue; by 20/08 it has ended.
	if c := CountsFromAggregates(rows, day("2026-08-01"), day("2026-08-17"), nil); c["PROGRESS_ON_TIME"] != (Count{1, 2}) {
		t.Errorf("1–17/08 progress = %v, want 1/2", c["PROGRESS_ON_TIME"])
	}
	if c := CountsFromAggregates(rows, day("2026-08-18"), day("2026-08-31"), nil); c["PROGRESS_ON_TIME"] != (Count{0, 1}) {
		t.Errorf("18–31/08 progress = %v, want 0/1", c["PROGRESS_ON_TIME"])
	}
}
