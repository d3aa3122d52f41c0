package tthc

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
)

// testBox seals by base64 with a marker: enough to see that stored values
// are not the plain ones, without the platform key handling.
type testBox struct{}

func (testBox) Seal(p string) (string, error) {
	return "sealed:" + base64.StdEncoding.EncodeToString([]byte(p)), nil
}
func (testBox) Open(s string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, "sealed:"))
	return string(b), err
}

const demoAgency = "000.07.00.H33" // Sở Khoa học và Công nghệ of the demo organisation

// newStore gives a store on the engine under test with the demo
// organisation loaded.
func newStore(t *testing.T) *Store {
	t.Helper()
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, Migrations)
	if _, err := org.NewStore(conn, nil).LoadDemo(context.Background(), "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	return NewStore(conn, testBox{}, nil)
}

func unitOf(t *testing.T, s *Store, code string) UnitInfo {
	t.Helper()
	u, err := s.UnitByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// withProcedure adds procedure code to the demo agency's catalogue with a
// statutory time of days working days.
func withProcedure(t *testing.T, s *Store, code string, days int) Procedure {
	t.Helper()
	u := unitOf(t, s, demoAgency)
	p := Procedure{UnitID: u.ID, Code: code, Name: "Thủ tục " + code, Field: "Bưu chính", Statutory: ProcessingTime{days, UnitWorkingDays}, Online: OnlineFull}
	id, err := s.CreateProcedure(context.Background(), audit.CLI(), p)
	if err != nil {
		t.Fatal(err)
	}
	p.ID = id
	return p
}

func writeFile(t *testing.T, name, content string) func() (io.ReadCloser, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return func() (io.ReadCloser, error) { return os.Open(path) }
}

func importCSV(t *testing.T, s *Store, content string, skipInvalid bool) ImportReport {
	t.Helper()
	im, err := s.NewImporter(context.Background(), audit.CLI(), "test.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := im.ImportFile(context.Background(), writeFile(t, "hoso.csv", content), "csv", skipInvalid, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// aggregateState is every aggregate row as text, to compare databases.
func aggregateState(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, tk := range [][2]string{{"tthc_daily", "day"}, {"tthc_monthly", "month"}, {"tthc_yearly", "year"}} {
		table, key := tk[0], tk[1]
		rows, err := s.db.R.Query("SELECT " + key + ", " + strings.Join(aggregateColumns, ", ") + " FROM " + table + " ORDER BY " + key + ", unit_id, procedure_id")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals := make([]any, 1+len(aggregateColumns))
			var k string
			vals[0] = &k
			nums := make([]int64, len(aggregateColumns))
			for i := range nums {
				vals[i+1] = &nums[i]
			}
			if err := rows.Scan(vals...); err != nil {
				t.Fatal(err)
			}
			allZero := true
			for _, n := range nums {
				allZero = allZero && n == 0
			}
			if !allZero {
				b.WriteString(k)
				for _, n := range nums {
					b.WriteString(" " + itoa(n))
				}
				b.WriteByte('\n')
			}
		}
		rows.Close()
	}
	// The running total of the overdue deltas is written beside the
	// aggregates (overdue_total.go), so it must end as they do.
	rows, err := s.db.R.Query("SELECT overdue_delta FROM tthc_overdue_total WHERE overdue_delta <> 0 ORDER BY unit_id, procedure_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	b.WriteString("total")
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		b.WriteString(" " + itoa(n))
	}
	return b.String()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func count(t *testing.T, s *Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.R.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func eventCount(t *testing.T, s *Store) int64 {
	t.Helper()
	n, err := s.EventCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const header = "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo,NgayKetThucXuLy,NgayTra,KenhThucHien,ChuHoSo,SoGiayToChuHoSo,SoDienThoaiChuHoSo\n"

const threeDossiers = header +
	"000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,10,20260806100000,20260807090000,1,Nguyễn Văn An,033090001234,0912345678\n" +
	"000.07.00.H33-260803-0002,1.000001,20260803100000,20260807170000,9,20260811100000,,2,Trần Thị Bình,,\n" +
	"000.07.00.H33-260804-0001,1.000001,20260804080000,20260810170000,4,,,1,,,\n"

func TestImportingTheSameFileTwiceChangesNothing(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	first := importCSV(t, s, threeDossiers, false)
	if first.Imported != 3 || first.Rejected != 0 {
		t.Fatalf("first import = %+v, want 3 imported", first)
	}
	state := aggregateState(t, s)
	events := eventCount(t, s)
	second := importCSV(t, s, threeDossiers, false)
	if second.Imported != 0 || second.Unchanged != 3 {
		t.Fatalf("second import = %+v, want 3 unchanged", second)
	}
	if got := aggregateState(t, s); got != state {
		t.Fatalf("aggregates changed on re-import:\n%s\nwant\n%s", got, state)
	}
	if got := eventCount(t, s); got != events {
		t.Fatalf("events = %d after re-import, want %d", got, events)
	}
}

func TestPersonalDataIsStoredSealedAndListedMasked(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, threeDossiers, false)
	if n := count(t, s, "SELECT COUNT(*) FROM tthc_dossiers WHERE applicant_sealed LIKE '%Nguyễn%' OR id_number_sealed LIKE '%033090001234%' OR phone_sealed LIKE '%0912345678%'"); n != 0 {
		t.Fatalf("%d dossiers store personal data in the clear", n)
	}
	d, err := s.Dossier(context.Background(), "000.07.00.H33-260803-0001")
	if err != nil {
		t.Fatal(err)
	}
	if d.IDMasked != "033*******34" || d.PhoneMasked != "091****678" || d.ApplicantMasked != "N. V. A." {
		t.Fatalf("masked = %q %q %q", d.IDMasked, d.PhoneMasked, d.ApplicantMasked)
	}
	p, err := s.Reveal(context.Background(), audit.Actor{Username: "giamdoc"}, d)
	if err != nil {
		t.Fatal(err)
	}
	if p.IDNumber != "033090001234" || p.Phone != "0912345678" || p.Applicant != "Nguyễn Văn An" {
		t.Fatalf("revealed = %+v", p)
	}
	if n := count(t, s, "SELECT COUNT(*) FROM audit_log WHERE action = 'reveal' AND entity_id = $1", audit.ID(d.ID)); n != 1 {
		t.Fatalf("%d reveal entries in the audit log, want 1", n)
	}
}

func TestAFileWithABadRowIsRejectedWholeAndLeavesTheDatabaseUnchanged(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, threeDossiers, false)
	state, audits := aggregateState(t, s), count(t, s, "SELECT COUNT(*) FROM audit_log")
	bad := header +
		"000.07.00.H33-260805-0001,1.000001,20260805090000,20260810170000,2,,,1,,,\n" +
		"000.07.00.H33-260805-0002,9.999999,20260805090000,20260810170000,2,,,1,,,\n" + // unknown procedure
		"000.07.00.H33-260805-0003,1.000001,2026-08-05,20260810170000,2,,,1,,,\n" + // wrong date format
		"000.07.00.H33-2608-0004,1.000001,20260805090000,20260810170000,2,,,1,,,\n" // malformed code
	rep := importCSV(t, s, bad, false)
	if rep.Applied || rep.Imported != 0 || rep.Rejected != 3 {
		t.Fatalf("report = %+v, want the file rejected with 3 bad rows", rep)
	}
	want := map[int]string{3: "MaTTHC", 4: "NgayTiepNhan", 5: "MaHoSo"}
	for _, e := range rep.Errors {
		if want[e.Line] != e.Field {
			t.Errorf("error %v: want field %q on line %d", e, want[e.Line], e.Line)
		}
	}
	if got := count(t, s, "SELECT COUNT(*) FROM tthc_dossiers"); got != 3 {
		t.Fatalf("%d dossiers after a rejected file, want 3", got)
	}
	if aggregateState(t, s) != state || count(t, s, "SELECT COUNT(*) FROM audit_log") != audits {
		t.Fatal("a rejected file changed the aggregates or the audit log")
	}
	rep = importCSV(t, s, bad, true)
	if !rep.Applied || rep.Imported != 1 || rep.Rejected != 3 {
		t.Fatalf("with --skip-invalid: %+v, want 1 imported and 3 rejected", rep)
	}
}

func TestAnImpossibleStatusTransitionIsRejectedWithItsReason(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	im, err := s.NewImporter(context.Background(), audit.CLI(), "test", "")
	if err != nil {
		t.Fatal(err)
	}
	d := dossier(received("2026-08-03 09:00"), resolvedAt("2026-08-04 09:00"), status(StatusSupplementRequested, "2026-08-05 09:00"))
	d.Code, d.ProcedureCode = "000.07.00.H33-260803-0009", "1.000001"
	re := im.Validate(&Incoming{Line: 7, Dossier: d})
	if re == nil || re.Field != "TrangThaiHoSo" || !strings.Contains(re.Reason, "không thể chuyển") {
		t.Fatalf("Validate = %v, want a transition error", re)
	}
}

func TestEventsArrivingOutOfOrderEndInTheSameStateAsInOrder(t *testing.T) {
	open := header + "000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,4,,,1,,,\n"
	done := header + "000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,10,20260806100000,20260807090000,1,,,\n"
	inOrder, outOfOrder := newStore(t), newStore(t)
	for _, s := range []*Store{inOrder, outOfOrder} {
		withProcedure(t, s, "1.000001", 5)
	}
	importCSV(t, inOrder, open, false)
	importCSV(t, inOrder, done, false)
	importCSV(t, outOfOrder, done, false)
	if rep := importCSV(t, outOfOrder, open, false); rep.Rejected != 0 {
		t.Fatalf("the older snapshot was rejected: %+v", rep)
	}
	a, err := inOrder.Dossier(context.Background(), "000.07.00.H33-260803-0001")
	if err != nil {
		t.Fatal(err)
	}
	b, err := outOfOrder.Dossier(context.Background(), "000.07.00.H33-260803-0001")
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != StatusReturned || b.Status != StatusReturned || fingerprint(a) != fingerprint(b) {
		t.Fatalf("in order: %s (%d)\nout of order: %s (%d)", fingerprint(a), a.Status, fingerprint(b), b.Status)
	}
	if aggregateState(t, inOrder) != aggregateState(t, outOfOrder) {
		t.Fatal("aggregates differ with the order of arrival")
	}
}

func TestAPushedEventIsAppliedOnceAndMovesTheAggregates(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, header+"000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,4,,,1,,,\n", false)
	im, err := s.NewImporter(context.Background(), audit.CLI(), "api", "")
	if err != nil {
		t.Fatal(err)
	}
	push := Incoming{EventOnly: true, Dossier: Dossier{Code: "000.07.00.H33-260803-0001", Events: []Event{{Status: StatusResolved, At: at("2026-08-12 10:00")}}}}
	for i, want := range []int{1, 0} {
		res, err := im.Apply(context.Background(), []Incoming{push})
		if err != nil {
			t.Fatal(err)
		}
		if res.Imported != want || len(res.Rejected) != 0 {
			t.Fatalf("push %d: %+v, want %d applied", i+1, res, want)
		}
	}
	d, err := s.Dossier(context.Background(), "000.07.00.H33-260803-0001")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != StatusResolved || d.Verdict != Late {
		t.Fatalf("after the push: status %d, verdict %v; want 9, late", d.Status, d.Verdict)
	}
	aug, _ := ParsePeriod("2026-08")
	rep, err := s.Index(context.Background(), unitOf(t, s, demoAgency), aug, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := resultOf(rep.Result, "PROGRESS_ON_TIME"); got.Num != 0 || got.Den != 1 {
		t.Fatalf("PROGRESS_ON_TIME = %d/%d, want 0/1", got.Num, got.Den)
	}
}

func resultOf(r Result, metric string) IndicatorResult {
	for _, g := range r.Groups {
		for _, in := range g.Indicators {
			if in.Metric == metric {
				return in
			}
		}
	}
	return IndicatorResult{}
}

func TestChangingAStatutoryTimeRejudgesTheProceduresDossiers(t *testing.T) {
	s := newStore(t)
	p := withProcedure(t, s, "1.000001", 5)
	// No appointment date: judged by the statutory time.
	importCSV(t, s, header+"000.07.00.H33-260803-0001,1.000001,20260803090000,,10,20260811100000,20260811110000,1,,,\n", false)
	d, _ := s.Dossier(context.Background(), "000.07.00.H33-260803-0001")
	if d.Verdict != Late {
		t.Fatalf("with 5 working days: %v, want late", d.Verdict)
	}
	p.Statutory.Amount = 10
	if err := s.UpdateProcedure(context.Background(), audit.CLI(), p); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Dossier(context.Background(), "000.07.00.H33-260803-0001")
	if d.Verdict != Early {
		t.Fatalf("with 10 working days: %v, want early", d.Verdict)
	}
	fresh := newStore(t)
	withProcedure(t, fresh, "1.000001", 10)
	importCSV(t, fresh, header+"000.07.00.H33-260803-0001,1.000001,20260803090000,,10,20260811100000,20260811110000,1,,,\n", false)
	if aggregateState(t, s) != aggregateState(t, fresh) {
		t.Fatal("aggregates after the change differ from a fresh import with the new time")
	}
}

func TestThePublicLookUpAnswersTheSameForMalformedUnknownAndOtherAgencyCodes(t *testing.T) {
	s := newStore(t)
	withProcedure(t, s, "1.000001", 5)
	importCSV(t, s, threeDossiers, false)
	ctx := context.Background()
	got, err := s.PublicDossier(ctx, "000.07.00.H33-260803-0001", "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Procedure == "" || len(got.Timeline) != 3 || got.AppointmentAt == nil {
		t.Fatalf("look-up = %+v", got)
	}
	home := unitOf(t, s, "000.01.00.H33") // Sở Nội vụ: another agency
	for _, tc := range []struct{ code, agency string }{
		{"000.07.00.H33-2608", ""},
		{"000.07.00.H33-260803-0999", ""},
		{"000.07.00.H33-260803-0001", home.Path},
	} {
		if _, err := s.PublicDossier(ctx, tc.code, tc.agency); !errors.Is(err, ErrNotFound) {
			t.Errorf("%q in %q: %v, want not found", tc.code, tc.agency, err)
		}
	}
}

func TestTheNationalCatalogueExportsImportAndASecondFileCompletesThem(t *testing.T) {
	s := newStore(t)
	u := unitOf(t, s, demoAgency)
	for _, tc := range []struct {
		file string
		want int
	}{{"danh-sach-tthc-BoTuPhap.xlsx", 271}, {"danh-sach-tthc-BoXayDung.xlsx", 525}} {
		path := filepath.Join("/work/shared/data/tthc", tc.file)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("national export not available: %v", err)
		}
		imp := func() ImportReport {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			dec, err := NewProcedureDecoder(f, "xlsx")
			if err != nil {
				t.Fatal(err)
			}
			defer dec.Close()
			rep, err := s.ImportProcedures(context.Background(), audit.CLI(), u.ID, dec, false)
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		rep := imp()
		if rep.Rejected != 0 || rep.Imported+rep.Unchanged != tc.want {
			t.Fatalf("%s: %+v (first errors %v), want %d rows", tc.file, rep, rep.Errors[:min(3, len(rep.Errors))], tc.want)
		}
		if again := imp(); again.Imported != 0 || again.Unchanged != tc.want {
			t.Fatalf("%s again: %+v, want all unchanged", tc.file, again)
		}
	}
	ps, _, err := s.Procedures(context.Background(), ProcedureFilter{Scope: u.Path, Query: "ket hon co yeu to nuoc ngoai"})
	if err != nil || len(ps) == 0 {
		t.Fatalf("search without diacritics: %v, %d found", err, len(ps))
	}
	code := ps[0].Code
	dec, err := NewProcedureDecoder(strings.NewReader("MaTTHC,Thời hạn giải quyết,Đơn vị tính,Lệ phí,Mức độ trực tuyến,Bộ phận công khai\n"+code+",15,ngày làm việc,50.000,toàn trình,1111111\n"), "csv")
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := s.ImportProcedures(context.Background(), audit.CLI(), u.ID, dec, false); err != nil || rep.Imported != 1 {
		t.Fatalf("completing file: %+v, %v", rep, err)
	}
	p, err := s.Procedure(context.Background(), ps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != ps[0].Name || p.Statutory != (ProcessingTime{15, UnitWorkingDays}) || p.Fee != 50000 || p.Online != OnlineFull || !p.Parts.Full() {
		t.Fatalf("completed procedure = %+v", p)
	}
}

// Imports of the same dossiers running at once (two officers, or a file
// and the events API) end as one import does: each dossier is merged by one
// of them and found unchanged by the others, so the aggregates count it
// once. On PostgreSQL this is the partition locks' work (lockPartitions).
func TestConcurrentImportsOfTheSameDossiersCountEachOnce(t *testing.T) {
	ctx := context.Background()
	const seed, n, imports = 11, 3000, 3
	generate := func(s *Store, n int) ImportReport {
		rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, demoAgency), seed, n, GenerateOptions{}, nil, nil)
		if err != nil {
			t.Error(err)
		}
		return rep
	}
	once := newStore(t)
	generate(once, n)
	want := aggregateState(t, once)

	s := newStore(t)
	generate(s, 0) // the catalogue
	reports := make([]ImportReport, imports)
	var wg sync.WaitGroup
	for i := range reports {
		wg.Go(func() { reports[i] = generate(s, n) })
	}
	wg.Wait()
	imported, unchanged := 0, 0
	for _, r := range reports {
		imported += r.Imported
		unchanged += r.Unchanged
	}
	if imported != n || unchanged != n*(imports-1) {
		t.Errorf("imported %d and unchanged %d over %d imports of %d dossiers, want %d and %d", imported, unchanged, imports, n, n, n*(imports-1))
	}
	if got := aggregateState(t, s); got != want {
		t.Errorf("aggregates after concurrent imports differ from one import's")
	}
}
