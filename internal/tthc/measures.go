package tthc

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"papihub/internal/registers"
)

// IndexMeasures offers the service index to the plan: a task such as "100%
// of dossiers handled on time" is bound to the indicator that counts it, and
// its instance shows the indicator for the instance's period. The figures
// are the index page's, computed the same way from the aggregates.
type IndexMeasures struct{ store *Store }

// NewIndexMeasures returns the index's measures read from s.
func NewIndexMeasures(s *Store) IndexMeasures { return IndexMeasures{store: s} }

// measurePrefix starts the code of every measure of this register.
const measurePrefix = "tthc."

// totalMeasure is the index's total out of 100.
const totalMeasure = measurePrefix + "TOTAL"

// Measures lists the total and one share per indicator of the scoring table
// in force today, in the table's order.
func (m IndexMeasures) Measures() []registers.Measure {
	out := []registers.Measure{{Code: totalMeasure, Name: "Điểm Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
		NameEN: "Service index score (Decision 766)", Unit: "điểm", Dimension: "D5"}}
	for _, g := range ScoringTableAt(DayOf(time.Now())).Groups {
		for _, in := range g.Indicators {
			out = append(out, registers.Measure{Code: measurePrefix + in.Metric, Name: "Tỷ lệ: " + in.NameVi,
				NameEN: "Share: " + in.NameEn, Share: true, Dimension: indicatorDimension(g.Code)})
		}
	}
	return out
}

// indicatorDimension is the PAPI dimension an indicator group speaks to:
// transparency of procedures (D2), e-government (D8), the rest the quality
// of administrative procedures (D5).
func indicatorDimension(group string) string {
	switch group {
	case "TRANSPARENCY":
		return "D2"
	case "ONLINE", "PAYMENT", "DIGITISATION":
		return "D8"
	}
	return "D5"
}

// Figure computes the index of scope over the days from..to and returns the
// total or the indicator's ratio.
func (m IndexMeasures) Figure(ctx context.Context, code string, scope registers.Scope, from, to time.Time) (registers.Figure, error) {
	unit := UnitInfo{ID: scope.UnitID, Path: scope.UnitPath}
	p := periodOfDays(DateDay(from.Date()), DateDay(to.Date()))
	rep, err := m.store.Index(ctx, unit, p, IndexOptions{})
	if err != nil {
		return registers.Figure{}, err
	}
	link := "/tthc?" + url.Values{"unit": {strconv.FormatInt(unit.ID, 10)}, "period": {p.String()}}.Encode()
	if code == totalMeasure {
		return registers.Figure{Value: rep.Result.Total, Note: "Điểm Chỉ số trên " + strconv.Itoa(int(rep.Result.Max)) + " điểm", Link: link}, nil
	}
	for _, g := range rep.Result.Groups {
		for _, in := range g.Indicators {
			if measurePrefix+in.Metric != code {
				continue
			}
			f := registers.Figure{Num: float64(in.Num), Den: float64(in.Den), NA: in.Ratio == nil, Note: in.NameVi, Link: link}
			if in.Ratio != nil {
				f.Value = *in.Ratio
			}
			return f, nil
		}
	}
	return registers.Figure{}, registers.ErrUnknownMeasure
}

// periodOfDays names the days from..to as the month, quarter or year they
// make up, so that pages and links say "Quý III/2026" rather than two dates.
func periodOfDays(from, to Day) Period {
	y, m, _ := from.Date()
	for _, p := range []Period{monthPeriod(y, m), quarterPeriod(y, (int(m)-1)/3+1), yearPeriod(y)} {
		if p.From == from && p.To == to {
			return p
		}
	}
	return Period{Kind: PeriodRange, From: from, To: to}
}
