package syncfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"papihub/internal/platform/bounded"
	"papihub/internal/platform/tabular"

	"papihub/internal/platform/vn"
)

// Record is one dossier row of an import file, named after the national
// sync payload (Circular 04/2025/TT-VPCP). Nested lists come only from JSON
// lines; CSV and XLSX rows carry the flat fields.
type Record struct {
	Line          int
	Code          string // MaHoSo, validated by ParseCode
	ProcedureCode string // MaTTHC
	ProcedureName string // TenTTHC
	FieldCode     string // MaLinhVuc
	Applicant     string // ChuHoSo (personal data)
	ApplicantType int    // LoaiDoiTuong: 1 citizen, 2 organisation, 0 not given
	ReceivedAt    time.Time
	AppointmentAt time.Time // zero when absent
	Status        Status
	EndAt         time.Time // NgayKetThucXuLy
	ReturnedAt    time.Time // NgayTra
	Channel       Channel
	UnitID        string // DonViXuLy
	PaidOnline    PaymentChannel

	Fee              int64 // sum of DanhSachLePhi[].Gia
	Supplements      []Supplement
	Digitised        bool // some TaiLieuNop[].DuocSoHoa
	ReusedData       bool // some TaiLieuNop[].DuocLayTuKhoDMQG
	ElectronicResult bool // some DanhSachGiayToKetQua[].DuongDanTepTinKetQua

	// Optional columns beyond the national payload, for what the index and
	// the forms need and agencies' systems export under these names.
	SubmittedAt     time.Time // NgayNopHoSo: online submission
	IDNumber        string    // SoGiayToChuHoSo (personal data)
	Phone           string    // SoDienThoaiChuHoSo (personal data), normalised
	Synced          bool      // DaDongBo: synchronised to the national portal
	CertifiedCopy   bool      // BanSaoDienTu
	PersonalStorage bool      // LuuKhoDuLieuCaNhan
	PopulationData  bool      // KhaiThacCSDLDanCu
	Rating          Rating    // DanhGia: 1 like, 2 dislike
	Complaint       bool      // CoPhanAnh
}

// RowError says why one row was rejected; the decoder carries on.
type RowError struct {
	Line   int
	Field  string
	Reason string // Vietnamese
}

func (e *RowError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("dòng %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("dòng %d, cột %s: %s", e.Line, e.Field, e.Reason)
}

// EncodingError rejects a file that is not UTF-8: a spreadsheet saved as
// UTF-16 or an old Vietnamese code page (Windows-1258, TCVN3).
type EncodingError struct {
	Line     int
	Encoding string
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("tệp không phải UTF-8 (phát hiện %s ở dòng %d): hãy lưu lại tệp với mã hóa UTF-8", e.Encoding, e.Line)
}

// Decoder yields the records of an import file one at a time. Next returns
// io.EOF at the end, a *RowError for a bad row (call Next again for the
// next one), and any other error when the file cannot be read further.
type Decoder interface {
	Next() (Record, error)
}

// Columns of the flat payload; the first four are required.
var syncColumns = []string{"MaHoSo", "MaTTHC", "NgayTiepNhan", "TrangThaiHoSo",
	"TenTTHC", "MaLinhVuc", "ChuHoSo", "LoaiDoiTuong", "NgayHenTra", "NgayKetThucXuLy",
	"NgayTra", "KenhThucHien", "DonViXuLy", "DuocThanhToanTrucTuyen",
	"NgayNopHoSo", "SoGiayToChuHoSo", "SoDienThoaiChuHoSo", "DaDongBo", "BanSaoDienTu",
	"LuuKhoDuLieuCaNhan", "KhaiThacCSDLDanCu", "DanhGia", "CoPhanAnh"}

const requiredColumns = 4

// SniffEncoding rejects UTF-16 (with or without its byte-order mark) and
// drops a UTF-8 byte-order mark.
func SniffEncoding(br *bufio.Reader) error {
	head, _ := br.Peek(512)
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return &EncodingError{Line: 1, Encoding: "UTF-16"}
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case len(head) >= 4 && bytes.Count(head, []byte{0}) > len(head)/4:
		return &EncodingError{Line: 1, Encoding: "UTF-16 (không có BOM)"}
	}
	return nil
}

