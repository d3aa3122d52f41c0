package plan

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"papihub/internal/papi"
	"papihub/internal/platform/vn"
)

// A zone is the part of the plan a line belongs to. A Decree 30 plan runs
// header, title, basis, I. purposes and requirements, II. content by
// dimension, III. organisation, recipients, signature.
type zone int

const (
	zHeader       zone = iota // before the "KẾ HOẠCH" title
	zIntro                    // title and legal basis
	zPurpose                  // I. MỤC ĐÍCH, YÊU CẦU
	zContent                  // II. NỘI DUNG: one part per dimension
	zOrganisation             // III. TỔ CHỨC THỰC HIỆN
	zRecipients               // Nơi nhận
	zSigner                   // the signature block
	zSkip                     // a part we do not read (reported once)
)

// planReader walks the blocks once, zone by zone.
type planReader struct {
	blocks   []block
	d        Draft
	problems []Problem

	zone           zone
	sawTitle       bool
	inTitle        bool
	titleLine      int
	titleParts     []string
	agencies       []string // upper-case lines of the header's left column
	issuerLine     int      // the issuer read from under the title, when the header had none
	sawNumber      bool
	dateLine       int
	purpose        int // 0 not said, 1 purposes, 2 requirements
	style          headingStyle
	haveStyle      bool
	taskKeys       []string        // per section: the marker of its tasks
	sectionLines   []int           // per section: the line of its heading
	conflicts      map[string]bool // headings whose number and name disagree (already reported)
	decisionLine   int             // the "Ban hành kèm theo Quyết định" line
	decisionIssuer string          // the body that issued that decision
	signer         []string
	signerLine     int
	lastLine       int
}

func newPlanReader(blocks []block) *planReader {
	return &planReader{blocks: blocks, conflicts: map[string]bool{}}
}

func (p *planReader) problem(line int, sev Severity, format string, args ...any) {
	p.problems = append(p.problems, Problem{Line: line, Message: fmt.Sprintf(format, args...), Severity: sev})
}

func (p *planReader) read() {
	for _, b := range p.blocks {
		p.lastLine = b.no
		if b.isTable() {
			p.table(b)
			continue
		}
		p.line(b)
	}
	p.endTitle()
}

func (p *planReader) line(b block) {
	text := b.text
	if text == "" {
		if !p.inTitle || len(p.titleParts) > 0 {
			p.endTitle() // a blank line closes the title block, once it has a subject
		}
		return
	}
	f := vn.Fold(text)
	mk, rest := splitMarker(text)
	if b.list && mk.kind == noMarker {
		mk = marker{bulletMarker, "•"}
	}
	restF := f
	if rest != text {
		restF = vn.Fold(rest)
	}

	switch {
	case mk.kind == romanMarker:
		p.endTitle()
		p.section(b, rest, restF)
		return
	case strings.HasPrefix(f, "noi nhan"):
		p.endTitle()
		p.zone = zRecipients
		if _, after, ok := strings.Cut(text, ":"); ok && strings.TrimSpace(after) != "" {
			p.recipient(after)
		}
		return
	case mk.kind == noMarker && p.zone >= zIntro && p.zone <= zOrganisation && !p.inTitle && isUpper(text) &&
		classifySection(f) != zSkip && !(p.zone == zContent && classifySection(f) == zContent):
		// An unnumbered section title: "TỔ CHỨC THỰC HIỆN".
		p.section(b, rest, restF)
		return
	}

	switch p.zone {
	case zHeader:
		p.header(b, text, f, mk, rest, restF)
	case zIntro:
		p.intro(b, text, f, mk, rest, restF)
	case zPurpose:
		p.purposeLine(b, text, mk, rest, restF)
	case zContent:
		p.content(b, text, mk, rest, restF)
	case zOrganisation:
		if mk.kind == bulletMarker {
			text = rest
		}
		p.d.Organisation = append(p.d.Organisation, text)
	case zRecipients:
		if mk.kind == bulletMarker || strings.HasSuffix(text, ";") || strings.HasPrefix(f, "luu") {
			p.recipient(rest)
			return
		}
		p.zone = zSigner
		p.signerText(b, text, f)
	case zSigner:
		p.signerText(b, text, f)
	case zSkip:
		p.unplaced(b.no, text)
	}
}

