package legaldoc

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"

	"papihub/internal/platform/tabular"
	"papihub/internal/platform/vn"
	"papihub/internal/platform/web"
)

// A register file has one row per document; the columns are found by their
// titles, in any order, after any title rows. Relations are named by
// number/symbol in columns of their own: on the acting document's row ("Thay
// thế": the documents this one replaces) or on the other's ("Bị thay thế
// bởi"). A status column is ignored: the status is derived.
const (
	colNumber    = "number"
	colType      = "type"
	colTitle     = "title"
	colIssuer    = "issuing_body"
	colSigner    = "signer"
	colField     = "field"
	colIssued    = "issued_on"
	colEffective = "effective_from"
	colExpires   = "expires_on"
	colReason    = "expiry_reason"
	relPrefix    = "rel:" // rel:replaces, rel:-replaces for "replaced by"
)

// columnLabels name in Vietnamese the columns a file may lack, for an error
// about a field the file does not carry.
var columnLabels = map[string]string{colNumber: "Số ký hiệu", colType: "Loại văn bản", colTitle: "Trích yếu",
	colIssued: "Ngày ban hành", colEffective: "Ngày có hiệu lực", colExpires: "Ngày hết hiệu lực", colReason: "Lý do hết hiệu lực"}

// headerTitles maps column titles (folded by tabular.HeaderKey) to columns.
var headerTitles = func() map[string]string {
	m := map[string]string{}
	add := func(col string, titles ...string) {
		for _, t := range titles {
			m[tabular.HeaderKey(t)] = col
		}
	}
	add(colNumber, "Số ký hiệu", "Số, ký hiệu", "Số hiệu", "Số hiệu văn bản", "Số ký hiệu văn bản", "Số văn bản", "Số",
		"Số, ký hiệu; ngày, tháng, năm ban hành", "Số, ký hiệu; ngày, tháng, năm ban hành văn bản", "number", "SoKyHieu")
	add(colType, "Loại văn bản", "Loại", "Hình thức văn bản", "Hình thức", "Tên loại văn bản", "Tên loại", "type", "LoaiVanBan")
	add(colTitle, "Trích yếu", "Trích yếu nội dung", "Tên văn bản", "Tên gọi của văn bản", "Tên gọi", "Tiêu đề", "title", "TrichYeu")
	add(colIssuer, "Cơ quan ban hành", "Nơi ban hành", "Cơ quan", "issuing body", "issuer", "CoQuanBanHanh")
	add(colSigner, "Người ký", "signer", "NguoiKy")
	add(colField, "Lĩnh vực", "field", "LinhVuc")
	add(colIssued, "Ngày ban hành", "Ngày ký", "Ngày văn bản", "issued", "issued on", "NgayBanHanh")
	add(colEffective, "Ngày có hiệu lực", "Ngày hiệu lực", "Có hiệu lực từ ngày", "Hiệu lực từ ngày", "Hiệu lực từ", "effective", "effective from", "NgayHieuLuc")
	add(colExpires, "Ngày hết hiệu lực", "Hết hiệu lực từ ngày", "Hết hiệu lực kể từ ngày", "expires", "expires on", "NgayHetHieuLuc")
	add(colReason, "Lý do hết hiệu lực", "Lý do", "reason", "expiry reason", "LyDoHetHieuLuc")
	add(relPrefix+string(Amends), "Sửa đổi, bổ sung", "Sửa đổi", "Sửa đổi, bổ sung văn bản", "amends")
	add(relPrefix+string(Replaces), "Thay thế", "Thay thế văn bản", "replaces")
	add(relPrefix+string(Repeals), "Bãi bỏ", "Bãi bỏ văn bản", "repeals")
	add(relPrefix+string(PartlyExpires), "Hết hiệu lực một phần", "Làm hết hiệu lực một phần", "partly expires")
	add(relPrefix+string(Guides), "Hướng dẫn", "Quy định chi tiết", "Hướng dẫn thi hành", "Quy định chi tiết, hướng dẫn", "guides")
	add(relPrefix+string(Suspends), "Ngưng hiệu lực", "suspends")
	add(relPrefix+"-"+string(Amends), "Được sửa đổi bởi", "Bị sửa đổi bởi", "Sửa đổi bởi", "Được sửa đổi, bổ sung bởi", "Văn bản sửa đổi, bổ sung", "amended by")
	add(relPrefix+"-"+string(Replaces), "Bị thay thế bởi", "Được thay thế bởi", "Thay thế bởi", "Văn bản thay thế", "replaced by")
	add(relPrefix+"-"+string(Repeals), "Bị bãi bỏ bởi", "Bãi bỏ bởi", "Văn bản bãi bỏ", "repealed by")
	add(relPrefix+"-"+string(PartlyExpires), "Hết hiệu lực một phần bởi", "partly expired by")
	add(relPrefix+"-"+string(Guides), "Được hướng dẫn bởi", "Văn bản hướng dẫn", "Được quy định chi tiết bởi", "Văn bản quy định chi tiết", "guided by")
	add(relPrefix+"-"+string(Suspends), "Bị ngưng hiệu lực bởi", "Văn bản ngưng hiệu lực", "suspended by")
	return m
}()

