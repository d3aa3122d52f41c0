package papi

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"papihub/internal/platform/vn"
)

// A Subdimension is one component of a PAPI dimension (nội dung thành phần).
// Its Code is the dimension's code, a dot and its position, like "D3.2".
type Subdimension struct{ Code, NameVI, NameEN string }

// A Dimension is one PAPI dimension (chỉ số nội dung), D1 to D8. FirstYear is
// the first survey year that measured it.
type Dimension struct {
	Code, NameVI, NameEN string
	FirstYear            int
	Subdimensions        []Subdimension
}

// A Framework is one version of the PAPI structure, valid for the survey years
// ValidFrom to ValidTo inclusive (ValidTo 0: still in use).
type Framework struct {
	ID                 string
	ValidFrom, ValidTo int
	Dimensions         []Dimension
}

// Frameworks returns the built-in versions of PAPI, oldest first. The slices
// are fresh copies, so callers may change them without touching the catalogue.
func Frameworks() []Framework {
	out := make([]Framework, len(frameworks))
	for i, f := range frameworks {
		out[i] = f.clone()
	}
	return out
}

// FrameworkFor returns the framework that scored the survey year, and false for
// years before the nationwide survey (2011).
func FrameworkFor(year int) (Framework, bool) {
	for _, f := range frameworks {
		if year >= f.ValidFrom && (f.ValidTo == 0 || year <= f.ValidTo) {
			return f.clone(), true
		}
	}
	return Framework{}, false
}

// Dimension returns the framework's dimension with the code ("D3"), compared
// without regard to case.
func (f Framework) Dimension(code string) (Dimension, bool) {
	for _, d := range f.Dimensions {
		if strings.EqualFold(d.Code, strings.TrimSpace(code)) {
			return d, true
		}
	}
	return Dimension{}, false
}

func (f Framework) clone() Framework {
	dims := make([]Dimension, len(f.Dimensions))
	for i, d := range f.Dimensions {
		d.Subdimensions = append([]Subdimension(nil), d.Subdimensions...)
		dims[i] = d
	}
	f.Dimensions = dims
	return f
}

