package vn

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Errors of ValidCitizenID, in Vietnamese for showing next to the field;
// compare with errors.Is to pick a message key instead.
var (
	ErrCitizenIDLength   = errors.New("Số định danh cá nhân phải gồm 12 chữ số")
	ErrCitizenIDProvince = errors.New("Ba chữ số đầu của số định danh cá nhân không phải mã tỉnh nơi đăng ký khai sinh")
)

// ValidCitizenID checks the shape of a 12-digit personal identification
// number (the number on the chip-based citizen identity card) as laid out by
// Circular 07/2016/TT-BCA: three digits of the province where the birth was
// registered, one digit for century and sex (0–9, each value has a meaning),
// two for the year of birth and six at random. Only the province code can be
// wrong once the digits are there; the number is not checked against any
// register.
func ValidCitizenID(s string) error {
	if len(s) != 12 || !allDigits(s) {
		return ErrCitizenIDLength
	}
	if _, ok := birthProvinces[s[:3]]; !ok {
		return ErrCitizenIDProvince
	}
	return nil
}

// Errors of ValidPhone and NormalizePhone.
var (
	ErrPhoneDigits = errors.New("Số điện thoại chỉ gồm chữ số, có thể bắt đầu bằng +84")
	ErrPhoneFormat = errors.New("Số điện thoại không đúng: số di động gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09; số cố định gồm 11 chữ số bắt đầu bằng 02")
)

// ValidPhone reports whether s is a Vietnamese telephone number once
// normalised by NormalizePhone.
func ValidPhone(s string) error {
	_, err := NormalizePhone(s)
	return err
}

// NormalizePhone returns a Vietnamese telephone number in its national form,
// 0912345678 or 02213123456. It accepts the separators people type (spaces,
// dots, dashes, brackets) and the country code as +84, 0084 or 84. Since the
// 2017–2018 renumbering a mobile number is 10 digits starting 03, 05, 07, 08
// or 09, and a landline is 11 digits starting 02 and the area code.
func NormalizePhone(s string) (string, error) {
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		case r == '+' && i == 0:
			b.WriteString("00")
		default:
			return "", ErrPhoneDigits
		}
	}
	digits := b.String()
	digits = strings.TrimPrefix(digits, "00")
	if rest, ok := strings.CutPrefix(digits, "84"); ok && len(rest) >= 9 {
		// +84 912 345 678 and +84 (0) 912 345 678 both mean 0912345678.
		digits = "0" + strings.TrimPrefix(rest, "0")
	}
	switch {
	case len(digits) == 10 && digits[0] == '0' && strings.ContainsRune("35789", rune(digits[1])):
		return digits, nil
	case len(digits) == 11 && strings.HasPrefix(digits, "02"):
		return digits, nil
	}
	return "", ErrPhoneFormat
}

// MaskID hides an identification number for lists and logs, keeping the
// first three characters (the province) and the last two:
// MaskID("001203012345") = "001*******45". Strings of five characters or
// fewer are hidden entirely, since showing five would show everything.
func MaskID(s string) string { return mask(s, 3, 2) }

// MaskPhone hides the middle of a telephone number, keeping the first and last
// three digits: MaskPhone("0912345678") = "091****678". A number in another
// spelling (+84 912 345 678) is normalised first.
func MaskPhone(s string) string {
	if n, err := NormalizePhone(s); err == nil {
		s = n
	}
	return mask(s, 3, 3)
}

func mask(s string, head, tail int) string {
	n := utf8.RuneCountInString(s)
	if n <= head+tail {
		return strings.Repeat("*", n)
	}
	r := []rune(s)
	return string(r[:head]) + strings.Repeat("*", n-head-tail) + string(r[n-tail:])
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
