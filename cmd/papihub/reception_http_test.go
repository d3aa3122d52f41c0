package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/platform/browsertest"
	"papihub/internal/platform/secret"
	"papihub/internal/reception"
	"papihub/internal/registers"
)

// newReceptionServer is the test server with the demo register loaded.
func newReceptionServer(t *testing.T) (*testServer, *reception.Store, reception.Unit) {
	t.Helper()
	ts := newTestServer(t)
	d := deps{db: ts.db, org: ts.org, secret: mustBox(t)}.complete()
	if err := loadReceptionDemo(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	s := receptionStore(d)
	u, err := s.UnitByCode(context.Background(), demoAgencyCode)
	if err != nil {
		t.Fatal(err)
	}
	return ts, s, u
}

// TestTheReceptionRegisterOverHTTP runs the register's HTTP checks on one
// server with the demo register; refusals save nothing, so the checks
// leave each other's facts as they were.
func TestTheReceptionRegisterOverHTTP(t *testing.T) {
	ts, s, unit := newReceptionServer(t)
	entries, _, err := s.Entries(context.Background(), reception.EntryFilter{Scope: unit.Path, Kind: reception.Denunciation, Handling: reception.Accepted})
	if err != nil || len(entries) != 1 {
		t.Fatalf("the demo's denunciation: %v %v", entries, err)
	}
	den := entries[0]
	for _, c := range []struct {
		name  string
		check func(*testing.T)
	}{
		{"every page of the register renders for the desk", func(t *testing.T) {
			c := ts.client(t, "vanphong")
			for _, p := range []string{"/reception", "/reception/new", "/reception/cases", "/reception/cases?show=all", "/reception/schedule", "/reception/report",
				"/reception/report/file?format=xlsx", "/reception/report/file?format=docx",
				"/reception/entries/" + strconv.FormatInt(den.ID, 10), "/reception/cases/" + strconv.FormatInt(den.CaseID, 10)} {
				if resp := c.get(t, p); resp.StatusCode != http.StatusOK {
					t.Errorf("GET %s: %d %s", p, resp.StatusCode, readBody(t, resp))
				}
			}
		}},
		{"the head issues the period's report into the report register", func(t *testing.T) {
			c := ts.client(t, "giamdoc")
			resp := c.postForm(t, "/reception/report?unit="+strconv.FormatInt(unit.ID, 10)+"&period="+strconv.Itoa(s.Today().Year()), url.Values{"number": {"7"}, "format": {"docx"}})
			if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/reports") {
				t.Fatalf("issue: %d %s", resp.StatusCode, readBody(t, resp))
			}
			if resp := c.get(t, "/reception/report?period=2026Q5"); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("a bad period: %d", resp.StatusCode)
			}
		}},
		{"a reviewer reads the logbook but writes nothing", func(t *testing.T) {
			c := ts.client(t, "noivu")
			if resp := c.get(t, "/reception?unit="+strconv.FormatInt(unit.ID, 10)); resp.StatusCode != http.StatusOK {
				t.Fatalf("read: %d", resp.StatusCode)
			}
			if resp := c.postForm(t, "/reception?unit="+strconv.FormatInt(unit.ID, 10), url.Values{"kind": {"petition"}}); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("write: %d", resp.StatusCode)
			}
		}},
		{"an entry without a classification is refused in Vietnamese and nothing is saved", func(t *testing.T) {
			before, _, _ := s.Entries(context.Background(), reception.EntryFilter{Scope: unit.Path, PerPage: 500})
			c := ts.client(t, "vanphong")
			resp := c.postForm(t, "/reception", url.Values{"received_on": {"01/01/2099"}, "channel": {"in_person"}, "summary": {"Nội dung"}, "name": {"Nguyễn Văn X"}})
			body := readBody(t, resp)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Chọn phân loại đơn") || !strings.Contains(body, "không thể sau hôm nay") {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			after, _, _ := s.Entries(context.Background(), reception.EntryFilter{Scope: unit.Path, PerPage: 500})
			if len(after) != len(before) {
				t.Fatalf("%d entries, want %d", len(after), len(before))
			}
		}},
		{"the denouncer appears in no list, API answer or public figure", func(t *testing.T) {
			c := ts.client(t, "giamdoc")
			for _, p := range []string{"/reception", "/api/v1/reception/entries", "/reception/entries/" + strconv.FormatInt(den.ID, 10),
				"/api/v1/reception/cases?show=all", "/reception/cases/" + strconv.FormatInt(den.CaseID, 10)} {
				body := readBody(t, c.get(t, p))
				for _, secret := range []string{"Lê Thị Hoa", "L. T. H.", "0987000222", "098****222", "Thôn Đông"} {
					if strings.Contains(body, secret) {
						t.Errorf("%s shows %q", p, secret)
					}
				}
			}
			anon := ts.client(t, "")
			for _, p := range []string{"/api/v1/public/reception/figures?unit=" + demoAgencyCode, "/api/v1/public/reception/schedule?unit=" + demoAgencyCode} {
				resp := anon.get(t, p)
				body := readBody(t, resp)
				if resp.StatusCode != http.StatusOK || strings.Contains(body, "Hoa") || strings.Contains(body, "Bình") || strings.Contains(body, "summary") {
					t.Errorf("%s: %d %s", p, resp.StatusCode, body)
				}
			}
		}},
		{"the denouncer appears in no export, report or printed logbook (DOCX, XLSX, PDF)", func(t *testing.T) {
			c := ts.client(t, "giamdoc")
			year := strconv.Itoa(s.Today().Year())
			query := "?unit=" + strconv.FormatInt(unit.ID, 10) + "&period=" + year
			for _, p := range []string{"/reception/report/file" + query + "&format=docx", "/reception/report/file" + query + "&format=xlsx",
				"/reception/logbook/file" + query + "&format=docx", "/reception/logbook/file" + query + "&format=xlsx",
				"/reception/logbook/file" + query + "&format=pdf"} {
				resp := c.get(t, p)
				text := exportText(t, readBody(t, resp))
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d", p, resp.StatusCode)
				}
				for _, secret := range []string{"Lê Thị Hoa", "L. T. H.", "0987000222", "098****222", "Thôn Đông"} {
					if strings.Contains(text, secret) {
						t.Errorf("%s shows %q", p, secret)
					}
				}
				if strings.Contains(p, "logbook") && !strings.HasSuffix(p, "pdf") && !strings.Contains(text, "(được giữ bí mật)") {
					t.Errorf("%s lacks the protected denouncer's row", p)
				}
				if dir := os.Getenv(browsertest.EnvArtefacts); dir != "" && strings.HasSuffix(p, "format=pdf") {
					pdf := filepath.Join(t.TempDir(), "so.pdf")
					if err := os.WriteFile(pdf, []byte(readBody(t, c.get(t, p))), 0o644); err != nil {
						t.Fatal(err)
					}
					if out, err := exec.Command("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, filepath.Join(dir, "reception-form03-page1")).CombinedOutput(); err != nil {
						t.Fatalf("pdftoppm: %v %s", err, out)
					}
				}
			}
		}},
		{"only the handler and the head reveal the denouncer, and each reveal is audited", func(t *testing.T) {
			path := "/reception/entries/" + strconv.FormatInt(den.ID, 10) + "/reveal"
			if resp := ts.client(t, "vanphong").postForm(t, path, nil); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("the focal officer: %d", resp.StatusCode)
			}
			if resp := ts.client(t, "admin").postForm(t, path, nil); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("an administrator: %d", resp.StatusCode)
			}
			resp := ts.client(t, "chuyenvien").postForm(t, path, nil)
			if body := readBody(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Lê Thị Hoa") {
				t.Fatalf("the handler: %d", resp.StatusCode)
			}
			recs, _, err := audit.List(context.Background(), ts.db.R, audit.Filter{Action: "reveal", Entity: "reception_entries", PerPage: 10})
			if err != nil || len(recs) != 1 || strings.Contains(recs[0].Summary, "Hoa") {
				t.Fatalf("reveals audited: %+v %v", recs, err)
			}
		}},
		{"the API writes an entry and refuses an extension the law does not allow", func(t *testing.T) {
			c := ts.client(t, "vanphong")
			today := s.Today().Format("2006-01-02")
			resp := c.do(t, http.MethodPost, "/api/v1/reception/entries", "application/json",
				`{"received_on":"`+today+`","channel":"online","kind":"complaint","summary":"Khiếu nại quyết định xử phạt","name":"Hoàng Văn Nam","handling":"accepted"}`)
			var e reception.EntryJSON
			if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&e) != nil || e.CaseID == 0 || e.Person != "H. V. N." {
				t.Fatalf("create: %d %+v", resp.StatusCode, e)
			}
			resp = c.do(t, http.MethodPost, "/api/v1/reception/cases/"+strconv.FormatInt(e.CaseID, 10)+"/steps", "application/json",
				`{"to":"extend","on":"`+today+`","complexity":1,"reason":"Phức tạp"}`)
			if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "reception.extension.not_allowed") {
				t.Fatalf("extension of a complaint: %d %s", resp.StatusCode, body)
			}
		}},
		{"the plan sees the register's measures, agenda and D3 section", func(t *testing.T) {
			ctx := context.Background()
			hub := registerHub(deps{db: ts.db, secret: mustBox(t), dataDir: t.TempDir()}.complete())
			scope := registers.Scope{UnitID: unit.ID, UnitPath: unit.Path}
			today := s.Today()
			from := reception.Day(today.Year(), 1, 1)
			f, err := hub.Figure(ctx, reception.MeasureFeedbackSatisfied, scope, from, today)
			// The demo's petition was answered and rated satisfied.
			if err != nil || f.Num != 1 || f.Den != 1 {
				t.Fatalf("feedback satisfaction as the plan sees it: %+v, %v", f, err)
			}
			secs, err := hub.Sections(ctx, scope, from, today)
			found := false
			for _, sec := range secs {
				found = found || sec.Dimension == "D3"
			}
			if err != nil || !found {
				t.Fatalf("the D3 section: %+v, %v", secs, err)
			}
			officer, err := ts.org.UserByUsername(ctx, "chuyenvien")
			if err != nil {
				t.Fatal(err)
			}
			items, err := hub.Agenda(ctx, officer, today, 60)
			if err != nil || len(items) == 0 {
				t.Fatalf("the handler's agenda: %+v, %v", items, err)
			}
		}},
		// Last: the rating changes the figures the plan check counts.
		{"a citizen looks the answer up by code and rates it, without personal data", func(t *testing.T) {
			ctx := context.Background()
			list, _, err := s.Entries(ctx, reception.EntryFilter{Scope: unit.Path, Kind: reception.Reflection})
			if err != nil || len(list) == 0 || list[0].LookupCode == "" {
				t.Fatalf("the demo's reflection: %+v %v", list, err)
			}
			e := list[0]
			for _, st := range []reception.Step{{To: reception.StAssigned, HandlerID: 1}, {To: reception.StDrafted}, {To: reception.StAnswered, Answer: "Đã khắc phục lỗi."}} {
				st.On = s.Today()
				if _, err := s.Step(ctx, audit.CLI(), e.CaseID, st); err != nil {
					t.Fatal(err)
				}
			}
			anon := ts.client(t, "")
			resp := anon.get(t, "/api/v1/public/reception/lookup?code="+url.QueryEscape(e.LookupCode))
			body := readBody(t, resp)
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Đã khắc phục lỗi.") || strings.Contains(body, "Phạm Minh Tuấn") || strings.Contains(body, "0903") {
				t.Fatalf("lookup: %d %s", resp.StatusCode, body)
			}
			resp = anon.do(t, http.MethodPost, "/api/v1/public/reception/rating", "application/json", `{"code":"`+e.LookupCode+`","rating":"satisfied"}`)
			if body := readBody(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, `"rating":"satisfied"`) {
				t.Fatalf("rating: %d %s", resp.StatusCode, body)
			}
			resp = anon.do(t, http.MethodPost, "/api/v1/public/reception/rating", "application/json", `{"code":"`+e.LookupCode+`","rating":"dissatisfied"}`)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("a second rating: %d", resp.StatusCode)
			}
			if resp := anon.get(t, "/api/v1/public/reception/lookup?code=AAAAA-AAAAA"); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("an unknown code: %d", resp.StatusCode)
			}
		}},
	} {
		t.Run(c.name, c.check)
	}
}

