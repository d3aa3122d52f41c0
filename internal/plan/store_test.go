package plan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/web"
	"papihub/internal/report"
)

// fixture is a migrated database with the demo organisation and a plan
// store whose clock the test sets.
type fixture struct {
	t     *testing.T
	db    *db.DB
	org   *org.Store
	store *Store
	today time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	conn := dbtest.Open(t, audit.Migrations, org.Migrations, report.Migrations, Migrations)
	os := org.NewStore(conn, nil)
	if _, err := os.LoadDemo(context.Background(), "mat-khau-thu-nghiem"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: conn, org: os, today: on("2026-03-20")}
	f.store = NewStore(conn, t.TempDir(), func() time.Time { return f.today.Add(3 * time.Hour) })
	t.Cleanup(f.checkInstanceCounts)
	return f
}

// checkInstanceCounts compares the counts the triggers kept with the
// instances themselves, after whatever the test did to them: every test
// built on the fixture thus checks every write path of the store.
func (f *fixture) checkInstanceCounts() {
	f.t.Helper()
	read := func(query string) map[string]int {
		rows, err := f.db.R.Query(query)
		if err != nil {
			f.t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var plan, inTime, n int
			var status, due string
			if err := rows.Scan(&plan, &status, &due, &inTime, &n); err != nil {
				f.t.Fatal(err)
			}
			out[fmt.Sprint(plan, status, due, inTime)] = n
		}
		return out
	}
	kept := read(`SELECT plan_id, status, due_date, in_time, n FROM plan_instance_counts WHERE n <> 0`)
	counted := read(`SELECT plan_id, status, due_date, CASE WHEN submitted_on IS NOT NULL AND submitted_on <= due_date THEN 1 ELSE 0 END, COUNT(*)
FROM task_instances GROUP BY plan_id, status, due_date, CASE WHEN submitted_on IS NOT NULL AND submitted_on <= due_date THEN 1 ELSE 0 END`)
	if !maps.Equal(kept, counted) {
		f.t.Errorf("instance counts kept by the triggers %v, counted from the instances %v", kept, counted)
	}
	kept = read(`SELECT section_id, status, due_date, in_time, n FROM plan_section_counts WHERE n <> 0`)
	counted = read(`SELECT tk.section_id, i.status, i.due_date, CASE WHEN i.submitted_on IS NOT NULL AND i.submitted_on <= i.due_date THEN 1 ELSE 0 END, COUNT(*)
FROM task_instances i JOIN tasks tk ON tk.id = i.task_id
GROUP BY tk.section_id, i.status, i.due_date, CASE WHEN i.submitted_on IS NOT NULL AND i.submitted_on <= i.due_date THEN 1 ELSE 0 END`)
	if !maps.Equal(kept, counted) {
		f.t.Errorf("section counts kept by the triggers %v, counted from the instances %v", kept, counted)
	}
}

