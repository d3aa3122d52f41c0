package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/plan"
	"papihub/internal/platform/secret"
	"papihub/internal/tthc"
)

// Issue 14: the staff of Sở Khoa học và Công nghệ, which absorbed the Sở
// Thông tin và Truyền thông on 01/07/2025, read what the closed department
// left (its 2023 plan, its dossiers) and change none of it; staff of any
// other department read none of it.
func TestTheSuccessorsStaffReadTheClosedUnitsRecordsAndChangeNothing(t *testing.T) {
	ts := newProvinceServer(t)
	ctx := context.Background()
	stttt, err := ts.org.UnitByCode(ctx, "000.10.00.H33")
	if err != nil {
		t.Fatal(err)
	}
	plans, _, err := planStore(ts.deps).Plans(ctx, plan.PlanFilter{ReadScopes: []string{"/"}, UnitID: stttt.ID, PerPage: 1})
	if err != nil || len(plans) != 1 {
		t.Fatalf("the closed department's plan: %v %v", plans, err)
	}
	planPath := "/plans/" + itoa(plans[0].ID)
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	dossiers := tthc.NewStore(ts.db, box, nil)
	if _, err := dossiers.CreateProcedure(ctx, audit.CLI(), tthc.Procedure{UnitID: stttt.ID, Code: "1.009999", Name: "Cấp giấy phép bưu chính",
		Field: "Bưu chính", Statutory: tthc.ProcessingTime{Amount: 5, Unit: tthc.UnitWorkingDays}, Online: tthc.OnlineFull}); err != nil {
		t.Fatal(err)
	}
	im, err := dossiers.NewImporter(ctx, audit.CLI(), "successor", "")
	if err != nil {
		t.Fatal(err)
	}
	code := "000.10.00.H33-250603-0001"
	d := tthc.Dossier{Code: code, ProcedureCode: "1.009999", UnitID: stttt.Code, Channel: tthc.ChannelOnline,
		ReceivedAt: at(t, "2025-06-03T02:00:00Z"), Events: []tthc.Event{{Status: tthc.StatusReceived, At: at(t, "2025-06-03T02:00:00Z")}}}
	if res, err := im.Apply(ctx, []tthc.Incoming{{Line: 1, Dossier: d, Applicant: "Lê Văn Bình", IDNumber: "033090004321"}}); err != nil || res.Imported != 1 {
		t.Fatalf("dossier: %+v %v", res, err)
	}
	home, err := ts.org.UnitByCode(ctx, "000.01.00.H33") // Sở Nội vụ, unrelated to the merger
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.org.CreateUser(ctx, audit.System, org.UserInput{Username: "xemnv", FullName: "Phạm Thu Hà", UnitID: home.ID,
		Roles: []org.Role{org.RoleViewer}, Password: testPassword, Active: true}); err != nil {
		t.Fatal(err)
	}
	status := func(c *client, method, path, body string) (int, string) {
		t.Helper()
		resp := c.do(t, method, path, "application/json", body)
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	heir, outsider := ts.client(t, "giamdoc"), ts.client(t, "xemnv")
	for _, path := range []string{planPath, "/api/v1/plans/" + itoa(plans[0].ID), "/tthc/dossiers/" + code,
		"/tthc/dossiers?unit=" + itoa(stttt.ID), "/tthc?unit=" + itoa(stttt.ID)} {
		if got, _ := status(heir, http.MethodGet, path, ""); got != http.StatusOK {
			t.Errorf("the successor's leader GET %s: %d, want 200", path, got)
		}
		if got, _ := status(outsider, http.MethodGet, path, ""); got != http.StatusForbidden && got != http.StatusNotFound {
			t.Errorf("another department's viewer GET %s: %d, want refused", path, got)
		}
	}
	for _, list := range []string{"/plans", "/api/v1/plans"} {
		if _, body := status(heir, http.MethodGet, list, ""); !strings.Contains(body, planPath) && !strings.Contains(body, `"id":`+itoa(plans[0].ID)) {
			t.Errorf("the successor's plan list %s does not offer the closed department's plan", list)
		}
	}
	if _, body := status(heir, http.MethodGet, "/tthc/dossiers?unit="+itoa(stttt.ID), ""); !strings.Contains(body, code) {
		t.Error("the successor's dossier list of the closed department misses its dossier")
	}
	// Read-only: the leader approves and the focal point manages in their own
	// department, not in the closed one.
	focal := ts.client(t, "vanphong")
	if got, _ := status(focal, http.MethodPut, "/api/v1/plans/"+itoa(plans[0].ID), `{"title":"Đổi tên"}`); got != http.StatusForbidden {
		t.Errorf("the successor's focal point edits the closed department's plan: %d, want 403", got)
	}
	if got, _ := status(focal, http.MethodPost, "/api/v1/plans/"+itoa(plans[0].ID)+"/tasks", `{"title":"Thêm"}`); got != http.StatusForbidden {
		t.Errorf("the successor's focal point adds a task to the closed department's plan: %d, want 403", got)
	}
}
