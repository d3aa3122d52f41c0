package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A row that slipped past validation (an older version, a hand edit, a
// restore) must not take a plan's pages down for everyone: each reader shows
// the bad row as an error on its own line and the rest as usual.
func TestABadStoredTaskRowShowsAsAnErrorLineOnEveryReaderNeverA500(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	focal := ts.client(t, "vanphong")
	planID, _ := createPlanAPI(t, ts, focal, "")
	officer, err := ts.org.UserByUsername(ctx, "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	// The quarterly task gets an assignee, then the offset issue 9 found:
	// -2147483648 days, with the due dates it once yielded.
	for _, q := range []string{
		`INSERT INTO task_assignees (task_id, user_id) SELECT id, ` + itoa(officer.ID) + ` FROM tasks WHERE plan_id = ` + itoa(planID),
		`UPDATE tasks SET offset_days = -2147483648 WHERE plan_id = ` + itoa(planID) + ` AND frequency = 'quarterly'`,
		`UPDATE task_instances SET due_date = '-5877641-06-23' WHERE plan_id = ` + itoa(planID) + ` AND period = '2026Q1'`,
		`UPDATE task_instances SET due_date = 'hôm qua', submitted_on = '31/02/2026' WHERE plan_id = ` + itoa(planID) + ` AND period = '2026Q2'`,
		`UPDATE tasks SET due_date = '2026-13-45' WHERE plan_id = ` + itoa(planID) + ` AND frequency = 'once'`,
	} {
		if _, err := ts.db.W.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var taskID, instanceID int64
	if err := ts.db.R.QueryRowContext(ctx, `SELECT task_id, id FROM task_instances WHERE plan_id = $1 AND period = '2026Q1'`, planID).Scan(&taskID, &instanceID); err != nil {
		t.Fatal(err)
	}
	p := "/plans/" + itoa(planID)
	for _, c := range []struct {
		who, path string
		marked    bool // the page lists the bad instance with its error
	}{
		{"vanphong", p, false},
		{"vanphong", p + "/overview", false},
		{"vanphong", p + "/overdue", true},
		{"vanphong", p + "/calendar", false},
		{"vanphong", p + "/rollup", false},
		{"vanphong", p + "/export.xlsx", true},
		{"vanphong", "/tasks/" + itoa(taskID), true},
		{"vanphong", "/instances/" + itoa(instanceID), true},
		{"chuyenvien", "/tasks/mine", true},
		{"vanphong", "/api/v1/plans/" + itoa(planID) + "/instances", true},
		{"vanphong", "/api/v1/plans/" + itoa(planID) + "/tasks", false},
		{"vanphong", "/api/v1/instances/" + itoa(instanceID), true},
		{"vanphong", "/api/v1/tasks/" + itoa(taskID), false},
		{"vanphong", "/", false},
	} {
		resp := ts.client(t, c.who).get(t, c.path)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s as %s: %d\n%s", c.path, c.who, resp.StatusCode, excerpt(body, "error"))
			continue
		}
		if strings.HasSuffix(c.path, ".xlsx") {
			body = xlsxText(t, body)
		}
		if c.marked && !strings.Contains(body, "-5877641-06-23") {
			t.Errorf("%s as %s does not show the bad stored date on its line", c.path, c.who)
		}
	}
	store := planStore(deps{db: ts.db, dataDir: t.TempDir()}.complete())
	if _, err := store.Remind(ctx, 7); err != nil {
		t.Fatalf("plan remind: %v", err)
	}
	notes := mustStatus(t, ts.client(t, "chuyenvien").get(t, "/notifications"), 200)
	if !strings.Contains(notes, "-5877641-06-23") {
		t.Error("the reminders do not tell the unit about the unreadable row")
	}
}

// The same task body is refused by the API and by the form, field by field,
// before anything is stored.
func TestAnOutOfRangeTaskIsRefusedAlikeByTheAPIAndTheForm(t *testing.T) {
	ts := newTestServer(t)
	focal := ts.client(t, "vanphong")
	planID, sectionID := createPlanAPI(t, ts, focal, "")
	cds, _ := ts.org.UnitByCode(context.Background(), "000.07.06.H33")
	huge := strings.Repeat("x", 3<<20)
	for _, c := range []struct{ body, field string }{
		{`{"section_id":` + itoa(sectionID) + `,"text":"Báo cáo","lead_unit_id":` + itoa(cds.ID) + `,"schedule":{"frequency":"quarterly","offset_days":-2147483648}}`, "offset_days"},
		{`{"section_id":` + itoa(sectionID) + `,"text":"Báo cáo","lead_unit_id":` + itoa(cds.ID) + `,"schedule":{"frequency":"once","due":"9999-12-31"}}`, "due"},
		{`{"section_id":` + itoa(sectionID) + `,"text":"Báo cáo","lead_unit_id":` + itoa(cds.ID) + `,"target":{"value":1e300,"unit":"%"},"schedule":{"frequency":"yearly"}}`, "target_value"},
		{`{"section_id":` + itoa(sectionID) + `,"text":"` + huge[:30000] + `","lead_unit_id":` + itoa(cds.ID) + `,"schedule":{"frequency":"yearly"}}`, "text"},
	} {
		got := mustStatus(t, focal.do(t, "POST", "/api/v1/plans/"+itoa(planID)+"/tasks", "application/json", c.body), http.StatusUnprocessableEntity)
		if !strings.Contains(got, `"`+c.field+`"`) {
			t.Errorf("the API does not name %s: %s", c.field, got)
		}
	}
	form := url.Values{"section_id": {itoa(sectionID)}, "text": {"Báo cáo"}, "lead_unit_id": {itoa(cds.ID)}, "frequency": {"quarterly"}, "offset_days": {"-2147483648"}}
	page := mustStatus(t, focal.postForm(t, "/plans/"+itoa(planID)+"/tasks", form), http.StatusUnprocessableEntity)
	if !strings.Contains(page, "Lệch hạn phải là số ngày") {
		t.Error("the form does not say why the offset is refused")
	}
	form.Set("offset_days", "5")
	form.Set("text", huge[:30000])
	page = mustStatus(t, focal.postForm(t, "/plans/"+itoa(planID)+"/tasks", form), http.StatusUnprocessableEntity)
	if !strings.Contains(page, "Quá dài: tối đa 20.000 ký tự") {
		t.Error("the form does not say the text is too long")
	}
	header := func(title string) string {
		return `{"number":"","symbol":"KH-SKHCN","title":"` + title + `","date":"2026-02-10"}`
	}
	if got := mustStatus(t, focal.do(t, "PUT", "/api/v1/plans/"+itoa(planID), "application/json", header(huge[:1001])), http.StatusUnprocessableEntity); !strings.Contains(got, `"title":"form.too_long.line`) {
		t.Errorf("a title of 1,001 characters: %s", got)
	}
	if got := mustStatus(t, focal.do(t, "PUT", "/api/v1/plans/"+itoa(planID), "application/json", header(huge)), http.StatusRequestEntityTooLarge); !strings.Contains(got, `"too_large"`) {
		t.Errorf("a 3 MB title: %s", got)
	}
}

// xlsxText is every cell of a workbook's first sheet, one row a line.
func xlsxText(t *testing.T, data string) string {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}
