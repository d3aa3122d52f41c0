package reception

import (
	"errors"
	"testing"
	"time"
)

// holidays is a calendar of Monday–Friday minus the 2026 public holidays of
// the seed calendar procedures use: Tết 16–20/02 (with the weekends around
// it the break runs 14–22/02), Hùng Kings moved to Monday 27/04, 30/04,
// 01/05, 01–02/09.
type holidays map[string]bool

var cal2026 = holidays{"2026-01-01": true, "2026-02-16": true, "2026-02-17": true, "2026-02-18": true, "2026-02-19": true,
	"2026-02-20": true, "2026-04-27": true, "2026-04-30": true, "2026-05-01": true, "2026-09-01": true, "2026-09-02": true}

func (h holidays) IsWorkingDay(d time.Time) bool {
	return Weekdays{}.IsWorkingDay(d) && !h[d.Format(time.DateOnly)]
}

// on reads a test date.
func on(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, Day(2000, 1, 1).Location())
	if err != nil {
		panic(err)
	}
	return t
}

func TestAcceptanceDeadlines(t *testing.T) {
	rules := DefaultRules()
	for _, tc := range []struct {
		name     string
		kind     Kind
		round    int
		received string
		want     string
	}{
		{"a complaint: ten days, ending on a Thursday", Complaint, 1, "2026-02-02", "2026-02-12"},
		{"a complaint whose tenth day is Tết ends on the first working day after", Complaint, 1, "2026-02-06", "2026-02-23"},
		{"a second-round complaint has the same ten days", Complaint, 2, "2026-02-06", "2026-02-23"},
		{"a denunciation: seven working days, skipping the Tết break", Denunciation, 0, "2026-02-11", "2026-02-27"},
		{"a petition: ten working days", Petition, 0, "2026-02-13", "2026-03-06"},
		{"a reflection across Hùng Kings, 30/4 and 1/5", Reflection, 0, "2026-04-23", "2026-05-12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := rules.For(tc.kind, tc.round, on(tc.received))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.AcceptDue(on(tc.received), cal2026); !got.Equal(on(tc.want)) {
				t.Fatalf("AcceptDue = %s, want %s", got.Format(time.DateOnly), tc.want)
			}
		})
	}
}

func TestResolutionDeadlines(t *testing.T) {
	rules := DefaultRules()
	for _, tc := range []struct {
		name  string
		kind  Kind
		round int
		facts Facts
		want  string
	}{
		{"a first complaint: 30 days from acceptance, Tết moves the last day", Complaint, 1,
			Facts{AcceptedOn: on("2026-01-20")}, "2026-02-23"},
		{"a complex first complaint: 45 days", Complaint, 1,
			Facts{AcceptedOn: on("2026-01-20"), Complexity: Complex}, "2026-03-06"},
		{"a first complaint from a remote area: 45 days", Complaint, 1,
			Facts{AcceptedOn: on("2026-03-02"), Remote: true}, "2026-04-16"},
		{"a second complaint from a remote area: 60 days, ending on 1/5, moved past the weekend", Complaint, 2,
			Facts{AcceptedOn: on("2026-03-02"), Remote: true}, "2026-05-04"},
		{"a complex second complaint from a remote area: 70 days", Complaint, 2,
			Facts{AcceptedOn: on("2026-03-02"), Remote: true, Complexity: Complex}, "2026-05-11"},
		{"a denunciation: 30 days", Denunciation, 0,
			Facts{AcceptedOn: on("2026-01-20")}, "2026-02-23"},
		{"a complex denunciation extended once: 60 days, a Saturday moved to Monday", Denunciation, 0,
			Facts{AcceptedOn: on("2026-01-20"), Complexity: Complex, Extensions: 1}, "2026-03-23"},
		{"a particularly complex denunciation extended twice: 90 days", Denunciation, 0,
			Facts{AcceptedOn: on("2026-01-20"), Complexity: ParticularlyComplex, Extensions: 2}, "2026-04-20"},
		{"a petition counts from receipt, not from acceptance", Petition, 0,
			Facts{ReceivedOn: on("2026-02-13"), AcceptedOn: on("2026-02-25")}, "2026-03-06"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := tc.facts.AcceptedOn
			if start.IsZero() {
				start = tc.facts.ReceivedOn
			}
			r, err := rules.For(tc.kind, tc.round, start)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.ResolveDue(tc.facts, cal2026); !got.Equal(on(tc.want)) {
				t.Fatalf("ResolveDue = %s, want %s", got.Format(time.DateOnly), tc.want)
			}
		})
	}
}

func TestRulesAreChosenByTheDayOfReceipt(t *testing.T) {
	rules := DefaultRules()
	for _, tc := range []struct {
		kind     Kind
		received string
		found    bool
	}{
		{Denunciation, "2018-12-31", false}, // the 2011 law's terms are not in the table
		{Denunciation, "2019-01-01", true},
		{Complaint, "2012-06-30", false},
		{Complaint, "2012-07-01", true},
	} {
		_, err := rules.For(tc.kind, 1, on(tc.received))
		if found := err == nil; found != tc.found {
			t.Errorf("For(%s, %s): err = %v, want found %v", tc.kind, tc.received, err, tc.found)
		}
		if err != nil && !errors.Is(err, ErrNoRule) {
			t.Errorf("For(%s, %s): err = %v, want ErrNoRule", tc.kind, tc.received, err)
		}
	}
	later := append(Rules{{Kind: Petition, ValidFrom: "2027-01-01", Accept: Term{Days: 5, Working: true}, Resolve: Term{Days: 15, Working: true}}},
		Rules{rules[3]}...)
	later[1].ValidTo = "2026-12-31"
	if r, _ := later.For(Petition, 0, on("2027-03-01")); r.Resolve.Days != 15 {
		t.Errorf("a petition of 2027 gets %d days, want the new version's 15", r.Resolve.Days)
	}
	if r, _ := later.For(Petition, 0, on("2026-12-31")); r.Resolve.Days != 10 {
		t.Errorf("a petition of 2026 gets %d days, want the old version's 10", r.Resolve.Days)
	}
}

func TestExtensionsAreLimitedByLaw(t *testing.T) {
	rules := DefaultRules()
	den, _ := rules.For(Denunciation, 0, on("2026-01-01"))
	comp, _ := rules.For(Complaint, 1, on("2026-01-01"))
	for _, tc := range []struct {
		name       string
		rule       Rule
		complexity Complexity
		granted    int
		want       string
	}{
		{"a complaint is never extended", comp, Complex, 0, "reception.extension.not_allowed"},
		{"an ordinary denunciation is not extended", den, Ordinary, 0, "reception.extension.ordinary"},
		{"a complex denunciation once", den, Complex, 0, ""},
		{"a complex denunciation not twice", den, Complex, 1, "reception.extension.exhausted"},
		{"a particularly complex denunciation twice", den, ParticularlyComplex, 1, ""},
		{"a particularly complex denunciation not three times", den, ParticularlyComplex, 2, "reception.extension.exhausted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.rule.CheckExtension(tc.complexity, tc.granted); got != tc.want {
				t.Fatalf("CheckExtension = %q, want %q", got, tc.want)
			}
		})
	}
}
