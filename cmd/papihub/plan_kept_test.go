package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// The plan page, its overview and "my tasks" are kept rendered between
// audited changes: what one reader is shown (the focal office's buttons, a
// form's token) never reaches another, and a change shows at once.
func TestKeptPlanPagesShowAChangeAtOnceAndOnlyToTheirOwnReader(t *testing.T) {
	ts := newProvinceServer(t)
	focal, officer, leader := ts.client(t, "vanphong"), ts.client(t, "chuyenvien"), ts.client(t, "giamdoc")
	due := section(mustStatus(t, officer.get(t, "/tasks/mine"), http.StatusOK), `id="due"`)
	m := regexp.MustCompile(`href="/instances/(\d+)"`).FindStringSubmatch(due)
	if m == nil {
		t.Fatal("the officer has no task due")
	}
	inst := "/instances/" + m[1]
	var planID int64
	if err := ts.db.R.QueryRow(`SELECT plan_id FROM task_instances WHERE id = $1`, m[1]).Scan(&planID); err != nil {
		t.Fatal(err)
	}
	planPath := "/plans/" + itoa(planID)

	for round := range 2 { // the second round reads the kept pages
		fp := mustStatus(t, focal.get(t, planPath), http.StatusOK)
		op := mustStatus(t, officer.get(t, planPath), http.StatusOK)
		if !strings.Contains(fp, `href="`+planPath+`/edit"`) || !strings.Contains(fp, `id="derive-form"`) {
			t.Fatalf("round %d: the focal officer lacks the edit and derive buttons", round)
		}
		if strings.Contains(op, planPath+`/edit"`) || strings.Contains(op, `id="derive-form"`) {
			t.Fatalf("round %d: the officer is shown the focal office's buttons", round)
		}
		if strings.Count(fp, `value="`+focal.csrf+`"`) < 3 || strings.Contains(op, focal.csrf) || strings.Contains(fp, officer.csrf) {
			t.Fatalf("round %d: a form carries another reader's token or none", round)
		}
		if strings.Contains(fp+op, "csrfhole") {
			t.Fatalf("round %d: a token's hole was left unfilled", round)
		}
	}
	if strings.Contains(section(mustStatus(t, leader.get(t, planPath+"/overview"), http.StatusOK), `id="waiting"`), inst) ||
		strings.Contains(section(mustStatus(t, officer.get(t, "/tasks/mine"), http.StatusOK), `id="waiting"`), inst) {
		t.Fatal("the task waits for review before it was submitted")
	}

	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	mustStatus(t, officer.postMultipart(t, inst+"/updates", map[string]string{"text": "Đã xong", "percent": "100", "submit": "1"},
		map[string][]byte{"bien-ban.pdf": pdf}), http.StatusSeeOther)

	if !strings.Contains(section(mustStatus(t, leader.get(t, planPath+"/overview"), http.StatusOK), `id="waiting"`), inst) {
		t.Error("the leader's overview does not show the submitted task at once")
	}
	mine := mustStatus(t, officer.get(t, "/tasks/mine"), http.StatusOK)
	if !strings.Contains(section(mine, `id="waiting"`), inst) || strings.Contains(section(mine, `id="due"`), inst) {
		t.Error("the officer's tasks do not show the submitted task at once")
	}
}
