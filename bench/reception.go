//go:build ignore

// reception writes a province's year of citizen-reception cases (100,000
// entries by default, over every open unit of the demo province) with the
// register's generator, then times the reads of issue 11: the case list
// with its filters, the logbook search, the feedback measures the service
// index and the plan read, and the portal's public figures. Results go to
// docs/benchmarks.md.
//
//	go run bench/reception.go --data /tmp/reception-bench
//	go run bench/reception.go --db postgres://postgres@127.0.0.1/bench
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"syscall"
	"time"

	"papihub/bench/benchdb"
	"papihub/internal/org"
	"papihub/internal/platform/secret"
	"papihub/internal/reception"
	"papihub/internal/registers"
)

func main() {
	dsn := flag.String("db", "", "database DSN (empty: SQLite in --data)")
	dir := flag.String("data", "/tmp/reception-bench", "data directory")
	entries := flag.Int("entries", 100000, "entries in the year")
	runs := flag.Int("runs", 100, "timed runs of each read")
	flag.Parse()
	ctx := context.Background()
	conn, err := benchdb.Open(ctx, *dsn, *dir, reception.Migrations)
	check(err)
	defer conn.Close()
	box, err := secret.New(make([]byte, 32))
	check(err)
	s := reception.NewStore(conn, box, nil, nil)
	province, err := s.UnitByCode(ctx, org.DemoProvinceCode)
	check(err)
	agency, err := s.UnitByCode(ctx, "000.07.00.H33")
	check(err)
	var units []int64
	rows, err := conn.R.QueryContext(ctx, `SELECT id FROM units WHERE valid_to IS NULL`)
	check(err)
	for rows.Next() {
		var id int64
		check(rows.Scan(&id))
		units = append(units, id)
	}
	check(rows.Err())
	rows.Close()

	year := s.Today().Year()
	start := time.Now()
	gen, err := s.Generate(ctx, reception.GenerateSpec{UnitIDs: units, Year: year, Entries: *entries, Seed: 2026})
	check(err)
	cases := 0
	for _, g := range gen {
		if g.ID != 0 {
			cases++
		}
	}
	fmt.Printf("generated %d entries (%d cases) over %d units in %v\n", len(gen), cases, len(units), time.Since(start).Round(time.Millisecond))

	today := s.Today()
	timed("case list, province, open (first page of 50)", *runs, func() int {
		cs, _, err := s.Cases(ctx, reception.CaseFilter{Scope: province.Path, Open: true, PerPage: 50})
		check(err)
		return len(cs)
	})
	timed("case list, province, overdue and due soon", *runs, func() int {
		cs, _, err := s.Cases(ctx, reception.CaseFilter{Scope: province.Path, DueBy: today.AddDate(0, 0, 3), PerPage: 50})
		check(err)
		return len(cs)
	})
	timed("case list, one agency, petitions, all statuses, page 10", *runs, func() int {
		cs, _, err := s.Cases(ctx, reception.CaseFilter{Scope: agency.Path, Kind: reception.Petition, Page: 10, PerPage: 50})
		check(err)
		return len(cs)
	})
	timed("case list, province, answered, due in the quarter", *runs, func() int {
		q := reception.Day(today.Year(), ((today.Month()-1)/3)*3+1, 1)
		cs, _, err := s.Cases(ctx, reception.CaseFilter{Scope: province.Path, Status: reception.StAnswered, DueFrom: q, DueTo: today, PerPage: 50})
		check(err)
		return len(cs)
	})
	timed("logbook search 'kien nghi', province", *runs, func() int {
		es, _, err := s.Entries(ctx, reception.EntryFilter{Scope: province.Path, Query: "kien nghi", PerPage: 50})
		check(err)
		return len(es)
	})
	reg := reception.NewRegister(s)
	scope := registers.Scope{UnitID: province.ID, UnitPath: province.Path}
	from := reception.Day(year, 1, 1)
	timed("feedback on time (service index), province, the year", *runs/4, func() int {
		f, err := reg.Figure(ctx, reception.MeasureFeedbackOnTime, scope, from, today)
		check(err)
		return int(f.Den)
	})
	timed("feedback satisfaction (service index), province, the year", *runs/4, func() int {
		f, err := reg.Figure(ctx, reception.MeasureFeedbackSatisfied, scope, from, today)
		check(err)
		return int(f.Den)
	})
	timed("public figures of the agency, the year", *runs, func() int {
		f, err := s.PublicFigures(ctx, agency.Code, from, today)
		check(err)
		return f.Received
	})
}

func timed(what string, runs int, f func() int) {
	var ds []time.Duration
	n := 0
	cpu0 := cpuTime()
	for range runs {
		start := time.Now()
		n = f()
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	cpu := (cpuTime() - cpu0) / time.Duration(runs)
	fmt.Printf("%s (%d): median %v, p95 %v, max %v over %d runs; CPU %v per run\n", what, n, ds[len(ds)/2].Round(100*time.Microsecond),
		ds[len(ds)*95/100].Round(100*time.Microsecond), ds[len(ds)-1].Round(100*time.Microsecond), runs, cpu.Round(100*time.Microsecond))
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
