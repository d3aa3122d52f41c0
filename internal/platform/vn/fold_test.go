package vn

import "testing"

func TestFoldIgnoresDiacriticsCaseAndSpacing(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hồ Sơ", "ho so"},
		{"ĐÔNG  Hưng\tYên ", "dong hung yen"},
		{"Thủ tục hành chính", "thu tuc hanh chinh"},
		{"  ", ""},
		{"", ""},
		{"abc", "abc"},
		{"Nguyễn Thị Ánh", "nguyen thi anh"},
		{"Ho\u0302\u0300 so\u031b", "ho so"}, // NFD input
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestContainsFindsFoldedNeedle(t *testing.T) {
	if !Contains("Tiếp nhận Hồ sơ trực tuyến", "ho so") {
		t.Fatal(`"ho so" should find "Hồ sơ"`)
	}
	if !Contains("Đội Quản lý", "d") {
		t.Fatal(`"d" should find "Đ"`)
	}
	if Contains("Hồ sơ", "hoa") {
		t.Fatal(`"hoa" must not match "Hồ sơ"`)
	}
}
