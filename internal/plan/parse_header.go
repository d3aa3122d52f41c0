package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"papihub/internal/platform/vn"
)

// splitNumber reads the text after "Số:". Agencies leave the number blank
// until the document is issued, sometimes with dots or underscores as
// placeholders ("Số: ..../KH-STTTT"), so a number without digits is blank.
func splitNumber(s string) (number, symbol string) {
	s = strings.TrimSpace(s)
	num, sym, found := strings.Cut(s, "/")
	if !found {
		return strings.TrimSpace(s), ""
	}
	num = strings.Trim(num, " ._…")
	for i := 0; i < len(num); i++ {
		if !isDigit(num[i]) {
			num = ""
			break
		}
	}
	return num, strings.TrimSpace(sym)
}

// placeDate matches the folded place-and-date line "Hưng Yên, ngày 05 tháng
// 3 năm 2026", with the day and the month possibly blank.
var placeDate = regexp.MustCompile(`^(?:(.*?),\s*)?ngay\s*([0-9]{0,2})[\s._…]*thang\s*([0-9]{0,2})[\s._…]*nam\s*([0-9]{4})\b`)

// parsePlaceDate reads a place-and-date line: the place as written, the date
// as "YYYY-MM-DD", "YYYY-MM" or "YYYY" depending on what is filled in.
func parsePlaceDate(text, folded string) (place, date string, year int, ok bool) {
	m := placeDate.FindStringSubmatch(folded)
	if m == nil {
		return "", "", 0, false
	}
	if m[1] != "" {
		if p, _, found := strings.Cut(text, ","); found {
			place = strings.TrimSpace(p)
		}
	}
	year, _ = strconv.Atoi(m[4])
	day, _ := strconv.Atoi(m[2])
	month, _ := strconv.Atoi(m[3])
	switch {
	case month < 1 || month > 12:
		date = fmt.Sprintf("%04d", year)
	case day < 1 || day > daysIn(year, month):
		date = fmt.Sprintf("%04d-%02d", year, month)
	default:
		date = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	}
	return place, date, year, true
}

func daysIn(year, month int) int {
	return Period{Kind: Month, Year: year, N: month}.End().Day()
}

// titleYear finds "năm 2024" in a folded title.
var titleYear = regexp.MustCompile(`\bnam\s+([0-9]{4})\b`)

// docRef matches a document number and symbol as cited in a legal basis:
// "07/KH-UBND", "30/2020/NĐ-CP", "766/QĐ-TTg", "202/2025/QH15". The symbol
// starts with a capital letter so that dates such as 12/01/2023 do not match.
var docRef = regexp.MustCompile(`\b[0-9]{1,5}(?:/[0-9]{4})?/\p{Lu}[\p{L}0-9]*(?:[-–][\p{L}0-9]+)*`)

func findRefs(s string) []string {
	refs := docRef.FindAllString(s, -1)
	if refs == nil {
		return []string{}
	}
	return refs
}

// agencyWords begin the name of an issuing body.
var agencyWords = []string{"so ", "ubnd", "uy ban", "phong ", "ban ", "van phong", "cuc ", "chi cuc", "trung tam",
	"bo ", "truong ", "benh vien", "thanh tra", "hoi dong", "dang uy", "cong an", "bao hiem", "vien ", "dai "}

// isAgency reports whether a folded line names an agency rather than a
// subject: "Sở Thông tin và Truyền thông", "UBND TỈNH HƯNG YÊN".
func isAgency(folded string) bool {
	if len(folded) > 120 {
		return false
	}
	for _, w := range agencyWords {
		if strings.HasPrefix(folded, w) {
			return true
		}
	}
	return false
}

// isMotto reports the national title and motto of the header's right column.
func isMotto(folded string) bool {
	return strings.HasPrefix(folded, "cong hoa xa hoi chu nghia") || strings.HasPrefix(folded, "doc lap")
}

// isSignatureNote reports notes that sit in a signature block but are not
// part of it: "(Đã ký)", "(ký, đóng dấu)".
func isSignatureNote(folded string) bool {
	return strings.HasPrefix(folded, "(") && strings.HasSuffix(folded, ")") ||
		folded == "da ky" || strings.HasPrefix(folded, "[")
}

