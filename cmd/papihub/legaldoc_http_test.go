package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/legaldoc"
	"papihub/internal/registers"
)

// newLegalServer is the test server with the demo department's register
// loaded (the demo's).
func newLegalServer(t *testing.T) (*testServer, legaldoc.Unit) {
	t.Helper()
	ts := newTestServer(t)
	if err := loadLegalDemo(context.Background(), deps{db: ts.db}.complete()); err != nil {
		t.Fatal(err)
	}
	u, err := legaldoc.NewStore(ts.db, nil).UnitByCode(context.Background(), demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	return ts, u
}

// TestTheLegalRegisterOverHTTP runs the register's HTTP checks on one
// server with the demo register: each check leaves the others' facts as
// they were (refusals save nothing; the issued list is of 2025).
func TestTheLegalRegisterOverHTTP(t *testing.T) {
	ts, unit := newLegalServer(t)
	for _, c := range []struct {
		name  string
		check func(*testing.T, *testServer, legaldoc.Unit)
	}{
		{"a reviewer reads the register but changes nothing", legalAReviewerReadsTheRegisterButChangesNothing},
		{"a loop and an expiry before effect are refused in Vietnamese, nothing saved", legalALoopAndAnExpiryBeforeEffectAreRefusedInVietnameseAndNothingIsSaved},
		{"the year's list is issued into the report register", legalTheYearsListIsIssuedIntoTheReportRegister},
		{"the public API lists documents in force without personal data", legalThePublicAPIListsDocumentsInForceWithoutPersonalData},
		{"the plan sees the register's measures and section", legalThePlanSeesTheRegistersMeasuresAndSection},
	} {
		t.Run(c.name, func(t *testing.T) { c.check(t, ts, unit) })
	}
}

func docID(t *testing.T, ts *testServer, unit legaldoc.Unit, number string) int64 {
	t.Helper()
	d, err := legaldoc.NewStore(ts.db, nil).DocumentByNumber(context.Background(), unit.ID, number)
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}

func legalAReviewerReadsTheRegisterButChangesNothing(t *testing.T, ts *testServer, unit legaldoc.Unit) {
	id := docID(t, ts, unit, "12/2020/QĐ-UBND")
	reviewer := ts.client(t, "noivu")
	if resp := reviewer.get(t, "/legal/"+strconv.FormatInt(id, 10)); resp.StatusCode != http.StatusOK {
		t.Fatalf("reviewer reads the document: %d", resp.StatusCode)
	}
	resp := reviewer.postForm(t, "/legal/"+strconv.FormatInt(id, 10)+"/reviews", url.Values{"reviewed_on": {"01/06/2025"}, "reviewer": {"X"}, "finding": {"keep"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("reviewer records a review: %d, want 403", resp.StatusCode)
	}
	// An officer of a division reads neither the department's register nor
	// its documents.
	officer := ts.client(t, "chuyenvien")
	if resp := officer.get(t, "/legal/"+strconv.FormatInt(id, 10)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a division's officer opens the department's document: %d, want 404", resp.StatusCode)
	}
	if resp := officer.get(t, "/legal?unit="+strconv.FormatInt(unit.ID, 10)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a division's officer lists the department's register: %d, want 403", resp.StatusCode)
	}
}

func legalALoopAndAnExpiryBeforeEffectAreRefusedInVietnameseAndNothingIsSaved(t *testing.T, ts *testServer, unit legaldoc.Unit) {
	focal := ts.client(t, "vanphong")
	replacer := docID(t, ts, unit, "15/2025/QĐ-UBND")
	// 15/2025 replaced 12/2020; recording that 12/2020 replaces 15/2025 closes a loop.
	resp := focal.postForm(t, "/legal/"+strconv.FormatInt(replacer, 10)+"/relations", url.Values{"direction": {"acted"}, "kind": {"replaces"}, "other": {"12/2020/qd-ubnd"}})
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Quan hệ này tạo thành vòng") {
		t.Fatalf("the loop: %d", resp.StatusCode)
	}
	rels, _ := legaldoc.NewStore(ts.db, nil).Relations(context.Background(), replacer)
	if len(rels) != 1 {
		t.Errorf("relations of 15/2025 after the refusal: %d, want 1", len(rels))
	}
	resp = focal.postForm(t, "/legal?unit="+strconv.FormatInt(unit.ID, 10), url.Values{"number": {"30/2025/QĐ-UBND"}, "type": {"Quyết định"},
		"title": {"Quy chế tạm thời"}, "issued_on": {"01/07/2025"}, "effective_from": {"10/07/2025"}, "expires_on": {"01/07/2025"}})
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Ngày hết hiệu lực phải sau ngày có hiệu lực.") {
		t.Fatalf("an expiry before effect: %d", resp.StatusCode)
	}
	if _, err := legaldoc.NewStore(ts.db, nil).DocumentByNumber(context.Background(), unit.ID, "30/2025/QĐ-UBND"); err == nil {
		t.Error("the refused document was saved")
	}
	// The API gives the same refusal with stable codes.
	api := focal.do(t, "POST", "/api/v1/legal/documents/"+strconv.FormatInt(replacer, 10)+"/relations", "application/json",
		`{"kind":"replaces","other":"12/2020/QĐ-UBND","acts":false}`)
	if b := readBody(t, api); api.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "legaldoc.relation.cycle") {
		t.Errorf("API loop: %d %s", api.StatusCode, b)
	}
}

