package plan

import (
	"reflect"
	"strings"
	"testing"
)

func TestTemplateHasOneSectionPerDimensionInForceThatYear(t *testing.T) {
	for _, tc := range []struct {
		year int
		want []string
	}{
		// The seed's 18 tasks, generalised: 1, 3, 3, 2, 3, 2, 2, 2.
		{2026, []string{"D1:1", "D2:3", "D3:3", "D4:2", "D5:3", "D6:2", "D7:2", "D8:2"}},
		// Before 2018 PAPI had no environment or e-governance dimension.
		{2016, []string{"D1:1", "D2:3", "D3:3", "D4:2", "D5:3", "D6:2"}},
		{2005, nil},
	} {
		d := Template(tc.year, "Sở Y tế", "UBND TỈNH HƯNG YÊN", "Hưng Yên")
		if got := outline(d); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Template(%d) sections %v, want %v", tc.year, got, tc.want)
		}
	}
}

func TestTemplateIsReadyToEditForTheAgency(t *testing.T) {
	d := Template(2026, "Sở Y tế", "UBND TỈNH HƯNG YÊN", "Hưng Yên")
	if d.Year != 2026 || !strings.HasSuffix(d.Title, "năm 2026") || d.Number != "" || d.Date != "" {
		t.Errorf("year %d, title %q, number %q, date %q", d.Year, d.Title, d.Number, d.Date)
	}
	if d.Issuer != "Sở Y tế" || d.ParentBody != "UBND TỈNH HƯNG YÊN" || d.Place != "Hưng Yên" || d.Signer.Title != "GIÁM ĐỐC" {
		t.Errorf("header %q %q %q, signer %q", d.Issuer, d.ParentBody, d.Place, d.Signer.Title)
	}
	if len(d.Purposes) == 0 || len(d.Requirements) == 0 || len(d.Organisation) == 0 || len(d.Recipients) == 0 {
		t.Error("the template should carry purposes, requirements, organisation and recipients")
	}
	if !strings.Contains(d.Organisation[0], "Sở Y tế") || !strings.Contains(d.Organisation[0], "Sở Nội vụ") {
		t.Errorf("organisation should name the agency and the report to Home Affairs: %q", d.Organisation[0])
	}
	if d.Sections[6].Heading != "Chỉ số nội dung “Quản trị môi trường”" {
		t.Errorf("D7 heading = %q", d.Sections[6].Heading)
	}
}

func TestSignerTitleFollowsTheKindOfAgency(t *testing.T) {
	for _, tc := range []struct{ issuer, want string }{
		{"Sở Tư pháp", "GIÁM ĐỐC"},
		{"UBND huyện Kiến Xương", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"},
		{"Phòng Nội vụ", "TRƯỞNG PHÒNG"},
		{"Ban Quản lý các khu công nghiệp", "TRƯỞNG BAN"},
		{"Trung tâm Phục vụ hành chính công", ""},
	} {
		if got := signerTitle(tc.issuer); got != tc.want {
			t.Errorf("signerTitle(%q) = %q, want %q", tc.issuer, got, tc.want)
		}
	}
}
