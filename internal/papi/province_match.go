package papi

import (
	"strings"

	"papihub/internal/platform/vn"
)

// MatchProvince finds the province called name in the catalogue in force in
// year (see Provinces). Matching ignores case, diacritics, punctuation and
// spaces, and a leading "Tỉnh", "Thành phố" or "TP.", so "TP. Hồ Chí Minh",
// "HCM", "Ha Noi", "HANOI", "Đăk Lăk", "Thừa Thiên-Huế" and "Bà Rịa-Vũng Tàu"
// all resolve. An unknown name gives an error that suggests the closest name,
// and a name from the other era says what became of it.
func MatchProvince(name string, year int) (Province, error) {
	key := provinceKey(name)
	if key == "" {
		return Province{}, &cellError{"papi.problem.province.blank", nil, "papi: "}
	}
	catalogue := provinces63
	other := provinces34
	if year >= ReformDate.Year() {
		catalogue, other = provinces34, provinces63
	}
	if p, ok := findProvince(catalogue, key); ok {
		return p, nil
	}
	if p, ok := findProvince(other, key); ok {
		if p.Era == 63 {
			return Province{}, &cellError{"papi.problem.province.gone", []any{name, year, ReformDate.Format("02/01/2006"), mustSuccessorName(p)}, "papi: "}
		}
		return Province{}, &cellError{"papi.problem.province.not_yet", []any{name, year, ReformDate.Format("02/01/2006")}, "papi: "}
	}
	return Province{}, &cellError{"papi.problem.province.unknown", []any{name, closestProvince(catalogue, key)}, "papi: "}
}

func findProvince(catalogue []Province, key string) (Province, bool) {
	for _, p := range catalogue {
		if provinceKey(p.Name) == key || p.Code == key {
			return p, true
		}
		for a := range strings.SplitSeq(p.aliases, "|") {
			if a != "" && provinceKey(a) == key {
				return p, true
			}
		}
	}
	return Province{}, false
}

// provinceKey reduces a name to the letters and digits that tell provinces
// apart: "Thành phố Hồ Chí Minh" → "hochiminh", "Bà Rịa - Vũng Tàu" →
// "bariavungtau". The administrative prefix is dropped first, while words are
// still separate, so that no province name loses a real first syllable.
func provinceKey(name string) string {
	s := vn.Fold(name)
	s = strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			return r
		}
		return ' '
	}, s)
	words := strings.Fields(s)
	switch {
	case len(words) > 1 && words[0] == "tinh":
		words = words[1:]
	case len(words) > 2 && words[0] == "thanh" && words[1] == "pho":
		words = words[2:]
	case len(words) > 1 && words[0] == "tp":
		words = words[1:]
	case len(words) > 2 && words[0] == "t" && words[1] == "p": // "T.P. Hà Nội"
		words = words[2:]
	}
	return strings.Join(words, "")
}

// closestProvince returns the official name nearest to key by edit distance,
// for the "did you mean" of an error message.
func closestProvince(catalogue []Province, key string) string {
	best, bestDist := "", -1
	for _, p := range catalogue {
		for n := range strings.SplitSeq(p.Name+"|"+p.aliases, "|") {
			if n == "" {
				continue
			}
			if d := editDistance(provinceKey(n), key); bestDist < 0 || d < bestDist {
				best, bestDist = p.Name, d
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance over bytes; keys are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
