package plan

import (
	"testing"
	"time"
)

// schedule renders instances as "period→due" for compact expectations.
func schedule(insts []Instance) []string {
	out := make([]string, len(insts))
	for i, in := range insts {
		out[i] = in.Period.String() + "→" + in.Due.Format(time.DateOnly)
	}
	return out
}

func TestInstancesFallDueAtThePeriodEndPlusTheOffset(t *testing.T) {
	for _, tc := range []struct {
		name     string
		rec      Recurrence
		from, to string
		want     []string
	}{
		{"monthly on the last day", Recurrence{Frequency: Monthly}, "2026-01-01", "2026-03-31",
			[]string{"2026-01→2026-01-31", "2026-02→2026-02-28", "2026-03→2026-03-31"}},
		{"monthly, 5 days after: the 5th of the next month whatever the length", Recurrence{Frequency: Monthly, OffsetDays: 5}, "2028-01-01", "2028-03-31",
			[]string{"2028-01→2028-02-05", "2028-02→2028-03-05", "2028-03→2028-04-05"}},
		{"monthly, 3 days before the end drifts with February", Recurrence{Frequency: Monthly, OffsetDays: -3}, "2026-01-01", "2026-02-28",
			[]string{"2026-01→2026-01-28", "2026-02→2026-02-25"}},
		{"leap February ends on the 29th", Recurrence{Frequency: Monthly, OffsetDays: -3}, "2028-02-10", "2028-02-10",
			[]string{"2028-02→2028-02-26"}},
		{"quarterly report by the 15th of the next quarter's first month", Recurrence{Frequency: Quarterly, OffsetDays: 15}, "2026-07-01", "2027-01-01",
			[]string{"2026Q3→2026-10-15", "2026Q4→2027-01-15", "2027Q1→2027-04-15"}},
		{"half-yearly, 10 days before the end", Recurrence{Frequency: HalfYearly, OffsetDays: -10}, "2026-01-01", "2026-12-31",
			[]string{"2026S1→2026-06-20", "2026S2→2026-12-21"}},
		{"yearly report in the new year", Recurrence{Frequency: Yearly, OffsetDays: 10}, "2026-03-14", "2026-12-31",
			[]string{"2026→2027-01-10"}},
		{"continuous work reported each quarter", Recurrence{Frequency: Continuous, ReportEvery: Quarter, OffsetDays: -5}, "2026-01-01", "2026-06-30",
			[]string{"2026Q1→2026-03-26", "2026Q2→2026-06-25"}},
		{"once, inside the range", Recurrence{Frequency: Once, Due: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}, "2026-01-01", "2026-12-31",
			[]string{"→2026-06-30"}},
		{"once, outside the range", Recurrence{Frequency: Once, Due: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)}, "2026-01-01", "2026-12-31",
			[]string{}},
		{"continuous without a reporting period is invalid", Recurrence{Frequency: Continuous}, "2026-01-01", "2026-12-31",
			[]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			insts := Instances(tc.rec, day(t, tc.from), day(t, tc.to))
			got := schedule(insts)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
				if insts[i].Status != NotStarted {
					t.Fatalf("new instance has status %s", insts[i].Status)
				}
			}
		})
	}
}

func TestValidateNamesWhatIsMissing(t *testing.T) {
	for _, tc := range []struct {
		name string
		rec  Recurrence
		ok   bool
	}{
		{"once needs a due date", Recurrence{Frequency: Once}, false},
		{"continuous needs a reporting period", Recurrence{Frequency: Continuous}, false},
		{"continuous with a period is fine", Recurrence{Frequency: Continuous, ReportEvery: HalfYear}, true},
		{"monthly needs nothing else", Recurrence{Frequency: Monthly, OffsetDays: -2}, true},
		{"an unknown frequency", Recurrence{Frequency: "weekly"}, false},
	} {
		if err := tc.rec.Validate(); (err == nil) != tc.ok {
			t.Errorf("%s: Validate() = %v", tc.name, err)
		}
	}
}