// The catalogue. Names follow papi.org.vn and the yearly PAPI reports
// (domain.md §2). PAPI ran from 2009 (pilot) with six dimensions; the
// catalogue starts in 2011, the first nationwide year and the first of our
// official data. From 2018 there are eight dimensions and 28 sub-dimensions.
var frameworks = []Framework{
	{ID: "papi-2011", ValidFrom: 2011, ValidTo: 2017, Dimensions: []Dimension{
		dim("D1", 2009, "Tham gia của người dân ở cấp cơ sở", "Participation at local levels",
			"Tri thức công dân", "Civic knowledge",
			"Cơ hội tham gia", "Opportunities for participation",
			"Chất lượng bầu cử", "Quality of elections",
			"Đóng góp tự nguyện", "Voluntary contributions"),
		dim("D2", 2009, "Công khai, minh bạch", "Transparency",
			"Công khai danh sách hộ nghèo", "Poverty lists",
			"Công khai ngân sách cấp xã", "Commune budgets",
			"Công khai quy hoạch, kế hoạch sử dụng đất và khung giá đền bù", "Land-use plans and compensation prices"),
		// The 2016 and 2017 reports describe these three sub-dimensions
		// ("revised and new since 2016"); 2011–2015 measured community
		// investment supervision boards instead of citizens' proposals
		// (verify against the 2011–2015 reports before relying on D3 parts).
		dim("D3", 2009, "Trách nhiệm giải trình với người dân", "Vertical accountability",
			"Tương tác với chính quyền địa phương", "Interactions with local authorities",
			"Giải quyết đề xuất, khiếu nại, tố cáo của người dân", "Responses to citizens' proposals and complaints",
			"Ban Thanh tra nhân dân", "People's Inspection Boards"),
		dim("D4", 2009, "Kiểm soát tham nhũng trong khu vực công", "Control of corruption in the public sector",
			"Kiểm soát tham nhũng trong chính quyền địa phương", "Limits on public sector corruption",
			"Kiểm soát tham nhũng trong cung ứng dịch vụ công", "Limits on corruption in public service delivery",
			"Công bằng trong tuyển dụng vào khu vực nhà nước", "Equity in state employment",
			"Quyết tâm chống tham nhũng", "Willingness to fight corruption"),
		dim("D5", 2009, "Thủ tục hành chính công", "Public administrative procedures",
			"Dịch vụ chứng thực, xác nhận", "Certification procedures",
			"Thủ tục cấp giấy phép xây dựng", "Construction permits",
			"Thủ tục cấp giấy chứng nhận quyền sử dụng đất", "Land-use-rights certificates",
			"Thủ tục hành chính cấp xã", "Commune-level procedures"),
		dim("D6", 2009, "Cung ứng dịch vụ công", "Public service delivery",
			"Y tế công lập", "Public health",
			"Giáo dục tiểu học công lập", "Public primary education",
			"Cơ sở hạ tầng căn bản", "Basic infrastructure",
			"An ninh, trật tự khu dân cư", "Law and order"),
	}},
	{ID: "papi-2018", ValidFrom: 2018, Dimensions: []Dimension{
		dim("D1", 2009, "Tham gia của người dân ở cấp cơ sở", "Participation at local levels",
			"Tri thức công dân", "Civic knowledge",
			"Cơ hội tham gia", "Opportunities for participation",
			"Chất lượng bầu cử", "Quality of elections",
			"Đóng góp tự nguyện", "Voluntary contributions"),
		dim("D2", 2009, "Công khai, minh bạch trong việc ra quyết định ở địa phương", "Transparency in local decision-making",
			"Tiếp cận thông tin", "Access to information",
			"Công khai danh sách hộ nghèo", "Poverty lists",
			"Công khai ngân sách cấp xã", "Commune budgets",
			"Công khai quy hoạch, kế hoạch sử dụng đất và khung giá đền bù", "Land-use plans and compensation prices"),
		dim("D3", 2009, "Trách nhiệm giải trình với người dân", "Vertical accountability towards citizens",
			"Hiệu quả tương tác với chính quyền địa phương", "Interactions with local authorities",
			"Giải quyết khiếu nại, tố cáo", "Handling of complaints and denunciations",
			"Tiếp cận dịch vụ tư pháp", "Access to justice services"),
		dim("D4", 2009, "Kiểm soát tham nhũng trong khu vực công", "Control of corruption in the public sector",
			"Kiểm soát tham nhũng trong chính quyền địa phương", "Control of corruption in local government",
			"Kiểm soát tham nhũng trong cung ứng dịch vụ công", "Control of corruption in public service delivery",
			"Công bằng trong tuyển dụng vào khu vực nhà nước", "Equity in state employment",
			"Quyết tâm chống tham nhũng", "Willingness to fight corruption"),
		dim("D5", 2009, "Thủ tục hành chính công", "Public administrative procedures",
			"Dịch vụ chứng thực, xác nhận", "Certification procedures",
			"Thủ tục cấp giấy phép xây dựng", "Construction permits",
			"Thủ tục cấp giấy chứng nhận quyền sử dụng đất", "Land-use-rights certificates",
			"Thủ tục hành chính cấp xã", "Commune-level procedures"),
		dim("D6", 2009, "Cung ứng dịch vụ công", "Public service delivery",
			"Y tế công lập", "Public health",
			"Giáo dục tiểu học công lập", "Public primary education",
			"Cơ sở hạ tầng căn bản", "Basic infrastructure",
			"An ninh, trật tự khu dân cư", "Law and order"),
		dim("D7", 2018, "Quản trị môi trường", "Environmental governance",
			"Tính nghiêm túc trong bảo vệ môi trường", "Seriousness in environmental protection",
			"Chất lượng không khí", "Air quality",
			"Chất lượng nước", "Water quality"),
		// domain.md marks the D8 labels "verify": these are the wording of
		// the PAPI reports as we read them, kept here as data to correct.
		dim("D8", 2018, "Quản trị điện tử", "E-governance",
			"Sử dụng cổng thông tin điện tử của chính quyền địa phương", "Use of local e-government portals",
			"Tiếp cận và sử dụng Internet tại địa phương", "Access to and use of the Internet"),
	}},
}

// dim builds a dimension from alternating Vietnamese and English
// sub-dimension names, numbering them D<n>.1, D<n>.2, ...
func dim(code string, first int, vi, en string, subs ...string) Dimension {
	d := Dimension{Code: code, NameVI: vi, NameEN: en, FirstYear: first}
	for i := 0; i+1 < len(subs); i += 2 {
		d.Subdimensions = append(d.Subdimensions, Subdimension{
			Code:   code + "." + string(rune('1'+i/2)),
			NameVI: subs[i], NameEN: subs[i+1],
		})
	}
	return d
}

