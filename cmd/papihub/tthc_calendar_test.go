package main

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
)

func TestTheCalendarPageShowsAYearAndRefusesABadDayNextToItsField(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, "admin")
	if body := readBody(t, c.get(t, "/tthc/calendar?year=2026")); !strings.Contains(body, "Tết Nguyên đán (mùng 1)") {
		t.Fatal("the 2026 page does not list the seed's holidays")
	}
	resp := c.postForm(t, "/tthc/calendar?year=2026", url.Values{"date": {"08/08/2026"}, "kind": {"holiday"}, "label": {"Nghỉ"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "vốn đã là ngày nghỉ") {
		t.Fatalf("a Saturday as a holiday: %d", resp.StatusCode)
	}
	resp = c.postForm(t, "/tthc/calendar?year=2026", url.Values{"date": {"31/02/2026"}, "kind": {"holiday"}, "label": {"Nghỉ"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("31/02: %d", resp.StatusCode)
	}
	resp = c.postForm(t, "/tthc/calendar?year=2026", url.Values{"date": {"05/08/2026"}, "kind": {"holiday"}, "label": {"Nghỉ đột xuất"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good day: %d", resp.StatusCode)
	}
	if body := readBody(t, c.get(t, "/tthc/calendar?year=2026")); !strings.Contains(body, "Nghỉ đột xuất") || !strings.Contains(body, "05/08/2026") {
		t.Fatal("the added day is not listed")
	}
	resp = c.postForm(t, "/tthc/calendar/remove?year=2026", url.Values{"date": {"05/08/2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", resp.StatusCode)
	}
	// A department admin may read the calendar but not edit the province's.
	dept, _ := ts.org.UnitByCode(t.Context(), "000.07.00.H33")
	if _, err := ts.org.CreateUser(t.Context(), audit.System, org.UserInput{Username: "qtso", FullName: "Quản trị Sở", UnitID: dept.ID,
		Roles: []org.Role{org.RoleAdmin}, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	d := ts.client(t, "qtso")
	resp = d.postForm(t, "/tthc/calendar?year=2026", url.Values{"date": {"05/08/2026"}, "kind": {"holiday"}, "label": {"Nghỉ"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("department admin edited the calendar: %d", resp.StatusCode)
	}
}

func TestTthcCalendarCommandsListSetRemoveAndImport(t *testing.T) {
	dir := demoDataDir(t)
	code, out, errOut := run(t, "", "tthc", "calendar", "set", "--date", "05/08/2026", "--kind", "holiday", "--label", "Nghỉ đột xuất", "--data", dir)
	if code != 0 || !strings.Contains(out, "added 1") {
		t.Fatalf("set: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = run(t, "", "tthc", "calendar", "list", "--year", "2026", "--data", dir)
	if code != 0 || !strings.Contains(out, "05/08/2026\tholiday\tNghỉ đột xuất") || !strings.Contains(out, "đã chỉnh sửa") || !strings.Contains(out, "Tết Nguyên đán") {
		t.Fatalf("list: exit %d\n%s", code, out)
	}
	code, _, errOut = run(t, "", "tthc", "calendar", "set", "--date", "05/08/2026", "--kind", "workday", "--label", "x", "--data", dir)
	if code == 0 || !strings.Contains(errOut, "--date") || !strings.Contains(errOut, "chỉ thứ Bảy, Chủ nhật") {
		t.Fatalf("a weekday as a swap day: exit %d\n%s", code, errOut)
	}
	code, _, errOut = run(t, "", "tthc", "calendar", "set", "--date", "2026/13/01", "--kind", "holiday", "--label", "x", "--data", dir)
	if code == 0 || !strings.Contains(errOut, "--date") {
		t.Fatalf("a bad date: exit %d\n%s", code, errOut)
	}
	code, out, errOut = run(t, "", "tthc", "calendar", "remove", "--date", "05/08/2026", "--data", dir)
	if code != 0 || !strings.Contains(out, "removed 1") {
		t.Fatalf("remove: exit %d\n%s%s", code, out, errOut)
	}
	file := filepath.Join(dir, "lich.csv")
	os.WriteFile(file, []byte("date,kind,name\n2027-06-15,holiday,Nghỉ bù\n2027-06-19,workday,Làm bù\n"), 0o600)
	code, out, errOut = run(t, "", "tthc", "calendar", "import", file, "--data", dir)
	if code != 0 || !strings.Contains(out, "added 2") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
}
