//go:build ignore

// tthc_files prepares the synthetic province of bench/tthc_province.go
// (demo organisation, agencies 000.40.00.H33…, each with its generated
// catalogue) but, instead of feeding the generated dossiers to the importer,
// writes them as national sync files, one per agency, for
// bench/tthc_files.sh to import with the real `papihub tthc import
// dossiers FILE`. The dossiers are those `tthc generate` would import (same
// seeds and options), so every row names a procedure of its agency.
//
//	go run bench/tthc_files.go --data /tmp/tf_sqlite --out /tmp/tf_files --dossiers 300000
//	go run bench/tthc_files.go --db postgres://postgres@127.0.0.1:5432/tf?sslmode=disable --out /tmp/tf_files --format jsonl
//
// What a file cannot say: a flat row carries the current status, not the
// history (syncfile.Record.Dossier rebuilds one from the dates), so the
// intermediate events (in process, supplement requests) are not stored; CSV
// has no fee, documents or results (only JSON lines' nested lists do). The
// personal columns (ChuHoSo, LoaiDoiTuong, SoGiayToChuHoSo,
// SoDienThoaiChuHoSo) are left empty: the generator's synthetic applicants
// (tthc.syntheticApplicant) are not exported, so the import seals no
// personal data, unlike the generator path.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/secret"
	"papihub/internal/tthc"
)

// columns are the flat fields written, in syncfile's order (decodeFlat).
var columns = []string{"MaHoSo", "MaTTHC", "NgayTiepNhan", "TrangThaiHoSo",
	"ChuHoSo", "LoaiDoiTuong", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "KenhThucHien", "DonViXuLy",
	"DuocThanhToanTrucTuyen", "NgayNopHoSo", "SoGiayToChuHoSo", "SoDienThoaiChuHoSo", "DaDongBo",
	"BanSaoDienTu", "LuuKhoDuLieuCaNhan", "KhaiThacCSDLDanCu", "DanhGia", "CoPhanAnh"}

