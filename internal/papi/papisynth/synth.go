// Package papisynth generates synthetic PAPI-style survey microdata of a
// given size, so that the Go benchmark and the Python baseline under bench/
// score exactly the same input. It is test equipment, not a model of real
// answers: values are plausible in range and missingness, nothing more.
package papisynth

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// Size is the shape of a synthetic survey.
type Size struct {
	Respondents, Indicators, Clusters, Strata int
}

// PAPI2023 is the size of the performance requirement: 20,000 respondents,
// 120 indicators, 1,250 clusters (villages) in 63 strata (provinces).
var PAPI2023 = Size{Respondents: 20000, Indicators: 120, Clusters: 1250, Strata: 63}

// subdimensionsPerDimension follows the 2018+ PAPI layout: 28 sub-dimensions
// over D1..D8.
var subdimensionsPerDimension = [8]int{4, 4, 3, 4, 4, 4, 3, 2}

// WriteFramework writes indicator,subdimension,dimension: indicators are dealt
// to the 28 sub-dimensions in turn, so each has four or five.
func WriteFramework(w io.Writer, size Size) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "indicator,subdimension,dimension")
	var subs []string
	for d, m := range subdimensionsPerDimension {
		for s := range m {
			subs = append(subs, fmt.Sprintf("D%d.%d", d+1, s+1))
		}
	}
	for j := range size.Indicators {
		sub := subs[j%len(subs)]
		fmt.Fprintf(bw, "q%03d,%s,%s\n", j+1, sub, sub[:2])
	}
	return bw.Flush()
}

// WriteResponses writes one row per respondent: id, weight, cluster, stratum,
// sex, then one column per indicator (q001…). Respondents are spread evenly
// over clusters and clusters over strata; each cluster shifts every
// indicator's probability a little (so clustering matters), about 8% of
// answers are empty, and a third of the indicators are 0–1 scales rather than
// yes/no.
func WriteResponses(w io.Writer, size Size, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	base := make([]float64, size.Indicators)
	for j := range base {
		base[j] = 0.2 + 0.6*rng.Float64()
	}
	shift := make([]float64, size.Clusters*size.Indicators)
	for i := range shift {
		shift[i] = 0.1 * rng.NormFloat64()
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("id,weight,cluster,stratum,sex")
	for j := range size.Indicators {
		fmt.Fprintf(bw, ",q%03d", j+1)
	}
	bw.WriteByte('\n')
	buf := make([]byte, 0, 64)
	for i := range size.Respondents {
		c := i % size.Clusters
		sex := "nam"
		if rng.IntN(2) == 0 {
			sex = "nu"
		}
		fmt.Fprintf(bw, "r%05d,%.4f,c%04d,s%02d,%s", i+1, 0.5+1.5*rng.Float64(), c+1, c%size.Strata+1, sex)
		for j := range size.Indicators {
			bw.WriteByte(',')
			if rng.Float64() < 0.08 {
				continue
			}
			p := min(max(base[j]+shift[c*size.Indicators+j], 0.02), 0.98)
			if j%3 == 2 {
				buf = strconv.AppendFloat(buf[:0], min(max(p+0.2*rng.NormFloat64(), 0), 1), 'f', 3, 64)
				bw.Write(buf)
			} else if rng.Float64() < p {
				bw.WriteByte('1')
			} else {
				bw.WriteByte('0')
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
