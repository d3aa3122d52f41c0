package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/legaldoc"
	"papihub/internal/papi"
	"papihub/internal/plan"
	"papihub/internal/platform/db"
	"papihub/internal/platform/secret"
	"papihub/internal/survey"
	"papihub/internal/tthc"
)

// Every import writes its audit entry in the same transaction as its rows,
// after them. Making the database refuse that entry is a failure at the
// last moment, after every row was merged with what is stored: an import
// that is truly all or nothing leaves the database exactly as it was.

// failAuditOf makes the database refuse audit entries about entity.
func failAuditOf(t *testing.T, conn *db.DB, entity string) {
	t.Helper()
	ctx := context.Background()
	stmts := []string{fmt.Sprintf(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.entity = '%s'
BEGIN SELECT RAISE(ABORT, 'injected failure'); END`, entity)}
	if conn.Dialect == db.Postgres {
		stmts = []string{
			fmt.Sprintf(`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN IF NEW.entity = '%s' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`, entity),
			`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()`,
		}
	}
	for _, q := range stmts {
		if _, err := conn.W.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		drop := []string{"DROP TRIGGER fail_audit"}
		if conn.Dialect == db.Postgres {
			drop = []string{"DROP TRIGGER fail_audit ON audit_log", "DROP FUNCTION fail_audit()"}
		}
		for _, q := range drop {
			conn.W.ExecContext(context.Background(), q)
		}
	})
}

// tableDump is every row of every table, as text.
func tableDump(t *testing.T, conn *db.DB) string {
	t.Helper()
	ctx := context.Background()
	list := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if conn.Dialect == db.Postgres {
		list = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	rows, err := conn.R.QueryContext(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		rows, err := conn.R.QueryContext(ctx, "SELECT * FROM "+table+" ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %v\n", table, vals)
		}
		rows.Close()
	}
	return b.String()
}

func TestEveryImportFailingAtItsLastWriteLeavesTheDatabaseAsItWas(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	dept, err := ts.org.UnitByCode(ctx, scienceDeptCode)
	if err != nil {
		t.Fatal(err)
	}
	dossiers := tthc.NewStore(ts.db, box, nil)
	if _, err := dossiers.CreateProcedure(ctx, audit.CLI(), tthc.Procedure{UnitID: dept.ID, Code: "1.000001", Name: "Thủ tục",
		Field: "Bưu chính", Statutory: tthc.ProcessingTime{Amount: 5, Unit: tthc.UnitWorkingDays}, Online: tthc.OnlineFull}); err != nil {
		t.Fatal(err)
	}
	surveys := survey.NewStore(ts.db, nil)
	formID, err := surveys.CreateForm(ctx, audit.CLI(), dept.ID, survey.BuiltinPAPIForm(), survey.StatusOpen, nil)
	if err != nil {
		t.Fatal(err)
	}
	results := strings.SplitN(papi.OfficialResultsCSV, "\n", 3)
	register, err := os.ReadFile("../../internal/legaldoc/testdata/register_basic.csv")
	if err != nil {
		t.Fatal(err)
	}
	planText, err := os.ReadFile("../../internal/plan/testdata/shapes/e-xa-van-ban.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path   string
		entity string // whose audit entry the database refuses
		run    func() error
	}{
		{"dossier file (tthc import dossiers)", "tthc_dossiers", func() error {
			im, err := dossiers.NewImporter(ctx, audit.CLI(), "ho-so.csv", "")
			if err != nil {
				return err
			}
			csv := "MaHoSo,MaTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo\n" +
				"000.07.00.H33-260803-0001,1.000001,20260803090000,20260807170000,4\n000.07.00.H33-260803-0002,1.000001,20260803090000,20260807170000,2\n"
			_, err = im.ImportFile(ctx, func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(csv)), nil }, "csv", false, nil)
			return err
		}},
		{"procedure catalogue (tthc import procedures)", "tthc_procedures", func() error {
			dec, err := tthc.NewProcedureDecoder(strings.NewReader("Mã số,Tên,Lĩnh vực,Thời hạn giải quyết,Đơn vị tính\n1.000002,Cấp phép,Bưu chính,5,ngày làm việc\n1.000003,Gia hạn,Bưu chính,3,ngày làm việc\n"), "csv")
			if err != nil {
				return err
			}
			defer dec.Close()
			_, err = dossiers.ImportProcedures(ctx, audit.CLI(), dept.ID, dec, false)
			return err
		}},
		{"working-day calendar (tthc calendar import)", "tthc_calendar", func() error {
			_, err := dossiers.ImportCalendar(ctx, audit.CLI(), strings.NewReader("date,kind,name\n2026-08-05,holiday,Nghỉ\n2026-08-08,workday,Làm bù\n"))
			return err
		}},
		{"plan document (plan import)", "plans", func() error {
			_, _, err := plan.NewStore(ts.db, t.TempDir(), nil).Import(ctx, audit.CLI(), planText, "ke-hoach.txt", dept.ID)
			return err
		}},
		{"survey responses (survey import-responses)", "survey_responses", func() error {
			sf, err := surveys.Form(ctx, formID)
			if err != nil {
				return err
			}
			_, err = surveys.ImportFiles(ctx, audit.CLI(), sf, []survey.NamedReader{{Name: "kobo.csv", R: bytes.NewReader(koboCSV(t, 3, 1, "x"))}}, survey.ImportOptions{}, false)
			return err
		}},
		{"official PAPI results (papi import-results)", "papi_results", func() error {
			_, err := papi.NewStore(ts.db, nil).ImportFile(ctx, audit.CLI(), "ket-qua.csv", strings.NewReader(results[0]+"\n"+results[1]+"\n"))
			return err
		}},
		{"legal documents register (legal import)", "legal_documents", func() error {
			dec, err := legaldoc.NewDecoder(bytes.NewReader(register), "csv")
			if err != nil {
				return err
			}
			defer dec.Close()
			_, err = legaldoc.NewStore(ts.db, nil).Import(ctx, audit.CLI(), dept.ID, dec, false)
			return err
		}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			before := tableDump(t, ts.db)
			failAuditOf(t, ts.db, tc.entity)
			if err := tc.run(); err == nil || !strings.Contains(err.Error(), "injected failure") {
				t.Fatalf("import = %v, want the injected failure", err)
			}
			if after := tableDump(t, ts.db); after != before {
				t.Fatalf("the failed import changed the database:\n%s", diffLines(before, after))
			}
		})
	}
}

// diffLines lists the lines only one of a and b has.
func diffLines(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out strings.Builder
	for l := range ma {
		if !mb[l] {
			out.WriteString("- " + l + "\n")
		}
	}
	for l := range mb {
		if !ma[l] {
			out.WriteString("+ " + l + "\n")
		}
	}
	return out.String()
}