// header reads the lines above the title: the agencies, the number, the
// place and date. The national motto and rules are decoration.
func (p *planReader) header(b block, text, f string, mk marker, rest, restF string) {
	switch {
	case isMotto(f) || isRule(text):
	case p.readNumber(b, text, f), p.readPlaceDate(b, text, f):
	case f == "ke hoach" || strings.HasPrefix(f, "ke hoach "):
		p.sawTitle, p.inTitle, p.titleLine = true, true, b.no
		p.zone = zIntro
		if t := strings.TrimSpace(text[len(titleWord(text)):]); t != "" {
			p.titleParts = append(p.titleParts, t)
		}
	case isBasis(f):
		p.zone = zIntro
		p.intro(b, text, f, mk, rest, restF)
	case p.readDecision(b, text, f):
	case isDimensionHeading(restF, rest):
		p.zone = zContent
		p.content(b, text, mk, rest, restF)
	case isUpper(text):
		p.agencies = append(p.agencies, text)
	default:
		p.problem(b.no, SevWarning, "Dòng ở phần đầu văn bản chưa nhận dạng được, không đưa vào bản nháp: “%s”", clip(text))
		p.unplaced(b.no, text)
	}
}

// titleWord returns the leading "KẾ HOẠCH" as written (its byte length
// differs from the folded form).
func titleWord(text string) string {
	words := strings.Fields(text)
	if len(words) < 2 {
		return text
	}
	i := strings.Index(text, words[1])
	return text[:i+len(words[1])]
}

func isBasis(f string) bool {
	return strings.HasPrefix(f, "can cu") || strings.HasPrefix(f, "thuc hien ") || strings.HasPrefix(f, "theo ")
}

func isDimensionHeading(restF, rest string) bool {
	if !strings.HasPrefix(restF, "chi so") {
		return false
	}
	m := papi.FindDimensions(rest)
	return len(m.Codes) > 0 && !m.Conflict
}

func (p *planReader) readNumber(b block, text, f string) bool {
	if !strings.HasPrefix(f, "so") || !strings.HasPrefix(strings.TrimSpace(f[2:]), ":") {
		return false
	}
	_, after, _ := strings.Cut(text, ":")
	p.d.Number, p.d.Symbol = splitNumber(after)
	p.sawNumber = true
	if p.d.Number == "" {
		p.problem(b.no, SevInfo, "Văn bản chưa có số (“%s”): số để trống, ký hiệu là “%s”", strings.TrimSpace(text), p.d.Symbol)
	}
	return true
}

func (p *planReader) readPlaceDate(b block, text, f string) bool {
	place, date, _, ok := parsePlaceDate(text, f)
	if !ok {
		return false
	}
	p.d.Place, p.d.Date, p.dateLine = place, date, b.no
	switch len(date) {
	case 7:
		p.problem(b.no, SevInfo, "Ngày ban hành còn để trống; ghi nhận tháng %s", date)
	case 4:
		p.problem(b.no, SevWarning, "Ngày và tháng ban hành còn để trống; chỉ ghi nhận năm %s", date)
	}
	return true
}

// intro reads the title lines and the legal basis.
func (p *planReader) intro(b block, text, f string, mk marker, rest, restF string) {
	if p.readDecision(b, text, f) {
		p.endTitle()
		return
	}
	if p.inTitle {
		switch {
		case isRule(text):
			p.endTitle()
			return
		case len(p.titleParts) == 0 && (b.bold || b.heading) && mk.kind == noMarker && !endsSentence(text):
			// The subject line in bold under the title, even when it starts
			// like a basis ("Thực hiện các giải pháp ...").
			p.titleParts = append(p.titleParts, text)
			return
		case isBasis(f) || mk.kind != noMarker:
			p.endTitle()
		case p.d.Issuer == "" && p.issuerLine == 0 && len(p.agencies) < 2 && isAgency(f):
			// A converter that flattens the two-column header (the seed)
			// leaves the agency's name under the title.
			p.d.Issuer, p.issuerLine = text, b.no
			p.problem(b.no, SevInfo, "Cơ quan ban hành lấy từ dòng dưới tiêu đề: “%s”", text)
			return
		default:
			p.titleParts = append(p.titleParts, text)
			return
		}
	}
	switch {
	case isRule(text):
	case p.readNumber(b, text, f), p.readPlaceDate(b, text, f):
	case isBasis(f):
		p.d.Basis = append(p.d.Basis, Basis{Text: text, Refs: findRefs(text)})
	case isDimensionHeading(restF, rest):
		p.zone = zContent
		p.content(b, text, mk, rest, restF)
	default:
		p.problem(b.no, SevWarning, "Đoạn văn trước phần I chưa xác định được là căn cứ hay nội dung, không đưa vào bản nháp: “%s”", clip(text))
		p.unplaced(b.no, text)
	}
}

func (p *planReader) endTitle() {
	if !p.inTitle {
		return
	}
	p.inTitle = false
	p.d.Title = strings.Join(p.titleParts, " ")
}

