package reception

import (
	"testing"
)

// complaint is a valid first complaint received in person on 02/03/2026.
func complaint() Entry {
	return Entry{Kind: Complaint, Channel: InPerson, ReceivedOn: on("2026-03-02"), Summary: "Khiếu nại quyết định xử phạt vi phạm hành chính",
		Person: Person{Name: "Nguyễn Văn An", Address: "Phường Hiến Nam, Hưng Yên", IDNumber: "033095001234", Phone: "0912 345 678"}}
}

func TestBadEntriesAreRefusedByField(t *testing.T) {
	today := on("2026-03-10")
	const unit = "Sở Khoa học và Công nghệ"
	for _, tc := range []struct {
		name   string
		change func(*Entry)
		field  string
		key    string
	}{
		{"without a classification", func(e *Entry) { e.Kind = "" }, "kind", "reception.kind.required"},
		{"received in the future", func(e *Entry) { e.ReceivedOn = on("2026-03-11") }, "received_on", "reception.received_on.future"},
		{"without a summary", func(e *Entry) { e.Summary = "  " }, "summary", "reception.summary.required"},
		{"a named complaint without a name", func(e *Entry) { e.Person.Name = "" }, "name", "reception.name.required"},
		{"an anonymous entry that names someone", func(e *Entry) { e.Anonymous = true }, "name", "reception.name.anonymous"},
		{"an ID number of eleven digits", func(e *Entry) { e.Person.IDNumber = "03309500123" }, "id_number", "reception.id_number.invalid"},
		{"a phone number that is not one", func(e *Entry) { e.Person.Phone = "12345" }, "phone", "reception.phone.invalid"},
		{"a third-round complaint", func(e *Entry) { e.Round = 3 }, "round", "reception.round.invalid"},
		{"a second complaint that does not say who decided first", func(e *Entry) { e.Round = 2 }, "prior_agency", "reception.prior_agency.required"},
		{"a transfer to the agency itself", func(e *Entry) {
			e.Handling, e.HandlingTo, e.HandlingLetter = Transferred, "sở khoa học và công nghệ", "15/CV-SKHCN"
		},
			"handling_to", "reception.transferred_to.self"},
		{"a guidance without its letter", func(e *Entry) { e.Handling, e.HandlingTo = Guided, "UBND phường Hiến Nam" }, "handling_letter", "reception.letter.required"},
		{"handled before it arrived", func(e *Entry) { e.Handling, e.HandledOn = Accepted, on("2026-03-01") }, "handled_on", "reception.handled_on.before_receipt"},
		{"a duplicate that names no earlier entry", func(e *Entry) { e.Handling = Linked }, "linked_entry", "reception.linked_entry.required"},
		{"an anonymous denunciation accepted as a denunciation", func(e *Entry) {
			e.Kind, e.Anonymous, e.Person, e.Handling = Denunciation, true, Person{}, Accepted
		}, "handling", "reception.handling.anonymous_denunciation"},
		{"a named complaint kept as information", func(e *Entry) { e.Handling = Stored }, "handling", "reception.handling.stored_only_anonymous"},
		{"a delegation of minus two", func(e *Entry) { e.People = -2 }, "people", "reception.people.invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := complaint()
			tc.change(&e)
			errs := e.Validate(today, unit)
			if got := errs[tc.field]; got != tc.key {
				t.Fatalf("errors = %v, want %s: %s", errs, tc.field, tc.key)
			}
		})
	}
}

func TestAGoodEntryIsNormalised(t *testing.T) {
	e := complaint()
	e.Handling = Accepted
	if errs := e.Validate(on("2026-03-10"), "Sở Khoa học và Công nghệ"); errs.Any() {
		t.Fatalf("errors = %v", errs)
	}
	if e.Round != 1 || e.People != 1 || e.Person.Phone != "0912345678" || !e.HandledOn.Equal(on("2026-03-10")) {
		t.Fatalf("entry = %+v", e)
	}
	p := Entry{Kind: Petition, Channel: Online, ReceivedOn: on("2026-03-02"), Summary: "Đề nghị công khai lịch tiếp dân", Anonymous: true, Round: 2}
	if errs := p.Validate(on("2026-03-10"), ""); errs.Any() || p.Round != 0 || p.Handling != Pending {
		t.Fatalf("anonymous petition: errors %v, entry %+v", errs, p)
	}
}
