package plan

import (
	"strings"
	"unicode"

	"papihub/internal/platform/vn"
)

// Plans name their units the way people say them: "VP Sở" for "Văn phòng
// Sở", "Phòng KH-TC" for "Phòng Kế hoạch - Tài chính", "Văn phòng" for the
// department's only office. matchUnit finds the one unit a written name
// means, or none when it is unsure ("các phòng", two units that fit).

// abbreviations expand the short forms in folded names, word by word.
var abbreviations = map[string]string{
	"vp": "van phong", "p": "phong", "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan",
	"tt": "trung tam", "ttr": "thanh tra", "bql": "ban quan ly", "cc": "chi cuc", "mttq": "mat tran to quoc",
	"ub": "uy ban", "bch": "ban chi huy", "qs": "quan su", "ca": "cong an", "cntt": "cong nghe thong tin",
	"tthc": "thu tuc hanh chinh", "hcc": "hanh chinh cong", "&": "va",
}

// unitTypes are the words that say what kind of unit a name is; what
// follows them is the unit's own name, which a plan may abbreviate to
// initials ("Phòng KH-TC").
var unitTypes = []string{"van phong", "phong", "trung tam", "chi cuc", "ban quan ly", "ban", "thanh tra", "bo phan", "doi", "to"}

// unitKey folds a name, expands abbreviations and drops punctuation:
// "VP Sở" → "van phong so".
func unitKey(name string) string {
	f := vn.Fold(name)
	f = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == ' ' || r == '&' {
			return r
		}
		if r >= 0x80 && unicode.IsLetter(r) {
			return r
		}
		return ' '
	}, f)
	words := strings.Fields(f)
	for i, w := range words {
		if full, ok := abbreviations[w]; ok {
			words[i] = full
		}
	}
	return strings.Join(words, " ")
}

// initials of a unit's own name after its type: "phong ke hoach tai chinh" →
// "phong", "khtc".
func initials(key string) (kind, letters string) {
	for _, t := range unitTypes {
		if rest, ok := strings.CutPrefix(key, t+" "); ok {
			var b strings.Builder
			for _, w := range strings.Fields(rest) {
				if w == "va" {
					continue
				}
				b.WriteByte(w[0])
			}
			return t, b.String()
		}
	}
	return "", ""
}

// isGroupName tells a group of units ("các phòng", "các đơn vị thuộc Sở")
// from a unit.
func isGroupName(key string) bool {
	return strings.HasPrefix(key, "cac ") || strings.HasPrefix(key, "tat ca ") || strings.HasPrefix(key, "toan the ")
}

// matchUnit returns the unit a written name means: the same name or short
// name once folded and expanded; else the one unit whose name starts with
// the written one ("Văn phòng" → "Văn phòng Sở"); else the one unit of the
// same type whose initials are written ("Phòng KH-TC"). Zero when none or
// several fit.
func matchUnit(name string, units []UnitRef) int64 {
	key := unitKey(name)
	if key == "" || isGroupName(key) {
		return 0
	}
	keys := make([]string, len(units))
	for i, u := range units {
		keys[i] = unitKey(u.Name)
		if keys[i] == key || u.Short != "" && unitKey(u.Short) == key {
			return u.ID
		}
	}
	if id, n := onlyOne(units, func(i int) bool { return strings.HasPrefix(keys[i], key+" ") }); n == 1 {
		return id
	}
	// "Văn phòng Sở" for a unit named "Văn phòng": the written name adds
	// the parent's word.
	if id, n := onlyOne(units, func(i int) bool { return strings.HasPrefix(key, keys[i]+" ") && len(strings.Fields(keys[i])) >= 2 }); n == 1 {
		return id
	}
	if kind, own, ok := abbreviatedName(key); ok {
		if id, n := onlyOne(units, func(i int) bool {
			k, l := initials(keys[i])
			return k == kind && l == own
		}); n == 1 {
			return id
		}
	}
	return 0
}

// abbreviatedName splits "phong kh tc" into its type and the initials it
// writes ("phong", "khtc"); ok is false for a name spelt out.
func abbreviatedName(key string) (kind, own string, ok bool) {
	for _, t := range unitTypes {
		rest, found := strings.CutPrefix(key, t+" ")
		if !found {
			continue
		}
		for _, w := range strings.Fields(rest) {
			if len(w) > 4 {
				return "", "", false
			}
			own += w
		}
		return t, own, len(own) >= 2
	}
	return "", "", false
}

func onlyOne(units []UnitRef, fits func(i int) bool) (int64, int) {
	var id int64
	n := 0
	for i, u := range units {
		if fits(i) {
			id, n = u.ID, n+1
		}
	}
	return id, n
}
