package papi

import (
	"strings"
	"testing"
)

func TestFrameworksHaveTheDocumentedShape(t *testing.T) {
	for _, tc := range []struct {
		id                 string
		validFrom, validTo int
		dimensions         int
		subdimensions      int
	}{
		// papi.org.vn: 2009–2017 six dimensions and 22 sub-dimensions;
		// from 2018 eight dimensions and 28 sub-dimensions.
		{"papi-2011", 2011, 2017, 6, 22},
		{"papi-2018", 2018, 0, 8, 28},
	} {
		t.Run(tc.id, func(t *testing.T) {
			var f Framework
			for _, g := range Frameworks() {
				if g.ID == tc.id {
					f = g
				}
			}
			if f.ID == "" {
				t.Fatalf("framework %s missing", tc.id)
			}
			if f.ValidFrom != tc.validFrom || f.ValidTo != tc.validTo {
				t.Errorf("valid %d–%d, want %d–%d", f.ValidFrom, f.ValidTo, tc.validFrom, tc.validTo)
			}
			if len(f.Dimensions) != tc.dimensions {
				t.Fatalf("%d dimensions, want %d", len(f.Dimensions), tc.dimensions)
			}
			subs := 0
			for i, d := range f.Dimensions {
				if want := "D" + string(rune('1'+i)); d.Code != want {
					t.Errorf("dimension %d has code %s, want %s", i, d.Code, want)
				}
				if d.NameVI == "" || d.NameEN == "" {
					t.Errorf("%s lacks a name", d.Code)
				}
				for j, s := range d.Subdimensions {
					if want := d.Code + "." + string(rune('1'+j)); s.Code != want {
						t.Errorf("sub-dimension code %s, want %s", s.Code, want)
					}
				}
				subs += len(d.Subdimensions)
			}
			if subs != tc.subdimensions {
				t.Errorf("%d sub-dimensions, want %d", subs, tc.subdimensions)
			}
		})
	}
}

func TestFrameworkForPicksTheVersionOfTheSurveyYear(t *testing.T) {
	for _, tc := range []struct {
		year int
		want string
		ok   bool
	}{
		{2010, "", false},
		{2011, "papi-2011", true},
		{2017, "papi-2011", true},
		{2018, "papi-2018", true},
		{2035, "papi-2018", true},
	} {
		f, ok := FrameworkFor(tc.year)
		if ok != tc.ok || f.ID != tc.want {
			t.Errorf("FrameworkFor(%d) = %q, %v; want %q, %v", tc.year, f.ID, ok, tc.want, tc.ok)
		}
	}
}

func TestDimensionLooksUpByCode(t *testing.T) {
	f, _ := FrameworkFor(2023)
	d, ok := f.Dimension("d8")
	if !ok || d.NameVI != "Quản trị điện tử" || d.FirstYear != 2018 {
		t.Fatalf("Dimension(d8) = %+v, %v", d, ok)
	}
	old, _ := FrameworkFor(2015)
	if _, ok := old.Dimension("D7"); ok {
		t.Fatal("the 2011 framework has no D7 (environment came in 2018)")
	}
}

func TestFrameworksReturnsCopiesCallersCannotCorrupt(t *testing.T) {
	fs := Frameworks()
	fs[1].Dimensions[0].NameVI = "changed"
	fs[1].Dimensions[0].Subdimensions[0].NameVI = "changed"
	f, _ := FrameworkFor(2020)
	if f.Dimensions[0].NameVI == "changed" || f.Dimensions[0].Subdimensions[0].NameVI == "changed" {
		t.Fatal("a caller changed the built-in catalogue")
	}
}