// RelationRef is a relation as a file names it: the other document by
// number, and which side this row's document is on.
type RelationRef struct {
	Kind       RelationKind
	Inverse    bool // the row's document is the target ("replaced by")
	Number     string
	Provisions string
	StartsOn   time.Time
	Until      time.Time
	Column     string // the file's title of the column it came from
}

// Row is one document of a register file.
type Row struct {
	Line      int
	Doc       Document
	Relations []RelationRef
}

// Decoder reads a register file (CSV or XLSX) row by row.
type Decoder struct {
	r      *tabular.Reader
	cols   map[string]int
	titles map[string]string // column → the file's title
}

// NewDecoder finds the header of a register file; format is "csv" or
// "xlsx". The header must name at least the number and the title.
func NewDecoder(r io.Reader, format string) (*Decoder, error) {
	t, err := tabular.OpenTable(r, format, headerTitles, "các cột Số ký hiệu và Trích yếu (hoặc Tên văn bản)", colNumber, colTitle)
	if err != nil {
		return nil, err
	}
	return &Decoder{r: t.Reader, cols: t.Cols, titles: t.Titles}, nil
}

// Close releases the workbook of an XLSX file.
func (d *Decoder) Close() error { return d.r.Close() }

// Next returns the next row; io.EOF at the end; a *tabular.RowError for a
// row that cannot be read (the caller goes on with the next one), or other
// errors when the file cannot be read further.
func (d *Decoder) Next() (Row, error) {
	cells, line, err := d.r.Next()
	if err != nil {
		return Row{}, err
	}
	return d.decode(line, cells)
}

// DecodeError is every problem of one row.
type DecodeError struct {
	Line   int
	Errors []tabular.RowError
}

func (e *DecodeError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, re := range e.Errors {
		parts[i] = re.Error()
	}
	return strings.Join(parts, "; ")
}