// dimensionPhrases are the folded phrases that name a dimension in plans and
// reports besides the official names (every framework's, and the
// sub-dimensions', see namePhrases). Agencies shorten and reword the names
// ("Tham gia của người dân cấp cơ sở", "Công khai, minh bạch trong việc ra
// quyết định", "Kiểm soát tham nhũng", "TTHC"), so we look for the phrase
// that carries the meaning rather than the whole name.
var dimensionPhrases = []struct {
	code    string
	phrases []string
}{
	{"D1", []string{"tham gia cua nguoi dan", "nguoi dan tham gia", "tham gia o cap co so", "tham gia cap co so", "participation"}},
	{"D2", []string{"cong khai minh bach", "minh bach", "transparency"}},
	{"D3", []string{"trach nhiem giai trinh", "giai trinh", "accountability"}},
	{"D4", []string{"kiem soat tham nhung", "phong chong tham nhung", "tham nhung", "corruption"}},
	{"D5", []string{"thu tuc hanh chinh", "tthc", "administrative procedures"}},
	{"D6", []string{"cung ung dich vu cong", "dich vu cong", "public service delivery", "service delivery"}},
	{"D7", []string{"quan tri moi truong", "moi truong", "environmental governance", "environment"}},
	{"D8", []string{"quan tri dien tu", "chinh quyen dien tu", "chinh quyen so", "e governance", "e government", "egovernance"}},
	// Phrases that contain a dimension's words but name none: online public
	// services are what D5 and D8 plans both work on, and the index's own
	// name holds "hành chính công".
	{"", []string{"dich vu cong truc tuyen", "quan tri va hanh chinh cong", "hieu qua quan tri va hanh chinh cong"}},
}

// A namePhrase is one phrase, as words, that names a dimension (code "" for
// a phrase that names none).
type namePhrase struct {
	code  string
	words []string
}

// namePhrases holds every phrase, the longest first, so that a sub-dimension
// ("Kiểm soát tham nhũng trong cung ứng dịch vụ công", D4) is read before the
// shorter names inside it ("dịch vụ công", D6).
var namePhrases = func() []namePhrase {
	var out []namePhrase
	seen := map[string]bool{}
	add := func(code, text string) {
		key := normalizeWords(text)
		if key == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, namePhrase{code, strings.Fields(key)})
	}
	for _, f := range frameworks {
		for _, d := range f.Dimensions {
			add(d.Code, d.NameVI)
			add(d.Code, d.NameEN)
			for _, s := range d.Subdimensions {
				add(d.Code, s.NameVI)
				add(d.Code, s.NameEN)
			}
		}
	}
	for _, dp := range dimensionPhrases {
		for _, p := range dp.phrases {
			add(dp.code, p)
		}
	}
	slices.SortStableFunc(out, func(a, b namePhrase) int { return len(b.words) - len(a.words) })
	return out
}()

// phrasesByFirstWord indexes namePhrases by their first word, each list
// longest first.
var phrasesByFirstWord = func() map[string][]namePhrase {
	m := map[string][]namePhrase{}
	for _, p := range namePhrases {
		m[p.words[0]] = append(m[p.words[0]], p)
	}
	return m
}()

// A DimensionMention is what a heading says about PAPI dimensions.
type DimensionMention struct {
	// Codes are the dimensions named, each once, in the order the names
	// come (or the numbers, when the heading gives numbers only).
	Codes []string
	// Conflict is set when numbers and names disagree ("Chỉ số 3: Quản trị
	// môi trường"): a person must say which is meant.
	Conflict bool
	// Other counts the words that are neither a dimension's name or number
	// nor the wording around them ("Chỉ số nội dung", a leading "1." or
	// "a)"): a heading has few, a task that mentions a dimension many.
	Other int
}

var letterMark = regexp.MustCompile(`^[\s#*_]*\pL[).]\s`)

// headingWords surround dimension names and numbers in headings.
var headingWords = map[string]bool{"chi": true, "so": true, "noi": true, "dung": true, "thanh": true, "phan": true,
	"va": true, "cac": true, "papi": true, "linh": true, "vuc": true, "nhom": true, "thu": true, "ve": true, "index": true}

var romanNumbers = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}

// dimensionNumber reads "5" or "v" as a dimension's number, 1 to 8.
func dimensionNumber(w string) (int, bool) {
	if n, ok := romanNumbers[w]; ok {
		return n, true
	}
	if len(w) == 1 && w[0] >= '1' && w[0] <= '8' {
		return int(w[0] - '0'), true
	}
	return 0, false
}

