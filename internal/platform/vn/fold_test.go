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

func TestFoldFastPathAgreesWithDefinition(t *testing.T) {
	// Every rune the table covers, alone and between letters and spaces, so
	// that a mistake in the table or in the space handling shows here.
	var cases []string
	for _, blk := range foldBlocks {
		for r := blk.lo; r < blk.hi; r++ {
			cases = append(cases, string(r), "A"+string(r)+" b", " "+string(r)+string(r)+"  ", "Đ"+string(r)+"\tX")
		}
	}
	cases = append(cases,
		"Ủy ban nhân dân tỉnh Hưng Yên",
		"  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  ",
		"Nguye\u0302\u0303n Thi\u0323 A\u0301nh", // NFD input
		"a\u00a0b\u0085c",                        // no-break space and next line
		"Hồ sơ \xff hỏng",                        // invalid UTF-8 falls back
		"Ελληνικά και Tiếng Việt",                // outside the table falls back
	)
	for _, s := range cases {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, the definition gives %q", s, got, want)
		}
	}
}

func TestFoldOfPlainLowerASCIIDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { Fold("thu tuc hanh chinh") }); n != 0 {
		t.Fatalf("Fold of folded ASCII allocated %v times, want 0", n)
	}
}

func TestFoldOfVietnameseAllocatesOnce(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { Fold("Thủ tục hành chính công") }); n != 1 {
		t.Fatalf("Fold of Vietnamese text allocated %v times, want 1 (the result)", n)
	}
}
