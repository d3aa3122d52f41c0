package survey

import (
	"strings"

	"papihub/internal/platform/vn"
)

// Responses hold no names, phones or ID numbers (issue 5: the survey is
// anonymous). These checks find them by the column's name or label and by
// what the values look like; the importer strips what they find and says so.

// personalWords are whole words (after folding diacritics) that mark a
// column as asking for a person's name, phone or identity document.
var personalWords = map[string]bool{
	"fullname": true, "firstname": true, "lastname": true, "surname": true, "respondentname": true,
	"hoten": true, "phone": true, "telephone": true, "mobile": true, "tel": true, "sdt": true,
	"dienthoai": true, "sodienthoai": true, "cmnd": true, "cccd": true, "cmt": true, "passport": true,
	"email": true, "idcard": true, "hochieu": true, "cancuoc": true,
}

// personalPhrases are word sequences with the same meaning.
var personalPhrases = []string{
	"ho ten", "ho va ten", "dien thoai", "can cuoc", "ho chieu", "chung minh nhan dan",
	"ten nguoi", "given name", "family name", "national id", "id number", "id card", "phone number",
}

// placeWords after "name"/"ten" make it the name of a place or body, which
// is fine: "village_name", "tên xã".
var placeWords = map[string]bool{
	"village": true, "commune": true, "district": true, "province": true, "unit": true, "agency": true,
	"school": true, "form": true, "file": true, "instance": true, "xa": true, "thon": true, "ap": true,
	"huyen": true, "tinh": true, "phuong": true, "to": true, "don": true, "co": true, "truong": true,
	"thu": true, "procedure": true, "service": true, "dich": true,
}

// looksPersonal reports whether a column name or label asks for a name, a
// phone number or an identity number.
func looksPersonal(text string) bool {
	words := strings.FieldsFunc(vn.Fold(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	joined := " " + strings.Join(words, " ") + " "
	for _, w := range words {
		if personalWords[w] {
			return true
		}
	}
	for _, p := range personalPhrases {
		if strings.Contains(joined, " "+p+" ") {
			return true
		}
	}
	// A bare "name" is personal unless a place or body is named with it.
	hasName, hasPlace := false, false
	for _, w := range words {
		hasName = hasName || w == "name"
		hasPlace = hasPlace || placeWords[w]
	}
	return hasName && !hasPlace
}

// redactIdentifiers removes what looks like an ID number (9 to 12 digits in
// a row: CMND has 9, CCCD 12) or a phone number (10 digits from a leading 0,
// or +84 and 9 digits, possibly written with spaces, dots or dashes) from a
// free-text value. It returns the cleaned value and how many it removed. A
// value that was nothing but the number becomes empty.
func redactIdentifiers(s string) (string, int) {
	if !hasLongDigitRun(s) {
		return s, 0
	}
	var b strings.Builder
	found := 0
	for i := 0; i < len(s); {
		if end, ok := identifierAt(s, i); ok {
			found++
			b.WriteString("***")
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	if found == 0 {
		return s, 0
	}
	out := b.String()
	if strings.Trim(out, "*  \t") == "" {
		return "", found
	}
	return out, found
}

// hasLongDigitRun is the cheap test that lets almost every value through
// untouched: nothing can match with fewer than nine digits in the value.
func hasLongDigitRun(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n >= 9
}

// identifierAt reports whether an identifier starts at s[i] (and is not the
// tail of a longer number), returning where it ends.
func identifierAt(s string, i int) (int, bool) {
	if i > 0 && (isDigit(s[i-1]) || s[i-1] == '.' || s[i-1] == ',') {
		return 0, false
	}
	// A plain run of 9 to 12 digits.
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if n := j - i; n >= 9 && n <= 12 && !(j < len(s) && (s[j] == '.' || s[j] == ',') && j+1 < len(s) && isDigit(s[j+1])) {
		return j, true
	}
	// A phone written in groups: starts with 0 or +84, 10 digits in all
	// (9 after 84). Money like 150.000.000 starts with another digit.
	k, digits, want := i, 0, 10
	if strings.HasPrefix(s[i:], "+84") {
		k, want = i+3, 9
	} else if s[i] != '0' {
		return 0, false
	}
	end := k
	for k < len(s) {
		if isDigit(s[k]) {
			digits++
			k++
			end = k
			continue
		}
		if (s[k] == ' ' || s[k] == '.' || s[k] == '-') && k+1 < len(s) && isDigit(s[k+1]) && digits > 0 {
			k++
			continue
		}
		break
	}
	return end, digits == want
}
