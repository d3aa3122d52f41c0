package report

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
)

func TestTheRegisterKeepsEachKindOfReportWithItsFileAndScope(t *testing.T) {
	ctx := context.Background()
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, Migrations)
	orgs := org.NewStore(conn, nil)
	if _, err := orgs.LoadDemo(ctx, "mat-khau-thu"); err != nil {
		t.Fatal(err)
	}
	dept, _ := orgs.UnitByCode(ctx, "000.07.00.H33")
	homeAffairs, _ := orgs.UnitByCode(ctx, "000.01.00.H33")
	// 23:30 on 30 June in UTC is 1 July in Vietnam: the issue date is Vietnam's.
	reg := NewRegister(conn, t.TempDir(), func() time.Time { return time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC) })
	plan, err := reg.Issue(ctx, audit.System, Issued{Kind: "plan", SourceID: 7, UnitID: dept.ID, Title: "Nâng cao PAPI 2026", Number: "12/BC-SKHCN", Period: "2026Q2", Format: "docx", FileName: "bc.docx"}, []byte("docx bytes"))
	if err != nil {
		t.Fatal(err)
	}
	if plan.ID == 0 || plan.Size != 10 || plan.IssuedOn.Format("2006-01-02") != "2026-07-01" || plan.CreatedBy != "system" {
		t.Fatalf("issued = %+v", plan)
	}
	if b, err := os.ReadFile(reg.Path(plan.SHA256)); err != nil || string(b) != "docx bytes" {
		t.Fatalf("file = %q, %v", b, err)
	}
	if _, err := reg.Issue(ctx, audit.System, Issued{Kind: "reception", UnitID: homeAffairs.ID, Format: "pdf", FileName: "tcd.pdf", Period: "2026Q2"}, []byte("%PDF")); err != nil {
		t.Fatal(err)
	}
	_, err = reg.Issue(ctx, audit.System, Issued{Kind: "reception", UnitID: dept.ID, Format: "odt", FileName: "x.odt"}, []byte("x"))
	if fe, ok := web.AsValidation(err); !ok || fe["format"] == "" {
		t.Fatalf("an unknown format: %v", err)
	}

	for _, tc := range []struct {
		name string
		f    RegisterFilter
		want int
	}{
		{"everything", RegisterFilter{Scopes: []string{"/"}}, 2},
		{"the department's subtree", RegisterFilter{Scopes: []string{dept.Path}}, 1},
		{"two subtrees (a unit and the one it succeeded)", RegisterFilter{Scopes: []string{dept.Path, homeAffairs.Path}}, 2},
		{"one kind", RegisterFilter{Kind: "reception"}, 1},
		{"one plan", RegisterFilter{Kind: "plan", SourceID: 7}, 1},
		{"another plan", RegisterFilter{Kind: "plan", SourceID: 8}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, _, err := reg.List(ctx, tc.f)
			if err != nil || len(list) != tc.want {
				t.Fatalf("List = %d, %v; want %d", len(list), err, tc.want)
			}
		})
	}
	got, path, err := reg.Get(ctx, plan.ID)
	if err != nil || path != dept.Path || got.Title != "Nâng cao PAPI 2026" || got.UnitName != dept.Name {
		t.Fatalf("Get = %+v, %q, %v", got, path, err)
	}
	if _, _, err := reg.Get(ctx, 999); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("Get of nothing: %v", err)
	}
	var audited int
	if err := conn.R.QueryRow("SELECT COUNT(*) FROM audit_log WHERE entity = 'issued_reports'").Scan(&audited); err != nil || audited != 2 {
		t.Fatalf("audit entries = %d, %v", audited, err)
	}
}
