//go:build ignore

// inspection writes a province department's synthetic register of
// inspection conclusions (5,000 conclusions with 30,000 recommendations by
// default, issued 2021–2026 to the demo department and its open units) as
// one CSV file, imports it through Store.Import (the path of `papihub
// inspection import` and the upload page), then times the reads of issue
// 12: the leader's overdue page, the strict-handling page, the director's
// agenda and the year's follow-up report. Results go to docs/benchmarks.md.
//
//	go run bench/inspection.go --data /tmp/inspection-bench
//	go run bench/inspection.go --db postgres://postgres@127.0.0.1/inspbench
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"syscall"
	"time"

	"papihub/bench/benchdb"
	"papihub/internal/audit"
	"papihub/internal/inspection"
	"papihub/internal/org"
	"papihub/internal/platform/db"
	"papihub/internal/platform/vn"
	"papihub/internal/registers"
)

func main() {
	dsn := flag.String("db", "", "database DSN (empty: SQLite in --data)")
	dir := flag.String("data", "/tmp/inspection-bench", "data directory")
	conclusions := flag.Int("conclusions", 5000, "conclusions in the register")
	perConclusion := flag.Int("recs", 6, "recommendations per conclusion")
	runs := flag.Int("runs", 100, "timed runs of each read")
	flag.Parse()
	ctx := context.Background()
	conn, err := benchdb.Open(ctx, *dsn, *dir, inspection.Migrations)
	check(err)
	defer conn.Close()
	// A fixed clock, so that the same register gives the same figures.
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, vn.Location())
	s := inspection.NewStore(conn, *dir, func() time.Time { return now })
	agency, err := s.UnitByCode(ctx, "000.07.00.H33")
	check(err)
	units, err := s.Units(ctx, agency.Path)
	check(err)

	file := synthesize(units, *conclusions, *perConclusion, inspection.Day(2026, 12, 2))
	fmt.Printf("register file: %d conclusions, %d recommendations, %d bytes\n", *conclusions, *conclusions**perConclusion, len(file))
	start := time.Now()
	dec, err := inspection.NewDecoder(bytes.NewReader(file), "csv")
	check(err)
	rep, err := s.Import(ctx, audit.CLI(), agency.ID, dec, false)
	check(err)
	dec.Close()
	if !rep.Applied {
		fmt.Println(rep.Errors[:min(5, len(rep.Errors))])
		panic("import refused")
	}
	fmt.Printf("import: %d conclusions, %d recommendations in %v\n", rep.Imported, rep.Recommendations, time.Since(start).Round(time.Millisecond))

	today := s.Today()
	var overdue int
	check(conn.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM inspection_recommendations WHERE progress <> 'done' AND deadline < $1`, db.FormatDate(today)).Scan(&overdue))
	fmt.Printf("overdue today: %d recommendations\n", overdue)
	// The overdue page runs these two reads (handlers_recommendations.go).
	page := func(status string, n int) func() int {
		return func() int {
			items, _, err := s.Recommendations(ctx, inspection.RecFilter{Scope: agency.Path, Status: status, On: today, Page: n, PerPage: 50})
			check(err)
			_, err = s.Units(ctx, "/") // the unit picker
			check(err)
			return len(items)
		}
	}
	timeIt("overdue page, department, page 1 (50 rows)", *runs, page("overdue", 1))
	timeIt("overdue page, department, page 20", *runs, page("overdue", 20))
	timeIt("strict-handling page, department, page 1", *runs, page("strict", 1))
	timeIt("conclusions list, department, page 1 (with counts)", *runs, func() int {
		items, _, err := s.Conclusions(ctx, inspection.Filter{Scope: agency.Path, PerPage: 50}, today)
		check(err)
		return len(items)
	})
	director, err := org.NewStore(conn, nil).UserByUsername(ctx, "giamdoc")
	check(err)
	reg := inspection.NewRegister(s)
	timeIt("the director's agenda (reminders and escalations)", *runs, func() int {
		items, err := reg.Agenda(ctx, director, today, 7)
		check(err)
		return len(items)
	})
	scope := registers.Scope{UnitID: agency.ID, UnitPath: agency.Path}
	timeIt("measure: recommendations overdue at the end of 2026", *runs/5+1, func() int {
		f, err := reg.Figure(ctx, inspection.MeasureRecsOverdue, scope, inspection.Day(2026, 1, 1), inspection.Day(2026, 12, 31))
		check(err)
		return int(f.Value)
	})
	timeIt("follow-up report of 2026 (gathered)", *runs/5+1, func() int {
		f, err := s.FollowUp(ctx, agency, inspection.Day(2026, 1, 1), inspection.Day(2026, 12, 31))
		check(err)
		return f.Total.Recs
	})
	f, err := s.FollowUp(ctx, agency, inspection.Day(2026, 1, 1), inspection.Day(2026, 12, 31))
	check(err)
	timeIt("follow-up report of 2026 as DOCX", 5, func() int {
		b, err := f.Render("docx", inspection.Issue{})
		check(err)
		return len(b)
	})
}

// synthesize writes the register file: conclusions spread over 2021–2026
// (a fifth from the State Audit), each with recommendations of every kind
// (recoveries 30 %) for the department's units, deadlines 30–365 days after
// the conclusion; past their deadline 70 % are done (a fifth of them late),
// the rest open; before it a fifth are done.
func synthesize(units []inspection.Unit, n, per int, today time.Time) []byte {
	rng := rand.New(rand.NewPCG(12, 2026))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"Số kết luận", "Ngày kết luận", "Cơ quan ban hành", "Nguồn", "Nội dung kết luận", "Loại kiến nghị", "Nội dung kiến nghị",
		"Đơn vị thực hiện", "Thời hạn", "Số tiền phải thu hồi", "Đã thu hồi", "Số tập thể, cá nhân", "Tình trạng", "Ngày hoàn thành"})
	first := inspection.Day(2021, 1, 1)
	span := int(today.Sub(first).Hours()/24) - 40
	kinds := []string{"recover", "recover", "recover", "discipline", "discipline", "corrective", "corrective", "corrective", "policy", "transfer"}
	f := func(t time.Time) string { return vn.FormatDate(t) }
	for i := range n {
		issued := first.AddDate(0, 0, rng.IntN(span))
		issuer, source := "Thanh tra tỉnh Hưng Yên", "Thanh tra tỉnh"
		if rng.IntN(5) == 0 {
			issuer, source = "Kiểm toán nhà nước khu vực I", "Kiểm toán nhà nước"
		}
		number := fmt.Sprintf("%d/KL-%d", i+1, issued.Year())
		for j := range per {
			kind := kinds[rng.IntN(len(kinds))]
			deadline := issued.AddDate(0, 0, 30+rng.IntN(335))
			var due, got, people, progress, done string
			progress = "not_started"
			if kind == "recover" {
				d := int64(1+rng.IntN(500)) * 1_000_000
				due = strconv.FormatInt(d, 10)
				got = "0"
			}
			if kind == "discipline" {
				people = strconv.Itoa(1 + rng.IntN(4))
			}
			r := rng.IntN(10)
			doneOn := time.Time{}
			switch {
			case deadline.Before(today) && r < 7:
				progress = "done"
				doneOn = deadline.AddDate(0, 0, -rng.IntN(20))
				if rng.IntN(5) == 0 {
					doneOn = deadline.AddDate(0, 0, 1+rng.IntN(30))
				}
			case !deadline.Before(today) && r < 2:
				progress = "done"
				doneOn = issued.AddDate(0, 0, 1+rng.IntN(max(1, int(today.Sub(issued).Hours()/24)-1)))
			case r < 8:
				progress = "in_progress"
			case r < 9:
				progress = "partly_done"
			}
			if !doneOn.IsZero() {
				if doneOn.After(today) {
					doneOn = today
				}
				if doneOn.Before(issued) {
					doneOn = issued
				}
				done = f(doneOn)
				if kind == "recover" {
					got = due
				}
			}
			w.Write([]string{number, f(issued), issuer, source, "Thanh tra, kiểm toán việc quản lý tài chính, tài sản công", kind,
				fmt.Sprintf("Kiến nghị %d của kết luận %s", j+1, number), units[rng.IntN(len(units))].Code, f(deadline), due, got, people, progress, done})
		}
	}
	w.Flush()
	return buf.Bytes()
}

func timeIt(what string, runs int, fn func() int) {
	fn() // warm the caches
	ds := make([]time.Duration, runs)
	n := 0
	cpu0 := cpuTime()
	for i := range runs {
		t := time.Now()
		n = fn()
		ds[i] = time.Since(t)
	}
	cpu := (cpuTime() - cpu0) / time.Duration(runs)
	slices.Sort(ds)
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
		panic(err)
	}
}
