package plan

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// The province's figures by dimension, read from the counts kept per
// section, are those the summary counts from the instances (but for Tasks,
// which the counts do not hold), after submissions in time and late,
// acceptances, returns, a cancellation and a task moved to another
// section, over the year and over a quarter, on two days.
func TestTheDimensionsOfSeveralPlansAreTheSummaryOfTheirInstances(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, a := f.plan2026()
	b, _ := f.importShape("testdata/shapes/b-kem-quyet-dinh-tinh.txt") // a section of two dimensions
	for _, q := range []string{
		`UPDATE task_instances SET status = 'submitted', submitted_on = due_date WHERE due_date < '2026-03-01'`,
		`UPDATE task_instances SET status = 'submitted', submitted_on = '2026-12-31' WHERE due_date >= '2026-03-01' AND due_date < '2026-05-01' AND id % 2 = 0`,
		`UPDATE task_instances SET status = 'accepted', percent = 100 WHERE due_date < '2026-02-01' AND id % 3 = 0`,
		`UPDATE task_instances SET status = 'returned' WHERE due_date >= '2026-05-01' AND due_date < '2026-07-01' AND id % 2 = 1`,
		`UPDATE task_instances SET status = 'cancelled' WHERE due_date >= '2026-11-01' AND id % 2 = 0`,
		// the first task of one plan moves to its plan's last section
		`UPDATE tasks SET section_id = (SELECT MAX(id) FROM plan_sections WHERE plan_id = tasks.plan_id) WHERE id = (SELECT MIN(id) FROM tasks WHERE plan_id = ` + strconv.FormatInt(a, 10) + `)`,
	} {
		if _, err := f.db.W.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, today := range []string{"2026-03-20", "2026-06-28"} {
		f.today = on(today)
		for _, span := range [][2]time.Time{{}, {on("2026-01-01"), on("2026-06-30")}, {on("2026-04-01"), on("2026-06-30")}} {
			want, _, err := f.store.summary(ctx, SummaryFilter{PlanIDs: []int64{a, b}, DueFrom: span[0], DueTo: span[1]})
			if err != nil {
				t.Fatal(err)
			}
			for i := range want {
				want[i].Tasks, want[i].Also.Tasks = 0, 0
			}
			got, err := f.store.Dimensions(ctx, []int64{a, b}, span[0], span[1])
			if err != nil {
				t.Fatal(err)
			}
			if len(want) < 3 || !reflect.DeepEqual(got, want) {
				t.Errorf("on %s, due %v: dimensions\n%+v\nsummary\n%+v", today, span, got, want)
			}
		}
	}
}