func TestMatchDimensionReadsHeadingsAsAgenciesWriteThem(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // "" = no match
	}{
		// The seed plan's headings, with Markdown and curly quotes.
		{"## **3. Chỉ số nội dung “Trách nhiệm giải trình với người dân”**", "D3"},
		{"**1. Chỉ số nội dung “Tham gia của người dân cấp cơ sở”**", "D1"},
		{"Chỉ số nội dung “Công khai, minh bạch trong việc ra quyết định”", "D2"},
		{"4. Chỉ số nội dung \"Kiểm soát tham nhũng trong khu vực công\"", "D4"},
		{"5. Thủ tục hành chính công", "D5"},
		{"Chỉ số 6: Cung ứng dịch vụ công", "D6"},
		{"QUẢN TRỊ MÔI TRƯỜNG", "D7"},
		{"quan tri dien tu", "D8"},
		{"Chỉ số nội dung 8 - Quản trị điện tử", "D8"},
		// English names.
		{"Participation at local levels", "D1"},
		{"Transparency in local decision-making", "D2"},
		{"Vertical accountability towards citizens", "D3"},
		{"Control of corruption in the public sector", "D4"},
		{"Public administrative procedures", "D5"},
		{"Public service delivery", "D6"},
		{"Environmental governance", "D7"},
		{"E-governance", "D8"},
		{"D5: one-stop shop", "D5"},
		// Unknown or ambiguous: no guess.
		{"Chỉ số PAPI", ""},
		{"Nhiệm vụ chung", ""},
		{"", ""},
		{"Công khai minh bạch và trách nhiệm giải trình", ""},
		// A sub-dimension's name names its dimension, though it holds
		// another's ("dịch vụ công").
		{"Kiểm soát tham nhũng trong cung ứng dịch vụ công", "D4"},
		{"D3 Quản trị môi trường", ""},
	} {
		got, ok := MatchDimension(tc.text)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("MatchDimension(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
		}
	}
}

func TestEveryOfficialNameMatchesItsOwnDimension(t *testing.T) {
	for _, f := range Frameworks() {
		for _, d := range f.Dimensions {
			for _, name := range []string{d.NameVI, d.NameEN} {
				if got, ok := MatchDimension(name); !ok || got != d.Code {
					t.Errorf("%s: MatchDimension(%q) = %q, %v", f.ID, name, got, ok)
				}
			}
		}
	}
}

func TestFindDimensionsReadsNumbersNamesAndPairs(t *testing.T) {
	for _, tc := range []struct {
		text     string
		codes    string // comma-separated
		conflict bool
		other    int
	}{
		{"Chỉ số nội dung 5", "D5", false, 0},
		{"Chỉ số thành phần số 5", "D5", false, 0},
		{"Nội dung 6: Cung ứng dịch vụ công", "D6", false, 0},
		{"1.2. Chỉ số nội dung 2 và 3", "D2,D3", false, 0},
		{"a) Công khai, minh bạch và trách nhiệm giải trình", "D2,D3", false, 0},
		{"Chỉ số 2, 3: Công khai minh bạch; Trách nhiệm giải trình với người dân", "D2,D3", false, 0},
		// The 2011–2017 name of D2 and shortened names.
		{"Công khai, minh bạch", "D2", false, 0},
		{"Kiểm soát tham nhũng", "D4", false, 0},
		{"TTHC", "D5", false, 0},
		{"Chính quyền điện tử", "D8", false, 0},
		// Online public services name no dimension on their own.
		{"Dịch vụ công trực tuyến", "", false, 0},
		{"Chỉ số 3: Quản trị môi trường", "D7", true, 0},
		// A task that mentions a dimension has many other words.
		{"Tăng cường công khai, minh bạch hoạt động của cơ quan", "D2", false, 7},
		{"II. NỘI DUNG", "", false, 0},
		{"Chỉ số PAPI năm 2025", "", false, 2},
	} {
		m := FindDimensions(tc.text)
		if got := strings.Join(m.Codes, ","); got != tc.codes || m.Conflict != tc.conflict || m.Other != tc.other {
			t.Errorf("FindDimensions(%q) = %q conflict %v other %d; want %q %v %d", tc.text, got, m.Conflict, m.Other, tc.codes, tc.conflict, tc.other)
		}
	}
}
