//go:build ignore

// legaldoc builds a province's register of legal documents (20,000
// documents with 50,000 relations by default) through the register import
// (the path of `papihub legal import`), then times the two reads of issue
// 12: the status of every document on a day, and the yearly list of
// expired documents. Results go to docs/benchmarks.md.
//
//	go run bench/legaldoc.go --data /tmp/legal-bench
//	go run bench/legaldoc.go --db postgres://postgres@127.0.0.1/bench
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"syscall"
	"time"

	"papihub/bench/benchdb"
	"papihub/internal/audit"
	"papihub/internal/legaldoc"
	"papihub/internal/report"
)

func main() {
	dsn := flag.String("db", "", "database DSN (empty: SQLite in --data)")
	dir := flag.String("data", "/tmp/legal-bench", "data directory")
	docs := flag.Int("documents", 20000, "documents in the register")
	rels := flag.Int("relations", 50000, "relations between them")
	runs := flag.Int("runs", 30, "timed runs of each read")
	flag.Parse()
	ctx := context.Background()
	conn, err := benchdb.Open(ctx, *dsn, *dir, legaldoc.Migrations)
	check(err)
	defer conn.Close()
	s := legaldoc.NewStore(conn, nil)
	unit, err := s.UnitByCode(ctx, "000.07.00.H33")
	check(err)

	file := register(*docs, *rels)
	start := time.Now()
	dec, err := legaldoc.NewDecoder(bytes.NewReader(file), "csv")
	check(err)
	rep, err := s.Import(ctx, audit.CLI(), unit.ID, dec, false)
	check(err)
	fmt.Printf("import of %d documents, %d relations (%d KB CSV): %v — imported %d, rejected %d\n",
		*docs, *rels, len(file)/1024, time.Since(start).Round(time.Millisecond), rep.Imported, rep.Rejected)
	if rep.Rejected > 0 {
		fmt.Println(rep.Errors[:min(5, len(rep.Errors))])
		os.Exit(1)
	}
	on := legaldoc.Day(2025, 6, 30)
	timed("status of every document on a day", *runs, func() int {
		st, err := s.StatusesOn(ctx, unit.Path, on)
		check(err)
		return len(st)
	})
	timed("expired list for a year (2024)", *runs, func() int {
		l, err := s.Expired(ctx, unit, 2024)
		check(err)
		return len(l.Full) + len(l.Partial)
	})
	timed("expired list for a year as DOCX", 5, func() int {
		l, err := s.Expired(ctx, unit, 2024)
		check(err)
		var buf bytes.Buffer
		check(report.WriteDOCX(&buf, l.Document(legaldoc.Issue{})))
		return buf.Len()
	})
}

// register writes a CSV register: documents issued 2000–2025 in number
// order, each relation from a later document to an earlier one (so no
// loops), of the kinds in the proportions a province's register shows.
func register(n, nrel int) []byte {
	rng := rand.New(rand.NewPCG(12, 2024))
	kinds := []struct {
		col   string
		share int
	}{{"Sửa đổi, bổ sung", 40}, {"Thay thế", 12}, {"Bãi bỏ", 10}, {"Hết hiệu lực một phần", 15}, {"Hướng dẫn", 18}, {"Ngưng hiệu lực", 5}}
	number := func(i int) string {
		year := 2000 + i*26/n
		code := []string{"QĐ-UBND", "NQ-HĐND", "CT-UBND"}[i%3]
		return fmt.Sprintf("%d/%d/%s", i+1, year, code)
	}
	issued := make([]time.Time, n)
	for i := range issued {
		issued[i] = time.Date(2000+i*26/n, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*26%n)*360/n)
	}
	cells := make([][]string, n)
	for k := range nrel {
		src := 1 + rng.IntN(n-1)
		tgt := rng.IntN(src)
		pick, col := rng.IntN(100), 0
		for acc := 0; col < len(kinds); col++ {
			acc += kinds[col].share
			if pick < acc {
				break
			}
		}
		if cells[src] == nil {
			cells[src] = make([]string, len(kinds))
		}
		item := number(tgt)
		switch {
		case col == 3 || (col == 2 && k%2 == 0) || col == 0:
			item += fmt.Sprintf(" (Điều %d)", 1+rng.IntN(20))
		case col == 5:
			item += " (đến " + issued[src].AddDate(0, 6, 0).Format("02/01/2006") + ")"
		}
		if cells[src][col] != "" {
			cells[src][col] += "; "
		}
		cells[src][col] += item
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := []string{"Số ký hiệu", "Trích yếu", "Cơ quan ban hành", "Lĩnh vực", "Ngày ban hành", "Ngày có hiệu lực"}
	for _, k := range kinds {
		header = append(header, k.col)
	}
	w.Write(header)
	for i := range n {
		row := []string{number(i), fmt.Sprintf("Quy định về lĩnh vực %d, văn bản %d", i%40, i), "UBND tỉnh Hưng Yên", fmt.Sprintf("Lĩnh vực %d", i%40),
			issued[i].Format("02/01/2006"), issued[i].AddDate(0, 0, 10).Format("02/01/2006")}
		if cells[i] == nil {
			cells[i] = make([]string, len(kinds))
		}
		w.Write(append(row, cells[i]...))
	}
	w.Flush()
	return buf.Bytes()
}

// timed runs f and prints wall-clock percentiles and the CPU time the
// process spent per run (user + system): on a machine shared with other
// work the wall clock includes waiting for a core, the CPU time does not.
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
