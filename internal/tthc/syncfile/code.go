package syncfile

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Code is a parsed dossier code. Circular 03/2025/TT-VPCP and Decree
// 118/2025/NĐ-CP number a dossier `<agency electronic id>-YYMMDD-NNNN`
// (H15.50.05.13-261008-0975: received 08/10/2026, the 975th that day), and
// centrally run services `<agency id>-YYMMDD-AANNNN` where AA is the owning
// ministry.
type Code struct {
	AgencyID string // electronic id of the receiving agency, QCVN 102:2016
	Date     Day    // day of reception
	Sequence int    // n-th dossier of the day, from 1
	Ministry string // two letters for the central variant, "" otherwise
}

// CodeError says why a dossier code is malformed, in Vietnamese.
type CodeError struct {
	Input  string
	Reason string
}

func (e *CodeError) Error() string {
	return fmt.Sprintf("mã hồ sơ %q không hợp lệ: %s", e.Input, e.Reason)
}

// The sequence has at least four digits (Circular 03/2025: "NNNN"); eight is
// our bound so that it always fits an int and nobody types a phone number.
const (
	minSequenceDigits = 4
	maxSequenceDigits = 8
)

// ParseCode parses and validates a dossier code. It is strict: the canonical
// form is the only accepted spelling, so that one dossier has one code
// (String returns the input unchanged for every accepted code).
func ParseCode(s string) (Code, error) {
	fail := func(format string, args ...any) (Code, error) {
		return Code{}, &CodeError{Input: s, Reason: fmt.Sprintf(format, args...)}
	}
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return fail("cần đúng ba phần ngăn bởi dấu gạch ngang: <mã cơ quan>-YYMMDD-NNNN")
	}
	agency, date, seq := parts[0], parts[1], parts[2]
	if err := checkAgencyID(agency); err != "" {
		return fail("mã định danh cơ quan %q %s", agency, err)
	}
	if len(date) != 6 || !allDigits(date) {
		return fail("ngày tiếp nhận %q phải gồm 6 chữ số YYMMDD", date)
	}
	t, err := time.Parse("060102", date)
	if err != nil || t.Format("060102") != date {
		return fail("ngày tiếp nhận %q không phải ngày có thật", date)
	}
	y, m, d := t.Date()
	if y < 2000 {
		y += 100 // time.Parse maps 69–99 to 1969–1999; dossier codes are 20YY
	}
	c := Code{AgencyID: agency, Date: DateDay(y, m, d)}
	if len(seq) >= 2 && isUpper(seq[0]) && isUpper(seq[1]) {
		c.Ministry, seq = seq[:2], seq[2:]
	}
	switch {
	case len(seq) < minSequenceDigits || !allDigits(seq):
		return fail("số thứ tự %q phải có ít nhất %d chữ số (có thể kèm 2 chữ cái mã bộ ở đầu)", parts[2], minSequenceDigits)
	case len(seq) > maxSequenceDigits:
		return fail("số thứ tự %q dài quá %d chữ số", seq, maxSequenceDigits)
	case len(seq) > minSequenceDigits && seq[0] == '0':
		return fail("số thứ tự %q có số 0 thừa ở đầu", seq)
	}
	c.Sequence, _ = strconv.Atoi(seq)
	if c.Sequence == 0 {
		return fail("số thứ tự bắt đầu từ 0001")
	}
	return c, nil
}

// String writes the code in its canonical form.
func (c Code) String() string {
	y, m, d := c.Date.Date()
	return fmt.Sprintf("%s-%02d%02d%02d-%s%04d", c.AgencyID, y%100, int(m), d, c.Ministry, c.Sequence)
}

// checkAgencyID accepts the shape of QCVN 102:2016 electronic ids
// (000.00.33.H33, H15.50.05.13): two to six dot-separated groups of one to
// five upper-case ASCII letters or digits. It returns the reason for
// rejecting, or "".
func checkAgencyID(s string) string {
	if s == "" {
		return "bị trống"
	}
	groups := strings.Split(s, ".")
	if len(groups) < 2 || len(groups) > 6 {
		return "phải gồm 2 đến 6 nhóm ngăn bởi dấu chấm (ví dụ 000.00.33.H33)"
	}
	for _, g := range groups {
		if g == "" || len(g) > 5 {
			return "có nhóm rỗng hoặc dài quá 5 ký tự"
		}
		for i := 0; i < len(g); i++ {
			if !isUpper(g[i]) && !isDigit(g[i]) {
				return "chỉ được chứa chữ in hoa không dấu, chữ số và dấu chấm"
			}
		}
	}
	return ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
