package portal

import (
	"html/template"
	"net/mail"
	"strconv"
	"strings"
	"unicode"

	"papihub/internal/platform/web"
)

// Profile is what an agency publishes about itself beyond what the unit
// tree says: its functions and tasks, its address, phone and e-mail, and
// the officials who are its contact points (Decree 42/2022 art. 4, Law on
// Access to Information 2016 art. 17). The agency enters it on purpose to
// publish it; nothing here is read from the accounts.
type Profile struct {
	UnitID    int64
	Functions string
	Address   string
	Phone     string
	Email     string
	Contacts  []Contact
}

// Empty reports whether nothing has been published yet.
func (p Profile) Empty() bool {
	return p.Functions == "" && p.Address == "" && p.Phone == "" && p.Email == "" && len(p.Contacts) == 0
}

// Position is what an official is to the public: the head, a deputy, or
// another contact point (the spokesperson, the office's focal officer).
type Position string

const (
	Head         Position = "head"
	Deputy       Position = "deputy"
	ContactPoint Position = "contact"
)

// Positions in the order the portal and the form list them.
var Positions = []Position{Head, Deputy, ContactPoint}

func (p Position) valid() bool { return p == Head || p == Deputy || p == ContactPoint }

// Contact is one official the agency publishes, with their title, official
// phone and official e-mail.
type Contact struct {
	Position Position
	Name     string
	Title    string
	Phone    string
	Email    string
}

// blank reports whether a row of the form was left empty (it is dropped).
func (c Contact) blank() bool {
	return c.Name == "" && c.Title == "" && c.Phone == "" && c.Email == ""
}

// TelLink is the phone as a tel: address (digits, with +84 for 0).
func (c Contact) TelLink() template.URL { return telLink(c.Phone) }

// MaxContacts bounds the officials one agency publishes: a head, a few
// deputies and contact points; a hundred is an accident.
const MaxContacts = 30

// normalise trims every field and drops the blank rows.
func (p *Profile) normalise() {
	p.Functions = strings.TrimSpace(p.Functions)
	p.Address = oneLine(p.Address)
	p.Phone, p.Email = oneLine(p.Phone), strings.TrimSpace(p.Email)
	kept := make([]Contact, 0, len(p.Contacts)) // the caller's rows stay as typed
	for _, c := range p.Contacts {
		c.Name, c.Title, c.Phone, c.Email = oneLine(c.Name), oneLine(c.Title), oneLine(c.Phone), strings.TrimSpace(c.Email)
		if !c.blank() {
			kept = append(kept, c)
		}
	}
	p.Contacts = kept
}

// Validate normalises the profile and returns its field errors, keyed as
// the form names its fields ("contact_2_phone" for the third row).
func (p *Profile) Validate() web.FieldErrors {
	p.normalise()
	errs := web.FieldErrors{}
	errs.Paragraph("functions", p.Functions)
	errs.Line("address", p.Address)
	if p.Phone != "" && !ValidPhone(p.Phone) {
		errs.Add("phone", "portal.profile.phone.invalid")
	}
	if p.Email != "" && !ValidEmail(p.Email) {
		errs.Add("email", "portal.profile.email.invalid")
	}
	for _, f := range []struct{ name, v string }{{"functions", p.Functions}, {"address", p.Address}} {
		if !cleanText(f.v) {
			errs.Add(f.name, "portal.profile.invalid")
		}
	}
	if len(p.Contacts) > MaxContacts {
		errs.Add("contacts", "portal.profile.contacts.too_many")
	}
	heads := 0
	for i, c := range p.Contacts {
		field := func(name string) string { return contactField(i, name) }
		if !c.Position.valid() {
			errs.Add(field("position"), "portal.profile.position.invalid")
		}
		if c.Position == Head {
			if heads++; heads > 1 {
				errs.Add(field("position"), "portal.profile.head.twice")
			}
		}
		if c.Name == "" {
			errs.Add(field("name"), "portal.profile.name.required")
		}
		if c.Title == "" {
			errs.Add(field("title"), "portal.profile.title.required")
		}
		switch {
		case c.Phone == "":
			errs.Add(field("phone"), "portal.profile.phone.required")
		case !ValidPhone(c.Phone):
			errs.Add(field("phone"), "portal.profile.phone.invalid")
		}
		switch {
		case c.Email == "":
			errs.Add(field("email"), "portal.profile.email.required")
		case !ValidEmail(c.Email):
			errs.Add(field("email"), "portal.profile.email.invalid")
		}
		for _, v := range []string{c.Name, c.Title} {
			errs.Line(field("name"), v)
			if !cleanText(v) {
				errs.Add(field("name"), "portal.profile.invalid")
			}
		}
	}
	return errs
}

// contactField names a field of the form's row i.
func contactField(i int, name string) string {
	return "contact_" + strconv.Itoa(i) + "_" + name
}

// phoneDigits keeps the digits of a phone as people write it ("0221 3
// 862 123", "(0221) 3.862.123", "+84 912 345 678"), with +84 turned into
// the leading 0; "" when anything else is in it.
func phoneDigits(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	if rest, ok := strings.CutPrefix(s, "+84"); ok {
		b.WriteByte('0')
		s = rest
	}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return ""
		}
	}
	return b.String()
}

// ValidPhone accepts a Vietnamese phone number as numbered since 2017–2018:
// a mobile is ten digits beginning 03, 05, 07, 08 or 09; a landline is
// eleven beginning 02 (the area code, 024 or 0221, then the subscriber's
// number). It may be written with spaces, dots, dashes or brackets, or
// with +84 for the 0. A hotline (1900 1234) is not a person's number and is
// refused here.
func ValidPhone(s string) bool {
	d := phoneDigits(s)
	switch len(d) {
	case 10:
		return d[0] == '0' && strings.IndexByte("35789", d[1]) >= 0
	case 11:
		return d[0] == '0' && d[1] == '2'
	}
	return false
}

// telLink is a phone as a tel: address. It is made of digits only, so the
// template may put it in an href as it is.
func telLink(s string) template.URL {
	d := phoneDigits(s)
	if d == "" {
		return ""
	}
	return template.URL("tel:+84" + d[1:])
}

// ValidEmail accepts one plain address (no display name, no comment) whose
// domain has a dot: "vanphong@skhcn.hungyen.gov.vn".
func ValidEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// oneLine trims s and folds its runs of spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cleanText refuses control characters other than line breaks and tabs.
func cleanText(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' || (unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t') {
			return false
		}
	}
	return true
}