func (d *Decoder) decode(line int, cells []string) (Row, error) {
	row := Row{Line: line}
	var errs []tabular.RowError
	bad := func(col, format string, args ...any) {
		title := d.titles[col]
		if title == "" {
			title = columnLabels[col]
		}
		errs = append(errs, tabular.RowError{Line: line, Column: title, Reason: fmt.Sprintf(format, args...)})
	}
	cell := func(col string) string {
		if i, ok := d.cols[col]; ok {
			return tabular.Cell(cells, i)
		}
		return ""
	}
	unreadable := map[string]bool{} // columns whose cell is already reported
	date := func(col string) time.Time {
		t, err := parseCellDate(cell(col))
		if err != nil {
			bad(col, "%v", err)
			unreadable[col] = true
		}
		return t
	}
	doc := &row.Doc
	doc.Number = cell(colNumber)
	// The legal list's column "Số, ký hiệu; ngày, tháng, năm ban hành"
	// carries the issue date after the number.
	if num, when, ok := cutDate(doc.Number); ok {
		doc.Number = num
		if _, has := d.cols[colIssued]; !has {
			if t, err := parseCellDate(when); err == nil {
				doc.IssuedOn = t
			} else {
				bad(colNumber, "%v", err)
			}
		}
	}
	doc.Type = CanonicalType(cell(colType))
	if doc.Type == "" {
		doc.Type = TypeFromNumber(doc.Number)
	}
	doc.Title, doc.IssuingBody, doc.Signer, doc.Field = cell(colTitle), cell(colIssuer), cell(colSigner), cell(colField)
	if _, has := d.cols[colIssued]; has {
		doc.IssuedOn = date(colIssued)
	}
	doc.EffectiveFrom = date(colEffective)
	doc.ExpiresOn = date(colExpires)
	doc.ExpiryReason = cell(colReason)
	if doc.EffectiveFrom.IsZero() && !doc.IssuedOn.IsZero() && cell(colEffective) == "" {
		// A register without the column, or a blank cell: the document takes
		// effect when issued is the one safe reading only when the file has
		// no such column at all.
		if _, has := d.cols[colEffective]; !has {
			doc.EffectiveFrom = doc.IssuedOn
		}
	}
	for col, i := range d.cols {
		kind, ok := strings.CutPrefix(col, relPrefix)
		if !ok {
			continue
		}
		inverse := strings.HasPrefix(kind, "-")
		refs, err := ParseRelationCell(RelationKind(strings.TrimPrefix(kind, "-")), inverse, tabular.Cell(cells, i))
		if err != nil {
			bad(col, "%v", err)
			continue
		}
		for k := range refs {
			refs[k].Column = d.titles[col]
		}
		row.Relations = append(row.Relations, refs...)
	}
	for field, key := range doc.Validate() {
		if !unreadable[field] {
			bad(field, "%s", web.T("vi", key))
		}
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return row, &DecodeError{Line: line, Errors: errs}
	}
	return row, nil
}

// sortErrors orders a row's problems by column title so that reports are
// stable.
func sortErrors(errs []tabular.RowError) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Column < errs[j-1].Column; j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}

// numberRe finds a number/symbol in text: "12/2024/QĐ-UBND", "64/2025/QH15",
// "01/CT-UBND".
var numberRe = regexp.MustCompile(`[0-9]+(?:/[0-9]{4})?/[\p{L}0-9]+(?:\s*[-–]\s*[\p{L}0-9]+)*`)

// dateInText finds a date written in a sentence: 15/3/2024, 2024-03-15.
var dateInText = regexp.MustCompile(`\b([0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})\b`)

// cutDate splits "12/2024/QĐ-UBND ngày 15/3/2024" into the number and the
// date.
func cutDate(s string) (number, date string, ok bool) {
	loc := ngayRe.FindStringIndex(s)
	if loc == nil {
		return s, "", false
	}
	m := dateInText.FindString(s[loc[1]:])
	if m == "" {
		return s, "", false
	}
	return strings.TrimSpace(s[:loc[0]]), m, true
}

// ngayRe finds the word "ngày" (day) before a date, with or without its
// marks.
var ngayRe = regexp.MustCompile(`(?i)[,;]?\s*\bng(?:à|a|À|A)y\s+`)

// parseCellDate reads dd/mm/yyyy (also with dots or dashes), yyyy-mm-dd or a
// spreadsheet serial day, as midnight in Vietnam; "" is the zero time.
func parseCellDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 8 && len(s) <= 10 && (s[len(s)-5] == '-' || s[len(s)-5] == '.') && !strings.Contains(s, "/") {
		s = strings.NewReplacer(".", "/", "-", "/").Replace(s)
	}
	t, err := tabular.ParseDate(s)
	if err != nil || t.IsZero() {
		return time.Time{}, err
	}
	return Day(t.Date()), nil
}

