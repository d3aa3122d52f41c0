package tthc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
)

// benchDossiers materialises n generated dossiers with their procedures.
func benchDossiers(b *testing.B, n int) ([]Dossier, map[string]ProcedureTerms) {
	b.Helper()
	procs := map[string]ProcedureTerms{}
	for _, p := range GenerateProcedures(1, GenerateOptions{}) {
		procs[p.Code] = p.Terms
	}
	ds := make([]Dossier, 0, n)
	for d := range Generate(1, n, GenerateOptions{}) {
		ds = append(ds, d)
	}
	return ds, procs
}

func BenchmarkClassify(b *testing.B) {
	ds, procs := benchDossiers(b, 10000)
	periodEnd := at("2026-12-31 23:59")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d := ds[i%len(ds)]
		Classify(d, seed, procs[d.ProcedureCode].Statutory, periodEnd)
	}
}

func BenchmarkScore(b *testing.B) {
	counts := map[string]Count{}
	for _, g := range table.Groups {
		for _, in := range g.Indicators {
			counts[in.Metric] = Count{Num: 737, Den: 1000}
		}
	}
	for b.Loop() {
		Score(table, counts)
	}
}

func BenchmarkGenerate(b *testing.B) {
	n := 0
	for b.Loop() {
		for range Generate(1, 10000, GenerateOptions{}) {
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "dossiers/s")
}

func BenchmarkAggregate(b *testing.B) {
	ds, procs := benchDossiers(b, 10000)
	g := Aggregator{Calendar: seed, Terms: func(c string) ProcedureTerms { return procs[c] }}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.Add(ds[i%len(ds)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "dossiers/s")
}

// syncRows writes generated dossiers as CSV and as JSON lines.
func syncRows(b *testing.B, n int) (csvData, jsonl []byte) {
	var c, j bytes.Buffer
	c.WriteString(csvHeader)
	for d := range Generate(3, n, GenerateOptions{}) {
		end, st, ok := EndOfProcessing(d)
		status, endS := StatusInProcess, ""
		if ok {
			status, endS = st, FormatSyncTime(end)
		}
		appt := ""
		if !d.AppointmentAt.IsZero() {
			appt = FormatSyncTime(d.AppointmentAt)
		}
		fmt.Fprintf(&c, "%s,%s,Thủ tục,%s,%s,%d,%s,%d,%s,%d\n", d.Code, d.ProcedureCode, FormatSyncTime(d.ReceivedAt), appt, status, endS, d.Channel, d.UnitID, d.PaidOnline)
		row := map[string]any{"MaHoSo": d.Code, "MaTTHC": d.ProcedureCode, "TenTTHC": "Thủ tục", "NgayTiepNhan": FormatSyncTime(d.ReceivedAt),
			"NgayHenTra": appt, "TrangThaiHoSo": int(status), "NgayKetThucXuLy": endS, "KenhThucHien": int(d.Channel), "DonViXuLy": d.UnitID,
			"TaiLieuNop": []map[string]any{{"DuocSoHoa": 1, "DuocLayTuKhoDMQG": 0}}, "DanhSachLePhi": []map[string]any{{"Gia": d.Fee}}}
		line, _ := json.Marshal(row)
		j.Write(line)
		j.WriteByte('\n')
	}
	return c.Bytes(), j.Bytes()
}

func benchDecode(b *testing.B, data []byte, open func(io.Reader) (Decoder, error)) {
	rows := 0
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d, err := open(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkDecodeCSV(b *testing.B) {
	data, _ := syncRows(b, 20000)
	benchDecode(b, data, func(r io.Reader) (Decoder, error) { return NewCSVDecoder(r) })
}

func BenchmarkDecodeJSONL(b *testing.B) {
	_, data := syncRows(b, 20000)
	benchDecode(b, data, func(r io.Reader) (Decoder, error) { return NewJSONLDecoder(r), nil })
}
