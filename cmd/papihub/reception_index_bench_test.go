package main

import (
	"context"
	"os"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db/dbtest"
	"papihub/internal/platform/secret"
	"papihub/internal/reception"
	"papihub/internal/tthc"
)

// BenchmarkIndexWithFeedback times the service index of the demo province
// with and without the reception register feeding it: 100,000 logbook
// entries of 2026 (PAPIHUB_BENCH_CASES; a fifth of the complaints and a
// tenth of the feedback naming a dossier) and 200,000 dossiers
// (PAPIHUB_BENCH_DOSSIERS) over every open unit, on 02/12/2026. Each run
// reads with a fresh store, so the index is computed, not served from
// audit.Cache. p50 and p95 are reported per query.
//
//	go test -run XXX -bench IndexWithFeedback -benchtime 30x -timeout 60m ./cmd/papihub
func BenchmarkIndexWithFeedback(b *testing.B) {
	ctx := context.Background()
	conn := dbtest.Open(b, modules()...)
	orgs := org.NewStore(conn, nil)
	if _, err := orgs.LoadDemo(ctx, testPassword); err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC) }
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		b.Fatal(err)
	}
	d := deps{db: conn, org: orgs, secret: box, now: now}.complete()
	cases, dossiers := envInt("PAPIHUB_BENCH_CASES", 100_000), envInt("PAPIHUB_BENCH_DOSSIERS", 200_000)
	plain := tthc.NewStore(conn, d.secret, now)
	var units []tthc.UnitInfo
	rows, err := conn.R.QueryContext(ctx, `SELECT id FROM units WHERE valid_to IS NULL ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		u, err := plain.Unit(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		units = append(units, u)
	}
	start := time.Now()
	for i, u := range units {
		if _, err := plain.GenerateInto(ctx, audit.System, u, int64(100+i), dossiers/len(units), tthc.GenerateOptions{Year: 2026, Procedures: 40},
			func(x *tthc.Dossier) bool { return x.AsOf(now()) }, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%d dossiers over %d units in %v", dossiers, len(units), time.Since(start).Round(time.Second))
	// A fifth of the complaints and a tenth of the feedback name one of
	// these dossiers (the index deducts them from dossier satisfaction).
	var codes []string
	rows, err = conn.R.QueryContext(ctx, `SELECT code FROM tthc_dossiers ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			b.Fatal(err)
		}
		codes = append(codes, c)
	}
	rows.Close()
	start = time.Now()
	if _, err := receptionStore(d).Generate(ctx, reception.GenerateSpec{UnitIDs: ids, Year: 2026, Entries: cases, Seed: 2026, DossierCodes: codes}); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d logbook entries in %v", cases, time.Since(start).Round(time.Second))
	province, err := plain.UnitByCode(ctx, org.DemoProvinceCode)
	if err != nil {
		b.Fatal(err)
	}
	agency, err := plain.UnitByCode(ctx, demoAgencyCode)
	if err != nil {
		b.Fatal(err)
	}
	year, _ := tthc.ParsePeriod("2026")
	month, _ := tthc.ParsePeriod("2026-11")
	for _, q := range []struct {
		name string
		unit tthc.UnitInfo
		p    tthc.Period
		opt  tthc.IndexOptions
	}{
		{"province-year-breakdowns", province, year, tthc.IndexOptions{Breakdowns: true}},
		{"province-year", province, year, tthc.IndexOptions{}},
		{"agency-month-breakdowns", agency, month, tthc.IndexOptions{Breakdowns: true}},
	} {
		for _, v := range []struct {
			name  string
			store func() *tthc.Store
		}{
			{"dossiers-only", func() *tthc.Store { return tthc.NewStore(conn, d.secret, now) }},
			{"with-feedback", func() *tthc.Store { return indexStore(d) }},
		} {
			b.Run(q.name+"/"+v.name, func(b *testing.B) {
				var took, cpu []time.Duration
				for b.Loop() {
					s := v.store()
					t0, c0 := time.Now(), cpuTime()
					if _, err := s.Index(ctx, q.unit, q.p, q.opt); err != nil {
						b.Fatal(err)
					}
					took, cpu = append(took, time.Since(t0)), append(cpu, cpuTime()-c0)
				}
				slices.Sort(took)
				slices.Sort(cpu)
				b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
				// The machine is shared: the process's CPU time per run (both
				// cores' worth) says what the index costs, whatever waits.
				b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "cpu-p50-ms")
			})
		}
	}
}

// cpuTime is the user and system time the process has spent.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
