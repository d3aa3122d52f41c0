package papi

import "math"

// The bootstrap's replicates are a matrix product: replicate b's cluster
// sums are Σ_c m[b][c]·cs[c], m[b][c] being how many times replicate b drew
// cluster c. It is computed the way fast matrix libraries do it, in tiles
// of 4 replicates × 12 sums that stay in registers while every cluster is
// added, the clusters' sums packed 12 at a time (a panel) so that each step
// reads consecutive memory.
const (
	tileReps = 4  // replicates in a tile
	tileCols = 12 // sums in a tile, three vectors of four
)

// tileGo is the portable tile (and the reference the vector one is tested
// against): acc's 4 rows, stride apart, get m[4c+r]·p[12c+j] added for each
// cluster c < n in order, with one rounding per step (math.FMA), exactly as
// the vector instruction rounds, so both paths give the same bits.
func tileGo(acc []float64, stride int, m, p []float64, n int) {
	for r := range tileReps {
		row := acc[r*stride : r*stride+tileCols]
		for c := range n {
			times, sums := m[c*tileReps+r], p[c*tileCols:(c+1)*tileCols]
			for j, s := range sums {
				row[j] = math.FMA(times, s, row[j])
			}
		}
	}
}

// panels packs the sums of the given clusters (rows of cs, k2 wide) into
// panels of tileCols columns: panel j holds, cluster after cluster, columns
// [12j, 12j+12) of each, zero past k2. It returns the panels and the padded
// width.
func panels(cs []float64, k2 int, clusters []int) ([]float64, int) {
	width := (k2 + tileCols - 1) / tileCols * tileCols
	n := len(clusters)
	p := make([]float64, width*n)
	for j := 0; j < width; j += tileCols {
		panel := p[j*n : (j+tileCols)*n]
		for q, c := range clusters {
			row := cs[c*k2 : (c+1)*k2]
			copy(panel[q*tileCols:(q+1)*tileCols], row[min(j, k2):min(j+tileCols, k2)])
		}
	}
	return p, width
}