// classifySection names the zone a section title opens, or zSkip.
func classifySection(f string) zone {
	switch {
	case strings.Contains(f, "muc dich") || strings.Contains(f, "yeu cau") || strings.Contains(f, "muc tieu"):
		return zPurpose
	case strings.Contains(f, "to chuc thuc hien"):
		return zOrganisation
	case strings.Contains(f, "noi dung") || strings.Contains(f, "nhiem vu") || strings.Contains(f, "giai phap"):
		return zContent
	}
	return zSkip
}

// section opens a top-level part: "II. NỘI DUNG", or a Roman-numbered
// dimension when a plan numbers its dimensions I, II, III...
func (p *planReader) section(b block, rest, restF string) {
	z := classifySection(restF)
	if z != zPurpose && z != zOrganisation {
		if m := papi.FindDimensions(rest); len(m.Codes) > 0 && !m.Conflict {
			p.zone = zContent
			if !p.haveStyle {
				p.style, p.haveStyle = headingStyle{b.bold || b.heading, romanMarker, 0}, true
			}
			p.newSection(b.no, m, rest)
			return
		}
	}
	p.zone = z
	switch z {
	case zPurpose:
		p.purpose = 0
		hasPurpose, hasReq := strings.Contains(restF, "muc dich") || strings.Contains(restF, "muc tieu"), strings.Contains(restF, "yeu cau")
		if hasPurpose && !hasReq {
			p.purpose = 1
		} else if hasReq && !hasPurpose {
			p.purpose = 2
		}
	case zSkip:
		p.problem(b.no, SevWarning, "Phần “%s” chưa được nhận dạng; nội dung phần này không được đưa vào bản nháp mà được liệt kê để xem lại", clip(rest))
		p.unplaced(b.no, strings.TrimSpace(b.text))
	}
}

// purposeLine reads "1. Mục đích" / "2. Yêu cầu" and their items.
func (p *planReader) purposeLine(b block, text string, mk marker, rest, restF string) {
	if mk.kind == numberMarker || mk.kind == letterMarker || b.bold || b.heading {
		mode := 0
		switch {
		case strings.HasPrefix(restF, "muc dich") || strings.HasPrefix(restF, "muc tieu"):
			mode = 1
		case strings.HasPrefix(restF, "yeu cau"):
			mode = 2
		}
		if mode != 0 {
			p.purpose = mode
			if _, after, ok := strings.Cut(rest, ":"); ok && strings.TrimSpace(after) != "" {
				p.addPurpose(b, strings.TrimSpace(after))
			}
			return
		}
	}
	if mk.kind == bulletMarker || mk.kind == letterMarker {
		text = rest
	}
	p.addPurpose(b, text)
}

func (p *planReader) addPurpose(b block, text string) {
	switch p.purpose {
	case 2:
		p.d.Requirements = append(p.d.Requirements, text)
	case 1:
		p.d.Purposes = append(p.d.Purposes, text)
	default:
		p.problem(b.no, SevInfo, "Không rõ đoạn này là mục đích hay yêu cầu; tạm xếp vào mục đích: “%s”", clip(text))
		p.d.Purposes = append(p.d.Purposes, text)
	}
}

func (p *planReader) recipient(s string) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ";.,"))
	if s != "" {
		p.d.Recipients = append(p.d.Recipients, s)
	}
}

func (p *planReader) signerText(b block, text, f string) {
	if isSignatureNote(f) {
		return
	}
	if p.signerLine == 0 {
		p.signerLine = b.no
	}
	p.signer = append(p.signer, text)
}

// dimensionSections counts the sections bound to a dimension.
func (p *planReader) dimensionSections() int {
	n := 0
	for _, s := range p.d.Sections {
		if s.Dimension != "" {
			n++
		}
	}
	return n
}

