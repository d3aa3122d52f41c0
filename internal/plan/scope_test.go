package plan

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// Every write the plans' kept figures read is audited under an entity of
// KeptScope: after each, the next Summary is computed again. An instance's
// due day is moved behind the log's back first (a raw statement), so a
// kept summary is told from a computed one whatever the write changed.
// Writes outside the scope (a dossier import, a register's entry, an API
// token, a sign-in) keep it. The plan page and its overview read what
// Summary reads and the plan's records (viewPlan, Tasks, Plans), under the
// same entities.
func TestEveryWriteThePlanPagesReadIsAuditedInTheirScope(t *testing.T) {
	ctx := context.Background()
	type setup struct {
		f        *fixture
		planID   int64
		instance TaskInstance // the first instance of the plan's first task
		task     PlanTask
		in       PlanInput
	}
	officer := func(s setup) audit.Actor { return s.f.user("chuyenvien").Actor() }
	focal := func(s setup) audit.Actor { return s.f.user("vanphong").Actor() }
	entry := func(entity string) func(s setup) error {
		return func(s setup) error {
			return s.f.db.Tx(ctx, func(tx *sql.Tx) error {
				return audit.Write(ctx, tx, audit.Entry{Actor: audit.System, Action: "import", Entity: entity, UnitID: s.task.LeadUnitID})
			})
		}
	}
	writes := []struct {
		name    string
		inScope bool
		prepare func(s setup) error // before the summary is kept
		write   func(s setup) error
	}{
		{"an update posted", true, nil, func(s setup) error {
			_, err := s.f.store.PostUpdate(ctx, officer(s), s.instance.ID, UpdateInput{Text: "Đang làm", Percent: 30})
			return err
		}},
		{"a submission reviewed", true, func(s setup) error {
			_, err := s.f.store.PostUpdate(ctx, officer(s), s.instance.ID, UpdateInput{Text: "Xong", Percent: 100, Submit: true})
			return err
		}, func(s setup) error { return s.f.store.Review(ctx, focal(s), s.instance.ID, true, "Đạt") }},
		{"an instance cancelled", true, nil, func(s setup) error {
			return s.f.store.CancelInstance(ctx, focal(s), s.instance.ID, "Không còn cần")
		}},
		{"a task edited", true, nil, func(s setup) error {
			edit := s.in.Sections[0].Tasks[0]
			edit.SectionID, edit.Text = s.task.SectionID, "Báo cáo số liệu hằng quý (sửa)"
			return s.f.store.UpdateTask(ctx, focal(s), s.task.ID, edit)
		}},
		{"a task added", true, nil, func(s setup) error {
			_, err := s.f.store.CreateTask(ctx, focal(s), s.planID, TaskInput{SectionID: s.task.SectionID, Text: "Việc mới",
				LeadUnitID: s.task.LeadUnitID, Recurrence: Recurrence{Frequency: Quarterly}})
			return err
		}},
		{"a task deleted", true, nil, func(s setup) error {
			_, err := s.f.store.DeleteTask(ctx, focal(s), s.task.ID)
			return err
		}},
		{"the plan issued", true, nil, func(s setup) error { return s.f.store.SetPlanStatus(ctx, focal(s), s.planID, PlanIssued) }},
		{"a unit renamed", true, nil, func(s setup) error {
			u := s.f.unit("000.07.06.H33")
			in := org.UnitInput{Code: u.Code, Kind: u.Kind, Name: u.Name + " (mới)", ShortName: u.ShortName, ParentID: u.ParentID, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo}
			return s.f.org.UpdateUnit(ctx, audit.System, u.ID, in)
		}},
		{"dossiers imported", false, nil, entry("tthc_dossiers")},
		{"a reception entry", false, nil, entry("reception_entries")},
		{"an API token issued", false, nil, func(s setup) error {
			_, err := s.f.org.CreateToken(ctx, audit.System, s.f.user("chuyenvien").ID, "đồng bộ")
			return err
		}},
		{"a sign-in", false, nil, func(s setup) error {
			u := s.f.user("chuyenvien")
			_, err := s.f.org.OpenSession(ctx, u.ID, u.Username, "127.0.0.1", "test")
			return err
		}},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			f := newFixture(t)
			in, id := f.plan2026()
			s := setup{f: f, planID: id, in: in}
			s.task = f.tasksOf(id)[0]
			s.instance = f.instancesOf(s.task.ID)[0]
			if w.prepare != nil {
				if err := w.prepare(s); err != nil {
					t.Fatal(err)
				}
			}
			summary := func() []DimensionFigures {
				t.Helper()
				dims, _, err := f.store.Summary(ctx, SummaryFilter{PlanID: id})
				if err != nil {
					t.Fatal(err)
				}
				return dims
			}
			kept := summary()
			// The plan's last instance, due later this year, is due today
			// a month ago: overdue.
			if _, err := f.db.W.ExecContext(ctx, `UPDATE task_instances SET due_date = '2026-02-20' WHERE id = (SELECT MAX(id) FROM task_instances WHERE plan_id = $1)`, id); err != nil {
				t.Fatal(err)
			}
			if err := w.write(s); err != nil {
				t.Fatal(err)
			}
			fresh, _, err := f.store.summary(ctx, SummaryFilter{PlanID: id})
			if err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(kept, fresh) {
				t.Fatal("the summary computed now is the one kept: the test proves nothing")
			}
			want, what := kept, "kept"
			if w.inScope {
				want, what = fresh, "computed again"
			}
			if got := summary(); !reflect.DeepEqual(got, want) {
				t.Fatalf("after %s the summary was not %s: %v, kept %v, computed now %v", w.name, what, got, kept, fresh)
			}
		})
	}
}
