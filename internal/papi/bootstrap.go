package papi

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// bootstrapResult holds the 95% percentile interval of every estimate.
type bootstrapResult struct {
	low, high []float64
	fixed     []int // strata held fixed (one cluster)
	undefined int   // replicates with an unanswered sub-dimension (other than those in skip)
}

// bootstrap draws opt.Replicates cluster-bootstrap replicates: in each
// stratum with n_h clusters, n_h clusters are drawn with replacement (the
// "naive" bootstrap; with few clusters per stratum it understates the
// variance by about (n_h−1)/n_h, which the coverage test allows for), and
// every estimate is recomputed from the drawn clusters' precomputed rows of
// cs. Intervals are the 2.5th and 97.5th percentiles of the replicates.
//
// Replicate b draws from its own PCG stream, seeded from (opt.Seed, b), so
// the replicates, and hence the intervals, are the same whichever worker
// computes which replicate and however many workers there are.
//
// skip (nil, or one flag per sub-dimension) marks the sub-dimensions nobody
// answered in the sample itself: they are NaN in every replicate, and a
// replicate counts as undefined only when another sub-dimension is.
func bootstrap(fw ScoringFramework, cs []float64, r *Responses, opt ScoreOptions, skip []bool) bootstrapResult {
	k2 := 2 * r.K
	var res bootstrapResult
	byStratum := make([][]int, len(r.StratumNames))
	for c, s := range r.ClusterStratum {
		byStratum[s] = append(byStratum[s], c)
	}
	// A stratum with one cluster is the same in every replicate: add it once.
	// The clusters of the others are drawn; inDrawn lists them stratum
	// after stratum.
	base := make([]float64, k2)
	var drawn []drawnStratum
	var inDrawn []int
	for s, clusters := range byStratum {
		switch len(clusters) {
		case 0:
		case 1:
			res.fixed = append(res.fixed, s)
			addRow(base, cs[clusters[0]*k2:(clusters[0]+1)*k2])
		default:
			drawn = append(drawn, drawnStratum{first: len(inDrawn), n: len(clusters)})
			inDrawn = append(inDrawn, clusters...)
		}
	}

	B, nStats, nSub := opt.Replicates, fw.stats(), len(fw.Subdimensions)
	reps := make([]float64, B*nStats) // replicate b's estimates at [b·nStats, (b+1)·nStats)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, (B+replicateBlock-1)/replicateBlock)
	nq := len(inDrawn)
	panel, width := panels(cs, k2, inDrawn)
	start := make([]float64, width) // every replicate's sums start from the fixed strata's
	copy(start, base)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			// acc holds the block's replicates, a row of width sums each;
			// m their multiplicities, tile after tile: for tile t, cluster
			// q's four at [(t·nq + q)·4, +4).
			acc := make([]float64, replicateBlock*width)
			m := make([]float64, replicateBlock*nq)
			scratch := make([]float64, 2*nSub)
			src := rand.NewPCG(0, 0)
			for {
				b0 := int(next.Add(replicateBlock) - replicateBlock)
				if b0 >= B {
					return
				}
				nb := min(replicateBlock, B-b0)
				tiles := (nb + tileReps - 1) / tileReps
				clear(m[:tiles*tileReps*nq])
				for i := range tiles * tileReps {
					copy(acc[i*width:(i+1)*width], start)
				}
				for i := range nb {
					src.Seed(replicateSeeds(opt.Seed, uint64(b0+i)))
					at := i/tileReps*tileReps*nq + i%tileReps // of cluster 0's multiplicity
					for _, h := range drawn {
						// The stratum's clusters sit together in inDrawn,
						// so the k-th of them is at h.first+k.
						mh := m[at+h.first*tileReps : at+(h.first+h.n-1)*tileReps+1]
						for range h.n {
							mh[drawIndex(src, uint64(h.n))*tileReps]++
						}
					}
				}
				// The clusters go by chunks small enough that a panel's
				// share (chunk × 12 sums) and the block's multiplicities for
				// it (block × chunk) stay in the first-level cache while
				// every tile of the block and every panel use them. Each
				// accumulator still adds the clusters one by one in order,
				// so the bits are those of one pass over all of them.
				for q0 := 0; q0 < nq; q0 += clusterChunk {
					kc := min(clusterChunk, nq-q0)
					for j := 0; j < width; j += tileCols {
						p := panel[j*nq+q0*tileCols : j*nq+(q0+kc)*tileCols]
						for t := range tiles {
							mt := m[(t*nq+q0)*tileReps : (t*nq+q0+kc)*tileReps]
							tile(acc[t*tileReps*width+j:], width, mt, p, kc)
						}
					}
				}
				for i := range nb {
					a, b := acc[i*width:i*width+k2], b0+i
					fw.scoreSums(a[:r.K], a[r.K:], reps[b*nStats:(b+1)*nStats], scratch[:nSub], scratch[nSub:])
				}
			}
		})
	}
	wg.Wait()

	for b := range B {
		for s := range nSub {
			if math.IsNaN(reps[b*nStats+s]) && (skip == nil || !skip[s]) {
				res.undefined++
				break
			}
		}
	}
	// Sorting the estimates' columns (38 sorts of 1,000 numbers for PAPI) is
	// shared out among the workers too; each column's percentiles depend on
	// that column alone.
	res.low, res.high = make([]float64, nStats), make([]float64, nStats)
	for w := range workers {
		wg.Go(func() {
			column := make([]float64, B)
			for s := w; s < nStats; s += workers {
				for b := range B {
					column[b] = reps[b*nStats+s]
				}
				sorted := sortedFinite(column)
				res.low[s], res.high[s] = percentile(sorted, 0.025), percentile(sorted, 0.975)
			}
		})
	}
	wg.Wait()
	return res
}

// replicateBlock is how many replicates a worker sums together (a multiple
// of tileReps). Each panel of cluster sums is read once for the whole block,
// from the second-level cache, while the block's multiplicities (block ×
// clusters numbers, 320 KiB for 1,250 clusters) stay there too.
const replicateBlock = 32

// clusterChunk is how many clusters a tile adds in one call: 64 clusters
// share of a panel (6 KiB) and of the block's multiplicities (16 KiB) fit
// in the 32 KiB first-level cache together.
const clusterChunk = 64

// drawnStratum is a stratum whose clusters are resampled: its n clusters
// are inDrawn[first : first+n].
type drawnStratum struct{ first, n int }

// replicateSeeds derives the two PCG seed words of replicate b. SplitMix64
// scrambles them so that neighbouring replicates (and neighbouring user seeds)
// start from unrelated states.
func replicateSeeds(seed, b uint64) (uint64, uint64) {
	return splitMix64(seed ^ splitMix64(b)), splitMix64(seed + 0x9e3779b97f4a7c15*(b+1))
}

// drawIndex is rand.New(src).IntN(n) on a 64-bit machine, the same numbers
// from the same stream, with the generator called directly rather than
// through the Source interface: the bootstrap draws 1.25 million of them.
func drawIndex(src *rand.PCG, n uint64) uint64 {
	if n&(n-1) == 0 {
		return src.Uint64() & (n - 1)
	}
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}

func splitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
