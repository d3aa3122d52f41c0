package portal

import (
	"context"
	"reflect"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
)

func TestValidPhoneAcceptsVietnameseNumbersAsPeopleWriteThem(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
		tel  string
	}{
		{"0912345678", true, "tel:+84912345678"},
		{"0912 345 678", true, "tel:+84912345678"},
		{"0912.345.678", true, "tel:+84912345678"},
		{"+84 912 345 678", true, "tel:+84912345678"},
		{"0221 3 862 101", true, "tel:+842213862101"},  // landline: 3-digit area code and 7 digits
		{"(024) 3825 1234", true, "tel:+842438251234"}, // Hà Nội: 2-digit area code and 8 digits
		{"0221-3862-101", true, "tel:+842213862101"},
		{"0221 3 862 10", false, ""}, // a landline one digit short
		{"0612 345 678", false, ""},  // 06 is no mobile prefix
		{"0312 345 6789", false, ""}, // a mobile one digit long
		{"912345678", false, ""},     // no leading 0: nine digits
		{"091234567", false, ""},     // nine digits
		{"091234567890", false, ""},  // twelve digits
		{"0012345678", false, ""},    // 00 is the international prefix
		{"1900 1234", false, ""},     // a hotline is not a person's number
		{"0912 345 67a", false, ""},
		{"0912345678 ext 2", false, ""},
		{"", false, ""},
	} {
		if got := ValidPhone(tc.in); got != tc.want {
			t.Errorf("ValidPhone(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if tc.want {
			if got := string(telLink(tc.in)); got != tc.tel {
				t.Errorf("telLink(%q) = %q, want %q", tc.in, got, tc.tel)
			}
		}
	}
}

func TestValidEmailAcceptsOnePlainAddress(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"vanphong@skhcn.hungyen.gov.vn", true},
		{"hung.nv+portal@hungyen.gov.vn", true},
		{"Nguyen Van Hung <hung@hungyen.gov.vn>", false}, // a display name
		{"hung@localhost", false},                        // no dot in the domain
		{"hung@.gov.vn", false},
		{"hung@gov.vn.", false},
		{"hung@@gov.vn", false},
		{"hung", false},
		{"@gov.vn", false},
		{"hung @gov.vn", false},
		{"", false},
	} {
		if got := ValidEmail(tc.in); got != tc.want {
			t.Errorf("ValidEmail(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestAProfileNamesEachBadFieldOfItsRows(t *testing.T) {
	head := Contact{Position: Head, Name: "Nguyễn Văn Hùng", Title: "Giám đốc Sở", Phone: "0221 3 862 101", Email: "hung@hungyen.gov.vn"}
	for _, tc := range []struct {
		name string
		p    Profile
		want web.FieldErrors
	}{
		{"a complete profile", Profile{Phone: "0221 3 862 100", Email: "skhcn@hungyen.gov.vn", Contacts: []Contact{head}}, web.FieldErrors{}},
		{"blank rows are dropped, not refused", Profile{Contacts: []Contact{{Position: Deputy}, head, {Position: Deputy, Name: "  "}}}, web.FieldErrors{}},
		{"the agency's phone and e-mail", Profile{Phone: "12345", Email: "skhcn"}, web.FieldErrors{
			"phone": "portal.profile.phone.invalid", "email": "portal.profile.email.invalid"}},
		{"a row without phone or e-mail", Profile{Contacts: []Contact{head, {Position: Deputy, Name: "Phạm Minh Tuấn", Title: "Phó Giám đốc"}}}, web.FieldErrors{
			"contact_1_phone": "portal.profile.phone.required", "contact_1_email": "portal.profile.email.required"}},
		{"a row with a bad phone and no name", Profile{Contacts: []Contact{{Position: Deputy, Title: "Phó Giám đốc", Phone: "0912", Email: "a@b.vn"}}}, web.FieldErrors{
			"contact_0_name": "portal.profile.name.required", "contact_0_phone": "portal.profile.phone.invalid"}},
		{"two heads", Profile{Contacts: []Contact{head, head}}, web.FieldErrors{"contact_1_position": "portal.profile.head.twice"}},
		{"an unknown position", Profile{Contacts: []Contact{{Position: "boss", Name: "A", Title: "B", Phone: "0912345678", Email: "a@b.vn"}}}, web.FieldErrors{
			"contact_0_position": "portal.profile.position.invalid"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Validate(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Validate = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAProfileIsReplacedWholeAndEachSaveIsAudited(t *testing.T) {
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, Migrations)
	ctx := context.Background()
	units := org.NewStore(conn, nil)
	if _, err := units.LoadDemo(ctx, "demo-password-1"); err != nil {
		t.Fatal(err)
	}
	u, err := units.UnitByCode(ctx, org.DemoProvinceCode)
	if err != nil {
		t.Fatal(err)
	}
	s := NewProfiles(conn, nil)
	if p, err := s.Profile(ctx, u.ID); err != nil || !p.Empty() {
		t.Fatalf("before any save: %+v %v", p, err)
	}
	actor := audit.Actor{Username: "vanphong"}
	first := Profile{UnitID: u.ID, Functions: "Tham mưu.\nQuản lý.", Phone: "0221 3 862 100", Contacts: []Contact{
		{Position: Head, Name: "Nguyễn Văn Hùng", Title: "Chủ tịch", Phone: "0221 3 862 101", Email: "hung@hungyen.gov.vn"},
		{Position: Deputy, Name: "Phạm Minh Tuấn", Title: "Phó Chủ tịch", Phone: "0912 345 678", Email: "tuan@hungyen.gov.vn"},
	}}
	if err := s.SaveProfile(ctx, actor, first); err != nil {
		t.Fatal(err)
	}
	second := Profile{UnitID: u.ID, Functions: "Tham mưu.", Contacts: []Contact{
		{Position: Deputy, Name: "Phạm Minh Tuấn", Title: "Phó Chủ tịch", Phone: "0912 345 679", Email: "tuan@hungyen.gov.vn"},
	}}
	if err := s.SaveProfile(ctx, actor, second); err != nil {
		t.Fatal(err)
	}
	got, err := s.Profile(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, second) {
		t.Errorf("after the second save: %+v, want %+v", got, second)
	}
	bad := second
	bad.Contacts = []Contact{{Position: Deputy, Name: "X", Title: "Y", Phone: "12", Email: "x@y.vn"}}
	if _, ok := web.AsValidation(s.SaveProfile(ctx, actor, bad)); !ok {
		t.Fatal("a bad phone was saved")
	}
	var n int
	if err := conn.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'portal_profiles' AND entity_id = $1 AND actor = 'vanphong'`,
		audit.ID(u.ID)).Scan(&n); err != nil || n != 2 {
		t.Errorf("audit entries = %d (%v), want 2", n, err)
	}
}
