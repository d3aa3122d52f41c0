package plan

import "time"

// A Status is where a task instance stands. "Overdue" is not a status: it is
// derived from the due date (Overdue), never set by hand.
type Status string

const (
	NotStarted Status = "not_started"
	InProgress Status = "in_progress"
	Submitted  Status = "submitted" // the unit reported it done; the focal office has yet to review
	Accepted   Status = "accepted"
	Returned   Status = "returned" // the focal office sent it back with a comment
	Cancelled  Status = "cancelled"
)

// An Instance is one occurrence of a task: the period it covers (zero for a
// one-off task), its due day and its progress.
type Instance struct {
	Period      Period
	Due         time.Time
	Status      Status
	SubmittedOn time.Time // day of the latest submission; zero if never submitted
}

// transitions lists the moves the workflow allows. Accepted and Cancelled are
// final: reopening accepted work would rewrite what the report to Home
// Affairs already counted, so a correction is a new instance, not an edit.
var transitions = map[Status][]Status{
	NotStarted: {InProgress, Submitted, Cancelled},
	InProgress: {Submitted, Cancelled},
	Submitted:  {Accepted, Returned, Cancelled},
	Returned:   {InProgress, Submitted, Cancelled},
}

// CanTransition reports whether an instance may move from one status to
// another.
func CanTransition(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// closed reports whether nothing more is expected of the instance.
func (i Instance) closed() bool { return i.Status == Accepted || i.Status == Cancelled }

// submittedInTime reports whether the unit handed the work in by the due day:
// the wait for the focal office's review is not the unit's delay.
func (i Instance) submittedInTime() bool {
	return i.Status == Submitted && !i.SubmittedOn.IsZero() && !dayOf(i.SubmittedOn).After(dayOf(i.Due))
}

// Overdue reports whether the instance is late on the calendar day of today:
// its due day has passed and it is neither accepted, cancelled, nor submitted
// on or before the due day. A late submission stays overdue until accepted,
// and a returned instance is overdue once its due day has passed, because in
// both cases the work was not delivered in time.
func Overdue(inst Instance, today time.Time) bool {
	if inst.closed() || inst.submittedInTime() {
		return false
	}
	return dayOf(today).After(dayOf(inst.Due))
}

// DueSoon reports whether an instance still waiting for the unit's work falls
// due within the next days calendar days (today and the due day included:
// days 0 means "due today"). Overdue, closed and submitted instances are not
// "due soon": the first are already late, the others wait on someone else.
func DueSoon(inst Instance, today time.Time, days int) bool {
	if inst.closed() || inst.Status == Submitted || days < 0 {
		return false
	}
	t, due := dayOf(today), dayOf(inst.Due)
	return !due.Before(t) && !due.After(t.AddDate(0, 0, days))
}