// finish settles what needs the whole document — the issuer, the year, the
// signer — and reports what is missing.
func (p *planReader) finish() {
	d := &p.d
	p.dropGroupHeadings()
	p.committeeHeader()
	switch {
	case p.issuerLine != 0 && len(p.agencies) > 0 && !isCommittee(d.Issuer):
		d.ParentBody = p.agencies[0]
	case p.issuerLine != 0:
	case len(p.agencies) >= 2 && isCommittee(p.agencies[len(p.agencies)-1]):
		d.ParentBody, d.Issuer = strings.Join(p.agencies[:len(p.agencies)-1], " "), p.agencies[len(p.agencies)-1]
	case len(p.agencies) >= 2:
		d.ParentBody, d.Issuer = p.agencies[0], strings.Join(p.agencies[1:], " ")
	case len(p.agencies) == 1:
		d.Issuer = p.agencies[0]
	}
	d.Issuer = bodyCasing(d.Issuer, p.blocks)
	if d.ParentBody == "" {
		if parent := provinceFromBasis(d.Issuer, d.Basis); parent != "" {
			d.ParentBody = parent
			p.problem(p.issuerLine, SevInfo, "Phần đầu văn bản không ghi cơ quan chủ quản; suy ra từ căn cứ là “%s”, hãy kiểm tra", parent)
		}
	}

	if m := titleYear.FindStringSubmatch(vn.Fold(d.Title)); m != nil {
		d.Year, _ = strconv.Atoi(m[1])
	} else if len(d.Date) >= 4 {
		d.Year, _ = strconv.Atoi(d.Date[:4])
	}

	switch n := len(p.signer); {
	case n >= 2:
		d.Signer = Signer{Title: strings.Join(p.signer[:n-1], "\n"), Name: p.signer[n-1]}
	case n == 1 && isUpper(p.signer[0]):
		d.Signer.Title = p.signer[0]
		p.problem(p.signerLine, SevWarning, "Khối chữ ký không có tên người ký")
	case n == 1:
		d.Signer.Name = p.signer[0]
		p.problem(p.signerLine, SevWarning, "Khối chữ ký không có chức danh")
	}

	p.missing()
	if d.Basis == nil {
		d.Basis = []Basis{}
	}
	for _, s := range []*[]string{&d.Purposes, &d.Requirements, &d.Organisation, &d.Recipients} {
		if *s == nil {
			*s = []string{}
		}
	}
	if d.Sections == nil {
		d.Sections = []Section{}
	}
	if d.Baselines == nil {
		d.Baselines = []Baseline{}
	}
	if d.Unplaced == nil {
		d.Unplaced = []Unplaced{}
	}
	sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].Line < p.problems[j].Line })
	sort.SliceStable(d.Unplaced, func(i, j int) bool { return d.Unplaced[i].Line < d.Unplaced[j].Line })
}

// missing reports the parts a reviewer has to add by hand.
func (p *planReader) missing() {
	d := &p.d
	end := p.lastLine
	if !p.sawTitle {
		p.problem(1, SevWarning, "Không thấy tiêu đề “KẾ HOẠCH”")
	}
	if !p.sawNumber {
		p.problem(1, SevWarning, "Không thấy số, ký hiệu văn bản (“Số: .../KH-...”)")
	}
	if d.Date == "" {
		p.problem(1, SevWarning, "Không thấy địa danh và ngày ban hành (“..., ngày ... tháng ... năm ...”)")
	}
	if d.Title == "" && p.sawTitle {
		p.problem(p.titleLine, SevWarning, "Tiêu đề kế hoạch không có trích yếu")
	}
	if d.Issuer == "" {
		p.problem(1, SevError, "Không xác định được cơ quan ban hành")
	}
	if d.ParentBody == "" && !isCommittee(d.Issuer) {
		p.problem(1, SevWarning, "Không thấy tên cơ quan chủ quản ở phần đầu văn bản (ví dụ “UBND TỈNH HƯNG YÊN”); hãy nhập tay")
	}
	if d.Year == 0 {
		p.problem(1, SevWarning, "Không xác định được năm của kế hoạch")
	}
	if len(d.Sections) == 0 {
		p.problem(end, SevError, "Không thấy mục nào theo chỉ số nội dung PAPI")
	} else if fw, ok := papi.FrameworkFor(d.Year); ok {
		var absent []string
		for _, dim := range fw.Dimensions {
			found := false
			for _, s := range d.Sections {
				found = found || s.Dimension == dim.Code || contains(s.Also, dim.Code)
			}
			if !found {
				absent = append(absent, dim.Code)
			}
		}
		if len(absent) > 0 {
			p.problem(end, SevInfo, "Kế hoạch không có mục cho chỉ số %s", strings.Join(absent, ", "))
		}
		for i, sec := range d.Sections {
			for _, code := range append([]string{sec.Dimension}, sec.Also...) {
				if _, ok := fw.Dimension(code); code != "" && !ok {
					p.problem(p.sectionLines[i], SevWarning, "Chỉ số %s không có trong bộ chỉ số PAPI của năm %d (%s); hãy chọn lại chỉ số của mục “%s”", code, d.Year, fw.ID, clip(sec.Heading))
				}
			}
		}
	}
	for _, s := range d.Sections {
		if len(s.Tasks) == 0 {
			p.problem(end, SevWarning, "Mục “%s” không có nhiệm vụ nào", clip(s.Heading))
		}
	}
	if len(d.Recipients) == 0 {
		p.problem(end, SevInfo, "Không thấy phần “Nơi nhận”")
	}
	if d.Signer.Title == "" && d.Signer.Name == "" {
		p.problem(end, SevWarning, "Không thấy khối chữ ký (chức danh, họ tên người ký)")
	}
}

// clip shortens a line quoted in a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	r := []rune(s)
	return string(r[:77]) + "…"
}
