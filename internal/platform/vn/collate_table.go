package vn

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

type collKind uint8

const (
	collElement collKind = iota // the rune is one whole element
	collMark                    // a nonspacing mark: it modifies the element before it
	collSpace                   // white space
)

type collEntry struct {
	kind collKind
	elem element
}

// collTable resolves every rune of Fold's blocks (Latin letters with their
// tones, combining marks, punctuation) to its finished element, so that
// Vietnamese text never reaches the normaliser. It is built from the same
// rules as the slow path, so the two cannot disagree.
var collTable = func() [][]collEntry {
	t := make([][]collEntry, len(foldBlocks))
	for i, blk := range foldBlocks {
		t[i] = make([]collEntry, blk.hi-blk.lo)
		for r := blk.lo; r < blk.hi; r++ {
			t[i][r-blk.lo] = collEntryFor(r)
		}
	}
	return t
}()

func collEntryOf(r rune) (collEntry, bool) {
	for i := range foldBlocks {
		if blk := &foldBlocks[i]; r >= blk.lo && r < blk.hi {
			return collTable[i][r-blk.lo], true
		}
	}
	return collEntry{}, false
}

func collEntryFor(r rune) collEntry {
	switch {
	case unicode.IsSpace(r):
		return collEntry{kind: collSpace}
	case unicode.Is(unicode.Mn, r):
		return collEntry{kind: collMark}
	}
	var e element
	for i, x := range norm.NFD.String(string(r)) {
		if i == 0 {
			e = baseElement(x)
		} else {
			e.mark(x)
		}
	}
	return collEntry{kind: collElement, elem: e}
}
