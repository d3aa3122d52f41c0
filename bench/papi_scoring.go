//go:build ignore

// papi_scoring times the PAPI survey scoring (20,000 respondents × 120
// indicators, 1,250 clusters in 63 strata, weighted, 1,000 cluster-bootstrap
// replicates, every estimate with its interval) against the efficient numpy
// baseline (bench/papi_bootstrap_numpy.py: cluster sums once, replicates as
// one counts × cluster-sums product by OpenBLAS) on the same data, in
// alternation so that both see the same load, and prints both medians, the
// ratio and the load average.
//
//	apt-get install python3-numpy libopenblas0-pthread   # once
//	go run bench/papi_scoring.go --runs 7
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"papihub/internal/papi"
	"papihub/internal/papi/papisynth"
)

func main() {
	runs := flag.Int("runs", 7, "runs of each side")
	python := flag.String("python", "/usr/bin/python3", "the Python with numpy")
	flag.Parse()
	dir, err := os.MkdirTemp("", "papi-scoring")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	var fwCSV, respCSV bytes.Buffer
	check(papisynth.WriteFramework(&fwCSV, papisynth.PAPI2023))
	check(papisynth.WriteResponses(&respCSV, papisynth.PAPI2023, 1))
	check(os.WriteFile(filepath.Join(dir, "framework.csv"), fwCSV.Bytes(), 0o644))
	check(os.WriteFile(filepath.Join(dir, "responses.csv"), respCSV.Bytes(), 0o644))
	fw, err := papi.ReadScoringFramework(bytes.NewReader(fwCSV.Bytes()))
	check(err)
	r, err := papi.ReadResponses(bytes.NewReader(respCSV.Bytes()), fw, papi.Design{WeightColumn: "weight", ClusterColumn: "cluster", StratumColumn: "stratum"})
	check(err)

	fmt.Printf("load before: %s\n", loadAverage())
	var goMS, goCPU, pyMS []float64
	var goTotal papi.Estimate
	var pyTotal string
	for range *runs {
		start, cpu := time.Now(), cpuMS()
		s, err := papi.ScoreSurvey(fw, r, papi.ScoreOptions{Weighted: true, Replicates: 1000, Seed: 1})
		check(err)
		goMS = append(goMS, float64(time.Since(start).Microseconds())/1000)
		goCPU = append(goCPU, cpuMS()-cpu)
		goTotal = s.Total

		out, err := exec.Command(*python, "bench/papi_bootstrap_numpy.py", dir, "1000").Output()
		if err != nil {
			log.Fatalf("baseline: %v (is numpy installed for %s?)", err, *python)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if v, ok := strings.CutPrefix(line, "scoring_ms "); ok {
				ms, err := strconv.ParseFloat(v, 64)
				check(err)
				pyMS = append(pyMS, ms)
			}
			if v, ok := strings.CutPrefix(line, "total: "); ok {
				pyTotal = v
			}
		}
	}
	fmt.Printf("load after: %s\n", loadAverage())
	fmt.Printf("Go:    median %.1f ms (min %.1f, max %.1f) total %.4f [%.4f, %.4f]\n", median(goMS), slices.Min(goMS), slices.Max(goMS), goTotal.Score, goTotal.Low, goTotal.High)
	fmt.Printf("Go CPU (both cores, this process): median %.1f ms (min %.1f, max %.1f)\n", median(goCPU), slices.Min(goCPU), slices.Max(goCPU))
	fmt.Printf("numpy: median %.1f ms (min %.1f, max %.1f) total %s\n", median(pyMS), slices.Min(pyMS), slices.Max(pyMS), pyTotal)
	fmt.Printf("ratio (numpy / Go, medians): %.2f\n", median(pyMS)/median(goMS))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// cpuMS is the CPU time of this process (user and system, every thread;
// not the numpy children's), which load disturbs less than wall time.
func cpuMS() float64 {
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