func on(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func (f *fixture) unit(code string) org.Unit {
	f.t.Helper()
	u, err := f.org.UnitByCode(context.Background(), code)
	if err != nil {
		f.t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

func (f *fixture) user(name string) *org.User {
	f.t.Helper()
	u, err := f.org.UserByUsername(context.Background(), name)
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// seedInput is the seed plan parsed and prepared for the closed Department
// of Information and Communications.
func (f *fixture) seedInput() PlanInput {
	f.t.Helper()
	file, err := os.Open("testdata/seed-ke-hoach-papi-2023-so-tttt-hung-yen.md")
	if err != nil {
		f.t.Fatal(err)
	}
	defer file.Close()
	d, _, err := Parse(file, "seed")
	if err != nil {
		f.t.Fatal(err)
	}
	stttt := f.unit("000.10.00.H33")
	in, _ := InputFromDraft(d, stttt.ID, []UnitRef{{ID: stttt.ID, Name: stttt.Name}})
	return in
}

// plan2026 is a small 2026 plan of the Department of Science and Technology
// with one task per schedule, led by the IT division.
func (f *fixture) plan2026() (PlanInput, int64) {
	dept, cds := f.unit("000.07.00.H33"), f.unit("000.07.06.H33")
	in := PlanInput{UnitID: dept.ID, Number: "15", Symbol: "KH-SKHCN", Title: "Nâng cao Chỉ số PAPI năm 2026", IssueDate: "2026-02-10", Year: 2026,
		Sections: []SectionInput{
			{Dimension: "D8", Heading: "Quản trị điện tử", Tasks: []TaskInput{
				{Text: "Báo cáo số liệu dịch vụ công trực tuyến hằng quý", LeadUnitID: cds.ID, Recurrence: Recurrence{Frequency: Quarterly, OffsetDays: 5}},
				{Text: "Khảo sát mức độ sử dụng Cổng Dịch vụ công", LeadUnitID: cds.ID, Recurrence: Recurrence{Frequency: Once, Due: on("2026-03-15")}},
			}},
			{Dimension: "D3", Heading: "Trách nhiệm giải trình", Tasks: []TaskInput{
				{Text: "Niêm yết lịch tiếp công dân", LeadUnitID: dept.ID, Recurrence: Recurrence{Frequency: Monthly}},
			}},
		}}
	id, err := f.store.CreatePlan(context.Background(), audit.System, in)
	if err != nil {
		f.t.Fatalf("create 2026 plan: %v", err)
	}
	return in, id
}

func (f *fixture) count(table string) int {
	f.t.Helper()
	var n int
	if err := f.db.R.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func fieldErrors(t *testing.T, err error) web.FieldErrors {
	t.Helper()
	fe, ok := web.AsValidation(err)
	if !ok {
		t.Fatalf("want field errors, got %v", err)
	}
	return fe
}

func TestTheSeedPlanIsSavedWithItsEightDimensionsAndEighteenTasks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, err := f.store.CreatePlan(ctx, audit.CLI(), f.seedInput())
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.store.Plan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.UnitCode != "000.10.00.H33" || p.Year != 2023 || p.IssueDate != "2023-02" || p.Number != "" || p.Symbol != "KH-STTTT" || p.Status != PlanDraft {
		t.Fatalf("header = %+v", p)
	}
	if len(p.Sections) != 8 || p.Sections[0].Dimension != "D1" || p.Sections[7].Dimension != "D8" {
		t.Fatalf("sections = %+v", p.Sections)
	}
	if len(p.Basis) != 1 || len(p.Basis[0].Refs) == 0 || p.Basis[0].Refs[0] != "07/KH-UBND" {
		t.Fatalf("basis = %+v", p.Basis)
	}
	tasks, more, err := f.store.Tasks(ctx, TaskFilter{PlanID: id, PerPage: 100})
	if err != nil || more || len(tasks) != 18 {
		t.Fatalf("tasks: %d more=%v err=%v", len(tasks), more, err)
	}
	if tasks[0].LeadUnitID != p.UnitID || tasks[0].Recurrence.Frequency != Continuous || tasks[0].Recurrence.ReportEvery != Quarter {
		t.Fatalf("first task = %+v", tasks[0])
	}
	// Ongoing tasks report every quarter of 2023: 18 × 4 instances.
	if n := f.count("task_instances"); n != 72 {
		t.Fatalf("instances = %d, want 72", n)
	}
	dims, total, err := f.store.Summary(ctx, SummaryFilter{PlanID: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(dims) != 8 || dims[2].Dimension != "D3" || dims[2].Tasks != 3 || total.Total != 72 || total.Overdue != 72 {
		t.Fatalf("summary = %+v total %+v", dims, total)
	}
}

func TestBadPlansAreRefusedFieldByFieldAndNothingIsSaved(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	valid, _ := f.plan2026()
	plans, tasks := f.count("plans"), f.count("tasks")
	dept, stttt := f.unit("000.07.00.H33"), f.unit("000.10.00.H33")
	for _, tc := range []struct {
		name  string
		edit  func(in *PlanInput)
		field string
		key   string
	}{
		{"a deadline before the issue date", func(in *PlanInput) {
			in.Number = "16"
			in.Sections[0].Tasks[1].Recurrence.Due = on("2026-02-01")
		}, "sections.0.tasks.1.due", "plan.task.due.before_issue"},
		{"a unit closed by the 2025 merger", func(in *PlanInput) { in.UnitID, in.Number = stttt.ID, "17" }, "unit_id", "plan.unit.closed"},
		{"an unknown unit", func(in *PlanInput) { in.UnitID, in.Number = 999999, "18" }, "unit_id", "plan.unit.unknown"},
		{"a task without a lead unit", func(in *PlanInput) {
			in.Number = "19"
			in.Sections[1].Tasks[0].LeadUnitID = 0
		}, "sections.1.tasks.0.lead_unit_id", "plan.task.lead.required"},
		{"a lead unit closed before the plan", func(in *PlanInput) {
			in.Number = "20"
			in.Sections[1].Tasks[0].LeadUnitID = f.unit("000.07.02.H33").ID // Thanh tra Sở, closed 30/06/2025
		}, "sections.1.tasks.0.lead_unit_id", "plan.unit.closed"},
		{"the number the department already used this year", func(in *PlanInput) {}, "number", "plan.number.taken"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := valid
			in.Sections = cloneSections(valid.Sections)
			tc.edit(&in)
			_, err := f.store.CreatePlan(ctx, audit.System, in)
			fe := fieldErrors(t, err)
			if fe[tc.field] != tc.key {
				t.Fatalf("errors = %v, want %s: %s", fe, tc.field, tc.key)
			}
			if !web.HasMessage(tc.key) {
				t.Errorf("message %s is not in the catalogue", tc.key)
			}
			if f.count("plans") != plans || f.count("tasks") != tasks {
				t.Fatal("something was saved")
			}
		})
	}
	// The same number is fine for another issuer, or another year.
	other := valid
	other.Sections = cloneSections(valid.Sections)
	other.UnitID = f.unit("000.01.00.H33").ID
	for si := range other.Sections {
		for ti := range other.Sections[si].Tasks {
			other.Sections[si].Tasks[ti].LeadUnitID = other.UnitID
		}
	}
	if _, err := f.store.CreatePlan(ctx, audit.System, other); err != nil {
		t.Fatalf("same number, other issuer: %v", err)
	}
	_ = dept
}

func cloneSections(in []SectionInput) []SectionInput {
	out := make([]SectionInput, len(in))
	for i, s := range in {
		s.Tasks = append([]TaskInput(nil), s.Tasks...)
		out[i] = s
	}
	return out
}

func TestProgressWithEvidenceIsSubmittedThenAcceptedAndAudited(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	officer, focal := f.user("chuyenvien"), f.user("vanphong")
	list, _, err := f.store.Instances(ctx, InstanceFilter{PlanID: id, Period: "2026Q1"})
	if err != nil || len(list) != 1 {
		t.Fatalf("2026Q1 instance: %v %v", list, err)
	}
	inst := list[0]
	if inst.Due != on("2026-04-05") {
		t.Fatalf("due = %v, want 5 April (end of quarter + 5)", inst.Due)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	if _, err := f.store.PostUpdate(ctx, officer.Actor(), inst.ID, UpdateInput{Text: "Đã gửi báo cáo", Percent: 100, Submit: true,
		Files: []Upload{{Name: "bao-cao.pdf", Data: pdf}}}); err != nil {
		t.Fatal(err)
	}
	updates, err := f.store.Updates(ctx, inst.ID)
	if err != nil || len(updates) != 1 || len(updates[0].Evidence) != 1 {
		t.Fatalf("updates = %+v, %v", updates, err)
	}
	ev := updates[0].Evidence[0]
	if ev.ContentType != TypePDF || ev.Size != int64(len(pdf)) || len(ev.SHA256) != 64 {
		t.Fatalf("evidence = %+v", ev)
	}
	if b, err := os.ReadFile(f.store.EvidencePath(ev.SHA256)); err != nil || !bytes.Equal(b, pdf) {
		t.Fatalf("file on disk: %v", err)
	}
	if err := f.store.Review(ctx, focal.Actor(), inst.ID, false, ""); fieldErrors(t, err)["comment"] != "plan.review.comment.required" {
		t.Fatalf("return without comment: %v", err)
	}
	if err := f.store.Review(ctx, focal.Actor(), inst.ID, true, "Đạt yêu cầu"); err != nil {
		t.Fatal(err)
	}
	got, _ := f.store.Instance(ctx, inst.ID)
	if got.Status != Accepted || got.Percent != 100 {
		t.Fatalf("after accept: %+v", got)
	}
	// Accepted work is final.
	if _, err := f.store.PostUpdate(ctx, officer.Actor(), inst.ID, UpdateInput{Text: "sửa"}); fieldErrors(t, err)["status"] != "plan.update.closed" {
		t.Fatalf("update after accept: %v", err)
	}
	recs, _, err := audit.List(ctx, f.db.R, audit.Filter{Entity: "task_instances"})
	if err != nil || len(recs) != 2 {
		t.Fatalf("audit: %d records, %v", len(recs), err)
	}
}

func TestEvidenceOfTheWrongTypeOrTooLargeIsRefusedAndNothingIsSaved(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	list, _, _ := f.store.Instances(ctx, InstanceFilter{PlanID: id, Period: "2026Q1"})
	for name, data := range map[string][]byte{
		"an HTML page named .pdf":  []byte("<!DOCTYPE html><html><body>x</body></html>"),
		"a Windows program as pdf": append([]byte("MZ\x90\x00"), make([]byte, 100)...),
		"too large":                append([]byte("%PDF-1.4\n"), make([]byte, MaxEvidenceSize)...),
	} {
		_, err := f.store.PostUpdate(ctx, f.user("chuyenvien").Actor(), list[0].ID, UpdateInput{Text: "x", Files: []Upload{{Name: "a.pdf", Data: data}}})
		if fe := fieldErrors(t, err); fe["files"] == "" {
			t.Errorf("%s: errors %v", name, fe)
		}
	}
	if f.count("task_updates")+f.count("evidence_files") != 0 {
		t.Fatal("something was saved")
	}
}

func TestOverdueInSQLAgreesWithTheRuleOnEveryStatus(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	// Put the one-off task (due 15/03) in every status, and compare the
	// list's derived flags with the SQL filter.
	tasks, _, _ := f.store.Tasks(ctx, TaskFilter{PlanID: id})
	once := tasks[1]
	list, _, _ := f.store.Instances(ctx, InstanceFilter{TaskID: once.ID})
	inst := list[0]
	for _, tc := range []struct {
		status    Status
		submitted string
	}{
		{NotStarted, ""}, {InProgress, ""}, {Submitted, "2026-03-14"}, {Submitted, "2026-03-16"},
		{Returned, "2026-03-10"}, {Accepted, "2026-03-10"}, {Cancelled, ""},
	} {
		var sub any
		if tc.submitted != "" {
			sub = tc.submitted
		}
		if _, err := f.db.W.Exec(`UPDATE task_instances SET status = $1, submitted_on = $2 WHERE id = $3`, tc.status, sub, inst.ID); err != nil {
			t.Fatal(err)
		}
		one, _ := f.store.Instance(ctx, inst.ID)
		want := Overdue(one.Instance(), f.store.Today())
		od, _, err := f.store.Instances(ctx, InstanceFilter{TaskID: once.ID, Overdue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(od) == 1; got != want || one.Overdue != want {
			t.Errorf("%s submitted %q: SQL says %v, rule says %v", tc.status, tc.submitted, got, want)
		}
	}
}

func TestAssigningATaskToADivisionMovesItsOpenInstancesAndAReturnNotifiesTheDivision(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, id := f.plan2026()
	tasks, _, _ := f.store.Tasks(ctx, TaskFilter{PlanID: id})
	monthly := tasks[2]
	cds := f.unit("000.07.06.H33")
	in := monthly.Input()
	in.LeadUnitID = cds.ID
	in.Recurrence = Recurrence{Frequency: Quarterly}
	if err := f.store.UpdateTask(ctx, f.user("vanphong").Actor(), monthly.ID, in); err != nil {
		t.Fatal(err)
	}
	insts, _, _ := f.store.Instances(ctx, InstanceFilter{TaskID: monthly.ID})
	if len(insts) != 4 || insts[0].LeadUnitID != cds.ID || insts[0].Period != "2026Q1" {
		t.Fatalf("after reassign and reschedule: %d instances, first %+v", len(insts), insts[0])
	}
	mine, _, _ := f.store.Instances(ctx, InstanceFilter{LeadScope: cds.Path, Open: true})
	if len(mine) != 4+4+1 {
		t.Fatalf("division's open instances = %d", len(mine))
	}
	officer := f.user("chuyenvien")
	if _, err := f.store.PostUpdate(ctx, officer.Actor(), insts[0].ID, UpdateInput{Text: "xong", Submit: true}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Review(ctx, audit.System, insts[0].ID, false, "Thiếu ảnh chụp lịch niêm yết"); err != nil {
		t.Fatal(err)
	}
	notes, err := f.store.Notifications(ctx, officer.ID, 10)
	if err != nil || len(notes) != 1 || notes[0].Kind != NotifyReturned {
		t.Fatalf("notifications = %+v %v", notes, err)
	}
	n, err := f.store.Remind(ctx, 30)
	if err != nil || n == 0 {
		t.Fatalf("remind: %d %v", n, err)
	}
	again, err := f.store.Remind(ctx, 30)
	if err != nil || again != 0 {
		t.Fatalf("remind twice: %d %v", again, err)
	}
}

func TestATaskUnknownToTheStoreIsNotFound(t *testing.T) {
	f := newFixture(t)
	if _, err := f.store.Task(context.Background(), 42); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
}
