package province

import (
	"time"

	"papihub/internal/org"
	"papihub/internal/platform/web"
)

// A Round is Home Affairs asking the province's reporting units for their
// periodic report of a period.
type Round struct {
	ID         int64
	ProvinceID int64
	OpenedBy   int64 // the Home Affairs unit
	Period     string
	Deadline   time.Time // the last day to submit
	Note       string
	CreatedBy  string
	CreatedAt  time.Time
}

// Status of one unit in a round.
type Status string

const (
	Pending   Status = "pending"
	Submitted Status = "submitted"
	Returned  Status = "returned"
	Accepted  Status = "accepted"
)

// A RoundUnit is one unit expected to report in a round.
type RoundUnit struct {
	RoundID     int64
	Unit        org.Unit
	Status      Status
	ReportID    int64
	ReportName  string // number and file of the submitted report
	SubmittedOn time.Time
	Comment     string // Home Affairs' words when returning it
	// StandIn is the unit that answers for Unit because Unit closed after
	// the round opened (a merger); zero when Unit answers itself.
	StandIn org.Unit
}

// Late reports whether the unit sent nothing by the deadline. A report
// returned for corrections is not late: it came in time and is shown as
// returned until it is submitted again.
func (u RoundUnit) Late(today, deadline time.Time) bool {
	return u.Status == Pending && today.After(deadline)
}

// State is the unit's round status as the dashboard shows it.
func (u RoundUnit) State() ReportState {
	switch u.Status {
	case Submitted:
		return ReportSubmitted
	case Returned:
		return ReportReturned
	case Accepted:
		return ReportAccepted
	}
	return ReportPending
}

// Expected picks, from the units of a province, those a round for a period
// ending on end expects a report from: the agencies (Home Affairs
// included) and communes open on that day. A unit that closed in a merger
// before then is not expected; its successor, open on the day, is.
func Expected(units []org.Unit, end time.Time) []org.Unit {
	var out []org.Unit
	for _, u := range units {
		if Reports(u.Kind) && u.OpenOn(end) {
			out = append(out, u)
		}
	}
	return out
}

// Answerer is the unit that answers for u on day: u itself while open,
// otherwise the successor it merged into (followed along a chain of
// mergers), or u when it closed without one.
func Answerer(u org.Unit, byID map[int64]org.Unit, day time.Time) org.Unit {
	seen := map[int64]bool{}
	for !u.OpenOn(day) && u.SuccessorID != 0 && !seen[u.ID] {
		seen[u.ID] = true
		next, ok := byID[u.SuccessorID]
		if !ok {
			break
		}
		u = next
	}
	return u
}

// RoundInput is what Home Affairs types to open a round.
type RoundInput struct {
	Period   string
	Deadline time.Time
	Note     string
}

// Validate checks the input against the period it names: the deadline is
// required and may not fall before the period ends (a round for Q3
// closing in August could only collect half a quarter).
func (in RoundInput) Validate(periodEnd time.Time, periodOK bool) web.FieldErrors {
	errs := web.FieldErrors{}
	if !periodOK {
		errs.Add("period", "province.round.period.invalid")
	}
	switch {
	case in.Deadline.IsZero():
		errs.Add("deadline", "province.round.deadline.required")
	case periodOK && in.Deadline.Before(periodEnd):
		errs.Add("deadline", "province.round.deadline.early")
	}
	errs.Within("note", in.Note, web.MaxText)
	return errs
}
