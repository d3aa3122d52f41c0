package tthc

import (
	"slices"
	"testing"
)

// kept hands the same rows to both passes of GenerateInto; it generates
// them once when they fit in max, twice when they do not.
func TestKeptReplaysAShortStreamFromMemory(t *testing.T) {
	for _, tc := range []struct {
		name        string
		rows, max   int
		generations int
	}{
		{"fits", 3, 5, 1},
		{"exactly fits", 3, 3, 1},
		{"too long", 3, 2, 2},
		{"empty", 0, 2, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			generations := 0
			stream := func(yield func(Incoming) bool) {
				generations++
				for i := range tc.rows {
					if !yield(Incoming{Line: i + 1}) {
						return
					}
				}
			}
			k := keptFor(stream, tc.max)
			var first, second []int
			for in := range k.each {
				first = append(first, in.Line)
			}
			for in := range k.each {
				second = append(second, in.Line)
			}
			if !slices.Equal(first, second) || len(first) != tc.rows {
				t.Errorf("passes %v and %v, want the %d rows twice", first, second, tc.rows)
			}
			if generations != tc.generations {
				t.Errorf("generated %d times, want %d", generations, tc.generations)
			}
		})
	}
}

// A pass stopped early keeps nothing for the next one, which generates
// the stream again, whole.
func TestKeptForgetsAPassStoppedEarly(t *testing.T) {
	stream := func(yield func(Incoming) bool) {
		for i := range 4 {
			if !yield(Incoming{Line: i + 1}) {
				return
			}
		}
	}
	k := keptFor(stream, 10)
	for in := range k.each {
		if in.Line == 2 {
			break
		}
	}
	n := 0
	for range k.each {
		n++
	}
	if n != 4 {
		t.Errorf("second pass %d rows, want 4", n)
	}
}
