package vn

import (
	"unicode"
	"unicode/utf8"
)

// foldKind says what Fold does with one rune.
type foldKind uint8

const (
	foldText  foldKind = iota // replace the rune by text
	foldDrop                  // a combining mark: remove it
	foldSpace                 // white space: collapse with its neighbours
)

type foldEntry struct {
	kind foldKind
	text string
}

// foldBlock is a run of code points Fold resolves by table lookup.
type foldBlock struct {
	lo, hi  rune // [lo, hi)
	entries []foldEntry
}

// The blocks are what Vietnamese text is made of beyond ASCII: Latin-1,
// Latin Extended-A and -B, IPA, spacing modifiers and the combining
// diacritics (U+0080–U+036F); Latin Extended Additional (U+1E00–U+1EFF), where
// the precomposed letters with tones live (ạ ả ấ … ỹ); and general
// punctuation, currency (₫) and symbol marks (U+2000–U+20FF), for dashes,
// quotes and odd spaces pasted from Word. In these blocks every character that
// survives folding has combining class 0, so folding rune by rune gives the
// same result as normalising the whole string first.
var foldBlocks = []foldBlock{
	{lo: utf8.RuneSelf, hi: 0x0370},
	{lo: 0x1E00, hi: 0x1F00},
	{lo: 0x2000, hi: 0x2100},
}

func init() {
	for i := range foldBlocks {
		blk := &foldBlocks[i]
		blk.entries = make([]foldEntry, blk.hi-blk.lo)
		for r := blk.lo; r < blk.hi; r++ {
			blk.entries[r-blk.lo] = foldRuneSlow(r)
		}
	}
}

// foldEntryOf looks r up; known is false outside the table.
func foldEntryOf(r rune) (e foldEntry, known bool) {
	for i := range foldBlocks {
		if blk := &foldBlocks[i]; r >= blk.lo && r < blk.hi {
			return blk.entries[r-blk.lo], true
		}
	}
	return foldEntry{}, false
}

// foldRuneSlow applies foldSlow's rules to a single rune, so the table is
// derived from the definition rather than typed by hand.
func foldRuneSlow(r rune) foldEntry {
	if unicode.IsSpace(r) {
		return foldEntry{kind: foldSpace}
	}
	out := foldSlow(string(r))
	if out == "" {
		return foldEntry{kind: foldDrop}
	}
	return foldEntry{kind: foldText, text: out}
}
