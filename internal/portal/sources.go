// Package portal is the agency's public portal: what an agency must publish
// (its profile and structure, its procedures, its service index, its legal
// documents), read from the records the system already holds, for anyone,
// without an account. It reads the other capabilities only through the
// small read-only queries below, which cmd/papihub wires; none of them
// carries a citizen's personal data, so no page can show one.
package portal

import (
	"context"
	"errors"
	"time"

	"papihub/internal/org"
)

// ErrNotFound is what a source returns for an unknown agency, procedure or
// dossier; the portal answers it with its one "not found" page.
var ErrNotFound = errors.New("portal: not found")

// ArchivedError is a source's answer for a dossier of an archived year:
// the page shows Reason (in Vietnamese) with status 410.
type ArchivedError struct{ Reason string }

func (e *ArchivedError) Error() string { return e.Reason }

// Procedure is a procedure of an agency's catalogue as the public sees it.
type Procedure struct {
	Code          string    `json:"code"`
	Name          string    `json:"name"`
	Field         string    `json:"field"`
	IssuingBody   string    `json:"issuing_body"`
	CompetentUnit string    `json:"competent_unit"`
	TimeLimit     string    `json:"time_limit"` // "15 ngày làm việc"
	Fee           int64     `json:"fee"`        // VND; 0 when free
	Online        string    `json:"online"`     // "full", "partial" or "none"
	PayOnline     bool      `json:"pay_online"` // fees payable on the national portal
	Parts         [7]bool   `json:"parts"`      // which of the seven required parts are published (domain §4)
	DecisionDate  time.Time `json:"decision_date,omitzero"`
	PublishedDate time.Time `json:"published_date,omitzero"`
	Abolished     bool      `json:"abolished"`
}

// ProcedureStats is how a procedure's dossiers fared over a period.
type ProcedureStats struct {
	Period   string `json:"period"` // label, "Năm 2026"
	Received int64  `json:"received"`
	Judged   int64  `json:"judged"` // handled, or open past due
	OnTime   int64  `json:"on_time"`
	Online   int64  `json:"online"` // received online
}

// Dossier is the public state of one dossier: never its owner.
type Dossier struct {
	Code        string
	Procedure   string
	Unit        string
	ReceivedAt  time.Time
	Appointment time.Time // zero when none
	Status      string
	Timeline    []DossierStep
}

// DossierStep is one status of a dossier's history.
type DossierStep struct {
	At     time.Time
	Status string
}

// IndexGroup is one group of the service index (Decision 766).
type IndexGroup struct {
	NameVi string  `json:"name_vi"`
	NameEn string  `json:"name_en"`
	Score  float64 `json:"score"`
	Max    float64 `json:"max"`
	NA     bool    `json:"not_applicable"`
}

// IndexPoint is the total of one period.
type IndexPoint struct {
	Label string  `json:"label"`
	Total float64 `json:"total"`
}

// Index is an agency's service index this month with its recent trend.
type Index struct {
	Period string       `json:"period"` // "Tháng 11/2026"
	Total  float64      `json:"total"`
	Max    float64      `json:"max"`
	Groups []IndexGroup `json:"groups"`
	Trend  []IndexPoint `json:"trend"` // oldest first, ending with this month
}

// LegalDocument is a legal document of an agency's register.
type LegalDocument struct {
	Number        string `json:"number"`
	Type          string `json:"type"`
	Title         string `json:"title"`
	IssuingBody   string `json:"issuing_body"`
	Field         string `json:"field"`
	IssuedOn      string `json:"issued_on"`      // dd/mm/yyyy
	EffectiveFrom string `json:"effective_from"` // dd/mm/yyyy
	Status        string `json:"status"`         // in_force, partly_expired, suspended… (the message key's suffix)
	PartlyFrom    string `json:"partly_expired_from,omitempty"`
}

// ExpiredDocument is a line of the yearly list of expired documents.
type ExpiredDocument struct {
	Number     string `json:"number"`
	Type       string `json:"type"`
	IssuedOn   string `json:"issued_on"`
	Title      string `json:"title"`
	Provisions string `json:"provisions,omitempty"`
	Reason     string `json:"reason"`
	ExpiredOn  string `json:"expired_on"`
}

// ExpiredList is the yearly list of a register.
type ExpiredList struct {
	Year   int               `json:"year"`
	Whole  []ExpiredDocument `json:"whole"`
	Partly []ExpiredDocument `json:"partly"`
}

// ReceptionSession is a session of the citizen reception schedule: the
// receiving leader's name and title are published on purpose (Decree
// 64/2014 art. 6).
type ReceptionSession struct {
	ID                  int64 // stable: the UID of its iCalendar event
	Date                time.Time
	Part                string // morning, afternoon, day
	Hours               string
	Host, HostTitle     string
	Head                bool // the head of the agency receives in person
	Place, Format, Unit string
}

