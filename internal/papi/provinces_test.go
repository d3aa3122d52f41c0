package papi

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
)

const officialCSV = "../../../shared/data/papi-official-2011-2021.csv"

func TestTheCatalogueHas63ProvincesBeforeTheReformAnd34After(t *testing.T) {
	if n := len(Provinces(2024)); n != 63 {
		t.Errorf("Provinces(2024) has %d provinces, want 63", n)
	}
	if n := len(Provinces(2025)); n != 34 {
		t.Errorf("Provinces(2025) has %d provinces, want 34", n)
	}
	for _, era := range [][]Province{Provinces(2024), Provinces(2026)} {
		seen := map[string]bool{}
		for _, p := range era {
			if seen[p.Code] {
				t.Errorf("code %s used twice in era %d", p.Code, p.Era)
			}
			seen[p.Code] = true
		}
	}
}

func TestEveryOldProvinceHasExactlyOneSuccessorAndEveryNewOneHasPredecessors(t *testing.T) {
	counted := 0
	for _, p := range Provinces(2034) {
		preds := Predecessors(p)
		if len(preds) == 0 {
			t.Errorf("%s has no predecessors", p)
		}
		counted += len(preds)
	}
	if counted != 63 {
		t.Errorf("predecessors of the 34 provinces add up to %d, want 63", counted)
	}
	for _, old := range Provinces(2024) {
		if _, err := Successor(old); err != nil {
			t.Error(err)
		}
	}
}

func TestHungYenAbsorbedThaiBinhAndKeepsCode33(t *testing.T) {
	thaiBinh := mustMatch(t, "Thái Bình", 2021)
	if thaiBinh.Code != "34" {
		t.Fatalf("Thái Bình code = %s, want 34", thaiBinh.Code)
	}
	next, err := Successor(thaiBinh)
	if err != nil || next.Code != "33" || next.Name != "Hưng Yên" {
		t.Fatalf("Successor(Thái Bình) = %v, %v; want Hưng Yên (33)", next, err)
	}
	var names []string
	for _, p := range Predecessors(next) {
		names = append(names, p.String())
	}
	if got := strings.Join(names, ", "); got != "Hưng Yên (33), Thái Bình (34)" {
		t.Errorf("Predecessors(Hưng Yên) = %s", got)
	}
}

func TestMergersFollowResolution202(t *testing.T) {
	// Resolution 202/2025/QH15, art. 1: a few of its 23 mergers, by new name and the old provinces.
	for _, tc := range []struct {
		newName string
		code    string
		olds    string
	}{
		{"Hồ Chí Minh", "79", "Bình Dương (74), Bà Rịa - Vũng Tàu (77), Hồ Chí Minh (79)"},
		{"Ninh Bình", "37", "Hà Nam (35), Nam Định (36), Ninh Bình (37)"},
		{"Lào Cai", "15", "Lào Cai (10), Yên Bái (15)"},
		{"Cao Bằng", "04", "Cao Bằng (04)"},
		{"Huế", "46", "Thừa Thiên Huế (46)"},
	} {
		t.Run(tc.newName, func(t *testing.T) {
			p := mustMatch(t, tc.newName, 2025)
			if p.Code != tc.code {
				t.Errorf("code = %s, want %s", p.Code, tc.code)
			}
			var names []string
			for _, o := range Predecessors(p) {
				names = append(names, o.String())
			}
			if got := strings.Join(names, ", "); got != tc.olds {
				t.Errorf("Predecessors = %s, want %s", got, tc.olds)
			}
		})
	}
}

func TestMatchProvinceToleratesTheSpellingsOfDataFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		year int
		code string
	}{
		{"Hà Nội", 2021, "01"},
		{"Ha Noi", 2021, "01"},
		{"HANOI", 2021, "01"},
		{"Thành phố Hà Nội", 2026, "01"},
		{"TP. Hồ Chí Minh", 2021, "79"},
		{"TP HCM", 2021, "79"},
		{"Hồ Chí Minh", 2025, "79"},
		{"Tỉnh Hưng Yên", 2021, "33"},
		{"hung yen", 2026, "33"},
		{"Dak Lak", 2021, "66"},
		{"Đăk Lăk", 2021, "66"},
		{"Thừa Thiên-Huế", 2015, "46"},
		{"Thừa Thiên Huế", 2015, "46"},
		{"Bà Rịa-Vũng Tàu", 2020, "77"},
		{"Ba Ria - Vung Tau", 2020, "77"},
		{"Hoà Bình", 2019, "17"},
		{"Thanh Hoá", 2019, "38"},
		{"33", 2019, "33"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if p := mustMatch(t, tc.name, tc.year); p.Code != tc.code {
				t.Errorf("MatchProvince(%q, %d) = %s, want code %s", tc.name, tc.year, p, tc.code)
			}
		})
	}
}

func TestEveryProvinceSpelledInTheOfficialResultsIsKnown(t *testing.T) {
	f, err := os.Open(officialCSV)
	if err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, rec := range records[1:] {
		p, err := MatchProvince(rec[0], 2021)
		if err != nil {
			t.Errorf("row %q: %v", rec[0], err)
			continue
		}
		codes[p.Code] = true
	}
	if len(codes) != 63 {
		t.Errorf("the file names %d distinct provinces, want 63", len(codes))
	}
}

func TestMatchProvinceExplainsUnknownAndMergedNames(t *testing.T) {
	for _, tc := range []struct {
		name        string
		year        int
		wantInError string
	}{
		{"Hưng Yeen", 2021, `did you mean "Hưng Yên"`},
		{"Thái Bình", 2026, "part of Hưng Yên (33)"},
		{"Atlantis", 2021, "unknown province"},
		{"", 2021, "empty province name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := MatchProvince(tc.name, tc.year)
			if err == nil || !strings.Contains(err.Error(), tc.wantInError) {
				t.Errorf("MatchProvince(%q, %d) error = %v, want it to mention %q", tc.name, tc.year, err, tc.wantInError)
			}
		})
	}
}

func TestNewHungYenBeforeTheReformResolvesToOldHungYen(t *testing.T) {
	newHY := mustMatch(t, "Hưng Yên", 2026)
	got, err := ResolveForYear(newHY, 2021)
	if err != nil || got.Era != 63 || got.Code != "33" {
		t.Fatalf("ResolveForYear(new Hưng Yên, 2021) = %v (era %d), %v; want old Hưng Yên (33)", got, got.Era, err)
	}
	if _, err := ResolveForYear(mustMatch(t, "Thái Bình", 2021), 2026); err == nil {
		t.Error("old Thái Bình resolved in 2026; want an error naming Hưng Yên")
	}
}

func mustMatch(t *testing.T, name string, year int) Province {
	t.Helper()
	p, err := MatchProvince(name, year)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