// mustBox is the personal-data key of the test server (32 zero bytes).
func mustBox(t *testing.T) *secret.Box {
	t.Helper()
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	return box
}

func TestTheCommandLineImportsFeedbackAndWritesTheReport(t *testing.T) {
	dir := demoDataDir(t)
	file := "../../internal/reception/testdata/feedback_basic.csv"
	for _, want := range []string{"imported 3, unchanged 0, rejected 0", "imported 0, unchanged 3, rejected 0"} {
		code, out, errOut := run(t, "", "reception", "import", file, "--unit", demoAgencyCode, "--data", dir)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("reception import: exit %d, want %q\n%s%s", code, want, out, errOut)
		}
	}
	code, out, _ := run(t, "", "reception", "import", "../../internal/reception/testdata/feedback_bad.csv", "--unit", demoAgencyCode, "--data", dir)
	if code != 1 || !strings.Contains(out, "rejected 6") || !strings.Contains(out, "dòng 4\tLoại") {
		t.Fatalf("a bad file: exit %d\n%s", code, out)
	}
	for _, format := range []string{"docx", "xlsx"} {
		outFile := filepath.Join(t.TempDir(), "bc."+format)
		code, out, errOut := run(t, "", "reception", "report", "--unit", demoAgencyCode, "--period", "2026Q1", "--format", format, "--out", outFile, "--issue", "--data", dir)
		if code != 0 || !strings.Contains(out, "3 đơn") || !strings.Contains(out, "Đã lưu vào sổ báo cáo") {
			t.Fatalf("reception report %s: exit %d\n%s%s", format, code, out, errOut)
		}
	}
	if code, _, _ := run(t, "", "reception", "report", "--unit", demoAgencyCode, "--period", "2026Q5", "--out", "x", "--data", dir); code != 2 {
		t.Fatalf("a bad period: exit %d", code)
	}
}
