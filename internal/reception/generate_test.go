package reception

import (
	"context"
	"testing"

	"papihub/internal/registers"
)

// TestAGeneratedYearScoresAsAnIndependentCount generates a year of cases
// and compares the service index's two feedback indicators, as the plan's
// measures compute them in SQL, with a count made here case by case with
// Judge.
func TestAGeneratedYearScoresAsAnIndependentCount(t *testing.T) {
	f := newFixture(t)
	f.today = on("2026-12-31")
	ctx := context.Background()
	gen, err := f.s.Generate(ctx, GenerateSpec{UnitIDs: []int64{f.unit.ID}, Year: 2026, Entries: 3000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	from, to := on("2026-01-01"), on("2026-12-31")
	var due, onTime, rated, satisfied, open int
	for _, g := range gen {
		c := g.Case
		if g.Handling != Accepted || !c.Kind.Feedback() {
			continue
		}
		if c.Status.Answered() && !c.DecidedOn.Before(from) && !c.DecidedOn.After(to) && c.Rating != Unrated {
			rated++
			if c.Rating == Satisfied {
				satisfied++
			}
		}
		if c.Due.Before(from) || c.Due.After(to) {
			continue
		}
		// Today is the period's last day, not over yet: a case due today
		// and unanswered may still be answered on time, so it is not judged.
		switch Judge(c, to, cal2026) {
		case Ended, Open, DueSoon:
			continue
		case OnTime:
			onTime++
		case Overdue:
			open++
		}
		due++
	}
	if due < 1000 || onTime == 0 || onTime == due || rated == 0 || open == 0 {
		t.Fatalf("the generated year is too tame to test anything: due %d, on time %d, rated %d, open %d", due, onTime, rated, open)
	}
	reg := NewRegister(f.s)
	scope := registers.Scope{UnitID: f.unit.ID, UnitPath: f.unit.Path}
	got, err := reg.Figure(ctx, MeasureFeedbackOnTime, scope, from, to)
	if err != nil || int(got.Num) != onTime || int(got.Den) != due {
		t.Fatalf("feedback on time %+v, counted %d/%d (%v)", got, onTime, due, err)
	}
	got, err = reg.Figure(ctx, MeasureFeedbackSatisfied, scope, from, to)
	if err != nil || int(got.Num) != satisfied || int(got.Den) != rated {
		t.Fatalf("feedback satisfaction %+v, counted %d/%d (%v)", got, satisfied, rated, err)
	}
}
