package tthc

import (
	"context"
	"testing"

	"papihub/internal/audit"
	"papihub/internal/org"
)

// The benchmark's plain-SQL baseline must count what a single scan with
// the definitions spelled out counts, or its timings compare nothing.
func TestRawCountsCountWhatTheDefinitionsSay(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if rep, err := s.GenerateInto(ctx, audit.CLI(), unitOf(t, s, demoAgency), 7, 1500, GenerateOptions{Procedures: 6}, nil, nil); err != nil || rep.Rejected != 0 {
		t.Fatalf("generate: %+v %v", rep, err)
	}
	for _, code := range []string{org.DemoProvinceCode, demoAgency} {
		unit := unitOf(t, s, code)
		for _, name := range []string{"2026", "2026-03", "2026Q2", "2026-03-10..2026-03-10", "2027"} {
			p, err := ParsePeriod(name)
			if err != nil {
				t.Fatal(err)
			}
			var want [3]int64
			if err := s.db.R.QueryRowContext(ctx, `SELECT
	COALESCE(SUM(CASE WHEN received_day BETWEEN $2 AND $3 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN (end_day BETWEEN $2 AND $3 AND verdict > 0) OR (overdue_from <= $3 AND (end_day IS NULL OR end_day > $3)) THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN end_day BETWEEN $2 AND $3 AND verdict IN (1, 2) THEN 1 ELSE 0 END), 0)
FROM tthc_dossiers WHERE unit_id IN (`+subtreeUnits(1)+`)`, escapeLike(unit.Path)+"%", p.From.String(), p.To.String()).Scan(&want[0], &want[1], &want[2]); err != nil {
				t.Fatal(err)
			}
			var got [3]int64
			if got[0], got[1], got[2], err = s.RawCounts(ctx, unit.Path, p); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s %s: %v, the definitions give %v", code, name, got, want)
			}
			if name == "2026" && code == demoAgency && want[0] == 0 {
				t.Fatal("no dossier received in 2026: the test compares nothing")
			}
		}
	}
}
