// Package legaldoc is the register of legal normative documents (văn bản
// quy phạm pháp luật) an agency keeps and reviews: each document with its
// number, type, issuer, dates and field, the relations between documents
// (amends, replaces, repeals, partly expires, guides, suspends), the review
// records (rà soát), and the yearly list of documents that expired, which the
// head signs and publishes (Law 64/2025/QH15, Decree 79/2025/NĐ-CP; domain
// §7).
//
// A document's status is never typed: it is derived from its dates and the
// relations that act on it (Derive, Timeline.StatusOn).
package legaldoc

import (
	"errors"
	"strings"
	"time"

	"papihub/internal/platform/vn"
)

// ErrNotFound is returned for a document, relation or review that does not
// exist.
var ErrNotFound = errors.New("legaldoc: not found")

// Document is one entry of the register.
type Document struct {
	ID     int64
	UnitID int64 // the unit whose register this is
	// Number is the number and symbol as printed on the document:
	// "12/2024/QĐ-UBND".
	Number      string
	Type        string // "Quyết định", "Nghị quyết", "Chỉ thị"…
	Title       string // the title (trích yếu)
	IssuingBody string
	Signer      string
	Field       string // lĩnh vực
	IssuedOn    time.Time
	// EffectiveFrom is the first day the document has effect.
	EffectiveFrom time.Time
	// ExpiresOn is an expiry the register records itself: the end of a term
	// the document sets, or an expiry whose cause is outside the register
	// (a central document not kept here). It is the first day without
	// effect; zero for none. Relations add expiries of their own.
	ExpiresOn    time.Time
	ExpiryReason string

	// Derived, as stored (see Derive).
	Timeline Timeline
	UnitName string
}

// StatusOn is the document's status on day d (Timeline.StatusOn).
func (d Document) StatusOn(t time.Time) Status { return d.Timeline.StatusOn(t) }

// RelationKind is how one document acts on another: the source amends,
// replaces, repeals… the target.
type RelationKind string

const (
	Amends        RelationKind = "amends"         // sửa đổi, bổ sung
	Replaces      RelationKind = "replaces"       // thay thế
	Repeals       RelationKind = "repeals"        // bãi bỏ
	PartlyExpires RelationKind = "partly_expires" // làm hết hiệu lực một phần
	Guides        RelationKind = "guides"         // quy định chi tiết, hướng dẫn
	Suspends      RelationKind = "suspends"       // ngưng hiệu lực
)

// RelationKinds in the order forms list them.
var RelationKinds = []RelationKind{Amends, Replaces, Repeals, PartlyExpires, Guides, Suspends}

// Valid reports whether k is one of RelationKinds.
func (k RelationKind) Valid() bool {
	for _, x := range RelationKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Relation says that Source acts on Target from a date on.
type Relation struct {
	ID       int64
	SourceID int64
	TargetID int64
	Kind     RelationKind
	// Provisions names the parts concerned: "Điều 5; khoản 2 Điều 7". A
	// replacement or repeal that names provisions ends only those; one that
	// names none ends the whole target. A partial expiry must name them.
	Provisions string
	// StartsOn is the day the relation takes effect when the source says
	// so; zero means the source's effective date.
	StartsOn time.Time
	// Until is the last day of a suspension; zero until it is lifted.
	Until time.Time

	// As listed: the other side's number, type and title.
	Source, Target Ref
	EffectiveOn    time.Time // derived: StartsOn or the source's effective date
}

// Ref names a document in a list of relations.
type Ref struct {
	ID            int64
	Number, Type  string
	Title         string
	IssuedOn      time.Time
	EffectiveFrom time.Time
}

// Partial reports whether the relation ends only some provisions of the
// target.
func (r Relation) Partial() bool {
	switch r.Kind {
	case PartlyExpires:
		return true
	case Replaces, Repeals:
		return strings.TrimSpace(r.Provisions) != ""
	}
	return false
}

// Ends reports whether the relation ends the whole target.
func (r Relation) Ends() bool {
	return (r.Kind == Replaces || r.Kind == Repeals) && strings.TrimSpace(r.Provisions) == ""
}

// Finding is what a review concludes for a document.
type Finding string

const (
	Keep    Finding = "keep"    // còn phù hợp, giữ nguyên
	Amend   Finding = "amend"   // đề nghị sửa đổi, bổ sung
	Replace Finding = "replace" // đề nghị thay thế
	Repeal  Finding = "repeal"  // đề nghị bãi bỏ
)

// Findings in the order forms list them.
var Findings = []Finding{Keep, Amend, Replace, Repeal}

// Valid reports whether f is one of Findings.
func (f Finding) Valid() bool {
	for _, x := range Findings {
		if x == f {
			return true
		}
	}
	return false
}

// Review is one review (rà soát) of a document.
type Review struct {
	ID         int64
	DocumentID int64
	UnitID     int64
	ReviewedOn time.Time
	Reviewer   string // who reviewed: the officer's name
	Finding    Finding
	Provisions string // the provisions the finding is about, if not all
	Note       string
	ProposedTo string // the body the proposal was sent to
	ProposalNo string // number/symbol of the proposal sent, if any
	CreatedBy  string

	Document Ref // as listed
}

// NumberKey is the form of a number/symbol that matching uses: no
// diacritics, no spaces, upper case, so that "12/2024/QĐ-UBND",
// "12/2024/QD-UBND" and "12 / 2024 / qđ-ubnd" name the same document.
func NumberKey(number string) string { return vn.SymbolKey(number) }

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
