package papi

import (
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
// reports. Agencies shorten and reword the official names ("Tham gia của người
// dân cấp cơ sở", "Công khai, minh bạch trong việc ra quyết định"), so we look
// for the phrase that carries the meaning rather than the whole name.
var dimensionPhrases = []struct {
	code    string
	phrases []string
}{
	{"D1", []string{"tham gia cua nguoi dan", "nguoi dan tham gia", "participation"}},
	{"D2", []string{"cong khai minh bach", "minh bach", "transparency"}},
	{"D3", []string{"trach nhiem giai trinh", "giai trinh", "accountability"}},
	{"D4", []string{"kiem soat tham nhung", "phong chong tham nhung", "tham nhung", "corruption"}},
	{"D5", []string{"thu tuc hanh chinh", "administrative procedures"}},
	{"D6", []string{"cung ung dich vu cong", "dich vu cong", "public service delivery", "service delivery"}},
	{"D7", []string{"quan tri moi truong", "moi truong", "environmental governance", "environment"}},
	{"D8", []string{"quan tri dien tu", "chinh quyen dien tu", "e governance", "e government", "egovernance"}},
}

// MatchDimension returns the code of the PAPI dimension that a heading or
// phrase names, in Vietnamese or English, ignoring case, diacritics, quotes,
// Markdown emphasis, numbering and prefixes such as "Chỉ số nội dung". An
// explicit code ("D3") counts too. A text naming no dimension, or more than
// one, is not matched: the caller asks a person rather than guessing.
func MatchDimension(text string) (code string, ok bool) {
	words := " " + normalizeWords(text) + " "
	found := ""
	for _, w := range strings.Fields(words) {
		if len(w) == 2 && w[0] == 'd' && w[1] >= '1' && w[1] <= '8' {
			if found != "" && found != "D"+w[1:] {
				return "", false
			}
			found = "D" + w[1:]
		}
	}
	for _, dp := range dimensionPhrases {
		for _, p := range dp.phrases {
			if strings.Contains(words, " "+p+" ") {
				if found != "" && found != dp.code {
					return "", false
				}
				found = dp.code
				break
			}
		}
	}
	return found, found != ""
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
