package tthc

import (
	"context"
	"testing"

	"papihub/internal/audit"
)

// TestGeneratedImportedAndComputedIndexMatchesAnIndependentCount generates
// an agency-year, imports it through the importer, computes the index from
// the aggregates, and checks it against counts made here directly from the
// same generated dossiers, rule by rule, and against Tally.
func TestGeneratedImportedAndComputedIndexMatchesAnIndependentCount(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	unit := unitOf(t, s, demoAgency)
	const seedValue, n = 7, 3000
	rep, err := s.GenerateInto(ctx, audit.CLI(), unit, seedValue, n, GenerateOptions{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != n || rep.Rejected != 0 {
		t.Fatalf("generate: %+v (errors %v)", rep, rep.Errors[:min(3, len(rep.Errors))])
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	procs := map[string]ProcedureTerms{}
	for _, p := range GenerateProcedures(seedValue, GenerateOptions{Units: []string{demoAgency}}) {
		procs[p.Code] = p.Terms
	}
	var dossiers []Dossier
	for d := range Generate(seedValue, n, GenerateOptions{Units: []string{demoAgency}, Calendar: cal}) {
		dossiers = append(dossiers, d)
	}

	for _, name := range []string{"2026-02", "2026-08", "2026Q3", "2026", "2027", "2026-03-10..2026-04-20"} {
		p, err := ParsePeriod(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Index(ctx, unit, p, IndexOptions{Breakdowns: true})
		if err != nil {
			t.Fatal(err)
		}
		// Independent count, from the rules as domain.md §3 states them and
		// CountsFromAggregates documents them.
		var received, online, synced, judged, good, disapproved int64
		for _, d := range dossiers {
			if day := DayOf(d.Start()); day >= p.From && day <= p.To {
				received++
				if d.Channel == ChannelOnline {
					online++
				}
				if d.Synced {
					synced++
				}
			}
			o := Classify(d, cal, procs[d.ProcedureCode].Statutory, farFuture)
			if o.Verdict == Undetermined {
				continue
			}
			endDay := DayOf(o.End)
			switch {
			case !o.Open && endDay >= p.From && endDay <= p.To:
				judged++
				if o.Verdict != Late {
					good++
				}
				if d.Feedback.Complaint || d.Feedback.Rating == RatingDislike {
					disapproved++
				}
			case o.Open || endDay > p.To:
				if overdueFrom(d, o) <= p.To {
					judged++ // open and overdue at the period's end
				}
			}
		}
		// The portal's good dossiers: received, less the late ones and those
		// handled with a complaint or a dislike.
		satisfied := max(received-(judged-good)-disapproved, 0)
		for metric, want := range map[string]Count{"PROGRESS_ON_TIME": {good, judged}, "ONLINE_SUBMITTED": {online, received},
			"DOSSIER_SYNC": {synced, received}, "DOSSIER_RECEIVING_SATISFACTION": {satisfied, received}} {
			if c := resultOf(got.Result, metric); c.Num != want.Num || c.Den != want.Den {
				t.Errorf("%s %s = %d/%d, counted directly %d/%d", name, metric, c.Num, c.Den, want.Num, want.Den)
			}
		}
		// Every dossier-derived count agrees with the in-memory tally.
		tally := Tally(func(yield func(Dossier) bool) {
			for _, d := range dossiers {
				if !yield(d) {
					return
				}
			}
		}, cal, procs, p.From, p.To)
		for metric, want := range tally {
			if c := resultOf(got.Result, metric); c.Num != want.Num || c.Den != want.Den {
				t.Errorf("%s %s = %d/%d, Tally %d/%d", name, metric, c.Num, c.Den, want.Num, want.Den)
			}
		}
		// Breakdowns add up to the whole.
		var byProc, byField int64
		for _, r := range got.ByProcedure {
			byProc += r.Received
		}
		for _, r := range got.ByField {
			byField += r.Received
		}
		if byProc != received || byField != received {
			t.Errorf("%s: received by procedure %d, by field %d, total %d", name, byProc, byField, received)
		}
		// The drill-down lists exactly the dossiers behind the progress score.
		late, _, err := s.Dossiers(ctx, DossierFilter{Scope: unit.Path, Period: &p, Judged: JudgedLate, Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(late)) != judged-good {
			t.Errorf("%s: %d late dossiers listed, index counts %d", name, len(late), judged-good)
		}
		// and the other deduction from the satisfaction score.
		unhappy, _, err := s.Dossiers(ctx, DossierFilter{Scope: unit.Path, Period: &p, Judged: JudgedDisapproved, Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(unhappy)) != disapproved {
			t.Errorf("%s: %d dossiers with a complaint or dislike listed, counted %d", name, len(unhappy), disapproved)
		}
	}
	// The yearly aggregates are the monthly ones summed by year.
	var mismatched int
	if err := s.DB().R.QueryRowContext(ctx, `SELECT COUNT(*) FROM (
	SELECT substr(month, 1, 4) AS year, unit_id, procedure_id, SUM(received) AS r, SUM(handled_late) AS l, SUM(overdue_delta) AS o
	FROM tthc_monthly GROUP BY substr(month, 1, 4), unit_id, procedure_id) m
	FULL OUTER JOIN tthc_yearly y ON y.year = m.year AND y.unit_id = m.unit_id AND y.procedure_id = m.procedure_id
	WHERE m.r IS DISTINCT FROM y.received OR m.l IS DISTINCT FROM y.handled_late OR m.o IS DISTINCT FROM y.overdue_delta`).Scan(&mismatched); err != nil {
		t.Fatal(err)
	}
	if mismatched != 0 {
		t.Errorf("%d yearly aggregate rows differ from the monthly sums", mismatched)
	}
}