// ReceptionFigures are the anonymous counts of reception over a period.
type ReceptionFigures struct {
	Received                      int
	ByKind                        map[string]int // complaint, denunciation, petition, reflection
	Accepted, Guided, Transferred int
	Due, OnTime, Late, Overdue    int
	Sessions, HeadSessions        int
}

// Each source answers for an agency's whole subtree (the agency and the
// units under it).

// Procedures reads an agency's catalogue.
type Procedures interface {
	Procedures(ctx context.Context, agency org.Unit, query string, page, perPage int) ([]Procedure, bool, error)
	// Procedure returns the procedure with code, and how its dossiers
	// fared this year.
	Procedure(ctx context.Context, agency org.Unit, code string, now time.Time) (Procedure, ProcedureStats, error)
}

// Dossiers looks a dossier up by its code within an agency.
type Dossiers interface {
	Dossier(ctx context.Context, agency org.Unit, code string) (Dossier, error)
}

// Indexes computes an agency's service index this month.
type Indexes interface {
	Index(ctx context.Context, agency org.Unit, now time.Time) (Index, error)
}

// Legal reads an agency's register of legal documents.
type Legal interface {
	InForce(ctx context.Context, agency org.Unit, query string, page, perPage int) ([]LegalDocument, bool, error)
	Expired(ctx context.Context, agency org.Unit, year int) (ExpiredList, error)
	// Recent lists the documents of the register last entered or changed,
	// latest first, whatever their status.
	Recent(ctx context.Context, agency org.Unit, limit int) ([]RecentDocument, error)
}

// RecentDocument is a document of the register with when it was entered
// and last changed.
type RecentDocument struct {
	LegalDocument
	ID      int64     `json:"id"`
	Created time.Time `json:"created_at"`
	Updated time.Time `json:"updated_at"`
	Expired time.Time `json:"expired_on,omitzero"` // the first day without effect of one that ended whole
}

// Reception reads an agency's reception schedule and figures.
type Reception interface {
	Schedule(ctx context.Context, agency org.Unit, days int) ([]ReceptionSession, error)
	Figures(ctx context.Context, agency org.Unit, from, to time.Time) (ReceptionFigures, error)
}

// FeedbackInput is a petition or reflection a citizen sends from the
// portal. Name and phone are the citizen's: the receiving register seals
// them; the portal never shows them back.
type FeedbackInput struct {
	Kind        string // petition or reflection
	Name        string
	Phone       string
	Address     string
	Message     string
	DossierCode string
}

// Feedback receives what citizens send into the register that handles it,
// and shows each citizen, by the code they were given, where their letter
// stands.
type Feedback interface {
	// Submit enters the letter and returns its look-up code (random,
	// "7K2QM-X9D4R"), which only its sender knows. Bad fields come back as a
	// *web.ValidationError keyed by the input's field names.
	Submit(ctx context.Context, agency org.Unit, in FeedbackInput, ip string) (string, error)
	// Lookup finds the letter of code in the agency's register; ErrNotFound
	// when the code names none there.
	Lookup(ctx context.Context, agency org.Unit, code string) (FeedbackCase, error)
	// Rate records the sender's rating of the answer: once, after the
	// answer. Refusals come back as a *web.ValidationError on "rating".
	Rate(ctx context.Context, agency org.Unit, code string, satisfied bool, ip string) error
}

// FeedbackCase is what the holder of a letter's code reads on the portal:
// where it stands and the answer once given; no name, address, phone,
// identity number, nor the text they sent.
type FeedbackCase struct {
	Number     string // the logbook's number, "12/2026"
	Kind       string // complaint, denunciation, petition, reflection
	ReceivedOn time.Time
	// State is the case's status once accepted (accepted … closed,
	// withdrawn, transferred), else the entry's handling (pending, guided,
	// transferred, linked, stored).
	State      string
	HandlingTo string // the body the letter was transferred or guided to
	DueOn      time.Time
	AnsweredOn time.Time
	Answer     string
	Published  bool   // the answer is also published as of public interest
	Rating     string // "", satisfied or dissatisfied
	CanRate    bool
}

// Limiter throttles the dossier look-up per client address.
type Limiter interface {
	Allow(key string) bool
}

// Sources are the capabilities the portal reads. A nil source leaves its
// section out: the portal shows nothing rather than a placeholder.
type Sources struct {
	Procedures Procedures
	Dossiers   Dossiers
	Index      Indexes
	Legal      Legal
	Reception  Reception
	Feedback   Feedback
	Lookups    Limiter
	Plans      Plans     // the PAPI plans and their reports
	Standing   Standings // the province's official PAPI standing
	Surveys    Surveys
	Answers    Answers
	Reports    Reports
}