func main() {
	dsn := flag.String("db", "", "database DSN (empty: SQLite in --data)")
	dir := flag.String("data", "/tmp/tthc-bench", "data directory")
	out := flag.String("out", "/tmp/tthc-files", "directory of the files written")
	agencies := flag.Int("agencies", 30, "agencies of the province")
	n := flag.Int("dossiers", 200000, "dossiers in the year, over all agencies")
	procs := flag.Int("procedures", 50, "procedures per agency")
	format := flag.String("format", "csv", "csv or jsonl")
	flag.Parse()
	if *format != "csv" && *format != "jsonl" {
		check(fmt.Errorf("--format %q: csv or jsonl", *format))
	}
	ctx := context.Background()

	// The province, as bench/tthc_province.go builds it.
	conn, err := db.Open(ctx, *dsn, *dir)
	check(err)
	defer conn.Close()
	check(conn.Migrate(ctx, audit.Migrations, org.Migrations, tthc.Migrations))
	orgs := org.NewStore(conn, nil)
	_, err = orgs.LoadDemo(ctx, "bench-password-1")
	check(err)
	province, err := orgs.UnitByCode(ctx, org.DemoProvinceCode)
	check(err)
	box, err := secret.New(make([]byte, 32)) // nothing personal is sealed here
	check(err)
	s := tthc.NewStore(conn, box, nil)
	var units []tthc.UnitInfo
	for i := range *agencies {
		code := fmt.Sprintf("000.%02d.00.H33", 40+i)
		if _, err := orgs.UnitByCode(ctx, code); err != nil {
			_, err := orgs.CreateUnit(ctx, audit.System, org.UnitInput{Code: code, Kind: org.KindAgency, Name: fmt.Sprintf("Sở thử nghiệm %d", i+1),
				ParentID: province.ID, ValidFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
			check(err)
		}
		u, err := s.UnitByCode(ctx, code)
		check(err)
		units = append(units, u)
		// n = 0: the catalogue only (procedures missing from it are created),
		// no dossier; those go to the files.
		rep, err := s.GenerateInto(ctx, audit.CLI(), u, int64(i+1), 0, tthc.GenerateOptions{Procedures: *procs}, nil, nil)
		check(err)
		if rep.Imported+rep.Unchanged+rep.Rejected != 0 {
			check(fmt.Errorf("%s: GenerateInto with n = 0 touched %d dossiers", code, rep.Imported+rep.Unchanged+rep.Rejected))
		}
	}
	// GenerateInto generates with the importer's calendar (the working days
	// stored in the database); so must the files, or dates would differ.
	im, err := s.NewImporter(ctx, audit.CLI(), "bench/tthc_files", "")
	check(err)
	cal := im.Calendar()

	check(os.MkdirAll(*out, 0o755))
	var rows int
	for i, u := range units {
		path := filepath.Join(*out, fmt.Sprintf("agency-%02d.%s", i+1, *format))
		f, err := os.Create(path)
		check(err)
		w := bufio.NewWriterSize(f, 1<<20)
		cw := csv.NewWriter(w)
		if *format == "csv" {
			check(cw.Write(columns))
		}
		opts := tthc.GenerateOptions{Procedures: *procs, Units: []string{u.Code}, Calendar: cal}
		for d := range tthc.Generate(int64(i+1), *n / *agencies, opts) {
			flat := flatRow(d)
			if *format == "csv" {
				cells := make([]string, len(columns))
				for j, c := range columns {
					cells[j] = flat[c]
				}
				check(cw.Write(cells))
			} else {
				check(writeJSONLine(w, d, flat))
			}
			rows++
		}
		cw.Flush()
		check(cw.Error())
		check(w.Flush())
		check(f.Close())
		fmt.Fprintf(os.Stderr, "\r%d/%d files, %d rows", i+1, len(units), rows)
	}
	fmt.Fprintln(os.Stderr)
	fmt.Printf("wrote %d rows in %d %s files to %s\n", rows, len(units), *format, *out)
}

// flatRow renders a generated dossier as the flat sync fields, leaving out
// the empty ones. The current status is the last event's (Generate appends
// events in order); NgayKetThucXuLy is when the statutory clock stopped
// (tthc.EndOfProcessing: the resolution for a returned dossier, the
// refusal, stop or withdrawal otherwise), which is what
// syncfile.Record.Dossier expects to rebuild the history from.
func flatRow(d tthc.Dossier) map[string]string {
	t := func(v time.Time) string {
		if v.IsZero() {
			return ""
		}
		return tthc.FormatSyncTime(v)
	}
	b := func(v bool) string {
		if v {
			return "1"
		}
		return "0"
	}
	m := map[string]string{
		"MaHoSo":                 d.Code,
		"MaTTHC":                 d.ProcedureCode,
		"NgayTiepNhan":           t(d.ReceivedAt),
		"TrangThaiHoSo":          strconv.Itoa(int(d.Events[len(d.Events)-1].Status)),
		"NgayHenTra":             t(d.AppointmentAt),
		"NgayTra":                t(d.ReturnedAt),
		"KenhThucHien":           strconv.Itoa(int(d.Channel)),
		"DonViXuLy":              d.UnitID,
		"DuocThanhToanTrucTuyen": strconv.Itoa(int(d.PaidOnline)),
		"NgayNopHoSo":            t(d.SubmittedAt),
		"DaDongBo":               b(d.Synced),
		"BanSaoDienTu":           b(d.Digitisation.CertifiedCopy),
		"LuuKhoDuLieuCaNhan":     b(d.Digitisation.PersonalStorage),
		"KhaiThacCSDLDanCu":      b(d.Digitisation.PopulationData),
		"DanhGia":                strconv.Itoa(int(d.Feedback.Rating)),
		"CoPhanAnh":              b(d.Feedback.Complaint),
	}
	if end, _, ok := tthc.EndOfProcessing(d); ok {
		m["NgayKetThucXuLy"] = t(end)
	}
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}

// writeJSONLine writes one JSON line: the flat fields (strings: syncfile's
// FlexString reads "4" and 4 alike) and the nested lists that carry what a
// flat row cannot: fee, documents, supplement requests, electronic result.
func writeJSONLine(w *bufio.Writer, d tthc.Dossier, flat map[string]string) error {
	v := make(map[string]any, len(flat)+4)
	for k, s := range flat {
		v[k] = s
	}
	yes := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	v["TaiLieuNop"] = []map[string]string{{"DuocSoHoa": yes(d.Digitisation.ComponentsDigitised), "DuocLayTuKhoDMQG": yes(d.Digitisation.ReusedData)}}
	if d.Fee > 0 {
		v["DanhSachLePhi"] = []map[string]int64{{"Gia": d.Fee}}
	}
	if len(d.Supplements) > 0 {
		var sups []map[string]string
		for _, s := range d.Supplements {
			sup := map[string]string{}
			for k, at := range map[string]time.Time{"NgayBoSung": s.RequestedAt, "NgayTiepNhanBoSung": s.CompletedAt,
				"NgayHenTraTruoc": s.OldDue, "NgayHenTraMoi": s.NewDue} {
				if !at.IsZero() {
					sup[k] = tthc.FormatSyncTime(at)
				}
			}
			sups = append(sups, sup)
		}
		v["DanhSachHoSoBoSung"] = sups
	}
	if d.Digitisation.ElectronicResult {
		v["DanhSachGiayToKetQua"] = []map[string]string{{"DuongDanTepTinKetQua": "https://dichvucong.example/ketqua/" + d.Code + ".pdf"}}
	}
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Write(line)
	return w.WriteByte('\n')
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