// NotUTF8 names the likely code page of invalid bytes: Windows-1258 and
// TCVN3 both put Vietnamese letters in 0x80–0xFF.
func NotUTF8(line int) error {
	return &EncodingError{Line: line, Encoding: "Windows-1258/TCVN3 hoặc mã hóa khác"}
}

// flatRow maps field names to cells.
type flatRow func(field string) string

func decodeFlat(line int, get flatRow) (Record, error) {
	rec := Record{Line: line}
	bad := func(field, format string, args ...any) (Record, error) {
		return Record{}, &RowError{Line: line, Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	rec.Code = get("MaHoSo")
	if rec.Code == "" {
		return bad("MaHoSo", "thiếu mã hồ sơ")
	}
	if _, err := ParseCode(rec.Code); err != nil {
		return bad("MaHoSo", "%s", err.(*CodeError).Reason)
	}
	if rec.ProcedureCode = get("MaTTHC"); rec.ProcedureCode == "" {
		return bad("MaTTHC", "thiếu mã thủ tục")
	}
	rec.ProcedureName, rec.FieldCode, rec.Applicant, rec.UnitID = get("TenTTHC"), get("MaLinhVuc"), get("ChuHoSo"), get("DonViXuLy")

	times := []struct {
		field    string
		dst      *time.Time
		required bool
	}{{"NgayTiepNhan", &rec.ReceivedAt, true}, {"NgayHenTra", &rec.AppointmentAt, false},
		{"NgayKetThucXuLy", &rec.EndAt, false}, {"NgayTra", &rec.ReturnedAt, false}, {"NgayNopHoSo", &rec.SubmittedAt, false}}
	for _, f := range times {
		s := get(f.field)
		if s == "" {
			if f.required {
				return bad(f.field, "thiếu ngày")
			}
			continue
		}
		t, err := ParseSyncTime(s)
		if err != nil {
			return bad(f.field, "%v", err)
		}
		*f.dst = t
	}
	for _, f := range times[1:4] {
		if !f.dst.IsZero() && DayOf(*f.dst) < DayOf(rec.ReceivedAt) {
			return bad(f.field, "trước ngày tiếp nhận %s", DayOf(rec.ReceivedAt).VN())
		}
	}
	if !rec.ReturnedAt.IsZero() && !rec.EndAt.IsZero() && rec.ReturnedAt.Before(rec.EndAt) {
		return bad("NgayTra", "trả kết quả trước khi kết thúc xử lý")
	}

	small := []struct {
		field    string
		lo, hi   int
		dst      *int
		required bool
	}{{"TrangThaiHoSo", 1, 10, (*int)(&rec.Status), true}, {"LoaiDoiTuong", 1, 2, &rec.ApplicantType, false},
		{"KenhThucHien", 1, 3, (*int)(&rec.Channel), false}, {"DuocThanhToanTrucTuyen", 0, 2, (*int)(&rec.PaidOnline), false}}
	for _, f := range small {
		s := get(f.field)
		if s == "" {
			if f.required {
				return bad(f.field, "thiếu giá trị")
			}
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < f.lo || n > f.hi {
			return bad(f.field, "giá trị %q phải là số từ %d đến %d", s, f.lo, f.hi)
		}
		*f.dst = n
	}
	if !rec.SubmittedAt.IsZero() && rec.SubmittedAt.After(rec.ReceivedAt) {
		return bad("NgayNopHoSo", "nộp sau ngày tiếp nhận %s", DayOf(rec.ReceivedAt).VN())
	}
	if s := get("SoGiayToChuHoSo"); s != "" {
		if err := vn.ValidCitizenID(s); err != nil {
			return bad("SoGiayToChuHoSo", "%v", err)
		}
		rec.IDNumber = s
	}
	if s := get("SoDienThoaiChuHoSo"); s != "" {
		n, err := vn.NormalizePhone(s)
		if err != nil {
			return bad("SoDienThoaiChuHoSo", "%v", err)
		}
		rec.Phone = n
	}
	for _, f := range []struct {
		field string
		dst   *bool
	}{{"DaDongBo", &rec.Synced}, {"BanSaoDienTu", &rec.CertifiedCopy}, {"LuuKhoDuLieuCaNhan", &rec.PersonalStorage},
		{"KhaiThacCSDLDanCu", &rec.PopulationData}, {"CoPhanAnh", &rec.Complaint}} {
		*f.dst = FlexString(get(f.field)).Truthy()
	}
	switch s := get("DanhGia"); s {
	case "", "0":
	case "1", "2":
		rec.Rating = Rating(s[0] - '0')
	default:
		return bad("DanhGia", "giá trị %q phải là 1 (hài lòng) hoặc 2 (không hài lòng)", s)
	}
	if rec.Status == StatusReturned && rec.EndAt.IsZero() && rec.ReturnedAt.IsZero() {
		return bad("NgayTra", "trạng thái 10 (%s) cần ngày trả hoặc ngày kết thúc xử lý", rec.Status)
	}
	if rec.Status.Terminal() && rec.Status != StatusReturned && rec.EndAt.IsZero() {
		return bad("NgayKetThucXuLy", "trạng thái %d (%s) cần ngày kết thúc xử lý", int(rec.Status), rec.Status)
	}
	return rec, nil
}

// CSVDecoder reads a CSV file whose header names the sync fields.
type CSVDecoder struct {
	r    *csv.Reader
	cols map[string]int
}

// NewCSVDecoder reads the header and checks the encoding and the required
// columns.
func NewCSVDecoder(r io.Reader) (*CSVDecoder, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if err := SniffEncoding(br); err != nil {
		return nil, err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("đọc dòng tiêu đề: %w", err)
	}
	if !utf8.ValidString(strings.Join(header, "")) {
		return nil, NotUTF8(1)
	}
	cols, err := headerColumns(header)
	if err != nil {
		return nil, err
	}
	return &CSVDecoder{r: cr, cols: cols}, nil
}

func headerColumns(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := cols[h]; dup && h != "" {
			return nil, &RowError{Line: 1, Field: h, Reason: "cột xuất hiện hai lần"}
		}
		cols[h] = i
	}
	for _, c := range syncColumns[:requiredColumns] {
		if _, ok := cols[c]; !ok {
			return nil, &RowError{Line: 1, Field: c, Reason: "thiếu cột bắt buộc (cần MaHoSo, MaTTHC, NgayTiepNhan, TrangThaiHoSo)"}
		}
	}
	return cols, nil
}

// Next returns the next record.
func (d *CSVDecoder) Next() (Record, error) {
	cells, err := d.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Record{}, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return Record{}, fmt.Errorf("dòng %d: tệp CSV hỏng: %v", pe.StartLine, pe.Err)
		}
		return Record{}, err
	}
	line, _ := d.r.FieldPos(0)
	for _, c := range cells {
		if !utf8.ValidString(c) {
			return Record{}, NotUTF8(line)
		}
	}
	return decodeFlat(line, cellGetter(d.cols, cells))
}

