package portal

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzPlanPathNumbers feeds the plan and report numbers of the portal's
// paths: what is accepted is a positive number written in digits only,
// read back as it was written (no sign, exponent, space or overflow).
func FuzzPlanPathNumbers(f *testing.F) {
	for _, s := range []string{"1", "42", "0", "-1", "1e3", "0x10", " 7", "99999999999999999999", "12abc", "", "007", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := pathID(s)
		if !ok {
			return
		}
		if n <= 0 || strings.TrimLeft(s, "0123456789") != "" || strings.TrimLeft(s, "0") != strconv.FormatInt(n, 10) {
			t.Fatalf("pathID(%q) = %d", s, n)
		}
	})
}

// FuzzPublishedContacts feeds the profile's checks anything typed in the
// form: they never panic, a phone they accept is a Vietnamese number of
// ten or eleven digits whose tel: address holds only digits, and an e-mail
// they accept is one plain address.
func FuzzPublishedContacts(f *testing.F) {
	for _, s := range []string{"0912 345 678", "+84 221 3862 101", "(024) 3825 1234", "0912345678ext", "a@b.vn", "x <a@b.vn>", "\x00", "０９１２３４５６７８"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, phone, email string) {
		if ValidPhone(phone) {
			d := phoneDigits(phone)
			if len(d) != 10 && len(d) != 11 || d[0] != '0' {
				t.Fatalf("ValidPhone(%q): digits %q", phone, d)
			}
			tel := string(telLink(phone))
			if !strings.HasPrefix(tel, "tel:+84") || strings.Trim(tel[len("tel:+84"):], "0123456789") != "" {
				t.Fatalf("telLink(%q) = %q", phone, tel)
			}
		}
		if ValidEmail(email) && (strings.Count(email, "@") != 1 || strings.ContainsAny(email, " <>\"\n")) {
			t.Fatalf("ValidEmail(%q)", email)
		}
		p := Profile{Phone: phone, Email: email, Contacts: []Contact{{Position: Position(phone), Name: email, Title: phone, Phone: phone, Email: email}}}
		_ = p.Validate()
	})
}
