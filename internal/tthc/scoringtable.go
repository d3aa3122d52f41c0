package tthc

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
)

// Formula is how an indicator turns its ratio into points.
type Formula string

const (
	// FormulaLinear scores max × ratio.
	FormulaLinear Formula = "linear"
	// FormulaThreshold scores min(max, max × ratio / threshold): full points
	// from the threshold up.
	FormulaThreshold Formula = "threshold"
)

// ZeroRule says what a zero denominator gives.
type ZeroRule string

const (
	ZeroNA   ZeroRule = "na"   // shown as N/A, contributes nothing
	ZeroZero ZeroRule = "zero" // 0 points ("nothing received → 0")
	ZeroFull ZeroRule = "full" // full points ("no feedback → 6")
)

// Indicator is one line of the scoring table. Every ratio is numerator /
// denominator as the national portal reports them, the numerator always
// counting the good cases, so that counts copied from the portal score as
// the portal scores them (domain.md §3). The texts say what each counts, for
// the index page, the what-if page and the CLI.
type Indicator struct {
	Metric        string   `json:"metric"`
	NameVi        string   `json:"nameVi"`
	NameEn        string   `json:"nameEn"`
	NumeratorVi   string   `json:"numeratorVi"`
	DenominatorVi string   `json:"denominatorVi"`
	NumeratorEn   string   `json:"numeratorEn"`
	DenominatorEn string   `json:"denominatorEn"`
	Max           float64  `json:"max"`
	Formula       Formula  `json:"formula"`
	Threshold     float64  `json:"threshold,omitempty"`
	Zero          ZeroRule `json:"zero"`
}

// Group is a group of indicators; its maximum is the sum of theirs.
type Group struct {
	Code       string      `json:"code"`
	NameVi     string      `json:"nameVi"`
	NameEn     string      `json:"nameEn"`
	Indicators []Indicator `json:"indicators"`
}

// ScoringTable is one version of the service-index rules. The portal changed
// weights and thresholds since 2022 and will again, so every result names the
// version it was computed with.
type ScoringTable struct {
	Version   string  `json:"version"`
	ValidFrom string  `json:"validFrom"` // YYYY-MM-DD
	Source    string  `json:"source"`
	Groups    []Group `json:"groups"`
}

// Max returns the sum of the indicators' maxima.
func (g Group) Max() float64 {
	var m float64
	for _, in := range g.Indicators {
		m += in.Max
	}
	return m
}

//go:embed scoring_table.json
var scoringTablesJSON string

// ScoringTables returns the embedded versions, oldest first. They are read
// once and shared by every index computation (decoding them took a fifth of
// the index page's time): callers must not change them.
func ScoringTables() []*ScoringTable { return embeddedTables() }

var embeddedTables = sync.OnceValue(func() []*ScoringTable {
	ts, err := ParseScoringTables(strings.NewReader(scoringTablesJSON))
	if err != nil {
		panic("tthc: embedded scoring table: " + err.Error())
	}
	return ts
})

// ScoringTableAt returns the embedded version in force on day. Before the
// first version the rules of that time are not recorded here, so the first
// version applies; the index names the version it scored with, so the
// reader sees which rules a past period was judged by.
func ScoringTableAt(day Day) *ScoringTable {
	ts := ScoringTables()
	in := ts[0]
	for _, t := range ts[1:] {
		if from, _ := ParseDay(t.ValidFrom); from <= day {
			in = t
		}
	}
	return in
}

// CurrentScoringTable returns the newest embedded version.
func CurrentScoringTable() *ScoringTable {
	ts := ScoringTables()
	return ts[len(ts)-1]
}

// ParseScoringTables reads `{"tables": [...]}` and checks every version.
func ParseScoringTables(r io.Reader) ([]*ScoringTable, error) {
	var doc struct {
		Tables []*ScoringTable `json:"tables"`
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("bảng điểm: %w", err)
	}
	if len(doc.Tables) == 0 {
		return nil, fmt.Errorf("bảng điểm: không có phiên bản nào")
	}
	for _, t := range doc.Tables {
		if err := t.Check(); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(doc.Tables, func(i, j int) bool { return doc.Tables[i].ValidFrom < doc.Tables[j].ValidFrom })
	return doc.Tables, nil
}

// Check validates one version: unique metrics, known formulas and zero
// rules, a threshold in (0, 1] where one is needed, a total of 100, and
// what each numerator and denominator count.
func (t *ScoringTable) Check() error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("bảng điểm %s: %s", t.Version, fmt.Sprintf(format, args...))
	}
	if t.Version == "" {
		return fmt.Errorf("bảng điểm: thiếu mã phiên bản")
	}
	if _, err := ParseDay(t.ValidFrom); err != nil {
		return fail("ngày hiệu lực: %v", err)
	}
	seen := map[string]bool{}
	var total float64
	for _, g := range t.Groups {
		for _, in := range g.Indicators {
			if seen[in.Metric] || in.Metric == "" {
				return fail("chỉ số %q trùng hoặc rỗng", in.Metric)
			}
			seen[in.Metric] = true
			if in.Max <= 0 {
				return fail("chỉ số %s: điểm tối đa phải dương", in.Metric)
			}
			switch in.Formula {
			case FormulaLinear:
			case FormulaThreshold:
				if in.Threshold <= 0 || in.Threshold > 1 {
					return fail("chỉ số %s: ngưỡng phải trong (0, 1]", in.Metric)
				}
			default:
				return fail("chỉ số %s: công thức %q không rõ", in.Metric, in.Formula)
			}
			switch in.Zero {
			case ZeroNA, ZeroZero, ZeroFull:
			default:
				return fail("chỉ số %s: quy tắc mẫu số 0 %q không rõ (na, zero, full)", in.Metric, in.Zero)
			}
			total += in.Max
		}
	}
	if math.Abs(total-100) > 1e-9 {
		return fail("tổng điểm tối đa là %g, không phải 100", total)
	}
	for _, g := range t.Groups {
		for _, in := range g.Indicators {
			if in.NumeratorVi == "" || in.DenominatorVi == "" {
				return fail("chỉ số %s: thiếu mô tả tử số, mẫu số (numeratorVi, denominatorVi)", in.Metric)
			}
		}
	}
	return nil
}

// Indicator returns the line for metric.
func (t *ScoringTable) Indicator(metric string) (Indicator, bool) {
	for _, g := range t.Groups {
		for _, in := range g.Indicators {
			if in.Metric == metric {
				return in, true
			}
		}
	}
	return Indicator{}, false
}