func cellGetter(cols map[string]int, cells []string) flatRow {
	return func(field string) string {
		if i, ok := cols[field]; ok && i < len(cells) {
			return strings.TrimSpace(cells[i])
		}
		return ""
	}
}

// XLSXDecoder reads the first sheet of a workbook, row by row: the header
// row names the sync fields, as in CSV.
type XLSXDecoder struct {
	f    *excelize.File
	rows *tabular.Rows
	cols map[string]int
	line int
}

// Limits bound a dossier workbook: the platform's, with room for about
// 400,000 dossier rows, which are applied in batches rather than kept.
// Larger exports belong in CSV or JSON lines, which stream.
var Limits = func() bounded.Limits {
	l := bounded.Default
	l.Inflated, l.Rows, l.Cells = 512<<20, 1_000_000, 100_000_000
	return l
}()

// OpenFirstSheet opens a workbook within Limits and streams the rows of its
// first sheet, for every XLSX import of this capability. The caller closes
// rows, then the file.
func OpenFirstSheet(r io.Reader) (f *excelize.File, rows *tabular.Rows, sheet string, err error) {
	return tabular.OpenFirstSheetWithin(r, Limits)
}

// NewXLSXDecoder opens a workbook. The zip container needs the whole file,
// but rows are decoded one at a time.
func NewXLSXDecoder(r io.Reader) (*XLSXDecoder, error) {
	f, rows, sheet, err := OpenFirstSheet(r)
	if err != nil {
		return nil, err
	}
	d := &XLSXDecoder{f: f, rows: rows}
	header, err := d.row()
	if err != nil {
		d.Close()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("trang tính %q trống: cần dòng tiêu đề", sheet)
		}
		return nil, err
	}
	if d.cols, err = headerColumns(header); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func (d *XLSXDecoder) row() ([]string, error) {
	cells, line, err := d.rows.Next()
	d.line = line
	return cells, err
}

