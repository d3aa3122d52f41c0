package plan

import "testing"

func TestWrittenUnitNamesResolveToTheAgencysUnits(t *testing.T) {
	units := []UnitRef{
		{1, "Sở Khoa học và Công nghệ", "SKHCN"},
		{2, "Văn phòng Sở", ""},
		{3, "Phòng Kế hoạch - Tài chính", ""},
		{4, "Phòng Quản lý công nghệ và Đổi mới sáng tạo", ""},
		{5, "Trung tâm Công nghệ thông tin và Truyền thông", ""},
		{6, "Phòng Công nghệ thông tin và Chuyển đổi số", ""},
	}
	for _, tc := range []struct {
		name string
		want int64
	}{
		{"Văn phòng Sở", 2},
		{"VĂN PHÒNG SỞ", 2},
		{"van phong so", 2},
		{"VP Sở", 2},
		{"Văn phòng", 2},                  // the only office
		{"Phòng KH-TC", 3},                // initials after the unit's type
		{"P. Kế hoạch - Tài chính", 3},    // "P." for "Phòng"
		{"Phòng Kế hoạch – Tài chính", 3}, // another dash
		{"TT Công nghệ thông tin và Truyền thông", 5},
		{"SKHCN", 1},
		{"Phòng Quản lý công nghệ", 4}, // the one unit the name begins
		{"Phòng", 0},                   // three units begin so: no guess
		{"các phòng", 0},               // a group, not a unit
		{"Các phòng, đơn vị thuộc Sở", 0},
		{"Sở Nội vụ", 0}, // another agency
		{"", 0},
	} {
		if got := matchUnit(tc.name, units); got != tc.want {
			t.Errorf("matchUnit(%q) = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestInputFromDraftResolvesLeadsKeepsTheWordsAndReportsLines(t *testing.T) {
	units := []UnitRef{{1, "Sở Tư pháp", "STP"}, {2, "Văn phòng Sở", ""}, {3, "Phòng Hành chính tư pháp", ""}}
	d, _ := parseFile(t, "testdata/shapes/a-thuc-trang-giai-phap.md")
	in, probs := InputFromDraft(d, 1, units)
	var leads []int64
	var dues []string
	for _, s := range in.Sections {
		for _, task := range s.Tasks {
			leads = append(leads, task.LeadUnitID)
			dues = append(dues, task.DueText)
		}
	}
	// Văn phòng Sở; the issuer for a task with no lead; Phòng Hành chính tư
	// pháp; the issuer again; "VP Sở" is the office.
	if want := []int64{2, 1, 3, 1, 2}; !equalIDs(leads, want) {
		t.Errorf("leads %v, want %v", leads, want)
	}
	if in.Sections[0].Tasks[0].LeadText != "Chủ trì: Văn phòng Sở; phối hợp: Thanh tra Sở" {
		t.Errorf("lead text = %q", in.Sections[0].Tasks[0].LeadText)
	}
	if want := []string{"Thường xuyên", "trước ngày 30/6", "Quý II/2026", "tháng 10 hằng năm", "6 tháng đầu năm"}; len(dues) != 5 || dues[3] != want[3] || dues[1] != want[1] {
		t.Errorf("due texts %q", dues)
	}
	// "trước ngày 30/6" in a 2026 plan is 30 June 2026.
	if r := in.Sections[0].Tasks[1].Recurrence; r.Frequency != Once || r.Due.Format("2006-01-02") != "2026-06-30" {
		t.Errorf("recurrence %+v", r)
	}
	// Thanh tra Sở is not a unit of this agency: the coordinator stays as
	// written, and nothing is said about a task whose lead resolved.
	if len(in.Sections[0].Tasks[0].Coordinators) != 0 || len(in.Baselines) != 3 {
		t.Errorf("coordinators %v, baselines %d", in.Sections[0].Tasks[0].Coordinators, len(in.Baselines))
	}
	if hasProblem(probs, SevWarning, "Không khớp") {
		t.Errorf("problems %+v", probs)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
