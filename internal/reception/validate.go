package reception

import (
	"strings"
	"time"

	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// maxPeople bounds a delegation: larger than this is a typing error. What
// a person types is bounded by the web package's bounds (web.MaxCode for
// numbers and codes, web.MaxShort for names, addresses and agencies,
// web.MaxText for a summary, a follow-up or a note), whose messages say
// the bound.
const maxPeople = 5000

// Validate checks an entry and normalises its fields: the agency's own name
// (unitName) may not receive a transfer, nothing may be dated after today,
// and what the law requires of each handling is there. The keys are those
// of the message catalogue.
func (e *Entry) Validate(today time.Time, unitName string) web.FieldErrors {
	errs := web.FieldErrors{}
	e.Summary, e.PriorAgency = strings.TrimSpace(e.Summary), strings.TrimSpace(e.PriorAgency)
	e.HandlingTo, e.HandlingLetter = strings.TrimSpace(e.HandlingTo), strings.TrimSpace(e.HandlingLetter)
	e.FollowUp, e.Note, e.DossierCode = strings.TrimSpace(e.FollowUp), strings.TrimSpace(e.Note), strings.TrimSpace(e.DossierCode)
	p := &e.Person
	p.Name, p.Address = strings.Join(strings.Fields(p.Name), " "), strings.TrimSpace(p.Address)
	p.IDNumber = strings.ReplaceAll(strings.TrimSpace(p.IDNumber), " ", "")

	switch {
	case e.Kind == "":
		errs.Add("kind", "reception.kind.required")
	case !e.Kind.Valid():
		errs.Add("kind", "reception.kind.invalid")
	}
	if !e.Channel.Valid() {
		errs.Add("channel", "reception.channel.invalid")
	}
	switch {
	case e.ReceivedOn.IsZero():
		errs.Add("received_on", "reception.received_on.required")
	case day(e.ReceivedOn).After(day(today)):
		errs.Add("received_on", "reception.received_on.future")
	}
	switch {
	case e.People == 0:
		e.People = 1
	case e.People < 0 || e.People > maxPeople:
		errs.Add("people", "reception.people.invalid")
	}
	if e.Summary == "" {
		errs.Add("summary", "reception.summary.required")
	}
	errs.Within("summary", e.Summary, web.MaxText)
	if e.Kind == Complaint {
		if e.Round == 0 {
			e.Round = 1
		}
		if e.Round != 1 && e.Round != 2 {
			errs.Add("round", "reception.round.invalid")
		}
		if e.Round == 2 && e.PriorAgency == "" {
			// A second complaint is against the first decision: whoever made it is known.
			errs.Add("prior_agency", "reception.prior_agency.required")
		}
	} else {
		e.Round = 0
	}
	e.validatePerson(errs)
	e.validateHandling(errs, today, unitName)
	errs.Within("prior_agency", e.PriorAgency, web.MaxShort)
	errs.Within("dossier_code", e.DossierCode, web.MaxCode)
	errs.Within("follow_up", e.FollowUp, web.MaxText)
	errs.Within("note", e.Note, web.MaxText)
	return errs
}

// validatePerson: an anonymous entry carries no identity; any other one
// names the citizen. An ID number is the 12-digit personal number or an
// old 9-digit identity card number.
func (e *Entry) validatePerson(errs web.FieldErrors) {
	p := &e.Person
	if e.Anonymous {
		if p.Name != "" || p.IDNumber != "" || p.Phone != "" || p.Address != "" {
			errs.Add("name", "reception.name.anonymous")
		}
		return
	}
	if p.Name == "" {
		errs.Add("name", "reception.name.required")
	}
	errs.Within("name", p.Name, web.MaxShort)
	errs.Within("address", p.Address, web.MaxShort)
	errs.Within("id_number", p.IDNumber, web.MaxCode)
	errs.Within("phone", p.Phone, web.MaxCode)
	if p.IDNumber != "" {
		if len(p.IDNumber) == 9 {
			if strings.Trim(p.IDNumber, "0123456789") != "" {
				errs.Add("id_number", "reception.id_number.invalid")
			}
		} else if vn.ValidCitizenID(p.IDNumber) != nil {
			errs.Add("id_number", "reception.id_number.invalid")
		}
	}
	if p.Phone != "" {
		n, err := vn.NormalizePhone(p.Phone)
		if err != nil {
			errs.Add("phone", "reception.phone.invalid")
		}
		p.Phone = n
	}
}

// validateHandling checks what the desk did: a transfer or guidance says to
// whom and under which letter, and a transfer never goes to the agency
// itself; a duplicate names the entry it repeats; an anonymous
// denunciation is not handled as a denunciation (Law on Denunciations 2018
// art. 25) but kept as information.
func (e *Entry) validateHandling(errs web.FieldErrors, today time.Time, unitName string) {
	errs.Within("handling_to", e.HandlingTo, web.MaxShort)
	errs.Within("handling_letter", e.HandlingLetter, web.MaxCode)
	if e.Handling == "" {
		e.Handling = Pending
	}
	if !e.Handling.Valid() {
		errs.Add("handling", "reception.handling.invalid")
		return
	}
	switch e.Handling {
	case Guided, Transferred:
		if e.HandlingTo == "" {
			errs.Add("handling_to", "reception.handling_to.required")
		} else if e.Handling == Transferred && vn.Fold(e.HandlingTo) == vn.Fold(unitName) {
			errs.Add("handling_to", "reception.transferred_to.self")
		}
		if e.HandlingLetter == "" {
			errs.Add("handling_letter", "reception.letter.required")
		}
	case Linked:
		if e.LinkedEntryID == 0 {
			errs.Add("linked_entry", "reception.linked_entry.required")
		} else if e.LinkedEntryID == e.ID {
			errs.Add("linked_entry", "reception.linked_entry.self")
		}
	case Accepted:
		if e.Kind == Denunciation && e.Anonymous {
			errs.Add("handling", "reception.handling.anonymous_denunciation")
		}
	case Stored:
		if !(e.Kind == Denunciation && e.Anonymous) {
			errs.Add("handling", "reception.handling.stored_only_anonymous")
		}
	}
	if e.Handling == Pending {
		e.HandledOn = time.Time{}
		return
	}
	switch {
	case e.HandledOn.IsZero():
		e.HandledOn = day(today)
		if day(e.HandledOn).Before(day(e.ReceivedOn)) {
			e.HandledOn = day(e.ReceivedOn)
		}
	case day(e.HandledOn).After(day(today)):
		errs.Add("handled_on", "reception.handled_on.future")
	case day(e.HandledOn).Before(day(e.ReceivedOn)):
		errs.Add("handled_on", "reception.handled_on.before_receipt")
	}
}
