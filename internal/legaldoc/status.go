package legaldoc

import (
	"cmp"
	"slices"
	"time"

	"papihub/internal/platform/vn"
)

// Status is where a document stands on a date.
type Status string

const (
	NotYetInForce Status = "pending"        // chưa có hiệu lực
	InForce       Status = "in_force"       // đang có hiệu lực
	PartlyExpired Status = "partly_expired" // hết hiệu lực một phần
	Expired       Status = "expired"        // hết hiệu lực toàn bộ
	Suspended     Status = "suspended"      // ngưng hiệu lực
)

// Statuses in the order pages list them.
var Statuses = []Status{InForce, PartlyExpired, Suspended, NotYetInForce, Expired}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Applies reports whether a document of status s still has (some) effect.
func (s Status) Applies() bool { return s == InForce || s == PartlyExpired || s == Suspended }

// Tone is the badge class pages show the status with: ok while wholly in
// force, warn for a part ended or a suspension, bad once it has ended.
func (s Status) Tone() string {
	switch s {
	case InForce:
		return "ok"
	case PartlyExpired, Suspended:
		return "warn"
	case Expired:
		return "bad"
	}
	return ""
}

// Span is a run of days, both included; a zero To runs on.
type Span struct{ From, To time.Time }

// Covers reports whether d lies in the span.
func (s Span) Covers(d time.Time) bool {
	return !d.Before(s.From) && (s.To.IsZero() || !d.After(s.To))
}

// Timeline is what a document's dates and the relations acting on it make
// of its life: when it starts, when it ends as a whole and why, when a first
// part of it ends, and when it is suspended. It is derived (Derive), stored,
// and read back to answer "what is the status on this date" for many
// documents at once.
type Timeline struct {
	EffectiveFrom time.Time
	// ExpiredOn is the first day the whole document has no effect; zero
	// while the register knows of no end.
	ExpiredOn time.Time
	// ExpiredBy is the document that ended it (0: its own term, or a cause
	// outside the register), ExpiredReason the reason as the legal list
	// words it.
	ExpiredBy     int64
	ExpiredReason string
	// PartlyFrom is the first day some provisions have no effect; zero for
	// none.
	PartlyFrom  time.Time
	Suspensions []Span
}

// StatusOn is the document's status on day d. A document not yet in force
// is that whatever else is recorded; an expired one is expired even when a
// suspension was never lifted; a suspension outranks a partial expiry, since
// then nothing of the document applies.
func (t Timeline) StatusOn(d time.Time) Status {
	d = day(d)
	switch {
	case d.Before(t.EffectiveFrom):
		return NotYetInForce
	case !t.ExpiredOn.IsZero() && !d.Before(t.ExpiredOn):
		return Expired
	}
	for _, s := range t.Suspensions {
		if s.Covers(d) {
			return Suspended
		}
	}
	if !t.PartlyFrom.IsZero() && !d.Before(t.PartlyFrom) {
		return PartlyExpired
	}
	return InForce
}

// Reasons of a whole expiry that does not come from one relation.
const (
	reasonTerm   = "Hết thời hạn có hiệu lực được quy định trong văn bản"
	reasonGuided = "Văn bản được quy định chi tiết hết hiệu lực"
)

