package papi

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// The expectations below were read off papi-official-2011-2021.csv by sorting
// one year's column (sort -g) and counting lines; the arithmetic is in the
// comments.

func TestRanksCountOnlyProvincesWithATotal(t *testing.T) {
	rows := readOfficial(t)
	for _, tc := range []struct {
		name     string
		year     int
		rank, of int
		total    float64
	}{
		// 2014: Bắc Giang and Đồng Tháp withheld, 63 − 2 = 61 totals; 35.863266 is the 39th largest.
		{"Hưng Yên", 2014, 39, 61, 35.863266},
		// 2018: Quảng Ninh and Đồng Tháp have no total (D2 and D4 withheld): 61 totals.
		{"Hưng Yên", 2018, 37, 61, 43.58051},
		// 2021: Bắc Giang, Bắc Ninh and Quảng Ninh withheld: 60 totals.
		{"Hưng Yên", 2021, 5, 60, 45.36588668823242},
		{"Thừa Thiên Huế", 2021, 1, 60, 48.05908203125},
		{"Hà Giang", 2014, 61, 61, 32.02633},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := StandingOf(rows, mustMatch(t, tc.name, tc.year), tc.year)
			if err != nil {
				t.Fatal(err)
			}
			if s.Rank != tc.rank || s.Of != tc.of || s.Total != Known(tc.total) {
				t.Errorf("%s %d: %v, %d of %d; want %v, %d of %d", tc.name, tc.year, s.Total, s.Rank, s.Of, tc.total, tc.rank, tc.of)
			}
		})
	}
}

func TestAWithheldProvinceHasAStandingWithoutRank(t *testing.T) {
	s, err := StandingOf(readOfficial(t), mustMatch(t, "Bắc Ninh", 2021), 2021)
	if err != nil {
		t.Fatal(err)
	}
	if s.Total.Present || s.Rank != 0 || s.Of != 60 || s.Dimensions[0].GapToBest.Present {
		t.Errorf("Bắc Ninh 2021 = %+v; want no total, rank 0 of 60, no gaps", s)
	}
}

func TestDimensionStandingAgainstBestAndMedian(t *testing.T) {
	s, err := StandingOf(readOfficial(t), mustMatch(t, "Hưng Yên", 2021), 2021)
	if err != nil {
		t.Fatal(err)
	}
	d1 := s.Dimensions[0]
	// 60 D1 scores in 2021; sorted ascending, the 30th is 4.724463 (Vĩnh Phúc) and
	// the 31st 4.751139 (Hà Nam): even count, median = (4.724463 + 4.751139) / 2 = 4.737801.
	// Best: Thanh Hóa 5.8547525; Hưng Yên 5.4033084 is 5th of 60.
	// Gap to best = 5.8547525 − 5.4033084 = 0.4514441; to median = 4.737801 − 5.4033084 = −0.6655074.
	checkClose(t, "D1 median", d1.Median, 4.737801)
	checkClose(t, "D1 best", d1.Best, 5.8547525)
	checkClose(t, "D1 gap to best", d1.GapToBest, 0.4514441)
	checkClose(t, "D1 gap to median", d1.GapToMedian, -0.6655074)
	if d1.BestProvince != "Thanh Hóa" || d1.Rank != 5 || d1.Of != 60 {
		t.Errorf("D1: best %s, rank %d of %d; want Thanh Hóa, 5 of 60", d1.BestProvince, d1.Rank, d1.Of)
	}

	s18, err := StandingOf(readOfficial(t), mustMatch(t, "Hưng Yên", 2018), 2018)
	if err != nil {
		t.Fatal(err)
	}
	// 2018 D2: Quảng Ninh and Đồng Tháp withheld, 61 scores; odd count, median = the 31st, 5.258777 (Yên Bái).
	checkClose(t, "2018 D2 median", s18.Dimensions[1].Median, 5.258777)
	if s18.Dimensions[1].Of != 61 || s18.Dimensions[0].Of != 63 {
		t.Errorf("2018 of: D2 %d, D1 %d; want 61 and 63", s18.Dimensions[1].Of, s18.Dimensions[0].Of)
	}
}

