package vn

import (
	"math"
	"strconv"
	"strings"
)

// Vietnamese writes numbers with a dot between thousands and a comma before
// the decimals (TCVN 7654 follows the same convention): 1.234.567 and 44,18.

// FormatInt formats n with dots between thousands: 1.234.567, -5.000.
func FormatInt(n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u // also right for math.MinInt64
	}
	s := groupThousands(strconv.FormatUint(u, 10))
	if neg {
		return "-" + s
	}
	return s
}

// FormatMoney formats an amount of đồng: 1.234.567 đ.
func FormatMoney(n int64) string { return FormatInt(n) + " đ" }

// FormatDecimal formats x with exactly places decimals, a comma before them
// and dots between thousands: FormatDecimal(44.1789, 2) = "44,18",
// FormatDecimal(1234.5, 1) = "1.234,5". Rounding is strconv's, exact on the
// binary value: 44.175 is stored just below itself and gives "44,17".
// A negative places is treated as 0. NaN and infinities, which have no
// meaning on a page, are shown as "–".
func FormatDecimal(x float64, places int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	places = max(places, 0)
	s := strconv.FormatFloat(x, 'f', places, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	out := groupThousands(whole)
	if frac != "" {
		out += "," + frac
	}
	// -0,0 reads as a mistake; a value that rounds to zero is zero.
	if neg && strings.Trim(whole+frac, "0") != "" {
		out = "-" + out
	}
	return out
}

// FormatNumber writes a whole number without decimals and any other with at
// most two, without trailing zeros: 90 → "90", 2.5 → "2,5", 1234.567 →
// "1.234,57".
func FormatNumber(x float64) string {
	s := FormatDecimal(x, 2)
	if strings.Contains(s, ",") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ",")
	}
	return s
}

// FormatPercent formats x, already a percentage, like FormatDecimal followed
// by a percent sign with no space: FormatPercent(87.5, 1) = "87,5%".
func FormatPercent(x float64, places int) string {
	s := FormatDecimal(x, places)
	if s == "–" {
		return s
	}
	return s + "%"
}

// groupThousands inserts a dot every three digits from the right of a run of
// decimal digits.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte('.')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
