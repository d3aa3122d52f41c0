package tthc

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"papihub/internal/audit"
	"papihub/internal/registers"
)

func TestPeriodOfDaysNamesWholeMonthsQuartersAndYears(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"2026-08-01", "2026-08-31", "2026-08"},
		{"2026-07-01", "2026-09-30", "2026Q3"},
		{"2026-01-01", "2026-12-31", "2026"},
		{"2026-01-01", "2026-06-30", "2026-01-01..2026-06-30"}, // a half-year has no name of its own here
		{"2026-08-02", "2026-08-31", "2026-08-02..2026-08-31"},
	} {
		from, _ := ParseDay(tc.from)
		to, _ := ParseDay(tc.to)
		if got := periodOfDays(from, to).String(); got != tc.want {
			t.Errorf("periodOfDays(%s, %s) = %s, want %s", tc.from, tc.to, got, tc.want)
		}
	}
}

// TestAMeasureIsTheIndexPagesFigure binds nothing by hand: it asks the
// measures for a quarter and checks them against the index computed for
// the same quarter.
func TestAMeasureIsTheIndexPagesFigure(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	unit := unitOf(t, s, demoAgency)
	if _, err := s.GenerateInto(ctx, audit.CLI(), unit, 3, 2000, GenerateOptions{}, nil, nil); err != nil {
		t.Fatal(err)
	}
	p, _ := ParsePeriod("2026Q2")
	want, err := s.Index(ctx, unit, p, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := NewIndexMeasures(s)
	scope := registers.Scope{UnitID: unit.ID, UnitPath: unit.Path}
	from, to := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)

	total, err := m.Figure(ctx, totalMeasure, scope, from, to)
	if err != nil || total.Value != want.Result.Total || total.Value == 0 {
		t.Fatalf("total = %+v, %v; want %v", total, err, want.Result.Total)
	}
	onTime, err := m.Figure(ctx, "tthc.PROGRESS_ON_TIME", scope, from, to)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range want.Result.Groups {
		for _, in := range g.Indicators {
			if in.Metric == "PROGRESS_ON_TIME" && (onTime.Num != float64(in.Num) || onTime.Den != float64(in.Den) || onTime.Value != *in.Ratio) {
				t.Fatalf("on time = %+v, want %d/%d", onTime, in.Num, in.Den)
			}
		}
	}
	if onTime.Link != "/tthc?period=2026Q2&unit="+strconv.FormatInt(unit.ID, 10) {
		t.Errorf("link = %q", onTime.Link)
	}
	if _, err := m.Figure(ctx, "tthc.NO_SUCH", scope, from, to); !errors.Is(err, registers.ErrUnknownMeasure) {
		t.Errorf("unknown indicator: %v", err)
	}
	codes := map[string]bool{}
	for _, ms := range m.Measures() {
		codes[ms.Code] = true
	}
	if !codes[totalMeasure] || !codes["tthc.PETITION_PROCESSING_ON_TIME"] || len(codes) != 22 {
		t.Errorf("measures = %v, want the total and the 21 indicators", codes)
	}
}