// provinceFromBasis infers the parent body of a provincial department (Sở)
// whose header lost it, as the seed's did: its basis cites a plan of the
// "UBND tỉnh" and names the province ("... tỉnh Hưng Yên năm 2023"), and a Sở
// answers to its provincial People's Committee. The caller reports the
// inference; anything less clear gives "".
func provinceFromBasis(issuer string, basis []Basis) string {
	if !strings.HasPrefix(vn.Fold(issuer), "so ") {
		return ""
	}
	found := ""
	for _, b := range basis {
		if !strings.Contains(vn.Fold(b.Text), "ubnd tinh") && !strings.Contains(vn.Fold(b.Text), "uy ban nhan dan tinh") {
			continue
		}
		words := strings.Fields(b.Text)
		for i, w := range words {
			if vn.Fold(w) != "tinh" {
				continue
			}
			var name []string
			for _, n := range words[i+1:] {
				n = strings.TrimRight(n, ",.;:)")
				if n == "" || !isCapitalised(n) {
					break
				}
				name = append(name, n)
			}
			if len(name) == 0 {
				continue
			}
			province := strings.ToUpper(strings.Join(name, " "))
			if found != "" && found != province {
				return "" // two provinces: no guess
			}
			found = province
		}
	}
	if found == "" {
		return ""
	}
	return "UBND TỈNH " + found
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// bodyCasing looks for name, written in upper case in the header, among the
// document's lines in its ordinary casing ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG" is
// "Sở Thông tin và Truyền thông" in the basis) and returns that form, or name
// itself when the body never spells it.
func bodyCasing(name string, lines []block) string {
	want := strings.Fields(vn.Fold(name))
	if len(want) == 0 || !isUpper(name) {
		return name
	}
	for _, l := range lines {
		words := strings.Fields(l.text)
		for i := 0; i+len(want) <= len(words); i++ {
			match := true
			for j, w := range want {
				if vn.Fold(strings.Trim(words[i+j], ",.;:()“”\"")) != w {
					match = false
					break
				}
			}
			if match {
				cand := strings.Join(words[i:i+len(want)], " ")
				cand = strings.Trim(cand, ",.;:()“”\"")
				if !isUpper(cand) {
					return cand
				}
			}
		}
	}
	return name
}

// decisionLine matches the line under the title of a plan issued as an
// attachment to a decision: "(Ban hành kèm theo Quyết định số 1234/QĐ-UBND
// ngày 20/3/2026 của Ủy ban nhân dân tỉnh)".
var (
	decisionLine = regexp.MustCompile(`^\(?\s*(?:ban hanh\s+)?kem theo\s+(?:quyet dinh|qd)\b`)
	decisionDate = regexp.MustCompile(`ngay\s*(\d{1,2})\s*(?:[/.-]|\s*thang\s*)\s*(\d{1,2})\s*(?:[/.-]|\s*nam\s*)\s*(\d{4})`)
)

// readDecision reads the attachment line: the decision's number and symbol
// and its date become the plan's, unless the plan has its own, and the body
// that issued it is the issuer when the header names none.
func (p *planReader) readDecision(b block, text, f string) bool {
	if !decisionLine.MatchString(f) {
		return false
	}
	p.decisionLine = b.no
	var got []string
	if refs := findRefs(text); len(refs) > 0 && (!p.sawNumber || p.d.Number == "") {
		p.d.Number, p.d.Symbol = splitNumber(refs[0])
		p.sawNumber = true
		got = append(got, "số "+refs[0])
	}
	if m := decisionDate.FindStringSubmatch(f); m != nil && len(p.d.Date) < 10 {
		y, _ := strconv.Atoi(m[3])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[1])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) {
			p.d.Date = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
			got = append(got, "ngày "+fmt.Sprintf("%02d/%02d/%04d", d, mo, y))
		}
	}
	lower := strings.ToLower(text)
	if i := strings.LastIndex(lower, " của "); i >= 0 && len(lower) == len(text) {
		p.decisionIssuer = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text[i+len(" của "):]), ").;"))
		got = append(got, "cơ quan ban hành “"+p.decisionIssuer+"”")
	}
	if len(got) == 0 {
		p.problem(b.no, SevWarning, "Dòng “%s” không ghi rõ số, ngày của Quyết định ban hành kèm theo", clip(text))
		return true
	}
	p.problem(b.no, SevInfo, "Kế hoạch ban hành kèm theo Quyết định: lấy %s từ dòng này", strings.Join(got, ", "))
	return true
}

// committeeWords name a People's Committee or Council, which heads its own
// document: "ỦY BAN NHÂN DÂN" over "TỈNH HƯNG YÊN" (or "XÃ TÂN HƯNG") is one
// issuer, with no parent body above it.
var committeeWords = []string{"uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd"}

var placeWords = []string{"tinh ", "thanh pho ", "xa ", "phuong ", "dac khu ", "huyen ", "quan ", "thi xa ", "thi tran "}

func isCommittee(name string) bool {
	f := vn.Fold(name)
	for _, w := range committeeWords {
		if strings.HasPrefix(f, w) {
			return true
		}
	}
	return false
}

// committeeHeader joins a committee's two header lines into one issuer and
// uses the attachment line's issuer when the header named none.
func (p *planReader) committeeHeader() {
	for i := 0; i+1 < len(p.agencies); i++ {
		f := vn.Fold(p.agencies[i])
		bare := false
		for _, w := range committeeWords {
			bare = bare || f == w
		}
		if !bare {
			continue
		}
		next := vn.Fold(p.agencies[i+1])
		for _, w := range placeWords {
			if strings.HasPrefix(next, w) {
				joined := p.agencies[i] + " " + p.agencies[i+1]
				p.agencies = append(append(append([]string{}, p.agencies[:i]...), joined), p.agencies[i+2:]...)
				break
			}
		}
		break
	}
	if len(p.agencies) == 0 && p.issuerLine == 0 && p.decisionIssuer != "" {
		p.d.Issuer, p.issuerLine = p.decisionIssuer, p.decisionLine
	}
}
