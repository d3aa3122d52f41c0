package report

import "testing"

func TestThePlaceOfTheDateLineIsTheProvinceOfTheParentBody(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"UBND tỉnh Hưng Yên", "Sở Khoa học và Công nghệ"}, "Hưng Yên"},
		{[]string{"", "UBND thành phố Hải Phòng"}, "Hải Phòng"},
		{[]string{"Bộ Nội vụ"}, ""},
	} {
		if got := PlaceOf(tc.names...); got != tc.want {
			t.Errorf("PlaceOf(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}
