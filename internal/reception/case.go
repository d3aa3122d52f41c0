package reception

import (
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// Status is where a case stands.
type Status string

const (
	StAccepted    Status = "accepted"    // thụ lý
	StAssigned    Status = "assigned"    // giao xử lý
	StVerifying   Status = "verifying"   // đang xác minh
	StDrafted     Status = "drafted"     // dự thảo kết quả
	StAnswered    Status = "answered"    // đã ban hành quyết định / trả lời
	StPublished   Status = "published"   // đã công khai
	StClosed      Status = "closed"      // kết thúc, lưu hồ sơ
	StWithdrawn   Status = "withdrawn"   // rút đơn
	StTransferred Status = "transferred" // chuyển cơ quan khác
)

// Statuses in the order of the steps.
var Statuses = []Status{StAccepted, StAssigned, StVerifying, StDrafted, StAnswered, StPublished, StClosed, StWithdrawn, StTransferred}

// Open reports whether the case still waits for its answer.
func (s Status) Open() bool {
	switch s {
	case StAccepted, StAssigned, StVerifying, StDrafted:
		return true
	}
	return false
}

// Answered reports whether the case was decided or answered.
func (s Status) Answered() bool { return s == StAnswered || s == StPublished || s == StClosed }

// next lists the steps allowed from each status. Extension is a step that
// keeps the status.
var next = map[Status][]Status{
	StAccepted:  {StAssigned, StWithdrawn, StTransferred},
	StAssigned:  {StAssigned, StVerifying, StDrafted, StWithdrawn, StTransferred},
	StVerifying: {StAssigned, StDrafted, StWithdrawn, StTransferred},
	StDrafted:   {StVerifying, StAnswered, StWithdrawn},
	StAnswered:  {StPublished, StClosed},
	StPublished: {StClosed},
}

// Case is an accepted entry on its way to an answer.
type Case struct {
	ID         int64
	EntryID    int64
	UnitID     int64
	Kind       Kind
	Round      int
	Complexity Complexity
	Remote     bool
	ReceivedOn time.Time
	AcceptedOn time.Time
	Due        time.Time // the resolution deadline, extensions included
	Extensions int
	Status     Status
	HandlerID  int64 // the officer the case is assigned to
	DivisionID int64 // the division it is assigned to
	DecidedOn  time.Time
	Answer     string // the answer or decision's summary, published without personal data
	Public     bool   // of public interest: published on the portal
	PublishedOn,
	ClosedOn,
	EndedOn time.Time // withdrawn or transferred on
	TransferredTo  string
	TransferLetter string
	Rating         Rating

	// As listed.
	Summary     string
	UnitName    string
	HandlerName string
	Year, Seq   int
}

// Rating is the citizen's rating of an answer.
type Rating string

const (
	Unrated      Rating = ""
	Satisfied    Rating = "satisfied"
	Dissatisfied Rating = "dissatisfied"
)

// Step is one change of a case: a move to a status, or an extension.
type Step struct {
	To         Status // empty for an extension
	Extend     bool
	On         time.Time
	HandlerID  int64
	DivisionID int64
	Complexity Complexity // an extension states the complexity found
	Reason     string     // of an extension, a withdrawal, a transfer
	Answer     string
	Public     bool
	Letter     string // transfer or decision letter number
	Agency     string // transfer: to which agency
}

// Apply checks step against the case, its rule and the calendar, and
// returns the case after it, or the field errors that stop it (nothing
// changes then). unitName is the case's own agency, which a transfer may
// not name.
func Apply(c Case, s Step, rule Rule, cal Calendar, today time.Time, unitName string) (Case, web.FieldErrors) {
	errs := web.FieldErrors{}
	s.Reason, s.Answer, s.Letter, s.Agency = strings.TrimSpace(s.Reason), strings.TrimSpace(s.Answer), strings.TrimSpace(s.Letter), strings.TrimSpace(s.Agency)
	on := day(s.On)
	switch {
	case on.IsZero():
		errs.Add("on", "reception.on.required")
	case on.After(day(today)):
		errs.Add("on", "reception.on.future")
	case on.Before(day(c.AcceptedOn)):
		errs.Add("on", "reception.on.before_accept")
	}
	errs.Within("reason", s.Reason, web.MaxText)
	errs.Within("answer", s.Answer, web.MaxParagraph)
	errs.Within("letter", s.Letter, web.MaxCode)
	errs.Within("transferred_to", s.Agency, web.MaxShort)
	if s.Extend {
		if !c.Status.Open() {
			errs.Add("status", "reception.step.not_open")
		}
		if key := rule.CheckExtension(s.Complexity, c.Extensions); key != "" {
			errs.Add("complexity", key)
		}
		if s.Reason == "" {
			errs.Add("reason", "reception.reason.required")
		}
		if errs.Any() {
			return c, errs
		}
		c.Complexity = s.Complexity
		c.Extensions++
		c.Due = rule.ResolveDue(c.facts(), cal)
		return c, nil
	}
	if !oneOf(s.To, next[c.Status]) {
		errs.Add("status", "reception.step.invalid")
		return c, errs
	}
	switch s.To {
	case StAssigned:
		if s.HandlerID == 0 && s.DivisionID == 0 {
			errs.Add("handler", "reception.handler.required")
		}
	case StAnswered:
		if s.Answer == "" {
			errs.Add("answer", "reception.answer.required")
		}
	case StWithdrawn:
		if s.Reason == "" {
			errs.Add("reason", "reception.reason.required")
		}
	case StTransferred:
		switch {
		case s.Agency == "":
			errs.Add("transferred_to", "reception.transferred_to.required")
		case vn.Fold(s.Agency) == vn.Fold(unitName):
			errs.Add("transferred_to", "reception.transferred_to.self")
		}
		if s.Letter == "" {
			errs.Add("letter", "reception.letter.required")
		}
	case StPublished:
		if !c.Public && !s.Public {
			errs.Add("public", "reception.publish.not_public")
		}
		if on.Before(day(c.DecidedOn)) {
			errs.Add("on", "reception.on.before_decision")
		}
	case StClosed:
		if on.Before(day(c.DecidedOn)) {
			errs.Add("on", "reception.on.before_decision")
		}
	}
	if errs.Any() {
		return c, errs
	}
	c.Status = s.To
	switch s.To {
	case StAssigned:
		c.HandlerID, c.DivisionID = s.HandlerID, s.DivisionID
	case StAnswered:
		c.DecidedOn, c.Answer, c.Public = on, s.Answer, s.Public
	case StPublished:
		c.PublishedOn, c.Public = on, true
	case StClosed:
		c.ClosedOn = on
	case StWithdrawn:
		c.EndedOn = on
	case StTransferred:
		c.EndedOn, c.TransferredTo, c.TransferLetter = on, s.Agency, s.Letter
	}
	return c, nil
}

func (c Case) facts() Facts {
	return Facts{ReceivedOn: c.ReceivedOn, AcceptedOn: c.AcceptedOn, Complexity: c.Complexity, Remote: c.Remote, Extensions: c.Extensions}
}

// Outcome is how a case stands against its deadline at a moment.
type Outcome int

const (
	Open    Outcome = iota // still within its time
	DueSoon                // within its time, with few working days left
	Overdue                // open past its deadline
	OnTime                 // answered by its deadline
	Late                   // answered after its deadline
	Ended                  // withdrawn or transferred: not judged
)

// Key names the outcome in the message catalogue.
func (o Outcome) Key() string {
	return [...]string{"open", "due_soon", "overdue", "on_time", "late", "ended"}[o]
}

// Tone is the badge colour of the outcome.
func (o Outcome) Tone() string {
	switch o {
	case Overdue, Late:
		return "bad"
	case DueSoon:
		return "warn"
	case OnTime:
		return "ok"
	}
	return ""
}

// DueSoonDays is how many working days before its deadline an open case
// counts as due soon.
const DueSoonDays = 3

// Judge says how c stands at the end of the day at: an answer counts on
// the day it was given; an open case past its deadline is overdue (and
// counts as late for the period, as an open dossier does, domain §3).
func Judge(c Case, at time.Time, cal Calendar) Outcome {
	at = day(at)
	switch {
	case c.Status == StWithdrawn || c.Status == StTransferred:
		return Ended
	case c.Status.Answered() && !day(c.DecidedOn).After(at):
		if day(c.DecidedOn).After(day(c.Due)) {
			return Late
		}
		return OnTime
	case at.After(day(c.Due)):
		return Overdue
	case !Term{Days: DueSoonDays, Working: true}.From(at, cal).Before(day(c.Due)):
		return DueSoon
	}
	return Open
}