func legalTheYearsListIsIssuedIntoTheReportRegister(t *testing.T, ts *testServer, unit legaldoc.Unit) {
	focal := ts.client(t, "vanphong")
	resp := focal.postForm(t, "/legal/expired?unit="+strconv.FormatInt(unit.ID, 10)+"&year=2025", url.Values{"number": {"05"}, "format": {"docx"}, "signer_name": {"Nguyễn Văn Phúc"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", resp.StatusCode, readBody(t, resp))
	}
	loc := resp.Header.Get("Location")
	page := readBody(t, focal.get(t, loc))
	i := strings.Index(page, `/reports/`)
	if i < 0 {
		t.Fatalf("the page after issuing has no link to the register: %s", loc)
	}
	link := page[i : i+strings.Index(page[i:], `"`)]
	file := focal.get(t, link)
	if b := readBody(t, file); file.StatusCode != http.StatusOK || !strings.HasPrefix(b, "PK") {
		t.Errorf("the issued file %s: %d", link, file.StatusCode)
	}
	// A viewer may read the list but not issue it.
	if resp := ts.client(t, "xem").postForm(t, "/legal/expired?year=2025", url.Values{"format": {"docx"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer issues the list: %d", resp.StatusCode)
	}
}

func legalThePublicAPIListsDocumentsInForceWithoutPersonalData(t *testing.T, ts *testServer, _ legaldoc.Unit) {
	anon := ts.client(t, "")
	resp := anon.get(t, "/api/v1/public/legal/documents?unit="+demoAgencyCode)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("public documents: %d %s", resp.StatusCode, body)
	}
	var out struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	for _, d := range out.Items {
		if d["number"] == "12/2020/QĐ-UBND" || d["number"] == "03/CT-UBND" {
			t.Errorf("an expired document is listed as in force: %v", d["number"])
		}
	}
	if len(out.Items) == 0 || strings.Contains(body, "Nguyễn Văn Phúc") || strings.Contains(body, "signer") {
		t.Errorf("public documents: %d items; the signer must not appear: %s", len(out.Items), body)
	}
	if resp := anon.get(t, "/api/v1/public/legal/expired?unit="+demoAgencyCode+"&year=2025"); resp.StatusCode != http.StatusOK || !strings.Contains(readBody(t, resp), "12/2020/QĐ-UBND") {
		t.Errorf("public expired list: %d", resp.StatusCode)
	}
}

func TestTheCommandLineImportsAndAnswersTheStatusAndTheYearsList(t *testing.T) {
	dir := demoDataDir(t)
	file := "../../internal/legaldoc/testdata/register_basic.csv"
	for _, want := range []string{"imported 7, unchanged 0, rejected 0", "imported 0, unchanged 7, rejected 0"} {
		code, out, errOut := run(t, "", "legal", "import", file, "--unit", demoAgencyCode, "--data", dir)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("legal import: exit %d, want %q\n%s%s", code, want, out, errOut)
		}
	}
	code, out, _ := run(t, "", "legal", "import", "../../internal/legaldoc/testdata/register_bad.csv", "--unit", demoAgencyCode, "--data", dir)
	if code != 1 || !strings.Contains(out, "rejected 5") || !strings.Contains(out, "dòng 4\tNgày hết hiệu lực") {
		t.Fatalf("a bad file: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "legal", "status", "--on", "01/07/2025", "--unit", demoAgencyCode, "--data", dir)
	if code != 0 || !strings.Contains(out, "partly_expired   1") || !strings.Contains(out, "expired          2") {
		t.Fatalf("legal status: exit %d\n%s", code, out)
	}
	docx := filepath.Join(dir, "danh-muc.docx")
	code, out, _ = run(t, "", "legal", "expired", "--year", "2025", "--unit", demoAgencyCode, "--out", docx, "--issue", "--number", "05", "--data", dir)
	if code != 0 || !strings.Contains(out, "2 toàn bộ, 1 một phần") || !strings.Contains(out, "Đã lưu vào sổ báo cáo") {
		t.Fatalf("legal expired: exit %d\n%s", code, out)
	}
	if b, err := os.ReadFile(docx); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Errorf("the DOCX: %v", err)
	}
	if code, _, errOut := run(t, "", "legal", "expired", "--unit", demoAgencyCode, "--data", dir); code != 2 {
		t.Errorf("without --year: exit %d %s", code, errOut)
	}
}

// registers: the plan sees the legal register's measures and D2 section.
func legalThePlanSeesTheRegistersMeasuresAndSection(t *testing.T, ts *testServer, unit legaldoc.Unit) {
	ctx := context.Background()
	s := legaldoc.NewStore(ts.db, nil)
	id := docID(t, ts, unit, "08/2022/QĐ-UBND")
	if _, err := s.AddReview(ctx, audit.CLI(), legaldoc.Review{DocumentID: id, ReviewedOn: legaldoc.Day(2025, 5, 2), Reviewer: "Lê Thị Hoa",
		Finding: legaldoc.Amend, ProposedTo: "UBND tỉnh"}); err != nil {
		t.Fatal(err)
	}
	hub := registerHub(deps{db: ts.db, dataDir: t.TempDir()}.complete())
	f, err := hub.Figure(ctx, legaldoc.MeasureReviewed, registers.Scope{UnitID: unit.ID, UnitPath: unit.Path}, legaldoc.Day(2025, 1, 1), legaldoc.Day(2025, 12, 31))
	if err != nil || f.Value != 1 {
		t.Fatalf("documents reviewed in 2025 as the plan sees it: %+v, %v", f, err)
	}
	secs, err := hub.Sections(ctx, registers.Scope{UnitID: unit.ID, UnitPath: unit.Path}, legaldoc.Day(2025, 1, 1), legaldoc.Day(2025, 12, 31))
	if err != nil || len(secs) != 1 || secs[0].Dimension != "D2" {
		t.Fatalf("the D2 section: %+v, %v", secs, err)
	}
}
