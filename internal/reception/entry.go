// Package reception is the register an agency's citizen-reception desk and
// its legal/inspection officer keep every day (domain §5, §5.1): the
// reception schedule, the logbook (Sổ tiếp công dân, form 03 of Circular
// 04/2021/TT-TTCP), and the cases that accepted entries become, with the
// legal deadlines of their kind and round.
//
// Citizens' personal data (name, address, ID number, phone) is sealed with
// platform/secret before it is stored, shown masked, and opened only by
// Store.Reveal, which audits each reveal. A denouncer's identity is stricter
// (Law on Denunciations 2018 art. 47): it is never masked into a list, an
// export, a report or the audit log; only the case's assigned handler and
// the head of the unit may reveal it.
//
// Deadlines are pure rules (deadline.go) driven by a versioned table of
// legal terms (rules.json) and the working-day calendar procedures use,
// which cmd/papihub wires in as a Calendar.
//
// For the public portal the package offers two read-only queries and
// nothing else: Store.PublicSchedule (the coming reception sessions of a
// unit: date, session, hours, place, format, the receiving leader's name
// and title, which Decree 64/2014 art. 6 requires to be posted) and
// Store.PublicFigures (anonymous counts of a unit's subtree for a period:
// entries by kind, cases answered, on time, overdue). Neither returns a
// citizen's name, address, ID number, phone or summary. For the citizen
// who holds an entry's look-up code (Entry.LookupCode, random, given at
// the desk or when a letter is entered) it offers Store.PublicLookup
// (where the entry stands and the answer once given) and Store.PublicRate
// (the citizen's one rating of that answer, which feeds the satisfaction
// indicator).
package reception

import (
	"errors"
	"time"

	"papihub/internal/platform/vn"
)

// ErrNotFound is returned for an entry, case or session that does not
// exist.
var ErrNotFound = errors.New("reception: not found")

// Kind is how an entry is classified on arrival (domain §5.1).
type Kind string

const (
	Complaint    Kind = "complaint"    // khiếu nại
	Denunciation Kind = "denunciation" // tố cáo
	Petition     Kind = "petition"     // kiến nghị
	Reflection   Kind = "reflection"   // phản ánh
)

// Kinds in the order forms list them.
var Kinds = []Kind{Complaint, Denunciation, Petition, Reflection}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return oneOf(k, Kinds) }

// Feedback reports whether the kind is the petitions and reflections the
// service index's satisfaction group counts (PAKN).
func (k Kind) Feedback() bool { return k == Petition || k == Reflection }

// Channel is how an entry arrived.
type Channel string

const (
	InPerson      Channel = "in_person"      // trực tiếp
	Post          Channel = "post"           // qua bưu chính
	Online        Channel = "online"         // trực tuyến
	TransferredIn Channel = "transferred_in" // do cơ quan khác chuyển đến
)

// Channels in the order forms list them.
var Channels = []Channel{InPerson, Post, Online, TransferredIn}

// Valid reports whether c is one of Channels.
func (c Channel) Valid() bool { return oneOf(c, Channels) }

// Handling is what the desk did with an entry (form 03, column "handling").
type Handling string

const (
	Pending     Handling = "pending"     // chưa xử lý: within the acceptance time
	Accepted    Handling = "accepted"    // thụ lý giải quyết: becomes a case
	Guided      Handling = "guided"      // hướng dẫn, trả lại đơn (letter no.)
	Transferred Handling = "transferred" // chuyển đơn (to whom, letter no.)
	Linked      Handling = "linked"      // trùng với vụ việc đang giải quyết
	Stored      Handling = "stored"      // lưu đơn: an anonymous denunciation kept as information
)

// Handlings in the order forms list them.
var Handlings = []Handling{Pending, Accepted, Guided, Transferred, Linked, Stored}

// Valid reports whether h is one of Handlings.
func (h Handling) Valid() bool { return oneOf(h, Handlings) }

// Person is the personal data of the citizen who came or wrote: basic
// personal data under Law 91/2025/QH15, sealed at rest.
type Person struct {
	Name     string
	Address  string
	IDNumber string
	Phone    string
}

// Entry is one row of the logbook.
type Entry struct {
	ID         int64
	UnitID     int64
	Year, Seq  int // the row's number in the unit's logbook of the year
	ReceivedOn time.Time
	Channel    Channel
	Kind       Kind
	Anonymous  bool
	People     int // the number of people; more than one is a delegation
	Summary    string
	// PriorAgency is the agency that already handled the matter, if any.
	PriorAgency string
	// Round is a complaint's round (1 first time, 2 second time); 0 for
	// other kinds.
	Round    int
	Remote   bool // the citizen lives in a remote or mountainous area
	Handling Handling
	// HandlingTo and HandlingLetter say to whom a transfer or guidance went
	// and under which letter number.
	HandlingTo     string
	HandlingLetter string
	HandledOn      time.Time
	LinkedEntryID  int64 // the earlier entry a duplicate is linked to
	FollowUp       string
	Note           string
	DossierCode    string // a dossier the matter concerns, if any

	// Person is filled only when writing; reading gives the masked forms.
	Person      Person
	NameMasked  string
	IDMasked    string
	PhoneMasked string
	CaseID      int64 // the case an accepted entry became
	// LookupCode is what the citizen keeps to look the entry up on the
	// portal and rate its answer (PublicLookup, PublicRate).
	LookupCode string
	UnitName   string
}

// Protected reports whether the entry's identity falls under the
// denouncer's protection: never masked into a list, only revealed to the
// handler and the head.
func (e Entry) Protected() bool { return e.Kind == Denunciation }

// ShownName is the name as a list may show it.
func (e Entry) ShownName() string {
	switch {
	case e.Anonymous:
		return "(nặc danh)"
	case e.Protected():
		return "(được giữ bí mật)"
	}
	return e.NameMasked
}

func oneOf[T comparable](v T, set []T) bool {
	for _, x := range set {
		if x == v {
			return true
		}
	}
	return false
}

// day is t's calendar date at midnight in Vietnam.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.In(vn.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, vn.Location())
}

// Day is the calendar date y-m-d at midnight in Vietnam.
func Day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, vn.Location()) }
