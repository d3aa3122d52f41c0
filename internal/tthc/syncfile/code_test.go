package syncfile

import (
	"errors"
	"testing"
)

func TestParseCodeAcceptsTheShapesOfCircular03(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want Code
	}{
		{"a provincial department's dossier, the 975th of 08/10/2026", "H15.50.05.13-261008-0975",
			Code{AgencyID: "H15.50.05.13", Date: DateDay(2026, 10, 8), Sequence: 975}},
		{"a commune id with a leading 000 group", "000.00.33.H33-250101-0001",
			Code{AgencyID: "000.00.33.H33", Date: DateDay(2025, 1, 1), Sequence: 1}},
		{"a five-digit sequence on a busy day", "H15.50-240229-12345",
			Code{AgencyID: "H15.50", Date: DateDay(2024, 2, 29), Sequence: 12345}},
		{"the central variant carries the ministry letters", "000.00.00.G01-261231-BX0042",
			Code{AgencyID: "000.00.00.G01", Date: DateDay(2026, 12, 31), Sequence: 42, Ministry: "BX"}},
		{"a year written 99 is 2099, never 1999", "A1.B2-990101-0001",
			Code{AgencyID: "A1.B2", Date: DateDay(2099, 1, 1), Sequence: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseCode(tc.in)
			if err != nil {
				t.Fatalf("ParseCode(%q): %v", tc.in, err)
			}
			if got != tc.want {
				t.Fatalf("ParseCode(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
			if got.String() != tc.in {
				t.Fatalf("String() = %q, want the input back", got.String())
			}
		})
	}
}

func TestParseCodeRejectsMalformedCodesInVietnamese(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"empty", ""},
		{"a sequence of three digits", "H15.50.05.13-261008-975"},
		{"a 30th of February", "H15.50.05.13-260230-0975"},
		{"a lower-case agency id", "h15.50.05.13-261008-0975"},
		{"an agency id of one group", "H15-261008-0975"},
		{"an empty agency group", "H15..05-261008-0975"},
		{"a date with a letter", "H15.50-26100A-0975"},
		{"sequence zero", "H15.50-261008-0000"},
		{"a padded five-digit sequence", "H15.50-261008-00975"},
		{"one ministry letter", "H15.50-261008-B0975"},
		{"Vietnamese letters in the id", "Đ15.50-261008-0975"},
		{"an extra part", "H15.50-261008-0975-1"},
		{"a sequence too long", "H15.50-261008-123456789"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCode(tc.in)
			var ce *CodeError
			if !errors.As(err, &ce) {
				t.Fatalf("ParseCode(%q) error = %v, want a *CodeError", tc.in, err)
			}
			if ce.Reason == "" {
				t.Fatalf("the error gives no reason")
			}
		})
	}
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"H15.50.05.13-261008-0975", "000.00.33.H33-250101-AB0001", "x-y-z", "A.B-000000-0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			return
		}
		if c.String() != s {
			t.Fatalf("accepted %q but writes it back as %q", s, c.String())
		}
		again, err := ParseCode(c.String())
		if err != nil || again != c {
			t.Fatalf("round trip of %q: %+v, %v", s, again, err)
		}
	})
}