// FindDimensions reads which PAPI dimensions a heading names: by name
// (official, older, shortened or English, ignoring case, diacritics, quotes
// and Markdown), by number after "Chỉ số (nội dung | thành phần) (số)" or
// "Nội dung" ("Chỉ số nội dung 5", "Chỉ số thành phần số 5", "Nội dung 2
// và 3"), or by code ("D5"). Two dimensions in one heading ("Công khai, minh
// bạch và trách nhiệm giải trình") give two codes.
func FindDimensions(text string) DimensionMention {
	words := strings.Fields(normalizeWords(text))
	used := make([]bool, len(words))
	var byNumber, byName []string
	// A leading list mark: "1.", "1.1.", "ii.", "a)" ("e" in "E-governance"
	// is a word, not a mark).
	lettered := letterMark.MatchString(text)
	for i := 0; i < len(words); i++ {
		w := words[i]
		if _, roman := romanNumbers[w]; !roman && !isDigits(w) && !(i == 0 && lettered && len(w) == 1) {
			break
		}
		used[i] = true
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		if len(w) == 2 && w[0] == 'd' && w[1] >= '1' && w[1] <= '8' {
			byNumber, used[i] = appendCode(byNumber, "D"+w[1:]), true
			continue
		}
		// "chi so [noi dung | thanh phan] [so | thu] N [va M]" or "noi dung [so] N".
		j := i
		switch {
		case hasWords(words, j, "chi", "so"):
			j += 2
			if hasWords(words, j, "noi", "dung") || hasWords(words, j, "thanh", "phan") {
				j += 2
			}
		case hasWords(words, j, "noi", "dung"):
			j += 2
		default:
			continue
		}
		if j < len(words) && (words[j] == "so" || words[j] == "thu") {
			j++
		}
		numbered := false
		for j < len(words) {
			n, ok := dimensionNumber(words[j])
			if !ok {
				break
			}
			byNumber, numbered = appendCode(byNumber, "D"+string(rune('0'+n))), true
			used[j] = true
			j++
			if j+1 < len(words) && words[j] == "va" {
				if _, ok := dimensionNumber(words[j+1]); ok {
					used[j] = true
					j++
				}
			}
		}
		if numbered {
			for k := i; k < j; k++ {
				used[k] = true
			}
			i = j - 1
		}
	}
	// Left to right, the longest phrase that starts at each word.
	for i := 0; i < len(words); i++ {
		for _, p := range phrasesByFirstWord[words[i]] {
			if i+len(p.words) > len(words) || !matchAt(words, used, i, p.words) {
				continue
			}
			for k := range p.words {
				used[i+k] = true
			}
			if p.code != "" {
				byName = append(byName, p.code+"@"+strconv.Itoa(i))
			}
			i += len(p.words) - 1
			break
		}
	}
	// Names in the order they come in the text.
	slices.SortFunc(byName, func(a, b string) int { return atPos(a) - atPos(b) })
	var names []string
	for _, n := range byName {
		names = appendCode(names, n[:strings.IndexByte(n, '@')])
	}
	m := DimensionMention{Codes: names}
	if len(names) == 0 {
		m.Codes = byNumber
	} else if len(byNumber) > 0 && !sameCodes(names, byNumber) {
		m.Conflict = true
	}
	for i, w := range words {
		if !used[i] && !headingWords[w] {
			m.Other++
		}
	}
	return m
}

func appendCode(codes []string, c string) []string {
	if slices.Contains(codes, c) {
		return codes
	}
	return append(codes, c)
}

func hasWords(words []string, i int, want ...string) bool {
	if i+len(want) > len(words) {
		return false
	}
	for k, w := range want {
		if words[i+k] != w {
			return false
		}
	}
	return true
}

func matchAt(words []string, used []bool, i int, phrase []string) bool {
	for k, w := range phrase {
		if used[i+k] || words[i+k] != w {
			return false
		}
	}
	return true
}

func atPos(s string) int {
	n, _ := strconv.Atoi(s[strings.IndexByte(s, '@')+1:])
	return n
}

func sameCodes(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, c := range a {
		if !slices.Contains(b, c) {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// MatchDimension returns the code of the one PAPI dimension that a heading
// or phrase names (see FindDimensions). A text naming no dimension, more than
// one, or a number and a name that disagree is not matched: the caller asks a
// person rather than guessing.
func MatchDimension(text string) (code string, ok bool) {
	m := FindDimensions(text)
	if len(m.Codes) != 1 || m.Conflict {
		return "", false
	}
	return m.Codes[0], true
}

// normalizeWords folds s and keeps only letters and digits, one space between
// words, so that quotes, emphasis, numbering marks and hyphens do not matter.
func normalizeWords(s string) string {
	f := vn.Fold(s)
	b := make([]byte, 0, len(f))
	space := true
	for _, r := range f {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b = append(b, byte(r))
			space = false
			continue
		}
		if r >= 0x80 && !isPunct(r) {
			// Letters outside ASCII that survive folding (rare) stay part
			// of the word rather than splitting it.
			b = append(b, string(r)...)
			space = false
			continue
		}
		if !space {
			b = append(b, ' ')
			space = true
		}
	}
	return strings.TrimSpace(string(b))
}

func isPunct(r rune) bool {
	switch r {
	case '“', '”', '‘', '’', '«', '»', '–', '—', '…', '•', '\u00a0':
		return true
	}
	return false
}
