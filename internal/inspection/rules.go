package inspection

import (
	"cmp"
	"slices"
	"time"
)

// DirectiveDays is the head's time to issue the directive implementing a
// conclusion: 15 days from receiving it (Law on Inspection 2022 art. 106,
// kept by Law 84/2025/QH15; domain §6). They are calendar days, and, as
// the Civil Code counts a period in days (art. 147), the day of receipt is
// not one of them: received on 01/07, due by the end of 16/07.
const DirectiveDays = 15

// DirectiveDue is the last day for the head's directive on a conclusion
// received on received.
func DirectiveDue(received time.Time) time.Time { return day(received).AddDate(0, 0, DirectiveDays) }

// DirectiveState is where a conclusion's directive stands.
type DirectiveState string

const (
	DirectiveWaiting DirectiveState = "waiting" // not issued, not yet due
	DirectiveOverdue DirectiveState = "overdue" // not issued, past due
	DirectiveOnTime  DirectiveState = "on_time"
	DirectiveLate    DirectiveState = "late" // issued after the 15 days
)

// DirectiveStateOn is the state of c's directive on day today.
func (c Conclusion) DirectiveStateOn(today time.Time) DirectiveState {
	due := DirectiveDue(c.Received())
	switch {
	case c.DirectiveOn.IsZero() && day(today).After(due):
		return DirectiveOverdue
	case c.DirectiveOn.IsZero():
		return DirectiveWaiting
	case day(c.DirectiveOn).After(due):
		return DirectiveLate
	}
	return DirectiveOnTime
}

// Status is a recommendation's state on a day: its progress, or Overdue
// once the deadline has passed with the recommendation not done.
type Status string

const (
	StatusNotStarted Status = "not_started"
	StatusInProgress Status = "in_progress"
	StatusPartlyDone Status = "partly_done"
	StatusDone       Status = "done"
	StatusOverdue    Status = "overdue"
)

// Statuses in the order lists show them.
var Statuses = []Status{StatusNotStarted, StatusInProgress, StatusPartlyDone, StatusOverdue, StatusDone}

// StatusOn is the recommendation's status on day today. The deadline day
// itself is still in time.
func (r Recommendation) StatusOn(today time.Time) Status {
	if r.Progress != Done && day(today).After(day(r.Deadline)) {
		return StatusOverdue
	}
	return Status(r.Progress)
}

// Late reports whether the recommendation was done after its deadline.
func (r Recommendation) Late() bool {
	return r.Progress == Done && day(r.DoneOn).After(day(r.Deadline))
}

// DaysOver is how many days past its deadline an open recommendation is on
// today, or a done one was when done; 0 when in time.
func (r Recommendation) DaysOver(today time.Time) int {
	end := day(today)
	if r.Progress == Done {
		end = day(r.DoneOn)
	}
	if !end.After(day(r.Deadline)) {
		return 0
	}
	// Whole days between two midnights in Vietnam (no daylight saving).
	return int(end.Sub(day(r.Deadline)).Hours() / 24)
}

// Strict reports whether the recommendation belongs on the "strict
// handling" list on today: overdue, done late, or a repeat violation.
func (r Recommendation) Strict(today time.Time) bool {
	return r.StatusOn(today) == StatusOverdue || r.Late() || r.RepeatOf != 0
}

// Remind reports whether an open recommendation is to be reminded of on
// today with a window of days: due within the window, or overdue (the
// reminder after the deadline repeats until it is done).
func (r Recommendation) Remind(today time.Time, days int) bool {
	return r.Progress != Done && !day(r.Deadline).After(day(today).AddDate(0, 0, days))
}

// RecoveredShare is recovered over due, 0–1; ok is false with nothing due.
func RecoveredShare(due, recovered int64) (share float64, ok bool) {
	if due <= 0 {
		return 0, false
	}
	return float64(recovered) / float64(due), true
}

// Prior is what the repeat rule reads of a recommendation.
type Prior struct {
	ID            int64
	ConclusionID  int64
	ResponsibleID int64
	Kind          Kind
	IssuedOn      time.Time // the conclusion's date
}

// Repeats finds the repeat violations among recs: a recommendation is a
// repeat when an earlier conclusion (issued on an earlier day) already
// carried one of the same kind for the same responsible unit. It maps each
// repeat to the latest such earlier recommendation; the others are absent.
func Repeats(recs []Prior) map[int64]int64 {
	type key struct {
		unit int64
		kind Kind
	}
	groups := map[key][]Prior{}
	for _, r := range recs {
		k := key{r.ResponsibleID, r.Kind}
		groups[k] = append(groups[k], r)
	}
	out := map[int64]int64{}
	for _, g := range groups {
		slices.SortFunc(g, func(a, b Prior) int { return cmp.Or(a.IssuedOn.Compare(b.IssuedOn), cmp.Compare(a.ID, b.ID)) })
		for i, r := range g {
			for j := i - 1; j >= 0; j-- {
				if g[j].IssuedOn.Before(r.IssuedOn) && g[j].ConclusionID != r.ConclusionID {
					out[r.ID] = g[j].ID
					break
				}
			}
		}
	}
	return out
}

// Tone is the badge class pages show the status with.
func (s Status) Tone() string {
	switch s {
	case StatusDone:
		return "ok"
	case StatusInProgress, StatusPartlyDone:
		return "warn"
	case StatusOverdue:
		return "bad"
	}
	return ""
}

// Tone is the badge class pages show the directive's state with.
func (d DirectiveState) Tone() string {
	switch d {
	case DirectiveOnTime:
		return "ok"
	case DirectiveLate, DirectiveWaiting:
		return "warn"
	}
	return "bad"
}
