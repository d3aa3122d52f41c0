package vn

import "bytes"

// Compare orders Vietnamese text the way a Vietnamese reader expects a list
// of names to be sorted, and returns -1, 0 or +1.
//
//  1. Letters first, case-insensitively, in the Vietnamese alphabet
//     a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f j w z
//     in their Latin places. A space sorts before every letter ("An Khánh"
//     before "Anh"), then ASCII punctuation, then digits, then letters; other
//     characters (other scripts, symbols) come last in code point order.
//  2. Then tones: ngang < huyền < hỏi < ngã < sắc < nặng (Anh < Ánh), compared
//     from the left like the second level of the Unicode Collation Algorithm.
//     A mark that is neither a tone nor part of a Vietnamese letter sorts
//     after all tones.
//  3. Then case, lower before upper.
//  4. Finally the raw bytes, so Compare returns 0 only for identical strings
//     and is a total order (NFC and NFD spellings of one name differ only
//     here).
//
// Runs of white space count as one space and the ends are ignored until the
// last level. Compare is safe for concurrent use and does not allocate for
// strings of ordinary length.
func Compare(a, b string) int {
	if a == b {
		return 0
	}
	var bufA, bufB [keyStackSize]byte
	return bytes.Compare(appendSortKey(bufA[:0], a), appendSortKey(bufB[:0], b))
}

// Less reports whether a sorts before b; it is Compare(a, b) < 0, in the
// shape sort.Slice and slices.SortFunc-style callers want.
func Less(a, b string) bool { return Compare(a, b) < 0 }

// SortKey returns a key whose byte order is exactly Compare's order:
// bytes.Compare(SortKey(a), SortKey(b)) == Compare(a, b). The key is printable
// ASCII without NUL, so it can be stored in a TEXT column and used in
// ORDER BY. SQLite compares TEXT byte by byte; PostgreSQL needs the column or
// the ORDER BY to use COLLATE "C", otherwise the database's locale reorders
// the key.
func SortKey(s string) string {
	var buf [keyStackSize]byte
	return string(appendSortKey(buf[:0], s))
}

// keyStackSize fits the key of a full Vietnamese personal name or a unit name
// on the stack; longer strings spill to the heap.
const keyStackSize = 256