// Derive works out the timeline of every document from the documents' own
// dates and the relations between them:
//
//   - the whole document ends on the earliest of its own expiry date
//     (ExpiresOn), a replacement or repeal that names no provisions, and —
//     for a document that details or guides others — the day the last of
//     the documents it guides has ended as a whole (Law 80/2015 art. 154(3),
//     kept by Law 64/2025: a detailing document ends with the document it
//     details);
//   - a replacement or repeal that names provisions, and a partial expiry,
//     end those provisions from their date;
//   - a suspension runs from its date to its Until day;
//   - amendments change the text, not the status.
//
// A relation takes effect on its StartsOn day, else on its source's
// effective date. Relations to documents not in docs are ignored. Derive
// also returns each relation's effective date, by relation ID.
func Derive(docs []Document, rels []Relation) (map[int64]Timeline, map[int64]time.Time) {
	byID := make(map[int64]*Document, len(docs))
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	out := make(map[int64]Timeline, len(docs))
	for _, d := range docs {
		t := Timeline{EffectiveFrom: day(d.EffectiveFrom)}
		if !d.ExpiresOn.IsZero() {
			t.ExpiredOn = day(d.ExpiresOn)
			t.ExpiredReason = d.ExpiryReason
			if t.ExpiredReason == "" {
				t.ExpiredReason = reasonTerm
			}
		}
		out[d.ID] = t
	}
	effective := make(map[int64]time.Time, len(rels))
	guides := map[int64][]int64{} // guiding document → the documents it guides
	for _, r := range rels {
		src, tgt := byID[r.SourceID], byID[r.TargetID]
		if src == nil || tgt == nil || r.SourceID == r.TargetID {
			continue
		}
		on := day(r.StartsOn)
		if on.IsZero() {
			on = day(src.EffectiveFrom)
		}
		effective[r.ID] = on
		t := out[r.TargetID]
		switch {
		case r.Ends():
			if t.ExpiredOn.IsZero() || on.Before(t.ExpiredOn) {
				t.ExpiredOn, t.ExpiredBy, t.ExpiredReason = on, r.SourceID, ReasonOf(r.Kind, *src)
			}
		case r.Partial():
			if t.PartlyFrom.IsZero() || on.Before(t.PartlyFrom) {
				t.PartlyFrom = on
			}
		case r.Kind == Suspends:
			t.Suspensions = append(t.Suspensions, Span{From: on, To: day(r.Until)})
		case r.Kind == Guides:
			guides[r.SourceID] = append(guides[r.SourceID], r.TargetID)
		}
		out[r.TargetID] = t
	}
	for id := range out {
		t := out[id]
		slices.SortFunc(t.Suspensions, func(a, b Span) int { return a.From.Compare(b.From) })
	}
	// A guiding document ends when everything it guides has ended; what it
	// guides may itself guide, so the ends are resolved depth first. A
	// cycle (refused on entry, but the rule must not loop) ends nothing.
	state := map[int64]int8{} // 1 visiting, 2 done
	var end func(id int64) time.Time
	end = func(id int64) time.Time {
		switch state[id] {
		case 1:
			return time.Time{}
		case 2:
			return out[id].ExpiredOn
		}
		state[id] = 1
		t := out[id]
		if targets := guides[id]; len(targets) > 0 {
			var last time.Time
			var lastID int64
			for _, g := range targets {
				e := end(g)
				if e.IsZero() {
					last = time.Time{}
					break
				}
				if e.After(last) {
					last, lastID = e, g
				}
			}
			if !last.IsZero() && (t.ExpiredOn.IsZero() || last.Before(t.ExpiredOn)) {
				t.ExpiredOn, t.ExpiredBy = last, 0
				t.ExpiredReason = reasonGuided + " (" + byID[lastID].Type + " số " + byID[lastID].Number + ")"
			}
			out[id] = t
		}
		state[id] = 2
		return t.ExpiredOn
	}
	ids := make([]int64, 0, len(out))
	for id := range out {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		end(id)
	}
	return out, effective
}

// ReasonOf words why a relation of kind from src ends (a part of) its target,
// as the legal list does: "Được thay thế bởi Quyết định số 15/2025/QĐ-UBND
// ngày 10/03/2025".
func ReasonOf(kind RelationKind, src Document) string {
	verb := map[RelationKind]string{
		Replaces:      "Được thay thế bởi",
		Repeals:       "Bị bãi bỏ bởi",
		PartlyExpires: "Hết hiệu lực một phần theo",
		Suspends:      "Bị ngưng hiệu lực bởi",
		Amends:        "Được sửa đổi, bổ sung bởi",
		Guides:        "Được quy định chi tiết bởi",
	}[kind]
	s := verb + " " + cmp.Or(src.Type, "văn bản") + " số " + src.Number
	if !src.IssuedOn.IsZero() {
		s += " ngày " + vn.FormatDate(src.IssuedOn)
	}
	if src.IssuingBody != "" {
		s += " của " + src.IssuingBody
	}
	return s
}
