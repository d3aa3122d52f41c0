//go:build ignore

// tthc_province generates a synthetic province-year of dossiers through the
// tthc importer (the path of files, the API and `papihub tthc generate`),
// then times index queries from the aggregates against a plain SQL
// aggregation over the raw dossier table. Results go to docs/benchmarks.md.
//
//	go run bench/tthc_province.go --data /tmp/bench --dossiers 200000
//	go run bench/tthc_province.go --db postgres://postgres@127.0.0.1/bench --dossiers 200000
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"papihub/internal/audit"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/secret"
	"papihub/internal/tthc"
)

func main() {
	dsn := flag.String("db", "", "database DSN (empty: SQLite in --data)")
	readDSN := flag.String("db-read", "", "a streaming replica of --db: the index queries read it, as serve --db-read sends them (bench/replica_reads.sh)")
	dir := flag.String("data", "/tmp/tthc-bench", "data directory")
	agencies := flag.Int("agencies", 30, "agencies of the province")
	n := flag.Int("dossiers", 200000, "dossiers, over all agencies (and years)")
	years := flag.Int("years", 1, "spread the dossiers over this many years ending in 2026 (one import per agency and year)")
	procs := flag.Int("procedures", 50, "procedures per agency")
	queries := flag.Int("queries", 40, "index queries per kind")
	warmup := flag.Int("warmup", 10, "untimed queries of each kind before the timed ones: a running server's connections have planned their statements (PostgreSQL plans a prepared statement anew for its first five runs on each connection)")
	skipImport := flag.Bool("skip-import", false, "only time the queries")
	plain := flag.Bool("plain", true, "also time the plain SQL baseline (minutes per query at 2,000,000 dossiers)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the queries")
	monthOnly := flag.Bool("month-only", false, "time only the agency × month index (for its own profile)")
	oneMonth := flag.Int("month", 0, "the month of 2026 the agency × month queries read (0: a random one each time); the overdue count reads more spans mid-year")
	importProfile := flag.String("import-cpuprofile", "", "write a CPU profile of the import")
	flag.Parse()
	ctx := context.Background()
	conn, err := db.Open(ctx, *dsn, *dir)
	check(err)
	check(conn.Migrate(ctx, audit.Migrations, org.Migrations, tthc.Migrations))
	orgs := org.NewStore(conn, nil)
	_, err = orgs.LoadDemo(ctx, "bench-password-1")
	check(err)
	province, err := orgs.UnitByCode(ctx, org.DemoProvinceCode)
	check(err)
	box, err := secret.New(make([]byte, 32))
	check(err)
	s := tthc.NewStore(conn, box, nil)
	var units []tthc.UnitInfo
	for i := range *agencies {
		code := fmt.Sprintf("000.%02d.00.H33", 40+i)
		if _, err := orgs.UnitByCode(ctx, code); err != nil {
			_, err := orgs.CreateUnit(ctx, audit.System, org.UnitInput{Code: code, Kind: org.KindAgency, Name: fmt.Sprintf("Sở thử nghiệm %d", i+1),
				ParentID: province.ID, ValidFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
			check(err)
		}
		u, err := s.UnitByCode(ctx, code)
		check(err)
		units = append(units, u)
	}
	root, err := s.UnitByCode(ctx, org.DemoProvinceCode)
	check(err)

	if !*skipImport {
		// as `papihub tthc import dossiers` and `tthc generate` do
		// (tuneGCForBulkImport in cmd/papihub/cmd_tthc.go)
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(300)
		}
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(448 << 20)
		}
		if *importProfile != "" {
			f, err := os.Create(*importProfile)
			check(err)
			check(pprof.StartCPUProfile(f))
		}
		server := watchServer(ctx, conn)
		cpu0 := processCPU()
		start := time.Now()
		var imported int
		for y := 2026 - *years + 1; y <= 2026; y++ {
			for i, u := range units {
				// The same seed every year: the same catalogue, codes differing by their day.
				rep, err := s.GenerateInto(ctx, audit.CLI(), u, int64(i+1), *n / *agencies / *years, tthc.GenerateOptions{Procedures: *procs, Year: y}, nil, nil)
				check(err)
				imported += rep.Imported
				fmt.Fprintf(os.Stderr, "\r%d: %d/%d agencies, %d dossiers, %s, RSS high-water %s, load %s   ", y, i+1, len(units), imported, time.Since(start).Round(time.Second), hwm(), loadavg())
			}
		}
		elapsed := time.Since(start)
		cpu := processCPU() - cpu0
		serverCPU := server()
		if *importProfile != "" {
			pprof.StopCPUProfile()
		}
		events, err := s.EventCount(ctx)
		check(err)
		fmt.Fprintln(os.Stderr)
		fmt.Printf("engine %s: %d dossiers, %d events in %s: %.0f dossiers/s, %.0f events/s; peak RSS %s\n",
			conn.Dialect, imported, events, elapsed.Round(time.Millisecond), float64(imported)/elapsed.Seconds(), float64(events)/elapsed.Seconds(), hwm())
		// CPU seconds per million events: comparable between a quiet and a
		// loaded machine, where the wall clock is not.
		fmt.Printf("CPU: importer %.1f s", cpu.Seconds())
		if serverCPU >= 0 {
			fmt.Printf(", PostgreSQL backends of this database %.1f s (WAL writer, checkpointer not counted)", serverCPU.Seconds())
		}
		fmt.Printf("; %.1f CPU s per million events; load average at the end %s\n", (cpu+max(serverCPU, 0)).Seconds()/float64(events)*1e6, loadavg())
	}

	if *queries <= 0 {
		return
	}
	if *readDSN != "" {
		check(conn.AttachReplica(ctx, *readDSN, nil))
		check(waitForReplay(ctx, conn))
		defer func() {
			st := conn.ReplicaStats()
			fmt.Printf("replica %s: up %v, lag %d bytes, heavy reads sent to the primary instead: %d\n", *readDSN, st.Up, st.LagBytes, st.Fallbacks)
		}()
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	month := func() tthc.Period {
		m := *oneMonth
		if m < 1 || m > 12 {
			m = 1 + rng.IntN(12)
		}
		p, _ := tthc.ParsePeriod(fmt.Sprintf("2026-%02d", m))
		return p
	}
	year, _ := tthc.ParsePeriod("2026")
	// cpu is this process's CPU time per query (SQLite runs in it): on a
	// shared machine the wall time also waits for a core. On PostgreSQL
	// the server's backends' CPU per query is given beside it (read from
	// /proc in 10 ms ticks: run a few hundred queries for a figure).
	measure := func(name string, fn func()) time.Duration {
		var d []time.Duration
		for range max(*warmup, 1) { // warm the caches and the connections' statements
			fn()
		}
		server := watchServer(ctx, conn)
		cpu := processCPU()
		for range *queries {
			t := time.Now()
			fn()
			d = append(d, time.Since(t))
		}
		cpuPer := (processCPU() - cpu) / time.Duration(*queries)
		serverCPU := server()
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		p50, p95 := d[len(d)/2], d[(len(d)*95+99)/100-1]
		fmt.Printf("  %-52s p50 %8s  p95 %8s  cpu/query %8s", name, p50.Round(10*time.Microsecond), p95.Round(10*time.Microsecond), cpuPer.Round(10*time.Microsecond))
		if serverCPU >= 0 {
			fmt.Printf("  server cpu/query %8s", (serverCPU / time.Duration(*queries)).Round(10*time.Microsecond))
		}
		fmt.Println()
		return p95
	}
	fmt.Println("index computed (from the aggregates, Store.ComputeIndex: what the first page after a change waits for)")
	fmt.Println("vs the best plain SQL over tthc_dossiers (Store.RawCounts):")
	a := measure("agency × month, index with breakdowns", func() {
		_, err := s.ComputeIndex(ctx, units[rng.IntN(len(units))], month(), tthc.IndexOptions{Breakdowns: true})
		check(err)
	})
	if *monthOnly {
		return
	}
	var b, d time.Duration
	if *plain {
		b = measure("agency × month, best plain SQL (3 counts by date range)", func() {
			p := month()
			_, _, _, err := s.RawCounts(ctx, units[rng.IntN(len(units))].Path, p)
			check(err)
		})
	}
	c := measure("province × year, index with breakdowns", func() {
		_, err := s.ComputeIndex(ctx, root, year, tthc.IndexOptions{Breakdowns: true})
		check(err)
	})
	if *plain {
		d = measure("province × year, best plain SQL (3 counts by date range)", func() {
			_, _, _, err := s.RawCounts(ctx, root.Path, year)
			check(err)
		})
	}
	e := measure("province × year, index without breakdowns", func() {
		_, err := s.ComputeIndex(ctx, root, year, tthc.IndexOptions{})
		check(err)
	})
	measure("province × year, index kept since the last change (Store.Index)", func() {
		_, err := s.Index(ctx, root, year, tthc.IndexOptions{Breakdowns: true})
		check(err)
	})
	if *plain {
		fmt.Printf("ratio plain SQL / index, p95: agency×month %.2f, province×year %.2f (without breakdowns %.2f)\n",
			b.Seconds()/a.Seconds(), d.Seconds()/c.Seconds(), d.Seconds()/e.Seconds())
	}
	fmt.Printf("machine: %d CPUs, %s/%s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
}

func processCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// waitForReplay waits until the replica has replayed everything the primary
// has written, so that the queries read the same data on both.
func waitForReplay(ctx context.Context, conn *db.DB) error {
	for i := 0; ; i++ {
		var caught bool
		err := conn.ReplicaPool().QueryRowContext(ctx, `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn`, currentLSN(ctx, conn)).Scan(&caught)
		if err != nil || caught {
			return err
		}
		if i%50 == 0 {
			fmt.Fprintln(os.Stderr, "waiting for the replica to replay the import…")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func currentLSN(ctx context.Context, conn *db.DB) string {
	var lsn string
	check(conn.W.QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn))
	return lsn
}

func hwm() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "?"
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// watchServer follows the CPU time of the PostgreSQL backends serving this
// database (same machine, /proc), sampled every half second until the
// returned function is called, which gives their CPU time since the call
// (a backend that ended loses its last half second), or -1 when it cannot
// be read (SQLite, another machine).
func watchServer(ctx context.Context, conn *db.DB) func() time.Duration {
	if conn.Dialect != db.Postgres {
		return func() time.Duration { return -1 }
	}
	ticks := func(pid int) (time.Duration, bool) {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return 0, false
		}
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
		var u, s int64
		fmt.Sscan(f[11], &u)
		fmt.Sscan(f[12], &s)
		return time.Duration(u+s) * 10 * time.Millisecond, true // USER_HZ 100
	}
	first, last := map[int]time.Duration{}, map[int]time.Duration{}
	var mu sync.Mutex
	sample := func(initial bool) bool {
		rows, err := conn.W.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`)
		if err != nil {
			return false
		}
		defer rows.Close()
		ok := true
		for rows.Next() {
			var pid int
			rows.Scan(&pid)
			t, found := ticks(pid)
			if !found {
				ok = false
				continue
			}
			mu.Lock()
			if _, seen := first[pid]; !seen {
				first[pid] = 0
				if initial {
					first[pid] = t
				}
			}
			last[pid] = t
			mu.Unlock()
		}
		return ok
	}
	if !sample(true) {
		return func() time.Duration { return -1 }
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(500 * time.Millisecond):
				sample(false)
			}
		}
	}()
	return func() time.Duration {
		close(stop)
		<-done
		sample(false)
		var sum time.Duration
		for pid, t := range last {
			sum += t - first[pid]
		}
		return sum
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
