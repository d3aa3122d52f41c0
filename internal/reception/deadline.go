package reception

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"time"
)

// Calendar says which days the offices work: the working-day calendar
// that procedures use (tthc), wired in by cmd/papihub.
type Calendar interface {
	IsWorkingDay(day time.Time) bool
}

// Weekdays is a calendar of Monday–Friday with no holidays, for tools
// that have no agency calendar at hand.
type Weekdays struct{}

// IsWorkingDay reports whether d is Monday to Friday.
func (Weekdays) IsWorkingDay(d time.Time) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Term is a legal time limit: a number of days, or of working days.
type Term struct {
	Days    int  `json:"days"`
	Working bool `json:"working,omitempty"`
}

// From is the last day of the term that starts on start. The start day is
// not counted (Civil Code 2015 art. 147). A term in days that ends on a day
// off ends on the next working day (art. 148(5)); a term in working days
// ends on a working day by construction.
func (t Term) From(start time.Time, cal Calendar) time.Time {
	d := day(start)
	if t.Working {
		for n := 0; n < t.Days; {
			d = d.AddDate(0, 0, 1)
			if cal.IsWorkingDay(d) {
				n++
			}
		}
		return d
	}
	d = d.AddDate(0, 0, t.Days)
	for !cal.IsWorkingDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// Complexity is how complex a case was found to be; it chooses the longer
// term of a complaint and the extensions a denunciation may have.
type Complexity int

const (
	Ordinary            Complexity = 0
	Complex             Complexity = 1 // phức tạp
	ParticularlyComplex Complexity = 2 // đặc biệt phức tạp
)

// Rule is the set of terms of one kind and round, valid from a day (and to
// a day, when a later version replaces it).
type Rule struct {
	Kind                 Kind   `json:"kind"`
	Round                int    `json:"round"`
	ValidFrom            string `json:"validFrom"`
	ValidTo              string `json:"validTo,omitempty"`
	Basis                string `json:"basis"`
	Accept               Term   `json:"accept"`
	Resolve              Term   `json:"resolve"`
	ResolveComplex       Term   `json:"resolveComplex"`
	ResolveRemote        Term   `json:"resolveRemote"`
	ResolveRemoteComplex Term   `json:"resolveRemoteComplex"`
	// FromReceipt counts the resolution term from receipt rather than from
	// acceptance (petitions and reflections are answered within a term of
	// their arrival).
	FromReceipt bool `json:"fromReceipt,omitempty"`
	// Extension is the length of one extension; ExtensionsComplex and
	// ExtensionsParticular how many a complex or particularly complex case
	// may have. An ordinary case has none.
	Extension            Term `json:"extension"`
	ExtensionsComplex    int  `json:"extensionsComplex,omitempty"`
	ExtensionsParticular int  `json:"extensionsParticular,omitempty"`
}

// MaxExtensions is how many extensions a case of complexity c may have.
func (r Rule) MaxExtensions(c Complexity) int {
	switch c {
	case Complex:
		return r.ExtensionsComplex
	case ParticularlyComplex:
		return r.ExtensionsParticular
	}
	return 0
}

// Rules is the versioned table of terms.
type Rules []Rule

//go:embed rules.json
var rulesJSON []byte

// DefaultRules is the embedded table (rules.json).
func DefaultRules() Rules {
	r, err := ParseRules(rulesJSON)
	if err != nil {
		panic("reception: rules.json: " + err.Error())
	}
	return r
}

// ParseRules reads a table of terms in the form of rules.json.
func ParseRules(b []byte) (Rules, error) {
	var doc struct {
		Rules Rules `json:"rules"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	for i, r := range doc.Rules {
		if !r.Kind.Valid() {
			return nil, fmt.Errorf("rule %d: kind %q", i+1, r.Kind)
		}
		if _, err := time.Parse(time.DateOnly, r.ValidFrom); err != nil {
			return nil, fmt.Errorf("rule %d: validFrom %q", i+1, r.ValidFrom)
		}
		if r.Accept.Days <= 0 || r.Resolve.Days <= 0 {
			return nil, fmt.Errorf("rule %d: a term of no days", i+1)
		}
	}
	return doc.Rules, nil
}

// ErrNoRule is returned when no rule of the table covers a kind and round
// on the day a matter was received.
var ErrNoRule = fmt.Errorf("reception: no rule in force")

// For returns the rule of kind and round in force on the day received.
// Round matters only for complaints (1 or 2).
func (rs Rules) For(kind Kind, round int, received time.Time) (Rule, error) {
	on := day(received).Format(time.DateOnly)
	if kind != Complaint {
		round = 0
	}
	for _, r := range rs {
		if r.Kind == kind && r.Round == round && r.ValidFrom <= on && (r.ValidTo == "" || on <= r.ValidTo) {
			return r, nil
		}
	}
	return Rule{}, fmt.Errorf("%w: %s round %d on %s", ErrNoRule, kind, round, on)
}

// AcceptDue is the last day to accept, refuse, transfer or return with
// guidance a matter received on received.
func (r Rule) AcceptDue(received time.Time, cal Calendar) time.Time {
	return r.Accept.From(received, cal)
}

// Facts are what a case's resolution deadline depends on.
type Facts struct {
	ReceivedOn, AcceptedOn time.Time
	Complexity             Complexity
	Remote                 bool
	Extensions             int // granted so far
}

// ResolveDue is the last day to resolve (decide, answer) the case: the
// term for its complexity and area, from acceptance (or receipt), plus the
// extensions granted, counted as one term so that only the last day moves
// off a holiday.
func (r Rule) ResolveDue(f Facts, cal Calendar) time.Time {
	t := r.Resolve
	switch {
	case f.Remote && f.Complexity != Ordinary:
		t = r.ResolveRemoteComplex
	case f.Remote:
		t = r.ResolveRemote
	case f.Complexity != Ordinary:
		t = r.ResolveComplex
	}
	start := f.AcceptedOn
	if r.FromReceipt || start.IsZero() {
		start = f.ReceivedOn
	}
	if f.Extensions > 0 && r.Extension.Days > 0 {
		if t.Working == r.Extension.Working {
			t.Days += f.Extensions * r.Extension.Days
			return t.From(start, cal)
		}
		due := t.From(start, cal)
		for range f.Extensions {
			due = r.Extension.From(due, cal)
		}
		return due
	}
	return t.From(start, cal)
}

// CheckExtension says why one more extension is not allowed: the key of a
// field error ("" when it is allowed).
func (r Rule) CheckExtension(c Complexity, granted int) string {
	max := r.MaxExtensions(c)
	switch {
	case r.Extension.Days == 0:
		return "reception.extension.not_allowed"
	case c == Ordinary:
		return "reception.extension.ordinary"
	case granted >= max:
		return "reception.extension.exhausted"
	}
	return ""
}
