package papi

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Province is one province-level unit in one era of Viet Nam's map. A province
// that came through the 1 July 2025 reform unchanged (Hà Nội, Cao Bằng, …)
// appears twice, once per era, with the same code: the two records cover
// different periods, and history before the reform must still resolve to the
// record that was valid then.
type Province struct {
	Code      string    // two digits: Decision 124/2004/QĐ-TTg (era 63) or 19/2025/QĐ-TTg (era 34)
	Name      string    // official short name without "Tỉnh"/"Thành phố", e.g. "Hưng Yên"
	Kind      string    // "tỉnh" or "thành phố" (a centrally run city)
	ValidFrom time.Time // zero: before the catalogue begins
	ValidTo   time.Time // last day of validity; zero: still valid
	Era       int       // 63 or 34: the number of provinces in the map it belongs to

	successor string // era 63 only: code of the era-34 province it became part of
	aliases   string // other spellings met in data files, separated by "|" (a string keeps Province comparable)
}

// ReformDate is the day the 34-province map took effect (Resolution 202/2025/QH15).
var ReformDate = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// String gives the name and code, as officials quote a unit: "Hưng Yên (33)".
func (p Province) String() string { return p.Name + " (" + p.Code + ")" }

// Valid reports whether the province existed on day d.
func (p Province) Valid(d time.Time) bool {
	if !p.ValidFrom.IsZero() && d.Before(p.ValidFrom) {
		return false
	}
	return p.ValidTo.IsZero() || !d.After(p.ValidTo)
}

//go:embed data/provinces.csv
var provincesCSV string

// The catalogue is parsed once at start-up; a broken embedded file is a
// programming error that every test would reveal, so it panics.
var (
	provinces63 = mustLoadProvinces(63)
	provinces34 = mustLoadProvinces(34)
)

// Provinces returns the catalogue in force in the given year, in code order:
// the 63 provinces up to 2024 and the 34 from 2025. A year counts by its last
// day because PAPI reports a survey year after it ends, and on 31 December 2025
// the 34-province map was in force.
func Provinces(year int) []Province {
	if year >= ReformDate.Year() {
		return slices.Clone(provinces34)
	}
	return slices.Clone(provinces63)
}

// Successor returns the province of the 34-province map that old became part
// of (for an unchanged province, its own later record). A province that is
// already of the 34-province map is its own successor.
func Successor(old Province) (Province, error) {
	if old.Era == 34 {
		return old, nil
	}
	for _, p := range provinces34 {
		if p.Code == old.successor {
			return p, nil
		}
	}
	return Province{}, fmt.Errorf("papi: province %s has no successor in the catalogue", old)
}

// Predecessors returns the provinces of the 63-province map that form p, in
// code order. The one that shares p's code, if any, is the one whose centre p
// kept (Decision 19/2025/QĐ-TTg gives the merged province the code of the
// province where its centre sits).
func Predecessors(p Province) []Province {
	if p.Era != 34 {
		return nil
	}
	var out []Province
	for _, old := range provinces63 {
		if old.successor == p.Code {
			out = append(out, old)
		}
	}
	return out
}

// ResolveForYear returns the record whose results describe p in year: p itself
// when it existed then; for a province of the 34-province map and a year before
// the reform, the predecessor that shares its code (new Hưng Yên before 2025 is
// old Hưng Yên, not Thái Bình). It fails for a province with no predecessor of
// the same code, and for an old province asked about after the reform.
func ResolveForYear(p Province, year int) (Province, error) {
	if (year >= ReformDate.Year()) == (p.Era == 34) {
		return p, nil
	}
	if p.Era == 63 {
		return Province{}, fmt.Errorf("papi: %s no longer exists in %d; it became part of %s", p, year, mustSuccessorName(p))
	}
	for _, old := range Predecessors(p) {
		if old.Code == p.Code {
			return old, nil
		}
	}
	return Province{}, fmt.Errorf("papi: %s has no predecessor with its code before %d", p, ReformDate.Year())
}

func mustSuccessorName(p Province) string {
	s, err := Successor(p)
	if err != nil {
		return "?"
	}
	return s.String()
}

func mustLoadProvinces(era int) []Province {
	ps, err := loadProvinces(provincesCSV, era)
	if err != nil {
		panic(err)
	}
	return ps
}

func loadProvinces(text string, era int) ([]Province, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comment = '#'
	records, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("papi: provinces.csv: %w", err)
	}
	want := fmt.Sprint(era)
	var out []Province
	for _, rec := range records[1:] { // records[0] is the header
		if rec[0] != want {
			continue
		}
		p := Province{Code: rec[1], Name: rec[2], Kind: rec[3], Era: era, successor: rec[6]}
		if p.ValidFrom, err = parseOptionalDate(rec[4]); err != nil {
			return nil, err
		}
		if p.ValidTo, err = parseOptionalDate(rec[5]); err != nil {
			return nil, err
		}
		p.aliases = rec[7]
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Province) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

func parseOptionalDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("papi: provinces.csv: %w", err)
	}
	return t, nil
}
