package vn

import (
	"math"
	"testing"
)

func TestFormatIntPutsDotsBetweenThousands(t *testing.T) {
	for _, tc := range []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1.000"},
		{1234567, "1.234.567"},
		{-5000, "-5.000"},
		{100000, "100.000"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	} {
		if got := FormatInt(tc.in); got != tc.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFormatMoneyWritesDong(t *testing.T) {
	if got := FormatMoney(1234567); got != "1.234.567 đ" {
		t.Fatalf("FormatMoney = %q", got)
	}
}

func TestFormatDecimalUsesACommaForDecimals(t *testing.T) {
	for _, tc := range []struct {
		name   string
		x      float64
		places int
		want   string
	}{
		{"a PAPI score", 44.18, 2, "44,18"},
		{"rounds to the places asked", 44.1789, 2, "44,18"},
		{"pads with zeros", 7, 2, "7,00"},
		{"thousands get dots", 1234567.891, 1, "1.234.567,9"},
		{"no places, no comma", 1234.5, 0, "1.234"}, // half to even
		{"negative", -0.25, 2, "-0,25"},
		{"a tiny negative that rounds to zero is zero", -0.001, 2, "0,00"},
		{"negative places count as none", 3.7, -1, "4"},
		{"not a number", math.NaN(), 2, "–"},
		{"infinity", math.Inf(1), 2, "–"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatDecimal(tc.x, tc.places); got != tc.want {
				t.Fatalf("FormatDecimal(%v, %d) = %q, want %q", tc.x, tc.places, got, tc.want)
			}
		})
	}
}

func TestFormatPercentTakesAPercentage(t *testing.T) {
	for _, tc := range []struct {
		x      float64
		places int
		want   string
	}{
		{87.5, 1, "87,5%"},
		{100, 0, "100%"},
		{0, 1, "0,0%"},
		{math.NaN(), 1, "–"},
	} {
		if got := FormatPercent(tc.x, tc.places); got != tc.want {
			t.Errorf("FormatPercent(%v, %d) = %q, want %q", tc.x, tc.places, got, tc.want)
		}
	}
}

func TestFormatNumberDropsTrailingZeros(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{90, "90"}, {2.5, "2,5"}, {1234.567, "1.234,57"}, {12345, "12.345"}, {0.004, "0"}, {-1.10, "-1,1"}, {100.001, "100"},
	} {
		if got := FormatNumber(tc.x); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}