func TestDimensionsAreOrderedByTheGapToTheBest(t *testing.T) {
	s, err := StandingOf(readOfficial(t), mustMatch(t, "Hưng Yên", 2021), 2021)
	if err != nil {
		t.Fatal(err)
	}
	// Gaps to the best in 2021 (best − Hưng Yên):
	// D7 4.725552 − 3.6510477 = 1.0745; D8 3.6056507 − 2.9904537 = 0.6152;
	// D4 8.145935 − 7.539984 = 0.6060; D6 8.464082 − 7.9987307 = 0.4654;
	// D1 0.4514; D2 6.2513657 − 5.8592653 = 0.3921; D3 4.722081 − 4.4186697 = 0.3034;
	// D5 7.76529 − 7.5044274 = 0.2609. Domain.md: weak in D7 and D8, strong in D5.
	var order []string
	for _, d := range s.ByGain() {
		order = append(order, d.Code)
	}
	if got := strings.Join(order, " "); got != "D7 D8 D4 D6 D1 D2 D3 D5" {
		t.Errorf("ByGain = %s", got)
	}
}

func TestSixDimensionYearsHaveSixDimensionsAndAreNotComparedWithEight(t *testing.T) {
	rows := readOfficial(t)
	s, err := StandingOf(rows, mustMatch(t, "Hưng Yên", 2017), 2017)
	if err != nil {
		t.Fatal(err)
	}
	if s.DimensionCount != 6 || len(s.Dimensions) != 6 {
		t.Errorf("2017: %d dimensions (%d listed), want 6", s.DimensionCount, len(s.Dimensions))
	}
	trend := Trend(rows, mustMatch(t, "Hưng Yên", 2021))
	if len(trend) != 11 {
		t.Fatalf("trend has %d years, want 2011..2021", len(trend))
	}
	byYear := map[int]TrendPoint{}
	for _, p := range trend {
		byYear[p.Year] = p
	}
	// 2017 → 2018: 35.86232 (6 dimensions) to 43.58051 (8): not a gain of 7.7 points.
	if p := byYear[2018]; p.Comparable || p.Change.Present || p.DimensionCount != 8 {
		t.Errorf("2018 = %+v; want not comparable with 2017", p)
	}
	// 2020 → 2021: 45.36588668823242 − 42.16981506347656 = 3.19607162475586.
	if p := byYear[2021]; !p.Comparable {
		t.Errorf("2021 not comparable with 2020")
	} else {
		checkClose(t, "2021 change", p.Change, 3.19607162475586)
	}
}

func TestNewHungYenBeforeTheReformStandsAsOldHungYen(t *testing.T) {
	rows := readOfficial(t)
	// Today's Hưng Yên (33, with Thái Bình since 1 July 2025) has no results of its own
	// before 2025; its standing for 2021 is that of the old Hưng Yên (33), among the 63.
	newHY := mustMatch(t, "Hưng Yên", 2026)
	s, err := StandingOf(rows, newHY, 2021)
	if err != nil {
		t.Fatal(err)
	}
	if s.Province != newHY || s.DataFrom.Era != 63 || s.DataFrom.Code != "33" || s.Rank != 5 || s.Of != 60 {
		t.Errorf("standing = %s from %s (era %d), %d of %d; want old Hưng Yên's 5 of 60", s.Province, s.DataFrom, s.DataFrom.Era, s.Rank, s.Of)
	}
	if _, err := StandingOf(rows, mustMatch(t, "Thái Bình", 2021), 2026); err == nil {
		t.Error("Thái Bình in 2026 should be an error: it is part of Hưng Yên")
	}
}