// Next returns the next record; blank rows are skipped.
func (d *XLSXDecoder) Next() (Record, error) {
	for {
		cells, err := d.row()
		if err != nil {
			return Record{}, err
		}
		if strings.TrimSpace(strings.Join(cells, "")) == "" {
			continue
		}
		return decodeFlat(d.line, cellGetter(d.cols, cells))
	}
}

// Close releases the workbook.
func (d *XLSXDecoder) Close() error {
	if d.rows != nil {
		d.rows.Close()
	}
	return d.f.Close()
}

// JSONLDecoder reads one JSON object per line, with the nested lists of the
// sync payload.
type JSONLDecoder struct {
	sc    *bufio.Scanner
	line  int
	first bool
	br    *bufio.Reader
}

// maxJSONLine bounds one dossier's line; a longer one is a broken file.
const maxJSONLine = 16 << 20

// NewJSONLDecoder starts reading JSON lines.
func NewJSONLDecoder(r io.Reader) *JSONLDecoder {
	br := bufio.NewReaderSize(r, 64<<10)
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 64<<10), maxJSONLine)
	return &JSONLDecoder{sc: sc, br: br, first: true}
}

type jsonDocument struct {
	DuocSoHoa        FlexString `json:"DuocSoHoa"`
	DuocLayTuKhoDMQG FlexString `json:"DuocLayTuKhoDMQG"`
}

type jsonFee struct {
	Gia FlexString `json:"Gia"`
}

type jsonSupplement struct {
	NgayBoSung         FlexString `json:"NgayBoSung"`
	NgayTiepNhanBoSung FlexString `json:"NgayTiepNhanBoSung"`
	NgayHenTraTruoc    FlexString `json:"NgayHenTraTruoc"`
	NgayHenTraMoi      FlexString `json:"NgayHenTraMoi"`
}

type jsonResult struct {
	DuongDanTepTinKetQua FlexString `json:"DuongDanTepTinKetQua"`
}

// FlexString accepts a JSON string, number, boolean or null as text: sync
// payloads write TrangThaiHoSo both as 4 and as "4".
type FlexString string

func (f *FlexString) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = FlexString(s)
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && (b[0] == '{' || b[0] == '['):
		return fmt.Errorf("cần giá trị đơn, gặp %s", b[:1])
	default:
		*f = FlexString(b)
	}
	return nil
}

// Truthy reads 1, true, co or có as yes.
func (f FlexString) Truthy() bool {
	s := strings.TrimSpace(string(f))
	return s == "1" || s == "true" || strings.EqualFold(s, "co") || s == "có"
}

// Next returns the next record; blank lines are skipped.
func (d *JSONLDecoder) Next() (Record, error) {
	if d.first {
		d.first = false
		if err := SniffEncoding(d.br); err != nil {
			return Record{}, err
		}
	}
	for d.sc.Scan() {
		d.line++
		b := bytes.TrimSpace(d.sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if !utf8.Valid(b) {
			return Record{}, NotUTF8(d.line)
		}
		return DecodeJSONLine(d.line, b)
	}
	if err := d.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return Record{}, fmt.Errorf("dòng %d dài quá %d MiB", d.line+1, maxJSONLine>>20)
		}
		return Record{}, err
	}
	return Record{}, io.EOF
}

