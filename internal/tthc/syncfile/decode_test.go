package syncfile

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const csvHeader = "MaHoSo,MaTTHC,TenTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo,NgayKetThucXuLy,KenhThucHien,DonViXuLy,DuocThanhToanTrucTuyen\n"

// drain reads a decoder to the end: the records, the row errors, and the
// error that stopped it (nil at a clean end).
func drain(t *testing.T, d Decoder) ([]Record, []*RowError, error) {
	t.Helper()
	var recs []Record
	var rowErrs []*RowError
	for {
		r, err := d.Next()
		var re *RowError
		switch {
		case err == nil:
			recs = append(recs, r)
		case errors.Is(err, io.EOF):
			return recs, rowErrs, nil
		case errors.As(err, &re):
			rowErrs = append(rowErrs, re)
		default:
			return recs, rowErrs, err
		}
	}
}

func TestCSVDecoderReadsSyncRowsAndReportsBadOnes(t *testing.T) {
	in := "\ufeff" + csvHeader +
		"H15.50.05.13-261008-0975,1.004227,Đăng ký khai sinh,20261008083000,20261013170000,9,20261012100000,2,H15.50.05.13,1\n" +
		"H15.50.05.13-261008-975,1.004227,x,20261008083000,,4,,1,,\n" + // three-digit sequence
		"H15.50.05.13-261008-0976,1.004227,x,20261008083000,20261007170000,4,,1,,\n" + // appointment before reception
		"H15.50.05.13-261008-0977,1.004227,x,20261008083000,,11,,1,,\n" + // status 11
		"H15.50.05.13-261008-0978,1.004227,x,2026-10-08,,4,,1,,\n" + // wrong date format
		"H15.50.05.13-261008-0979,1.004227,x,20261008083000,,9,,1,,\n" // resolved without an end
	d, err := NewCSVDecoder(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	recs, rowErrs, err := drain(t, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("records = %d, want 1", len(recs))
	}
	r := recs[0]
	if r.Code != "H15.50.05.13-261008-0975" || r.Status != StatusResolved || r.Channel != ChannelOnline ||
		r.PaidOnline != PaymentNationalPortal || !r.ReceivedAt.Equal(at("2026-10-08 08:30")) || r.Line != 2 {
		t.Fatalf("record = %+v", r)
	}
	want := []struct {
		line  int
		field string
	}{{3, "MaHoSo"}, {4, "NgayHenTra"}, {5, "TrangThaiHoSo"}, {6, "NgayTiepNhan"}, {7, "NgayKetThucXuLy"}}
	if len(rowErrs) != len(want) {
		t.Fatalf("row errors = %v", rowErrs)
	}
	for i, w := range want {
		if rowErrs[i].Line != w.line || rowErrs[i].Field != w.field || rowErrs[i].Reason == "" {
			t.Errorf("row error %d = %+v, want line %d field %s", i, rowErrs[i], w.line, w.field)
		}
	}
}

func TestCSVDecoderNeedsTheRequiredColumns(t *testing.T) {
	_, err := NewCSVDecoder(strings.NewReader("MaHoSo,MaTTHC,NgayTiepNhan\n"))
	var re *RowError
	if !errors.As(err, &re) || re.Field != "TrangThaiHoSo" {
		t.Fatalf("err = %v, want the missing TrangThaiHoSo", err)
	}
}

func TestDecodersRejectFilesThatAreNotUTF8(t *testing.T) {
	// "Hồ sơ" in Windows-1258: H, 0xD2 (ô with the hook composed apart) … any byte ≥ 0x80 alone is invalid UTF-8.
	cp1258 := csvHeader + "H15.50-261008-0975,1.004227,H\xd2 s\xf5,20261008083000,,4,,1,,\n"
	d, err := NewCSVDecoder(strings.NewReader(cp1258))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = drain(t, d)
	var ee *EncodingError
	if !errors.As(err, &ee) || ee.Line != 2 || !strings.Contains(err.Error(), "UTF-8") {
		t.Fatalf("err = %v, want an encoding error at line 2", err)
	}

	utf16 := []byte{0xFF, 0xFE, 'M', 0, 'a', 0, 'H', 0}
	if _, err := NewCSVDecoder(bytes.NewReader(utf16)); !errors.As(err, &ee) || ee.Encoding != "UTF-16" {
		t.Fatalf("UTF-16 CSV: err = %v", err)
	}
	_, _, err = drain(t, NewJSONLDecoder(bytes.NewReader(utf16)))
	if !errors.As(err, &ee) {
		t.Fatalf("UTF-16 JSON lines: err = %v", err)
	}
	_, _, err = drain(t, NewJSONLDecoder(strings.NewReader("{\"MaHoSo\":\"H\xd2\"}\n")))
	if !errors.As(err, &ee) || ee.Line != 1 {
		t.Fatalf("Windows-1258 JSON line: err = %v", err)
	}
}

func TestJSONLDecoderReadsNestedLists(t *testing.T) {
	in := `{"MaHoSo":"H15.50.05.13-261008-0975","MaTTHC":"2.000815.H15","NgayTiepNhan":"20261008083000","NgayHenTra":"20261013170000","TrangThaiHoSo":4,"KenhThucHien":"1",` +
		`"TaiLieuNop":[{"DuocSoHoa":1,"DuocLayTuKhoDMQG":0},{"DuocSoHoa":0,"DuocLayTuKhoDMQG":1}],"DanhSachLePhi":[{"Gia":50000},{"Gia":"20000"}],` +
		`"DanhSachHoSoBoSung":[{"NgayBoSung":"20261009090000","NgayTiepNhanBoSung":"20261012100000","NgayHenTraTruoc":"20261013170000","NgayHenTraMoi":"20261014170000"}],` +
		`"DanhSachGiayToKetQua":[{"DuongDanTepTinKetQua":"https://dvc.example/kq.pdf"}]}` + "\n\n" +
		`{"MaHoSo":"H15.50.05.13-261008-0976","MaTTHC":"1.004227","NgayTiepNhan":"20261008083000","TrangThaiHoSo":4,"DanhSachHoSoBoSung":[{"NgayTiepNhanBoSung":"20261012100000"}]}` + "\n" +
		`not json` + "\n"
	recs, rowErrs, err := drain(t, NewJSONLDecoder(strings.NewReader(in)))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || len(rowErrs) != 2 {
		t.Fatalf("records %d, row errors %v", len(recs), rowErrs)
	}
	r := recs[0]
	// Fees 50 000 + 20 000 = 70 000.
	if r.Fee != 70000 || !r.Digitised || !r.ReusedData || !r.ElectronicResult || len(r.Supplements) != 1 ||
		!r.Supplements[0].NewDue.Equal(at("2026-10-14 17:00")) || r.Status != StatusInProcess {
		t.Fatalf("record = %+v", r)
	}
	if rowErrs[0].Line != 3 || rowErrs[0].Field != "DanhSachHoSoBoSung[0].NgayBoSung" {
		t.Errorf("first row error = %+v, want line 3 (after the blank line 2), the missing request date", rowErrs[0])
	}
	if rowErrs[1].Line != 4 {
		t.Errorf("second row error = %+v, want line 4", rowErrs[1])
	}
}

func xlsxOf(t testing.TB, rows [][]any) []byte {
	f := excelize.NewFile()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXDecoderReadsRows(t *testing.T) {
	data := xlsxOf(t, [][]any{
		{"MaHoSo", "MaTTHC", "NgayTiepNhan", "TrangThaiHoSo", "NgayKetThucXuLy"},
		{"H15.50.05.13-261008-0975", "1.004227", "20261008083000", "9", "20261009083000"},
		{},
		{"H15.50.05.13-261008-0976", "1.004227", "20261308083000", "4", ""},
	})
	d, err := NewXLSXDecoder(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	recs, rowErrs, err := drain(t, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Status != StatusResolved || len(rowErrs) != 1 || rowErrs[0].Line != 4 || rowErrs[0].Field != "NgayTiepNhan" {
		t.Fatalf("records %+v, row errors %v", recs, rowErrs)
	}
}

func TestParseSyncTime(t *testing.T) {
	for in, ok := range map[string]bool{"20261008083000": true, "20260230083000": false, "2026100808300": false, "20261008243000": false, "2026100808300a": false} {
		if _, err := ParseSyncTime(in); (err == nil) != ok {
			t.Errorf("ParseSyncTime(%q) err = %v, want ok %v", in, err, ok)
		}
	}
	tm, _ := ParseSyncTime("20261008083000")
	if !tm.Equal(at("2026-10-08 08:30")) || FormatSyncTime(tm) != "20261008083000" {
		t.Fatalf("time = %v", tm)
	}
}

func TestRecordDossierRebuildsTheHistory(t *testing.T) {
	r := Record{Code: "H15.50-261008-0975", ReceivedAt: at("2026-10-08 08:30"), Status: StatusReturned,
		EndAt: at("2026-10-09 08:30"), ReturnedAt: at("2026-10-10 08:30")}
	d := r.Dossier()
	if _, err := CheckHistory(d.Events); err != nil {
		t.Fatal(err)
	}
	if end, st, _ := EndOfProcessing(d); st != StatusResolved || !end.Equal(r.EndAt) {
		t.Fatalf("end %v at %v", st, end)
	}
}

// checkDecoded is the invariant of every decoder fuzz target: it never
// panics, and what it accepts is valid.
func checkDecoded(t *testing.T, d Decoder) {
	for i := 0; i < 10000; i++ {
		r, err := d.Next()
		var re *RowError
		switch {
		case err == nil:
			if _, err := ParseCode(r.Code); err != nil || !r.Status.Valid() || r.ReceivedAt.IsZero() {
				t.Fatalf("accepted an invalid record %+v", r)
			}
		case errors.As(err, &re):
			if re.Reason == "" {
				t.Fatal("row error without a reason")
			}
		default:
			return
		}
	}
}

func FuzzCSVDecoder(f *testing.F) {
	f.Add([]byte(csvHeader + "H15.50.05.13-261008-0975,1.004227,x,20261008083000,20261013170000,9,20261012100000,2,H15,1\n"))
	f.Add([]byte("MaHoSo,MaTTHC,NgayTiepNhan,TrangThaiHoSo\n\"a,b\",c,d,e\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := NewCSVDecoder(bytes.NewReader(data))
		if err != nil {
			return
		}
		checkDecoded(t, d)
	})
}

func FuzzJSONLDecoder(f *testing.F) {
	f.Add([]byte(`{"MaHoSo":"H15.50.05.13-261008-0975","MaTTHC":"1.004227","NgayTiepNhan":"20261008083000","TrangThaiHoSo":4,"DanhSachLePhi":[{"Gia":1}]}` + "\n"))
	f.Add([]byte("{}\n[]\nnull\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecoded(t, NewJSONLDecoder(bytes.NewReader(data)))
	})
}

func FuzzXLSXDecoder(f *testing.F) {
	f.Add(xlsxOf(f, [][]any{{"MaHoSo", "MaTTHC", "NgayTiepNhan", "TrangThaiHoSo"}, {"H15.50.05.13-261008-0975", "1.004227", "20261008083000", "2"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := NewXLSXDecoder(bytes.NewReader(data))
		if err != nil {
			return
		}
		defer d.Close()
		checkDecoded(t, d)
	})
}

func FuzzParseSyncTime(f *testing.F) {
	f.Add("20261008083000")
	f.Add("99991231235959")
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseSyncTime(s)
		if err == nil && FormatSyncTime(tm) != s {
			t.Fatalf("accepted %q but writes %q", s, FormatSyncTime(tm))
		}
	})
}
