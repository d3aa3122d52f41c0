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
	"log"
	"time"

	"papihub/bench/benchdb"
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
	check(benchdb.AddProvinceUnits(ctx, orgs, plans, root, *units, nil))
	check(benchdb.ProgressTasks(conn.W))
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
