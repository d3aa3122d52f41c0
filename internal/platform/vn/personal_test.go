package vn

import (
	"errors"
	"testing"
)

func TestValidCitizenID(t *testing.T) {
	for _, tc := range []struct {
		name string
		id   string
		want error
	}{
		{"born in Hà Nội, male, 20th century, 1986", "001086012345", nil},
		{"born in Hưng Yên, female, 21st century", "033303012345", nil},
		{"born in Cà Mau, the last code", "096199000001", nil},
		{"born in Hồ Chí Minh", "079095123456", nil},
		{"eleven digits", "00108601234", ErrCitizenIDLength},
		{"thirteen digits", "0010860123456", ErrCitizenIDLength},
		{"a letter inside", "00108601234A", ErrCitizenIDLength},
		{"spaces are not digits", "001 086 012345", ErrCitizenIDLength},
		{"the old nine-digit identity card", "123456789", ErrCitizenIDLength},
		{"003 is not a province code", "003086012345", ErrCitizenIDProvince},
		{"000 is not a province code", "000086012345", ErrCitizenIDProvince},
		{"097 is past the last code", "097086012345", ErrCitizenIDProvince},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := ValidCitizenID(tc.id); !errors.Is(err, tc.want) {
				t.Fatalf("ValidCitizenID(%q) = %v, want %v", tc.id, err, tc.want)
			}
		})
	}
}

func TestCitizenIDLengthErrorIsInVietnamese(t *testing.T) {
	if got := ValidCitizenID("1").Error(); got != "Số định danh cá nhân phải gồm 12 chữ số" {
		t.Fatalf("error = %q", got)
	}
}

func TestBirthProvincesHasTheSixtyThreeCodesOfCircular07(t *testing.T) {
	if len(birthProvinces) != 63 {
		t.Fatalf("%d province codes, want 63", len(birthProvinces))
	}
	for code := range birthProvinces {
		if len(code) != 3 || !allDigits(code) || code < "001" || code > "096" {
			t.Errorf("code %q is outside 001–096", code)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		err            error
	}{
		{"a mobile as typed", "0912345678", "0912345678", nil},
		{"grouped with spaces and dots", "091 234.56-78", "0912345678", nil},
		{"with +84", "+84 912 345 678", "0912345678", nil},
		{"with +84 and the zero in brackets", "+84 (0) 912 345 678", "0912345678", nil},
		{"with 84 and no plus", "84912345678", "0912345678", nil},
		{"with 0084", "0084912345678", "0912345678", nil},
		{"a Viettel 03x mobile", "0362345678", "0362345678", nil},
		{"a 05x mobile", "0562345678", "0562345678", nil},
		{"a 07x mobile", "0702345678", "0702345678", nil},
		{"an 08x mobile", "0862345678", "0862345678", nil},
		{"a Hưng Yên landline", "0221 3 123 456", "02213123456", nil},
		{"a Hà Nội landline with +84", "+84 24 3825 3536", "02438253536", nil},
		{"a mobile with a digit missing", "091234567", "", ErrPhoneFormat},
		{"an old 11-digit mobile", "01234567890", "", ErrPhoneFormat},
		{"a landline with a digit missing", "0243825353", "", ErrPhoneFormat},
		{"04 is not a prefix", "0412345678", "", ErrPhoneFormat},
		{"letters", "0912abc678", "", ErrPhoneDigits},
		{"a plus in the middle", "09+12345678", "", ErrPhoneDigits},
		{"empty", "", "", ErrPhoneFormat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NormalizePhone(tc.in)
			if got != tc.want || !errors.Is(err, tc.err) {
				t.Fatalf("NormalizePhone(%q) = %q, %v; want %q, %v", tc.in, got, err, tc.want, tc.err)
			}
			if verr := ValidPhone(tc.in); !errors.Is(verr, tc.err) {
				t.Fatalf("ValidPhone(%q) = %v, want %v", tc.in, verr, tc.err)
			}
		})
	}
}

func TestMaskIDShowsTheProvinceAndTheLastTwoDigits(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"001203012345", "001*******45"},
		{"123456789", "123****89"},
		{"12345", "*****"},
		{"", ""},
	} {
		if got := MaskID(tc.in); got != tc.want {
			t.Errorf("MaskID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMaskPhoneShowsTheFirstAndLastThreeDigits(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0912345678", "091****678"},
		{"+84 912 345 678", "091****678"},
		{"02213123456", "022*****456"},
		{"12345", "*****"},
	} {
		if got := MaskPhone(tc.in); got != tc.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