func TestTiesShareARankAndTheNextSkips(t *testing.T) {
	// Four provinces, totals 50, 45, 45, 40: competition ranking gives 1, 2, 2, 4.
	rows := []Result{
		fixture(t, "Hà Nội", 2020, 50), fixture(t, "Hải Phòng", 2020, 45),
		fixture(t, "Đà Nẵng", 2020, 45), fixture(t, "Cần Thơ", 2020, 40),
		{Province: mustMatch(t, "Bắc Ninh", 2020), Year: 2020}, // withheld
	}
	var got []string
	for _, r := range Table(rows, 2020) {
		got = append(got, fmt.Sprintf("%s:%d", r.Province.Name, r.Rank))
	}
	// Equal totals keep code order: Hải Phòng (31) before Đà Nẵng (48); the withheld one last.
	if s := strings.Join(got, " "); s != "Hà Nội:1 Hải Phòng:2 Đà Nẵng:2 Cần Thơ:4 Bắc Ninh:0" {
		t.Errorf("table = %s", s)
	}
	if s, _ := StandingOf(rows, mustMatch(t, "Cần Thơ", 2020), 2020); s.Rank != 4 || s.Of != 4 {
		t.Errorf("Cần Thơ: %d of %d, want 4 of 4", s.Rank, s.Of)
	}
}

func TestTheTableSortsByAnyColumnWithMissingLastAndSearchesWithoutDiacritics(t *testing.T) {
	rows := Table(readOfficial(t), 2018)
	if err := SortTable(rows, "D2", false); err != nil {
		t.Fatal(err)
	}
	// Ascending D2 in 2018: Hậu Giang 4.548412 lowest; Quảng Ninh and Đồng Tháp (withheld) at the end.
	if rows[0].Province.Name != "Hậu Giang" || rows[len(rows)-1].Dimensions[1].Present {
		t.Errorf("first %s, last %s %v", rows[0].Province, rows[len(rows)-1].Province, rows[len(rows)-1].Dimensions[1])
	}
	if err := SortTable(rows, "nonsense", false); err == nil {
		t.Error("sorting by an unknown column should fail")
	}
	if found := FilterTable(rows, "hung yen"); len(found) != 1 || found[0].Province.Code != "33" {
		t.Errorf("FilterTable(hung yen) = %v", found)
	}
}

func TestStandingJSONHasTheCLIKeysAndNullForMissing(t *testing.T) {
	s, err := StandingOf(readOfficial(t), mustMatch(t, "Bắc Ninh", 2021), 2021)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"province", "year", "total", "rank", "of", "dimensions"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing from %s", k, b)
		}
	}
	d := m["dimensions"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "score", "rank", "best", "median", "gap_to_best"} {
		if _, ok := d[k]; !ok {
			t.Errorf("dimension key %q missing", k)
		}
	}
	if m["total"] != nil || d["score"] != nil {
		t.Errorf("withheld values should be null: total %v, D1 %v", m["total"], d["score"])
	}
}

func fixture(t *testing.T, name string, year int, total float64) Result {
	t.Helper()
	return Result{Province: mustMatch(t, name, year), Year: year, Total: Known(total)}
}

func checkClose(t *testing.T, what string, got Score, want float64) {
	t.Helper()
	if !got.Present || math.Abs(got.Value-want) > 1e-9 {
		t.Errorf("%s = %v (%g), want %g", what, got, got.Value, want)
	}
}

func TestAPlansProvinceAndItsLatestOfficialStanding(t *testing.T) {
	results := readOfficial(t)
	// An organisation of today's map: the 2021 results are old Hưng Yên's.
	p, ok := ProvinceIn("UBND tỉnh Hưng Yên", 2026)
	if !ok || p.Name != "Hưng Yên" || p.Era != 34 {
		t.Fatalf("ProvinceIn = %+v, %v", p, ok)
	}
	s, ok := LatestStanding(results, p)
	if !ok || s.Year != 2021 || s.DataFrom.Era != 63 || !s.Dimensions[4].Score.Present {
		t.Fatalf("LatestStanding = %+v, %v", s, ok)
	}
	if _, ok := ProvinceIn("Sở Nội vụ", 2026); ok {
		t.Error("a name without a province found one")
	}
}
