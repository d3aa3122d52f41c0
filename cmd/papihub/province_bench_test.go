package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"papihub/bench/benchdb"
	"sort"
	"strconv"
	"syscall"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/plan"
	"papihub/internal/platform/secret"
	"papihub/internal/province"
	"papihub/internal/report"
	"papihub/internal/tthc"
)

// BenchmarkProvince measures the province dashboard and the consolidated
// report of a quarter on the issue's province: 120 reporting units (60
// agencies, 60 communes) with a plan of 200 monthly tasks each (288,000
// instances over the year) and 2,000,000 dossiers of the year spread over
// them (PAPIHUB_BENCH_DOSSIERS changes the count), on the engine dbtest
// picks (PAPIHUB_TEST_POSTGRES for PostgreSQL).
//
//	go test -run XXX -bench Province -benchtime 100x -timeout 60m ./cmd/papihub
func BenchmarkProvince(b *testing.B) {
	ts := newBenchServer(b)
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 7, 20, 3, 0, 0, 0, time.UTC) }
	dossiers := 2_000_000
	if v, err := strconv.Atoi(os.Getenv("PAPIHUB_BENCH_DOSSIERS")); err == nil {
		dossiers = v
	}
	root, _ := ts.org.UnitByCode(ctx, "000.00.00.H33")
	plans := plan.NewStore(ts.db, b.TempDir(), now)
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		b.Fatal(err)
	}
	dossierStore := tthc.NewStore(ts.db, box, now)
	start := time.Now()
	const units = 120
	generate := func(i int, id int64) error {
		u, err := dossierStore.Unit(ctx, id)
		if err != nil {
			return err
		}
		_, err = dossierStore.GenerateInto(ctx, audit.System, u, int64(i+1), dossiers/units, tthc.GenerateOptions{Year: 2026, Procedures: 40}, nil, nil)
		return err
	}
	if err := benchdb.AddProvinceUnits(ctx, ts.org, plans, root, units, generate); err != nil {
		b.Fatal(err)
	}
	if err := benchdb.ProgressTasks(ts.db.W); err != nil {
		b.Fatal(err)
	}
	var n, d int
	ts.db.R.QueryRow(`SELECT COUNT(*) FROM task_instances`).Scan(&n)
	ts.db.R.QueryRow(`SELECT COUNT(*) FROM tthc_dossiers`).Scan(&d)
	b.Logf("built %d units, %d instances, %d dossiers in %s", units, n, d, time.Since(start).Round(time.Second))

	store := provinceStore(deps{db: ts.db, org: ts.org, dataDir: b.TempDir(), now: now, secret: box})
	snv, _ := ts.org.UnitByCode(ctx, "000.01.00.H33")
	roundID, err := store.OpenRound(ctx, audit.System, root, snv, provinceRoundInput("2026Q2", time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		b.Fatal(err)
	}
	round, err := store.Round(ctx, roundID)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("report-docx-quarter", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := store.IssueConsolidated(ctx, audit.System, round, "docx", fmt.Sprint(i+1), report.Signature{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// A leader of the province itself, whose home covers the 120 units (the
	// demo's leader leads one department).
	if _, err := ts.org.CreateUser(ctx, audit.System, org.UserInput{Username: "lanhdaotinh", FullName: "Lãnh đạo tỉnh", UnitID: root.ID,
		Roles: []org.Role{org.RoleLeader}, Active: true, Password: "bench-password-1"}); err != nil {
		b.Fatal(err)
	}
	var planID int64
	if err := ts.db.R.QueryRow(`SELECT MAX(id) FROM plans`).Scan(&planID); err != nil {
		b.Fatal(err)
	}
	// The logged-in pages are kept rendered until the next audited change:
	// "kept" times the pages as read between changes, "changed" after an
	// audited change each time (what the first reader after a change waits).
	// cpu-us is the CPU of the whole test process (client included) per
	// request, the figure a loaded machine disturbs least.
	for _, page := range []struct {
		name, user, path string
		changes          []bool
	}{
		{"dashboard", "noivu", "/province?period=2026Q2", []bool{false}},
		{"summary-api", "noivu", "/api/v1/province/summary?period=2026Q2", []bool{false}},
		{"leader-home", "giamdoc", "/", []bool{false, true}},
		{"province-leader-home", "lanhdaotinh", "/", []bool{false, true}},
		{"reviewer-home", "noivu", "/", []bool{false, true}},
		{"plan-overview", "noivu", "/plans/" + itoa(planID) + "/overview", []bool{false, true}},
		{"plan-page", "noivu", "/plans/" + itoa(planID), []bool{false, true}},
	} {
		for _, change := range page.changes {
			name := page.name
			if len(page.changes) > 1 {
				name += map[bool]string{false: "/kept", true: "/changed"}[change]
			}
			b.Run(name, func(b *testing.B) {
				c := ts.clientTB(b, page.user)
				times := make([]time.Duration, 0, b.N)
				var cpu time.Duration
				for i := 0; i < b.N; i++ {
					if change {
						if err := ts.db.Tx(ctx, func(tx *sql.Tx) error {
							return audit.Write(ctx, tx, audit.Entry{Actor: audit.System, Action: "update", Entity: "bench"})
						}); err != nil {
							b.Fatal(err)
						}
					}
					c0 := processCPU(b)
					t0 := time.Now()
					resp, err := c.Get(c.base + page.path)
					if err != nil {
						b.Fatal(err)
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					times = append(times, time.Since(t0))
					cpu += processCPU(b) - c0
					if resp.StatusCode != http.StatusOK {
						b.Fatalf("%s: %d", page.path, resp.StatusCode)
					}
				}
				sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
				b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
				b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-us")
			})
		}
	}
}

// processCPU is the user and system CPU time of this process so far.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func provinceRoundInput(key string, deadline time.Time) province.RoundInput {
	return province.RoundInput{Period: key, Deadline: deadline}
}
