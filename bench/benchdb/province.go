package benchdb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/plan"
)

// AddProvinceUnits gives the province root what issue 15's "province volume"
// has beside its dossiers: units reporting units under it (half agencies,
// half communes), each with a 2026 plan of 200 monthly tasks (8 dimensions ×
// 25), so 2,400 instances a unit. each, when not nil, runs after every unit
// (BenchmarkProvince generates the unit's dossiers there).
func AddProvinceUnits(ctx context.Context, orgs *org.Store, plans *plan.Store, root org.Unit, units int, each func(i int, unitID int64) error) error {
	for i := 0; i < units; i++ {
		kind, code, name := org.KindAgency, fmt.Sprintf("000.%02d.50.H33", i), fmt.Sprintf("Sở thử nghiệm %d", i)
		if i >= units/2 {
			kind, code, name = org.KindCommune, fmt.Sprintf("000.00.%02d.H33.2%04d", i, i), fmt.Sprintf("Xã thử nghiệm %d", i)
		}
		id, err := orgs.CreateUnit(ctx, audit.System, org.UnitInput{Code: code, Kind: kind, Name: name, ParentID: root.ID, ValidFrom: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		in := plan.PlanInput{UnitID: id, Number: "1", Symbol: "KH", Title: "Kế hoạch nâng cao Chỉ số PAPI năm 2026", Year: 2026, IssueDate: "2026-01-05"}
		for d := 1; d <= 8; d++ {
			sec := plan.SectionInput{Dimension: fmt.Sprintf("D%d", d), Heading: "Chỉ số"}
			for k := 0; k < 25; k++ {
				sec.Tasks = append(sec.Tasks, plan.TaskInput{Text: fmt.Sprintf("Nhiệm vụ %d.%d", d, k), LeadUnitID: id, Recurrence: plan.Recurrence{Frequency: plan.Monthly, OffsetDays: 5}})
			}
			in.Sections = append(in.Sections, sec)
		}
		if _, err := plans.CreatePlan(ctx, audit.System, in); err != nil {
			return err
		}
		if each != nil {
			if err := each(i, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// ProgressTasks moves the instances along as by mid-July: most before May
// accepted, a third of May's submitted, a fifth of June's returned (straight
// SQL, as a bench fixture: the triggers keep the plan counts right).
func ProgressTasks(w *sql.DB) error {
	for _, q := range []string{
		`UPDATE task_instances SET status = 'accepted', percent = 100 WHERE due_date < '2026-05-01' AND id % 4 <> 0`,
		`UPDATE task_instances SET status = 'submitted', submitted_on = '2026-06-01' WHERE period = '2026-05' AND id % 3 = 0`,
		`UPDATE task_instances SET status = 'returned' WHERE period = '2026-06' AND id % 5 = 0`,
	} {
		if _, err := w.Exec(q); err != nil {
			return err
		}
	}
	return nil
}
