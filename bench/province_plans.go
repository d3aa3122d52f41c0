//go:build ignore

// province_plans adds to a province built by bench/tthc_province.go what
// issue 15's "province volume" has beside its dossiers: 120 reporting units
// (60 agencies, 60 communes) each with a plan of 200 monthly tasks (288,000
// instances over the year, a share of them done, submitted or returned, as
// cmd/papihub's BenchmarkProvince makes them), and a leader of the province
// unit (lanhdaotinh, password bench-password-1) whose home covers them all.
// Then bench/pages_cold.sh times the daily pages cold on it.
//
//	go run bench/province_plans.go --data /tmp/province-s2m
//	go run bench/province_plans.go --db 'postgres://postgres@127.0.0.1:5432/province_2m?sslmode=disable'
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/plan"
	"papihub/internal/platform/db"
	"papihub/internal/report"
)

func main() {
	dsn := flag.String("db", "", "database DSN (empty: SQLite in --data)")
	dir := flag.String("data", "/tmp/tthc-bench", "data directory")
	units := flag.Int("units", 120, "reporting units, half agencies and half communes")
	flag.Parse()
	ctx := context.Background()
	conn, err := db.Open(ctx, *dsn, *dir)
	check(err)
	check(conn.Migrate(ctx, audit.Migrations, org.Migrations, report.Migrations, plan.Migrations))
	orgs := org.NewStore(conn, nil)
	root, err := orgs.UnitByCode(ctx, org.DemoProvinceCode)
	check(err)
	plans := plan.NewStore(conn, *dir, nil)
	start := time.Now()
	for i := 0; i < *units; i++ {
		kind, code, name := org.KindAgency, fmt.Sprintf("000.%02d.50.H33", i), fmt.Sprintf("Sở thử nghiệm %d", i)
		if i >= *units/2 {
			kind, code, name = org.KindCommune, fmt.Sprintf("000.00.%02d.H33.2%04d", i, i), fmt.Sprintf("Xã thử nghiệm %d", i)
		}
		id, err := orgs.CreateUnit(ctx, audit.System, org.UnitInput{Code: code, Kind: kind, Name: name, ParentID: root.ID, ValidFrom: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)})
		check(err)
		in := plan.PlanInput{UnitID: id, Number: "1", Symbol: "KH", Title: "Kế hoạch nâng cao Chỉ số PAPI năm 2026", Year: 2026, IssueDate: "2026-01-05"}
		for d := 1; d <= 8; d++ {
			sec := plan.SectionInput{Dimension: fmt.Sprintf("D%d", d), Heading: "Chỉ số"}
			for k := 0; k < 25; k++ {
				sec.Tasks = append(sec.Tasks, plan.TaskInput{Text: fmt.Sprintf("Nhiệm vụ %d.%d", d, k), LeadUnitID: id, Recurrence: plan.Recurrence{Frequency: plan.Monthly, OffsetDays: 5}})
			}
			in.Sections = append(in.Sections, sec)
		}
		_, err = plans.CreatePlan(ctx, audit.System, in)
		check(err)
	}
	for _, q := range []string{
		`UPDATE task_instances SET status = 'accepted', percent = 100 WHERE due_date < '2026-05-01' AND id % 4 <> 0`,
		`UPDATE task_instances SET status = 'submitted', submitted_on = '2026-06-01' WHERE period = '2026-05' AND id % 3 = 0`,
		`UPDATE task_instances SET status = 'returned' WHERE period = '2026-06' AND id % 5 = 0`,
	} {
		_, err := conn.W.Exec(q)
		check(err)
	}
	_, err = orgs.CreateUser(ctx, audit.System, org.UserInput{Username: "lanhdaotinh", FullName: "Lãnh đạo tỉnh", UnitID: root.ID,
		Roles: []org.Role{org.RoleLeader}, Active: true, Password: "bench-password-1"})
	check(err)
	log.Printf("%d units with their plans in %s", *units, time.Since(start).Round(time.Second))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