// ParseRelationCell reads the documents a relation column names: items
// separated by ";" or line breaks, each a number/symbol, optionally
// followed by the provisions concerned in parentheses or after a colon
// ("12/2024/QĐ-UBND (Điều 3, khoản 2 Điều 5)"); a suspension may add "đến
// 30/06/2026" and any relation "từ 01/07/2025" for a day of its own.
func ParseRelationCell(kind RelationKind, inverse bool, cell string) ([]RelationRef, error) {
	var out []RelationRef
	for _, item := range splitOutsideParens(cell) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		loc := numberRe.FindStringIndex(item)
		if loc == nil {
			return nil, fmt.Errorf("không thấy số, ký hiệu văn bản trong %q", item)
		}
		ref := RelationRef{Kind: kind, Inverse: inverse, Number: strings.Join(strings.Fields(item[loc[0]:loc[1]]), "")}
		rest := strings.TrimSpace(item[loc[1]:])
		// "… ngày 15/3/2024" after the number is its date, not a provision.
		if f := vn.Fold(rest); strings.HasPrefix(f, "ngay ") {
			if m := dateInText.FindStringIndex(rest); m != nil {
				rest = strings.TrimSpace(rest[m[1]:])
			}
		}
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")"), ":"))
		rest = strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")")
		var provisions []string
		for _, part := range strings.Split(rest, ",") {
			p := strings.TrimSpace(part)
			f := vn.Fold(p)
			switch {
			case p == "":
			case strings.HasPrefix(f, "den ") || strings.HasPrefix(f, "tu "):
				t, err := parseCellDate(strings.TrimSpace(p[strings.IndexFunc(p, unicode.IsSpace):]))
				if err != nil || t.IsZero() {
					return nil, fmt.Errorf("ngày trong %q không đúng dạng dd/mm/yyyy", p)
				}
				if strings.HasPrefix(f, "den ") {
					ref.Until = t
				} else {
					ref.StartsOn = t
				}
			default:
				provisions = append(provisions, p)
			}
		}
		ref.Provisions = strings.Join(provisions, ", ")
		if ref.Kind != Suspends && !ref.Until.IsZero() {
			return nil, fmt.Errorf("chỉ quan hệ ngưng hiệu lực có ngày kết thúc (%q)", item)
		}
		if ref.Kind == PartlyExpires && ref.Provisions == "" {
			return nil, fmt.Errorf("cần nêu điều, khoản hết hiệu lực của %s, ví dụ %s (Điều 5)", ref.Number, ref.Number)
		}
		out = append(out, ref)
	}
	return out, nil
}

// splitOutsideParens splits on ";" and line breaks that are not inside
// parentheses.
func splitOutsideParens(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case (r == ';' || r == '\n') && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// typeNames are the document types by their folded names and the symbols'
// codes.
var typeNames = map[string]string{
	"quyetdinh": "Quyết định", "qd": "Quyết định",
	"nghiquyet": "Nghị quyết", "nq": "Nghị quyết",
	"chithi": "Chỉ thị", "ct": "Chỉ thị",
	"thongtu": "Thông tư", "tt": "Thông tư",
	"thongtulientich": "Thông tư liên tịch", "ttlt": "Thông tư liên tịch",
	"nghidinh": "Nghị định", "nd": "Nghị định",
	"luat": "Luật", "phaplenh": "Pháp lệnh", "pl": "Pháp lệnh",
}

// CanonicalType writes a document type the usual way: "quyet dinh", "QĐ" and
// "Quyết định" are "Quyết định". A type it does not know is kept as typed,
// with a capital first letter.
func CanonicalType(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	if t, ok := typeNames[tabular.HeaderKey(s)]; ok {
		return t
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// TypeFromNumber reads the type from a symbol: 12/2024/QĐ-UBND is a
// decision, 05/2025/NQ-HĐND a resolution, 64/2025/QH15 a law; "" when the
// symbol does not say.
func TypeFromNumber(number string) string {
	parts := strings.Split(number, "/")
	if len(parts) < 2 {
		return ""
	}
	code, _, _ := strings.Cut(parts[len(parts)-1], "-")
	key := tabular.HeaderKey(code)
	if strings.HasPrefix(key, "qh") && len(parts) == 3 {
		return "Luật"
	}
	if t, ok := typeNames[key]; ok && len(key) <= 4 {
		return t
	}
	return ""
}
