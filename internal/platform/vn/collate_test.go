package vn

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Each list is in the order a Vietnamese clerk would file it, worked out by
// hand letter by letter (d < đ, u < ư, a < ă < â, o < ô < ơ) before tones.
var handSorted = map[string][]string{
	"given names": {
		"An", "Anh", "Ánh", "Ba", "Bắc", "Bình", "Cường", "Dũng", "Dương",
		"Đà Nẵng", "Đào", "Đức", "Giang", "Hà", "Hải", "Hùng", "Hưng",
		"Khánh", "Long", "Minh", "Nga", "Ngọc", "Oanh", "Ông", "Phúc",
		"Quang", "Sơn", "Thảo", "Thư", "Uyên", "Ưng", "Vân", "Xuân", "Yến",
	},
	"one syllable in the six tones, then longer syllables": {
		"ma", "mà", "mả", "mã", "má", "mạ", "mác", "mạc", "mắc", "mâm", "mẫu", "mê", "mơ",
	},
	"tones before case, lower case before upper": {
		"an", "An", "AN", "án", "Án",
	},
	"a space sorts before any letter": {
		"An Khánh", "Anh", "Hà Nam", "Hà Nội", "Hàm",
	},
	"full names compared from the family name": {
		"Lê Thị Hoa", "Lê Văn An", "Nguyễn Thị Ánh", "Nguyễn Văn An", "Nguyễn Văn Anh", "Phạm Minh Đức", "Trần Đình Hưng",
	},
	"digits before letters, compared as text": {
		"Xã 1", "Xã 10", "Xã 2", "Xã A",
	},
	"provinces": {
		"An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh",
		"Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên",
		"Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh",
		"Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
	},
}

func TestCompareSortsHandSortedListsInTheirOrder(t *testing.T) {
	for name, want := range handSorted {
		t.Run(name, func(t *testing.T) {
			got := slices.Clone(want)
			rand.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
			slices.SortFunc(got, Compare)
			if !slices.Equal(got, want) {
				t.Fatalf("sorted:\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestSortKeysOrderLikeCompare(t *testing.T) {
	var all []string
	for _, list := range handSorted {
		all = append(all, list...)
	}
	all = append(all, "", " ", "  An", "An ", norm.NFD.String("Nguyễn"), "Ελλάδα", "中文", "\xff", "a\u0302\u0302")
	for _, a := range all {
		for _, b := range all {
			if got, want := bytes.Compare([]byte(SortKey(a)), []byte(SortKey(b))), Compare(a, b); got != want {
				t.Errorf("keys of %q and %q compare %d, Compare gives %d", a, b, got, want)
			}
		}
	}
}

func TestDaNangSortsAfterDuong(t *testing.T) {
	if !Less("Dương", "Đà Nẵng") || Less("Đà Nẵng", "Dương") {
		t.Fatal(`"Đà Nẵng" must sort after "Dương": d comes before đ`)
	}
}

func TestCompareIsZeroOnlyForIdenticalStrings(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Nguyễn", norm.NFD.String("Nguyễn")}, // same text, other normal form
		{"An", "  An"},
		{"Hà  Nội", "Hà Nội"},
	} {
		if Compare(tc.a, tc.b) == 0 {
			t.Errorf("Compare(%q, %q) = 0 for different strings", tc.a, tc.b)
		}
		if Compare(tc.a, tc.a) != 0 {
			t.Errorf("Compare(%q, itself) != 0", tc.a)
		}
	}
}

func TestNFCAndNFDDifferOnlyAtTheLastLevel(t *testing.T) {
	for _, s := range []string{"Nguyễn Thị Ánh", "Trường Đại học", "Ậu Ợ Ặ Ữ", "ướt át"} {
		nfc, nfd := SortKey(norm.NFC.String(s)), SortKey(norm.NFD.String(s))
		if levels(nfc) != levels(nfd) {
			t.Errorf("%q: NFC key %q and NFD key %q differ before the byte level", s, nfc, nfd)
		}
	}
}

// levels cuts a key after its third level, leaving letters, tones and case.
func levels(key string) string {
	n := 0
	for i := 0; i < len(key); i++ {
		if key[i] == keyLevelEnd {
			if n++; n == 3 {
				return key[:i]
			}
		}
	}
	return key
}

func TestSortKeyIsPrintableASCII(t *testing.T) {
	for _, s := range []string{"Đà Nẵng", "\x00\xff", "中文 ∑", "A\tB"} {
		for _, c := range []byte(SortKey(s)) {
			if c < 0x21 || c > 0x7e {
				t.Fatalf("SortKey(%q) contains byte %#x", s, c)
			}
		}
	}
}

func TestCompareOfNamesDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { Compare("Nguyễn Văn Anh", "Nguyễn Văn Ánh") }); n != 0 {
		t.Fatalf("Compare allocated %v times, want 0", n)
	}
	long := strings.Repeat("Ủy ban nhân dân ", 40)
	if n := testing.AllocsPerRun(10, func() { Compare(long, long+"x") }); n > 6 {
		t.Fatalf("Compare of long text allocated %v times, want at most 3 per string", n)
	}
}