// DecodeJSONLine decodes one JSON line of the sync payload (line is its
// number, for errors).
func DecodeJSONLine(line int, b []byte) (Record, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return Record{}, &RowError{Line: line, Reason: "không phải một đối tượng JSON hợp lệ"}
	}
	rec, err := decodeFlat(line, func(field string) string {
		var s FlexString
		if v, ok := raw[field]; ok && s.UnmarshalJSON(v) == nil {
			return strings.TrimSpace(string(s))
		}
		return ""
	})
	if err != nil {
		return rec, err
	}
	var nested struct {
		TaiLieuNop           []jsonDocument
		DanhSachLePhi        []jsonFee
		DanhSachHoSoBoSung   []jsonSupplement
		DanhSachGiayToKetQua []jsonResult
	}
	for _, l := range []struct {
		key string
		dst any
	}{{"TaiLieuNop", &nested.TaiLieuNop}, {"DanhSachLePhi", &nested.DanhSachLePhi},
		{"DanhSachHoSoBoSung", &nested.DanhSachHoSoBoSung}, {"DanhSachGiayToKetQua", &nested.DanhSachGiayToKetQua}} {
		v, ok := raw[l.key]
		if !ok || string(v) == "null" {
			continue
		}
		if err := json.Unmarshal(v, l.dst); err != nil {
			return Record{}, &RowError{Line: line, Field: l.key, Reason: "danh sách sai cấu trúc"}
		}
	}
	for _, t := range nested.TaiLieuNop {
		rec.Digitised = rec.Digitised || t.DuocSoHoa.Truthy()
		rec.ReusedData = rec.ReusedData || t.DuocLayTuKhoDMQG.Truthy()
	}
	for _, fee := range nested.DanhSachLePhi {
		g, err := strconv.ParseFloat(strings.TrimSpace(string(fee.Gia)), 64)
		if err != nil || g < 0 || g > 1e13 {
			return Record{}, &RowError{Line: line, Field: "DanhSachLePhi.Gia", Reason: fmt.Sprintf("giá %q không phải số tiền hợp lệ", fee.Gia)}
		}
		rec.Fee += int64(g)
	}
	for i, s := range nested.DanhSachHoSoBoSung {
		var sup Supplement
		for _, f := range []struct {
			name string
			v    FlexString
			dst  *time.Time
		}{{"NgayBoSung", s.NgayBoSung, &sup.RequestedAt}, {"NgayTiepNhanBoSung", s.NgayTiepNhanBoSung, &sup.CompletedAt},
			{"NgayHenTraTruoc", s.NgayHenTraTruoc, &sup.OldDue}, {"NgayHenTraMoi", s.NgayHenTraMoi, &sup.NewDue}} {
			if f.v == "" {
				continue
			}
			t, err := ParseSyncTime(string(f.v))
			if err != nil {
				return Record{}, &RowError{Line: line, Field: fmt.Sprintf("DanhSachHoSoBoSung[%d].%s", i, f.name), Reason: err.Error()}
			}
			*f.dst = t
		}
		if sup.RequestedAt.IsZero() {
			return Record{}, &RowError{Line: line, Field: fmt.Sprintf("DanhSachHoSoBoSung[%d].NgayBoSung", i), Reason: "thiếu ngày yêu cầu bổ sung"}
		}
		if !sup.CompletedAt.IsZero() && sup.CompletedAt.Before(sup.RequestedAt) {
			return Record{}, &RowError{Line: line, Field: fmt.Sprintf("DanhSachHoSoBoSung[%d].NgayTiepNhanBoSung", i), Reason: "bổ sung trước khi được yêu cầu"}
		}
		rec.Supplements = append(rec.Supplements, sup)
	}
	for _, k := range nested.DanhSachGiayToKetQua {
		rec.ElectronicResult = rec.ElectronicResult || strings.TrimSpace(string(k.DuongDanTepTinKetQua)) != ""
	}
	return rec, nil
}
