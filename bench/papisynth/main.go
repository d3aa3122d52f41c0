// Command papisynth writes the synthetic survey of the PAPI scoring benchmark
// (BenchmarkScore20k) to CSV files, so that the Python baseline
// (bench/papi_bootstrap_baseline.py) scores exactly the same input:
//
//	go run ./bench/papisynth -dir /tmp/papi-bench
//
// writes framework.csv and responses.csv (seed 1, the benchmark's).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"papihub/internal/papi/papisynth"
)

func main() {
	dir := flag.String("dir", ".", "directory to write framework.csv and responses.csv into")
	seed := flag.Uint64("seed", 1, "generator seed (the benchmark uses 1)")
	flag.Parse()
	if err := write(*dir, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "papisynth:", err)
		os.Exit(1)
	}
}

func write(dir string, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	fw, err := os.Create(filepath.Join(dir, "framework.csv"))
	if err != nil {
		return err
	}
	defer fw.Close()
	if err := papisynth.WriteFramework(fw, papisynth.PAPI2023); err != nil {
		return err
	}
	resp, err := os.Create(filepath.Join(dir, "responses.csv"))
	if err != nil {
		return err
	}
	defer resp.Close()
	if err := papisynth.WriteResponses(resp, papisynth.PAPI2023, seed); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	return resp.Close()
}
